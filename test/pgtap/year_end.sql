-- Extrapolated to the year end for month-start and month-end period keys:
-- kpi.fy_end_period, kpi.last_date, kpi.trend_year_end, and the ETS year
-- end through kpi.ets_horizon.  Expected values are hand calculations
-- (day counts, a recursion with given parameters) or PostgreSQL's own
-- regr_slope / regr_intercept.
BEGIN;
SET search_path = public, kpi;
SELECT plan(33);

-- kpi.fy_end_period: the period holding March (UK year), keyed as d
SELECT is(kpi.fy_end_period(DATE '2024-09-01'), DATE '2025-03-01', 'month start: 1 March');
SELECT is(kpi.fy_end_period(DATE '2024-09-30'), DATE '2025-03-31', 'month end: 31 March');
SELECT is(kpi.fy_end_period(DATE '2024-09-15'), DATE '2025-03-31', 'another day: 31 March (kpi.fy_end)');
SELECT is(kpi.fy_end_period(DATE '2025-03-01'), DATE '2025-03-01', 'March keyed 1 March is the year end');
SELECT is(kpi.fy_end_period(DATE '2025-04-01'), DATE '2026-03-01', 'April starts the next year');
SELECT is(kpi.fy_end_period(DATE '2024-02-29'), DATE '2024-03-31', 'February 2024 is in 2023/24');
SELECT is(kpi.fy_end_period(DATE '2024-09-01', 1), DATE '2024-12-01', 'calendar year, month start: 1 December');
SELECT is(kpi.fy_end_period(DATE '2024-09-30', 1), DATE '2024-12-31', 'calendar year, month end: 31 December');
-- quarters keyed on their first day: Jul-Sep, Oct-Dec, Jan-Mar: the last starts 1 January
SELECT is(kpi.fy_end_period(DATE '2024-07-01', 4, 3), DATE '2025-01-01', 'quarter start: 1 January');
SELECT is(kpi.fy_end_period(DATE '2024-10-01', 4, 3), DATE '2025-01-01', 'quarter start from October');
SELECT is(kpi.fy_end_period(DATE '2024-09-30', 4, 3), DATE '2025-03-31', 'quarter end: 31 March');
SELECT is(kpi.fy_end_period(DATE '2024-09-01') = kpi.fy_end(DATE '2024-09-01'), false, 'kpi.fy_end is a month past a month-start key');
SELECT throws_ok($$SELECT kpi.fy_end_period(DATE '2024-09-01', 4, 5)$$, '22023', 'months must be 1, 2, 3, 4, 6 or 12, not 5', 'months 5');
SELECT throws_ok($$SELECT kpi.fy_end_period(DATE '2024-09-01', 13)$$, '22023', 'start_month must be between 1 and 12, not 13', 'start_month 13');
SELECT throws_ok($$SELECT kpi.fy_end_period(DATE 'infinity')$$, '22023', 'the date must be finite, not infinity', 'infinite date');
SELECT throws_ok($$SELECT kpi.fy_end_period(DATE '5874897-12-01')$$, '22008', 'date out of range', 'beyond the date range');
-- timestamptz: its date in the session's TimeZone (1 September 00:00 BST is 31 August in UTC)
SET LOCAL TimeZone = 'Europe/London';
SELECT is(kpi.fy_end_period(TIMESTAMPTZ '2024-09-01 00:00+01'), DATE '2025-03-01', 'timestamptz: date in the session TimeZone');
RESET TimeZone;

-- a line that is exactly the days since the first key: its year-end value is a day count
-- month starts 1 April .. 1 September 2024; 1 April 2024 to 1 March 2025 is 334 days
CREATE TEMP TABLE starts AS
SELECT d::date AS month, (d::date - DATE '2024-04-01')::float8 AS v
FROM generate_series(DATE '2024-04-01', DATE '2024-09-01', interval '1 month') d;
-- month ends 30 April .. 30 September 2024; 30 April 2024 to 31 March 2025 is 335 days
CREATE TEMP TABLE ends AS
SELECT (d + interval '1 month - 1 day')::date AS month,
       ((d + interval '1 month - 1 day')::date - DATE '2024-04-30')::float8 AS v
FROM generate_series(DATE '2024-04-01', DATE '2024-09-01', interval '1 month') d;

SELECT is((SELECT (as_of, year_end, steps, round(fitted::numeric, 9), round(forecast::numeric, 9), round(lower::numeric, 9), round(upper::numeric, 9))
           FROM kpi.trend_year_end((SELECT kpi.trend(v, month) FROM starts), 300, 'higher')),
          ROW(DATE '2024-09-01', DATE '2025-03-01', 6, 153::numeric, 334::numeric, 334::numeric, 334::numeric),
          'month starts: the line at 1 March (334 days)');
SELECT is((SELECT round(kpi.predict(kpi.trend(v, month), kpi.fy_end(DATE '2024-09-01'))::numeric, 9) FROM starts), 364::numeric,
          'kpi.predict at kpi.fy_end would be 30 days (a month) further');
SELECT is((SELECT (as_of, year_end, steps, round(fitted::numeric, 9), round(forecast::numeric, 9))
           FROM kpi.trend_year_end((SELECT kpi.trend(v, month) FROM ends), 300, 'higher')),
          ROW(DATE '2024-09-30', DATE '2025-03-31', 6, 153::numeric, 335::numeric),
          'month ends: the line at 31 March (335 days)');
SELECT is((SELECT (target, trajectory, forecast_rag) FROM kpi.trend_year_end((SELECT kpi.trend(v, month) FROM starts), 300, 'higher')),
          ROW(300::float8, 150::float8, 'green'::kpi.rag), 'target, trajectory (6/12 of 300) and RAG');

