-- Rates: kpi.rate, and kpi.rolling_rate / kpi.pooled_rate as aggregates
-- and window functions.  Every rolling result is checked against an exact
-- recomputation over its frame in numeric; the `bad` counts must be 0.

SET search_path = public, kpi;
-- float8 → numeric casts keep only 15 digits; x::text::numeric keeps the
-- shortest decimal that reads back to x (within half an ulp)
SET extra_float_digits = 1;

SELECT round(kpi.rate(94, 9910, 10000)::numeric, 10) AS per_10k, kpi.rate(3, 4) AS per_1,
       kpi.rate(0, 5, 100) AS zero_events;

-- Monthly referrals and under-18 population for two areas, January 2022
-- to September 2024; area 'B' has no rows for four months.
CREATE TEMP TABLE monthly (area text, month date, referrals int, population int);
INSERT INTO monthly
SELECT area, m::date,
       200 + (k * 37 + length(area) * 11) % 61 + (CASE WHEN area = 'B' THEN 40 ELSE 0 END),
       49000 + k * 23 - (k * k) % 17
FROM (VALUES ('A'), ('B')) AS a(area),
     generate_series('2022-01-01'::date, '2024-09-01', '1 month') WITH ORDINALITY AS g(m, k)
WHERE NOT (area = 'B' AND m IN ('2022-06-01', '2023-02-01', '2023-03-01', '2024-01-01'));

-- A 12-row frame, shown for area A from the twelfth month; exact value in numeric beside it.
SELECT area, month,
       round(kpi.rolling_rate(referrals, population, 10000)
             OVER (PARTITION BY area ORDER BY month ROWS 11 PRECEDING)::numeric, 10) AS rolling,
       round(sum(referrals::numeric) OVER w / avg(population::numeric) OVER w * 10000, 10) AS exact
FROM monthly
WINDOW w AS (PARTITION BY area ORDER BY month ROWS 11 PRECEDING)
ORDER BY area, month
LIMIT 6 OFFSET 11;

-- ROWS frames: every row of both areas, both aggregates, against numeric
SELECT count(*) AS rows_checked,
       count(*) FILTER (WHERE abs(rolling - rolling_exact) > 1e-13 * rolling_exact) AS bad_rolling,
       count(*) FILTER (WHERE abs(pooled - pooled_exact) > 1e-13 * pooled_exact) AS bad_pooled
FROM (
    SELECT kpi.rolling_rate(referrals, population, 10000) OVER w AS rolling,
           sum(referrals::numeric) OVER w / avg(population::numeric) OVER w * 10000 AS rolling_exact,
           kpi.pooled_rate(referrals, population, 1000) OVER w AS pooled,
           sum(referrals::numeric) OVER w / sum(population::numeric) OVER w * 1000 AS pooled_exact
    FROM monthly
    WINDOW w AS (PARTITION BY area ORDER BY month ROWS BETWEEN 11 PRECEDING AND CURRENT ROW)
) AS t;

-- RANGE '11 months' PRECEDING over the date: area B's frames hold fewer
-- than 12 rows after its missing months.  Checked against a correlated
-- subquery over the same twelve calendar months.
SELECT m.area, count(*) AS rows_checked,
       count(*) FILTER (WHERE abs(r.rolling - x.exact) > 1e-13 * x.exact) AS bad,
       min(x.frame_rows) AS smallest_frame, max(x.frame_rows) AS largest_frame
FROM (SELECT area, month,
             kpi.rolling_rate(referrals, population, 10000)
                 OVER (PARTITION BY area ORDER BY month RANGE '11 months' PRECEDING) AS rolling
      FROM monthly) AS r
JOIN monthly m USING (area, month)
CROSS JOIN LATERAL (
    SELECT sum(p.referrals::numeric) / avg(p.population::numeric) * 10000 AS exact, count(*) AS frame_rows
    FROM monthly p
    WHERE p.area = m.area AND p.month > m.month - interval '12 months' AND p.month <= m.month
) AS x
GROUP BY m.area ORDER BY m.area;

