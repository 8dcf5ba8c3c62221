-- kpi demo, part 5: statistical process control as NHS England's "Making
-- Data Count" asks boards to read their indicators: XmR charts, the four
-- special-cause rules, the variation and assurance icons.
--
-- 1. The narrative's monthly values (demo.narrative_points, part 3).  The
--    report prints at most three months of any KPI, so the charts have
--    limits but no icons: Making Data Count gives icons from 15 points.
-- 2. A monthly series of our own making, three financial years of a council
--    KPI ("% of adult social care reviews completed on time"), with a step
--    change when a new review team starts in October 2023 and the limits
--    recalculated (rebased) there.

-- 1. the narrative's KPIs with more than one month
CREATE VIEW demo.narrative_spc AS
SELECT p.kpi, i.polarity, (s).points, (s).latest,
       pg_catalog.round((s).centre::numeric, 2) AS centre,
       pg_catalog.round((s).lower_limit::numeric, 2) AS lower_limit,
       pg_catalog.round((s).upper_limit::numeric, 2) AS upper_limit,
       (s).variation, (s).assurance
FROM (SELECT kpi, kpi.xmr_summary(kpi.series(value, month_end), pg_catalog.min(i.polarity::text)) AS s
      FROM demo.narrative_points n JOIN demo.indicator i ON i.name = n.kpi
      GROUP BY kpi) p
JOIN demo.indicator i ON i.name = p.kpi
WHERE (s).points > 1;

-- 2. the made-up series: April 2022 to March 2025, higher is better, target
-- 80%.  About 71% before the new team (October 2023), about 79% after, with
-- one month missing (August 2024: the system migration), which is a ghosted
-- point.
CREATE TABLE demo.reviews_on_time (month date PRIMARY KEY, pct float8);
INSERT INTO demo.reviews_on_time VALUES
  ('2022-04-01', 70.8), ('2022-05-01', 72.1), ('2022-06-01', 69.9), ('2022-07-01', 71.4),
  ('2022-08-01', 73.0), ('2022-09-01', 70.2), ('2022-10-01', 71.9), ('2022-11-01', 69.5),
  ('2022-12-01', 68.7), ('2023-01-01', 70.6), ('2023-02-01', 72.4), ('2023-03-01', 71.1),
  ('2023-04-01', 70.3), ('2023-05-01', 72.8), ('2023-06-01', 71.6), ('2023-07-01', 69.8),
  ('2023-08-01', 70.9), ('2023-09-01', 71.7),
  ('2023-10-01', 76.2), ('2023-11-01', 77.9), ('2023-12-01', 78.4), ('2024-01-01', 79.6),
  ('2024-02-01', 78.1), ('2024-03-01', 80.2), ('2024-04-01', 79.0), ('2024-05-01', 78.6),
  ('2024-06-01', 80.9), ('2024-07-01', 79.4), ('2024-08-01', NULL), ('2024-09-01', 78.8),
  ('2024-10-01', 80.5), ('2024-11-01', 79.9), ('2024-12-01', 81.3), ('2025-01-01', 80.1),
  ('2025-02-01', 79.2), ('2025-03-01', 81.0);

-- the per-point chart, as a BI tool would read it: one row per month
CREATE VIEW demo.reviews_spc AS
SELECT month, pct, (x).partition,
       pg_catalog.round((x).centre::numeric, 2) AS centre,
       pg_catalog.round((x).lower_limit::numeric, 2) AS lower_limit,
       pg_catalog.round((x).upper_limit::numeric, 2) AS upper_limit,
       (x).beyond_limits, (x).shift, (x).trend, (x).two_of_three, (x).variation
FROM (SELECT month, pct,
             kpi.xmr(pct, month, 'higher', rebase => ARRAY[DATE '2023-10-01']) OVER () AS x
      FROM demo.reviews_on_time) s;

-- (the climb from July 2023 into the new team's first months is a trend of
-- 7 rising points: MDC's trend rule runs across a rebase)

-- the board: without the rebase the step change reads as a long shift and
-- the limits straddle both levels; with it, the new process is in control
-- and its lower limit is below the target: hit or miss
CREATE VIEW demo.reviews_board AS
SELECT 'as one process' AS chart, (s).*
FROM (SELECT kpi.xmr_summary(kpi.series(pct, month), 'higher', 80) AS s FROM demo.reviews_on_time) q
UNION ALL
SELECT 'rebased at October 2023', (s).*
FROM (SELECT kpi.xmr_summary(kpi.series(pct, month), 'higher', 80, rebase => ARRAY[DATE '2023-10-01']) AS s
      FROM demo.reviews_on_time) q;

\echo
\echo 'Making Data Count: the narrative''s KPIs with more than one month (too few points for icons)'
SELECT kpi AS "KPI", polarity AS "Polarity", points AS "Points", latest AS "Latest",
       centre AS "Centre", lower_limit AS "Lower limit", upper_limit AS "Upper limit"
FROM demo.narrative_spc ORDER BY kpi;

\echo
\echo 'Board: % of adult social care reviews completed on time (target 80%)'
SELECT chart AS "Chart", points AS "Points", latest AS "Latest",
       pg_catalog.round(centre::numeric, 1) AS "Centre",
       pg_catalog.round(lower_limit::numeric, 1) AS "Lower", pg_catalog.round(upper_limit::numeric, 1) AS "Upper",
       variation AS "Variation icon", assurance AS "Assurance icon",
       last_special_cause AS "Last special cause"
FROM demo.reviews_board;

\echo
\echo 'Per point (rebased at October 2023)'
SELECT month AS "Month", pct AS "%", partition AS "Part", centre AS "Centre",
       lower_limit AS "Lower", upper_limit AS "Upper",
       concat_ws(' ', CASE WHEN beyond_limits THEN 'limit' END, CASE WHEN shift THEN 'shift' END,
                 CASE WHEN trend THEN 'trend' END, CASE WHEN two_of_three THEN '2-of-3' END) AS "Rules",
       variation AS "Variation"
FROM demo.reviews_spc ORDER BY month;
