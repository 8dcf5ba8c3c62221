-- The point-list aggregates kpi.mann_kendall, kpi.theil_sen and
-- kpi.sparkline keep a kpi.state: partial states read back from text bit
-- for bit whatever extra_float_digits is (Citus ships them as text), two
-- halves combine with kpi.state_cat, and parallel plans agree with serial.
SET search_path = public, kpi;
SELECT setseed(0.17);

-- not a temporary table: parallel workers cannot scan those
CREATE TABLE ts_pts AS
SELECT i, random() * 1e6 AS x, random() * 1e6 AS y,
       TIMESTAMPTZ '2020-01-01 00:00+00' + random() * interval '3000 days' AS t,
       CASE WHEN i % 7 = 0 THEN NULL ELSE random() * 1e6 END AS v
FROM generate_series(1, 1000) AS i;
ANALYZE ts_pts;

-- the partial states a Citus worker would ship
CREATE AGGREGATE pg_temp.points(float8, float8) (SFUNC = kpi.series_accum, STYPE = kpi.state);
CREATE AGGREGATE pg_temp.points(float8, timestamptz) (SFUNC = kpi.series_accum, STYPE = kpi.state);
CREATE AGGREGATE pg_temp.bars(float8) (SFUNC = kpi.sparkline_accum, STYPE = kpi.state);

CREATE TEMP TABLE partial AS
SELECT 'float8 x' AS name, pg_temp.points(y, x) AS s FROM ts_pts
UNION ALL SELECT 'timestamptz x', pg_temp.points(y, t) FROM ts_pts
UNION ALL SELECT 'sparkline', pg_temp.bars(v ORDER BY i) FROM ts_pts;

-- (1) text round trips at extra_float_digits 0 are exact; the same values
-- as a float8[] are not
SET extra_float_digits = 0;
SELECT name, cardinality(kpi.state_values(s)) AS "values",
       kpi.state_values(s::text::kpi.state)::text = kpi.state_values(s)::text AS state_exact,
       kpi.state_values(s::text::kpi.state) = kpi.state_values(s) AS state_equal,
       kpi.state_values(s)::text::float8[] = kpi.state_values(s) AS float8_array_equal
FROM partial ORDER BY name;
-- and the final functions give the same answer from the text
SELECT kpi.mann_kendall_final(s::text::kpi.state) = kpi.mann_kendall_final(s) AS mk_same,
       kpi.theil_sen_final(s::text::kpi.state) = kpi.theil_sen_final(s) AS ts_same,
       kpi.mann_kendall_final(s) = (SELECT kpi.mann_kendall(y, x) FROM ts_pts) AS mk_is_aggregate,
       kpi.theil_sen_final(s) = (SELECT kpi.theil_sen(y, x) FROM ts_pts) AS ts_is_aggregate
FROM partial WHERE name = 'float8 x';
SELECT kpi.mann_kendall_final(s::text::kpi.state) = (SELECT kpi.mann_kendall(y, t) FROM ts_pts) AS mk_same,
       kpi.theil_sen_final(s::text::kpi.state) = (SELECT kpi.theil_sen(y, t) FROM ts_pts) AS ts_same
FROM partial WHERE name = 'timestamptz x';
SELECT kpi.sparkline_final(s::text::kpi.state) = (SELECT kpi.sparkline(v ORDER BY i) FROM ts_pts) AS same,
       position(' ' IN kpi.sparkline_final(s)) = 7 AS gap_at_7
FROM partial WHERE name = 'sparkline';
RESET extra_float_digits;

-- (2) two halves, each shipped as text at extra_float_digits 0, combined
-- with kpi.state_cat, equal the aggregate over all rows
SET extra_float_digits = 0;
CREATE TEMP TABLE halves AS
SELECT (SELECT pg_temp.points(y, x)::text FROM ts_pts WHERE i % 2 = 0) AS a,
       (SELECT pg_temp.points(y, x)::text FROM ts_pts WHERE i % 2 = 1) AS b,
       (SELECT pg_temp.points(y, t)::text FROM ts_pts WHERE i <= 350) AS ta,
       (SELECT pg_temp.points(y, t)::text FROM ts_pts WHERE i > 350) AS tb;
SELECT kpi.mann_kendall_final(kpi.state_cat(a::kpi.state, b::kpi.state)) = (SELECT kpi.mann_kendall(y, x) FROM ts_pts) AS mk_float8,
       kpi.theil_sen_final(kpi.state_cat(a::kpi.state, b::kpi.state)) = (SELECT kpi.theil_sen(y, x) FROM ts_pts) AS ts_float8,
       kpi.mann_kendall_final(kpi.state_cat(tb::kpi.state, ta::kpi.state)) = (SELECT kpi.mann_kendall(y, t) FROM ts_pts) AS mk_timestamptz,
       kpi.theil_sen_final(kpi.state_cat(tb::kpi.state, ta::kpi.state)) = (SELECT kpi.theil_sen(y, t) FROM ts_pts) AS ts_timestamptz
