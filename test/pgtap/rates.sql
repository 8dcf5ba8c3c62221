-- Rates: behaviour of the transition functions, and every error with its SQLSTATE.
BEGIN;
SET search_path = public, kpi;
SELECT plan(33);

-- kpi.rate
-- 940000 / 9910 = 94.8536831483350151...; the nearest float8 is 94.85368314833501
-- (0.1.0 divided first and gave 94.85368314833502)
SELECT is(kpi.rate(94, 9910, 10000), 94.85368314833501::float8, 'rate per 10,000');
SELECT is(kpi.rate(5, 10), 0.5::float8, 'per defaults to 1');
SELECT throws_ok($$SELECT kpi.rate(-1, 10)$$, '22023', 'numerator must not be negative, not -1', 'negative numerator');
SELECT throws_ok($$SELECT kpi.rate(1, 0)$$, '22012', 'denominator must be greater than zero', 'zero denominator is a division by zero');
SELECT throws_ok($$SELECT kpi.rate(1, -5)$$, '22023', 'denominator must be greater than zero, not -5', 'negative denominator');
SELECT throws_ok($$SELECT kpi.rate(1, 5, 0)$$, '22012', 'per must be greater than zero', 'per of 0');
SELECT throws_ok($$SELECT kpi.rate('NaN', 5)$$, '22023', 'numerator must be a finite number, not NaN', 'NaN numerator');
SELECT throws_ok($$SELECT kpi.rate(1, 'Infinity')$$, '22023', 'denominator must be a finite number, not Infinity', 'infinite denominator');
SELECT is(kpi.rate(1, NULLIF(0, 0)), NULL, 'NULLIF(denominator, 0) turns a zero population into NULL');

-- the aggregates
SELECT throws_ok($$SELECT kpi.rolling_rate(x, 100, 1000) FROM (VALUES (1), (-2)) AS t(x)$$,
    '22023', 'numerator must not be negative, not -2', 'rolling_rate: negative count');
SELECT throws_ok($$SELECT kpi.pooled_rate(1, y, 1000) FROM (VALUES (100), (0)) AS t(y)$$,
    '22012', 'denominator must be greater than zero', 'pooled_rate: zero population');
SELECT throws_ok($$SELECT kpi.rolling_rate(1, 100, p) FROM (VALUES (1000), (10000)) AS t(p)$$,
    '22023', 'per must be the same for every row of a rate', 'rolling_rate: per varies');
SELECT throws_ok($$SELECT kpi.rolling_rate(1, 100, 1000, 0)$$,
    '22023', 'min_periods must be at least 1, not 0', 'rolling_rate: min_periods 0');
SELECT throws_ok($$SELECT kpi.rolling_rate(1, 100, 1000, m) FROM (VALUES (2), (3)) AS t(m)$$,
    '22023', 'min_periods must be the same for every row of a rate', 'rolling_rate: min_periods varies');
SELECT throws_ok($$SELECT kpi.rolling_rate(x, 100, 1000) OVER (ORDER BY x) FROM (VALUES (1), ('NaN'::float8)) AS t(x)$$,
    '22023', 'numerator must be a finite number, not NaN', 'window: NaN numerator');
SELECT throws_ok($$SELECT kpi.pooled_rate(1e308, 1e-300, 1e10)$$, '22003', NULL, 'overflow is an error, not Infinity');
SELECT is(kpi.rolling_rate(x, 10, 1, 3), NULL, 'min_periods: 2 rows of 3 give NULL')
FROM (VALUES (1), (2)) AS t(x);
SELECT is(kpi.rolling_rate(x, 10, 1, 2), 0.3::float8, 'min_periods: 2 rows of 2 give the rate (3 / 10)')
FROM (VALUES (1), (2)) AS t(x);

-- the state, and the inverse transition's contract
SELECT is(kpi.state_values(kpi.rate_accum('{0,0,0,0,0,0,0,0,1}', 3, 40, 10)), '{1,3,0,0,40,0,0,10,1}'::float8[],
    'state: {n, numerator sum hi/lo/err, denominator sum hi/lo/err, per, min_periods}');
SELECT is(kpi.state_values(kpi.rate_accum_inv(kpi.rate_accum(kpi.rate_accum('{0,0,0,0,0,0,0,0,1}', 3, 40, 10), 4, 50, 10), 3, 40, 10)),
    '{1,4,0,0,50,0,0,10,1}'::float8[], 'integral inputs are removed exactly');
SELECT is(kpi.rolling_rate_final(kpi.rate_accum_inv(kpi.rate_accum(kpi.rate_accum('{0,0,0,0,0,0,0,0,1}',
              1e300, 40, 10), 0.1, 50, 10), 1e300, 40, 10)),
    0.1::float8 / 50 * 10, 'after 1e300 leaves, 0.1 is still exact: TwoSum kept it');
