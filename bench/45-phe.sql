-- Benchmark: public-health methods, kpi against the same computation
-- written as plain SQL (shipped here, and checked to agree).
--
--   1. life expectancy at birth for 7,000 areas (MSOA scale) x the 20 PHE
--      age bands: kpi.life_expectancy against Chiang II with the Silcocks
--      90+ variance as an analyst writes it with window functions (the
--      survivors as exp(sum(ln(1 - q))), L, T and the variance sums as
--      running sums from the top band down);
--   2. funnel plot significance of 6,500 GP practices (proportions, e.g.
--      screening coverage): kpi.funnel_significance against PHE's limits
--      p +/- z sqrt(p (1 - p) / n) in a CASE (what the quadratic in PHE's
--      sigma_adjustment reduces to exactly), the average from a window sum;
--      both sides share the scan and the window, which bound the speed-up;
--   3. funnel plot significance of 6,500 practices' standardised ratios
--      (observed against expected events, e.g. emergency admissions):
--      kpi.funnel_significance(..., 'ratio') against PHE's Poisson limits as
--      plain SQL: exact limits for fewer than 10 events from a table of
--      chi-square quantiles (40-digit mpmath values), Byar's from 10 up.
--   Funnels are a few float operations per practice: reading the practice's
--   row costs about as much, so the scan alone is printed as the bound.
--
-- Each query is timed with clock_timestamp(), best of 5, and consumed by
-- an outer aggregate so that no rows travel to the client.  Aim: kpi at
-- least 5x faster than the plain SQL.

CREATE EXTENSION IF NOT EXISTS kpi;
SET max_parallel_workers_per_gather = 0;
SET work_mem = '256MB';

DROP TABLE IF EXISTS bench_le;
CREATE TABLE bench_le AS
SELECT area, b.age,
       round(b.pop * (0.6 + (area * 7919 % 800) / 1000.0))::float8 AS pop,
       round(b.deaths * (0.5 + (area * 104729 % 1000) / 1000.0) * (0.6 + (area * 7919 % 800) / 1000.0))::float8 AS deaths
FROM generate_series(1, 7000) AS area,
     unnest(ARRAY[0,1,5,10,15,20,25,30,35,40,45,50,55,60,65,70,75,80,85,90],
            ARRAY[100,400,500,500,450,400,450,550,600,550,500,550,450,400,380,370,330,230,120,120]::float8[],
            ARRAY[0.3,0.1,0.05,0.1,0.2,0.2,0.3,0.4,0.6,0.9,1.2,2.0,3.0,3.8,6.5,10.5,16.5,19.0,22.0,23.0]::float8[])
         AS b(age, pop, deaths);
VACUUM ANALYZE bench_le;

-- the plain-SQL life table (life expectancy at birth, 95% limits)
CREATE OR REPLACE VIEW bench_le_sql AS
WITH b AS (
    SELECT area, age, deaths, pop, deaths / pop AS m,
           CASE WHEN age = 0 THEN 0.1 ELSE 0.5 END AS a,
           lead(age) OVER w - age AS n
    FROM bench_le WINDOW w AS (PARTITION BY area ORDER BY age)),
q AS (
    SELECT *, CASE WHEN n IS NULL THEN 1.0
                   WHEN deaths <= pop / n / a THEN m * n / (1 + m * n * (1 - a))
                   ELSE 1.0 END AS q
    FROM b),
l AS (
    SELECT *, 100000 * coalesce(exp(sum(ln(1 - q)) OVER (PARTITION BY area ORDER BY age
                                 ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING)), 1) AS l
    FROM q),
bigl AS (
    SELECT *, l - lead(l, 1, 0.0) OVER w AS d,
           CASE WHEN n IS NULL THEN l / m ELSE n * (lead(l) OVER w + a * (l - lead(l, 1, 0.0) OVER w)) END AS bl
    FROM l WINDOW w AS (PARTITION BY area ORDER BY age)),
e AS (
    SELECT *, sum(bl) OVER (PARTITION BY area ORDER BY age DESC) / l AS e
    FROM bigl),
v AS (
    SELECT *, CASE WHEN n IS NULL THEN l * l / (deaths * m * m)
                   WHEN d = 0 THEN 0
                   ELSE q * q * (1 - q) / deaths * l * l * ((1 - a) * n + lead(e) OVER w) ^ 2 END AS w
    FROM e WINDOW w AS (PARTITION BY area ORDER BY age)),
s AS (
    SELECT *, sqrt(sum(w) OVER (PARTITION BY area ORDER BY age DESC) / (l * l)) AS se
    FROM v)
SELECT area, e AS value, e - 1.959963984540054 * se AS lower, e + 1.959963984540054 * se AS upper
FROM s WHERE age = 0;

CREATE OR REPLACE VIEW bench_le_kpi AS
SELECT area, (le).value, (le).lower, (le).upper
FROM (SELECT area, kpi.life_expectancy(age, deaths, pop) AS le FROM bench_le GROUP BY area) AS t;

