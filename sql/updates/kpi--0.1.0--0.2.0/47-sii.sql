
--------------------------------------------------------------------------
-- Slope and relative index of inequality, as PHEindicatormethods' phe_sii
--------------------------------------------------------------------------
-- Aggregates over the deprivation quantiles of an area (1 = most
-- deprived ... n): population-weighted regression on ridit midpoints.
-- Exact intervals where the simulated quantity is normal, a seeded
-- simulation (R's generator, draw for draw as PHE) where not; the result
-- says which.

CREATE TYPE kpi.sii AS (
    sii        pg_catalog.float8,
    sii_lower  pg_catalog.float8,
    sii_upper  pg_catalog.float8,
    rii        pg_catalog.float8,
    rii_lower  pg_catalog.float8,
    rii_upper  pg_catalog.float8,
    intercept  pg_catalog.float8,
    sii_ci     pg_catalog.text,
    rii_ci     pg_catalog.text,
    suppressed pg_catalog.text
);
COMMENT ON TYPE kpi.sii IS 'slope and relative index of inequality with their intervals, the intercept, how each interval was found (exact or simulated) and why the result is suppressed (NULL: not suppressed)';

CREATE FUNCTION kpi.sii_accum(kpi.state, pg_catalog.int4, pg_catalog.float8, pg_catalog.float8, pg_catalog.float8, pg_catalog.float8)
    RETURNS kpi.state
    AS 'MODULE_PATHNAME', 'sii_accum' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION kpi.sii_accum(kpi.state, pg_catalog.int4, pg_catalog.float8, pg_catalog.float8, pg_catalog.float8, pg_catalog.float8)
    IS 'transition function of kpi.sii(pg_catalog.int4, pg_catalog.float8, pg_catalog.float8, pg_catalog.float8, pg_catalog.float8)';

CREATE FUNCTION kpi.sii_accum(kpi.state, pg_catalog.int4, pg_catalog.float8, pg_catalog.float8, pg_catalog.float8, pg_catalog.float8, pg_catalog.text)
    RETURNS kpi.state
    AS 'MODULE_PATHNAME', 'sii_accum' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION kpi.sii_accum(kpi.state, pg_catalog.int4, pg_catalog.float8, pg_catalog.float8, pg_catalog.float8, pg_catalog.float8, pg_catalog.text)
    IS 'transition function of kpi.sii(pg_catalog.int4, pg_catalog.float8, pg_catalog.float8, pg_catalog.float8, pg_catalog.float8, pg_catalog.text)';

CREATE FUNCTION kpi.sii_accum(kpi.state, pg_catalog.int4, pg_catalog.float8, pg_catalog.float8, pg_catalog.float8, pg_catalog.float8, pg_catalog.text, pg_catalog.bool)
    RETURNS kpi.state
    AS 'MODULE_PATHNAME', 'sii_accum' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION kpi.sii_accum(kpi.state, pg_catalog.int4, pg_catalog.float8, pg_catalog.float8, pg_catalog.float8, pg_catalog.float8, pg_catalog.text, pg_catalog.bool)
    IS 'transition function of kpi.sii(pg_catalog.int4, pg_catalog.float8, pg_catalog.float8, pg_catalog.float8, pg_catalog.float8, pg_catalog.text, pg_catalog.bool)';

CREATE FUNCTION kpi.sii_accum(kpi.state, pg_catalog.int4, pg_catalog.float8, pg_catalog.float8, pg_catalog.float8, pg_catalog.float8, pg_catalog.text, pg_catalog.bool, pg_catalog.float8)
    RETURNS kpi.state
    AS 'MODULE_PATHNAME', 'sii_accum' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION kpi.sii_accum(kpi.state, pg_catalog.int4, pg_catalog.float8, pg_catalog.float8, pg_catalog.float8, pg_catalog.float8, pg_catalog.text, pg_catalog.bool, pg_catalog.float8)
    IS 'transition function of kpi.sii(pg_catalog.int4, pg_catalog.float8, pg_catalog.float8, pg_catalog.float8, pg_catalog.float8, pg_catalog.text, pg_catalog.bool, pg_catalog.float8)';

CREATE FUNCTION kpi.sii_accum(kpi.state, pg_catalog.int4, pg_catalog.float8, pg_catalog.float8, pg_catalog.float8, pg_catalog.float8, pg_catalog.text, pg_catalog.bool, pg_catalog.float8, pg_catalog.float8)
    RETURNS kpi.state
    AS 'MODULE_PATHNAME', 'sii_accum' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION kpi.sii_accum(kpi.state, pg_catalog.int4, pg_catalog.float8, pg_catalog.float8, pg_catalog.float8, pg_catalog.float8, pg_catalog.text, pg_catalog.bool, pg_catalog.float8, pg_catalog.float8)
    IS 'transition function of kpi.sii(pg_catalog.int4, pg_catalog.float8, pg_catalog.float8, pg_catalog.float8, pg_catalog.float8, pg_catalog.text, pg_catalog.bool, pg_catalog.float8, pg_catalog.float8)';

CREATE FUNCTION kpi.sii_accum(kpi.state, pg_catalog.int4, pg_catalog.float8, pg_catalog.float8, pg_catalog.float8, pg_catalog.float8, pg_catalog.text, pg_catalog.bool, pg_catalog.float8, pg_catalog.float8, pg_catalog.int4, pg_catalog.int4)
    RETURNS kpi.state
    AS 'MODULE_PATHNAME', 'sii_accum' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION kpi.sii_accum(kpi.state, pg_catalog.int4, pg_catalog.float8, pg_catalog.float8, pg_catalog.float8, pg_catalog.float8, pg_catalog.text, pg_catalog.bool, pg_catalog.float8, pg_catalog.float8, pg_catalog.int4, pg_catalog.int4)
    IS 'transition function of kpi.sii(pg_catalog.int4, pg_catalog.float8, pg_catalog.float8, pg_catalog.float8, pg_catalog.float8, pg_catalog.text, pg_catalog.bool, pg_catalog.float8, pg_catalog.float8, pg_catalog.int4, pg_catalog.int4)';

CREATE FUNCTION kpi.sii_combine(kpi.state, kpi.state) RETURNS kpi.state
    AS 'MODULE_PATHNAME', 'sii_combine' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION kpi.sii_combine(kpi.state, kpi.state)
    IS 'combine function of kpi.sii';
CREATE FUNCTION kpi.sii_final(kpi.state) RETURNS kpi.sii
    AS 'MODULE_PATHNAME', 'sii_final' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION kpi.sii_final(kpi.state)
    IS 'final function of kpi.sii';

CREATE AGGREGATE kpi.sii(quantile pg_catalog.int4, population pg_catalog.float8, value pg_catalog.float8,
                         lower pg_catalog.float8, upper pg_catalog.float8) (
    SFUNC = kpi.sii_accum, STYPE = kpi.state,
    FINALFUNC = kpi.sii_final, COMBINEFUNC = kpi.sii_combine,
    PARALLEL = SAFE
);
COMMENT ON AGGREGATE kpi.sii(pg_catalog.int4, pg_catalog.float8, pg_catalog.float8, pg_catalog.float8, pg_catalog.float8)
    IS 'kpi.sii(quantile, population, value, lower, upper): normal values, multiplier 1, 95% intervals';

CREATE AGGREGATE kpi.sii(quantile pg_catalog.int4, population pg_catalog.float8, value pg_catalog.float8,
                         lower pg_catalog.float8, upper pg_catalog.float8, value_type pg_catalog.text) (
    SFUNC = kpi.sii_accum, STYPE = kpi.state,
    FINALFUNC = kpi.sii_final, COMBINEFUNC = kpi.sii_combine,
    PARALLEL = SAFE
);
COMMENT ON AGGREGATE kpi.sii(pg_catalog.int4, pg_catalog.float8, pg_catalog.float8, pg_catalog.float8, pg_catalog.float8, pg_catalog.text)
    IS 'kpi.sii with value_type normal, rate (log scale) or proportion (logit scale)';

CREATE AGGREGATE kpi.sii(quantile pg_catalog.int4, population pg_catalog.float8, value pg_catalog.float8,
                         lower pg_catalog.float8, upper pg_catalog.float8, value_type pg_catalog.text,
                         transform pg_catalog.bool) (
    SFUNC = kpi.sii_accum, STYPE = kpi.state,
    FINALFUNC = kpi.sii_final, COMBINEFUNC = kpi.sii_combine,
    PARALLEL = SAFE
);
COMMENT ON AGGREGATE kpi.sii(pg_catalog.int4, pg_catalog.float8, pg_catalog.float8, pg_catalog.float8, pg_catalog.float8, pg_catalog.text, pg_catalog.bool)
    IS 'kpi.sii, fitted on the log/logit scale when transform';

CREATE AGGREGATE kpi.sii(quantile pg_catalog.int4, population pg_catalog.float8, value pg_catalog.float8,
                         lower pg_catalog.float8, upper pg_catalog.float8, value_type pg_catalog.text,
                         transform pg_catalog.bool, multiplier pg_catalog.float8) (
    SFUNC = kpi.sii_accum, STYPE = kpi.state,
    FINALFUNC = kpi.sii_final, COMBINEFUNC = kpi.sii_combine,
    PARALLEL = SAFE
);
COMMENT ON AGGREGATE kpi.sii(pg_catalog.int4, pg_catalog.float8, pg_catalog.float8, pg_catalog.float8, pg_catalog.float8, pg_catalog.text, pg_catalog.bool, pg_catalog.float8)
    IS 'kpi.sii with the SII multiplied by multiplier (negative: reversed, RII inverted)';

CREATE AGGREGATE kpi.sii(quantile pg_catalog.int4, population pg_catalog.float8, value pg_catalog.float8,
                         lower pg_catalog.float8, upper pg_catalog.float8, value_type pg_catalog.text,
                         transform pg_catalog.bool, multiplier pg_catalog.float8, level pg_catalog.float8) (
    SFUNC = kpi.sii_accum, STYPE = kpi.state,
    FINALFUNC = kpi.sii_final, COMBINEFUNC = kpi.sii_combine,
    PARALLEL = SAFE
);
COMMENT ON AGGREGATE kpi.sii(pg_catalog.int4, pg_catalog.float8, pg_catalog.float8, pg_catalog.float8, pg_catalog.float8, pg_catalog.text, pg_catalog.bool, pg_catalog.float8, pg_catalog.float8)
    IS 'kpi.sii with intervals at the given level';

CREATE AGGREGATE kpi.sii(quantile pg_catalog.int4, population pg_catalog.float8, value pg_catalog.float8,
                         lower pg_catalog.float8, upper pg_catalog.float8, value_type pg_catalog.text,
                         transform pg_catalog.bool, multiplier pg_catalog.float8, level pg_catalog.float8,
                         repetitions pg_catalog.int4, seed pg_catalog.int4) (
    SFUNC = kpi.sii_accum, STYPE = kpi.state,
    FINALFUNC = kpi.sii_final, COMBINEFUNC = kpi.sii_combine,
    PARALLEL = SAFE
);
COMMENT ON AGGREGATE kpi.sii(pg_catalog.int4, pg_catalog.float8, pg_catalog.float8, pg_catalog.float8, pg_catalog.float8, pg_catalog.text, pg_catalog.bool, pg_catalog.float8, pg_catalog.float8, pg_catalog.int4, pg_catalog.int4)
    IS 'kpi.sii with the repetitions and seed of the simulation used where no exact interval exists';
