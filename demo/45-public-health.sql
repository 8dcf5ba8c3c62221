-- kpi demo, part 4b: the public-health section's methods computed from
-- counts, as OHID computes them for Fingertips.
--
-- The report prints "Life Expectancy (Males)" 77.80 (England 78.85), "Gap
-- in life expectancy between most and least deprived (Males)" 6.05 and
-- "Alcohol specific mortality (all ages) per 100,000" 28.49 (England
-- 14.45).  Their deaths and populations by age and deprivation are not
-- published, so the tables below are SYNTHETIC: twenty made-up wards
-- ('Ward 01' to 'Ward 20', two in each deprivation decile) of a city of
-- about 125,000 males over three years, built from PHEindicatormethods'
-- life-table test area with mortality rising with deprivation, and 30 GP
-- practices' smoking quits.  The methods are the real ones; the numbers
-- only look like the report's.

-- Deaths and person-years by SYNTHETIC ward and PHE age band; each ward
-- lies in one deprivation decile (1 = most deprived).  A decile's deaths
-- and person-years are split between its two wards, 60:40 and 40:60 by
-- age band in turn, so no ward is the other's copy.
CREATE TABLE demo.le_wards (
    ward       text NOT NULL,
    decile     int  NOT NULL CHECK (decile BETWEEN 1 AND 10),
    age        int  NOT NULL,
    deaths     int  NOT NULL CHECK (deaths >= 0),
    population int  NOT NULL CHECK (population > 0),
    PRIMARY KEY (ward, age)
);
INSERT INTO demo.le_wards
SELECT 'Ward ' || lpad((2 * d - 1 + w)::text, 2, '0'), d, age,
       CASE w WHEN 0 THEN floor(deaths::numeric * share)::int ELSE deaths - floor(deaths::numeric * share)::int END,
       CASE w WHEN 0 THEN floor(population::numeric * share)::int ELSE population - floor(population::numeric * share)::int END
FROM (SELECT d, b.age, CASE WHEN b.age % 10 = 0 THEN 0.6 ELSE 0.4 END AS share,
             round(b.deaths::numeric / 20.0 * (1.38 - 0.042 * d::numeric))::int AS deaths,
             round(b.pop::numeric / 20.0 * (0.9 + 0.02 * d::numeric))::int AS population
      FROM generate_series(1, 10) AS d,
           unnest(ARRAY[0,1,5,10,15,20,25,30,35,40,45,50,55,60,65,70,75,80,85,90],
                  ARRAY[7060,35059,46974,48489,43219,38561,46009,57208,61435,55601,50209,56416,46411,39820,37978,37039,33288,23306,11936,11936],
                  ARRAY[17,9,4,8,20,15,24,33,50,71,100,163,263,304,536,872,1390,1605,1936,1937]) AS b(age, pop, deaths)) AS decile,
     generate_series(0, 1) AS w;

-- Each ward's life expectancy at birth (Chiang II, Silcocks 90+, PHE's
-- suppression rules: a suppressed ward would show NULLs and its reason).
CREATE VIEW demo.le_by_ward AS
SELECT ward, decile, (le).value, (le).lower, (le).upper, (le).population_used AS population, (le).suppressed
FROM (SELECT ward, decile, kpi.life_expectancy(age, deaths, population) AS le
      FROM demo.le_wards GROUP BY ward, decile) AS t;

\echo
\echo Life expectancy at birth (males, SYNTHETIC wards), 95% intervals
SELECT ward, decile, round(value::numeric, 2) AS life_expectancy, round(lower::numeric, 2) AS lower,
       round(upper::numeric, 2) AS upper, population AS person_years, suppressed
FROM demo.le_by_ward ORDER BY ward;

-- The deciles' deaths and person-years: the sums of their wards'.
CREATE VIEW demo.le_deciles AS
SELECT decile, age, sum(deaths)::int AS deaths, sum(population)::int AS population
FROM demo.le_wards GROUP BY decile, age;

