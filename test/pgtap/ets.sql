-- ETS forecasts: behaviour (missing periods, row order, parallel plans,
-- the year end) and every error with its SQLSTATE.
BEGIN;
SET search_path = public, kpi;
SELECT plan(43);

CREATE TEMP TABLE m AS
SELECT (DATE '2021-04-01' + i * interval '1 month')::date AS month,
       100 + 10 * sin(i * pi() / 6) + i + 3 * sin(i * i) AS v
FROM generate_series(0, 35) i;
CREATE TEMP TABLE s AS SELECT kpi.series(v, month) AS s FROM m;

-- errors, each with its SQLSTATE
SELECT throws_ok($$SELECT kpi.ets((SELECT s FROM s), 'ABC')$$, '22023', 'unknown forecast model "ABC"', 'unknown model');
SELECT throws_ok($$SELECT kpi.ets((SELECT s FROM s), 'AAA', season => 1)$$, '22023', 'season length must be between 2 and 52, not 1', 'season below 2');
SELECT throws_ok($$SELECT kpi.ets((SELECT s FROM s), 'AAA', season => 19)$$, '22023', 'season length 19 is more than half the series (36 periods)', 'season above half the series');
SELECT throws_ok($$SELECT kpi.ets((SELECT s FROM s), 'AAA', season => 53)$$, '22023', 'season length must be between 2 and 52, not 53', 'season above 52');
SELECT throws_ok($$SELECT kpi.ets('float8{1=1,2=2,3=3,4=4,5=5,6=6}'::kpi.series, 'AAA')$$, '22023', 'model AAA needs a season length', 'no season length for numbers');
SELECT throws_ok($$SELECT kpi.ets('float8{1=1,2=2,3=3}'::kpi.series, 'AAN')$$, '22023', 'model AAN needs at least 5 values, the series has 3', 'too few points for AAN');
SELECT throws_ok($$SELECT kpi.ets('float8{1=1}'::kpi.series)$$, '22023', 'too few values to fit a forecast model: the series has 1', 'too few points for auto');
SELECT throws_ok($$SELECT kpi.ets('float8{}'::kpi.series)$$, '22023', NULL, 'empty series');
SELECT throws_ok($$SELECT kpi.ets((SELECT s FROM s), 'ANN', alpha => 'NaN')$$, '22023', 'alpha must be a finite number, not NaN', 'NaN alpha');
SELECT throws_ok($$SELECT kpi.ets((SELECT s FROM s), 'ANN', alpha => 1.5)$$, '22023', 'alpha must be between 0 and 1, not 1.5', 'alpha above 1');
SELECT throws_ok($$SELECT kpi.ets((SELECT s FROM s), 'AAdN', phi => 0)$$, '22023', 'phi must be greater than 0 and at most 1, not 0', 'phi 0');
SELECT throws_ok($$SELECT kpi.ets((SELECT s FROM s), 'ANN', beta => 0.1)$$, '22023', 'model ANN has no beta', 'beta without a trend');
SELECT throws_ok($$SELECT kpi.ets((SELECT s FROM s), 'AAN', phi => 0.9)$$, '22023', 'model AAN has no phi', 'phi without damping');
SELECT throws_ok($$SELECT kpi.ets((SELECT s FROM s), 'AAN', gamma => 0.1)$$, '22023', 'model AAN has no gamma', 'gamma without a season');
SELECT throws_ok($$SELECT kpi.ets((SELECT s FROM s), 'AAA', season0 => '{1,2,3}')$$, '22023', 'season0 must have one value per season (12), not 3', 'season0 of the wrong length');
SELECT throws_ok($$SELECT kpi.ets((SELECT s FROM s), 'AAA', season0 => array_fill(NULL::float8, ARRAY[12]))$$, '22004', 'season0 cannot contain NULL', 'season0 with NULL');
SELECT throws_ok($$SELECT kpi.ets((SELECT s FROM s), 'AAA', season0 => array_fill(1::float8, ARRAY[3, 4]))$$, '22023', 'season0 must be a one-dimensional array', 'season0 two-dimensional');
SELECT throws_ok($$SELECT kpi.ets((SELECT s FROM s), 'snaive', alpha => 0.5)$$, '22023', 'model snaive has no parameters or states to give', 'snaive with alpha');
SELECT throws_ok($$SELECT kpi.ets((SELECT s FROM s), 'AAN', alpha => 0.00005)$$, '22023', 'the given parameters leave no room for the others within the bounds', 'a given alpha below the lowest beta');
SELECT throws_ok($$SELECT * FROM kpi.ets_forecast((SELECT s FROM s), -1)$$, '22023', 'forecast horizon must be between 0 and 100000 steps, not -1', 'negative horizon');
SELECT throws_ok($$SELECT * FROM kpi.ets_forecast((SELECT s FROM s), 3, 95)$$, '22023', 'confidence level must be between 0 and 1 exclusive, not 95', 'level 95');
SELECT throws_ok($$SELECT * FROM kpi.ets_forecast((SELECT s FROM s), 3, variance => 'n')$$, '22023', 'unknown variance estimate "n"', 'unknown variance');
SELECT throws_ok($$SELECT kpi.ets((SELECT s FROM s), bounds => 'both')$$, '22023', 'unknown parameter bounds "both"', 'unknown bounds');
SELECT throws_ok($$SELECT kpi.ets('float8{1=1,2=2,3.3=3,4=4,5=5}'::kpi.series)$$, '22023', 'kpi.ets needs evenly spaced periods', 'uneven periods');
SELECT throws_ok($$SELECT kpi.ets('float8{1=1,2=2,10=3,11=4}'::kpi.series)$$, '22023', 'kpi.ets needs regularly spaced periods', 'more missing periods than points');
SELECT throws_ok($$SELECT kpi.ets('float8{0=1,1=2,1e300=3}'::kpi.series)$$, '54000', 'a forecast series can span at most 1000000 periods', 'a span too long');
SELECT throws_ok($$SELECT kpi.ets('timestamptz{2024-01-01 00:00:00+00=1}'::kpi.series)$$, '0A000', 'kpi.ets takes a series of float8 or date periods, not timestamptz', 'timestamptz periods');
SELECT throws_ok($$SELECT * FROM kpi.ets_forecast('timestamptz{2024-01-01 00:00:00+00=1,2024-02-01 00:00:00+00=2}'::kpi.series, 1)$$, '0A000', 'kpi.ets_forecast takes a series of float8 or date periods, not timestamptz', 'timestamptz periods: ets_forecast');
SELECT throws_ok($$SELECT * FROM kpi.ets_year_end('timestamptz{2024-01-01 00:00:00+00=1}'::kpi.series, 1, 'higher')$$, '0A000', 'kpi.ets_year_end takes a series of float8 or date periods, not timestamptz', 'timestamptz periods: ets_year_end');
-- the hint names the conversion, and it works: the dates in the zone meant
SELECT is((SELECT (x.forecast, x.period) FROM kpi.ets_forecast(
               (SELECT kpi.series(v, (t AT TIME ZONE 'Europe/London')::date)
                FROM (VALUES (TIMESTAMPTZ '2024-06-01 00:00+01', 1.0::float8), ('2024-07-01 00:00+01', 2), ('2024-08-01 00:00+01', 3)) AS p(t, v)),
               1, model => 'ANN', alpha => 1, level0 => 0) x),
          ROW(3::float8, DATE '2024-09-01'), 'timestamptz periods as London dates (alpha 1: the last value)');
