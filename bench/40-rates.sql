-- Benchmark: rolling rates as window functions, kpi against plain SQL.
--
--   1. kpi.rolling_rate over 12-row frames against what a user writes
--      without kpi: sum(int8) OVER w * per / avg(int8) OVER w;
--   2. kpi.rolling_rate over 12-, 120- and 1200-row frames: moving-aggregate
--      mode makes each row O(1), so the time should stay flat;
--   3. float8 numerators: kpi.rolling_rate against sum(float8) OVER w /
--      avg(float8) OVER w — PostgreSQL has no inverse for float8 sums (it
--      would be inexact), so it recomputes every frame;
--   4. the price of correct rounding: kpi.rate over 10^6 rows against
--      0.1.0's arithmetic written in SQL (c / d * p, one rounding too many)
--      and against numeric ((c::numeric * p) / d)::float8, for counts whose
--      product with per is exact in float8 (one division) and for counts up
--      to 10^18 (128-bit integer division), and rolling rates whose sums
--      pass 2^53 (computed in numeric).
--
-- Each query is timed with clock_timestamp(), best of 5 (of 3 when the
-- runs take over 10 s in all), and consumed by
-- an outer aggregate so that no rows travel to the client.

CREATE EXTENSION IF NOT EXISTS kpi;
SET max_parallel_workers_per_gather = 0;   -- window functions run serially anyway
SET work_mem = '256MB';

DROP TABLE IF EXISTS bench_rates;
CREATE TABLE bench_rates AS
SELECT i,
       (i * 7919 % 500)::int8 AS events,
       (40000 + i * 104729 % 20000)::int8 AS pop
FROM generate_series(1::int8, 500000) AS i;
VACUUM ANALYZE bench_rates;

-- float8 on fewer rows: the plain-SQL side recomputes every frame, and
-- 500,000 rows of 1200-row frames would take minutes
DROP TABLE IF EXISTS bench_rates_f;
CREATE TABLE bench_rates_f AS
SELECT i, (i * 7919 % 500)::float8 + (i % 7) / 8.0 AS events_f,
       (40000 + i * 104729 % 20000)::float8 AS pop_f
FROM generate_series(1::int8, 50000) AS i;
VACUUM ANALYZE bench_rates_f;

DO $bench$
DECLARE
    q    record;
    t0   timestamptz;
    best float8;
    ms   float8;
    spent float8;
    times jsonb := '{}';
    queries text[][] := ARRAY[
        ['kpi_12',   $q$SELECT sum(r) FROM (SELECT kpi.rolling_rate(events, pop, 10000) OVER (ORDER BY i ROWS 11 PRECEDING) AS r FROM bench_rates) s$q$],
        ['sql_12',   $q$SELECT sum(r) FROM (SELECT sum(events) OVER w * 10000 / avg(pop) OVER w AS r FROM bench_rates WINDOW w AS (ORDER BY i ROWS 11 PRECEDING)) s$q$],
        ['kpi_120',  $q$SELECT sum(r) FROM (SELECT kpi.rolling_rate(events, pop, 10000) OVER (ORDER BY i ROWS 119 PRECEDING) AS r FROM bench_rates) s$q$],
        ['kpi_1200', $q$SELECT sum(r) FROM (SELECT kpi.rolling_rate(events, pop, 10000) OVER (ORDER BY i ROWS 1199 PRECEDING) AS r FROM bench_rates) s$q$],
        ['sql_1200', $q$SELECT sum(r) FROM (SELECT sum(events) OVER w * 10000 / avg(pop) OVER w AS r FROM bench_rates WINDOW w AS (ORDER BY i ROWS 1199 PRECEDING)) s$q$],
        ['kpif_12',  $q$SELECT sum(r) FROM (SELECT kpi.rolling_rate(events_f, pop_f, 10000) OVER (ORDER BY i ROWS 11 PRECEDING) AS r FROM bench_rates_f) s$q$],
        ['sqlf_12',  $q$SELECT sum(r) FROM (SELECT sum(events_f) OVER w * 10000 / avg(pop_f) OVER w AS r FROM bench_rates_f WINDOW w AS (ORDER BY i ROWS 11 PRECEDING)) s$q$],
        ['kpif_120', $q$SELECT sum(r) FROM (SELECT kpi.rolling_rate(events_f, pop_f, 10000) OVER (ORDER BY i ROWS 119 PRECEDING) AS r FROM bench_rates_f) s$q$],
        ['sqlf_120', $q$SELECT sum(r) FROM (SELECT sum(events_f) OVER w * 10000 / avg(pop_f) OVER w AS r FROM bench_rates_f WINDOW w AS (ORDER BY i ROWS 119 PRECEDING)) s$q$],
        ['kpif_1200', $q$SELECT sum(r) FROM (SELECT kpi.rolling_rate(events_f, pop_f, 10000) OVER (ORDER BY i ROWS 1199 PRECEDING) AS r FROM bench_rates_f) s$q$],
        ['sqlf_1200', $q$SELECT sum(r) FROM (SELECT sum(events_f) OVER w * 10000 / avg(pop_f) OVER w AS r FROM bench_rates_f WINDOW w AS (ORDER BY i ROWS 1199 PRECEDING)) s$q$]
    ];