-- Life expectancy at birth for each decile (Chiang II, Silcocks 90+,
-- PHE's suppression rules), and for the whole city.
CREATE VIEW demo.le_by_decile AS
SELECT decile, (le).value, (le).lower, (le).upper, (le).population_used AS population, (le).suppressed
FROM (SELECT decile, kpi.life_expectancy(age, deaths, population) AS le
      FROM demo.le_deciles GROUP BY decile) AS t;

\echo
\echo Life expectancy at birth (males, synthetic deciles), 95% intervals
SELECT decile, round(value::numeric, 2) AS life_expectancy, round(lower::numeric, 2) AS lower,
       round(upper::numeric, 2) AS upper, population AS person_years, suppressed
FROM demo.le_by_decile ORDER BY decile;

-- The "gap between most and least deprived" is the slope index of
-- inequality of the deciles' life expectancy (Fingertips' definition):
-- exact interval (normal values), so no simulation is needed.
\echo
\echo Gap in life expectancy between most and least deprived (SII across the deciles)
SELECT round((s).sii::numeric, 2) AS gap_years, round((s).sii_lower::numeric, 2) AS lower,
       round((s).sii_upper::numeric, 2) AS upper, (s).sii_ci AS interval, 6.05 AS report_printed
FROM (SELECT kpi.sii(decile, population, value, lower, upper) AS s FROM demo.le_by_decile) AS t;

-- The city's life expectancy compared with England at 95% and 99.8%, as
-- Fingertips colours it (higher is better).
\echo
\echo Life expectancy (males) compared with England, two levels
SELECT round((c95).value::numeric, 2) AS city, 78.85 AS england,
       kpi.compare_two_level((c95).value, (c95).lower, (c95).upper, (c998).lower, (c998).upper,
                             78.85, 'higher') AS compared_with_england
FROM (SELECT kpi.life_expectancy(age, deaths, population) AS c95,
             kpi.life_expectancy(age, deaths, population, 0, 0.998) AS c998
      FROM (SELECT age, sum(deaths)::float8 AS deaths, sum(population)::float8 AS population
            FROM demo.le_deciles GROUP BY age) AS city) AS t;

-- Alcohol-specific mortality: 72 deaths in a population of 252,700
-- (synthetic counts that give the printed 28.49 per 100,000), compared
-- with England's 14.45 (lower is better).
\echo
\echo Alcohol-specific mortality per 100,000 compared with England, two levels
SELECT round(kpi.rate(72, 252700, 100000)::numeric, 2) AS rate, 14.45 AS england,
       kpi.compare_two_level(kpi.rate(72, 252700, 100000),
                             (kpi.rate_ci(72, 252700, 100000)).lower, (kpi.rate_ci(72, 252700, 100000)).upper,
                             (kpi.rate_ci(72, 252700, 100000, 0.998)).lower, (kpi.rate_ci(72, 252700, 100000, 0.998)).upper,
                             14.45, 'lower') AS compared_with_england;

-- A funnel plot of GP practices: four-week smoking quits out of quit dates
-- set (synthetic), each practice labelled against the city's average as
-- PHE does, and the control limits to draw.
CREATE TABLE demo.smoking_quits (
    practice  text PRIMARY KEY,
    quit_set  int NOT NULL CHECK (quit_set > 0),
    quits     int NOT NULL CHECK (quits >= 0)
);
INSERT INTO demo.smoking_quits
SELECT 'J820' || lpad(i::text, 2, '0'), n, round((n::float8 * (0.52 + 0.07 * sin(i::float8 * 2.1)))::numeric)::int
FROM generate_series(1, 30) AS i, LATERAL (SELECT 25 + (i * 7919) % 380 AS n) AS x;

\echo
\echo Smoking quits by practice: significantly different from the city average
SELECT practice, quits, quit_set, round(100.0 * quits::numeric / quit_set::numeric, 1) AS percent, label
FROM (SELECT *, kpi.funnel_significance(quits, quit_set,
                                        sum(quits) OVER () / (sum(quit_set) OVER ())::float8, 'proportion') AS label
      FROM demo.smoking_quits) AS t
WHERE label <> 'Not significant'
ORDER BY label, practice;

\echo
\echo Funnel plot control limits (every 20th of the 100 points)
SELECT f.axis AS quit_dates_set, round(f.lower_998::numeric, 1) AS lower_998, round(f.lower_95::numeric, 1) AS lower_95,
       round(f.baseline::numeric, 1) AS average, round(f.upper_95::numeric, 1) AS upper_95,
       round(f.upper_998::numeric, 1) AS upper_998
FROM (SELECT sum(quits)::float8 / sum(quit_set) AS av, min(quit_set) AS lo, max(quit_set) AS hi
      FROM demo.smoking_quits) AS s,
     LATERAL (SELECT row_number() OVER () AS i, * FROM kpi.funnel_limits('proportion', s.av, s.lo, s.hi, 100)) AS f
WHERE f.i % 20 = 0;