SELECT throws_ok($$SELECT * FROM kpi.ets_year_end('float8{1=1,2=2,3=3,4=4}'::kpi.series, 10, 'higher')$$, '22023', NULL, 'year end of numbered periods');
SELECT throws_ok($$SELECT * FROM kpi.ets_year_end((SELECT s FROM s), 10, 'higher', start_month => 13)$$, '22023', 'start_month must be between 1 and 12, not 13', 'year end start_month 13');
SELECT throws_ok($$SELECT * FROM kpi.ets_forecast('date{9999-12-01=1,9999-12-02=2,9999-12-03=3,9999-12-04=4}'::kpi.series, 5000000)$$, '22023', NULL, 'horizon too long');

-- NULL series: NULL model, no rows
SELECT is(kpi.ets(NULL), NULL, 'NULL series gives NULL');
SELECT is((SELECT count(*) FROM kpi.ets_forecast(NULL, 3)), 0::bigint, 'NULL series gives no forecasts');

-- a missing month is a period without an observation, not closed up:
-- the same fit as the series with that month ghosted (NULL)
SELECT is((SELECT kpi.ets(kpi.series(v, month), 'AAA', alpha => 0.3, beta => 0.05, gamma => 0.1) FROM m WHERE month <> '2022-01-01'),
          (SELECT kpi.ets(kpi.series(CASE WHEN month = '2022-01-01' THEN NULL ELSE v END, month), 'AAA', alpha => 0.3, beta => 0.05, gamma => 0.1) FROM m),
          'a missing month equals a ghosted month');
