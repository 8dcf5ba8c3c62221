-- Two-level comparison: behaviour, and every error with its SQLSTATE.
BEGIN;
SET search_path = public, kpi;
SELECT plan(7);

SELECT is(kpi.compare_two_level(2.6, 2.5, 2.7, 2.3, 2.9, 2.5, 'higher'), 'Similar', 'on the lower 95% bound: similar');
SELECT is(kpi.compare_two_level(2.6, 2.5, 2.7, 2.3, 2.9, 2.3, 'higher'), 'Better 95%', 'on the lower 99.8% bound: 95% only');
SELECT is(kpi.compare_two_level(2.6, 2.5, 2.7, 2.3, 2.9, NULL, 'higher'), NULL, 'no benchmark: NULL');
SELECT throws_ok($$SELECT kpi.compare_two_level(2.6, 2.5, 2.7, 2.3, 2.9, 2.2, 'up-ish')$$, '22023', 'invalid polarity: "up-ish"', 'bad polarity');
SELECT throws_ok($$SELECT kpi.compare_two_level(2.6, 2.3, 2.9, 2.5, 2.7, 2.2, 'higher')$$, '22023',
    'the 95% interval [2.3, 2.9] must lie within the 99.8% interval [2.5, 2.7]', 'levels swapped');
SELECT throws_ok($$SELECT kpi.compare_two_level(2.6, 2.5, 2.7, 2.3, 2.9, 'NaN', 'higher')$$, '22023',
    'benchmark must be a finite number, not NaN', 'NaN benchmark');
SELECT throws_ok($$SELECT kpi.compare_two_level(2.6, 2.5, 2.7, '-Infinity', 2.9, 2.2, 'higher')$$, '22023',
    'lower_998 must be a finite number, not -Infinity', 'infinite bound');

SELECT * FROM finish();
ROLLBACK;
