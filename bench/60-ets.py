#!/usr/bin/env python3
"""bench/60-ets.py — the statsmodels side of bench/60-ets.sql.

Reads the benchmark's series from PostgreSQL (psql COPY, so the time
includes data access as kpi's does), fits each with statsmodels ETSModel as
Holt's linear trend (ETS(A,A,N)) and as additive Holt-Winters (ETS(A,A,A),
season 12), with ETSModel's defaults, and writes the times and the SSEs back
into bench_ets_sm (model, seconds, series) and bench_ets_sm_sse (id, model,
sse).  Run by bench/60-ets.sql through psql's \\!, with the libpq variables
of the benchmark's cluster.
"""
import csv
import io
import os
import subprocess
import sys
import time
import warnings

import numpy as np
from statsmodels.tsa.exponential_smoothing.ets import ETSModel

warnings.simplefilter("ignore")
psql = [os.path.join(os.environ.get("KPI_BIN", ""), "psql") if os.environ.get("KPI_BIN") else "psql",
        "-X", "-q", "-v", "ON_ERROR_STOP=1", "-d", os.environ.get("KPI_BENCH_DB", "kpi_bench")]
table = sys.argv[1] if len(sys.argv) > 1 else "bench_ets"

models = {"AAN": dict(trend="add"), "AAA": dict(trend="add", seasonal="add", seasonal_periods=12)}
times, sses = [], []
for name, kw in models.items():
    t0 = time.perf_counter()
    out = subprocess.run(psql + ["-c", "COPY (SELECT id, v FROM %s ORDER BY id, month) TO STDOUT" % table],
                         check=True, capture_output=True, text=True).stdout
    series = {}
    for line in out.splitlines():
        k, v = line.split("\t")
        series.setdefault(int(k), []).append(float(v))
    for k, y in series.items():
        fit = ETSModel(np.array(y), error="add", **kw).fit(disp=False)
        sses.append((k, name, float(np.sum(fit.resid ** 2))))
    times.append((name, time.perf_counter() - t0, len(series)))

buf = io.StringIO()
w = csv.writer(buf)
for r in sses:
    w.writerow(r)
subprocess.run(psql + ["-c", "COPY bench_ets_sm_sse FROM STDIN CSV"], input=buf.getvalue(), check=True, text=True)
buf = io.StringIO()
w = csv.writer(buf)
for r in times:
    w.writerow(r)
subprocess.run(psql + ["-c", "COPY bench_ets_sm FROM STDIN CSV"], input=buf.getvalue(), check=True, text=True)
