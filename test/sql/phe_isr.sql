-- Indirect standardisation (kpi.isr_ratio, kpi.isr_rate) against
-- PHEindicatormethods' own expectations: tests/testthat/testISRatios.R
-- ("isratios and CIs calculate correctly") and testISRates.R ("isrates and
-- CIs calculate correctly"), whose data and results are the sheets
-- testdata_multiarea, refdata, testdata_err2 and testresults_ISR of
-- tests/testthat/testdata_DSR_ISR.xlsx (row numbers of testresults_ISR
-- cited), at commit 093fd288 (v2.1.0).  Agreement to 1e-12 relative.
SET extra_float_digits = 0;
CREATE TEMP TABLE isr_in (area text, ageband text, count float8, pop float8, refcount float8, refpop float8);
INSERT INTO isr_in VALUES
  ('testdata_big', '0-4', 127, 636, 10303, 50520),
  ('testdata_big', '5-9', 25, 558, 2824, 57173),
  ('testdata_big', '10-14', 18, 609, 0, 60213),
  ('testdata_big', '15-19', 21, 543, 3615, 54659),
  ('testdata_big', '20-24', 12, 384, 3641, 44345),
  ('testdata_big', '25-29', 27, 594, 3490, 50128),
  ('testdata_big', '30-34', 48, 669, 3789, 62163),
  ('testdata_big', '35-39', 27, 843, 3213, 67423),
  ('testdata_big', '40-44', 29, 660, 3031, 62899),
  ('testdata_big', '45-49', 32, 576, 2771, 55463),
  ('testdata_big', '50-54', 32, 606, 3089, 60479),
  ('testdata_big', '55-69', 34, 522, 3490, 49974),
  ('testdata_big', '60-64', 45, 426, 3595, 44140),
  ('testdata_big', '65-69', 65, 273, 4745, 40888),
  ('testdata_big', '70-74', 38, 300, 5514, 37239),
  ('testdata_big', '75-79', 68, 288, 7125, 30819),
  ('testdata_big', '80-84', 74, 153, 5694, 18136),
  ('testdata_big', '85-89', 82, 123, 6210, 15325),
  ('testdata_big', '90+', 91, 207, 5757, 13918),
  ('testdata_small', '0-4', 12, 636, 10303, 50520),
  ('testdata_small', '5-9', 4, 558, 2824, 57173),
  ('testdata_small', '10-14', 3, 609, 0, 60213),
  ('testdata_small', '15-19', 2, 543, 3615, 54659),
  ('testdata_small', '20-24', 3, 384, 3641, 44345),
  ('testdata_small', '25-29', 4, 594, 3490, 50128),
  ('testdata_small', '30-34', 8, 669, 3789, 62163),
  ('testdata_small', '35-39', 2, 843, 3213, 67423),
  ('testdata_small', '40-44', 2, 660, 3031, 62899),
  ('testdata_small', '45-49', 3, 576, 2771, 55463),
  ('testdata_small', '50-54', 4, 606, 3089, 60479),
  ('testdata_small', '55-69', 5, 522, 3490, 49974),
  ('testdata_small', '60-64', 6, 426, 3595, 44140),
  ('testdata_small', '65-69', 8, 273, 4745, 40888),
  ('testdata_small', '70-74', 5, 300, 5514, 37239),
  ('testdata_small', '75-79', 6, 288, 7125, 30819),
  ('testdata_small', '80-84', 5, 153, 5694, 18136),
  ('testdata_small', '85-89', 5, 123, 6210, 15325),
  ('testdata_small', '90+', 4, 207, 5757, 13918),
  ('testdata_tiny', '0-4', 0, 636, 10303, 50520),
  ('testdata_tiny', '5-9', 0, 558, 2824, 57173),
  ('testdata_tiny', '10-14', NULL, 609, 0, 60213),
  ('testdata_tiny', '15-19', 0, 543, 3615, 54659),
  ('testdata_tiny', '20-24', 0, 384, 3641, 44345),
  ('testdata_tiny', '25-29', 0, 594, 3490, 50128),
  ('testdata_tiny', '30-34', 1, 669, 3789, 62163),
  ('testdata_tiny', '35-39', 0, 843, 3213, 67423),
  ('testdata_tiny', '40-44', 0, 660, 3031, 62899),
  ('testdata_tiny', '45-49', 0, 576, 2771, 55463),
  ('testdata_tiny', '50-54', 0, 606, 3089, 60479),
  ('testdata_tiny', '55-69', 0, 522, 3490, 49974),
  ('testdata_tiny', '60-64', 1, 426, 3595, 44140),
  ('testdata_tiny', '65-69', 0, 273, 4745, 40888),
  ('testdata_tiny', '70-74', 0, 300, 5514, 37239),
  ('testdata_tiny', '75-79', 1, 288, 7125, 30819),
  ('testdata_tiny', '80-84', 1, 153, 5694, 18136),
  ('testdata_tiny', '85-89', 2, 123, 6210, 15325),
  ('testdata_tiny', '90+', 3, 207, 5757, 13918);
CREATE TEMP TABLE isr_err2 (area text, ageband text, count float8, pop float8, refcount float8, refpop float8);
INSERT INTO isr_err2 VALUES
  ('Area1', '0-4', 127, 636, 10303, 50520),
  ('Area1', '5-9', 25, 0, 2824, 57173),
  ('Area1', '10-14', 18, 609, 0, 60213),
  ('Area1', '15-19', 21, 543, 3615, 54659),
  ('Area1', '20-24', 12, 384, 3641, 44345),
  ('Area1', '25-29', 27, 594, 3490, 50128),
  ('Area1', '30-34', 48, 669, 3789, 62163),
  ('Area1', '35-39', 27, 843, 3213, 67423),
  ('Area1', '40-44', 29, 660, 3031, 62899),
  ('Area1', '45-49', 32, 576, 2771, 55463),
  ('Area1', '50-54', 32, 606, 3089, 60479),
  ('Area1', '55-69', 34, 522, 3490, 49974),
  ('Area1', '60-64', 45, 426, 3595, 44140),
  ('Area1', '65-69', 65, 273, 4745, 40888),
  ('Area1', '70-74', 38, 300, 5514, 37239),
  ('Area1', '75-79', 68, 288, 7125, 30819),
  ('Area1', '80-84', 74, 153, 5694, 18136),
  ('Area1', '85-89', 82, 123, 6210, 15325),
  ('Area1', '90+', 91, 207, 5757, 13918),
  ('Area2', '0-4', 12, 636, 10303, 50520),
  ('Area2', '5-9', 4, 558, 2824, 57173),
  ('Area2', '10-14', 3, 609, 0, 60213),
  ('Area2', '15-19', 2, 543, 3615, 54659),
  ('Area2', '20-24', 3, 384, 3641, 44345),
  ('Area2', '25-29', 4, 594, 3490, 50128),
  ('Area2', '30-34', 8, 669, 3789, 62163),
  ('Area2', '35-39', 2, 843, 3213, 67423),
  ('Area2', '40-44', 2, 660, 3031, 62899),
  ('Area2', '45-49', 3, 576, 2771, 55463),
  ('Area2', '50-54', 4, 606, 3089, 60479),
  ('Area2', '55-69', 5, 522, 3490, 49974),
  ('Area2', '60-64', 6, 426, 3595, 44140),
  ('Area2', '65-69', 8, 273, 4745, 40888),
  ('Area2', '70-74', 5, 300, 5514, 37239),
  ('Area2', '75-79', 6, 288, 7125, 30819),
  ('Area2', '80-84', 5, 153, 5694, 18136),
  ('Area2', '85-89', 5, 123, 6210, 15325),
  ('Area2', '90+', 4, 207, 5757, 13918);

-- testresults_ISR: (sheet row, area, observed, expected, ref_rate, value,
-- lower95_0cl, upper95_0cl, lower99_8cl, upper99_8cl, statistic, method)
CREATE TEMP TABLE isr_expected (sheet_row int, area text, observed float8, expected float8, ref_rate float8,
    value float8, lower95 float8, upper95 float8, lower998 float8, upper998 float8, statistic text, method text);
INSERT INTO isr_expected VALUES
  (2, 'testdata_big', 895, 835.8835612311743, 9349.88309221102, 10011.137622091057, 9365.91600297888, 10689.097582910616, 9008.7578618655, 11089.02718538338, 'indirectly standardised rate per 100000', 'Byars'),
  (3, 'testdata_small', 91, 835.8835612311743, 9349.88309221102, 1017.8922051511577, 819.521002506463, 1249.75926013832, 719.5132903528245, 1392.9381508991678, 'indirectly standardised rate per 100000', 'Byars'),
  (4, 'testdata_tiny', 9, 835.8835612311743, 9349.88309221102, 100.6706576523123, 46.03303513307893, 191.10426659054028, 27.43190862554234, 253.4369635219236, 'indirectly standardised rate per 100000', 'Exact'),
  (5, 'testdata_big', 895, 835.8835612311743, 93.49883092211019, 100.11137622091056, 93.6591600297888, 106.89097582910615, 90.087578618655, 110.8902718538338, 'indirectly standardised rate per 1000', 'Byars'),
  (6, 'testdata_small', 91, 835.8835612311743, 93.49883092211019, 10.178922051511577, 8.19521002506463, 12.497592601383202, 7.195132903528244, 13.929381508991677, 'indirectly standardised rate per 1000', 'Byars'),
  (7, 'testdata_tiny', 9, 835.8835612311743, 93.49883092211019, 1.006706576523123, 0.4603303513307893, 1.9110426659054027, 0.2743190862554234, 2.5343696352192358, 'indirectly standardised rate per 1000', 'Exact'),
  (8, 'testdata_big', 895, 835.8835612311743, NULL, 1.0707232939020275, 1.0017147712553987, 1.143233287249895, 0.9635155619614437, 1.1860070415876287, 'indirectly standardised ratio x 1', 'Byars'),
  (9, 'testdata_small', 91, 835.8835612311743, NULL, 0.10886683770400503, 0.08765040101829405, 0.1336657632841891, 0.07695425528392111, 0.14897920510466744, 'indirectly standardised ratio x 1', 'Byars'),
  (10, 'testdata_tiny', 9, 835.8835612311743, NULL, 0.010767049882813684, 0.004923380825095776, 0.02043921455549973, 0.0029339306550682617, 0.02710589651469021, 'indirectly standardised ratio x 1', 'Exact'),
  (11, 'testdata_big', 895, 835.8835612311743, NULL, 107.07232939020275, 100.17147712553987, 114.3233287249895, 96.35155619614437, 118.60070415876287, 'indirectly standardised ratio x 100', 'Byars'),
  (12, 'testdata_small', 91, 835.8835612311743, NULL, 10.886683770400502, 8.765040101829404, 13.366576328418912, 7.695425528392111, 14.897920510466744, 'indirectly standardised ratio x 100', 'Byars'),
  (13, 'testdata_tiny', 9, 835.8835612311743, NULL, 1.0767049882813684, 0.4923380825095776, 2.043921455549973, 0.2933930655068262, 2.710589651469021, 'indirectly standardised ratio x 100', 'Exact'),
  (14, 'Area1', 895, 808.3217400918253, 9349.88309221102, 10352.493261629017, 9685.271141999323, 11053.570021432142, NULL, NULL, 'indirectly standardised rate per 100000', 'Byars'),
  (15, 'Area2', 91, 835.8835612311743, 9349.88309221102, 1017.8922051511577, 819.521002506463, 1249.75926013832, NULL, NULL, 'indirectly standardised rate per 100000', 'Byars'),
  (16, 'Area1', 895, 808.3217400918253, NULL, 110.72323749430866, 103.58708281676485, 118.22147841228508, NULL, NULL, 'indirectly standardised ratio x 100', 'Byars'),
  (17, 'Area2', 91, 835.8835612311743, NULL, 10.886683770400502, 8.765040101829404, 13.366576328418912, NULL, NULL, 'indirectly standardised ratio x 100', 'Byars');

CREATE FUNCTION close_to(got float8, want float8) RETURNS bool
    LANGUAGE sql IMMUTABLE AS $$ SELECT got IS NOT DISTINCT FROM want OR abs(got - want) <= 1e-12 * abs(want) $$;

-- each result row of the sheet from the call it describes: rate per
-- 100000 or 1000 (statistic "indirectly standardised rate per N"), ratio
-- x 1 or x 100, at 95% and 99.8%; rows 14-17 from testdata_err2 (a band
-- of population 0: "test n = 0", "test zero population")
CREATE TEMP TABLE isr_got AS
SELECT e.sheet_row, g95.*, g998.lower AS lower998, g998.upper AS upper998
FROM isr_expected e,
     LATERAL (SELECT CASE WHEN e.sheet_row >= 14 THEN 'err2' ELSE 'multiarea' END AS data,
                     substring(e.statistic FROM '[0-9]+$')::float8 AS scale,
                     e.statistic LIKE '%rate%' AS is_rate) AS c,
     LATERAL (SELECT (CASE WHEN c.is_rate THEN kpi.isr_rate(count, pop, refcount, refpop, c.scale)
                           ELSE kpi.isr_ratio(count, pop, refcount, refpop, c.scale) END).*
              FROM (SELECT * FROM isr_in WHERE c.data = 'multiarea' UNION ALL
                    SELECT * FROM isr_err2 WHERE c.data = 'err2') AS d
              WHERE d.area = e.area) AS g95,
     LATERAL (SELECT (CASE WHEN c.is_rate THEN kpi.isr_rate(count, pop, refcount, refpop, c.scale, 0.998)
                           ELSE kpi.isr_ratio(count, pop, refcount, refpop, c.scale, 0.998) END).*
              FROM (SELECT * FROM isr_in WHERE c.data = 'multiarea' UNION ALL
                    SELECT * FROM isr_err2 WHERE c.data = 'err2') AS d
              WHERE d.area = e.area) AS g998;

SELECT e.sheet_row, e.area, e.statistic, g.method,
       g.observed = e.observed AND close_to(g.expected, e.expected) AND close_to(g.reference_rate, e.ref_rate)
         AS counts_as_phe,
       close_to(g.value, e.value) AND close_to(g.lower, e.lower95) AND close_to(g.upper, e.upper95) AS ci95_as_phe,
       CASE WHEN e.lower998 IS NOT NULL THEN close_to(g.lower998, e.lower998) AND close_to(g.upper998, e.upper998) END
         AS ci998_as_phe,
       g.method = e.method AS method_as_phe
FROM isr_expected e JOIN isr_got g USING (sheet_row)
ORDER BY e.sheet_row;

-- hand calculation: 5 observed where the reference rates expect
-- 0.01 x 200 + 0.02 x 100 = 4: ratio 5/4 = 1.25; the exact limits
-- chi2(0.025; 10)/2 = 1.6235 and chi2(0.975; 12)/2 = 11.6683 over 4
-- (kpi.poisson_ci(5) divided by 4)
SELECT round((r).value::numeric, 10) AS ratio, round((r).lower::numeric, 4) AS lower,
       round((r).upper::numeric, 4) AS upper, (r).method,
       (r).lower = (kpi.poisson_ci(5)).lower / 4 AS lower_is_poisson_over_e
FROM (SELECT kpi.isr_ratio(o, n, x, p) AS r
      FROM (VALUES (2, 200, 10, 1000), (3, 100, 20, 1000)) AS t(o, n, x, p)) AS s;

-- NULL observed, population and reference events count as 0 (PHE's
-- na.zero); the observed total may sit on one row (PHE's observed_totals)
SELECT (kpi.isr_ratio(CASE WHEN ageband = '0-4' THEN 895 END, pop, refcount, refpop, 100)).value
       = (kpi.isr_ratio(count, pop, refcount, refpop, 100)).value AS observed_total_on_one_row
FROM isr_in WHERE area = 'testdata_big';
-- no expected events: NULL ratio, observed still given
SELECT (kpi.isr_ratio(3, 0, 10, 1000)).*;

-- states: exact as text, combined equal to the whole (within 1e-12:
-- float sums in another order)
CREATE AGGREGATE pg_temp.isr_partial(float8, float8, float8, float8, float8) (
    SFUNC = kpi.isr_rate_accum, STYPE = kpi.state, INITCOND = '{0,0,0,0,0,0,0,0}');
CREATE AGGREGATE pg_temp.isr_combined(kpi.state) (
    SFUNC = kpi.isr_combine, STYPE = kpi.state, INITCOND = '{0,0,0,0,0,0,0,0}', FINALFUNC = kpi.isr_final);
SELECT kpi.state_send(w::text::kpi.state) = kpi.state_send(w) AS text_exact,
       close_to((c).value, (kpi.isr_final(w)).value) AND close_to((c).upper, (kpi.isr_final(w)).upper) AS combined_equals_whole
FROM (SELECT pg_temp.isr_partial(count, pop, refcount, refpop, 100000) AS w FROM isr_in WHERE area = 'testdata_big') AS a,
     (SELECT pg_temp.isr_combined(p::text::kpi.state) AS c
      FROM (SELECT pg_temp.isr_partial(count, pop, refcount, refpop, 100000) AS p
            FROM isr_in WHERE area = 'testdata_big' GROUP BY length(ageband)) AS q) AS b;

-- parallel plans agree with the serial plan (within 1e-12)
CREATE TABLE isr_big AS
SELECT a AS area, d.count + a % 5 AS count, d.pop + a AS pop, d.refcount, d.refpop
FROM generate_series(1, 5000) AS a, isr_in AS d WHERE d.area = 'testdata_big';
ANALYZE isr_big;
CREATE FUNCTION pg_temp.explain_lines(query text) RETURNS SETOF text LANGUAGE plpgsql AS $$
BEGIN
    RETURN QUERY EXECUTE 'EXPLAIN (COSTS OFF) ' || query;
END $$;
CREATE VIEW isr_by_area AS
SELECT area, kpi.isr_ratio(count, pop, refcount, refpop, 100) AS r FROM isr_big GROUP BY area;
SET max_parallel_workers_per_gather = 0;
CREATE TEMP TABLE isr_serial AS SELECT * FROM isr_by_area;
SET parallel_setup_cost = 0;
SET parallel_tuple_cost = 0;
SET min_parallel_table_scan_size = 0;
SET max_parallel_workers_per_gather = 2;
SELECT count(*) AS areas,
       bool_and(close_to((p.r).value, (s.r).value) AND close_to((p.r).lower, (s.r).lower)
                AND close_to((p.r).upper, (s.r).upper)) AS parallel_equals_serial
FROM isr_serial s JOIN isr_by_area p USING (area);
SELECT bool_or(line LIKE '%Partial%Aggregate%') AS parallel_is_partial
FROM pg_temp.explain_lines('SELECT * FROM isr_by_area') AS line;
RESET parallel_setup_cost;
RESET parallel_tuple_cost;
RESET min_parallel_table_scan_size;
RESET max_parallel_workers_per_gather;
DROP VIEW isr_by_area;
DROP TABLE isr_big;
