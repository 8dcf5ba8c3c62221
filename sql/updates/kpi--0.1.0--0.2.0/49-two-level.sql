
--------------------------------------------------------------------------
-- Fingertips' comparison with a benchmark at 95% and 99.8%
--------------------------------------------------------------------------

CREATE FUNCTION kpi.compare_two_level(value pg_catalog.float8,
                                      lower_95 pg_catalog.float8, upper_95 pg_catalog.float8,
                                      lower_998 pg_catalog.float8, upper_998 pg_catalog.float8,
                                      benchmark pg_catalog.float8, polarity pg_catalog.text)
    RETURNS pg_catalog.text
    AS 'MODULE_PATHNAME', 'kpi_compare_two_level' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION kpi.compare_two_level(pg_catalog.float8, pg_catalog.float8, pg_catalog.float8, pg_catalog.float8, pg_catalog.float8, pg_catalog.float8, pg_catalog.text)
    IS 'Fingertips'' two-level comparison with a benchmark (bounds inclusive): Better 99.8%, Better 95%, Similar, Worse 95%, Worse 99.8%; for polarity none (BOB) Highest, Higher, Similar, Lower, Lowest';
