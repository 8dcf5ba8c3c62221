
--------------------------------------------------------------------------
-- 5. Trends and extrapolation: the kpi.trend state, its aggregates and
--    accessors; Mann-Kendall and Theil-Sen
--------------------------------------------------------------------------
-- x is a float8, or for date and timestamptz elapsed time in days since
-- 1970-01-01 00:00 UTC (a date counts as midnight UTC).

CREATE TYPE kpi.trend;

CREATE FUNCTION kpi.trend_in(pg_catalog.cstring) RETURNS kpi.trend
    AS 'MODULE_PATHNAME', 'trend_in' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION kpi.trend_out(kpi.trend) RETURNS pg_catalog.cstring
    AS 'MODULE_PATHNAME', 'trend_out' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION kpi.trend_recv(pg_catalog.internal) RETURNS kpi.trend
    AS 'MODULE_PATHNAME', 'trend_recv' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION kpi.trend_send(kpi.trend) RETURNS pg_catalog.bytea
    AS 'MODULE_PATHNAME', 'trend_send' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE TYPE kpi.trend (
    INPUT          = kpi.trend_in,
    OUTPUT         = kpi.trend_out,
    RECEIVE        = kpi.trend_recv,
    SEND           = kpi.trend_send,
    INTERNALLENGTH = 96,
    ALIGNMENT      = double,
    STORAGE        = plain
);
COMMENT ON TYPE kpi.trend IS 'least-squares trend state: count, means and co-moments of (x, y); store it, roll it up, read lines off it';
COMMENT ON FUNCTION kpi.trend_in(pg_catalog.cstring) IS 'text input of kpi.trend: (kind,n=..,x0=..,y0=..,xmax=..,mx=..,my=..,sxx=..,syy=..,sxy=..)';
COMMENT ON FUNCTION kpi.trend_out(kpi.trend) IS 'text output of kpi.trend; reads back bit-for-bit whatever extra_float_digits is';
COMMENT ON FUNCTION kpi.trend_recv(pg_catalog.internal) IS 'binary input of kpi.trend, validated like the text input';
COMMENT ON FUNCTION kpi.trend_send(kpi.trend) IS 'binary output of kpi.trend';

-- transition, inverse transition (moving-aggregate mode) and combine
CREATE FUNCTION kpi.trend_accum(kpi.trend, pg_catalog.float8, pg_catalog.float8) RETURNS kpi.trend
    AS 'MODULE_PATHNAME', 'trend_accum_float8' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION kpi.trend_accum(kpi.trend, pg_catalog.float8, pg_catalog.date) RETURNS kpi.trend
    AS 'MODULE_PATHNAME', 'trend_accum_date' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION kpi.trend_accum(kpi.trend, pg_catalog.float8, pg_catalog.timestamptz) RETURNS kpi.trend
    AS 'MODULE_PATHNAME', 'trend_accum_timestamptz' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION kpi.trend_accum_inv(kpi.trend, pg_catalog.float8, pg_catalog.float8) RETURNS kpi.trend
    AS 'MODULE_PATHNAME', 'trend_accum_inv_float8' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION kpi.trend_accum_inv(kpi.trend, pg_catalog.float8, pg_catalog.date) RETURNS kpi.trend
    AS 'MODULE_PATHNAME', 'trend_accum_inv_date' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION kpi.trend_accum_inv(kpi.trend, pg_catalog.float8, pg_catalog.timestamptz) RETURNS kpi.trend
    AS 'MODULE_PATHNAME', 'trend_accum_inv_timestamptz' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION kpi.trend_combine(kpi.trend, kpi.trend) RETURNS kpi.trend
    AS 'MODULE_PATHNAME', 'trend_combine' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION kpi.trend_accum(kpi.trend, pg_catalog.float8, pg_catalog.float8) IS 'transition of kpi.trend(y, x float8): adds one point';
