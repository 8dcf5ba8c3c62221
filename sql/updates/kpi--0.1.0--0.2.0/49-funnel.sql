
--------------------------------------------------------------------------
-- Funnel plots, as PHEindicatormethods' calculate_funnel_limits and
-- assign_funnel_significance
--------------------------------------------------------------------------

CREATE FUNCTION kpi.funnel_significance(numerator pg_catalog.float8, denominator pg_catalog.float8,
                                        average pg_catalog.float8, statistic pg_catalog.text)
    RETURNS pg_catalog.text
    AS 'MODULE_PATHNAME', 'kpi_funnel_significance' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION kpi.funnel_significance(pg_catalog.float8, pg_catalog.float8, pg_catalog.float8, pg_catalog.text)
    IS 'PHE''s funnel plot label of one area against the average of all (statistic proportion, ratio, rate or dsr): High (0.001), High (0.025), Low (0.001), Low (0.025) or Not significant';

CREATE FUNCTION kpi.funnel_limits(statistic pg_catalog.text, average pg_catalog.float8,
                                  min_denominator pg_catalog.float8, max_denominator pg_catalog.float8,
                                  multiplier pg_catalog.float8 DEFAULT 1,
                                  ratio_type pg_catalog.text DEFAULT NULL,
                                  years_of_data pg_catalog.float8 DEFAULT 1)
    RETURNS TABLE (axis pg_catalog.float8,
                   lower_95_at pg_catalog.float8, lower_95 pg_catalog.float8,
                   upper_95_at pg_catalog.float8, upper_95 pg_catalog.float8,
                   lower_998_at pg_catalog.float8, lower_998 pg_catalog.float8,
                   upper_998_at pg_catalog.float8, upper_998 pg_catalog.float8,
                   baseline pg_catalog.float8)
    AS 'MODULE_PATHNAME', 'kpi_funnel_limits' LANGUAGE C IMMUTABLE PARALLEL SAFE ROWS 100;
COMMENT ON FUNCTION kpi.funnel_limits(pg_catalog.text, pg_catalog.float8, pg_catalog.float8, pg_catalog.float8, pg_catalog.float8, pg_catalog.text, pg_catalog.float8)
    IS 'the 100 points of PHE''s 95% and 99.8% funnel plot control limits (statistic proportion, ratio or rate) along PHE''s axis';

CREATE FUNCTION kpi.funnel_point(numerator pg_catalog.float8, rate pg_catalog.float8,
                                 denominator pg_catalog.float8, rate_type pg_catalog.text,
                                 multiplier pg_catalog.float8, years_of_data pg_catalog.float8 DEFAULT 1,
                                 OUT rate_chart pg_catalog.float8, OUT denominator_derived pg_catalog.float8)
    AS 'MODULE_PATHNAME', 'kpi_funnel_point' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION kpi.funnel_point(pg_catalog.float8, pg_catalog.float8, pg_catalog.float8, pg_catalog.text, pg_catalog.float8, pg_catalog.float8)
    IS 'where an area''s rate is drawn on PHE''s rate funnel (calculate_funnel_points): the rate, and the denominator per year derived from events and rate (rate_type dsr or crude); NULL for dsrs below 10 events';
