-- Benchmark: rolling rates as window functions, kpi against plain SQL.
--
--   1. kpi.rolling_rate over 12-row frames against what a user writes
--      without kpi: sum(int8) OVER w * per / avg(int8) OVER w;
--   2. kpi.rolling_rate over 12-, 120- and 1200-row frames: moving-aggregate
--      mode makes each row O(1), so the time should stay flat;
--   3. float8 numerators: kpi.rolling_rate against sum(float8) OVER w /
--      avg(float8) OVER w — PostgreSQL has no inverse for float8 sums (it
--      would be inexact), so it recomputes every frame.
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

DROP TABLE bench_rates, bench_rates_f;
