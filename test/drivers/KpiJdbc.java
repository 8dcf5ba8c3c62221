// kpi through JDBC: the PostgreSQL JDBC driver (pgjdbc), as Metabase and
// DBeaver use it.  Every case is read with getString() and must equal the
// text psql prints, and demo.report must read whole, in three modes:
//
//   text           prepareThreshold=0: unnamed statements, every column as text
//   binary         prepareThreshold=-1, binaryTransfer=true: server-prepared
//                  statements from the first run, binary for every type
//                  pgjdbc knows (numbers, dates); kpi's types arrive as text
//   binary-forced  as binary, and binaryTransferEnable=<the OIDs of every kpi
//                  type>: kpi.rag arrives in its binary form (its label, as
//                  enums are sent): pgjdbc's getString() gives null for a
//                  binary value of a type it does not know, but getBytes()
//                  must read the label ('amber'); the other
//                  kpi types have binary forms pgjdbc cannot decode (a
//                  composite's binary record, a state's float8s), so they
//                  are only listed with what pgjdbc made of them.
//
// Usage: java -cp postgresql.jar:. KpiJdbc HOST PORT DB USER CASES.tsv REPORT.tsv
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.sql.*;
import java.util.*;
import java.util.regex.Pattern;
import org.postgresql.PGResultSetMetaData;

public class KpiJdbc {
    static final String NUM = "-?(?:[0-9]+(?:\\.[0-9]+)?(?:e[-+][0-9]+)?|Infinity|NaN)";
    static int passed = 0;
    static List<String> failed = new ArrayList<>();

    static void ok(String name, boolean cond, String detail) {
        if (cond) { passed++; return; }
        failed.add(name);
        System.out.println("not ok - jdbc " + name + ": " + detail);
    }

    public static void main(String[] a) throws Exception {
        String url = "jdbc:postgresql://" + a[0] + ":" + a[1] + "/" + a[2];
        List<String[]> cases = new ArrayList<>();
        for (String line : Files.readAllLines(Paths.get(a[4]), StandardCharsets.UTF_8)) {
            if (line.isEmpty() || line.startsWith("#")) continue;
            cases.add(line.split("\t", 3));
        }
        List<String> report = Files.readAllLines(Paths.get(a[5]), StandardCharsets.UTF_8);

        // the OIDs of kpi's types, for binaryTransferEnable
        String kpiOids, ragOid;
        Properties base = new Properties();
        base.setProperty("user", a[3]);
        try (Connection c = DriverManager.getConnection(url, base);
             Statement s = c.createStatement();
             ResultSet r = s.executeQuery(
                 "SELECT string_agg(oid::text, ',' ORDER BY oid), " +
                 "       min(oid) FILTER (WHERE typname = 'rag')::text FROM pg_catalog.pg_type " +
                 "WHERE typnamespace = 'kpi'::regnamespace AND typelem = 0")) {
            r.next();
            kpiOids = r.getString(1);
            ragOid = r.getString(2);
        }

        for (String mode : new String[] {"text", "binary", "binary-forced"}) {
            Properties p = new Properties();
            p.setProperty("user", a[3]);
            if (mode.equals("text")) {
                p.setProperty("prepareThreshold", "0");
                p.setProperty("binaryTransfer", "false");
            } else {
                p.setProperty("prepareThreshold", "-1");
                p.setProperty("binaryTransfer", "true");
                if (mode.equals("binary-forced")) p.setProperty("binaryTransferEnable", kpiOids);
            }
            try (Connection c = DriverManager.getConnection(url, p)) {
                for (String[] cs : cases) {
                    String name = cs[0] + " [" + mode + "]", expected = cs[1];
                    String sql = "SELECT v, v::text AS server_text, " +
                        "pg_catalog.format_type(pg_catalog.pg_typeof(v), NULL) AS type, " +
                        "pg_catalog.pg_typeof(v)::oid::text AS oid FROM (" + cs[2] + ") AS q(v)";
                    try (PreparedStatement ps = c.prepareStatement(sql); ResultSet r = ps.executeQuery()) {
                        r.next();
                        String got = r.getString(1), server = r.getString(2), oid = r.getString(4);
                        int format = ((PGResultSetMetaData) r.getMetaData()).getFormat(1);
                        boolean kpiType = Arrays.asList(kpiOids.split(",")).contains(oid);
                        if (mode.equals("binary") && r.getString(3).equals("double precision"))
                            ok(name + " sent in binary", format == 1, "format " + format);
                        if (mode.equals("binary-forced") && oid.equals(ragOid)) {
                            // pgjdbc's getString() gives null for a binary value of a type
                            // it does not know; the bytes are kpi.rag's label all the same
                            byte[] raw = r.getBytes(1);
                            String label = raw == null ? "\\N" : new String(raw, StandardCharsets.UTF_8);
                            ok(name + " sent in binary", got == null && server == null || format == 1, "format " + format);
                            ok(name + " binary bytes", label.equals(expected) && label.equals(server == null ? "\\N" : server),
                               "binary bytes read '" + label + "', server prints '" + server + "'");
                            continue;
                        }
                        if (mode.equals("binary-forced") && kpiType) {
                            System.out.println("# jdbc " + name + ": " + r.getString(3) + " sent in "
                                + (format == 1 ? "binary" : "text") + ", getString() gives "
                                + (got == null ? "null" : got.length() > 40 ? got.substring(0, 40) + "..." : got));
                            continue;
                        }
                        String shown = got == null ? "\\N" : got;
                        String want = server == null ? "\\N" : server;
                        boolean good = expected.startsWith("~")
                            ? Pattern.compile(expected.substring(1).replace("NUM", NUM)).matcher(shown).find()
                            : shown.equals(expected);
                        ok(name, good && shown.equals(want),
                           "driver read '" + shown + "', server prints '" + want + "', expected '" + expected + "'");
                    }
                }
                try (PreparedStatement ps = c.prepareStatement("SELECT * FROM demo.report ORDER BY position, \"#\"");
                     ResultSet r = ps.executeQuery()) {
                    ResultSetMetaData md = r.getMetaData();
                    List<String> lines = new ArrayList<>();
                    StringBuilder h = new StringBuilder();
                    for (int i = 1; i <= md.getColumnCount(); i++) h.append(i > 1 ? "\t" : "").append(md.getColumnLabel(i));
                    lines.add(h.toString());
                    while (r.next()) {
                        StringBuilder b = new StringBuilder();
                        for (int i = 1; i <= md.getColumnCount(); i++) {
                            String v = r.getString(i);
                            b.append(i > 1 ? "\t" : "").append(v == null ? "\\N" : v);
                        }
                        lines.add(b.toString());
                    }
                    int first = -1;
                    for (int i = 0; i < Math.max(lines.size(), report.size()); i++) {
                        if (i >= lines.size() || i >= report.size() || !lines.get(i).equals(report.get(i))) { first = i; break; }
                    }
                    ok("demo.report [" + mode + "]", first < 0, first < 0 ? "" :
                       lines.size() + " lines (psql " + report.size() + "); first difference at line " + first + ":\n  driver "
                       + (first < lines.size() ? lines.get(first) : null) + "\n  psql   "
                       + (first < report.size() ? report.get(first) : null));
                }
            }
        }
        System.out.println("jdbc: " + passed + " passed, " + failed.size() + " failed");
        System.exit(failed.isEmpty() ? 0 : 1);
    }
}