-- GP practices: screened out of eligible
DROP TABLE IF EXISTS bench_practices;
CREATE TABLE bench_practices AS
SELECT i AS practice, e AS eligible,
       round(e * (0.72 + 0.012 * sin(i) + 0.006 * cos(i * 7)))::float8 AS screened
FROM generate_series(1, 6500) AS i, LATERAL (SELECT (500 + (i * 7919) % 15000)::float8 AS e) AS x;
VACUUM ANALYZE bench_practices;

CREATE OR REPLACE VIEW bench_funnel_kpi AS
SELECT practice, kpi.funnel_significance(screened, eligible, sum(screened) OVER () / sum(eligible) OVER (), 'proportion') AS label
FROM bench_practices;

CREATE OR REPLACE VIEW bench_funnel_sql AS
SELECT practice,
       CASE WHEN p < av - 3.090232306167813 * sqrt(av * (1 - av) / eligible) THEN 'Low (0.001)'
            WHEN p < av - 1.959963984540054 * sqrt(av * (1 - av) / eligible) THEN 'Low (0.025)'
            WHEN p > av + 3.090232306167813 * sqrt(av * (1 - av) / eligible) THEN 'High (0.001)'
            WHEN p > av + 1.959963984540054 * sqrt(av * (1 - av) / eligible) THEN 'High (0.025)'
            ELSE 'Not significant' END AS label
FROM (SELECT practice, eligible, screened / eligible AS p, sum(screened) OVER () / sum(eligible) OVER () AS av
      FROM bench_practices) AS t;

-- practices' standardised ratios: observed events against expected
DROP TABLE IF EXISTS bench_smr;
CREATE TABLE bench_smr AS
SELECT i AS practice, e AS expected,
       round(e * (1 + 0.25 * sin(i) + 0.1 * cos(i * 7)))::float8 AS observed
FROM generate_series(1, 6500) AS i, LATERAL (SELECT (2 + (i * 7919) % 400)::float8 AS e) AS x;
VACUUM ANALYZE bench_smr;

CREATE OR REPLACE VIEW bench_smr_kpi AS
SELECT practice, kpi.funnel_significance(observed, expected, 1, 'ratio') AS label
FROM bench_smr;

-- PHE's funnel_ratio_significance: the Poisson limits of the observed count
-- over expected, against 1.  Exact for 0-9 events: qchisq(p, 2o) / 2 and
-- qchisq(1 - p, 2o + 2) / 2 (the regularised incomplete gamma inverted with
-- mpmath at 40 digits); Byar's approximation from 10 events up.
CREATE OR REPLACE VIEW bench_smr_sql AS
WITH exact(o, lo998, lo95, hi95, hi998) AS (VALUES
    (0::float8, 0::float8, 0::float8, 3.6888794541139363::float8, 6.9077552789821371::float8),
    (1, 0.0010005003335835335, 0.025317807984289875, 5.5716433909388986, 9.2334134764515857),
    (2, 0.045402017769489557, 0.2422092785439649, 7.2246876677239608, 11.228872242412663),
    (3, 0.19053337756840319, 0.61867212289560129, 8.767273069742326, 13.062240779188068),
    (4, 0.42855241362842297, 1.0898653736263249, 10.241588675403698, 14.794149222537209),
    (5, 0.73937173191783252, 1.6234863901184205, 11.66833207932267, 16.454745203680107),
    (6, 1.1071046602556393, 2.2018942534908508, 13.059474022518685, 18.06163684019907),
    (7, 1.5203362603988091, 2.8143630515198661, 14.422675361702379, 19.626177395384238),
    (8, 1.9708139217403658, 3.4538321767485013, 15.763189220193315, 21.156198165839983),
    (9, 2.4524244043637749, 4.1153730973783324, 17.08480345141917, 22.657373309062931))
SELECT practice,
       CASE WHEN 1 < l998 THEN 'High (0.001)' WHEN 1 < l95 THEN 'High (0.025)'
            WHEN 1 > u998 THEN 'Low (0.001)' WHEN 1 > u95 THEN 'Low (0.025)'
            ELSE 'Not significant' END AS label
FROM (SELECT practice,
             coalesce(x.lo998, observed * (1 - 1 / (9 * observed) - 3.090232306167813 / 3 / sqrt(observed)) ^ 3) / expected AS l998,
             coalesce(x.lo95, observed * (1 - 1 / (9 * observed) - 1.959963984540054 / 3 / sqrt(observed)) ^ 3) / expected AS l95,
             coalesce(x.hi998, (observed + 1) * (1 - 1 / (9 * (observed + 1)) + 3.090232306167813 / 3 / sqrt(observed + 1)) ^ 3) / expected AS u998,
             coalesce(x.hi95, (observed + 1) * (1 - 1 / (9 * (observed + 1)) + 1.959963984540054 / 3 / sqrt(observed + 1)) ^ 3) / expected AS u95
      FROM bench_smr b LEFT JOIN exact x ON x.o = b.observed) AS t;

