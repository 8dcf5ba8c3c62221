"""Shared by the driver tests: the cases, the expected report, the checks."""
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
NUM = r"-?(?:[0-9]+(?:\.[0-9]+)?(?:e[-+][0-9]+)?|Infinity|NaN)"
NULL = "\\N"


def conninfo():
    return dict(host=os.environ.get("KPI_DRIVERS_HOST", "127.0.0.1"),
                port=int(os.environ["PGPORT"]),
                user=os.environ.get("PGUSER", "postgres"),
                dbname=os.environ.get("KPI_DRIVERS_DB", "kpi_drivers"))


def cases():
    out = []
    with open(os.path.join(HERE, "cases.tsv"), encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\n")
            if not line or line.startswith("#"):
                continue
            name, expected, query = line.split("\t")
            out.append((name, expected, query))
    return out


def case_sql(query):
    """The query wrapped so the server also says its text and type."""
    return ("SELECT v, v::text AS server_text, pg_catalog.format_type(pg_catalog.pg_typeof(v), NULL) AS type "
            "FROM (%s) AS q(v)" % query)


REPORT_SQL = 'SELECT * FROM demo.report ORDER BY position, "#"'


def report_expected():
    """psql's rendering of demo.report: header line, then one tab-separated line per row."""
    with open(os.environ["KPI_DRIVERS_REPORT"], encoding="utf-8") as f:
        return f.read().rstrip("\n").split("\n")


class Checker:
    def __init__(self, driver):
        self.driver, self.passed, self.failed = driver, 0, []

    def ok(self, name, cond, detail=""):
        if cond:
            self.passed += 1
        else:
            self.failed.append("%s: %s" % (name, detail))
            print("not ok - %s %s: %s" % (self.driver, name, detail))

    def value(self, mode, name, expected, got, server_text, typ):
        """got: the driver's value (None for NULL).  A value of a kpi type must
        arrive as a str; a built-in number may arrive as a number, which is
        then compared in its str() form."""
        label = "%s [%s]" % (name, mode)
        if typ.startswith("kpi.") and not isinstance(got, (str, type(None))):
            self.ok(label, False, "%s read as %r (%s), not as text" % (typ, got, type(got).__name__))
            return
        shown = NULL if got is None else str(got)
        server = NULL if server_text is None else server_text
        if expected.startswith("~"):
            good = re.search(expected[1:].replace("NUM", NUM), shown) is not None
        else:
            good = shown == expected
        self.ok(label, good and shown == server,
                "driver read %r, server prints %r, expected %r" % (shown, server, expected))

    def report(self, mode, header, rows):
        lines = ["\t".join(header)] + ["\t".join(NULL if v is None else str(v) for v in r) for r in rows]
        want = report_expected()
        label = "demo.report [%s]" % mode
        if lines == want:
            self.ok(label, True)
        else:
            bad = [i for i, (a, b) in enumerate(zip(lines, want)) if a != b]
            first = bad[0] if bad else min(len(lines), len(want))
            self.ok(label, False, "%d lines (psql %d); first difference at line %d:\n  driver %r\n  psql   %r"
                    % (len(lines), len(want), first,
                       lines[first] if first < len(lines) else None,
                       want[first] if first < len(want) else None))

    def finish(self):
        print("%s: %d passed, %d failed" % (self.driver, self.passed, len(self.failed)))
        return 0 if not self.failed else 1
