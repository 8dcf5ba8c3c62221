-- Funnel plots: behaviour, and every error with its SQLSTATE.
BEGIN;
SET search_path = public, kpi;
SELECT plan(23);

SELECT is(kpi.funnel_significance(50, 100, 0.5, 'proportion'), 'Not significant', 'at the average');
SELECT is(kpi.funnel_significance(90, 100, 0.5, 'proportion'), 'High (0.001)', 'far above');
SELECT is(kpi.funnel_significance(5, 100, 1, 'dsr'), 'Not applicable for events less than 10 for dsrs', 'dsr of fewer than 10 events');
SELECT is(kpi.funnel_significance(5, NULL, 1, 'dsr'), 'Not applicable for events less than 10 for dsrs', 'no denominator needed then');
SELECT is(kpi.funnel_significance(50, NULL, 1, 'rate'), NULL, 'NULL denominator: NULL');
SELECT is((SELECT count(*) FROM kpi.funnel_limits('proportion', 0.2, 100, 5000, 100)), 100::bigint, '100 points');

SELECT throws_ok($$SELECT kpi.funnel_significance(1, 10, 0.5, 'percent')$$, '22023', 'invalid funnel statistic: "percent"', 'bad statistic');
SELECT throws_ok($$SELECT kpi.funnel_significance(11, 10, 0.5, 'proportion')$$, '22023',
    'numerator (11) must not exceed denominator (10) for a proportion', 'more successes than trials');
SELECT throws_ok($$SELECT kpi.funnel_significance(-1, 10, 0.5, 'ratio')$$, '22023', 'numerator must not be negative, not -1', 'negative numerator');
SELECT throws_ok($$SELECT kpi.funnel_significance(1, 0, 0.5, 'rate')$$, '22012', NULL, 'zero denominator');
SELECT throws_ok($$SELECT kpi.funnel_significance(1, 10, 50, 'proportion')$$, '22023',
    'average must be a proportion between 0 and 1, not 50', 'average as a percentage');
SELECT throws_ok($$SELECT kpi.funnel_significance(5, 10, -1, 'ratio')$$, '22023', 'average must not be negative, not -1', 'negative reference ratio');
SELECT throws_ok($$SELECT kpi.funnel_significance(5, 10, -0.5, 'rate')$$, '22023', 'average must not be negative, not -0.5', 'negative average rate');
SELECT throws_ok($$SELECT * FROM kpi.funnel_limits('rate', 0, 10, 100)$$, '22023', 'average must be a rate greater than zero, not 0', 'limits of a rate of 0');
SELECT throws_ok($$SELECT * FROM kpi.funnel_limits('dsr', 0.01, 10, 100)$$, '22023', 'invalid funnel statistic: "dsr"', 'limits of a dsr are a rate''s');
SELECT throws_ok($$SELECT * FROM kpi.funnel_limits('ratio', 1, 10, 100)$$, '22004',
    'kpi.funnel_limits: ratios need ratio_type ''count'' or ''isr''', 'ratio without ratio_type');
SELECT throws_ok($$SELECT * FROM kpi.funnel_limits('ratio', 1, 10, 100, 1, 'smr')$$, '22023',
    'kpi.funnel_limits: invalid ratio_type: "smr"', 'bad ratio_type');
SELECT throws_ok($$SELECT * FROM kpi.funnel_limits('proportion', 0.5, 100, 10)$$, '22023',
    'kpi.funnel_limits: min_denominator (100) must not exceed max_denominator (10)', 'min above max');
SELECT throws_ok($$SELECT * FROM kpi.funnel_limits('rate', 0.5, 1, 1e12)$$, '54000', NULL, 'an axis too long for the Poisson series');
SELECT throws_ok($$SELECT * FROM kpi.funnel_limits('proportion', NULL, 1, 10)$$, '22004',
    'kpi.funnel_limits: only ratio_type may be NULL', 'NULL average');

SELECT is((SELECT denominator_derived FROM kpi.funnel_point(414, 184, NULL, 'dsr', 1e5, 3)), 75000::float8,
    'funnel_point: 100000 x 414 / 184 / 3 (hand)');
SELECT throws_ok($$SELECT * FROM kpi.funnel_point(1, 10, NULL, 'isr', 100)$$, '22023', 'kpi.funnel_point: invalid rate_type: "isr"', 'bad rate_type');
SELECT throws_ok($$SELECT * FROM kpi.funnel_point(0, 0, NULL, 'crude', 100)$$, '22004',
    'kpi.funnel_point: a crude rate of 0 events needs its denominator', '0 events, no denominator');

SELECT * FROM finish();
ROLLBACK;
