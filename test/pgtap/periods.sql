-- Periods that reports compare: fy_month, month_number, prior_period, and
-- the timestamp / timestamptz overloads of the financial-period functions.
-- Expected values: the calendar (hand-checked: 2024 is a leap year, 2023 and
-- 2025 are not), and PostgreSQL's own casts to date for the overloads.
BEGIN;
SELECT plan(32);

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

-- errors at the ends of the date range
SELECT throws_ok($$SELECT kpi.prior_period('4714-11-24 BC')$$, '22008', 'date out of range', 'prior_period: no year before the first date');
SELECT throws_ok($$SELECT kpi.month_number('infinity'::date)$$, '22023', 'the date must be finite, not infinity', 'month_number: infinite date');
SELECT throws_ok($$SELECT kpi.fy_month(timestamptz '-infinity')$$, '22023', 'the date must be finite, not -infinity', 'fy_month: infinite timestamptz');

-- Year to date and the same period last year without a self-join
-- (cookbook section 8), monthly and quarterly.  Monthly: value = month number
-- of the calendar year + 100 × (year - 2023), April 2023 to June 2024, with
-- May 2023 missing.  By hand: 2024/25 YTD April 104, May 209, June 315;
-- 2023/24 YTD April 4, (no May), June 4 + 6 = 10; last year's April 4, May
-- missing (NULL, not April), June 6; last year's YTD 4, NULL, 10.
CREATE TEMP TABLE monthly AS
SELECT (m + interval '1 month - 1 day')::date AS month_end,
       extract(month FROM m)::float8 + 100 * (extract(year FROM m)::float8 - 2023) AS value
FROM generate_series(date '2023-04-01', date '2024-06-01', interval '1 month') AS m
WHERE m <> date '2023-05-01';
SELECT is((SELECT string_agg(concat_ws(' ', month_end, ytd, last_year, ytd_last_year), '; ' ORDER BY month_end)
           FROM (SELECT month_end, ytd, first_value(value) OVER ly AS last_year, first_value(ytd) OVER ly AS ytd_last_year
                 FROM (SELECT month_end, value, sum(value) OVER (PARTITION BY kpi.fy(month_end) ORDER BY month_end) AS ytd
                       FROM monthly) m
                 WINDOW ly AS (ORDER BY kpi.month_number(month_end) RANGE BETWEEN 12 PRECEDING AND 12 PRECEDING)) s
           WHERE kpi.fy(month_end) = '2024/25'),
          '2024-04-30 104 4 4; 2024-05-31 209; 2024-06-30 315 6 10',
          'monthly: YTD restarts in April, last year''s month and YTD by a 12-month RANGE frame, a missing month NULL');
-- Quarterly, keyed by quarter end: Q1 2023/24 (June 2023) 10, Q2 20, Q3 30,
-- Q4 40, Q1 2024/25 11, Q2 22.  By hand: 2024/25 YTD 11, 33; same quarter
-- last year 10, 20; last year's YTD 10, 30.  The same frame (12 months
-- back) and prior_period's quarter end agree.
CREATE TEMP TABLE quarterly (quarter_end date, value float8);
INSERT INTO quarterly VALUES ('2023-06-30', 10), ('2023-09-30', 20), ('2023-12-31', 30), ('2024-03-31', 40),
                             ('2024-06-30', 11), ('2024-09-30', 22);
SELECT is((SELECT string_agg(concat_ws(' ', kpi.fy_quarter_label(quarter_end), ytd, last_year, ytd_last_year, prior), '; ' ORDER BY quarter_end)
           FROM (SELECT quarter_end, ytd, first_value(value) OVER ly AS last_year, first_value(ytd) OVER ly AS ytd_last_year,
                        first_value(quarter_end) OVER ly = kpi.prior_period(quarter_end) AS prior
                 FROM (SELECT quarter_end, value, sum(value) OVER (PARTITION BY kpi.fy(quarter_end) ORDER BY quarter_end) AS ytd
                       FROM quarterly) q
                 WINDOW ly AS (ORDER BY kpi.month_number(quarter_end) RANGE BETWEEN 12 PRECEDING AND 12 PRECEDING)) s
           WHERE kpi.fy(quarter_end) = '2024/25'),
          '2024/25 Q1 11 10 10 t; 2024/25 Q2 33 20 30 t',
          'quarterly: YTD, the same quarter last year and its YTD; the frame''s quarter is kpi.prior_period''s');

SELECT * FROM finish();
ROLLBACK;
