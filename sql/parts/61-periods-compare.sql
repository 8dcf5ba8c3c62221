
--------------------------------------------------------------------------
-- 6b. Financial periods (new in 0.2.0): fy_month, month_number, prior_period; timestamp
--    and timestamptz overloads
--------------------------------------------------------------------------

CREATE FUNCTION kpi.fy_month(d pg_catalog.date, start_month pg_catalog.int4 DEFAULT 4) RETURNS pg_catalog.int4
    AS 'MODULE_PATHNAME', 'kpi_fy_month' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION kpi.fy_month(pg_catalog.date, pg_catalog.int4) IS 'month of the financial year, 1 to 12 (April = 1)';
CREATE FUNCTION kpi.month_number(d pg_catalog.date) RETURNS pg_catalog.int4
    AS 'MODULE_PATHNAME', 'kpi_month_number' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION kpi.month_number(pg_catalog.date) IS 'year * 12 + month - 1: a window RANGE of 12 PRECEDING reaches the same month last year';
CREATE FUNCTION kpi.prior_period(d pg_catalog.date) RETURNS pg_catalog.date
    AS 'MODULE_PATHNAME', 'kpi_prior_period' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION kpi.prior_period(pg_catalog.date) IS 'the same period a year earlier: same day of the month, a month end staying a month end';
CREATE FUNCTION kpi.fy_end_period(d pg_catalog.date, start_month pg_catalog.int4 DEFAULT 4,
                                  months pg_catalog.int4 DEFAULT 1) RETURNS pg_catalog.date
    AS 'MODULE_PATHNAME', 'kpi_fy_end_period' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION kpi.fy_end_period(pg_catalog.date, pg_catalog.int4, pg_catalog.int4) IS 'the period holding the last month of the financial year, keyed as d: 1 March for month-start keys (d the first of a month), 31 March (kpi.fy_end) otherwise';