-- area B around its missing January 2024: the frames hold 10 or 11 months
SELECT month, frame_rows, round(rolling::numeric, 6) AS rolling
FROM (SELECT month,
             count(*) OVER w AS frame_rows,
             kpi.rolling_rate(referrals, population, 10000) OVER w AS rolling
      FROM monthly WHERE area = 'B'
      WINDOW w AS (ORDER BY month RANGE '11 months' PRECEDING)) AS t
WHERE month >= '2023-10-01' ORDER BY month LIMIT 6;

-- min_periods: NULL until the frame holds 12 rows: area A's first 11
-- months, and every month of area B, whose twelve-month frames all miss a month
SELECT area, count(*) FILTER (WHERE r IS NULL) AS null_rows, min(month) FILTER (WHERE r IS NOT NULL) AS first_shown
FROM (SELECT area, month,
             kpi.rolling_rate(referrals, population, 10000, 12)
                 OVER (PARTITION BY area ORDER BY month RANGE '11 months' PRECEDING) AS r
      FROM monthly) AS t
GROUP BY area ORDER BY area;

-- as plain aggregates: pooled three-year rate and 2023's rolling rate
SELECT area, round(kpi.pooled_rate(referrals, population, 10000)::numeric, 6) AS pooled,
       round((sum(referrals::numeric) / sum(population) * 10000), 6) AS exact_pooled,
       round(kpi.rolling_rate(referrals, population, 10000) FILTER (WHERE month >= '2023-01-01' AND month < '2024-01-01')::numeric, 6) AS y2023,
       kpi.rolling_rate(referrals, population, 10000, 100) AS too_few_rows
FROM monthly GROUP BY area ORDER BY area;

-- empty input and all-NULL rows give NULL; NULL rows are skipped
SELECT kpi.rolling_rate(x, y, 1) AS empty FROM (VALUES (1::float8, 2::float8)) AS t(x, y) WHERE false;
SELECT kpi.pooled_rate(x, y, 10) AS skips_nulls
FROM (VALUES (1::float8, 2::float8), (NULL, 5), (3, NULL), (3, 2)) AS t(x, y);

-- float8 numerators: a huge value enters and leaves 12- and 120-row frames.
-- While it is in the frame the rate is about 1e300; once it has left, the
-- rate must again agree with numeric to 1e-12 (a naive running sum would
-- have lost every digit of the small values).
CREATE TEMP TABLE floats AS
SELECT i, CASE WHEN i = 300 THEN 1e300 WHEN i = 700 THEN 1e17 WHEN i = 701 THEN 0.5e17 + 0.1
               ELSE abs(sin(i)) * 1000 + 0.001 * i END::float8 AS x,
       (5000 + 100 * cos(i))::float8 AS pop
FROM generate_series(1, 1500) AS i;

SELECT frame, count(*) AS rows_checked,
       count(*) FILTER (WHERE abs(got - exact) > 1e-12 * exact) AS bad,
       max(abs(got - exact) / exact) < 1e-12 AS max_rel_err_below_1e_12
FROM (
    SELECT '12 rows' AS frame, kpi.rolling_rate(x, pop, 1000) OVER w12 AS got,
           (sum(x::text::numeric) OVER w12 / avg(pop::text::numeric) OVER w12 * 1000)::float8 AS exact
    FROM floats WINDOW w12 AS (ORDER BY i ROWS 11 PRECEDING)
    UNION ALL
    SELECT '120 rows', kpi.pooled_rate(x, pop, 1000) OVER w120,
           (sum(x::text::numeric) OVER w120 / sum(pop::text::numeric) OVER w120 * 1000)::float8
    FROM floats WINDOW w120 AS (ORDER BY i ROWS 119 PRECEDING)
) AS t
GROUP BY frame ORDER BY frame;

