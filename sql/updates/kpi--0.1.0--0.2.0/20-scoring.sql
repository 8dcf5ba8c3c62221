
--------------------------------------------------------------------------
-- 2. Scoring: kpi.travel and kpi.arrow with a tolerance
--------------------------------------------------------------------------

CREATE FUNCTION kpi.travel(previous pg_catalog.float8, latest pg_catalog.float8, polarity pg_catalog.text,
                           tolerance pg_catalog.float8)
    RETURNS pg_catalog.text
    AS 'MODULE_PATHNAME', 'kpi_travel' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION kpi.travel(pg_catalog.float8, pg_catalog.float8, pg_catalog.text, pg_catalog.float8)
    IS 'direction of travel; a change smaller than tolerance (in the measure''s units, in decimal) is unchanged';

CREATE FUNCTION kpi.arrow(previous pg_catalog.float8, latest pg_catalog.float8, tolerance pg_catalog.float8)
    RETURNS pg_catalog.text
    AS 'MODULE_PATHNAME', 'kpi_arrow' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION kpi.arrow(pg_catalog.float8, pg_catalog.float8, pg_catalog.float8)
    IS 'change arrow as kpi.arrow(previous, latest), and unchanged when the change is smaller than tolerance';