COMMENT ON FUNCTION kpi.trend_accum(kpi.trend, pg_catalog.float8, pg_catalog.date) IS 'transition of kpi.trend(y, x date): adds one point';
COMMENT ON FUNCTION kpi.trend_accum(kpi.trend, pg_catalog.float8, pg_catalog.timestamptz) IS 'transition of kpi.trend(y, x timestamptz): adds one point';
COMMENT ON FUNCTION kpi.trend_accum_inv(kpi.trend, pg_catalog.float8, pg_catalog.float8) IS 'inverse transition of kpi.trend(y, x float8): removes one point, or NULL to ask for a recomputation';
COMMENT ON FUNCTION kpi.trend_accum_inv(kpi.trend, pg_catalog.float8, pg_catalog.date) IS 'inverse transition of kpi.trend(y, x date): removes one point, or NULL to ask for a recomputation';
COMMENT ON FUNCTION kpi.trend_accum_inv(kpi.trend, pg_catalog.float8, pg_catalog.timestamptz) IS 'inverse transition of kpi.trend(y, x timestamptz): removes one point, or NULL to ask for a recomputation';
COMMENT ON FUNCTION kpi.trend_combine(kpi.trend, kpi.trend) IS 'merges two trend states over the same kind of x';

-- the aggregates; the initial state is an empty trend of the right x kind,
-- so a trend over no rows has n = 0 (and no slope)
CREATE AGGREGATE kpi.trend(y pg_catalog.float8, x pg_catalog.float8) (
    SFUNC = kpi.trend_accum, STYPE = kpi.trend,
    INITCOND = '(float8,n=0,x0=0,y0=0,xmax=0,mx=0,my=0,sxx=0,syy=0,sxy=0)',
    COMBINEFUNC = kpi.trend_combine,
    MSFUNC = kpi.trend_accum, MINVFUNC = kpi.trend_accum_inv, MSTYPE = kpi.trend,
    MINITCOND = '(float8,n=0,x0=0,y0=0,xmax=0,mx=0,my=0,sxx=0,syy=0,sxy=0)',
    PARALLEL = SAFE
);
CREATE AGGREGATE kpi.trend(y pg_catalog.float8, x pg_catalog.date) (
    SFUNC = kpi.trend_accum, STYPE = kpi.trend,
    INITCOND = '(date,n=0,x0=0,y0=0,xmax=0,mx=0,my=0,sxx=0,syy=0,sxy=0)',
    COMBINEFUNC = kpi.trend_combine,
    MSFUNC = kpi.trend_accum, MINVFUNC = kpi.trend_accum_inv, MSTYPE = kpi.trend,
    MINITCOND = '(date,n=0,x0=0,y0=0,xmax=0,mx=0,my=0,sxx=0,syy=0,sxy=0)',
    PARALLEL = SAFE
);
CREATE AGGREGATE kpi.trend(y pg_catalog.float8, x pg_catalog.timestamptz) (
    SFUNC = kpi.trend_accum, STYPE = kpi.trend,
    INITCOND = '(timestamptz,n=0,x0=0,y0=0,xmax=0,mx=0,my=0,sxx=0,syy=0,sxy=0)',
    COMBINEFUNC = kpi.trend_combine,
    MSFUNC = kpi.trend_accum, MINVFUNC = kpi.trend_accum_inv, MSTYPE = kpi.trend,
    MINITCOND = '(timestamptz,n=0,x0=0,y0=0,xmax=0,mx=0,my=0,sxx=0,syy=0,sxy=0)',
    PARALLEL = SAFE
);
COMMENT ON AGGREGATE kpi.trend(pg_catalog.float8, pg_catalog.float8) IS 'least-squares trend of y over numeric x, one pass; splittable (parallel, Citus); O(1) per row as a moving window';
COMMENT ON AGGREGATE kpi.trend(pg_catalog.float8, pg_catalog.date) IS 'least-squares trend of y over dates (x in days since 1970-01-01); splittable; O(1) per row as a moving window';
COMMENT ON AGGREGATE kpi.trend(pg_catalog.float8, pg_catalog.timestamptz) IS 'least-squares trend of y over time (x in days since 1970-01-01 UTC); splittable; O(1) per row as a moving window';

