-- Slope index of inequality: behaviour, and every error with its SQLSTATE.
BEGIN;
SET search_path = public, kpi;
SELECT plan(25);

CREATE TEMP TABLE q5 AS
SELECT q AS quantile, 1000.0::float8 AS population, (70 + q)::float8 AS value,
       (69 + q)::float8 AS lower, (71 + q)::float8 AS upper
FROM generate_series(1, 5) AS q;

-- hand calculation: equal populations, b = 0.1 .. 0.9, value = 70 + q = 70.5 + 5 b
SELECT is((SELECT round((kpi.sii(quantile, population, value, lower, upper)).sii::numeric, 10) FROM q5), 5.0::numeric, 'SII of a straight line');
SELECT is((SELECT (kpi.sii(quantile, population, value, lower, upper)).sii_ci FROM q5), 'exact', 'normal values: exact interval');
SELECT is((SELECT (kpi.sii(quantile, population, value / 100, lower / 100, upper / 100, 'proportion')).sii_ci FROM q5),
          'simulated: 100000 repetitions, seed 1', 'untransformed proportions: simulated, and says so');
SELECT is((SELECT (kpi.sii(quantile, population, value, lower, upper, 'rate', true)).rii_ci FROM q5), 'exact', 'log transform: exact');
SELECT is((SELECT kpi.sii(quantile, population, value, lower, upper) FROM q5 WHERE false), NULL, 'no rows: NULL');

SELECT throws_ok($$SELECT kpi.sii(0, 1000, 1, 0, 2)$$, '22023',
    'kpi.sii: quantile must be between 1 and 100, not 0', 'quantile 0');
SELECT throws_ok($$SELECT kpi.sii(NULL, 1000, 1, 0, 2)$$, '22004', 'kpi.sii: quantile must not be NULL', 'NULL quantile');
SELECT throws_ok($$SELECT kpi.sii(1, NULL, 1, 0, 2)$$, '22004', 'kpi.sii: population must not be NULL', 'NULL population');
SELECT throws_ok($$SELECT kpi.sii(1, 0, 1, 0, 2)$$, '22023', 'kpi.sii: population must be greater than zero, not 0', 'zero population');
SELECT throws_ok($$SELECT kpi.sii(1, 10, 1, 3, 2)$$, '22023', 'kpi.sii: lower (3) must not exceed upper (2)', 'lower above upper');
SELECT throws_ok($$SELECT kpi.sii(1, 10, 'NaN', 0, 2)$$, '22023', 'value must be a finite number, not NaN', 'NaN value');
SELECT throws_ok($$SELECT kpi.sii(1, 10, 0, 0, 2, 'rate')$$, '22023',
    'kpi.sii: value of a rate must be greater than zero, not 0', 'a rate of 0 has no log');
SELECT throws_ok($$SELECT kpi.sii(1, 10, 0.5, 0, 0.6, 'proportion')$$, '22023',
    'kpi.sii: lower of a proportion must be between 0 and 1 exclusive, not 0', 'a proportion of 0 has no logit');
SELECT throws_ok($$SELECT kpi.sii(1, 10, 50, 40, 60, 'percent')$$, '22023', 'kpi.sii: invalid value_type: "percent"', 'bad value_type');
SELECT throws_ok($$SELECT kpi.sii(1, 10, 50, 40, 60, 'normal', true)$$, '22023',
    'kpi.sii: transform needs value_type ''rate'' or ''proportion''', 'transform of normal values');
SELECT throws_ok($$SELECT kpi.sii(1, 10, 50, 40, 60, 'normal', false, 0)$$, '22023', 'kpi.sii: multiplier must not be 0', 'multiplier 0');
SELECT throws_ok($$SELECT kpi.sii(1, 10, 50, 40, 60, 'normal', false, 1, 1.5)$$, '22023',
    'confidence level must be between 0 and 1 exclusive, not 1.5', 'bad level');
SELECT throws_ok($$SELECT kpi.sii(1, 10, 50, 40, 60, 'normal', false, 1, 0.95, 999, 1)$$, '22023',
    'kpi.sii: repetitions must be between 1000 and 1000000, not 999', 'too few repetitions');
SELECT throws_ok($$SELECT kpi.sii(1, 10, 50, 40, 60, 'normal', false, 1, 0.9999, 1000, 1)$$, '22023',
    'kpi.sii: 1000 repetitions are too few for a 0.9999 interval', 'no draw beyond the limit');
SELECT throws_ok($$SELECT kpi.sii(1, 10, 50, 40, 60, NULL)$$, '22004', 'kpi.sii: value_type must not be NULL', 'NULL value_type');
SELECT throws_ok($$SELECT kpi.sii(1, 10, 50, 40, 60, 'normal', false, 1, 0.95, 1000, NULL)$$, '22004', 'kpi.sii: seed must not be NULL', 'NULL seed');
SELECT throws_ok($$SELECT kpi.sii(quantile, population, value, lower, upper, 'normal', false, quantile) FROM q5$$, '22023',
    'kpi.sii: value_type, transform, multiplier, level, repetitions and seed must be the same for every quantile', 'multiplier varies');
SELECT throws_ok($$SELECT kpi.sii(1 + i % 100, 10, 50, 40, 60) FROM generate_series(1, 101) AS i$$, '22023',
    'kpi.sii: more than 100 quantiles in a group', 'a group of more than 100 rows');
SELECT throws_ok($$SELECT kpi.sii_final('{1,2,3}')$$, '22023', 'kpi.sii: invalid transition state', 'state of the wrong size');
SELECT throws_ok($$SELECT kpi.sii_final('{0.95,0,0,1,100000,1,0,0,1,-5,1,0,2}')$$, '22023',
    'kpi.sii: invalid transition state', 'hand-made state with a negative population');

SELECT * FROM finish();
ROLLBACK;
