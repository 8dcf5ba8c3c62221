-- Worked examples, computed by hand (the arithmetic is in the comments).
SET search_path = public, kpi;
SET timezone = 'UTC';

-- The classic five points (x, y) = (1,2) (2,4) (3,5) (4,4) (5,5):
--   n = 5, mean x = 3, mean y = 4
--   Sxx = 4+1+0+1+4 = 10, Syy = 4+0+1+0+1 = 6
--   Sxy = (-2)(-2) + (-1)(0) + 0(1) + 1(0) + 2(1) = 6
--   slope = 6/10 = 0.6, intercept = 4 - 0.6*3 = 2.2
--   r2 = 6^2 / (10*6) = 0.6
--   fitted 2.8 3.4 4.0 4.6 5.2, residuals -0.8 0.6 1.0 -0.6 -0.2
--   SSE = 0.64+0.36+1+0.36+0.04 = 2.4 (= Syy - Sxy^2/Sxx = 6 - 3.6)
--   s^2 = SSE/(n-2) = 0.8, se(slope) = sqrt(0.8/10) = 0.28284271247
--   t = 0.6/0.28284271247 = 2.12132034356 on 3 df; the t(3) CDF is
--   F(t) = 1/2 + [u/(1+u^2) + atan u]/pi with u = t/sqrt 3 = sqrt 1.5:
--   u/(1+u^2) = 1.22474487139/2.5 = 0.48989794856, atan u = 0.88607712379,
--   p = 2(1 - F) = 1 - 2(0.48989794856+0.88607712379)/pi = 0.12402706266
CREATE TEMP TABLE five (x float8, y float8);
INSERT INTO five VALUES (1,2), (2,4), (3,5), (4,4), (5,5);
SELECT kpi.n(t), round(kpi.slope(t)::numeric, 10) AS slope, round(kpi.intercept(t)::numeric, 10) AS intercept,
       round(kpi.r2(t)::numeric, 10) AS r2, round(kpi.slope_se(t)::numeric, 10) AS slope_se,
       round(kpi.slope_p(t)::numeric, 10) AS slope_p
FROM (SELECT kpi.trend(y, x) AS t FROM five) s;

-- Prediction interval for a new observation at x = 6:
--   yhat = 2.2 + 0.6*6 = 5.8
--   se = s sqrt(1 + 1/n + (x - mean x)^2/Sxx) = sqrt(0.8) sqrt(1 + 0.2 + 0.9)
--      = 0.894427191 * 1.449137675 = 1.29614813968
--   t(0.975, 3) = 3.18244630528 (tables: 3.182), half width 4.12492185823
--   95%: 5.8 ± 4.12492185823 = (1.67507814177, 9.92492185823)
--   90%: t(0.95, 3) = 2.35336343480, half 3.05030763801 = (2.74969236199, 8.85030763801)
--   at the mean x = 3: se = sqrt(0.8) sqrt(1.2) = 0.97979589711,
--   4 ± 3.18244630528 * 0.97979589711 = (0.88185216730, 7.11814783270)
SELECT round((f).estimate::numeric, 8) AS estimate, round((f).lower::numeric, 8) AS lower,
       round((f).upper::numeric, 8) AS upper
FROM (SELECT kpi.forecast(t, 6) AS f FROM (SELECT kpi.trend(y, x) AS t FROM five) s
      UNION ALL SELECT kpi.forecast(t, 6, 0.90) FROM (SELECT kpi.trend(y, x) AS t FROM five) s
      UNION ALL SELECT kpi.forecast(t, 3) FROM (SELECT kpi.trend(y, x) AS t FROM five) s) q;
SELECT kpi.predict(t, 6) AS predict_6, kpi.predict(t, 0) AS predict_0
FROM (SELECT kpi.trend(y, x) AS t FROM five) s;

-- two points: a line, but no interval (0 degrees of freedom)
SELECT kpi.forecast(kpi.trend(y, x), 3) FROM (VALUES (1.0, 1.0), (2.0, 3.0)) v(x, y);
-- one point: no line at all
SELECT kpi.forecast(kpi.trend(5, 1.0), 3) IS NULL AS no_line;

-- reaches: y = 2.2 + 0.6x, latest x = 5
--   target 8: x = (8 - 2.2)/0.6 = 9.6666666667
--   target 5.2: x = 5, the latest x itself
--   target 3: x = 1.3333 lies before the latest x: the line is moving away
--   (it crossed the target before the last observation), so NULL
SELECT round(kpi.reaches(t, 8)::numeric, 10) AS reaches_8, kpi.reaches(t, 5.2) AS reaches_5_2,
       kpi.reaches(t, 3) AS reaches_3
FROM (SELECT kpi.trend(y, x) AS t FROM five) s;
-- a flat line never reaches anything else
SELECT kpi.reaches(kpi.trend(4, x), 5) AS flat FROM generate_series(1, 4) x;
-- a falling line reaches lower targets ahead: y = 10 - 2x, x = 1..3, target 0 at x = 5
SELECT kpi.reaches(kpi.trend(10 - 2 * x, x), 0) AS falling FROM generate_series(1, 3) x;

