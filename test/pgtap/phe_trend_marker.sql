-- Fingertips' trend marker: kpi.recent_trend(..., period, polarity) and the
-- rules of the period forms.  Expected values from fingertips-open (commit
-- 6780897), PholioVisualisationWS/AnalysisTest/TrendMarkerCalculatorTest.cs,
-- AnalysisTest/TrendRequestTest.cs and FormattingTest/
-- TrendMarkerLabelProviderTest.cs, and from hand calculation; every error
-- with its SQLSTATE; parallel equals serial.
BEGIN;
SET search_path = public, kpi;
SELECT plan(51);

-- TrendMarkerCalculatorTest.GetTrendData_Set1 (and _ForProportion_Set1)
CREATE TEMP TABLE set1 (count float8, denom float8, value float8, lower float8, upper float8, year int);
INSERT INTO set1 VALUES (1367, 44701, 30.6, 28.98, 32.25, 2018), (1332, 44064, 30.2, 28.63, 31.9, 2017),
    (1199, 42811, 28, 26.44, 29.64, 2016), (1023, 41527, 24.6, 23.15, 26.19, 2015), (994, 40299, 24.67, 23.16, 26.25, 2014);
-- GetTrendData_Set2
CREATE TEMP TABLE set2 (count float8, denom float8, value float8, lower float8, upper float8, year int);
INSERT INTO set2 VALUES (209, 1017, 20.5506, 18.1803, 23.1427, 2014), (213, 1087, 19.5952, 17.3444, 22.0602, 2015),
    (213, 1119, 19.0349, 16.8421, 21.4394, 2016), (239, 1117, 21.3966, 19.0918, 23.8975, 2017),
    (210, 1139, 18.4372, 16.2925, 20.7941, 2018);

-- TestIsSignificantReturnsTrue: significant (chi-square 46.77, by hand too:
-- weights 1/((U-L)/3.92)^2, slope 1.7516, chi2 = 46.7653), rising
SELECT is(kpi.recent_trend(value, lower, upper, year::float8, 'higher'), 'Increasing and getting better',
          'Set1, higher is better (TestIsSignificantReturnsTrue)') FROM set1;
SELECT is(kpi.recent_trend(value, lower, upper, make_date(year, 4, 1), 'lower'), 'Increasing and getting worse',
          'Set1 by date, lower is better') FROM set1;
SELECT is(kpi.recent_trend(value, lower, upper, year::float8, 'none'), 'Increasing',
          'Set1, polarity none (TrendMarkerLabelProviderTest.Test_NotApplicable)') FROM set1;
SELECT is(kpi.recent_trend(value, lower, upper, year::float8), 'increasing', 'Set1, the form without a polarity') FROM set1;
SELECT is(kpi.recent_trend(value, lower, upper, (4036 - year)::float8, 'higher'), 'Decreasing and getting worse',
          'Set1 in reverse time, higher is better') FROM set1;
SELECT is(kpi.recent_trend(value, lower, upper, (4036 - year)::float8, 'RAG - Low is good'), 'Decreasing and getting better',
          'Set1 in reverse time, Fingertips'' own polarity name') FROM set1;
SELECT is(kpi.recent_trend(value, lower, upper, (4036 - year)::float8, 'none'), 'Decreasing', 'Set1 in reverse time, none') FROM set1;
SELECT is(kpi.recent_trend(value, lower, upper, year::float8, 'higher'::kpi.polarity), 'Increasing and getting better',
          'a kpi.polarity value') FROM set1;
-- the 99.8% threshold (9.54953570608324), by hand: widening every interval by
-- f divides chi2 by f^2, 46.7653 / 2.21^2 = 9.5751 (significant), / 2.22^2 =
-- 9.4890 (not)
SELECT is(kpi.recent_trend(value, value - 2.21 * (value - lower), value + 2.21 * (upper - value), year::float8, 'higher'),
          'Increasing and getting better', 'chi2 9.575: above the threshold') FROM set1;
SELECT is(kpi.recent_trend(value, value - 2.22 * (value - lower), value + 2.22 * (upper - value), year::float8, 'higher'),
          'No significant change', 'chi2 9.489: below the threshold') FROM set1;
