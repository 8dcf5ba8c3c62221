
--------------------------------------------------------------------------
-- 5c. Statistical process control as NHS England's Making Data Count
--     defines it: XmR charts, the four special-cause rules, the variation
--     and assurance icons
--------------------------------------------------------------------------

CREATE TYPE kpi.xmr_point AS (
    partition pg_catalog.int4,
    ghosted pg_catalog.bool,
    centre pg_catalog.float8,
    lower_limit pg_catalog.float8,
    upper_limit pg_catalog.float8,
    lower_2sigma pg_catalog.float8,
    upper_2sigma pg_catalog.float8,
    lower_1sigma pg_catalog.float8,
    upper_1sigma pg_catalog.float8,
    moving_range pg_catalog.float8,
    mr_mean pg_catalog.float8,
    mr_upper_limit pg_catalog.float8,
    mr_above pg_catalog.bool,
    beyond_limits pg_catalog.bool,
    shift pg_catalog.bool,
    trend pg_catalog.bool,
    two_of_three pg_catalog.bool,
    special_cause pg_catalog.bool,
    variation pg_catalog.text
);
COMMENT ON TYPE kpi.xmr_point IS 'one point of an XmR chart: partition, centre, process limits, 2-sigma and 1-sigma lines, moving range, the four rules, special cause and its variation (improvement, concern, neither_high, neither_low, common_cause)';

CREATE TYPE kpi.xmr_summary AS (
    points pg_catalog.int4,
    ghosted pg_catalog.int4,
    partitions pg_catalog.int4,
    latest pg_catalog.float8,
    centre pg_catalog.float8,
    lower_limit pg_catalog.float8,
    upper_limit pg_catalog.float8,
    mr_mean pg_catalog.float8,
    special_cause pg_catalog.bool,
    variation pg_catalog.text,
    assurance pg_catalog.text,
    last_special_cause pg_catalog.text,
    points_since_special_cause pg_catalog.int4,
    improvement pg_catalog.int4,
    concern pg_catalog.int4
);
COMMENT ON TYPE kpi.xmr_summary IS 'an XmR chart in one row for a board table: the variation and assurance icons (named as NHS England''s icon files), the latest limits, the last special cause';

CREATE FUNCTION kpi.xmr(value pg_catalog.float8, period pg_catalog.float8, polarity pg_catalog.text,
                        rebase pg_catalog.anyarray DEFAULT NULL, baseline pg_catalog.int4 DEFAULT NULL,
                        centre pg_catalog.text DEFAULT 'mean', screening pg_catalog.text DEFAULT 'none',
                        shift_n pg_catalog.int4 DEFAULT 7, trend_n pg_catalog.int4 DEFAULT 7,
                        conflict pg_catalog.text DEFAULT 'improvement')
    RETURNS kpi.xmr_point
    AS 'MODULE_PATHNAME', 'kpi_xmr_window' LANGUAGE C WINDOW IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION kpi.xmr(value pg_catalog.float8, period pg_catalog.date, polarity pg_catalog.text,
                        rebase pg_catalog.anyarray DEFAULT NULL, baseline pg_catalog.int4 DEFAULT NULL,
                        centre pg_catalog.text DEFAULT 'mean', screening pg_catalog.text DEFAULT 'none',
                        shift_n pg_catalog.int4 DEFAULT 7, trend_n pg_catalog.int4 DEFAULT 7,
                        conflict pg_catalog.text DEFAULT 'improvement')
    RETURNS kpi.xmr_point
    AS 'MODULE_PATHNAME', 'kpi_xmr_window' LANGUAGE C WINDOW IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION kpi.xmr(value pg_catalog.float8, period pg_catalog.timestamptz, polarity pg_catalog.text,
                        rebase pg_catalog.anyarray DEFAULT NULL, baseline pg_catalog.int4 DEFAULT NULL,
                        centre pg_catalog.text DEFAULT 'mean', screening pg_catalog.text DEFAULT 'none',
                        shift_n pg_catalog.int4 DEFAULT 7, trend_n pg_catalog.int4 DEFAULT 7,
                        conflict pg_catalog.text DEFAULT 'improvement')
    RETURNS kpi.xmr_point
    AS 'MODULE_PATHNAME', 'kpi_xmr_window' LANGUAGE C WINDOW IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION kpi.xmr(pg_catalog.float8, pg_catalog.float8, pg_catalog.text, pg_catalog.anyarray, pg_catalog.int4, pg_catalog.text, pg_catalog.text, pg_catalog.int4, pg_catalog.int4, pg_catalog.text)
    IS 'window function: this row''s point of the XmR chart of its partition, ordered by period (not by the window''s ORDER BY); a NULL value is ghosted';
