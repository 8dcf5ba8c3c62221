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
--      (aim: at most 12x), the sizes interleaved, medians of several rounds.
-- KPI_BENCH_ETS_SERIES (default 2000) sets the number of series,
-- KPI_BENCH_ETS_REPS (default 5) the rounds of part 2.
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

-- 2. 48 -> 480 points, AAA, the same 200 series cut at each length.  One
--    wall-clock timing of 200 fits is noisy on a shared machine (single
--    runs gave 6x and 18x), so:
--    - each timing is the backend's own CPU time (utime + stime from
--      /proc/self/stat, Linux; other processes' load does not count), with
--      the wall-clock time beside it;
--    - the sizes are interleaved in one run, KPI_BENCH_ETS_REPS rounds
--      (default 5) after an untimed warm-up round, in alternating order
--      (48, 120, 240, 480, then 480, ..., 48);
--    - the medians are reported: per size, and over the rounds of each
--      round's own ratio (its timings taken moments apart, so a load that
--      drifts during the run affects both).
\set reps `echo "${KPI_BENCH_ETS_REPS:-5}"`
CREATE TEMP TABLE grow_reps AS SELECT :reps::int AS reps;
CREATE TEMP TABLE grow_times (rep int, n int, cpu float8, wall float8);
-- seconds of CPU this backend has used; NULL without /proc (then only wall-clock)
CREATE FUNCTION pg_temp.cpu_seconds() RETURNS float8 LANGUAGE plpgsql AS $$
DECLARE f text[];
BEGIN
    -- the fields after "(comm) ": state is field 3, utime 14 and stime 15, in 1/100 s
    f := regexp_split_to_array(substr(pg_read_file('/proc/self/stat'), strpos(pg_read_file('/proc/self/stat'), ') ') + 2), ' ');
    RETURN (f[12]::float8 + f[13]::float8) / 100;
EXCEPTION WHEN OTHERS THEN
    RETURN NULL;
END $$;
DO $$
DECLARE
    reps int := (SELECT reps FROM grow_reps);
    sizes int[];
    n int;
    c0 float8;
    t0 timestamptz;
    q text;
BEGIN
    FOR rep IN 0 .. reps LOOP
        IF rep % 2 = 0 THEN sizes := ARRAY[480, 240, 120, 48]; ELSE sizes := ARRAY[48, 120, 240, 480]; END IF;
        FOREACH n IN ARRAY sizes LOOP
            q := format($q$SELECT count((e).sse) FROM (SELECT kpi.ets(kpi.series(v, i), 'AAA', 12) AS e
                                                  FROM bench_ets_long WHERE i < %s GROUP BY id) q$q$, n);
            c0 := pg_temp.cpu_seconds();
            t0 := clock_timestamp();
            EXECUTE q;
            -- round 0 is the warm-up, not kept
            IF rep > 0 THEN
                INSERT INTO grow_times
                VALUES (rep, n, (pg_temp.cpu_seconds() - c0) / 200, extract(epoch FROM clock_timestamp() - t0)::float8 / 200);
            END IF;
        END LOOP;
    END LOOP;
END $$;
\echo
\echo 'Cost of one ETS(A,A,A) fit as the series grows (200 series each; sizes interleaved; medians of the rounds)'
WITH med AS (
    SELECT n, count(*) AS rounds,
           percentile_cont(0.5) WITHIN GROUP (ORDER BY cpu) AS cpu,
           percentile_cont(0.5) WITHIN GROUP (ORDER BY wall) AS wall
    FROM grow_times GROUP BY n
), per_round AS (
    SELECT t.n, percentile_cont(0.5) WITHIN GROUP (ORDER BY t.cpu / nullif(b.cpu, 0)) AS cpu_ratio,
           percentile_cont(0.5) WITHIN GROUP (ORDER BY t.wall / b.wall) AS wall_ratio
    FROM grow_times t JOIN grow_times b ON b.rep = t.rep AND b.n = 48
    GROUP BY t.n
)
SELECT n AS "Points", rounds AS "Rounds",
       round((1000 * cpu)::numeric, 3) AS "CPU ms per fit",
       round(p.cpu_ratio::numeric, 1) AS "CPU vs 48 (median of rounds)",
       round((1000 * wall)::numeric, 3) AS "wall ms per fit",
       round(p.wall_ratio::numeric, 1) AS "wall vs 48 (median of rounds)"
FROM med JOIN per_round p USING (n) ORDER BY n;
\echo 'Aim: at most 12x from 48 to 480 points.'

DROP TABLE bench_ets, bench_ets_long, bench_ets_sm, bench_ets_sm_sse, bench_ets_kpi;