CREATE AGGREGATE kpi.rollup(kpi.trend) (
    SFUNC = kpi.trend_combine, STYPE = kpi.trend,
    COMBINEFUNC = kpi.trend_combine,
    PARALLEL = SAFE
);
COMMENT ON AGGREGATE kpi.rollup(kpi.trend) IS 'merges stored trend states into one, as if one pass had seen all their rows; all states must share the kind of x';

-- accessors
CREATE FUNCTION kpi.n(kpi.trend) RETURNS pg_catalog.int8
    AS 'MODULE_PATHNAME', 'trend_n' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION kpi.n(kpi.trend) IS 'number of points in the trend';
CREATE FUNCTION kpi.x_type(kpi.trend) RETURNS pg_catalog.text
    AS 'MODULE_PATHNAME', 'trend_x_type' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION kpi.x_type(kpi.trend) IS 'the type of x the trend was built from: float8, date or timestamptz';
CREATE FUNCTION kpi.slope(kpi.trend) RETURNS pg_catalog.float8
    AS 'MODULE_PATHNAME', 'trend_slope' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION kpi.slope(kpi.trend) IS 'least-squares slope per unit of x (per day for date/time trends); NULL without two distinct x (as regr_slope)';
CREATE FUNCTION kpi.slope(kpi.trend, per pg_catalog.interval) RETURNS pg_catalog.float8
    AS 'MODULE_PATHNAME', 'trend_slope_per' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION kpi.slope(kpi.trend, pg_catalog.interval) IS 'slope of a date/time trend per interval; a month is 365.2425/12 days, a day 24 hours';
CREATE FUNCTION kpi.slope_se(kpi.trend) RETURNS pg_catalog.float8
    AS 'MODULE_PATHNAME', 'trend_slope_se' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION kpi.slope_se(kpi.trend) IS 'standard error of the slope, sqrt(SSE/(n-2)/Sxx); NULL below 3 points';
CREATE FUNCTION kpi.slope_p(kpi.trend) RETURNS pg_catalog.float8
    AS 'MODULE_PATHNAME', 'trend_slope_p' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION kpi.slope_p(kpi.trend) IS 'two-sided p-value of the t test of slope = 0 (n-2 degrees of freedom); NULL below 3 points or for constant y';
CREATE FUNCTION kpi.intercept(kpi.trend) RETURNS pg_catalog.float8
    AS 'MODULE_PATHNAME', 'trend_intercept' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION kpi.intercept(kpi.trend) IS 'fitted y at x = 0 (at 1970-01-01 UTC for date/time trends), as regr_intercept';
CREATE FUNCTION kpi.r2(kpi.trend) RETURNS pg_catalog.float8
    AS 'MODULE_PATHNAME', 'trend_r2' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION kpi.r2(kpi.trend) IS 'coefficient of determination, as regr_r2 (1 for a constant y)';

CREATE FUNCTION kpi.predict(kpi.trend, x pg_catalog.float8) RETURNS pg_catalog.float8
    AS 'MODULE_PATHNAME', 'trend_predict_float8' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION kpi.predict(kpi.trend, x pg_catalog.date) RETURNS pg_catalog.float8
    AS 'MODULE_PATHNAME', 'trend_predict_date' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION kpi.predict(kpi.trend, x pg_catalog.timestamptz) RETURNS pg_catalog.float8
    AS 'MODULE_PATHNAME', 'trend_predict_timestamptz' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION kpi.predict(kpi.trend, pg_catalog.float8) IS 'the fitted line at x (a trend over float8 x)';
COMMENT ON FUNCTION kpi.predict(kpi.trend, pg_catalog.date) IS 'the fitted line at a date (midnight UTC), e.g. the year-end extrapolation';
COMMENT ON FUNCTION kpi.predict(kpi.trend, pg_catalog.timestamptz) IS 'the fitted line at a moment';

CREATE TYPE kpi.forecast_interval AS (estimate pg_catalog.float8, lower pg_catalog.float8, upper pg_catalog.float8);
COMMENT ON TYPE kpi.forecast_interval IS 'a forecast: the fitted value and the bounds of its prediction interval';