COMMENT ON FUNCTION kpi.xmr(pg_catalog.float8, pg_catalog.date, pg_catalog.text, pg_catalog.anyarray, pg_catalog.int4, pg_catalog.text, pg_catalog.text, pg_catalog.int4, pg_catalog.int4, pg_catalog.text)
    IS 'window function: this row''s point of the XmR chart of its partition, ordered by period (not by the window''s ORDER BY); a NULL value is ghosted';
COMMENT ON FUNCTION kpi.xmr(pg_catalog.float8, pg_catalog.timestamptz, pg_catalog.text, pg_catalog.anyarray, pg_catalog.int4, pg_catalog.text, pg_catalog.text, pg_catalog.int4, pg_catalog.int4, pg_catalog.text)
    IS 'window function: this row''s point of the XmR chart of its partition, ordered by period (not by the window''s ORDER BY); a NULL value is ghosted';

CREATE FUNCTION kpi.xmr_summary(s kpi.series, polarity pg_catalog.text, target pg_catalog.float8 DEFAULT NULL,
                                rebase pg_catalog.anyarray DEFAULT NULL, baseline pg_catalog.int4 DEFAULT NULL,
                                centre pg_catalog.text DEFAULT 'mean', screening pg_catalog.text DEFAULT 'none',
                                shift_n pg_catalog.int4 DEFAULT 7, trend_n pg_catalog.int4 DEFAULT 7,
                                conflict pg_catalog.text DEFAULT 'improvement', min_points pg_catalog.int4 DEFAULT 15)
    RETURNS kpi.xmr_summary
    AS 'MODULE_PATHNAME', 'kpi_xmr_summary' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION kpi.xmr_summary(kpi.series, pg_catalog.text, pg_catalog.float8, pg_catalog.anyarray, pg_catalog.int4, pg_catalog.text, pg_catalog.text, pg_catalog.int4, pg_catalog.int4, pg_catalog.text, pg_catalog.int4)
    IS 'an XmR chart in one row: variation icon (from the latest point) and assurance icon (target against the latest limits), NULL below min_points';

CREATE FUNCTION kpi.xmr_points(s kpi.series, polarity pg_catalog.text,
                               rebase pg_catalog.anyarray DEFAULT NULL, baseline pg_catalog.int4 DEFAULT NULL,
                               centre pg_catalog.text DEFAULT 'mean', screening pg_catalog.text DEFAULT 'none',
                               shift_n pg_catalog.int4 DEFAULT 7, trend_n pg_catalog.int4 DEFAULT 7,
                               conflict pg_catalog.text DEFAULT 'improvement')
    RETURNS TABLE (period pg_catalog.text, value pg_catalog.float8,
                   partition pg_catalog.int4, ghosted pg_catalog.bool, centre pg_catalog.float8,
                   lower_limit pg_catalog.float8, upper_limit pg_catalog.float8,
                   lower_2sigma pg_catalog.float8, upper_2sigma pg_catalog.float8,
                   lower_1sigma pg_catalog.float8, upper_1sigma pg_catalog.float8,
                   moving_range pg_catalog.float8, mr_mean pg_catalog.float8, mr_upper_limit pg_catalog.float8,
                   mr_above pg_catalog.bool, beyond_limits pg_catalog.bool, shift pg_catalog.bool,
                   trend pg_catalog.bool, two_of_three pg_catalog.bool, special_cause pg_catalog.bool,
                   variation pg_catalog.text)
    AS 'MODULE_PATHNAME', 'kpi_xmr_points' LANGUAGE C IMMUTABLE PARALLEL SAFE ROWS 36;
COMMENT ON FUNCTION kpi.xmr_points(kpi.series, pg_catalog.text, pg_catalog.anyarray, pg_catalog.int4, pg_catalog.text, pg_catalog.text, pg_catalog.int4, pg_catalog.int4, pg_catalog.text)
    IS 'the XmR chart of a series, one row per point in period order: its period (as text), its value (NULL when ghosted) and the columns of kpi.xmr_point, as kpi.xmr gives them';

-- The other charts: T and G as MDC's SPC SQL defines them, P and U as
-- PowerBI-SPC does; window functions ordered by the period, like kpi.xmr
CREATE TYPE kpi.spc_point AS (
    value pg_catalog.float8,
    centre pg_catalog.float8,
    lower_limit pg_catalog.float8,
    upper_limit pg_catalog.float8,
    lower_2sigma pg_catalog.float8,
    upper_2sigma pg_catalog.float8,
    beyond_limits pg_catalog.bool,
    shift pg_catalog.bool,
    trend pg_catalog.bool,
    two_of_three pg_catalog.bool,
    special_cause pg_catalog.bool,
    variation pg_catalog.text
);
COMMENT ON TYPE kpi.spc_point IS 'one point of a T, G, P or U chart: the charted value, its centre, limits and 2-sigma lines, the four rules and the variation';

