
--------------------------------------------------------------------------
-- 5d. kpi.sparkline and kpi.recent_trend by period: the same results as
--     the ordered forms, ordered by the period argument instead of by an
--     ORDER BY in the call (so a window's ORDER BY direction or the row
--     order cannot reverse them), and splittable
--------------------------------------------------------------------------

CREATE FUNCTION kpi.sparkline(s kpi.series) RETURNS pg_catalog.text
    AS 'MODULE_PATHNAME', 'sparkline_series' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION kpi.sparkline(kpi.series) IS 'sparkline of a series in period order; a space for a ghosted point';
CREATE FUNCTION kpi.sparkline_series_final(kpi.series) RETURNS pg_catalog.text
    AS 'MODULE_PATHNAME', 'sparkline_series' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION kpi.sparkline_series_final(kpi.series) IS 'final function of kpi.sparkline(value, period): draws the series in period order';

-- the states grow with the rows: SSPACE is what some 120 periods hold (16
-- bytes a point for sparkline, 4 values a row for recent_trend), so that hash
-- aggregation over many groups stays within work_mem (see 50-trend.sql)
CREATE AGGREGATE kpi.sparkline(value pg_catalog.float8, period pg_catalog.float8) (
    SFUNC = kpi.series_append, STYPE = kpi.series, FINALFUNC = kpi.sparkline_series_final,
    COMBINEFUNC = kpi.series_combine, SSPACE = 2048, PARALLEL = SAFE
);
CREATE AGGREGATE kpi.sparkline(value pg_catalog.float8, period pg_catalog.date) (
    SFUNC = kpi.series_append, STYPE = kpi.series, FINALFUNC = kpi.sparkline_series_final,
    COMBINEFUNC = kpi.series_combine, SSPACE = 2048, PARALLEL = SAFE
);
CREATE AGGREGATE kpi.sparkline(value pg_catalog.float8, period pg_catalog.timestamptz) (
    SFUNC = kpi.series_append, STYPE = kpi.series, FINALFUNC = kpi.sparkline_series_final,
    COMBINEFUNC = kpi.series_combine, SSPACE = 2048, PARALLEL = SAFE
);
COMMENT ON AGGREGATE kpi.sparkline(pg_catalog.float8, pg_catalog.float8) IS 'sparkline in period order, whatever the row order (a period twice is an error); a space for NULL; splittable';
COMMENT ON AGGREGATE kpi.sparkline(pg_catalog.float8, pg_catalog.date) IS 'sparkline in period order, whatever the row order (a period twice is an error); a space for NULL; splittable';
COMMENT ON AGGREGATE kpi.sparkline(pg_catalog.float8, pg_catalog.timestamptz) IS 'sparkline in period order, whatever the row order (a period twice is an error); a space for NULL; splittable';

-- recent trend: the state keeps every row as {period, a, b, c}; a NULL a, b
-- or c is kept (as NaN): a suppressed point ends Fingertips' run of valid
-- points, so the transition functions are not strict
CREATE FUNCTION kpi.recent_trend_period_accum(kpi.state, pg_catalog.float8, pg_catalog.float8, pg_catalog.float8, pg_catalog.float8)
    RETURNS kpi.state AS 'MODULE_PATHNAME', 'recent_trend_period_accum' LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE;
CREATE FUNCTION kpi.recent_trend_period_accum(kpi.state, pg_catalog.float8, pg_catalog.float8, pg_catalog.float8, pg_catalog.date)
    RETURNS kpi.state AS 'MODULE_PATHNAME', 'recent_trend_period_accum' LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE;
CREATE FUNCTION kpi.recent_trend_period_accum(kpi.state, pg_catalog.float8, pg_catalog.float8, pg_catalog.float8, pg_catalog.timestamptz)
    RETURNS kpi.state AS 'MODULE_PATHNAME', 'recent_trend_period_accum' LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE;
CREATE FUNCTION kpi.recent_trend_period_accum(kpi.state, pg_catalog.float8, pg_catalog.float8, pg_catalog.date)
    RETURNS kpi.state AS 'MODULE_PATHNAME', 'recent_trend_period_accum' LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE;
CREATE FUNCTION kpi.recent_trend_period_accum(kpi.state, pg_catalog.float8, pg_catalog.float8, pg_catalog.timestamptz)
    RETURNS kpi.state AS 'MODULE_PATHNAME', 'recent_trend_period_accum' LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE;
COMMENT ON FUNCTION kpi.recent_trend_period_accum(kpi.state, pg_catalog.float8, pg_catalog.float8, pg_catalog.float8, pg_catalog.float8) IS 'transition of kpi.recent_trend(value, lower, upper, period): keeps the row';
COMMENT ON FUNCTION kpi.recent_trend_period_accum(kpi.state, pg_catalog.float8, pg_catalog.float8, pg_catalog.float8, pg_catalog.date) IS 'transition of kpi.recent_trend(value, lower, upper, period): keeps the row';
COMMENT ON FUNCTION kpi.recent_trend_period_accum(kpi.state, pg_catalog.float8, pg_catalog.float8, pg_catalog.float8, pg_catalog.timestamptz) IS 'transition of kpi.recent_trend(value, lower, upper, period): keeps the row';
COMMENT ON FUNCTION kpi.recent_trend_period_accum(kpi.state, pg_catalog.float8, pg_catalog.float8, pg_catalog.date) IS 'transition of kpi.recent_trend(events, denominator, period): keeps the row';
COMMENT ON FUNCTION kpi.recent_trend_period_accum(kpi.state, pg_catalog.float8, pg_catalog.float8, pg_catalog.timestamptz) IS 'transition of kpi.recent_trend(events, denominator, period): keeps the row';

