-- Life expectancy (kpi.life_expectancy, kpi.life_table) against
-- PHEindicatormethods' own expectations: tests/testthat/testLifeExpectancy.R
-- at commit 093fd288 (v2.1.0).  PHE compares to 4 decimal places
-- (n <- 4), and so do we: its expected intervals were made with z = 1.96,
-- while the package (and kpi) use qnorm(0.975), which moves them in the
-- sixth decimal.
SET extra_float_digits = 0;

-- df1 of testLifeExpectancy.R, and answer1 (value, lowercl, uppercl)
CREATE TEMP TABLE df1 AS
SELECT * FROM unnest(
  ARRAY[0,1,5,10,15,20,25,30,35,40,45,50,55,60,65,70,75,80,85,90],
  ARRAY[7060,35059,46974,48489,43219,38561,46009,57208,61435,55601,50209,56416,46411,39820,37978,37039,33288,23306,11936,11936]::float8[],
  ARRAY[17,9,4,8,20,15,24,33,50,71,100,163,263,304,536,872,1390,1605,1936,1937]::float8[])
  AS t(age, pops, deaths);
CREATE TEMP TABLE answer1 AS
SELECT * FROM unnest(
  ARRAY[0,1,5,10,15,20,25,30,35,40,45,50,55,60,65,70,75,80,85,90],
  ARRAY[80.16960813, 79.36245674, 75.44193645, 70.47299936, 65.52909542, 60.67510088, 55.78835987,
        50.92752727, 46.06740425, 41.24505636, 36.49322717, 31.83343842, 27.26027992, 22.9719144,
        18.76856852, 14.95858336, 11.51684445, 8.618849241, 6.163942934, 6.16210635],
  ARRAY[79.88268548, 79.0898816, 75.17407307, 70.20675732, 65.26548673, 60.41876577, 55.53801579,
        50.68279939, 45.82666794, 41.00842831, 36.26223216, 31.60996318, 27.04337271, 22.76653134,
        18.57570352, 14.77985004, 11.34831778, 8.451134045, 5.978358351, 5.887683386],
  ARRAY[80.45653078, 79.63503188, 75.70979983, 70.7392414, 65.79270412, 60.931436, 56.03870395,
        51.17225516, 46.30814055, 41.48168441, 36.72422219, 32.05691365, 27.47718713, 23.17729746,
        18.96143352, 15.13731667, 11.68537112, 8.786564437, 6.349527517, 6.436529314],
  -- df1_cum: pops_used and dths_used (test6, "type = 'full' with two filters")
  ARRAY[787954, 780894, 745835, 698861, 650372, 607153, 568592, 522583, 465375, 403940, 348339,
        298130, 241714, 195303, 155483, 117505, 80466, 47178, 23872, 11936],
  ARRAY[9357, 9340, 9331, 9327, 9319, 9299, 9284, 9260, 9227, 9177, 9106, 9006, 8843, 8580, 8276,
        7740, 6868, 5478, 3873, 1937])
  AS t(age, value, lowercl, uppercl, pops_used, dths_used);

-- "LE and CIs calculate correctly": every band, to 4 dp, and the
-- cumulative population and deaths exactly
SELECT t.age, round(t.value::numeric, 4) AS value, round(t.lower::numeric, 4) AS lower,
       round(t.upper::numeric, 4) AS upper, t.population_used, t.deaths_used, t.suppressed,
       round(t.value::numeric, 4) = round(a.value::numeric, 4)
       AND round(t.lower::numeric, 4) = round(a.lowercl::numeric, 4)
       AND round(t.upper::numeric, 4) = round(a.uppercl::numeric, 4)
       AND t.population_used = a.pops_used AND t.deaths_used = a.dths_used AS as_phe
FROM (SELECT kpi.life_table(age, deaths, pops) AS lt FROM df1) AS s,
     unnest(s.lt) AS t JOIN answer1 AS a USING (age)
ORDER BY t.age;

-- at birth, and at one band (test5: le_age = 5; test6: le_age = c(5, 25))
SELECT round(value::numeric, 4) AS at_birth, round(lower::numeric, 4) AS lower,
       round(upper::numeric, 4) AS upper, suppressed
FROM (SELECT (kpi.life_expectancy(age, deaths, pops)).* FROM df1) AS s;
SELECT a, (SELECT round((kpi.life_expectancy(age, deaths, pops, a)).value::numeric, 4) FROM df1) AS value,
       (SELECT round(value::numeric, 4) FROM answer1 WHERE age = a) AS phe
FROM unnest(ARRAY[5, 25]) AS a;

-- test2 ("incorrect ageband order"): rows in any order give the same table
SELECT bool_and(x.value = y.value AND x.lower = y.lower AND x.upper = y.upper) AS order_free
FROM unnest((SELECT kpi.life_table(age, deaths, pops) FROM df1)) WITH ORDINALITY AS x(age, value, lower, upper, p, d, s, i)
JOIN unnest((SELECT kpi.life_table(age, deaths, pops ORDER BY (age * 7919) % 23) FROM df1))
     WITH ORDINALITY AS y(age, value, lower, upper, p, d, s, i) USING (i);