-- the two sides agree
SELECT count(*) AS areas, max(abs(k.value - s.value) / k.value) AS max_rel_diff_value,
       max(abs(k.lower - s.lower) / k.lower) AS max_rel_diff_lower,
       bool_and(abs(k.value - s.value) <= 1e-9 * k.value AND abs(k.upper - s.upper) <= 1e-9 * k.upper)
           AS life_expectancy_agrees
FROM bench_le_kpi k JOIN bench_le_sql s USING (area);
SELECT count(*) AS practices, count(*) FILTER (WHERE k.label = s.label) AS same_label,
       count(*) FILTER (WHERE k.label <> 'Not significant') AS significant,
       bool_and(k.label = s.label) AS funnel_agrees
FROM bench_funnel_kpi k JOIN bench_funnel_sql s USING (practice);
SELECT count(*) AS practices, count(*) FILTER (WHERE k.label = s.label) AS same_label,
       count(*) FILTER (WHERE k.label <> 'Not significant') AS significant,
       count(*) FILTER (WHERE b.observed < 10) AS exact_limits,
       bool_and(k.label = s.label) AS ratio_funnel_agrees
FROM bench_smr_kpi k JOIN bench_smr_sql s USING (practice) JOIN bench_smr b USING (practice);

DO $bench$
DECLARE
    t0   timestamptz;
    best float8;
    ms   float8;
    times jsonb := '{}';
    queries text[][] := ARRAY[
        ['le_kpi', $q$SELECT sum(value) FROM bench_le_kpi$q$],
        ['le_sql', $q$SELECT sum(value) FROM bench_le_sql$q$],
        ['fun_kpi', $q$SELECT count(*) FILTER (WHERE label <> 'Not significant') FROM bench_funnel_kpi$q$],
        ['fun_sql', $q$SELECT count(*) FILTER (WHERE label <> 'Not significant') FROM bench_funnel_sql$q$],
        -- what both funnel queries share: the scan and the window average
        ['fun_shared', $q$SELECT count(*) FILTER (WHERE av > 0) FROM (SELECT sum(screened) OVER () / sum(eligible) OVER () AS av FROM bench_practices) AS t$q$],
        ['smr_kpi', $q$SELECT count(*) FILTER (WHERE label <> 'Not significant') FROM bench_smr_kpi$q$],
        ['smr_sql', $q$SELECT count(*) FILTER (WHERE label <> 'Not significant') FROM bench_smr_sql$q$],
        -- what both ratio queries share: reading the practices
        ['smr_shared', $q$SELECT count(*) FILTER (WHERE observed >= 0 AND expected > 0) FROM bench_smr$q$]
    ];
BEGIN
    EXECUTE queries[1][2];
    FOR k IN 1 .. array_length(queries, 1) LOOP
        best := 'Infinity';
        FOR run IN 1 .. 5 LOOP
            t0 := clock_timestamp();
            EXECUTE queries[k][2];
            ms := extract(epoch FROM clock_timestamp() - t0) * 1000;
            best := least(best, ms);
        END LOOP;
        times := times || jsonb_build_object(queries[k][1], best);
    END LOOP;
    RAISE NOTICE '%', format(E'\npublic-health methods, best of 5 (ms)\n'
        '%-62s %10s %10s %8s\n'
        '%-62s %10s %10s %8s\n'
        '%-62s %10s %10s %8s\n'
        '%-62s %10s %10s %8s\n'
        '%-62s %10s %10s %8s\n'
        '%-62s %10s %10s %8s',
        'query', 'kpi', 'plain SQL', 'speed-up',
        'life expectancy at birth, 7,000 areas x 20 bands',
            round((times->>'le_kpi')::numeric, 1), round((times->>'le_sql')::numeric, 1),
            round((times->>'le_sql')::numeric / (times->>'le_kpi')::numeric, 1),
        'funnel significance, 6,500 practices (proportions)',
            round((times->>'fun_kpi')::numeric, 1), round((times->>'fun_sql')::numeric, 1),
            round((times->>'fun_sql')::numeric / (times->>'fun_kpi')::numeric, 1),
        '  of which shared (scan + window average); plain SQL / shared',
            round((times->>'fun_shared')::numeric, 1), round((times->>'fun_shared')::numeric, 1),
            round((times->>'fun_sql')::numeric / (times->>'fun_shared')::numeric, 1),
        'funnel significance, 6,500 practices (standardised ratios)',
            round((times->>'smr_kpi')::numeric, 1), round((times->>'smr_sql')::numeric, 1),
            round((times->>'smr_sql')::numeric / (times->>'smr_kpi')::numeric, 1),
        '  of which shared (the scan); plain SQL / shared',
            round((times->>'smr_shared')::numeric, 1), round((times->>'smr_shared')::numeric, 1),
            round((times->>'smr_sql')::numeric / (times->>'smr_shared')::numeric, 1));
END
$bench$;

DROP VIEW bench_le_sql, bench_le_kpi, bench_funnel_kpi, bench_funnel_sql, bench_smr_kpi, bench_smr_sql;
DROP TABLE bench_le, bench_practices, bench_smr;
