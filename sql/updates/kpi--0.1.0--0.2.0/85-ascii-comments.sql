-- Comments that 0.1.0 wrote with non-ASCII characters (a multiplication
-- sign, en dashes, the symbols themselves), which made the script fail in
-- EUC_JP and store mojibake in LATIN1.  The install and upgrade scripts are
-- ASCII only now (test/safety/encodings.sh checks it); the parts were edited
-- in place, and these are their new texts.

COMMENT ON FUNCTION kpi.symbol(kpi.rag) IS 'the rating as a coloured circle (red, yellow, green or blue), or R, A, G, B where the database encoding has no such circles';
COMMENT ON FUNCTION kpi.rag(pg_catalog.float8, pg_catalog.float8, pg_catalog.text, pg_catalog.float8)
    IS 'green on or better than target, amber worse by at most tolerance * |target| (inclusive, in decimal), red beyond';
COMMENT ON FUNCTION kpi.arrow(pg_catalog.float8, pg_catalog.float8)
    IS 'change arrow: a triangle pointing up, down, or right for unchanged (^, v, > where the database encoding has no such triangles)';
COMMENT ON FUNCTION kpi.rate_ci(pg_catalog.float8, pg_catalog.float8, pg_catalog.float8, pg_catalog.float8)
    IS 'interval of the rate events / population * per (exact below 10 events, Byar from 10 up)';
COMMENT ON FUNCTION kpi.compare_rate(pg_catalog.float8, pg_catalog.float8, pg_catalog.float8, pg_catalog.float8, pg_catalog.text, pg_catalog.float8)
    IS 'compares the interval of the rate events / population * per with a benchmark rate per `per`';
COMMENT ON FUNCTION kpi.rate(pg_catalog.float8, pg_catalog.float8, pg_catalog.float8)
    IS 'numerator / denominator * per, e.g. kpi.rate(94, 9910, 10000)';
COMMENT ON FUNCTION kpi.rolling_rate_final(kpi.state)
    IS 'final function of kpi.rolling_rate: sum / average denominator * per';
COMMENT ON FUNCTION kpi.pooled_rate_final(kpi.state)
    IS 'final function of kpi.pooled_rate: sum / sum * per';
COMMENT ON AGGREGATE kpi.rolling_rate(pg_catalog.float8, pg_catalog.float8, pg_catalog.float8)
    IS 'sum(numerator) / avg(denominator) * per, e.g. a 12-month rolling rate per 10,000 as a window function';
COMMENT ON AGGREGATE kpi.pooled_rate(pg_catalog.float8, pg_catalog.float8, pg_catalog.float8)
    IS 'sum(numerator) / sum(denominator) * per: the pooled rate, e.g. three years of deaths over three years of population';
COMMENT ON TYPE kpi.mann_kendall_result IS 'Mann-Kendall statistic S, its normal score z and two-sided p-value';
COMMENT ON TYPE kpi.theil_sen_line IS 'a Theil-Sen line: median pairwise slope and median intercept';
COMMENT ON AGGREGATE kpi.mann_kendall(pg_catalog.float8, pg_catalog.float8) IS 'Mann-Kendall trend test, two-sided, tie-corrected variance, continuity correction; splittable (needs every point)';
COMMENT ON AGGREGATE kpi.mann_kendall(pg_catalog.float8, pg_catalog.date) IS 'Mann-Kendall trend test over dates; splittable';
COMMENT ON AGGREGATE kpi.mann_kendall(pg_catalog.float8, pg_catalog.timestamptz) IS 'Mann-Kendall trend test over time; splittable';
COMMENT ON AGGREGATE kpi.theil_sen(pg_catalog.float8, pg_catalog.float8) IS 'Theil-Sen line: median of pairwise slopes, median intercept; at most 4472 points; splittable';
COMMENT ON AGGREGATE kpi.theil_sen(pg_catalog.float8, pg_catalog.date) IS 'Theil-Sen line over dates (slope per day, intercept at 1970-01-01); splittable';
COMMENT ON AGGREGATE kpi.theil_sen(pg_catalog.float8, pg_catalog.timestamptz) IS 'Theil-Sen line over time (slope per day, intercept at 1970-01-01 UTC); splittable';
COMMENT ON AGGREGATE kpi.sparkline(pg_catalog.float8) IS 'sparkline of the eight block elements U+2581..U+2588 (the digits 1..8 where the database encoding has no such blocks) scaled min..max, a space for NULL, the fourth level throughout for a constant series; write ORDER BY in the call';
