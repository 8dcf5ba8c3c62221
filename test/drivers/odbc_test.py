#!/usr/bin/python3
"""kpi through ODBC: psqlODBC (the Unicode driver) under unixODBC, with pyodbc.

Power BI and Excel reach PostgreSQL this way.  psqlODBC transfers results as
text; every case must read as a Python str equal to what psql prints, and the
whole demo.report must read as psql shows it.
"""
import os
import sys
import pyodbc
from common import Checker, cases, case_sql, conninfo, REPORT_SQL

ci = conninfo()
c = Checker("odbc")
conn = pyodbc.connect(
    "DRIVER={PostgreSQL Unicode};SERVER=%s;PORT=%d;DATABASE=%s;UID=%s;PWD=;"
    % (ci["host"], ci["port"], ci["dbname"], ci["user"]), autocommit=True)
# pyodbc's defaults for a Unicode driver (UTF-16 both ways) are right for
# psqlODBC's Unicode driver; setencoding("utf-8") would garble the emoji.
cur = conn.cursor()
for name, expected, query in cases():
    cur.execute(case_sql(query))
    v, server_text, typ = cur.fetchone()
    c.value("text", name, expected, v, server_text, typ)
    # a BI tool sizes its columns from SQLDescribeCol: the value must fit
    size = cur.description[0][3]
    if isinstance(v, str) and size:
        c.ok("%s column size" % name, len(v) <= size, "value of %d characters, column size %d" % (len(v), size))

cur.execute(REPORT_SQL)
header = [d[0] for d in cur.description]
rows = [list(r) for r in cur.fetchall()]
c.report("text", header, rows)
conn.close()
sys.exit(c.finish())
