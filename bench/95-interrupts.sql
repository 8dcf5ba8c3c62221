-- bench/95-interrupts.sql — what the cancel checks cost: kpi.state's loops
-- (which call CHECK_FOR_INTERRUPTS every 65,536 values, so statement_timeout
-- and pg_cancel_backend are honoured within milliseconds) side by side, in
-- one run, with PostgreSQL's own loops doing the same work on a float8[]
-- without any check (best of 3, serial).  Both print the shortest decimal
-- of each value (extra_float_digits = 1), both read them back with strtod.
--
--   1. text output of 5M values: kpi.state vs float8[]   (aim: at most 1.1x)
--   2. text input of the same text                       (aim: at most 1.1x)
--   3. binary output: kpi.state_send vs array_send       (aim: at most 1.1x)
--   4. Theil-Sen at its limit (4,472 points, 10 million slopes): the median
--      is now a selection with cancel checks rather than a qsort without
--      (0.1.0: 6.4 s on this machine); and Mann-Kendall's tie sort
\set ON_ERROR_STOP on
SET client_min_messages = notice;
SET max_parallel_workers_per_gather = 0;
SET jit = off;
SET extra_float_digits = 1;
SET work_mem = '256MB';
SET temp_buffers = '512MB';

SELECT setseed(0.25) \g /dev/null
CREATE TEMP TABLE bench_values AS
SELECT ('{' || string_agg(random()::text, ',') || '}')::kpi.state AS s FROM generate_series(1, 5000000);
ALTER TABLE bench_values ADD COLUMN a float8[], ADD COLUMN st text, ADD COLUMN at text;
UPDATE bench_values SET a = kpi.state_values(s);
UPDATE bench_values SET st = s::text, at = a::text;
CREATE TEMP TABLE bench_series AS
SELECT ('{' || string_agg(i || ',' || sin(i) * i, ',') || '}')::kpi.state AS s FROM generate_series(1, 4472) i;

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
    k float8;
    p float8;
BEGIN
    RAISE NOTICE 'cancel checks, 5,000,000 values: kpi.state (checks every 65,536 values) vs float8[] (PostgreSQL, no checks), best of 3';
    k := pg_temp.best_of_3('SELECT length(s::text) FROM bench_values');
    p := pg_temp.best_of_3('SELECT length(a::text) FROM bench_values');
    RAISE NOTICE '  1. text output:   kpi % ms, float8[] % ms: %x (aim <= 1.1x)', round(k), round(p), round((k / p)::numeric, 2);
    k := pg_temp.best_of_3('SELECT pg_column_size(st::kpi.state) FROM bench_values');
    p := pg_temp.best_of_3('SELECT pg_column_size(at::float8[]) FROM bench_values');
    RAISE NOTICE '  2. text input:    kpi % ms, float8[] % ms: %x (aim <= 1.1x)', round(k), round(p), round((k / p)::numeric, 2);
    k := pg_temp.best_of_3('SELECT length(kpi.state_send(s)) FROM bench_values');
    p := pg_temp.best_of_3('SELECT length(array_send(a)) FROM bench_values');
    RAISE NOTICE '  3. binary output: kpi % ms, float8[] % ms: %x (aim <= 1.1x)', round(k), round(p), round((k / p)::numeric, 2);
    k := pg_temp.best_of_3('SELECT kpi.theil_sen_final(s) FROM bench_series');
    p := pg_temp.best_of_3('SELECT kpi.mann_kendall_final(s) FROM bench_series');
    RAISE NOTICE '  4. kpi.theil_sen at 4,472 points: % ms (0.1.0: 6,400 ms); kpi.mann_kendall: % ms', round(k), round(p);
END $$;
