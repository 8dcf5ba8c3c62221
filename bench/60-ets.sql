-- bench/60-ets.sql — exponential smoothing fits, kpi against statsmodels,
-- side by side in one run (serial plans).
--
--   1. 2,000 monthly series of 48 points (trend, a 12-month season and
--      noise in random proportions), fitted with estimated parameters and
--      initial states as Holt's linear trend (AAN) and additive
--      Holt-Winters (AAA): kpi.ets in one query against statsmodels
--      ETSModel in Python (bench/60-ets.py), both including their own data
--      access (kpi reads the table; Python reads it through psql COPY).
--      kpi uses bounds => 'statsmodels', ETSModel's parameter region, so
--      the SSEs compare like for like.  Aim: at least 20x faster, with an
--      SSE no worse on every series.
--   2. the cost of one AAA fit as the series grows from 48 to 480 points
--      (aim: at most 12x).
-- KPI_BENCH_ETS_SERIES (default 2000) sets the number of series.
\set ON_ERROR_STOP on
SET client_min_messages = notice;
SET max_parallel_workers_per_gather = 0;
SET jit = off;
SET work_mem = '256MB';
\set nseries `echo "${KPI_BENCH_ETS_SERIES:-2000}"`

DROP TABLE IF EXISTS bench_ets, bench_ets_long, bench_ets_sm, bench_ets_sm_sse, bench_ets_kpi;
SELECT setseed(0.25);
CREATE TABLE bench_ets AS
SELECT id, (DATE '2020-01-01' + i * interval '1 month')::date AS month,
       level + slope * i + amp * sin(2 * pi() * i / 12 + phase) + noise * (random() + random() + random() - 1.5) * 2 AS v
FROM (SELECT id, 50 + 100 * random() AS level, random() - 0.5 AS slope, 10 * random() AS amp,
             6 * random() AS phase, 0.5 + 3 * random() AS noise
      FROM generate_series(1, :nseries) id) p,
     generate_series(0, 47) i;
CREATE TABLE bench_ets_long AS
SELECT id, i, 50 + 0.1 * i + 5 * sin(2 * pi() * i / 12 + id) + 2 * (random() - 0.5) AS v
FROM generate_series(1, 200) id, generate_series(0, 479) i;
VACUUM ANALYZE bench_ets;
VACUUM ANALYZE bench_ets_long;
CREATE TABLE bench_ets_sm (model text, seconds float8, series int);
CREATE TABLE bench_ets_sm_sse (id int, model text, sse float8);
CREATE TABLE bench_ets_kpi (id int, model text, sse float8);

CREATE FUNCTION pg_temp.timed(q text) RETURNS float8 LANGUAGE plpgsql AS $$
DECLARE t0 timestamptz := clock_timestamp();
BEGIN
    EXECUTE q;
    RETURN extract(epoch FROM clock_timestamp() - t0)::float8;
END $$;

-- 1. kpi: one query per model, the fits stored for the SSE comparison
CREATE TEMP TABLE kpi_times AS
SELECT m AS model,
       pg_temp.timed(format($q$INSERT INTO bench_ets_kpi
                             SELECT id, %L, (kpi.ets(kpi.series(v, month), %L, bounds => 'statsmodels')).sse
                             FROM bench_ets GROUP BY id$q$, m, m)) AS seconds
FROM unnest(ARRAY['AAN', 'AAA']) m;

-- statsmodels (skipped, saying so, when python3 with statsmodels is absent)
\! for p in /usr/bin/python3 python3; do if command -v "$p" >/dev/null 2>&1 && "$p" -c 'import statsmodels' 2>/dev/null; then exec "$p" bench/60-ets.py bench_ets; fi; done; echo 'statsmodels is not installed (python3-statsmodels): the comparison with statsmodels was skipped'

\pset footer off
\echo
\echo 'ETS fits of monthly series of 48 points, estimated parameters and initial states (including data access)'
SELECT k.model AS "Model", :nseries AS "Series",
       round(k.seconds::numeric, 2) AS "kpi s",
       round((1000 * k.seconds / :nseries)::numeric, 3) AS "kpi ms/fit",
       round(s.seconds::numeric, 2) AS "statsmodels s",
       round((s.seconds / k.seconds)::numeric, 1) AS "kpi faster (x)",
       (SELECT count(*) FILTER (WHERE b.sse <= a.sse * (1 + 1e-9)) || ' of ' || count(*)
        FROM bench_ets_kpi b JOIN bench_ets_sm_sse a USING (id, model) WHERE b.model = k.model) AS "kpi SSE no worse",
       (SELECT round(max(b.sse / a.sse)::numeric, 9)
        FROM bench_ets_kpi b JOIN bench_ets_sm_sse a USING (id, model) WHERE b.model = k.model) AS "worst SSE ratio"
FROM kpi_times k LEFT JOIN bench_ets_sm s USING (model)
ORDER BY k.model DESC;
\echo 'Aim: at least 20x faster than statsmodels ETSModel, SSE no worse (kpi with bounds => ''statsmodels'', the same region).'

-- 2. 48 -> 480 points, AAA, 200 series each
\echo
\echo 'Cost of one ETS(A,A,A) fit as the series grows (200 series each)'
WITH t AS (
    SELECT n, pg_temp.timed(format($q$SELECT count((e).sse) FROM (SELECT kpi.ets(kpi.series(v, i), 'AAA', 12) AS e
                                     FROM bench_ets_long WHERE i < %s GROUP BY id) q$q$, n)) / 200 AS s
    FROM unnest(ARRAY[48, 120, 240, 480]) n
)
SELECT n AS "Points", round((1000 * s)::numeric, 3) AS "ms per fit",
       round((s / first_value(s) OVER (ORDER BY n))::numeric, 1) AS "vs 48 points"
FROM t ORDER BY n;
\echo 'Aim: at most 12x from 48 to 480 points.'

DROP TABLE bench_ets, bench_ets_long, bench_ets_sm, bench_ets_sm_sse, bench_ets_kpi;
