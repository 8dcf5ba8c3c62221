-- Indirect standardisation: behaviour, and every error with its SQLSTATE.
BEGIN;
SET search_path = public, kpi;
SELECT plan(20);

-- hand calculation: 20 observed, 0.01 x 1000 = 10 expected: ratio 2, rate 2 x 10 per 1000 = 20
SELECT is((kpi.isr_ratio(20, 1000, 10, 1000)).value, 2::float8, 'ratio O/E');
SELECT is((kpi.isr_rate(20, 1000, 10, 1000, 1000)).value, 20::float8, 'rate: ratio x crude reference rate');
SELECT is((kpi.isr_ratio(20, 1000, 10, 1000)).method, 'Byars', 'Byar from 10 events');
SELECT is((SELECT kpi.isr_ratio(1, 1, 1, 1) WHERE false), NULL, 'no rows: NULL');

SELECT throws_ok($$SELECT kpi.isr_ratio(-1, 1000, 10, 1000)$$, '22023', 'observed must not be negative, not -1', 'negative observed');
SELECT throws_ok($$SELECT kpi.isr_ratio(1, -5, 10, 1000)$$, '22023', 'population must not be negative, not -5', 'negative population');
SELECT throws_ok($$SELECT kpi.isr_ratio(1, 5, 10, NULL)$$, '22004', 'kpi.isr_ratio: reference_population must not be NULL', 'NULL reference population');
SELECT throws_ok($$SELECT kpi.isr_ratio(1, 5, 10, 0)$$, '22012', NULL, 'zero reference population');
SELECT throws_ok($$SELECT kpi.isr_ratio(1, 5, 'NaN', 100)$$, '22023', 'reference_events must be a finite number, not NaN', 'NaN reference events');
SELECT throws_ok($$SELECT kpi.isr_rate(1, 5, 10, 100, 0)$$, '22012', NULL, 'per of 0');
SELECT throws_ok($$SELECT kpi.isr_ratio(1, 5, 10, 100, 100, 1)$$, '22023', 'confidence level must be between 0 and 1 exclusive, not 1', 'bad level');
SELECT throws_ok($$SELECT kpi.isr_rate(1, 5, 10, 100, p) FROM (VALUES (1000), (100000)) AS t(p)$$, '22023',
    'kpi.isr_rate: per must be the same for every band', 'per varies');
SELECT throws_ok($$SELECT kpi.isr_ratio(1, 5, 10, 100, NULL)$$, '22004', 'kpi.isr_ratio: refvalue must not be NULL', 'NULL refvalue');
SELECT throws_ok($$SELECT kpi.isr_rate(1, 5, 10, 100, NULL)$$, '22004', 'kpi.isr_rate: per must not be NULL', 'NULL per');
SELECT throws_ok($$SELECT kpi.isr_ratio(1, 5, 10, 100, 100, NULL)$$, '22004', 'kpi.isr_ratio: level must not be NULL', 'NULL level');
SELECT throws_ok($$SELECT kpi.isr_ratio(1, 5, 10, 100, 100, l) FROM (VALUES (0.95), (0.998)) AS t(l)$$, '22023',
    'kpi.isr_ratio: level must be the same for every band', 'level varies');
SELECT throws_ok($$SELECT kpi.isr_ratio(1, 5, 10, 100, r) FROM (VALUES (1), (100)) AS t(r)$$, '22023',
    'kpi.isr_ratio: refvalue must be the same for every band', 'refvalue varies');
SELECT throws_ok($$SELECT kpi.isr_combine(kpi.isr_ratio_accum(NULL, 1, 5, 10, 100, 100, 0.95), kpi.isr_ratio_accum(NULL, 1, 5, 10, 100, 100, 0.998))$$,
    '22023', 'kpi.isr_ratio: the states to combine differ in level, per or refvalue', 'combine: levels differ');
SELECT throws_ok($$SELECT kpi.isr_final('{1,2,3}')$$, '22023', NULL, 'state of the wrong size');
SELECT throws_ok($$SELECT kpi.isr_final('{1,5,-2,1,1,1,0.95,1}')$$, '22023', 'kpi.isr_ratio: invalid transition state', 'hand-made state with negative expected');

SELECT * FROM finish();
ROLLBACK;
