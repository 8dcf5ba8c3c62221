-- kpi demo, part 6: forecasts that respect seasons (exponential smoothing).
--
-- 1. The report's cumulative care-home admissions, extrapolated to the year
--    end with ETS beside the straight line.  The report gives 0 at the start
--    of the year, August and September, and projects "from the last 6
--    months" without printing them; April to July below are illustrative
--    values (the same shape for both KPIs, scaled to each KPI's August),
--    so the path passes through every point the report does print.
-- 2. A seasonal monthly series of our own making (four-hour A&E
--    performance with a winter dip), where a straight line reads the
--    winter as a decline and ETS does not.
--
-- Months are keyed on their last day here; kpi.ets_year_end and
-- kpi.trend_year_end find the year-end period in the key of the latest
-- period (kpi.fy_end_period: 31 March for month-end keys, 1 March for
-- month-start keys), so the straight line and ETS are evaluated at the
-- same period, never at a fixed kpi.fy_end date.

CREATE TABLE demo.care_home_monthly (kpi text, month_end date, value float8, printed bool,
                                     PRIMARY KEY (kpi, month_end));
INSERT INTO demo.care_home_monthly
SELECT r.kpi, m.month_end,
       CASE m.month_end WHEN DATE '2024-08-31' THEN r.previous WHEN DATE '2024-09-30' THEN r.latest
                        ELSE r.previous OPERATOR(pg_catalog.*) m.share END,
       m.month_end IN (DATE '2024-08-31', DATE '2024-09-30')
FROM demo.report_csv r
-- shares of August: 44.1, 95.6, 139.8 and 190.2 of 248.2 (the README's example)
CROSS JOIN (VALUES (DATE '2024-04-30', 0.17767929089443997::float8), (DATE '2024-05-31', 0.38517324738114424),
                   (DATE '2024-06-30', 0.5632554391619662), (DATE '2024-07-31', 0.7663174858984690),
                   (DATE '2024-08-31', 1), (DATE '2024-09-30', NULL)) m(month_end, share)
WHERE r.kpi LIKE 'Cumulative number of % admission to residential and nursing care homes%';

CREATE VIEW demo.care_home_forecast AS
WITH k AS (
    SELECT c.kpi, kpi.series(c.value, c.month_end) AS s, kpi.trend(c.value, c.month_end) AS line,
           (SELECT n.value FROM demo.narrative_csv n
            WHERE n.kpi = c.kpi AND n.statement LIKE '%end of year target%') AS year_end_target,
           (SELECT n.value FROM demo.narrative_csv n
            WHERE n.kpi = c.kpi AND n.statement LIKE '%extrapolated%') AS report_projection
    FROM demo.care_home_monthly c GROUP BY c.kpi
)
SELECT CASE WHEN k.kpi LIKE '%18-64%' THEN 'Younger adults (18-64)' ELSE 'Older adults (65+)' END AS "KPI",
       y.as_of AS "As of", y.latest AS "September", y.trajectory AS "Trajectory", y.latest_rag AS "vs trajectory",
       y.year_end AS "Year end",
       pg_catalog.round((kpi.trend_year_end(k.line, k.year_end_target, 'lower')).forecast::numeric, 1) AS "Straight line",
       pg_catalog.round(y.forecast::numeric, 1) AS "ETS (A,A,N)",
       pg_catalog.concat(pg_catalog.round(y.lower::numeric, 1), ' - ', pg_catalog.round(y.upper::numeric, 1)) AS "ETS 95% interval",
       k.report_projection AS "Report's projection",
       y.target AS "Year-end target", y.forecast_rag AS "ETS vs target"
FROM k CROSS JOIN LATERAL kpi.ets_year_end(k.s, k.year_end_target, 'lower', model => 'AAN') AS y;

-- 2. April 2021 to March 2024, higher is better; the winter dip repeats
CREATE TABLE demo.ae_four_hours (month date PRIMARY KEY, pct float8);
-- (74 + 0.05 i + 3.5 cos(2 pi (i - 3) / 12) + 0.9 sin(1.3 i^2), i = 0 .. 35,
-- rounded to 0.1)
INSERT INTO demo.ae_four_hours VALUES
       (DATE '2021-04-01', 74),
       (DATE '2021-05-01', 76.7),
       (DATE '2021-06-01', 76.3),
       (DATE '2021-07-01', 77),
       (DATE '2021-08-01', 78.1),
       (DATE '2021-09-01', 76.8),
       (DATE '2021-10-01', 74.6),
       (DATE '2021-11-01', 73.3),
       (DATE '2021-12-01', 72.3),
       (DATE '2022-01-01', 70.1),
       (DATE '2022-02-01', 70.6),
       (DATE '2022-03-01', 73),
       (DATE '2022-04-01', 73.7),
       (DATE '2022-05-01', 76.2),
       (DATE '2022-06-01', 77.4),
       (DATE '2022-07-01', 78),
       (DATE '2022-08-01', 77.6),
       (DATE '2022-09-01', 75.7),
       (DATE '2022-10-01', 75.1),
       (DATE '2022-11-01', 72.4),
       (DATE '2022-12-01', 71.1),
       (DATE '2023-01-01', 72.4),
       (DATE '2023-02-01', 72.8),
       (DATE '2023-03-01', 73.7),
       (DATE '2023-04-01', 76),
       (DATE '2023-05-01', 77.8),
       (DATE '2023-06-01', 77.7),
       (DATE '2023-07-01', 78.1),
       (DATE '2023-08-01', 79.3),
       (DATE '2023-09-01', 77.2),
       (DATE '2023-10-01', 76.4),
       (DATE '2023-11-01', 73),
       (DATE '2023-12-01', 71.9),
       (DATE '2024-01-01', 73),
       (DATE '2024-02-01', 73.5),
       (DATE '2024-03-01', 74.3);

CREATE VIEW demo.ae_forecast AS
WITH s AS (SELECT kpi.series(pct, month) AS s FROM demo.ae_four_hours),
     line AS (SELECT kpi.trend(pct, month) AS t FROM demo.ae_four_hours WHERE month > DATE '2023-09-01')
SELECT f.period AS "Month", a.pct AS "Same month last year",
       pg_catalog.round(kpi.predict(line.t, f.period)::numeric, 1) AS "Straight line (last 6 months)",
       pg_catalog.round(f.forecast::numeric, 1) AS "ETS",
       pg_catalog.concat(pg_catalog.round(f.lower::numeric, 1), ' - ', pg_catalog.round(f.upper::numeric, 1)) AS "ETS 80% interval"
FROM s, line, kpi.ets_forecast(s.s, 6, 0.8) AS f
JOIN demo.ae_four_hours a ON a.month = (f.period - interval '1 year')::date;

\pset footer off
\echo
\echo 'Care-home admissions per 100,000 extrapolated to the year end: ETS beside the straight line'
SELECT * FROM demo.care_home_forecast ORDER BY 1 DESC;
\echo 'April-July are illustrative (the report prints only August and September); the report''s own projection used six monthly values it does not print.'
\echo
SELECT model AS "Model chosen (AICc)", season AS "Season", n AS "Months",
       pg_catalog.round(alpha::numeric, 3) AS "alpha", pg_catalog.round(gamma::numeric, 3) AS "gamma",
       pg_catalog.round(pg_catalog.sqrt(sigma2)::numeric, 2) AS "sigma"
FROM kpi.ets((SELECT kpi.series(pct, month) FROM demo.ae_four_hours));
\echo 'A&E four-hour performance (made up): the next six months'
SELECT * FROM demo.ae_forecast ORDER BY 1;
\echo 'The line through the last six months (October-March) reads the winter dip as a decline; ETS carries the season.'
