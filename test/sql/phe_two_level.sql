-- Fingertips' two-level comparison (kpi.compare_two_level) against
-- Fingertips' own tests: PholioVisualisationWS/AnalysisTest/
-- SingleOverlappingCIsForTwoCILevelsComparerTest.cs (fingertips-open),
-- whose data is LowerCI99_8 = 2.3, LowerCI95 = 2.5, Value = 2.6,
-- UpperCI95 = 2.7, UpperCI99_8 = 2.9.  Fingertips' Significance -> label:
-- Best = 'Better 99.8%', Better = 'Better 95%', Same = 'Similar',
-- Worse = 'Worse 95%', Worst = 'Worse 99.8%' (its legend's words).
CREATE TEMP TABLE fingertips_cases (test text, benchmark float8, rag_low_is_good text, rag_high_is_good text);
INSERT INTO fingertips_cases VALUES
  ('Test_Benchmark_Value_Higher_Than_Upper_99_8', 3.0, 'Better 99.8%', 'Worse 99.8%'),
  ('Test_Benchmark_Value_Between_Upper_CIs', 2.8, 'Better 95%', 'Worse 95%'),
  ('TestSame', 2.6, 'Similar', 'Similar'),
  ('Test_Benchmark_Value_Between_Lower_CIs', 2.4, 'Worse 95%', 'Better 95%'),
  ('Test_Benchmark_Value_Lower_Than_Upper_99_8', 2.2, 'Worse 99.8%', 'Better 99.8%');
SELECT test, kpi.compare_two_level(2.6, 2.5, 2.7, 2.3, 2.9, benchmark, 'lower') = rag_low_is_good
             AND kpi.compare_two_level(2.6, 2.5, 2.7, 2.3, 2.9, benchmark, 'higher') = rag_high_is_good AS as_fingertips
FROM fingertips_cases;

-- The bounds are inclusive (Fingertips' <= and >=): a benchmark on a 95%
-- bound is 'Similar', one on a 99.8% bound is significant at 95% only.
-- BOB (polarity none) uses Fingertips' BOB legend: Highest ... Lowest.
SELECT b AS benchmark, kpi.compare_two_level(2.6, 2.5, 2.7, 2.3, 2.9, b, 'higher') AS higher_is_better,
       kpi.compare_two_level(2.6, 2.5, 2.7, 2.3, 2.9, b, 'lower') AS lower_is_better,
       kpi.compare_two_level(2.6, 2.5, 2.7, 2.3, 2.9, b, 'BOB - Blue orange blue') AS bob
FROM unnest(ARRAY[3.0, 2.9, 2.8, 2.7, 2.6, 2.5, 2.4, 2.3, 2.2]) AS b;

-- Fingertips' spellings of the polarity are read too
SELECT kpi.compare_two_level(2.6, 2.5, 2.7, 2.3, 2.9, 2.2, 'RAG - Low is good') AS low_is_good;

-- the report's comparisons: the 95% and 99.8% intervals of a rate from
-- kpi.rate_ci, against England (alcohol-specific mortality per 100,000,
-- 61 deaths in a population of 330,000 against 14.5: 18.5, hand interval
-- Byar 14.1 to 23.7 at 95%)
SELECT round(kpi.rate(61, 330000, 100000)::numeric, 2) AS rate,
       kpi.compare_two_level(kpi.rate(61, 330000, 100000),
                             (kpi.rate_ci(61, 330000, 100000)).lower, (kpi.rate_ci(61, 330000, 100000)).upper,
                             (kpi.rate_ci(61, 330000, 100000, 0.998)).lower, (kpi.rate_ci(61, 330000, 100000, 0.998)).upper,
                             14.5, 'lower') AS compared_with_england;