-- TestIsSignificantForProportionsReturnsTrue: significant (chi2 47.90, by
-- hand: 47.8967); the direction is the log-odds slope's (Fingertips leaves
-- it unset for proportions: _slope is only assigned in NoOutliersCheck)
SELECT is(kpi.recent_trend(count, denom, year::float8, 'higher'), 'Increasing and getting better',
          'proportions Set1 (TestIsSignificantForProportionsReturnsTrue)') FROM set1;
SELECT is(kpi.recent_trend(count, denom, make_date(year, 1, 1)), 'increasing', 'proportions Set1, no polarity') FROM set1;
-- TestIsSignificantReturnsFalse
SELECT is(kpi.recent_trend(value, lower, upper, year::float8, 'higher'), 'No significant change',
          'Set2 (TestIsSignificantReturnsFalse)') FROM set2;
-- TestIsSignificantForProportionsCannotBeCalculated: 2012 has count = denominator
SELECT is(kpi.recent_trend(c, d, y::float8, 'higher'), 'Cannot be calculated',
          'a count equal to its denominator (TestIsSignificantForProportionsCannotBeCalculated)')
FROM (VALUES (5, 5, 2012), (3, 5, 2013), (1, 5, 2014), (1, 4, 2015), (2, 4, 2016)) t(c, d, y);
-- ... anywhere in the unbroken run of valid points (IsPossibleDivideByZeroErrors
-- reads all of ValidData), not after a break
SELECT is(kpi.recent_trend(c, d, y::float8, 'higher'), 'Cannot be calculated', 'count = denominator older than the five, in the run')
FROM (SELECT count AS c, denom AS d, year AS y FROM set1 UNION ALL VALUES (10, 10, 2013)) s;
SELECT is(kpi.recent_trend(c, d, y::float8, 'higher'), 'Increasing and getting better', 'count = denominator after a break')
FROM (SELECT count AS c, denom AS d, year AS y FROM set1 UNION ALL VALUES (NULL::float8, 10, 2013), (10, 10, 2012)) s;

