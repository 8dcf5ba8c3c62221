-- kpi demo, part 3: trends, year-end extrapolation and target trajectories.
--
-- The report's narrative quotes earlier values of some KPIs ("fallen from
-- 626.9 per 10,000 children in April to 562.3 in September") and, for the
-- two care-home admission KPIs, extrapolates the year to date: "If the trend
-- over the last 6 months is extrapolated to the end of the year, this would
-- give a rate of 581.6, slightly higher than our end of year target of
-- 560.8", against a "target trajectory of 280" at September.

-- The narrative's figures as printed.
CREATE TABLE demo.narrative_csv (
    section text, kpi text, statement text, value float8, period text
);
\copy demo.narrative_csv from 'demo/data/seed_q2_2024_narrative.csv' with (format csv, header true)

-- The narrative's dated monthly values: periods written as 'September 2024'
-- become the last day of that month.  Targets, averages and the report's
-- own projections are statements about a KPI, not observations of it.
CREATE VIEW demo.narrative_points AS
SELECT DISTINCT ON (kpi, month_end)
       kpi, month_end, value
FROM (SELECT n.kpi, n.value,
             (pg_catalog.to_date(n.period, 'FMMonth YYYY') + interval '1 month - 1 day')::date AS month_end,
             n.statement
      FROM demo.narrative_csv n
      WHERE n.period ~ '^(January|February|March|April|May|June|July|August|September|October|November|December) [0-9]{4}$'
        AND n.value IS NOT NULL
        AND n.statement !~* 'target|average|national|extrapolated|trajectory|aspiration|lower than') p
ORDER BY kpi, month_end, statement;

-- A trend for every KPI whose narrative gives more than two monthly points.
CREATE VIEW demo.kpi_trend AS
SELECT kpi,
       kpi.n(t) AS points, first_month, last_month, trend,
       pg_catalog.round(kpi.slope(t, '1 month')::numeric, 2) AS per_month,
       pg_catalog.round(kpi.r2(t)::numeric, 2) AS r2,
       pg_catalog.round(kpi.predict(t, kpi.fy_end_period(last_month))::numeric, 1) AS year_end_projection,
       pg_catalog.concat('from ', kpi.n(t)::pg_catalog.int8::pg_catalog.text, ' points',
                         CASE WHEN kpi.n(t) OPERATOR(pg_catalog.<) 6::pg_catalog.float8 THEN ': indicative only' END) AS projection_basis
FROM (SELECT kpi, kpi.trend(value, month_end) AS t,
             pg_catalog.min(month_end) AS first_month, pg_catalog.max(month_end) AS last_month,
             kpi.sparkline(value ORDER BY month_end) AS trend
      FROM demo.narrative_points GROUP BY kpi) p
WHERE kpi.n(t) > 2;

-- The two care-home admission KPIs, cumulative over the financial year:
-- the count restarts at 0 when the year starts (31 March), and the table
-- gives August (previous) and September (latest).  The report projected
-- from six monthly values that it does not print, so this view projects
-- from the three points the report does give, and shows the report's own
-- figure beside it.
CREATE VIEW demo.care_home_projection AS
WITH kpis AS (
    SELECT r.kpi, r.previous, r.latest,
           (SELECT n.value FROM demo.narrative_csv n
            WHERE n.kpi = r.kpi AND n.statement LIKE '%end of year target%') AS year_end_target,
           (SELECT n.value FROM demo.narrative_csv n
            WHERE n.kpi = r.kpi AND n.statement LIKE '%extrapolated%') AS report_projection
    FROM demo.report_csv r
    WHERE r.kpi LIKE 'Cumulative number of % admission to residential and nursing care homes%'
), points AS (
    SELECT k.kpi, p.month_end, p.value
    FROM kpis k
    CROSS JOIN LATERAL (VALUES (DATE '2024-03-31', 0::float8),
                               (DATE '2024-08-31', k.previous),
                               (DATE '2024-09-30', k.latest)) p(month_end, value)
), lines AS (
    SELECT kpi, kpi.trend(value, month_end) AS t FROM points GROUP BY kpi
)
SELECT CASE WHEN k.kpi LIKE '%18-64%' THEN 'Younger adults (18-64)' ELSE 'Older adults (65+)' END AS "KPI",
       k.latest AS "September",
       kpi.trajectory(k.year_end_target, DATE '2024-09-30') AS "Trajectory",
       kpi.score(k.latest, k.year_end_target, 'lower', 'relative cumulative', DATE '2024-09-30') AS "vs trajectory",
       pg_catalog.round(kpi.predict(l.t, kpi.fy_end_period(DATE '2024-09-30'))::numeric, 1) AS "Projected year end",
       pg_catalog.concat('from ', kpi.n(l.t)::pg_catalog.int8::pg_catalog.text, ' points',
                         CASE WHEN kpi.n(l.t) OPERATOR(pg_catalog.<) 6::pg_catalog.float8 THEN ': indicative only' END) AS "Projection basis",
       k.report_projection AS "Report's projection",
       k.year_end_target AS "Year-end target",
       kpi.rag(kpi.predict(l.t, kpi.fy_end_period(DATE '2024-09-30')), k.year_end_target, 'lower') AS "Projection vs target",
       (kpi.reaches_at(l.t, k.year_end_target) AT TIME ZONE 'UTC')::date AS "Target reached on"
FROM kpis k JOIN lines l USING (kpi)
ORDER BY 1 DESC;

\pset footer off
\echo
\echo 'Trends from the narrative''s monthly values (financial year 2024/25)'
SELECT kpi AS "KPI", points AS "Points", trend AS "Trend", per_month AS "Per month",
       r2 AS "R²", year_end_projection AS "Year-end projection", projection_basis AS "Basis"
FROM demo.kpi_trend ORDER BY kpi;
\echo 'A projection from fewer than six points is labelled indicative only: a straight line through so few points says little about March.'
\echo
\echo 'Care-home admissions per 100,000: September against the trajectory, and the year-end projection'
SELECT * FROM demo.care_home_projection;
\echo 'vs trajectory: kpi.score with the policy ''relative cumulative'', September against 6/12 of the year-end target.'