CREATE FUNCTION kpi.forecast(kpi.trend, x pg_catalog.float8, level pg_catalog.float8 DEFAULT 0.95)
    RETURNS kpi.forecast_interval
    AS 'MODULE_PATHNAME', 'trend_forecast_float8' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION kpi.forecast(kpi.trend, x pg_catalog.date, level pg_catalog.float8 DEFAULT 0.95)
    RETURNS kpi.forecast_interval
    AS 'MODULE_PATHNAME', 'trend_forecast_date' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION kpi.forecast(kpi.trend, x pg_catalog.timestamptz, level pg_catalog.float8 DEFAULT 0.95)
    RETURNS kpi.forecast_interval
    AS 'MODULE_PATHNAME', 'trend_forecast_timestamptz' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION kpi.forecast(kpi.trend, pg_catalog.float8, pg_catalog.float8) IS 'fitted value at x with the Student-t prediction interval for a new observation; bounds NULL below 3 points';
COMMENT ON FUNCTION kpi.forecast(kpi.trend, pg_catalog.date, pg_catalog.float8) IS 'fitted value at a date with the Student-t prediction interval for a new observation';
COMMENT ON FUNCTION kpi.forecast(kpi.trend, pg_catalog.timestamptz, pg_catalog.float8) IS 'fitted value at a moment with the Student-t prediction interval for a new observation';

CREATE FUNCTION kpi.reaches(kpi.trend, target pg_catalog.float8) RETURNS pg_catalog.float8
    AS 'MODULE_PATHNAME', 'trend_reaches' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION kpi.reaches(kpi.trend, pg_catalog.float8) IS 'the x at which the line reaches target, at or after the latest x; NULL when flat or moving away (it crossed before the latest x)';
CREATE FUNCTION kpi.reaches_at(kpi.trend, target pg_catalog.float8) RETURNS pg_catalog.timestamptz
    AS 'MODULE_PATHNAME', 'trend_reaches_at' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION kpi.reaches_at(kpi.trend, pg_catalog.float8) IS 'kpi.reaches as a moment, for date/time trends; infinity beyond the timestamp range';

-- Is the trend real?  Both need every point: the state is a kpi.state
-- {x1, y1, x2, y2, ...}.  Pairs are compared by x, so row order does not
-- matter and partial states combine by concatenation (kpi.state_cat):
-- parallel query and Citus can split these aggregates (the final step still
-- sees every point, O(n^2) pairs).  The state grows with the points: SSPACE
-- tells the planner what a group of some 120 points holds (2 KB), so that
-- hash aggregation over many groups plans and spills to stay within
-- work_mem (the default estimate for a varlena state is 32 bytes).
CREATE TYPE kpi.mann_kendall_result AS (s pg_catalog.int8, z pg_catalog.float8, p pg_catalog.float8);
COMMENT ON TYPE kpi.mann_kendall_result IS 'Mann-Kendall statistic S, its normal score z and two-sided p-value';
CREATE TYPE kpi.theil_sen_line AS (slope pg_catalog.float8, intercept pg_catalog.float8);
COMMENT ON TYPE kpi.theil_sen_line IS 'a Theil-Sen line: median pairwise slope and median intercept';

CREATE FUNCTION kpi.series_accum(kpi.state, pg_catalog.float8, pg_catalog.float8) RETURNS kpi.state
    AS 'MODULE_PATHNAME', 'series_accum_float8' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION kpi.series_accum(kpi.state, pg_catalog.float8, pg_catalog.date) RETURNS kpi.state
    AS 'MODULE_PATHNAME', 'series_accum_date' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION kpi.series_accum(kpi.state, pg_catalog.float8, pg_catalog.timestamptz) RETURNS kpi.state
    AS 'MODULE_PATHNAME', 'series_accum_timestamptz' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION kpi.mann_kendall_final(kpi.state) RETURNS kpi.mann_kendall_result
    AS 'MODULE_PATHNAME', 'mann_kendall_final' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION kpi.theil_sen_final(kpi.state) RETURNS kpi.theil_sen_line
    AS 'MODULE_PATHNAME', 'theil_sen_final' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION kpi.series_accum(kpi.state, pg_catalog.float8, pg_catalog.float8) IS 'transition of kpi.mann_kendall and kpi.theil_sen: collects (x, y)';