SELECT is((SELECT missing FROM kpi.ets((SELECT kpi.series(v, month) FROM m WHERE month <> '2022-01-01'))), 1, 'the missing month is counted');
SELECT is((SELECT count(*) FROM kpi.ets_fitted((SELECT kpi.series(v, month) FROM m WHERE month <> '2022-01-01')) WHERE value IS NULL), 1::bigint,
          'the missing month has its row in kpi.ets_fitted');
SELECT isnt((SELECT kpi.ets(kpi.series(v, month), 'AAA') FROM m WHERE month <> '2022-01-01'),
            (SELECT kpi.ets(kpi.series(v, i), 'AAA', season => 12)
             FROM (SELECT v, row_number() OVER (ORDER BY month)::float8 AS i FROM m WHERE month <> '2022-01-01') q),
            'closing the gap up would give another fit');

-- row order does not matter (parallel plans: test/sql/ets.sql)
SELECT is((SELECT kpi.ets(kpi.series(v, month ORDER BY month DESC)) FROM m), (SELECT kpi.ets(kpi.series(v, month)) FROM m), 'row order');

-- the year end: month-start and month-end keys give the same forecast
-- for March, 6 steps after September (kpi.fy_end gives the year end)
SELECT is((SELECT (year_end, steps) FROM kpi.ets_year_end((SELECT kpi.series(v, month) FROM m WHERE month <= '2023-09-01'), 500, 'higher')),
          ROW(DATE '2024-03-01', 6), 'month-start keys: the year end is 1 March');
SELECT is((SELECT (year_end, steps, year_end = kpi.fy_end(as_of)) FROM kpi.ets_year_end((SELECT kpi.series(v, (month + interval '1 month' - interval '1 day')::date) FROM m WHERE month <= '2023-09-01'), 500, 'higher')),
          ROW(DATE '2024-03-31', 6, true), 'month-end keys: the year end is kpi.fy_end');
SELECT is((SELECT a.forecast = b.forecast AND a.trajectory = b.trajectory AND a.trajectory = kpi.trajectory(500, '2023-09-30')
           FROM kpi.ets_year_end((SELECT kpi.series(v, month) FROM m WHERE month <= '2023-09-01'), 500, 'higher') a,
                kpi.ets_year_end((SELECT kpi.series(v, (month + interval '1 month' - interval '1 day')::date) FROM m WHERE month <= '2023-09-01'), 500, 'higher') b),
          true, 'month-start and month-end keys agree (forecast, trajectory)');

SELECT * FROM finish();
ROLLBACK;