FROM halves;
RESET extra_float_digits;
-- combining with an empty or a NULL state changes nothing
SELECT kpi.theil_sen_final(kpi.state_cat(a::kpi.state, '{}')) = kpi.theil_sen_final(a::kpi.state) AS with_empty,
       kpi.theil_sen_final(kpi.state_cat(NULL, a::kpi.state)) = kpi.theil_sen_final(a::kpi.state) AS after_null
FROM halves;

-- (3) parallel plans split the aggregates (Partial Aggregate) and agree
-- with serial ones exactly (S, the tie sums and the medians do not depend
-- on the order of the points)
SET parallel_setup_cost = 0;
SET parallel_tuple_cost = 0;
SET min_parallel_table_scan_size = 0;
SET max_parallel_workers_per_gather = 2;
CREATE TEMP TABLE plan_lines (line text);
DO $$
DECLARE l text;
BEGIN
    FOR l IN EXPLAIN (COSTS OFF) SELECT kpi.mann_kendall(y, x), kpi.theil_sen(y, x), kpi.mann_kendall(y, t) FROM ts_pts LOOP
        INSERT INTO plan_lines VALUES (l);
    END LOOP;
END $$;
SELECT trim(line) AS plan FROM plan_lines;
CREATE TEMP TABLE par_result AS
SELECT kpi.mann_kendall(y, x) AS mk, kpi.theil_sen(y, x) AS ts, kpi.mann_kendall(y, t) AS mkt, kpi.theil_sen(y, t) AS tst
FROM ts_pts;
RESET parallel_setup_cost;
RESET parallel_tuple_cost;
RESET min_parallel_table_scan_size;
SET max_parallel_workers_per_gather = 0;
SELECT p.mk = s.mk AS mk_same, p.ts = s.ts AS ts_same, p.mkt = s.mkt AS mkt_same, p.tst = s.tst AS tst_same
FROM par_result p,
     (SELECT kpi.mann_kendall(y, x) AS mk, kpi.theil_sen(y, x) AS ts, kpi.mann_kendall(y, t) AS mkt, kpi.theil_sen(y, t) AS tst
      FROM ts_pts) s;
RESET max_parallel_workers_per_gather;

-- as window functions the final functions only read the state: growing and
-- sliding frames equal fresh aggregates over the same rows
SELECT count(*) AS frames,
       count(*) FILTER (WHERE w.mk IS DISTINCT FROM (SELECT kpi.mann_kendall(y, x) FROM ts_pts p WHERE p.i <= w.i)) AS mk_mismatches,
       count(*) FILTER (WHERE w.ts IS DISTINCT FROM (SELECT kpi.theil_sen(y, x) FROM ts_pts p WHERE p.i <= w.i)) AS ts_mismatches,
       count(*) FILTER (WHERE w.sp IS DISTINCT FROM (SELECT kpi.sparkline(v ORDER BY i) FROM ts_pts p WHERE p.i <= w.i)) AS sp_mismatches
FROM (SELECT i, kpi.mann_kendall(y, x) OVER w AS mk, kpi.theil_sen(y, x) OVER w AS ts, kpi.sparkline(v) OVER w AS sp
      FROM ts_pts WHERE i <= 60 WINDOW w AS (ORDER BY i)) w;
SELECT count(*) AS frames,
       count(*) FILTER (WHERE w.mk IS DISTINCT FROM (SELECT kpi.mann_kendall(y, x) FROM ts_pts p WHERE p.i BETWEEN w.i - 9 AND w.i)) AS mk_mismatches,
       count(*) FILTER (WHERE w.ts IS DISTINCT FROM (SELECT kpi.theil_sen(y, x) FROM ts_pts p WHERE p.i BETWEEN w.i - 9 AND w.i)) AS ts_mismatches,
       count(*) FILTER (WHERE w.sp IS DISTINCT FROM (SELECT kpi.sparkline(v ORDER BY i) FROM ts_pts p WHERE p.i BETWEEN w.i - 9 AND w.i)) AS sp_mismatches
FROM (SELECT i, kpi.mann_kendall(y, x) OVER w AS mk, kpi.theil_sen(y, x) OVER w AS ts, kpi.sparkline(v) OVER w AS sp
      FROM ts_pts WHERE i <= 60 WINDOW w AS (ORDER BY i ROWS 9 PRECEDING)) w;

-- the state's text form: pairs {x1,y1,x2,y2,...}; a sparkline's NULL is NaN
SELECT pg_temp.points(y, x) FROM (VALUES (1, 0.1), (2, 1e-300), (3, NULL), (NULL, 4)) v(x, y);
SELECT pg_temp.points(y, d::timestamptz) FROM (VALUES (TIMESTAMPTZ '1970-01-02 06:00+00', 2.5)) v(d, y);
SELECT pg_temp.bars(v ORDER BY i) FROM (VALUES (1, 1.0), (2, NULL), (3, 0.30000000000000004)) v(i, v);

DROP TABLE ts_pts;
