#!/usr/bin/python3
"""kpi through psycopg2 (text transfer: psycopg2 has no binary results).

Every case reads as the text psql prints; composites also load into named
tuples with register_composite; the whole demo.report reads as psql shows it;
and every type of schema kpi has a case (so a new type needs one).
"""
import sys
import psycopg2
import psycopg2.extras
from common import Checker, cases, case_sql, conninfo, REPORT_SQL

c = Checker("psycopg2")
conn = psycopg2.connect(**conninfo())
conn.set_client_encoding("UTF8")
cur = conn.cursor()

covered = set()
for name, expected, query in cases():
    cur.execute(case_sql(query))
    v, server_text, typ = cur.fetchone()
    covered.add(typ)
    c.value("text", name, expected, v, server_text, typ)

# composites as Python values, as a notebook would use them
psycopg2.extras.register_composite("kpi.rag_counts", cur)
psycopg2.extras.register_composite("kpi.ci", cur)
cur.execute("SELECT kpi.rag_counts(r) FROM unnest('{red,amber,green,green,NULL}'::kpi.rag[]) AS r")
rc = cur.fetchone()[0]
c.ok("register_composite kpi.rag_counts", (rc.red, rc.amber, rc.green, rc.unrated) == (1, 1, 2, 1), repr(rc))
cur.execute("SELECT kpi.wilson_ci(45, 100)")
ci = cur.fetchone()[0]
c.ok("register_composite kpi.ci", isinstance(ci.lower, float) and 0.35 < ci.lower < ci.upper < 0.55, repr(ci))

# every kpi type (base and composite, not arrays) has a case
cur.execute("""SELECT pg_catalog.format_type(t.oid, NULL) FROM pg_catalog.pg_type t
               WHERE t.typnamespace = 'kpi'::regnamespace AND t.typtype IN ('b', 'c', 'd', 'e')
                 AND t.typelem = 0 ORDER BY 1""")
types = [r[0] for r in cur.fetchall()]
missing = [t for t in types if t not in covered]
c.ok("every kpi type has a case (%d types)" % len(types), not missing,
     "no case in test/drivers/cases.tsv for: " + ", ".join(missing))

cur.execute(REPORT_SQL)
c.report("text", [d.name for d in cur.description], cur.fetchall())
conn.close()
sys.exit(c.finish())
