-- bench/30-trend.sql — kpi.trend against PostgreSQL's regr_slope, side by
-- side in one run (best of 3, serial plans so the per-row cost is compared).
--
--   1. one aggregate over 5M rows: kpi.slope(kpi.trend(y, x)) vs regr_slope(y, x)
--      (aim: at most 1.1x; and one state serves every accessor)
--   2. a rolling slope over frames of 6, 60 and 600 rows, 200k rows:
--      kpi.trend OVER (moving aggregate, O(1) per row) vs regr_slope OVER
--      (recomputes each frame) (aim: kpi flat, at most 1.5x from 6 to 600;
--      at least 5x faster than regr_slope at 60)
\set ON_ERROR_STOP on
SET client_min_messages = notice;
SET max_parallel_workers_per_gather = 0;
SET jit = off;
SET work_mem = '256MB';

DROP TABLE IF EXISTS bench_trend, bench_roll;
SELECT setseed(0.5);
CREATE TABLE bench_trend AS
SELECT i::float8 AS x, 3 + 0.5 * i + 100 * random() AS y FROM generate_series(1, 5000000) i;
CREATE TABLE bench_roll AS
SELECT i, i::float8 AS x, 3 + 0.5 * i + 100 * random() AS y FROM generate_series(1, 200000) i;
VACUUM ANALYZE bench_trend;
VACUUM ANALYZE bench_roll;

CREATE FUNCTION pg_temp.best_of_3(q text) RETURNS float8 LANGUAGE plpgsql AS $$
DECLARE
    best float8 := 'Infinity';
    t0 timestamptz;
BEGIN
    FOR r IN 1..3 LOOP
        t0 := clock_timestamp();
        EXECUTE q;
        best := least(best, extract(epoch FROM clock_timestamp() - t0)::float8 * 1000);
    END LOOP;
    RETURN best;
END $$;

DO $$
DECLARE
    t_regr float8;
    t_kpi float8;
    t_all float8;
    r_kpi float8[] := '{}';
    r_regr float8[] := '{}';
    w int;
BEGIN
    t_regr := pg_temp.best_of_3('SELECT regr_slope(y, x) FROM bench_trend');
    t_kpi := pg_temp.best_of_3('SELECT kpi.slope(kpi.trend(y, x)) FROM bench_trend');
    t_all := pg_temp.best_of_3($q$SELECT kpi.slope(t), kpi.intercept(t), kpi.r2(t), kpi.predict(t, 6e6)
                                  FROM (SELECT kpi.trend(y, x) AS t FROM bench_trend) s$q$);
    RAISE NOTICE 'kpi.trend over 5M rows';
    RAISE NOTICE '  %', rpad('query', 44) || lpad('ms', 10) || lpad('ratio', 8);
    RAISE NOTICE '  %', rpad('regr_slope(y, x)', 44) || lpad(round(t_regr::numeric, 1)::text, 10) || lpad('1.00', 8);
    RAISE NOTICE '  %', rpad('kpi.slope(kpi.trend(y, x))', 44) || lpad(round(t_kpi::numeric, 1)::text, 10)
                        || lpad(round((t_kpi / t_regr)::numeric, 2)::text, 8);
    RAISE NOTICE '  %', rpad('slope+intercept+r2+predict from one state', 44) || lpad(round(t_all::numeric, 1)::text, 10)
                        || lpad(round((t_all / t_regr)::numeric, 2)::text, 8);

    FOREACH w IN ARRAY ARRAY[6, 60, 600] LOOP
        r_regr := r_regr || pg_temp.best_of_3(format(
            'SELECT sum(s) FROM (SELECT regr_slope(y, x) OVER (ORDER BY i ROWS %s PRECEDING) AS s FROM bench_roll) q', w - 1));
        r_kpi := r_kpi || pg_temp.best_of_3(format(
            'SELECT sum(kpi.slope(t)) FROM (SELECT kpi.trend(y, x) OVER (ORDER BY i ROWS %s PRECEDING) AS t FROM bench_roll) q', w - 1));
    END LOOP;
    RAISE NOTICE 'rolling slope over 200k rows';
    RAISE NOTICE '  %', rpad('frame rows', 12) || lpad('regr ms', 10) || lpad('kpi ms', 10) || lpad('regr/kpi', 10) || lpad('kpi/kpi@6', 11);
    FOR j IN 1..3 LOOP
        RAISE NOTICE '  %', rpad((ARRAY[6, 60, 600])[j]::text, 12)
            || lpad(round(r_regr[j]::numeric, 1)::text, 10) || lpad(round(r_kpi[j]::numeric, 1)::text, 10)
            || lpad(round((r_regr[j] / r_kpi[j])::numeric, 2)::text, 10)
            || lpad(round((r_kpi[j] / r_kpi[1])::numeric, 2)::text, 11);
    END LOOP;
END $$;

DROP TABLE bench_trend, bench_roll;
