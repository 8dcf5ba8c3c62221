-- kpi.series: a series that knows its periods.  The points come out sorted
-- by period whatever the order rows arrive in; NULL values are ghosted
-- points; the text form reads back exactly (Citus ships the state as text);
-- the aggregate splits (parallel query) and the parts combine to the same
-- series.
SET search_path = public, kpi;

-- rows in any order give one series, sorted by period
SELECT kpi.series(v, d) FROM (VALUES (3.0, DATE '2024-03-01'), (1.0, '2024-01-01'), (NULL, '2024-02-01')) t(v, d);
SELECT kpi.series(v, d ORDER BY d DESC)::text = kpi.series(v, d ORDER BY d)::text AS order_free
FROM (VALUES (3.0, DATE '2024-03-01'), (1.0, '2024-01-01'), (NULL, '2024-02-01')) t(v, d);
-- numeric periods (an integer year casts to float8) and moments
SELECT kpi.series(v, y) FROM (VALUES (10, 2021), (12, 2019), (11, 2020)) t(v, y);
SET TimeZone = 'Europe/London';
SELECT kpi.series(v, t) FROM (VALUES (1, TIMESTAMPTZ '2024-07-01 09:30'), (2, '2024-01-01 00:00:00.25')) x(v, t);
RESET TimeZone;
SELECT kpi.n(s), kpi.period_type(s), kpi.series_values(s)
FROM (SELECT kpi.series(v, d) AS s FROM (VALUES (3.0, DATE '2024-03-01'), (1.0, '2024-01-01'), (NULL, '2024-02-01')) t(v, d)) q;
-- no rows: NULL, as every aggregate without an initial state
SELECT kpi.series(1.0, d) IS NULL AS empty FROM (SELECT DATE '2024-01-01' WHERE false) t(d);

-- text form: exact whatever extra_float_digits, DateStyle and TimeZone are
SET extra_float_digits = -15;
SET DateStyle = 'SQL, DMY';
SET TimeZone = 'Pacific/Auckland';
SELECT 'float8{0.1=0.30000000000000004, 1e-300=1.7976931348623157e308, -0=NULL}'::kpi.series;
SELECT 'date{2024-02-29=1, 1999-12-31=2}'::kpi.series;
SELECT 'timestamptz{2024-01-01 12:00:00.000001+00=5}'::kpi.series;
RESET extra_float_digits;
RESET DateStyle;
RESET TimeZone;
SELECT s::text::kpi.series::text = s::text AS round_trip
FROM (SELECT kpi.series(random() * 1e6, i + random()) AS s FROM generate_series(1, 500) i) q;
-- spaces and case are free in input; an empty series
SELECT '  DATE { 2024-01-01 = 1 ,2024-02-01=null }  '::kpi.series, 'float8{}'::kpi.series, kpi.n('float8{}'::kpi.series);

-- binary form (recv is checked by binary COPY in test/safety/dump-restore.sh):
-- kind 2 (date), 2 points; 2024-01-01 is day 8766 = 0x223e after 2000-01-01,
-- then flag 0 and float8 1.0 = 3ff0000000000000; 2024-02-01 is day 8797 =
-- 0x225d, flag 1 (ghosted) and no value
SELECT kpi.series_send('date{2024-02-01=NULL,2024-01-01=1}');
SELECT kpi.series_send('float8{-1.5=3}');

-- split: halves combine to the whole, in either order, round-tripped as text
CREATE TABLE series_pts AS
SELECT i, (i * 7919) % 1000 AS k, CASE WHEN i % 13 = 0 THEN NULL ELSE sin(i) * 1e3 END AS v,
       DATE '2000-01-01' + i AS d, TIMESTAMPTZ '2000-01-01 00:00:00+00' + i * interval '1 hour 0.001 second' AS t
FROM generate_series(1, 3000) i;
SELECT kpi.series_combine(a::text::kpi.series, b::text::kpi.series)::text = w::text AS low_high,
       kpi.series_final(kpi.series_combine(b, a))::text = w::text AS high_low
FROM (SELECT kpi.series(v, d) FILTER (WHERE i <= 1500) AS a, kpi.series(v, d) FILTER (WHERE i > 1500) AS b,
             kpi.series(v, d) AS w FROM series_pts) q;
-- parallel plans split the aggregate (Partial Aggregate) and agree with serial ones
SET parallel_setup_cost = 0;
SET parallel_tuple_cost = 0;
SET min_parallel_table_scan_size = 0;
SET max_parallel_workers_per_gather = 2;
CREATE TEMP TABLE plan_lines (line text);
DO $$
DECLARE l text;
BEGIN
    FOR l IN EXPLAIN (COSTS OFF) SELECT kpi.series(v, d), kpi.series(v, t), kpi.series(v, i) FROM series_pts LOOP
        INSERT INTO plan_lines VALUES (l);
    END LOOP;
END $$;
SELECT trim(line) AS plan FROM plan_lines;
CREATE TEMP TABLE par_result AS
SELECT kpi.series(v, d)::text AS sd, kpi.series(v, t)::text AS st, kpi.series(v, i)::text AS si
FROM series_pts;
RESET parallel_setup_cost;
RESET parallel_tuple_cost;
RESET min_parallel_table_scan_size;
SET max_parallel_workers_per_gather = 0;
SELECT p.sd = s.sd AS date_same, p.st = s.st AS time_same, p.si = s.si AS number_same
FROM par_result p,
     (SELECT kpi.series(v, d ORDER BY k)::text AS sd, kpi.series(v, t ORDER BY i DESC)::text AS st, kpi.series(v, i)::text AS si
      FROM series_pts) s;
RESET max_parallel_workers_per_gather;
-- the same points as a plain ORDER BY gives them
SELECT kpi.series_values(kpi.series(v, d ORDER BY k)) = array_agg(v ORDER BY d) AS values_in_period_order FROM series_pts;
-- as a window function: a growing series; the state is not modified by the final function
SELECT d, kpi.series(v, d) OVER (ORDER BY d DESC ROWS BETWEEN CURRENT ROW AND UNBOUNDED FOLLOWING)
FROM (VALUES (1, DATE '2024-01-01'), (2, '2024-02-01'), (3, '2024-03-01')) t(v, d) ORDER BY d;
DROP TABLE series_pts;
