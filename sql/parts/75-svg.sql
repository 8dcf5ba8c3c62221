
--------------------------------------------------------------------------
-- 7b. Charts as SVG text (new in 0.2.0): a sparkline, a line chart with
--     target, trajectory, national and peer lines, an XmR chart as Making
--     Data Count draws it, a forecast chart, and the MDC icons.  The output
--     is ASCII, well-formed, self-contained SVG (no script, no external
--     reference, no id), the caller's text escaped; above max_points points
--     the line is downsampled with largest-triangle-three-buckets.
--------------------------------------------------------------------------

CREATE FUNCTION kpi.svg_sparkline(s kpi.series, width pg_catalog.int4 DEFAULT 120,
                                  height pg_catalog.int4 DEFAULT 24, title pg_catalog.text DEFAULT NULL,
                                  max_points pg_catalog.int4 DEFAULT 200)
    RETURNS pg_catalog.text
    AS 'MODULE_PATHNAME', 'kpi_svg_sparkline' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION kpi.svg_sparkline(kpi.series, pg_catalog.int4, pg_catalog.int4, pg_catalog.text, pg_catalog.int4)
    IS 'SVG sparkline of a series in period order, breaking at ghosted points and missing periods; NULL for a NULL series';

CREATE FUNCTION kpi.svg_sparkline_final(kpi.series) RETURNS pg_catalog.text
    AS 'MODULE_PATHNAME', 'kpi_svg_sparkline' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION kpi.svg_sparkline_final(kpi.series) IS 'final function of kpi.svg_sparkline(value, period): the SVG sparkline of the series at its default size';
-- the state grows with the rows: SSPACE as kpi.series's (some 120 points)
CREATE AGGREGATE kpi.svg_sparkline(value pg_catalog.float8, period pg_catalog.float8) (
    SFUNC = kpi.series_append, STYPE = kpi.series, FINALFUNC = kpi.svg_sparkline_final,
    COMBINEFUNC = kpi.series_combine, SSPACE = 2048, PARALLEL = SAFE
);
CREATE AGGREGATE kpi.svg_sparkline(value pg_catalog.float8, period pg_catalog.date) (
    SFUNC = kpi.series_append, STYPE = kpi.series, FINALFUNC = kpi.svg_sparkline_final,
    COMBINEFUNC = kpi.series_combine, SSPACE = 2048, PARALLEL = SAFE
);
CREATE AGGREGATE kpi.svg_sparkline(value pg_catalog.float8, period pg_catalog.timestamptz) (
    SFUNC = kpi.series_append, STYPE = kpi.series, FINALFUNC = kpi.svg_sparkline_final,
    COMBINEFUNC = kpi.series_combine, SSPACE = 2048, PARALLEL = SAFE
);
COMMENT ON AGGREGATE kpi.svg_sparkline(pg_catalog.float8, pg_catalog.float8) IS 'SVG sparkline (120 x 24) of the values in period order, whatever the row order; splittable';
COMMENT ON AGGREGATE kpi.svg_sparkline(pg_catalog.float8, pg_catalog.date) IS 'SVG sparkline (120 x 24) of the values in period order, whatever the row order; splittable';
COMMENT ON AGGREGATE kpi.svg_sparkline(pg_catalog.float8, pg_catalog.timestamptz) IS 'SVG sparkline (120 x 24) of the values in period order, whatever the row order; splittable';

CREATE FUNCTION kpi.svg_line(s kpi.series, title pg_catalog.text DEFAULT NULL, target pg_catalog.float8 DEFAULT NULL,
                             trajectory kpi.series DEFAULT NULL, national_value pg_catalog.float8 DEFAULT NULL,
                             peer_value pg_catalog.float8 DEFAULT NULL, width pg_catalog.int4 DEFAULT 480,
                             height pg_catalog.int4 DEFAULT 200, max_points pg_catalog.int4 DEFAULT 500)
    RETURNS pg_catalog.text
    AS 'MODULE_PATHNAME', 'kpi_svg_line' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION kpi.svg_line(kpi.series, pg_catalog.text, pg_catalog.float8, kpi.series, pg_catalog.float8, pg_catalog.float8, pg_catalog.int4, pg_catalog.int4, pg_catalog.int4)
    IS 'SVG line chart of a series in period order with optional target, trajectory (a series), national and peer lines; NULL for a NULL series';

CREATE FUNCTION kpi.svg_xmr(s kpi.series, polarity pg_catalog.text, title pg_catalog.text DEFAULT NULL,
                            target pg_catalog.float8 DEFAULT NULL, rebase pg_catalog.anyarray DEFAULT NULL,
                            width pg_catalog.int4 DEFAULT 480, height pg_catalog.int4 DEFAULT 200,
                            max_points pg_catalog.int4 DEFAULT 500, centre pg_catalog.text DEFAULT 'mean')
    RETURNS pg_catalog.text
    AS 'MODULE_PATHNAME', 'kpi_svg_xmr' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION kpi.svg_xmr(kpi.series, pg_catalog.text, pg_catalog.text, pg_catalog.float8, pg_catalog.anyarray, pg_catalog.int4, pg_catalog.int4, pg_catalog.int4, pg_catalog.text)
    IS 'SVG XmR chart as Making Data Count draws it: centre line, process limits per partition (rebases dotted), points coloured by variation (improvement blue, concern orange, neither purple, common cause grey), optional target; NULL for a NULL series';

CREATE FUNCTION kpi.svg_forecast(history kpi.series, forecast kpi.series, lower kpi.series DEFAULT NULL,
                                 upper kpi.series DEFAULT NULL, title pg_catalog.text DEFAULT NULL,
                                 target pg_catalog.float8 DEFAULT NULL, width pg_catalog.int4 DEFAULT 480,
                                 height pg_catalog.int4 DEFAULT 200, max_points pg_catalog.int4 DEFAULT 500,
                                 trajectory kpi.series DEFAULT NULL)
    RETURNS pg_catalog.text
    AS 'MODULE_PATHNAME', 'kpi_svg_forecast' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION kpi.svg_forecast(kpi.series, kpi.series, kpi.series, kpi.series, pg_catalog.text, pg_catalog.float8, pg_catalog.int4, pg_catalog.int4, pg_catalog.int4, kpi.series)
    IS 'SVG forecast chart: the history, the point forecast (dashed, from the last observed point), the prediction-interval band between lower and upper, optional target and trajectory; NULL for a NULL history';

CREATE FUNCTION kpi.svg_variation_icon(icon pg_catalog.text, size pg_catalog.int4 DEFAULT 32,
                                       title pg_catalog.text DEFAULT NULL)
    RETURNS pg_catalog.text
    AS 'MODULE_PATHNAME', 'kpi_svg_variation_icon' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION kpi.svg_variation_icon(pg_catalog.text, pg_catalog.int4, pg_catalog.text)
    IS 'SVG of a Making Data Count variation icon, as kpi.xmr_summary names it (common_cause, improvement_high, ...), drawn by kpi; NULL for NULL';

CREATE FUNCTION kpi.svg_assurance_icon(icon pg_catalog.text, size pg_catalog.int4 DEFAULT 32,
                                       title pg_catalog.text DEFAULT NULL)
    RETURNS pg_catalog.text
    AS 'MODULE_PATHNAME', 'kpi_svg_assurance_icon' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION kpi.svg_assurance_icon(pg_catalog.text, pg_catalog.int4, pg_catalog.text)
    IS 'SVG of a Making Data Count assurance icon (pass, fail, hit_or_miss), drawn by kpi; NULL for NULL';