CREATE FUNCTION kpi.t_chart(event_at pg_catalog.date, polarity pg_catalog.text DEFAULT 'higher', screening pg_catalog.text DEFAULT 'none', rebase pg_catalog.anyarray DEFAULT NULL) RETURNS kpi.spc_point
    AS 'MODULE_PATHNAME', 'kpi_t_chart' LANGUAGE C WINDOW IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION kpi.t_chart(event_at pg_catalog.timestamptz, polarity pg_catalog.text DEFAULT 'higher', screening pg_catalog.text DEFAULT 'none', rebase pg_catalog.anyarray DEFAULT NULL) RETURNS kpi.spc_point
    AS 'MODULE_PATHNAME', 'kpi_t_chart' LANGUAGE C WINDOW IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION kpi.t_chart(days pg_catalog.float8, period pg_catalog.float8, polarity pg_catalog.text DEFAULT 'higher', screening pg_catalog.text DEFAULT 'none', rebase pg_catalog.anyarray DEFAULT NULL) RETURNS kpi.spc_point
    AS 'MODULE_PATHNAME', 'kpi_t_chart' LANGUAGE C WINDOW IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION kpi.t_chart(days pg_catalog.float8, period pg_catalog.date, polarity pg_catalog.text DEFAULT 'higher', screening pg_catalog.text DEFAULT 'none', rebase pg_catalog.anyarray DEFAULT NULL) RETURNS kpi.spc_point
    AS 'MODULE_PATHNAME', 'kpi_t_chart' LANGUAGE C WINDOW IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION kpi.t_chart(days pg_catalog.float8, period pg_catalog.timestamptz, polarity pg_catalog.text DEFAULT 'higher', screening pg_catalog.text DEFAULT 'none', rebase pg_catalog.anyarray DEFAULT NULL) RETURNS kpi.spc_point
    AS 'MODULE_PATHNAME', 'kpi_t_chart' LANGUAGE C WINDOW IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION kpi.t_chart(pg_catalog.date, pg_catalog.text, pg_catalog.text, pg_catalog.anyarray) IS 'window function: T chart (MDC) of the days between events: XmR of days^(1/3.6), lines back-transformed';
COMMENT ON FUNCTION kpi.t_chart(pg_catalog.timestamptz, pg_catalog.text, pg_catalog.text, pg_catalog.anyarray) IS 'window function: T chart (MDC) of the days between events: XmR of days^(1/3.6), lines back-transformed';
COMMENT ON FUNCTION kpi.t_chart(pg_catalog.float8, pg_catalog.float8, pg_catalog.text, pg_catalog.text, pg_catalog.anyarray) IS 'window function: T chart of given times between events, in period order';
COMMENT ON FUNCTION kpi.t_chart(pg_catalog.float8, pg_catalog.date, pg_catalog.text, pg_catalog.text, pg_catalog.anyarray) IS 'window function: T chart of given times between events, in period order';
COMMENT ON FUNCTION kpi.t_chart(pg_catalog.float8, pg_catalog.timestamptz, pg_catalog.text, pg_catalog.text, pg_catalog.anyarray) IS 'window function: T chart of given times between events, in period order';

CREATE FUNCTION kpi.g_chart(cases pg_catalog.float8, period pg_catalog.float8, polarity pg_catalog.text DEFAULT 'higher', rebase pg_catalog.anyarray DEFAULT NULL) RETURNS kpi.spc_point
    AS 'MODULE_PATHNAME', 'kpi_g_chart' LANGUAGE C WINDOW IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION kpi.g_chart(cases pg_catalog.float8, period pg_catalog.date, polarity pg_catalog.text DEFAULT 'higher', rebase pg_catalog.anyarray DEFAULT NULL) RETURNS kpi.spc_point
    AS 'MODULE_PATHNAME', 'kpi_g_chart' LANGUAGE C WINDOW IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION kpi.g_chart(cases pg_catalog.float8, period pg_catalog.timestamptz, polarity pg_catalog.text DEFAULT 'higher', rebase pg_catalog.anyarray DEFAULT NULL) RETURNS kpi.spc_point
    AS 'MODULE_PATHNAME', 'kpi_g_chart' LANGUAGE C WINDOW IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION kpi.g_chart(pg_catalog.float8, pg_catalog.float8, pg_catalog.text, pg_catalog.anyarray) IS 'window function: G chart (MDC) of the cases between events: upper limit g + 3 sqrt(g(g+1)), centre 0.693 g';
