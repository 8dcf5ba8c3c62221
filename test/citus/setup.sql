-- test/citus/setup.sql — the data of the Citus test (test/citus/run), run on
-- the coordinator.  Every table is made once as a plain table in schema
-- local (the reference: Citus leaves plain tables alone), then copied into
-- two distributed tables in schema public: one distributed by area (a
-- query grouped by area is pushed down whole), and one distributed by
-- another column (month, age band, decile, year), so that a query grouped
-- by area must split: each worker computes partial states, the coordinator
-- combines them.  psql variable: areas (500: 200,000 indicator rows).
\set ON_ERROR_STOP 1
SET client_min_messages = warning;
SELECT setseed(0.14);
CREATE SCHEMA local;

-- Monthly indicators by area: 10 indicators over 40 months (April 2021 to
-- July 2024) for :areas electoral wards in the 9 English regions.  A
-- proportion (numerator / denominator, as a percentage) with its Wilson 95%
-- interval, a target per indicator, a polarity, a stored rating.  About 1
-- row in 200 has no value (kpi's aggregates skip or rate those as NULL).
-- mi is the month index (a float8 period) and mt the month as timestamptz.
CREATE TABLE local.ind AS
SELECT format('E05%s', lpad(a::text, 6, '0')) AS area,
       (ARRAY['North East', 'North West', 'Yorkshire and The Humber', 'East Midlands', 'West Midlands',
              'East of England', 'London', 'South East', 'South West'])[1 + a % 9] AS region,
       format('KPI %s', lpad(k::text, 2, '0')) AS kpi,
       CASE WHEN k % 2 = 0 THEN 'higher' ELSE 'lower' END AS polarity,
       (DATE '2021-04-01' + m * INTERVAL '1 month')::date AS month,
       m::float8 AS mi,
       (TIMESTAMPTZ '2021-04-01 00:00+00' + m * INTERVAL '1 month') AS mt,
       num AS numerator, den AS denominator,
       CASE WHEN random() < 0.005 THEN NULL ELSE num / den * 100 END AS value,
       (kpi.wilson_ci(num, den)).lower * 100 AS lower,
       (kpi.wilson_ci(num, den)).upper * 100 AS upper,
       8.0 + k AS target
FROM generate_series(1, :areas) AS a, generate_series(1, 10) AS k, generate_series(0, 39) AS m,
     LATERAL (SELECT floor(800 + random() * 9000)::float8 AS den) d,
     LATERAL (SELECT floor(d.den * (0.04 + 0.01 * k + 0.02 * sin(a + m / 6.0) + 0.01 * random()))::float8 AS num) n;
ALTER TABLE local.ind ADD COLUMN rating kpi.rag;
UPDATE local.ind SET rating = kpi.rag(value, target, polarity);

-- Deaths and population in the 20 PHE age bands by area and year (10
-- years): life expectancy, DSR (European Standard Population 2013) and
-- indirect standardisation against England.
CREATE TABLE local.bands AS
WITH band AS (
    SELECT * FROM unnest(
        ARRAY[0,1,5,10,15,20,25,30,35,40,45,50,55,60,65,70,75,80,85,90],
        ARRAY[17,9,4,8,20,15,24,33,50,71,100,163,263,304,536,872,1390,1605,1936,1937]::float8[],
        ARRAY[7060,35059,46974,48489,43219,38561,46009,57208,61435,55601,50209,56416,46411,39820,37978,37039,33288,23306,11936,11936]::float8[],
        ARRAY[1000,4000,5500,5500,5500,6000,6000,6500,7000,7000,7000,7000,6500,6000,5500,5000,4000,2500,1500,1000]::float8[])
        AS t(age, deaths, population, esp))
SELECT format('E05%s', lpad(a::text, 6, '0')) AS area,
       (ARRAY['North East', 'North West', 'Yorkshire and The Humber', 'East Midlands', 'West Midlands',
              'East of England', 'London', 'South East', 'South West'])[1 + a % 9] AS region,
       y AS year, b.age,
       round(b.deaths * f * (0.8 + 0.4 * random()))::float8 + CASE WHEN b.age = 90 THEN 1 ELSE 0 END AS deaths,
       round(b.population * f * (0.9 + 0.2 * random()))::float8 AS population,
       b.esp AS std_population,
       b.deaths * 70 AS england_deaths, b.population * 70 AS england_population
FROM generate_series(1, greatest(:areas * 3 / 5, 10)) AS a, generate_series(2014, 2023) AS y, band AS b,
     LATERAL (SELECT 0.04 + 0.1 * ((a * 7919) % 100) / 100.0 AS f) s;

-- Life expectancy by deprivation decile (1 = most deprived) by area: SII
CREATE TABLE local.deciles AS
SELECT format('E05%s', lpad(a::text, 6, '0')) AS area, q AS decile,
       floor(15000 + random() * 10000)::float8 AS population,
       le AS value, le - 0.4 - 0.3 * random() AS lower, le + 0.4 + 0.3 * random() AS upper
FROM generate_series(1, greatest(:areas * 3 / 5, 10)) AS a, generate_series(1, 10) AS q,
     LATERAL (SELECT 72 + 1.1 * q + 3 * random() - (a % 5) AS le) l;

-- Stored trend states: one per area, indicator and financial year
CREATE TABLE local.trends AS
SELECT area, region, kpi, kpi.fy(month) AS year, kpi.trend(value, month) AS t,
       kpi.series(value, month) AS s, count(*) AS rows
FROM local.ind GROUP BY area, region, kpi, kpi.fy(month);

-- The distributed copies: NAME by area, NAME_s by another column
CREATE TABLE ind (LIKE local.ind);
CREATE TABLE ind_s (LIKE local.ind);
CREATE TABLE bands (LIKE local.bands);
CREATE TABLE bands_s (LIKE local.bands);
CREATE TABLE deciles (LIKE local.deciles);
CREATE TABLE deciles_s (LIKE local.deciles);
CREATE TABLE trends (LIKE local.trends);
CREATE TABLE trends_s (LIKE local.trends);
SELECT create_distributed_table('ind', 'area'), create_distributed_table('ind_s', 'month'),
       create_distributed_table('bands', 'area'), create_distributed_table('bands_s', 'age'),
       create_distributed_table('deciles', 'area'), create_distributed_table('deciles_s', 'decile'),
       create_distributed_table('trends', 'area'), create_distributed_table('trends_s', 'year')
\gset
INSERT INTO ind SELECT * FROM local.ind;
INSERT INTO ind_s SELECT * FROM local.ind;
INSERT INTO bands SELECT * FROM local.bands;
INSERT INTO bands_s SELECT * FROM local.bands;
INSERT INTO deciles SELECT * FROM local.deciles;
INSERT INTO deciles_s SELECT * FROM local.deciles;
INSERT INTO trends SELECT * FROM local.trends;
INSERT INTO trends_s SELECT * FROM local.trends;
ANALYZE;
