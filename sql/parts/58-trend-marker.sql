
--------------------------------------------------------------------------
-- 5e. kpi.recent_trend with a polarity: Fingertips' trend marker and its
--     labels (TrendMarkerLabelProvider): "Increasing and getting better",
--     "Decreasing and getting worse" (higher is better; lower swaps them),
--     "Increasing" / "Decreasing" (none), "No significant change",
--     "Cannot be calculated".  The rules are the period forms' (57): the
--     five most recent points must be valid and consecutive periods.
--------------------------------------------------------------------------

-- the state keeps every row as {period, a, b, c, 10 * kind + polarity}
CREATE FUNCTION kpi.recent_trend_marker_accum(kpi.state, pg_catalog.float8, pg_catalog.float8, pg_catalog.float8, pg_catalog.float8, pg_catalog.text)
    RETURNS kpi.state AS 'MODULE_PATHNAME', 'recent_trend_marker_accum' LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE;
CREATE FUNCTION kpi.recent_trend_marker_accum(kpi.state, pg_catalog.float8, pg_catalog.float8, pg_catalog.float8, pg_catalog.date, pg_catalog.text)
    RETURNS kpi.state AS 'MODULE_PATHNAME', 'recent_trend_marker_accum' LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE;
CREATE FUNCTION kpi.recent_trend_marker_accum(kpi.state, pg_catalog.float8, pg_catalog.float8, pg_catalog.float8, pg_catalog.timestamptz, pg_catalog.text)
    RETURNS kpi.state AS 'MODULE_PATHNAME', 'recent_trend_marker_accum' LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE;
CREATE FUNCTION kpi.recent_trend_marker_accum(kpi.state, pg_catalog.float8, pg_catalog.float8, pg_catalog.float8, pg_catalog.text)
    RETURNS kpi.state AS 'MODULE_PATHNAME', 'recent_trend_marker_accum' LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE;
CREATE FUNCTION kpi.recent_trend_marker_accum(kpi.state, pg_catalog.float8, pg_catalog.float8, pg_catalog.date, pg_catalog.text)
    RETURNS kpi.state AS 'MODULE_PATHNAME', 'recent_trend_marker_accum' LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE;
CREATE FUNCTION kpi.recent_trend_marker_accum(kpi.state, pg_catalog.float8, pg_catalog.float8, pg_catalog.timestamptz, pg_catalog.text)
    RETURNS kpi.state AS 'MODULE_PATHNAME', 'recent_trend_marker_accum' LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE;
COMMENT ON FUNCTION kpi.recent_trend_marker_accum(kpi.state, pg_catalog.float8, pg_catalog.float8, pg_catalog.float8, pg_catalog.float8, pg_catalog.text) IS 'transition of kpi.recent_trend(value, lower, upper, period, polarity): keeps the row';
COMMENT ON FUNCTION kpi.recent_trend_marker_accum(kpi.state, pg_catalog.float8, pg_catalog.float8, pg_catalog.float8, pg_catalog.date, pg_catalog.text) IS 'transition of kpi.recent_trend(value, lower, upper, period, polarity): keeps the row';
COMMENT ON FUNCTION kpi.recent_trend_marker_accum(kpi.state, pg_catalog.float8, pg_catalog.float8, pg_catalog.float8, pg_catalog.timestamptz, pg_catalog.text) IS 'transition of kpi.recent_trend(value, lower, upper, period, polarity): keeps the row';
COMMENT ON FUNCTION kpi.recent_trend_marker_accum(kpi.state, pg_catalog.float8, pg_catalog.float8, pg_catalog.float8, pg_catalog.text) IS 'transition of kpi.recent_trend(events, denominator, period, polarity): keeps the row';
COMMENT ON FUNCTION kpi.recent_trend_marker_accum(kpi.state, pg_catalog.float8, pg_catalog.float8, pg_catalog.date, pg_catalog.text) IS 'transition of kpi.recent_trend(events, denominator, period, polarity): keeps the row';
COMMENT ON FUNCTION kpi.recent_trend_marker_accum(kpi.state, pg_catalog.float8, pg_catalog.float8, pg_catalog.timestamptz, pg_catalog.text) IS 'transition of kpi.recent_trend(events, denominator, period, polarity): keeps the row';

CREATE FUNCTION kpi.recent_trend_marker_final(kpi.state) RETURNS pg_catalog.text
    AS 'MODULE_PATHNAME', 'recent_trend_marker_final' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION kpi.recent_trend_marker_prop_final(kpi.state) RETURNS pg_catalog.text
    AS 'MODULE_PATHNAME', 'recent_trend_marker_prop_final' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION kpi.recent_trend_marker_final(kpi.state) IS 'final function of kpi.recent_trend(value, lower, upper, period, polarity)';
