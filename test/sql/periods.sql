-- Financial years, quarters, labels and target trajectories.
SET search_path = public, kpi;

-- UK financial years start in April
SELECT d, kpi.fy(d), kpi.fy_start(d), kpi.fy_end(d), kpi.fy_quarter(d),
       kpi.fy_quarter_label(d) AS short, kpi.fy_quarter_label(d, 'dash') AS dash,
       kpi.fy_elapsed(d), kpi.rolling_year_label(d)
FROM unnest(ARRAY[DATE '2024-03-31', '2024-04-01', '2024-06-30', '2024-08-31', '2024-09-30',
                  '2024-09-01', '2024-12-31', '2025-01-01', '2025-03-15', '1999-12-31']) d;

-- other year starts: calendar years (1), academic years (9), July (7)
SELECT d, kpi.fy(d, 1) AS fy1, kpi.fy_start(d, 1) AS start1, kpi.fy_end(d, 1) AS end1,
       kpi.fy_quarter(d, 1) AS q1, kpi.fy_quarter_label(d, 'short', 1) AS label1,
       kpi.fy(d, 9) AS fy9, kpi.fy_quarter(d, 9) AS q9, kpi.fy_elapsed(d, 9) AS elapsed9,
       kpi.fy(d, 7) AS fy7, kpi.fy_end(d, 7) AS end7
FROM unnest(ARRAY[DATE '2024-01-15', '2024-08-31', '2024-09-01', '2024-12-31']) d;

-- leap years: the year ending in February
SELECT kpi.fy_end('2023-05-01', 3) AS end_leap, kpi.fy_end('2024-05-01', 3) AS end_plain;
-- the century: 2099/00
SELECT kpi.fy('2099-06-01'), kpi.fy('2100-01-01');
-- rolling years ending in December stay in one calendar year
SELECT kpi.rolling_year_label('2024-12-31'), kpi.rolling_year_label('2024-01-10');

-- trajectories, month-based as the report's: 560.8 and 14.60 a year are
-- 280.4 and 7.3 at the end of September (6/12 of 2024/25)
SELECT kpi.trajectory(560.8, '2024-09-30') AS older_adults,
       kpi.trajectory(14.60, '2024-09-30') AS younger_adults,
       kpi.trajectory(560.8, '2024-09-01') AS any_day_of_september;
-- month by month through the year
SELECT to_char(m, 'Mon YYYY') AS month, round(kpi.trajectory(560.8, m::date)::numeric, 4) AS trajectory
FROM generate_series(DATE '2024-04-30', DATE '2025-03-31', interval '1 month') m;
-- from a baseline: the rate was 97.47 in April (start of year) and the target 86.6
SELECT round(kpi.trajectory(86.6, '2024-09-30', 97.47)::numeric, 4) AS lac_trajectory,
       kpi.trajectory(86.6, '2025-03-31', 97.47) AS year_end;
-- a calendar-year target
SELECT kpi.trajectory(100, '2024-03-31', 0, 1);