-- The same for timestamp (its date) and timestamptz (its date in the
-- session's TimeZone, hence STABLE); the C functions read the declared type.
CREATE FUNCTION kpi.fy(d pg_catalog.timestamp, start_month pg_catalog.int4 DEFAULT 4) RETURNS pg_catalog.text
    AS 'MODULE_PATHNAME', 'kpi_fy' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION kpi.fy(pg_catalog.timestamp, pg_catalog.int4) IS 'kpi.fy of the timestamp''s date';
CREATE FUNCTION kpi.fy(d pg_catalog.timestamptz, start_month pg_catalog.int4 DEFAULT 4) RETURNS pg_catalog.text
    AS 'MODULE_PATHNAME', 'kpi_fy' LANGUAGE C STABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION kpi.fy(pg_catalog.timestamptz, pg_catalog.int4) IS 'kpi.fy of the timestamptz''s date in the session''s TimeZone';
CREATE FUNCTION kpi.fy_start(d pg_catalog.timestamp, start_month pg_catalog.int4 DEFAULT 4) RETURNS pg_catalog.date
    AS 'MODULE_PATHNAME', 'kpi_fy_start' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION kpi.fy_start(pg_catalog.timestamp, pg_catalog.int4) IS 'kpi.fy_start of the timestamp''s date';
CREATE FUNCTION kpi.fy_start(d pg_catalog.timestamptz, start_month pg_catalog.int4 DEFAULT 4) RETURNS pg_catalog.date
    AS 'MODULE_PATHNAME', 'kpi_fy_start' LANGUAGE C STABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION kpi.fy_start(pg_catalog.timestamptz, pg_catalog.int4) IS 'kpi.fy_start of the timestamptz''s date in the session''s TimeZone';
CREATE FUNCTION kpi.fy_end(d pg_catalog.timestamp, start_month pg_catalog.int4 DEFAULT 4) RETURNS pg_catalog.date
    AS 'MODULE_PATHNAME', 'kpi_fy_end' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION kpi.fy_end(pg_catalog.timestamp, pg_catalog.int4) IS 'kpi.fy_end of the timestamp''s date';
CREATE FUNCTION kpi.fy_end(d pg_catalog.timestamptz, start_month pg_catalog.int4 DEFAULT 4) RETURNS pg_catalog.date
    AS 'MODULE_PATHNAME', 'kpi_fy_end' LANGUAGE C STABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION kpi.fy_end(pg_catalog.timestamptz, pg_catalog.int4) IS 'kpi.fy_end of the timestamptz''s date in the session''s TimeZone';
CREATE FUNCTION kpi.fy_quarter(d pg_catalog.timestamp, start_month pg_catalog.int4 DEFAULT 4) RETURNS pg_catalog.int4
    AS 'MODULE_PATHNAME', 'kpi_fy_quarter' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION kpi.fy_quarter(pg_catalog.timestamp, pg_catalog.int4) IS 'kpi.fy_quarter of the timestamp''s date';
CREATE FUNCTION kpi.fy_quarter(d pg_catalog.timestamptz, start_month pg_catalog.int4 DEFAULT 4) RETURNS pg_catalog.int4
    AS 'MODULE_PATHNAME', 'kpi_fy_quarter' LANGUAGE C STABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION kpi.fy_quarter(pg_catalog.timestamptz, pg_catalog.int4) IS 'kpi.fy_quarter of the timestamptz''s date in the session''s TimeZone';
CREATE FUNCTION kpi.fy_quarter_label(d pg_catalog.timestamp, style pg_catalog.text DEFAULT 'short', start_month pg_catalog.int4 DEFAULT 4) RETURNS pg_catalog.text
    AS 'MODULE_PATHNAME', 'kpi_fy_quarter_label' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION kpi.fy_quarter_label(pg_catalog.timestamp, pg_catalog.text, pg_catalog.int4) IS 'kpi.fy_quarter_label of the timestamp''s date';
CREATE FUNCTION kpi.fy_quarter_label(d pg_catalog.timestamptz, style pg_catalog.text DEFAULT 'short', start_month pg_catalog.int4 DEFAULT 4) RETURNS pg_catalog.text
    AS 'MODULE_PATHNAME', 'kpi_fy_quarter_label' LANGUAGE C STABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION kpi.fy_quarter_label(pg_catalog.timestamptz, pg_catalog.text, pg_catalog.int4) IS 'kpi.fy_quarter_label of the timestamptz''s date in the session''s TimeZone';
CREATE FUNCTION kpi.rolling_year_label(d pg_catalog.timestamp) RETURNS pg_catalog.text
    AS 'MODULE_PATHNAME', 'kpi_rolling_year_label' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION kpi.rolling_year_label(pg_catalog.timestamp) IS 'kpi.rolling_year_label of the timestamp''s date';
CREATE FUNCTION kpi.rolling_year_label(d pg_catalog.timestamptz) RETURNS pg_catalog.text
    AS 'MODULE_PATHNAME', 'kpi_rolling_year_label' LANGUAGE C STABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION kpi.rolling_year_label(pg_catalog.timestamptz) IS 'kpi.rolling_year_label of the timestamptz''s date in the session''s TimeZone';
CREATE FUNCTION kpi.fy_elapsed(d pg_catalog.timestamp, start_month pg_catalog.int4 DEFAULT 4) RETURNS pg_catalog.float8
    AS 'MODULE_PATHNAME', 'kpi_fy_elapsed' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION kpi.fy_elapsed(pg_catalog.timestamp, pg_catalog.int4) IS 'kpi.fy_elapsed of the timestamp''s date';
CREATE FUNCTION kpi.fy_elapsed(d pg_catalog.timestamptz, start_month pg_catalog.int4 DEFAULT 4) RETURNS pg_catalog.float8
    AS 'MODULE_PATHNAME', 'kpi_fy_elapsed' LANGUAGE C STABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION kpi.fy_elapsed(pg_catalog.timestamptz, pg_catalog.int4) IS 'kpi.fy_elapsed of the timestamptz''s date in the session''s TimeZone';
CREATE FUNCTION kpi.fy_month(d pg_catalog.timestamp, start_month pg_catalog.int4 DEFAULT 4) RETURNS pg_catalog.int4
    AS 'MODULE_PATHNAME', 'kpi_fy_month' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION kpi.fy_month(pg_catalog.timestamp, pg_catalog.int4) IS 'kpi.fy_month of the timestamp''s date';
CREATE FUNCTION kpi.fy_month(d pg_catalog.timestamptz, start_month pg_catalog.int4 DEFAULT 4) RETURNS pg_catalog.int4
    AS 'MODULE_PATHNAME', 'kpi_fy_month' LANGUAGE C STABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION kpi.fy_month(pg_catalog.timestamptz, pg_catalog.int4) IS 'kpi.fy_month of the timestamptz''s date in the session''s TimeZone';
CREATE FUNCTION kpi.month_number(d pg_catalog.timestamp) RETURNS pg_catalog.int4
    AS 'MODULE_PATHNAME', 'kpi_month_number' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION kpi.month_number(pg_catalog.timestamp) IS 'kpi.month_number of the timestamp''s date';
CREATE FUNCTION kpi.month_number(d pg_catalog.timestamptz) RETURNS pg_catalog.int4
    AS 'MODULE_PATHNAME', 'kpi_month_number' LANGUAGE C STABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION kpi.month_number(pg_catalog.timestamptz) IS 'kpi.month_number of the timestamptz''s date in the session''s TimeZone';
CREATE FUNCTION kpi.fy_end_period(d pg_catalog.timestamp, start_month pg_catalog.int4 DEFAULT 4, months pg_catalog.int4 DEFAULT 1) RETURNS pg_catalog.date
    AS 'MODULE_PATHNAME', 'kpi_fy_end_period' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION kpi.fy_end_period(pg_catalog.timestamp, pg_catalog.int4, pg_catalog.int4) IS 'kpi.fy_end_period of the timestamp''s date';
CREATE FUNCTION kpi.fy_end_period(d pg_catalog.timestamptz, start_month pg_catalog.int4 DEFAULT 4, months pg_catalog.int4 DEFAULT 1) RETURNS pg_catalog.date
    AS 'MODULE_PATHNAME', 'kpi_fy_end_period' LANGUAGE C STABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION kpi.fy_end_period(pg_catalog.timestamptz, pg_catalog.int4, pg_catalog.int4) IS 'kpi.fy_end_period of the timestamptz''s date in the session''s TimeZone';