-- reaches_at: 0 on 1 Jan 2024 and 10 on 11 Jan 2024 is 1 a day, so 20 is
-- reached on 21 Jan 2024 (midnight UTC) and 15 on 16 Jan
SELECT kpi.reaches_at(t, 20) AS at_20, kpi.reaches_at(t, 15) AS at_15,
       kpi.reaches_at(t, -5) AS behind,
       kpi.slope(t) AS per_day, kpi.slope(t, '1 week') AS per_week
FROM (SELECT kpi.trend(y, d) AS t
      FROM (VALUES (DATE '2024-01-01', 0.0), (DATE '2024-01-11', 10.0)) v(d, y)) s;
-- over timestamptz: 5 in 12 hours is 10 a day, so 20 two days on;
-- a crossing beyond the calendar is infinity
SELECT kpi.reaches_at(t, 20) AS at_20, kpi.reaches_at(t, 1e15) AS far
FROM (SELECT kpi.trend(y, ts) AS t
      FROM (VALUES (TIMESTAMPTZ '2024-01-01 00:00+00', 0.0), (TIMESTAMPTZ '2024-01-01 12:00+00', 5.0)) v(ts, y)) s;

-- Mann–Kendall, no ties: y = 1 3 2 5 4 at x = 1..5
--   S: from 1: +4; from 3: -1+1+1 = +1; from 2: +2; from 5: -1; S = 6
--   Var S = n(n-1)(2n+5)/18 = 5*4*15/18 = 16.6667
--   z = (S - 1)/sqrt(Var S) = 5/4.0824829 = 1.2247449, p = 2(1 - Phi(z)) = 0.2206714
SELECT (m).s, round((m).z::numeric, 7) AS z, round((m).p::numeric, 7) AS p
FROM (SELECT kpi.mann_kendall(y, x) AS m
      FROM (VALUES (1, 1.0), (2, 3.0), (3, 2.0), (4, 5.0), (5, 4.0)) v(x, y)) s;
-- the same rows in another order give the same answer (pairs are ordered by x)
SELECT (kpi.mann_kendall(y, x)).s
FROM (VALUES (4, 5.0), (2, 3.0), (5, 4.0), (1, 1.0), (3, 2.0)) v(x, y);

-- Mann–Kendall with a tie: y = 10 12 12 15 13 18 at x = 1..6
--   S: from 10: +5; from 12: 0+1+1+1 = +3; from 12: +3; from 15: -1+1 = 0;
--   from 13: +1; S = 12
--   Var S = [6*5*17 - 2*1*9]/18 = (510 - 18)/18 = 27.3333
--   z = 11/sqrt(27.3333) = 11/5.2281290 = 2.1040032, p = 2(1 - Phi(z)) = 0.0353782
SELECT (m).s, round((m).z::numeric, 6) AS z, round((m).p::numeric, 6) AS p
FROM (SELECT kpi.mann_kendall(y, x) AS m
      FROM (VALUES (1, 10.0), (2, 12.0), (3, 12.0), (4, 15.0), (5, 13.0), (6, 18.0)) v(x, y)) s;
-- S = 0 gives z = 0, p = 1; fewer than 3 points give S only
SELECT kpi.mann_kendall(y, x) FROM (VALUES (1, 1.0), (2, 2.0), (3, 1.0)) v(x, y);
SELECT kpi.mann_kendall(y, x) FROM (VALUES (1, 1.0), (2, 2.0)) v(x, y);
SELECT kpi.mann_kendall(y, x) IS NULL AS no_rows FROM five WHERE false;
-- over dates
SELECT (kpi.mann_kendall(y, d)).s FROM (VALUES (DATE '2024-04-30', 3.0), (DATE '2024-05-31', 4.0), (DATE '2024-06-30', 6.0)) v(d, y);

-- Theil–Sen on the five points: the 10 pairwise slopes are
--   (1,2) 2, (1,3) 1.5, (1,4) 0.6667, (1,5) 0.75, (2,3) 1, (2,4) 0,
--   (2,5) 0.3333, (3,4) -1, (3,5) 0, (4,5) 1
--   sorted -1 0 0 0.3333 0.6667 0.75 1 1 1.5 2: median (0.6667+0.75)/2 = 17/24
--   y - (17/24)x = 31/24 62/24 69/24 28/24 35/24: median 35/24 = 1.4583333
SELECT round((l).slope::numeric, 10) AS slope, round((l).intercept::numeric, 10) AS intercept
FROM (SELECT kpi.theil_sen(y, x) AS l FROM five) s;
-- an outlier does not move it: y = x for x = 1..6, then (7, 100):
--   15 slopes of 1 and 6 larger ones: median (11th of 21) = 1; intercept median(0,...,0,93) = 0
SELECT kpi.theil_sen(y, x)
FROM (SELECT x, CASE WHEN x = 7 THEN 100 ELSE x END::float8 AS y FROM generate_series(1, 7) x) s;
-- while least squares is pulled far off
SELECT round(kpi.slope(kpi.trend(y, x))::numeric, 4) AS ols_slope
FROM (SELECT x, CASE WHEN x = 7 THEN 100 ELSE x END::float8 AS y FROM generate_series(1, 7) x) s;
-- all x equal: no slope
SELECT kpi.theil_sen(y, 1.0) IS NULL AS no_slope FROM generate_series(1, 3) y;