-- TrendRequestTest.DataList (2001..2005), as values with an interval (its
-- counts exceed its denominators, which kpi's proportion form refuses)
SELECT is(kpi.recent_trend(2, 1, 3, y::float8, 'none'), 'No significant change', 'DataList: valid (TestTrendRequest_IsValid_True)')
FROM generate_series(2001, 2005) y;
SELECT is(kpi.recent_trend(CASE WHEN y > 2000 THEN 2 END, 1, 3, y::float8, 'none'), 'No significant change',
          'an invalid point before the five (TestTrendRequest_IsValid_True_If_Enough_Valid_Values)')
FROM generate_series(2000, 2005) y;
SELECT is(kpi.recent_trend(CASE WHEN y > 2001 THEN 2 END, 1, 3, y::float8, 'none'), 'Cannot be calculated',
          'an invalid point among the five (TestTrendRequest_IsValid_False_If_Value_Invalid)')
FROM generate_series(2001, 2005) y;
SELECT is(kpi.recent_trend(value, lower, upper, year::float8, 'higher'), 'Cannot be calculated', 'four points')
FROM set1 WHERE year > 2014;
SELECT is(kpi.recent_trend(value, lower, upper, year::float8, 'higher'), 'Cannot be calculated', 'no rows') FROM set1 WHERE false;

-- a suppressed point ends the run: the latest, or one of the five
SELECT is(kpi.recent_trend(v, lower, upper, y::float8, 'higher'), 'Cannot be calculated', 'the latest value NULL')
FROM (SELECT value AS v, lower, upper, year AS y FROM set1 UNION ALL VALUES (NULL::float8, 30, 33, 2019)) s;
SELECT is(kpi.recent_trend(value, l, upper, year::float8, 'higher'), 'Cannot be calculated', 'a NULL lower bound among the five')
FROM (SELECT value, CASE WHEN year <> 2016 THEN lower END AS l, upper, year FROM set1) s;
SELECT is(kpi.recent_trend(c, d, year::float8, 'higher'), 'Cannot be calculated', 'a zero denominator among the five')
FROM (SELECT count AS c, CASE WHEN year = 2017 THEN 0 ELSE denom END AS d, year FROM set1) s;
SELECT is(kpi.recent_trend(c, d, year::float8, 'higher'), 'Increasing and getting better', 'a zero denominator before the five')
FROM (SELECT count AS c, denom AS d, year FROM set1 UNION ALL VALUES (7, 0, 2013)) s;
SELECT is(kpi.recent_trend(c, denom, year::float8, 'higher'), 'Cannot be calculated', 'a NULL count among the five')
FROM (SELECT CASE WHEN year <> 2015 THEN count END AS c, denom, year FROM set1) s;
-- a zero-width interval among the five (kpi: its weight would be infinite)
SELECT is(kpi.recent_trend(value, value, value, year::float8, 'higher'), 'Cannot be calculated', 'zero-width intervals') FROM set1;

-- consecutive periods: a missing year or month is not closed up
SELECT is(kpi.recent_trend(value, lower, upper, y::float8, 'higher'), 'Cannot be calculated', 'a missing year among the five')
FROM (SELECT value, lower, upper, CASE WHEN year = 2014 THEN 2013 ELSE year END AS y FROM set1) s;
SELECT is(kpi.recent_trend(value, lower, upper, y::float8, 'higher'), 'Increasing and getting better', 'a missing year before the five')
FROM (SELECT value, lower, upper, year AS y FROM set1 UNION ALL VALUES (20, 19, 21, 2012)) s;
SELECT is(kpi.recent_trend(count, denom, make_date(2020, year - 2013, 1), 'lower'), 'Increasing and getting worse', 'five consecutive months')
FROM set1;
SELECT is(kpi.recent_trend(count, denom, make_date(2020, CASE WHEN year = 2018 THEN 6 ELSE year - 2013 END, 1), 'lower'),
          'Cannot be calculated', 'a missing month') FROM set1;
SELECT is(kpi.recent_trend(count, denom, (DATE '2020-01-01' + make_interval(months => 3 * (year - 2013)) - interval '1 day')::date, 'lower'),
          'Increasing and getting worse', 'quarters as month ends: five consecutive') FROM set1;
SELECT is(kpi.recent_trend(count, denom, make_date(2020, year - 2013, 1)::timestamptz, 'lower'),
          'Increasing and getting worse', 'months as timestamptz at local midnight') FROM set1;
SELECT is(kpi.recent_trend(count, denom, DATE '2024-03-28' + (year - 2014), 'lower'),
          'Increasing and getting worse', 'five consecutive days') FROM set1;
SELECT is(kpi.recent_trend(count, denom, DATE '2024-03-28' + (year - 2014) + (year = 2018)::int, 'lower'),
          'Cannot be calculated', 'a missing day') FROM set1;

-- errors
SELECT throws_ok($$SELECT kpi.recent_trend(1, 0, 2, 2020, NULL::text)$$, '22004', 'polarity must not be NULL', 'NULL polarity');
SELECT throws_ok($$SELECT kpi.recent_trend(1, 0, 2, 2020, 'up-ish')$$, '22023', 'invalid polarity: "up-ish"', 'bad polarity');
SELECT throws_ok($$SELECT kpi.recent_trend(1, 0, 2, y, p) FROM (VALUES (2020, 'higher'), (2021, 'lower')) t(y, p)$$, '22023',
                 'kpi.recent_trend: the polarity must be the same on every row', 'two polarities');
SELECT throws_ok($$SELECT kpi.recent_trend(1, 0, 2, NULL::float8, 'higher')$$, '22004', 'period must not be NULL', 'NULL period');
SELECT throws_ok($$SELECT kpi.recent_trend(1, 0, 2, y, 'higher') FROM (VALUES (2020), (2020)) t(y)$$, '21000',
                 'a series cannot have two points for one period', 'a period twice');
SELECT throws_ok($$SELECT kpi.recent_trend(1, 2, 0, 2020, 'higher')$$, '22023', 'lower bound (2) must not exceed upper bound (0)', 'lower > upper');
SELECT throws_ok($$SELECT kpi.recent_trend('NaN', 0, 2, 2020, 'higher')$$, '22023', 'value must be a finite number, not NaN', 'NaN value');
SELECT throws_ok($$SELECT kpi.recent_trend(11, 10, DATE '2020-01-01', 'higher')$$, '22023', 'events (11) must not exceed the denominator (10)', 'events > denominator');
SELECT throws_ok($$SELECT kpi.recent_trend(-1, 10, DATE '2020-01-01', 'higher')$$, '22023', 'events must not be negative, not -1', 'negative events');
SELECT throws_ok($$SELECT kpi.recent_trend(1, -10, 2020::float8, 'higher')$$, '22023', 'denominator must not be negative, not -10', 'negative denominator');
SELECT throws_ok($$SELECT kpi.recent_trend_marker_final('{2020,1,0,2,11,2021,1,0,2,12}')$$, '22023',
                 'kpi.recent_trend: the polarity must be the same on every row', 'a hand-made state of two polarities');
SELECT throws_ok($$SELECT kpi.recent_trend_period_final_date('{1e15,1,0,2,2e15,1,0,2,3e15,1,0,2,4e15,1,0,2,5e15,1,0,2}')$$, '22023',
                 'kpi.recent_trend: invalid transition state', 'a hand-made state with dates out of range');
SELECT throws_ok($$SELECT kpi.recent_trend_marker_final('{2020,1,0,2,7}')$$, '22023', 'kpi.recent_trend: invalid transition state', 'a hand-made state with a bad tag');

-- splittable: parallel equals serial, over 400 series of 12 years
-- (a plain table: a temporary one is never scanned in parallel)
CREATE TABLE many AS
SELECT k, y, 50 + k % 7 * (y - 2010) * 0.3 + 2 * sin(k * y) AS v,
       (700 + (k % 5 - 2) * 30 * (y - 2010) + k % 11)::float8 AS e, 2000::float8 AS n
FROM generate_series(1, 400) k, generate_series(2010, 2021) y;
ANALYZE many;
CREATE TEMP TABLE serial_result AS
SELECT k, kpi.recent_trend(v, v - 1.5, v + 1.5, y::float8, 'higher') AS a, kpi.recent_trend(e, n, make_date(y, 1, 1), 'lower') AS b
FROM many GROUP BY k;
SET parallel_setup_cost = 0;
SET parallel_tuple_cost = 0;
SET min_parallel_table_scan_size = 0;
SET max_parallel_workers_per_gather = 2;
SET parallel_leader_participation = off;
CREATE FUNCTION pg_temp.plan_of(q text) RETURNS text LANGUAGE plpgsql AS
$$ DECLARE l text; r text := ''; BEGIN FOR l IN EXECUTE 'EXPLAIN (COSTS OFF) ' || q LOOP r := r || l || ' '; END LOOP; RETURN r; END $$;
SELECT matches(pg_temp.plan_of($$SELECT k, kpi.recent_trend(v, v - 1.5, v + 1.5, y::float8, 'higher') FROM many GROUP BY k$$),
               'Partial .*Aggregate', 'the plan splits the aggregate');
SELECT is((SELECT count(*)::int FROM serial_result s
           JOIN (SELECT k, kpi.recent_trend(v, v - 1.5, v + 1.5, y::float8, 'higher') AS a,
                        kpi.recent_trend(e, n, make_date(y, 1, 1), 'lower') AS b FROM many GROUP BY k) p
             ON p.k = s.k AND p.a = s.a AND p.b = s.b), 400, 'parallel equals serial (400 series)');
RESET parallel_setup_cost;
RESET parallel_tuple_cost;
RESET min_parallel_table_scan_size;
RESET max_parallel_workers_per_gather;
RESET parallel_leader_participation;
SELECT is((SELECT string_agg(DISTINCT a, ', ') || ' / ' || string_agg(DISTINCT b, ', ') FROM serial_result),
          'Decreasing and getting worse, Increasing and getting better, No significant change / Decreasing and getting better, Increasing and getting worse, No significant change',
          'the 400 series give every marker');

SELECT * FROM finish();
ROLLBACK;
