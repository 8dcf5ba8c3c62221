
--------------------------------------------------------------------------
-- 6. Financial periods and target trajectories
--------------------------------------------------------------------------
-- start_month is the month the financial year starts in (UK: April, 4).
-- Everything is month-based and uses fixed English month names.

CREATE FUNCTION kpi.fy(d pg_catalog.date, start_month pg_catalog.int4 DEFAULT 4) RETURNS pg_catalog.text
    AS 'MODULE_PATHNAME', 'kpi_fy' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION kpi.fy(pg_catalog.date, pg_catalog.int4) IS 'the financial year of a date, e.g. 2024/25 (2024 when start_month is 1)';
CREATE FUNCTION kpi.fy_start(d pg_catalog.date, start_month pg_catalog.int4 DEFAULT 4) RETURNS pg_catalog.date
    AS 'MODULE_PATHNAME', 'kpi_fy_start' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION kpi.fy_start(pg_catalog.date, pg_catalog.int4) IS 'first day of the financial year of a date';
CREATE FUNCTION kpi.fy_end(d pg_catalog.date, start_month pg_catalog.int4 DEFAULT 4) RETURNS pg_catalog.date
    AS 'MODULE_PATHNAME', 'kpi_fy_end' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION kpi.fy_end(pg_catalog.date, pg_catalog.int4) IS 'last day of the financial year of a date';
CREATE FUNCTION kpi.fy_quarter(d pg_catalog.date, start_month pg_catalog.int4 DEFAULT 4) RETURNS pg_catalog.int4
    AS 'MODULE_PATHNAME', 'kpi_fy_quarter' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION kpi.fy_quarter(pg_catalog.date, pg_catalog.int4) IS 'quarter of the financial year, 1 to 4';
CREATE FUNCTION kpi.fy_quarter_label(d pg_catalog.date, style pg_catalog.text DEFAULT 'short',
                                     start_month pg_catalog.int4 DEFAULT 4) RETURNS pg_catalog.text
    AS 'MODULE_PATHNAME', 'kpi_fy_quarter_label' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION kpi.fy_quarter_label(pg_catalog.date, pg_catalog.text, pg_catalog.int4) IS 'quarter label: style short gives 2024/25 Q2, style dash gives 2024/25 - Q2';
CREATE FUNCTION kpi.rolling_year_label(d pg_catalog.date) RETURNS pg_catalog.text
    AS 'MODULE_PATHNAME', 'kpi_rolling_year_label' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION kpi.rolling_year_label(pg_catalog.date) IS 'the twelve months ending with the month of d, e.g. Sep 2023 - Aug 2024';
CREATE FUNCTION kpi.fy_elapsed(d pg_catalog.date, start_month pg_catalog.int4 DEFAULT 4) RETURNS pg_catalog.float8
    AS 'MODULE_PATHNAME', 'kpi_fy_elapsed' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION kpi.fy_elapsed(pg_catalog.date, pg_catalog.int4) IS 'share of the financial year elapsed at the end of the month of d, in whole months (September: 0.5)';
CREATE FUNCTION kpi.trajectory(target pg_catalog.float8, as_of pg_catalog.date,
                               baseline pg_catalog.float8 DEFAULT 0,
                               start_month pg_catalog.int4 DEFAULT 4) RETURNS pg_catalog.float8
    AS 'MODULE_PATHNAME', 'kpi_trajectory' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION kpi.trajectory(pg_catalog.float8, pg_catalog.date, pg_catalog.float8, pg_catalog.int4) IS 'year-end target pro-rated by whole months from baseline: trajectory(560.8, ''2024-09-30'') = 280.4';

