#!/usr/bin/env python3
"""test/safety/ets_statsmodels.py OUTDIR N SEED

Writes OUTDIR/series.csv (id, t, y) with N random series (numpy RandomState
SEED: level, trend, a 12-period season and noise in random proportions,
36 to 72 points) and OUTDIR/fits.csv (id, model, sse): the SSE of
statsmodels ETSModel fitted to each series as ANN, AAN, AAdN and AAA (season
12), with its defaults (maximum likelihood, estimated initial states, the
bounds 1e-4 .. 0.9999 and 0.8 .. 0.98 that R ets uses).
Exit status 3 when statsmodels cannot be imported (the caller skips).
"""
import sys
import warnings

try:
    import numpy as np
    from statsmodels.tsa.exponential_smoothing.ets import ETSModel
except ImportError:
    sys.exit(3)

warnings.simplefilter("ignore")
out, n, seed = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
rs = np.random.RandomState(seed)
models = {"ANN": dict(), "AAN": dict(trend="add"),
          "AAdN": dict(trend="add", damped_trend=True),
          "AAA": dict(trend="add", seasonal="add", seasonal_periods=12)}
with open(out + "/series.csv", "w") as fs, open(out + "/fits.csv", "w") as ff:
    for k in range(n):
        length = rs.randint(36, 73)
        t = np.arange(length)
        y = (100 * rs.rand() + rs.randn() * rs.rand() * t
             + 10 * rs.rand() * np.sin(2 * np.pi * t / 12 + 6 * rs.rand())
             + np.cumsum(rs.randn(length)) * rs.rand()
             + rs.randn(length) * (0.5 + 3 * rs.rand()))
        for i, v in enumerate(y):
            fs.write("%d,%d,%r\n" % (k, i, float(v)))
        for name, kw in models.items():
            fit = ETSModel(y, error="add", **kw).fit(disp=False)
            ff.write("%d,%s,%r\n" % (k, name, float(np.sum(fit.resid ** 2))))