SELECT ok(kpi.rate_accum_inv(kpi.rate_accum_inv(kpi.rate_accum(kpi.rate_accum(kpi.rate_accum('{0,0,0,0,0,0,0,0,1}',
              1e300, 40, 10), 3e16, 50, 10), 1, 60, 10), 1e300, 40, 10), 3e16, 50, 10) IS NULL,
    'when what remains is smaller than the rounding it carries, the inverse asks for a recomputation (NULL)');
SELECT is(kpi.pooled_rate_final(kpi.rate_accum_inv(kpi.rate_accum(kpi.rate_accum('{0,0,0,0,0,0,0,0,1}',
              1e16, 40, 10), 3, 50, 10), 1e16, 40, 10)),
    3::float8 / 50 * 10, '1e16 + 3 - 1e16 = 3: TwoSum keeps the 3');
SELECT is(kpi.state_values(kpi.rate_accum_inv(kpi.rate_accum('{0,0,0,0,0,0,0,0,1}', 0.1, 0.3, 10), 0.1, 0.3, 10)),
    '{0,0,0,0,0,0,0,10,1}'::float8[], 'an emptied frame is exactly zero again');
SELECT throws_ok($$SELECT kpi.rate_accum_inv('{0,0,0,0,0,0,0,0,1}', 1, 2, 10)$$, '22023',
    'kpi rate aggregate: cannot remove a row from an empty state', 'removing from an empty state');
SELECT throws_ok($$SELECT kpi.rolling_rate_final('{1,2,3}')$$, '22023',
    'kpi rate aggregate: invalid transition state', 'a malformed state is rejected');
SELECT throws_ok($$SELECT kpi.rate_combine('{1,2,0,0,3,0,0,10,1}', '{1,2,0,0,3,0,0,100,1}')$$, '22023',
    'per must be the same for every row of a rate', 'combine: per differs');
SELECT is(kpi.state_values(kpi.rate_combine('{1,2,0,0,3,0,0,10,1}', '{0,0,0,0,0,0,0,0,1}')), '{1,2,0,0,3,0,0,10,1}'::float8[],
    'combine with an empty state');
SELECT is(kpi.state_values(kpi.rate_combine('{0,0,0,0,0,0,0,0,1}', '{1,2,0,0,3,0,0,10,1}')), '{1,2,0,0,3,0,0,10,1}'::float8[],
    'combine into an empty state');

-- window functions: ROWS and RANGE frames agree with recomputation
SELECT results_eq(
    $$SELECT round((kpi.rolling_rate(x, y, 100) OVER (ORDER BY i ROWS 2 PRECEDING))::numeric, 12)
      FROM (VALUES (1, 5, 50), (2, 0, 40), (3, 7, 60), (4, 1, 55), (5, 9, 45)) AS t(i, x, y) ORDER BY i$$,
    $$SELECT round(v, 12) FROM (VALUES (5.0 / 50 * 100), (5.0 / 45 * 100), (12.0 / 50 * 100),
                                       (8.0 / (155.0 / 3) * 100), (17.0 / (160.0 / 3) * 100)) AS t(v)$$,
    'ROWS 2 PRECEDING');
SELECT results_eq(
    $$SELECT round((kpi.pooled_rate(x, y, 100) OVER (ORDER BY d RANGE '2 months' PRECEDING))::numeric, 12)
      FROM (VALUES ('2024-01-01'::date, 5, 50), ('2024-02-01', 0, 40), ('2024-04-01', 7, 60), ('2024-05-01', 1, 55)) AS t(d, x, y) ORDER BY d$$,
    $$SELECT round(v, 12) FROM (VALUES (5.0 / 50 * 100), (5.0 / 90 * 100), (7.0 / 100 * 100), (8.0 / 115 * 100)) AS t(v)$$,
    'RANGE 2 months PRECEDING over a date with March missing');
SELECT is((SELECT array_agg(r ORDER BY i) FROM (
              SELECT i, kpi.rolling_rate(1, 10, 1, 3) OVER (ORDER BY i ROWS 2 PRECEDING) AS r
              FROM generate_series(1, 4) AS i) AS t),
          ARRAY[NULL, NULL, 0.3, 0.3]::float8[], 'min_periods in a window: NULL until 3 rows');
SELECT is((SELECT count(*) FROM pg_aggregate a JOIN pg_proc p ON p.oid = a.aggfnoid
           JOIN pg_namespace n ON n.oid = p.pronamespace
           WHERE n.nspname = 'kpi' AND p.proname IN ('rolling_rate', 'pooled_rate')
             AND a.aggminvtransfn <> 0 AND a.aggcombinefn <> 0 AND p.proparallel = 's'
             AND a.aggtranstype = 'kpi.state'::regtype AND a.aggmtranstype = 'kpi.state'::regtype),
          4::bigint, 'all four rate aggregates: moving mode, combine function, parallel safe, kpi.state transition states');
SELECT * FROM finish();
ROLLBACK;