-- level: the 99.8% limits are e ± qnorm(0.999) se (test7: confidence = 99.8);
-- se from the 95% interval: (upper - lower) / (2 qnorm(0.975)), and
-- qnorm(0.999) / qnorm(0.975) = 3.090232306 / 1.959963985 = 1.576679
SELECT round(w.lower::numeric, 6) AS lower998, round(w.upper::numeric, 6) AS upper998,
       round((n.value - 1.5766790 * (n.value - n.lower))::numeric, 5)
         = round(w.lower::numeric, 5) AS lower_as_hand
FROM (SELECT (kpi.life_expectancy(age, deaths, pops, 0, 0.998)).* FROM df1) AS w,
     (SELECT (kpi.life_expectancy(age, deaths, pops)).* FROM df1) AS n;

-- Suppression (PHE's warnings, testLifeExpectancy.R "LE and CIs calculate
-- correctly" and "LE - warnings are generated ..."): every value of the
-- group NULL, with the reason; never an error.
CREATE TEMP TABLE bad AS
SELECT 'negative deaths' AS area, age, pops, CASE WHEN age = 10 THEN -5 ELSE deaths END AS deaths FROM df1   -- df_neg_deaths
UNION ALL SELECT 'zero population', age, CASE WHEN age = 20 THEN 0 ELSE pops END, deaths FROM df1            -- df_zero_pop
UNION ALL SELECT 'deaths > population', age, CASE WHEN age = 85 THEN 119 ELSE pops END, deaths FROM df1     -- df_deaths_greater_pops
UNION ALL SELECT 'missing age band', age, pops, deaths FROM df1 WHERE age <> 90                             -- df_missing_age
UNION ALL SELECT 'duplicated age band', age, pops, deaths FROM df1 UNION ALL SELECT 'duplicated age band', 40, 10, 1
UNION ALL SELECT 'NULL deaths', age, pops, CASE WHEN age <> 1 THEN deaths END FROM df1
UNION ALL SELECT 'no deaths at 90+', age, pops, CASE WHEN age <> 90 THEN deaths ELSE 0 END FROM df1
UNION ALL SELECT 'low population', age, pop, d FROM unnest(                                              -- df_low_pops
  ARRAY[0,1,5,10,15,20,25,30,35,40,45,50,55,60,65,70,75,80,85,90],
  ARRAY[128,152,120,176,194,180,145,149,107,185,165,109,100,122,133,189,123,121,147,138]::float8[],
  ARRAY[58,93,78,94,59,71,80,73,69,72,91,69,78,71,54,91,82,53,50,84]::float8[]) AS u(age, pop, d)
UNION ALL SELECT 'population exactly 5000', age, CASE WHEN age = 90 THEN 5000 - 19 * 250 ELSE 250 END, 1 FROM df1;

SELECT area, (kpi.life_expectancy(age, deaths, pops)).*
FROM bad GROUP BY area ORDER BY area;
SELECT area, count(*) AS bands, count(t.value) AS values, count(t.lower) AS lowers,
       min(t.suppressed) = max(t.suppressed) AS one_reason
FROM (SELECT area, kpi.life_table(age, deaths, pops) AS lt FROM bad GROUP BY area) AS s, unnest(s.lt) AS t
GROUP BY area ORDER BY area;

-- df_widecis_plus with answer_widecis: Area 1 has more deaths than
-- population at 90+ (all NULL); Area 2's values from age 40 have a 95%
-- interval wider than 20 years: value NULL, limits kept.
CREATE TEMP TABLE widecis AS
SELECT area, age, pops,
       CASE WHEN area = 'Area 1' AND age = 90 THEN 312 ELSE deaths END AS deaths
FROM (VALUES ('Area 1'), ('Area 2')) AS a(area),
     unnest(ARRAY[0,1,5,10,15,20,25,30,35,40,45,50,55,60,65,70,75,80,85,90],
            ARRAY[270,235,246,248,243,238,246,257,261,355,350,356,346,339,337,337,333,323,311,311]::float8[],
            ARRAY[17,9,4,8,20,15,24,33,50,51,10,16,26,30,36,22,13,5,6,1]::float8[]) AS t(age, pops, deaths);
CREATE TEMP TABLE answer_widecis AS
SELECT * FROM unnest(
  ARRAY[0,1,5,10,15,20,25,30,35,40,45,50,55,60,65,70,75,80,85,90],
  ARRAY[19.22914685, 19.44120610, 18.33467808, 14.67659995, 11.81284556, 11.63815414, 10.05641628,
        9.93152356, 11.95846561, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL],
  ARRAY[16.43900644, 16.53437505, 15.62922550, 12.08108630, 9.21823373, 8.68414661, 6.54020385,
        4.71570153, 2.37762283, -1.60695210, -10.33328815, -17.16409724, -26.91715103, -45.04820928,
        -76.27067271, -137.12203187, -195.39453664, -242.37480291, -266.74198466, -298.54880400],
  ARRAY[22.01928726, 22.34803716, 21.04013066, 17.27211361, 14.40745738, 14.59216167, 13.57262872,
        15.14734559, 21.53930839, 50.29765396, 97.99598549, 107.54413263, 128.91238524, 181.91668353,
        278.06441642, 472.32822039, 649.40455756, 783.50845564, 841.04259816, 920.54880400])
  AS t(age, value, lowercl, uppercl);
SELECT s.area, t.age, round(t.value::numeric, 4) AS value, round(t.lower::numeric, 4) AS lower,
       round(t.upper::numeric, 4) AS upper, t.suppressed,
       CASE WHEN s.area = 'Area 2' THEN
         round(t.value::numeric, 4) IS NOT DISTINCT FROM round(a.value::numeric, 4)
         AND round(t.lower::numeric, 4) = round(a.lowercl::numeric, 4)
         AND round(t.upper::numeric, 4) = round(a.uppercl::numeric, 4) END AS as_phe
FROM (SELECT area, kpi.life_table(age, deaths, pops) AS lt FROM widecis GROUP BY area) AS s,
     unnest(s.lt) AS t JOIN answer_widecis AS a USING (age)
ORDER BY s.area, t.age;

-- The state: exact text form, read back to the same result (Citus ships
-- partial states as text), and two partial states combined equal the
-- aggregate over all the rows.
CREATE AGGREGATE pg_temp.le_partial(int4, float8, float8) (
    SFUNC = kpi.life_expectancy_accum, STYPE = kpi.state);
CREATE AGGREGATE pg_temp.le_combined(kpi.state) (
    SFUNC = kpi.life_expectancy_combine, STYPE = kpi.state, FINALFUNC = kpi.life_expectancy_final);
SELECT kpi.life_expectancy_final(whole::text::kpi.state) = kpi.life_expectancy_final(whole) AS text_round_trip,
       kpi.state_send(whole::text::kpi.state) = kpi.state_send(whole) AS text_exact,
       (SELECT pg_temp.le_combined(part::text::kpi.state)
        FROM (SELECT pg_temp.le_partial(age, deaths, pops * 1.1) AS part FROM df1 GROUP BY age < 40) AS p)
         = kpi.life_expectancy_final(whole) AS combined_equals_whole
FROM (SELECT pg_temp.le_partial(age, deaths, pops * 1.1) AS whole FROM df1) AS w;

-- Parallel plans split the aggregate and give the serial answer exactly
-- (integral deaths and populations: every sum is exact in any order).
CREATE TABLE le_big AS
SELECT area, d.age, d.pops + (area * 7919) % 1000 AS pops, d.deaths + (area * 104729) % 7 AS deaths
FROM generate_series(1, 3000) AS area, df1 AS d;
ANALYZE le_big;
CREATE FUNCTION plan_has(query text, node text) RETURNS bool LANGUAGE plpgsql AS $$
DECLARE
    line text;
BEGIN
    FOR line IN EXECUTE 'EXPLAIN (COSTS OFF) ' || query LOOP
        IF line LIKE '%' || node || '%' THEN
            RETURN true;
        END IF;
    END LOOP;
    RETURN false;
END $$;
CREATE VIEW le_by_group AS
SELECT area AS g, kpi.life_expectancy(age, deaths, pops) AS le,
       kpi.life_expectancy(age, deaths, pops, 65, 0.998) AS le65, kpi.life_table(age, deaths, pops) AS lt
FROM le_big GROUP BY area;
SET max_parallel_workers_per_gather = 0;
CREATE TEMP TABLE le_serial AS SELECT * FROM le_by_group;
SELECT plan_has('SELECT * FROM le_by_group', 'Partial') AS serial_is_partial;
SET parallel_setup_cost = 0;
SET parallel_tuple_cost = 0;
SET min_parallel_table_scan_size = 0;
SET max_parallel_workers_per_gather = 2;
SELECT plan_has('SELECT * FROM le_by_group', 'Partial HashAggregate')
       OR plan_has('SELECT * FROM le_by_group', 'Partial GroupAggregate') AS parallel_is_partial;
SELECT count(*) AS groups, bool_and(s.le = p.le AND s.le65 = p.le65 AND s.lt = p.lt) AS parallel_equals_serial,
       bool_and((p.le).value BETWEEN 78 AND 81 AND (p.le).suppressed IS NULL) AS plausible
FROM le_serial s JOIN le_by_group p USING (g);
RESET parallel_setup_cost;
RESET parallel_tuple_cost;
RESET min_parallel_table_scan_size;
RESET max_parallel_workers_per_gather;
DROP VIEW le_by_group;
DROP TABLE le_big;
DROP FUNCTION plan_has(text, text);