COMMENT ON FUNCTION kpi.recent_trend_marker_prop_final(kpi.state) IS 'final function of kpi.recent_trend(events, denominator, period, polarity)';

CREATE AGGREGATE kpi.recent_trend(value pg_catalog.float8, lower pg_catalog.float8, upper pg_catalog.float8, period pg_catalog.float8, polarity pg_catalog.text) (
    SFUNC = kpi.recent_trend_marker_accum, STYPE = kpi.state, INITCOND = '{}',
    FINALFUNC = kpi.recent_trend_marker_final, COMBINEFUNC = kpi.state_cat, SSPACE = 5120, PARALLEL = SAFE
);
CREATE AGGREGATE kpi.recent_trend(value pg_catalog.float8, lower pg_catalog.float8, upper pg_catalog.float8, period pg_catalog.date, polarity pg_catalog.text) (
    SFUNC = kpi.recent_trend_marker_accum, STYPE = kpi.state, INITCOND = '{}',
    FINALFUNC = kpi.recent_trend_marker_final, COMBINEFUNC = kpi.state_cat, SSPACE = 5120, PARALLEL = SAFE
);
CREATE AGGREGATE kpi.recent_trend(value pg_catalog.float8, lower pg_catalog.float8, upper pg_catalog.float8, period pg_catalog.timestamptz, polarity pg_catalog.text) (
    SFUNC = kpi.recent_trend_marker_accum, STYPE = kpi.state, INITCOND = '{}',
    FINALFUNC = kpi.recent_trend_marker_final, COMBINEFUNC = kpi.state_cat, SSPACE = 5120, PARALLEL = SAFE
);
CREATE AGGREGATE kpi.recent_trend(events pg_catalog.float8, denominator pg_catalog.float8, period pg_catalog.float8, polarity pg_catalog.text) (
    SFUNC = kpi.recent_trend_marker_accum, STYPE = kpi.state, INITCOND = '{}',
    FINALFUNC = kpi.recent_trend_marker_prop_final, COMBINEFUNC = kpi.state_cat, SSPACE = 5120, PARALLEL = SAFE
);
CREATE AGGREGATE kpi.recent_trend(events pg_catalog.float8, denominator pg_catalog.float8, period pg_catalog.date, polarity pg_catalog.text) (
    SFUNC = kpi.recent_trend_marker_accum, STYPE = kpi.state, INITCOND = '{}',
    FINALFUNC = kpi.recent_trend_marker_prop_final, COMBINEFUNC = kpi.state_cat, SSPACE = 5120, PARALLEL = SAFE
);
CREATE AGGREGATE kpi.recent_trend(events pg_catalog.float8, denominator pg_catalog.float8, period pg_catalog.timestamptz, polarity pg_catalog.text) (
    SFUNC = kpi.recent_trend_marker_accum, STYPE = kpi.state, INITCOND = '{}',
    FINALFUNC = kpi.recent_trend_marker_prop_final, COMBINEFUNC = kpi.state_cat, SSPACE = 5120, PARALLEL = SAFE
);
COMMENT ON AGGREGATE kpi.recent_trend(pg_catalog.float8, pg_catalog.float8, pg_catalog.float8, pg_catalog.float8, pg_catalog.text) IS 'Fingertips trend marker of the five latest consecutive periods (95% intervals), in Fingertips'' words for the polarity; splittable';
COMMENT ON AGGREGATE kpi.recent_trend(pg_catalog.float8, pg_catalog.float8, pg_catalog.float8, pg_catalog.date, pg_catalog.text) IS 'Fingertips trend marker of the five latest consecutive periods (95% intervals), in Fingertips'' words for the polarity; splittable';
COMMENT ON AGGREGATE kpi.recent_trend(pg_catalog.float8, pg_catalog.float8, pg_catalog.float8, pg_catalog.timestamptz, pg_catalog.text) IS 'Fingertips trend marker of the five latest consecutive periods (95% intervals), in Fingertips'' words for the polarity; splittable';
COMMENT ON AGGREGATE kpi.recent_trend(pg_catalog.float8, pg_catalog.float8, pg_catalog.float8, pg_catalog.text) IS 'Fingertips trend marker of the five latest consecutive proportions (Cochran-Armitage), in Fingertips'' words for the polarity; splittable';
COMMENT ON AGGREGATE kpi.recent_trend(pg_catalog.float8, pg_catalog.float8, pg_catalog.date, pg_catalog.text) IS 'Fingertips trend marker of the five latest consecutive proportions (Cochran-Armitage), in Fingertips'' words for the polarity; splittable';
COMMENT ON AGGREGATE kpi.recent_trend(pg_catalog.float8, pg_catalog.float8, pg_catalog.timestamptz, pg_catalog.text) IS 'Fingertips trend marker of the five latest consecutive proportions (Cochran-Armitage), in Fingertips'' words for the polarity; splittable';