COMMENT ON FUNCTION kpi.series_accum(kpi.state, pg_catalog.float8, pg_catalog.date) IS 'transition of kpi.mann_kendall and kpi.theil_sen: collects (x, y)';
COMMENT ON FUNCTION kpi.series_accum(kpi.state, pg_catalog.float8, pg_catalog.timestamptz) IS 'transition of kpi.mann_kendall and kpi.theil_sen: collects (x, y)';
COMMENT ON FUNCTION kpi.mann_kendall_final(kpi.state) IS 'final function of kpi.mann_kendall';
COMMENT ON FUNCTION kpi.theil_sen_final(kpi.state) IS 'final function of kpi.theil_sen';

CREATE AGGREGATE kpi.mann_kendall(y pg_catalog.float8, x pg_catalog.float8) (
    SFUNC = kpi.series_accum, STYPE = kpi.state, FINALFUNC = kpi.mann_kendall_final,
    COMBINEFUNC = kpi.state_cat, SSPACE = 2048,
    PARALLEL = SAFE
);
CREATE AGGREGATE kpi.mann_kendall(y pg_catalog.float8, x pg_catalog.date) (
    SFUNC = kpi.series_accum, STYPE = kpi.state, FINALFUNC = kpi.mann_kendall_final,
    COMBINEFUNC = kpi.state_cat, SSPACE = 2048,
    PARALLEL = SAFE
);
CREATE AGGREGATE kpi.mann_kendall(y pg_catalog.float8, x pg_catalog.timestamptz) (
    SFUNC = kpi.series_accum, STYPE = kpi.state, FINALFUNC = kpi.mann_kendall_final,
    COMBINEFUNC = kpi.state_cat, SSPACE = 2048,
    PARALLEL = SAFE
);
COMMENT ON AGGREGATE kpi.mann_kendall(pg_catalog.float8, pg_catalog.float8) IS 'Mann-Kendall trend test, two-sided, tie-corrected variance, continuity correction; splittable (needs every point)';
COMMENT ON AGGREGATE kpi.mann_kendall(pg_catalog.float8, pg_catalog.date) IS 'Mann-Kendall trend test over dates; splittable';
COMMENT ON AGGREGATE kpi.mann_kendall(pg_catalog.float8, pg_catalog.timestamptz) IS 'Mann-Kendall trend test over time; splittable';

CREATE AGGREGATE kpi.theil_sen(y pg_catalog.float8, x pg_catalog.float8) (
    SFUNC = kpi.series_accum, STYPE = kpi.state, FINALFUNC = kpi.theil_sen_final,
    COMBINEFUNC = kpi.state_cat, SSPACE = 2048,
    PARALLEL = SAFE
);
CREATE AGGREGATE kpi.theil_sen(y pg_catalog.float8, x pg_catalog.date) (
    SFUNC = kpi.series_accum, STYPE = kpi.state, FINALFUNC = kpi.theil_sen_final,
    COMBINEFUNC = kpi.state_cat, SSPACE = 2048,
    PARALLEL = SAFE
);
CREATE AGGREGATE kpi.theil_sen(y pg_catalog.float8, x pg_catalog.timestamptz) (
    SFUNC = kpi.series_accum, STYPE = kpi.state, FINALFUNC = kpi.theil_sen_final,
    COMBINEFUNC = kpi.state_cat, SSPACE = 2048,
    PARALLEL = SAFE
);
COMMENT ON AGGREGATE kpi.theil_sen(pg_catalog.float8, pg_catalog.float8) IS 'Theil-Sen line: median of pairwise slopes, median intercept; at most 4472 points; splittable';
COMMENT ON AGGREGATE kpi.theil_sen(pg_catalog.float8, pg_catalog.date) IS 'Theil-Sen line over dates (slope per day, intercept at 1970-01-01); splittable';
COMMENT ON AGGREGATE kpi.theil_sen(pg_catalog.float8, pg_catalog.timestamptz) IS 'Theil-Sen line over time (slope per day, intercept at 1970-01-01 UTC); splittable';
