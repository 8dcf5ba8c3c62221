-- Rolling and pooled rates with their interval and comparison in one call
-- (issue 12, item 7): kpi.rolling_rate_ci, kpi.pooled_rate_ci,
-- kpi.compare_rolling_rate, kpi.compare_pooled_rate.  Expected values: the
-- three nested queries they replace (sum() OVER, a min_periods CASE, then
-- kpi.rate_ci / kpi.compare_rate), Garwood's exact Poisson limits and
-- Byar's formula by hand; every error with its SQLSTATE; parallel equals
-- serial.
BEGIN;
SET search_path = public, kpi;
SELECT plan(33);

-- 24 months of referrals in 6 areas; area 1..3 with a constant population
-- (so the nested form's avg(population) is exact), 4..6 with a varying one
CREATE TABLE ref AS
SELECT a, (DATE '2022-01-01' + make_interval(months => m))::date AS month,
       (150 + 40 * a + 13 * ((m * 7 + a) % 5) - (m % 4) * a)::float8 AS referrals,
       (CASE WHEN a <= 3 THEN 49800 ELSE 49800 + 37 * m + a END)::float8 AS population
FROM generate_series(1, 6) a, generate_series(0, 23) m
WHERE NOT (a = 2 AND m = 13);      -- a missing month in area 2
ANALYZE ref;

CREATE TEMP TABLE one_call AS
SELECT a, month,
       kpi.rolling_rate_ci(referrals, population, 10000, 12) OVER w AS r,
       kpi.compare_rolling_rate(referrals, population, 10000, 600, 'lower', 12) OVER w AS vs,
       kpi.pooled_rate_ci(referrals, population, 10000, 12, 0.998) OVER w AS p,
       kpi.compare_pooled_rate(referrals, population, 10000, 54, 'higher', 12, 0.998) OVER w AS pvs
FROM ref WINDOW w AS (PARTITION BY a ORDER BY month RANGE '11 months' PRECEDING);
CREATE TEMP TABLE nested AS
SELECT a, month, rate, pooled,
       CASE WHEN rate IS NOT NULL THEN kpi.rate_ci(s, m, 10000) END AS ci,
       CASE WHEN rate IS NOT NULL THEN kpi.compare_rate(s, m, 10000, 600, 'lower') END AS vs,
       CASE WHEN rate IS NOT NULL THEN kpi.rate_ci(s, d, 10000, 0.998) END AS pci,
       CASE WHEN rate IS NOT NULL THEN kpi.compare_rate(s, d, 10000, 54, 'higher', 0.998) END AS pvs
FROM (SELECT a, month, kpi.rolling_rate(referrals, population, 10000, 12) OVER w AS rate,
             kpi.pooled_rate(referrals, population, 10000, 12) OVER w AS pooled,
             sum(referrals) OVER w AS s, (avg(population) OVER w)::float8 AS m, sum(population) OVER w AS d
      FROM ref WINDOW w AS (PARTITION BY a ORDER BY month RANGE '11 months' PRECEDING)) x;

SELECT is((SELECT count(*)::int FROM one_call), 143, '143 rows');
SELECT is((SELECT count(*)::int FROM one_call WHERE r IS NOT NULL), 67, 'min_periods 12: 13 full frames in each of 5 areas, 2 in the area with a gap');
SELECT is((SELECT count(*)::int FROM one_call o JOIN nested n USING (a, month)
           WHERE (o.r).value IS NOT DISTINCT FROM n.rate), 143, 'value: kpi.rolling_rate, NULL where it is');
SELECT is((SELECT count(*)::int FROM one_call o JOIN nested n USING (a, month)
           WHERE a <= 3 AND ((o.r).lower, (o.r).upper) IS NOT DISTINCT FROM ((n.ci).lower, (n.ci).upper)), 71,
          'lower, upper: kpi.rate_ci(sum, avg(population), per), exactly, with an exact mean population');
SELECT is((SELECT count(*)::int FROM one_call o JOIN nested n USING (a, month)
           WHERE a > 3 AND abs((o.r).lower - (n.ci).lower) <= 1e-13 * (n.ci).lower
             AND abs((o.r).upper - (n.ci).upper) <= 1e-13 * (n.ci).upper), 39,
          'lower, upper: kpi.rate_ci(sum, avg(population)) within 1e-13 (the mean is not rounded first)');
SELECT is((SELECT count(*)::int FROM one_call o JOIN nested n USING (a, month) WHERE o.vs IS NOT DISTINCT FROM n.vs), 143,
          'comparison: kpi.compare_rate(sum, avg(population), per, benchmark, polarity)');
SELECT is((SELECT string_agg(DISTINCT vs::text, ',') FROM one_call), 'amber,green,red', 'the comparisons are not all alike');
SELECT is((SELECT count(*)::int FROM one_call o JOIN nested n USING (a, month)
           WHERE ((o.p).value, (o.p).lower, (o.p).upper) IS NOT DISTINCT FROM (n.pooled, (n.pci).lower, (n.pci).upper)), 143,
          'pooled: kpi.pooled_rate and kpi.rate_ci(sum, sum(population), per, 0.998), exactly');
SELECT is((SELECT count(*)::int FROM one_call o JOIN nested n USING (a, month) WHERE o.pvs IS NOT DISTINCT FROM n.pvs), 143,
          'pooled comparison at 99.8%: kpi.compare_rate');
SELECT is((SELECT string_agg(DISTINCT pvs::text, ',') FROM one_call), 'amber,green,red', 'the pooled comparisons are not all alike');

-- as aggregates (GROUP BY) the same as the window's last frame
SELECT is((SELECT kpi.rolling_rate_ci(referrals, population, 10000) FROM ref WHERE a = 1 AND month >= '2023-01-01'),
          (SELECT r FROM one_call WHERE a = 1 AND month = '2023-12-01'), 'aggregate = window frame');

-- by hand: 3 events over 2000 bed days per 1,000 (pooled), Garwood's exact
-- limits of 3 (0.618672, 8.767273): 0.309336, 4.383637; 95% by default
SELECT is((SELECT (r).value FROM (SELECT kpi.pooled_rate_ci(x, d, 1000) AS r FROM (VALUES (1, 900), (2, 1100)) t(x, d)) s),
          1.5::float8, 'pooled value 3 / 2000 * 1000');
SELECT ok((SELECT abs((r).lower - 0.309336) < 1e-6 AND abs((r).upper - 4.383637) < 1e-6
           FROM (SELECT kpi.pooled_rate_ci(x, d, 1000) AS r FROM (VALUES (1, 900), (2, 1100)) t(x, d)) s),
          'exact limits below 10 events (Garwood)');
-- rolling: the same events over the mean of the two denominators (1000)
SELECT ok((SELECT (r).value = 3 AND abs((r).lower - 0.618672) < 1e-6 AND abs((r).upper - 8.767273) < 1e-6
           FROM (SELECT kpi.rolling_rate_ci(x, d, 1000) AS r FROM (VALUES (1, 900), (2, 1100)) t(x, d)) s),
          'rolling: over the mean denominator');
-- Byar from 10 up: 628 referrals over a mean 49816.67 children, by hand
SELECT ok((SELECT abs((r).lower - 628 * (1 - 1 / (9 * 628.0) - 1.959963984540054 / (3 * sqrt(628.0))) ^ 3 * 3 * 10000 / 149450) < 1e-11
              AND abs((r).upper - 629 * (1 - 1 / (9 * 629.0) + 1.959963984540054 / (3 * sqrt(629.0))) ^ 3 * 3 * 10000 / 149450) < 1e-11
           FROM (SELECT kpi.rolling_rate_ci(x, d, 10000) AS r FROM (VALUES (210, 49800), (206, 49800), (212, 49850)) t(x, d)) s),
          'Byar''s limits (10 events and more)');
-- correctly rounded: integral counts give the nearest float8 to the exact
-- quotient (as kpi.rate: 940000 / 9910 = 94.8536831483350151...)
SELECT is((SELECT (kpi.pooled_rate_ci(x, d, 10000)).value FROM (VALUES (40, 4000), (54, 5910)) t(x, d)),
          94.85368314833501::float8, 'the value is correctly rounded');
-- the falls example: 75 falls over 14,001 bed days in 12 months
SELECT is((SELECT round((kpi.pooled_rate_ci(falls, bed_days, 1000)).value::numeric, 2)::text || ' / ' ||
                  round((kpi.rolling_rate_ci(falls, bed_days, 1000)).value::numeric, 2)::text
           FROM unnest('{6,7,5,8,6,7,5,6,7,6,5,7}'::float8[], '{1150,1170,1160,1180,1165,1170,1168,1162,1175,1167,1170,1164}'::float8[]) t(falls, bed_days)),
          '5.36 / 64.28', 'falls per 1,000 bed days: pooled 5.36, not the rolling 64.28');
SELECT is((SELECT kpi.compare_rolling_rate(x, d, 1000, 2, 'none') FROM (VALUES (1, 900)) t(x, d)), NULL, 'polarity none: NULL, as kpi.compare_rate');
SELECT is((SELECT kpi.rolling_rate_ci(x, d, 1000) FROM (VALUES (1, 900)) t(x, d) WHERE false), NULL, 'no rows: NULL');

-- errors
SELECT throws_ok($$SELECT kpi.rolling_rate_ci(x, 100, 1000) FROM (VALUES (1), (-2)) AS t(x)$$, '22023', 'numerator must not be negative, not -2', 'negative numerator');
SELECT throws_ok($$SELECT kpi.pooled_rate_ci(1, 0, 1000)$$, '22012', 'denominator must be greater than zero', 'zero denominator');
SELECT throws_ok($$SELECT kpi.rolling_rate_ci(1, 10, p) FROM (VALUES (1000), (100)) AS t(p)$$, '22023', 'per must be the same for every row of a rate', 'per differs');
SELECT throws_ok($$SELECT kpi.rolling_rate_ci(1, 10, 1000, 0)$$, '22023', 'min_periods must be at least 1, not 0', 'min_periods 0');
SELECT throws_ok($$SELECT kpi.rolling_rate_ci(1, 10, 1000, 1, 95)$$, '22023', 'confidence level must be between 0 and 1 exclusive, not 95', 'level 95');
SELECT throws_ok($$SELECT kpi.rolling_rate_ci(1, 10, 1000, 1, l) FROM (VALUES (0.95), (0.998)) AS t(l)$$, '22023', 'level must be the same for every row of a rate', 'level differs');
SELECT throws_ok($$SELECT kpi.compare_rolling_rate(1, 10, 1000, b, 'lower') FROM (VALUES (5), (6)) AS t(b)$$, '22023', 'benchmark must be the same for every row of a rate', 'benchmark differs');
SELECT throws_ok($$SELECT kpi.compare_pooled_rate(1, 10, 1000, 5, p) FROM (VALUES ('lower'), ('higher')) AS t(p)$$, '22023', 'polarity must be the same for every row of a rate', 'polarity differs');
SELECT throws_ok($$SELECT kpi.compare_pooled_rate(1, 10, 1000, -5, 'lower')$$, '22023', 'benchmark must not be negative, not -5', 'negative benchmark');
SELECT throws_ok($$SELECT kpi.compare_pooled_rate(1, 10, 1000, 'NaN', 'lower')$$, '22023', 'benchmark must be a finite number, not NaN', 'NaN benchmark');
SELECT throws_ok($$SELECT kpi.compare_pooled_rate(1, 10, 1000, 5, 'up-ish')$$, '22023', 'invalid polarity: "up-ish"', 'bad polarity');
SELECT throws_ok($$SELECT kpi.compare_rolling_rate_final('{1,1,0,0,10,0,0,1000,1,0.95,5,7}')$$, '22023', 'kpi rate aggregate: invalid transition state', 'a hand-made state with a bad polarity');

-- parallel equals serial (GROUP BY, split by workers and combined), over
-- 200 areas of 40 months (a plain table: a temporary one is never scanned
-- in parallel)
CREATE TABLE big AS
SELECT a, (150 + a % 90 + 13 * ((m * 7 + a) % 5))::float8 AS referrals, (49800 + 37 * m + a)::float8 AS population
FROM generate_series(1, 200) a, generate_series(1, 40) m;
ANALYZE big;
CREATE TEMP TABLE serial_result AS
SELECT a, kpi.rolling_rate_ci(referrals, population, 10000) AS r, kpi.compare_pooled_rate(referrals, population, 10000, 54, 'higher') AS c
FROM big GROUP BY a;
SET parallel_setup_cost = 0;
SET parallel_tuple_cost = 0;
SET min_parallel_table_scan_size = 0;
SET max_parallel_workers_per_gather = 2;
SET parallel_leader_participation = off;
CREATE FUNCTION pg_temp.plan_of(q text) RETURNS text LANGUAGE plpgsql AS
$$ DECLARE l text; r text := ''; BEGIN FOR l IN EXECUTE 'EXPLAIN (COSTS OFF) ' || q LOOP r := r || l || ' '; END LOOP; RETURN r; END $$;
SELECT matches(pg_temp.plan_of($$SELECT a, kpi.rolling_rate_ci(referrals, population, 10000) FROM big GROUP BY a$$),
               'Partial .*Aggregate', 'the plan splits the aggregate');
SELECT is((SELECT count(*)::int FROM serial_result s
           JOIN (SELECT a, kpi.rolling_rate_ci(referrals, population, 10000) AS r,
                        kpi.compare_pooled_rate(referrals, population, 10000, 54, 'higher') AS c FROM big GROUP BY a) p
             ON p.a = s.a AND (p.r).value = (s.r).value AND (p.r).lower = (s.r).lower AND (p.r).upper = (s.r).upper AND p.c = s.c), 200,
          'parallel equals serial');
RESET parallel_setup_cost;
RESET parallel_tuple_cost;
RESET min_parallel_table_scan_size;
RESET max_parallel_workers_per_gather;
RESET parallel_leader_participation;

SELECT * FROM finish();
ROLLBACK;
