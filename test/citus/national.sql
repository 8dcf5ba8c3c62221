-- test/citus/national.sql — the national-scale worked example of
-- docs/scaling-out.md: one indicator for every GP practice in England
-- (about 6,500) for ten years of months (780,000 rows), on one node (a
-- plain table on the coordinator) and on the cluster (distributed by
-- practice).  Run by test/citus/run when KPI_CITUS_NATIONAL=1.  It prints
-- timings (psql's \timing), so it is a measurement, not a test: each query
-- runs twice on each side and the second time counts (warm cache), and the
-- answers of both sides are compared.
\set ON_ERROR_STOP 1
\pset footer off
SET client_min_messages = warning;
SELECT setseed(0.65) AS seeded \gset
-- practices in 42 integrated care boards; the share of patients with
-- hypertension whose blood pressure is controlled, monthly, April 2014 to
-- March 2024
CREATE TABLE local.gp AS
SELECT format('P%s', lpad(p::text, 5, '0')) AS practice, format('ICB %s', lpad((1 + p % 42)::text, 2, '0')) AS icb,
       (DATE '2014-04-01' + m * INTERVAL '1 month')::date AS month,
       num AS numerator, den AS denominator, num / den * 100 AS value, 77.0 AS target, 'higher' AS polarity
FROM generate_series(1, 6500) AS p, generate_series(0, 119) AS m,
     LATERAL (SELECT floor(300 + random() * 1500)::float8 AS den) d,
     LATERAL (SELECT floor(d.den * least(0.98, 0.6 + 0.002 * m + 0.1 * sin(p + m / 12.0) + 0.05 * random()))::float8 AS num) n;
CREATE TABLE gp (LIKE local.gp);
SELECT create_distributed_table('gp', 'practice') \gset
INSERT INTO gp SELECT * FROM local.gp;
ANALYZE gp;
ANALYZE local.gp;
SELECT to_char(count(*), 'FM999,999') AS rows, count(DISTINCT practice) AS practices, count(DISTINCT month) AS months FROM local.gp;
\echo
\echo '== N1 national monthly figures (split: grouped by month, not by practice)'
\set n1 'SELECT month, kpi.pooled_rate(numerator, denominator, 100) AS rate, kpi.rag_counts(kpi.rag(value, target, polarity)) AS ratings, kpi.mean_ci(value) AS practice_mean FROM T GROUP BY month'
\echo '== N2 per ICB: ten-year trend and spread (split: grouped by ICB)'
\set n2 'SELECT icb, kpi.slope(kpi.trend(value, month), ''1 year'') AS per_year, kpi.mean_ci(value) AS mean, kpi.pooled_rate(numerator, denominator, 100) AS rate FROM T GROUP BY icb'
\echo '== N3 per practice: XmR chart summary over 120 months (pushed down: grouped by practice)'
\set n3 'SELECT practice, kpi.xmr_summary(kpi.series(value, month), ''higher'', 77) AS x FROM T GROUP BY practice'
\echo '== N4 per practice: Mann-Kendall and Theil-Sen over 120 months (pushed down)'
\set n4 'SELECT practice, (kpi.mann_kendall(value, month)).p AS p, (kpi.theil_sen(value, month)).slope AS slope FROM T GROUP BY practice'
\echo
SET citus.coordinator_aggregation_strategy = 'disabled';
\timing on
\echo '-- one node (plain table local.gp on the coordinator)'
SELECT replace(:'n1', 'FROM T', 'FROM local.gp') AS q1, replace(:'n2', 'FROM T', 'FROM local.gp') AS q2,
       replace(:'n3', 'FROM T', 'FROM local.gp') AS q3, replace(:'n4', 'FROM T', 'FROM local.gp') AS q4 \gset l_
\timing off
SELECT format('CREATE TEMP TABLE %s AS SELECT count(*) FROM (%s) s', t, q) FROM (VALUES ('w1', :'l_q1'), ('w2', :'l_q2'), ('w3', :'l_q3'), ('w4', :'l_q4')) v(t, q) \gexec
\timing on
\echo 'N1, one node:'
CREATE TEMP TABLE l1 AS :l_q1;
\echo 'N2, one node:'
CREATE TEMP TABLE l2 AS :l_q2;
\echo 'N3, one node:'
CREATE TEMP TABLE l3 AS :l_q3;
\echo 'N4, one node:'
CREATE TEMP TABLE l4 AS :l_q4;
\timing off
\echo '-- three-node loopback cluster (gp distributed by practice; coordinator and two workers on one machine)'
SELECT replace(:'n1', 'FROM T', 'FROM gp') AS q1, replace(:'n2', 'FROM T', 'FROM gp') AS q2,
       replace(:'n3', 'FROM T', 'FROM gp') AS q3, replace(:'n4', 'FROM T', 'FROM gp') AS q4 \gset d_
SELECT format('CREATE TEMP TABLE %s AS SELECT count(*) FROM (%s) s', t, q) FROM (VALUES ('x1', :'d_q1'), ('x2', :'d_q2'), ('x3', :'d_q3'), ('x4', :'d_q4')) v(t, q) \gexec
\timing on
\echo 'N1, cluster:'
CREATE TEMP TABLE d1 AS SELECT * FROM (:d_q1) s;
\echo 'N2, cluster:'
CREATE TEMP TABLE d2 AS SELECT * FROM (:d_q2) s;
\echo 'N3, cluster:'
CREATE TEMP TABLE d3 AS SELECT * FROM (:d_q3) s;
\echo 'N4, cluster:'
CREATE TEMP TABLE d4 AS SELECT * FROM (:d_q4) s;
\timing off
\echo '-- the answers of both sides (the largest relative difference over all numbers)'
SELECT 'N1' AS query, count(*) AS rows, local.sci(max(local.jdiff(to_jsonb(d), to_jsonb(l)))) AS "max rel diff" FROM d1 d JOIN l1 l USING (month)
UNION ALL
SELECT 'N2', count(*), local.sci(max(local.jdiff(to_jsonb(d), to_jsonb(l)))) FROM d2 d JOIN l2 l USING (icb)
UNION ALL
SELECT 'N3', count(*), local.sci(max(local.jdiff(to_jsonb(d), to_jsonb(l)))) FROM d3 d JOIN l3 l USING (practice)
UNION ALL
SELECT 'N4', count(*), local.sci(max(local.jdiff(to_jsonb(d), to_jsonb(l)))) FROM d4 d JOIN l4 l USING (practice);
SELECT month, round(rate::numeric, 2) AS rate, ratings, round((practice_mean).value::numeric, 2) AS practice_mean
FROM d1 ORDER BY month DESC LIMIT 3;
SELECT (x).variation, (x).assurance, count(*) AS practices FROM d3 GROUP BY 1, 2 ORDER BY 3 DESC, 1, 2 LIMIT 5;