-- the frames right after the huge value (row 300) left: 312 is the first
SELECT i, got > 1e290 AS huge, CASE WHEN got < 1e290 THEN round(got::numeric, 9) END AS got,
       CASE WHEN got < 1e290 THEN round(exact, 9) END AS exact
FROM (SELECT i, kpi.rolling_rate(x, pop, 1000) OVER w AS got,
             sum(x::text::numeric) OVER w / avg(pop::text::numeric) OVER w * 1000 AS exact
      FROM floats WINDOW w AS (ORDER BY i ROWS 11 PRECEDING)) AS t
WHERE i BETWEEN 310 AND 314 ORDER BY i;

-- integral inputs beyond 2^53 are no longer exact in float8, but the
-- sums stay within the promised accuracy
SELECT count(*) FILTER (WHERE abs(got - exact) > 1e-12 * exact) AS bad
FROM (SELECT kpi.rolling_rate(x, 1, 1) OVER w AS got, (sum(x::text::numeric) OVER w)::float8 AS exact
      FROM (SELECT i, (9007199254740993 + i * 3)::float8 AS x FROM generate_series(1, 200) AS i) AS s
      WINDOW w AS (ORDER BY i ROWS 20 PRECEDING)) AS t;

-- Parallel plans split the aggregate (Partial Aggregate in the plan) and
-- agree exactly with the serial plan on integral inputs.
CREATE TABLE rates_big AS
SELECT i % 7 AS g, (i * 7919) % 1000 AS events, 1000 + (i * 104729) % 5000 AS population
FROM generate_series(1::bigint, 200000) AS i;
ANALYZE rates_big;

CREATE FUNCTION plan_has(query text, node text) RETURNS bool LANGUAGE plpgsql AS $$
DECLARE
    line text;
BEGIN
    FOR line IN EXECUTE 'EXPLAIN (COSTS OFF) ' || query LOOP
        IF line LIKE '%' || node || '%' THEN
            RETURN true;
        END IF;
    END LOOP;
    RETURN false;
END $$;

-- the comparison query: serial results (computed first, into a temp
-- table) joined to the same aggregates computed by a parallel plan
CREATE VIEW rates_by_g AS
SELECT g, kpi.rolling_rate(events, population, 10000) AS r, kpi.pooled_rate(events, population, 10000) AS p,
       kpi.rolling_rate(events, population, 10000, 3) AS r3,
       (sum(events::numeric) / avg(population::numeric) * 10000)::float8 AS exact
FROM rates_big GROUP BY g;

SET max_parallel_workers_per_gather = 0;
CREATE TEMP TABLE serial AS SELECT * FROM rates_by_g;
SELECT plan_has('SELECT * FROM rates_by_g', 'Partial') AS serial_is_partial;

SET parallel_setup_cost = 0;
SET parallel_tuple_cost = 0;
SET min_parallel_table_scan_size = 0;
SET max_parallel_workers_per_gather = 2;
SELECT plan_has('SELECT * FROM rates_by_g', 'Partial HashAggregate')
       OR plan_has('SELECT * FROM rates_by_g', 'Partial GroupAggregate') AS parallel_is_partial,
       plan_has('SELECT * FROM serial s JOIN rates_by_g p USING (g)', 'Partial') AS join_is_partial;
SELECT count(*) AS groups, bool_and(s.r = p.r AND s.p = p.p AND s.r3 = p.r3) AS parallel_equals_serial,
       bool_and(abs(p.r - p.exact) <= 1e-13 * p.exact) AS equals_numeric
FROM serial s JOIN rates_by_g p USING (g);
RESET parallel_setup_cost;
RESET parallel_tuple_cost;
RESET min_parallel_table_scan_size;
RESET max_parallel_workers_per_gather;
DROP VIEW rates_by_g;
DROP TABLE rates_big;
DROP FUNCTION plan_has(text, text);