BEGIN
    EXECUTE queries[1][2];  -- warm up caches before timing anything
    FOR k IN 1 .. array_length(queries, 1) LOOP
        best := 'Infinity';
        spent := 0;
        FOR run IN 1 .. 5 LOOP
            t0 := clock_timestamp();
            EXECUTE queries[k][2];
            ms := extract(epoch FROM clock_timestamp() - t0) * 1000;
            best := least(best, ms);
            spent := spent + ms;
            EXIT WHEN run >= 3 AND spent > 10000;   -- slow plain-SQL queries: best of 3
        END LOOP;
        times := times || jsonb_build_object(queries[k][1], best);
    END LOOP;

    RAISE NOTICE '%', format(E'\nkpi.rolling_rate as a window function, best of 5 (ms); int8: 500,000 rows, float8: 50,000 rows\n'
        '%-58s %10s %10s %8s\n'
        '%-58s %10s %10s %8s\n'
        '%-58s %10s %10s %8s\n'
        '%-58s %10s %10s %8s\n'
        '%-58s %10s %10s %8s\n'
        '%-58s %10s %10s %8s\n'
        '%-58s %10s %10s %8s\n'
        'frame-size flatness, int8: 1200-row / 12-row = %s (aim: within 1.3)\n'
        'frame-size flatness, float8: 1200-row / 12-row = %s',
        'query', 'kpi', 'plain SQL', 'ratio',
        'int8, 12-row frames vs sum(int8)*per/avg(int8)',
            round((times->>'kpi_12')::numeric, 1), round((times->>'sql_12')::numeric, 1),
            round((times->>'kpi_12')::numeric / (times->>'sql_12')::numeric, 2),
        'int8, 120-row frames',
            round((times->>'kpi_120')::numeric, 1), '', '',
        'int8, 1200-row frames vs sum(int8)*per/avg(int8)',
            round((times->>'kpi_1200')::numeric, 1), round((times->>'sql_1200')::numeric, 1),
            round((times->>'kpi_1200')::numeric / (times->>'sql_1200')::numeric, 2),
        'float8, 12-row frames vs sum(float8)/avg(float8)',
            round((times->>'kpif_12')::numeric, 1), round((times->>'sqlf_12')::numeric, 1),
            round((times->>'kpif_12')::numeric / (times->>'sqlf_12')::numeric, 2),
        'float8, 120-row frames vs sum(float8)/avg(float8)',
            round((times->>'kpif_120')::numeric, 1), round((times->>'sqlf_120')::numeric, 1),
            round((times->>'kpif_120')::numeric / (times->>'sqlf_120')::numeric, 2),
        'float8, 1200-row frames vs sum(float8)/avg(float8)',
            round((times->>'kpif_1200')::numeric, 1), round((times->>'sqlf_1200')::numeric, 1),
            round((times->>'kpif_1200')::numeric / (times->>'sqlf_1200')::numeric, 2),
        round((times->>'kpi_1200')::numeric / (times->>'kpi_12')::numeric, 2),
        round((times->>'kpif_1200')::numeric / (times->>'kpif_12')::numeric, 2));
END
$bench$;