-- the care-home example keyed on month starts, against PostgreSQL's regr_* at 1 March 2025
CREATE TEMP TABLE ch AS
SELECT date_trunc('month', month_end)::date AS month, month_end, rate
FROM (VALUES (DATE '2024-04-30', 44.1::float8), ('2024-05-31', 95.6), ('2024-06-30', 139.8),
             ('2024-07-31', 190.2), ('2024-08-31', 248.2), ('2024-09-30', 291.5)) AS a(month_end, rate);
SELECT ok((SELECT abs(y.forecast - (regr_intercept(rate, month - DATE '1970-01-01') + regr_slope(rate, month - DATE '1970-01-01') * (DATE '2025-03-01' - DATE '1970-01-01')))
                  < 1e-9 * y.forecast
           FROM ch, kpi.trend_year_end((SELECT kpi.trend(rate, month) FROM ch), 560.8, 'lower') y GROUP BY y.forecast),
          'month starts: regr_intercept + regr_slope at 1 March');
SELECT ok((SELECT abs(y.forecast - (regr_intercept(rate, month_end - DATE '1970-01-01') + regr_slope(rate, month_end - DATE '1970-01-01') * (DATE '2025-03-31' - DATE '1970-01-01')))
                  < 1e-9 * y.forecast
           FROM ch, kpi.trend_year_end((SELECT kpi.trend(rate, month_end) FROM ch), 560.8, 'lower') y GROUP BY y.forecast),
          'month ends: regr_intercept + regr_slope at 31 March');
SELECT is((SELECT (as_of, year_end) FROM kpi.trend_year_end((SELECT kpi.trend(rate, month) FROM ch), 560.8, 'lower', as_of => DATE '2024-08-01')),
          ROW(DATE '2024-08-01', DATE '2025-03-01'), 'as_of given');
SELECT is((SELECT (as_of, year_end, forecast) FROM kpi.trend_year_end((SELECT kpi.trend(rate, month) FROM ch WHERE false), 560.8, 'lower')),
          ROW(NULL::date, NULL::date, NULL::float8), 'no points: NULLs');
SELECT is((SELECT kpi.last_date(kpi.trend(rate, month ORDER BY month DESC)) FROM ch), DATE '2024-09-01', 'kpi.last_date');
SELECT throws_ok($$SELECT kpi.last_date(kpi.trend(1, 2::float8))$$, '42804', 'kpi.last_date needs a trend over date x, not float8 x', 'last_date of a float8 trend');
SELECT throws_ok($$SELECT kpi.trend_year_end(kpi.trend(1, now()), 1, 'higher')$$, '42804', 'kpi.last_date needs a trend over date x, not timestamptz x', 'timestamptz trend without as_of');

-- ETS at the year end, by hand: AAN with alpha 1, beta 0, level0 0, trend0 10 follows the data
-- (level = y) with trend 10, so the forecast 6 steps after September is 291.5 + 60 = 351.5.
-- One-step errors 34.1, 41.5, 34.2, 40.4, 48.0, 33.3: SSE 9099.75; no estimated parameters,
-- sigma^2 = 9099.75 / 6; c_6 = 1 + 5 (alpha^2) = 6 (FPP3 Table 8.8), so se = sqrt(9099.75).
SELECT is((SELECT (h.year_end, h.steps, f.period, f.forecast, round(f.se::numeric, 9))
           FROM kpi.ets_horizon((SELECT kpi.series(rate, month) FROM ch)) h,
                kpi.ets_forecast((SELECT kpi.series(rate, month) FROM ch), h.steps, model => 'AAN',
                                 alpha => 1, beta => 0, level0 => 0, trend0 => 10) f
           WHERE f.step = h.steps),
          ROW(DATE '2025-03-01', 6, DATE '2025-03-01', 351.5::float8, round(sqrt(9099.75)::numeric, 9)),
          'ETS, month starts: 351.5 at 1 March, by hand');
SELECT is((SELECT (h.year_end, h.steps, f.period, f.forecast, round(f.se::numeric, 9))
           FROM kpi.ets_horizon((SELECT kpi.series(rate, month_end) FROM ch)) h,
                kpi.ets_forecast((SELECT kpi.series(rate, month_end) FROM ch), h.steps, model => 'AAN',
                                 alpha => 1, beta => 0, level0 => 0, trend0 => 10) f
           WHERE f.step = h.steps),
          ROW(DATE '2025-03-31', 6, DATE '2025-03-31', 351.5::float8, round(sqrt(9099.75)::numeric, 9)),
          'ETS, month ends: 351.5 at 31 March, by hand');
-- ets_horizon and kpi.fy_end_period name the same period, monthly and quarterly
SELECT is((SELECT year_end FROM kpi.ets_horizon((SELECT kpi.series(rate, month) FROM ch))), kpi.fy_end_period(DATE '2024-09-01'),
          'ets_horizon = fy_end_period, month starts');
SELECT is((SELECT year_end FROM kpi.ets_horizon('date{2024-04-01=1,2024-07-01=2,2024-10-01=3}'::kpi.series)), kpi.fy_end_period(DATE '2024-10-01', 4, 3),
          'ets_horizon = fy_end_period, quarter starts');
SELECT is((SELECT year_end FROM kpi.ets_horizon('date{2024-06-30=1,2024-09-30=2,2024-12-31=3}'::kpi.series)), kpi.fy_end_period(DATE '2024-12-31', 4, 3),
          'ets_horizon = fy_end_period, quarter ends');

SELECT * FROM finish();
ROLLBACK;
