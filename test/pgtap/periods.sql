-- Periods that reports compare: fy_month, month_number, prior_period, and
-- the timestamp / timestamptz overloads of the financial-period functions.
-- Expected values: the calendar (hand-checked: 2024 is a leap year, 2023 and
-- 2025 are not), and PostgreSQL's own casts to date for the overloads.
BEGIN;
SELECT plan(27);

SELECT is(kpi.fy_month('2024-04-01'), 1, 'April is month 1 of the UK financial year');
SELECT is(kpi.fy_month('2025-03-31'), 12, 'March is month 12');
SELECT is(kpi.fy_month('2024-12-15'), 9, 'December is month 9');
SELECT is(kpi.fy_month('2024-01-15', 1), 1, 'calendar year: January is month 1');
SELECT is(kpi.fy_month('2024-07-01', 7), 1, 'a July year (Australia): July is month 1');
SELECT throws_ok($$SELECT kpi.fy_month('2024-01-01', 13)$$, '22023', 'start_month must be between 1 and 12, not 13', 'bad start_month');
SELECT throws_ok($$SELECT kpi.fy_month('infinity'::date)$$, '22023', 'the date must be finite, not infinity', 'infinite date');

SELECT is(kpi.month_number('2024-09-30') - kpi.month_number('2023-09-01'), 12, 'month_number: the same month a year apart is 12 apart');
SELECT is(kpi.month_number('2024-01-01') - kpi.month_number('2023-12-31'), 1, 'month_number: December to January is 1');

SELECT is(kpi.prior_period('2024-09-30'), '2023-09-30'::date, 'a month end a year earlier');
SELECT is(kpi.prior_period('2024-02-29'), '2023-02-28'::date, '29 February 2024 -> 28 February 2023');
SELECT is(kpi.prior_period('2025-02-28'), '2024-02-29'::date, '28 February 2025 (a month end) -> 29 February 2024 (the month end)');
SELECT is(kpi.prior_period('2024-02-28'), '2023-02-28'::date, '28 February 2024 (not a month end) -> 28 February 2023');
SELECT is(kpi.prior_period('2024-03-15'), '2023-03-15'::date, 'mid-month: the same day');
SELECT is(kpi.prior_period('2024-06-30'), '2023-06-30'::date, 'a quarter end');
SELECT throws_ok($$SELECT kpi.prior_period('-infinity')$$, '22023', 'the date must be finite, not -infinity', 'prior_period: infinite date');

-- timestamp: the timestamp's date, as ::date gives it
SELECT is(count(*)::int, 0, 'every timestamp overload agrees with the date function at ts::date')
FROM generate_series(timestamp '2023-01-01 00:00', timestamp '2025-12-31 23:00', interval '1 day 7 hours') AS ts
WHERE kpi.fy(ts) <> kpi.fy(ts::date) OR kpi.fy_start(ts) <> kpi.fy_start(ts::date) OR kpi.fy_end(ts) <> kpi.fy_end(ts::date)
   OR kpi.fy_quarter(ts) <> kpi.fy_quarter(ts::date) OR kpi.fy_quarter_label(ts, 'dash') <> kpi.fy_quarter_label(ts::date, 'dash')
   OR kpi.rolling_year_label(ts) <> kpi.rolling_year_label(ts::date) OR kpi.fy_elapsed(ts) <> kpi.fy_elapsed(ts::date)
   OR kpi.fy_month(ts, 1) <> kpi.fy_month(ts::date, 1) OR kpi.month_number(ts) <> kpi.month_number(ts::date);
SELECT is(kpi.fy(timestamp '2024-03-31 23:59:59'), '2023/24', 'the last second of March is still 2023/24');
-- timestamptz: its date in the session's TimeZone
SET LOCAL TimeZone = 'Europe/London';
SELECT is(kpi.fy(timestamptz '2024-03-31 23:30+00'), '2024/25', 'London: 23:30 UTC on 31 March 2024 is 00:30 BST on 1 April, 2024/25');
SELECT is(count(*)::int, 0, 'every timestamptz overload agrees with the date function at tstz::date (London)')
FROM generate_series(timestamptz '2023-01-01 00:00+00', timestamptz '2025-12-31 23:00+00', interval '1 day 7 hours') AS ts
WHERE kpi.fy(ts) <> kpi.fy(ts::date) OR kpi.fy_start(ts) <> kpi.fy_start(ts::date) OR kpi.fy_end(ts) <> kpi.fy_end(ts::date)
   OR kpi.fy_quarter(ts) <> kpi.fy_quarter(ts::date) OR kpi.fy_quarter_label(ts) <> kpi.fy_quarter_label(ts::date)
   OR kpi.rolling_year_label(ts) <> kpi.rolling_year_label(ts::date) OR kpi.fy_elapsed(ts) <> kpi.fy_elapsed(ts::date)
   OR kpi.fy_month(ts) <> kpi.fy_month(ts::date) OR kpi.month_number(ts) <> kpi.month_number(ts::date);
SET LOCAL TimeZone = 'UTC';
SELECT is(kpi.fy(timestamptz '2024-03-31 23:30+00'), '2023/24', 'UTC: the same instant is still 31 March, 2023/24');
SELECT is(kpi.fy_month(timestamptz '2024-04-01 00:00+00'), 1, 'fy_month of a timestamptz');
SELECT throws_ok($$SELECT kpi.fy('infinity'::timestamp)$$, '22023', 'the date must be finite, not infinity', 'infinite timestamp');
SELECT throws_ok($$SELECT kpi.fy_end('-infinity'::timestamptz)$$, '22023', 'the date must be finite, not -infinity', 'infinite timestamptz');

-- labels: timestamp overloads IMMUTABLE, timestamptz ones STABLE (they read TimeZone)
SELECT is((SELECT count(*)::int FROM pg_proc WHERE pronamespace = 'kpi'::regnamespace
           AND proargtypes[0] = 'timestamp'::regtype AND provolatile = 'i'
           AND proname IN ('fy', 'fy_start', 'fy_end', 'fy_quarter', 'fy_quarter_label', 'rolling_year_label', 'fy_elapsed', 'fy_month', 'month_number')),
          9, 'nine timestamp overloads, IMMUTABLE');
SELECT is((SELECT count(*)::int FROM pg_proc WHERE pronamespace = 'kpi'::regnamespace
           AND proargtypes[0] = 'timestamptz'::regtype AND provolatile = 's'
           AND proname IN ('fy', 'fy_start', 'fy_end', 'fy_quarter', 'fy_quarter_label', 'rolling_year_label', 'fy_elapsed', 'fy_month', 'month_number')),
          9, 'nine timestamptz overloads, STABLE');
SELECT is(kpi.fy_start(timestamp '2024-09-30 12:00'), '2024-04-01'::date, 'fy_start of a timestamp is a date');

SELECT * FROM finish();
ROLLBACK;