-- 4. correct rounding
DROP TABLE IF EXISTS bench_exact;
CREATE TABLE bench_exact AS
SELECT i,
       (i * 7919 % 5000)::float8 AS c,                       -- c × per exact in float8
       (40000 + i * 104729 % 200000)::float8 AS d,
       ((i * 7919 % 5000) * 199999999999993 + i)::float8 AS big_c,   -- up to 10^18
       (2 ^ 60 + i * 104729)::float8 AS big_d
FROM generate_series(1::int8, 1000000) AS i;
VACUUM ANALYZE bench_exact;

DO $bench$
DECLARE
    t0   timestamptz;
    best float8;
    times jsonb := '{}';
    queries text[][] := ARRAY[
        ['kpi',      $q$SELECT sum(kpi.rate(c, d, 10000)) FROM bench_exact$q$],
        ['old',      $q$SELECT sum(c / d * 10000) FROM bench_exact$q$],
        ['numeric',  $q$SELECT sum(((c::numeric * 10000) / d::numeric)::float8) FROM bench_exact$q$],
        ['kpi_big',  $q$SELECT sum(kpi.rate(big_c, d, 100000)) FROM bench_exact$q$],
        ['old_big',  $q$SELECT sum(big_c / d * 100000) FROM bench_exact$q$],
        ['num_big',  $q$SELECT sum(((big_c::numeric * 100000) / d::numeric)::float8) FROM bench_exact$q$],
        ['kpi_pair', $q$SELECT sum(r) FROM (SELECT kpi.rolling_rate(big_c, big_d, 1000) OVER (ORDER BY i ROWS 11 PRECEDING) AS r FROM bench_exact WHERE i <= 100000) s$q$],
        ['kpi_small', $q$SELECT sum(r) FROM (SELECT kpi.rolling_rate(c, d, 1000) OVER (ORDER BY i ROWS 11 PRECEDING) AS r FROM bench_exact WHERE i <= 100000) s$q$]
    ];
BEGIN
    EXECUTE queries[1][2];
    FOR k IN 1 .. array_length(queries, 1) LOOP
        best := 'Infinity';
        FOR run IN 1 .. 5 LOOP
            t0 := clock_timestamp();
            EXECUTE queries[k][2];
            best := least(best, extract(epoch FROM clock_timestamp() - t0) * 1000);
        END LOOP;
        times := times || jsonb_build_object(queries[k][1], best);
    END LOOP;

    RAISE NOTICE '%', format(E'\ncorrectly rounded rates, best of 5 (ms), 10^6 rows (rolling: 10^5 rows, 12-row frames)\n'
        '%-46s %9s %11s %9s %10s %10s\n'
        '%-46s %9s %11s %9s %10s %10s\n'
        '%-46s %9s %11s %9s %10s %10s\n'
        '%-46s %9s %11s %9s %10s %10s\n'
        '%-46s %9s\n'
        'rolling_rate with sums past 2^53 (numeric) / sums below 2^53 = %s',
        'query', 'kpi.rate', 'c / d * p', 'numeric', 'vs c/d*p', 'vs numeric',
        'counts below 5000, per 10000 (one division)',
            round((times->>'kpi')::numeric, 1), round((times->>'old')::numeric, 1), round((times->>'numeric')::numeric, 1),
            round((times->>'kpi')::numeric / (times->>'old')::numeric, 2),
            round((times->>'kpi')::numeric / (times->>'numeric')::numeric, 2),
        'counts up to 10^18, per 100000 (128-bit)',
            round((times->>'kpi_big')::numeric, 1), round((times->>'old_big')::numeric, 1), round((times->>'num_big')::numeric, 1),
            round((times->>'kpi_big')::numeric / (times->>'old_big')::numeric, 2),
            round((times->>'kpi_big')::numeric / (times->>'num_big')::numeric, 2),
        'rolling_rate, sums below 2^53',
            round((times->>'kpi_small')::numeric, 1), '', '', '', '',
        'rolling_rate, sums past 2^53 (numeric)',
            round((times->>'kpi_pair')::numeric, 1),
        round((times->>'kpi_pair')::numeric / (times->>'kpi_small')::numeric, 2));
END
$bench$;

DROP TABLE bench_rates, bench_rates_f, bench_exact;
