-- Life expectancy: behaviour, and every error with its SQLSTATE.
BEGIN;
SET search_path = public, kpi;
SELECT plan(20);

CREATE TEMP TABLE df1 AS
SELECT * FROM unnest(
  ARRAY[0,1,5,10,15,20,25,30,35,40,45,50,55,60,65,70,75,80,85,90],
  ARRAY[7060,35059,46974,48489,43219,38561,46009,57208,61435,55601,50209,56416,46411,39820,37978,37039,33288,23306,11936,11936]::float8[],
  ARRAY[17,9,4,8,20,15,24,33,50,71,100,163,263,304,536,872,1390,1605,1936,1937]::float8[])
  AS t(age, pops, deaths);

-- PHEindicatormethods tests/testthat/testLifeExpectancy.R, answer1[1, ]: 80.16960813
SELECT is((SELECT round((kpi.life_expectancy(age, deaths, pops)).value::numeric, 4) FROM df1), 80.1696, 'at birth, as PHE (4 dp)');
-- e(90+) = population / deaths = 11936 / 1937 (hand calculation)
SELECT is((SELECT (kpi.life_expectancy(age, deaths, pops, 90)).value FROM df1), 11936::float8 / 1937, 'at 90: population / deaths');
SELECT is((SELECT kpi.life_expectancy(age, deaths, pops) FROM df1 WHERE false), NULL, 'no rows: NULL');
SELECT is((SELECT (kpi.life_expectancy(age, deaths, pops)).suppressed FROM df1 WHERE age < 90),
          'not 20 age bands (age band 90+ missing)', 'a missing band is a reason, not an error');

SELECT throws_ok($$SELECT kpi.life_expectancy(a, 1, 1000) FROM (VALUES (0), (2)) AS t(a)$$,
    '22023', 'kpi.life_expectancy: 2 is not the start of a PHE age band', 'start age not a band');
SELECT throws_ok($$SELECT kpi.life_table(NULL, 1, 1000)$$,
    '22004', 'kpi.life_expectancy: start_age must not be NULL', 'NULL start age');
SELECT throws_ok($$SELECT kpi.life_expectancy(age, deaths, pops, 3) FROM df1$$,
    '22023', 'kpi.life_expectancy: at_age 3 is not the start of a PHE age band', 'at_age not a band');
SELECT throws_ok($$SELECT kpi.life_expectancy(age, deaths, pops, NULL) FROM df1$$,
    '22004', 'kpi.life_expectancy: at_age must not be NULL', 'NULL at_age');
SELECT throws_ok($$SELECT kpi.life_expectancy(age, deaths, pops, 0, 95) FROM df1$$,
    '22023', 'confidence level must be between 0 and 1 exclusive, not 95', 'level as a percentage');
SELECT throws_ok($$SELECT kpi.life_table(age, deaths, pops, NULL) FROM df1$$,
    '22004', 'kpi.life_expectancy: level must not be NULL', 'NULL level');
SELECT throws_ok($$SELECT kpi.life_expectancy(age, deaths, pops, 0, CASE WHEN age = 5 THEN 0.9 ELSE 0.95 END) FROM df1$$,
    '22023', 'kpi.life_expectancy: level must be the same for every age band', 'level varies');
SELECT throws_ok($$SELECT kpi.life_expectancy(age, deaths, pops, CASE WHEN age = 5 THEN 5 ELSE 0 END) FROM df1$$,
    '22023', 'kpi.life_expectancy: at_age must be the same for every age band', 'at_age varies');
SELECT throws_ok($$SELECT kpi.life_expectancy(0, 'NaN', 1000)$$,
    '22023', 'deaths must be a finite number, not NaN', 'NaN deaths');
SELECT throws_ok($$SELECT kpi.life_expectancy(0, 1, '-Infinity')$$,
    '22023', 'population must be a finite number, not -Infinity', 'infinite population');
SELECT throws_ok($$SELECT kpi.life_expectancy(0, 1e308, 1e308) FROM generate_series(1, 2)$$,
    '22003', NULL, 'overflow is an error, not Infinity');
SELECT throws_ok($$SELECT kpi.life_expectancy_final('{1,2}')$$,
    '22023', 'kpi.life_expectancy: invalid transition state', 'state of the wrong size');
SELECT throws_ok($$SELECT kpi.life_expectancy_final(('{' || array_to_string(array_fill(0, ARRAY[70]), ',') || '}')::kpi.state)$$,
    '22023', NULL, 'state of no rows (level 0) called directly');
SELECT throws_ok($$SELECT kpi.life_table_final(('{' || array_to_string(array_fill(1, ARRAY[65]), ',') || ',0.95,25,1,0,0,0}')::kpi.state)$$,
    '22023', 'kpi.life_expectancy: invalid transition state', 'hand-made state with at_age index out of range');
SELECT throws_ok($$SELECT kpi.life_expectancy_combine(kpi.life_expectancy_accum(NULL, 0, 1, 100, 0, 0.9), kpi.life_expectancy_accum(NULL, 1, 1, 100, 0, 0.95))$$,
    '22023', 'kpi.life_expectancy: level must be the same for every age band', 'combine: levels differ');
SELECT is((kpi.life_expectancy_final(kpi.life_expectancy_accum(NULL, 0, 1, 100))).suppressed, 'not 20 age bands (age band 1-4 missing)',
    'the transition function called directly starts from NULL');

SELECT * FROM finish();
ROLLBACK;