CREATE FUNCTION kpi.recent_trend_period_final_float8(kpi.state) RETURNS pg_catalog.text
    AS 'MODULE_PATHNAME', 'recent_trend_period_final_float8' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION kpi.recent_trend_period_final_date(kpi.state) RETURNS pg_catalog.text
    AS 'MODULE_PATHNAME', 'recent_trend_period_final_date' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION kpi.recent_trend_period_final_timestamptz(kpi.state) RETURNS pg_catalog.text
    AS 'MODULE_PATHNAME', 'recent_trend_period_final_timestamptz' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION kpi.recent_trend_prop_period_final_date(kpi.state) RETURNS pg_catalog.text
    AS 'MODULE_PATHNAME', 'recent_trend_prop_period_final_date' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION kpi.recent_trend_prop_period_final_timestamptz(kpi.state) RETURNS pg_catalog.text
    AS 'MODULE_PATHNAME', 'recent_trend_prop_period_final_timestamptz' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION kpi.recent_trend_period_final_float8(kpi.state) IS 'final function of kpi.recent_trend(value, lower, upper, period float8)';
COMMENT ON FUNCTION kpi.recent_trend_period_final_date(kpi.state) IS 'final function of kpi.recent_trend(value, lower, upper, period date)';
COMMENT ON FUNCTION kpi.recent_trend_period_final_timestamptz(kpi.state) IS 'final function of kpi.recent_trend(value, lower, upper, period timestamptz)';
COMMENT ON FUNCTION kpi.recent_trend_prop_period_final_date(kpi.state) IS 'final function of kpi.recent_trend(events, denominator, period date)';
COMMENT ON FUNCTION kpi.recent_trend_prop_period_final_timestamptz(kpi.state) IS 'final function of kpi.recent_trend(events, denominator, period timestamptz)';

CREATE AGGREGATE kpi.recent_trend(value pg_catalog.float8, lower pg_catalog.float8, upper pg_catalog.float8, period pg_catalog.float8) (
    SFUNC = kpi.recent_trend_period_accum, STYPE = kpi.state, INITCOND = '{}',
    FINALFUNC = kpi.recent_trend_period_final_float8, COMBINEFUNC = kpi.state_cat, SSPACE = 4096, PARALLEL = SAFE
);
CREATE AGGREGATE kpi.recent_trend(value pg_catalog.float8, lower pg_catalog.float8, upper pg_catalog.float8, period pg_catalog.date) (
    SFUNC = kpi.recent_trend_period_accum, STYPE = kpi.state, INITCOND = '{}',
    FINALFUNC = kpi.recent_trend_period_final_date, COMBINEFUNC = kpi.state_cat, SSPACE = 4096, PARALLEL = SAFE
);
CREATE AGGREGATE kpi.recent_trend(value pg_catalog.float8, lower pg_catalog.float8, upper pg_catalog.float8, period pg_catalog.timestamptz) (
    SFUNC = kpi.recent_trend_period_accum, STYPE = kpi.state, INITCOND = '{}',
    FINALFUNC = kpi.recent_trend_period_final_timestamptz, COMBINEFUNC = kpi.state_cat, SSPACE = 4096, PARALLEL = SAFE
);
CREATE AGGREGATE kpi.recent_trend(events pg_catalog.float8, denominator pg_catalog.float8, period pg_catalog.date) (
    SFUNC = kpi.recent_trend_period_accum, STYPE = kpi.state, INITCOND = '{}',
    FINALFUNC = kpi.recent_trend_prop_period_final_date, COMBINEFUNC = kpi.state_cat, SSPACE = 4096, PARALLEL = SAFE
);
CREATE AGGREGATE kpi.recent_trend(events pg_catalog.float8, denominator pg_catalog.float8, period pg_catalog.timestamptz) (
    SFUNC = kpi.recent_trend_period_accum, STYPE = kpi.state, INITCOND = '{}',
    FINALFUNC = kpi.recent_trend_prop_period_final_timestamptz, COMBINEFUNC = kpi.state_cat, SSPACE = 4096, PARALLEL = SAFE
);
COMMENT ON AGGREGATE kpi.recent_trend(pg_catalog.float8, pg_catalog.float8, pg_catalog.float8, pg_catalog.float8) IS 'Fingertips recent trend of the five latest periods, weighted by their 95% intervals, ordered by period whatever the row order; splittable';
COMMENT ON AGGREGATE kpi.recent_trend(pg_catalog.float8, pg_catalog.float8, pg_catalog.float8, pg_catalog.date) IS 'Fingertips recent trend of the five latest periods, weighted by their 95% intervals, ordered by period whatever the row order; splittable';
COMMENT ON AGGREGATE kpi.recent_trend(pg_catalog.float8, pg_catalog.float8, pg_catalog.float8, pg_catalog.timestamptz) IS 'Fingertips recent trend of the five latest periods, weighted by their 95% intervals, ordered by period whatever the row order; splittable';
COMMENT ON AGGREGATE kpi.recent_trend(pg_catalog.float8, pg_catalog.float8, pg_catalog.date) IS 'Fingertips recent trend of the five latest proportions, Cochran-Armitage test, ordered by period whatever the row order; splittable';
COMMENT ON AGGREGATE kpi.recent_trend(pg_catalog.float8, pg_catalog.float8, pg_catalog.timestamptz) IS 'Fingertips recent trend of the five latest proportions, Cochran-Armitage test, ordered by period whatever the row order; splittable';