COMMENT ON FUNCTION kpi.g_chart(pg_catalog.float8, pg_catalog.date, pg_catalog.text, pg_catalog.anyarray) IS 'window function: G chart (MDC) of the cases between events: upper limit g + 3 sqrt(g(g+1)), centre 0.693 g';
COMMENT ON FUNCTION kpi.g_chart(pg_catalog.float8, pg_catalog.timestamptz, pg_catalog.text, pg_catalog.anyarray) IS 'window function: G chart (MDC) of the cases between events: upper limit g + 3 sqrt(g(g+1)), centre 0.693 g';

CREATE FUNCTION kpi.p_chart(events pg_catalog.float8, denominator pg_catalog.float8, period pg_catalog.float8, polarity pg_catalog.text, rebase pg_catalog.anyarray DEFAULT NULL) RETURNS kpi.spc_point
    AS 'MODULE_PATHNAME', 'kpi_p_chart' LANGUAGE C WINDOW IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION kpi.p_chart(events pg_catalog.float8, denominator pg_catalog.float8, period pg_catalog.date, polarity pg_catalog.text, rebase pg_catalog.anyarray DEFAULT NULL) RETURNS kpi.spc_point
    AS 'MODULE_PATHNAME', 'kpi_p_chart' LANGUAGE C WINDOW IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION kpi.p_chart(events pg_catalog.float8, denominator pg_catalog.float8, period pg_catalog.timestamptz, polarity pg_catalog.text, rebase pg_catalog.anyarray DEFAULT NULL) RETURNS kpi.spc_point
    AS 'MODULE_PATHNAME', 'kpi_p_chart' LANGUAGE C WINDOW IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION kpi.p_chart(pg_catalog.float8, pg_catalog.float8, pg_catalog.float8, pg_catalog.text, pg_catalog.anyarray) IS 'window function: p chart (PowerBI-SPC): p = sum d / sum n, limits p +- 3 sqrt(p(1-p)/n_i) within [0, 1]';
COMMENT ON FUNCTION kpi.p_chart(pg_catalog.float8, pg_catalog.float8, pg_catalog.date, pg_catalog.text, pg_catalog.anyarray) IS 'window function: p chart (PowerBI-SPC): p = sum d / sum n, limits p +- 3 sqrt(p(1-p)/n_i) within [0, 1]';
COMMENT ON FUNCTION kpi.p_chart(pg_catalog.float8, pg_catalog.float8, pg_catalog.timestamptz, pg_catalog.text, pg_catalog.anyarray) IS 'window function: p chart (PowerBI-SPC): p = sum d / sum n, limits p +- 3 sqrt(p(1-p)/n_i) within [0, 1]';

CREATE FUNCTION kpi.u_chart(events pg_catalog.float8, exposure pg_catalog.float8, period pg_catalog.float8, polarity pg_catalog.text, rebase pg_catalog.anyarray DEFAULT NULL) RETURNS kpi.spc_point
    AS 'MODULE_PATHNAME', 'kpi_u_chart' LANGUAGE C WINDOW IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION kpi.u_chart(events pg_catalog.float8, exposure pg_catalog.float8, period pg_catalog.date, polarity pg_catalog.text, rebase pg_catalog.anyarray DEFAULT NULL) RETURNS kpi.spc_point
    AS 'MODULE_PATHNAME', 'kpi_u_chart' LANGUAGE C WINDOW IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION kpi.u_chart(events pg_catalog.float8, exposure pg_catalog.float8, period pg_catalog.timestamptz, polarity pg_catalog.text, rebase pg_catalog.anyarray DEFAULT NULL) RETURNS kpi.spc_point
    AS 'MODULE_PATHNAME', 'kpi_u_chart' LANGUAGE C WINDOW IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION kpi.u_chart(pg_catalog.float8, pg_catalog.float8, pg_catalog.float8, pg_catalog.text, pg_catalog.anyarray) IS 'window function: u chart (PowerBI-SPC): u = sum c / sum n, limits u +- 3 sqrt(u/n_i), the lower at least 0';
COMMENT ON FUNCTION kpi.u_chart(pg_catalog.float8, pg_catalog.float8, pg_catalog.date, pg_catalog.text, pg_catalog.anyarray) IS 'window function: u chart (PowerBI-SPC): u = sum c / sum n, limits u +- 3 sqrt(u/n_i), the lower at least 0';
COMMENT ON FUNCTION kpi.u_chart(pg_catalog.float8, pg_catalog.float8, pg_catalog.timestamptz, pg_catalog.text, pg_catalog.anyarray) IS 'window function: u chart (PowerBI-SPC): u = sum c / sum n, limits u +- 3 sqrt(u/n_i), the lower at least 0';
