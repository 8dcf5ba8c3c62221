
--------------------------------------------------------------------------
-- 4. Rates and rolling rates
--------------------------------------------------------------------------
-- Numerators are counts (>= 0), denominators populations (> 0), per > 0.
-- The aggregates share a kpi.state of 9 values (a real type with exact
-- text I/O, so parallel query and Citus can split them) and support
-- moving-aggregate mode: as window functions each row costs O(1)
-- whatever the frame size.

CREATE FUNCTION kpi.rate(numerator pg_catalog.float8, denominator pg_catalog.float8,
                         per pg_catalog.float8 DEFAULT 1)
    RETURNS pg_catalog.float8
    AS 'MODULE_PATHNAME', 'kpi_rate' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION kpi.rate(pg_catalog.float8, pg_catalog.float8, pg_catalog.float8)
    IS 'numerator / denominator * per, e.g. kpi.rate(94, 9910, 10000)';

CREATE FUNCTION kpi.rate_accum(kpi.state, pg_catalog.float8, pg_catalog.float8, pg_catalog.float8)
    RETURNS kpi.state
    AS 'MODULE_PATHNAME', 'rate_accum' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION kpi.rate_accum(kpi.state, pg_catalog.float8, pg_catalog.float8, pg_catalog.float8)
    IS 'transition function of kpi.rolling_rate and kpi.pooled_rate';
CREATE FUNCTION kpi.rate_accum_inv(kpi.state, pg_catalog.float8, pg_catalog.float8, pg_catalog.float8)
    RETURNS kpi.state
    AS 'MODULE_PATHNAME', 'rate_accum_inv' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION kpi.rate_accum_inv(kpi.state, pg_catalog.float8, pg_catalog.float8, pg_catalog.float8)
    IS 'inverse transition function of kpi.rolling_rate and kpi.pooled_rate (NULL asks for a recomputation)';
CREATE FUNCTION kpi.rate_accum(kpi.state, pg_catalog.float8, pg_catalog.float8, pg_catalog.float8, pg_catalog.int4)
    RETURNS kpi.state
    AS 'MODULE_PATHNAME', 'rate_accum' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION kpi.rate_accum(kpi.state, pg_catalog.float8, pg_catalog.float8, pg_catalog.float8, pg_catalog.int4)
    IS 'transition function of kpi.rolling_rate and kpi.pooled_rate with min_periods';
CREATE FUNCTION kpi.rate_accum_inv(kpi.state, pg_catalog.float8, pg_catalog.float8, pg_catalog.float8, pg_catalog.int4)
    RETURNS kpi.state
    AS 'MODULE_PATHNAME', 'rate_accum_inv' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION kpi.rate_accum_inv(kpi.state, pg_catalog.float8, pg_catalog.float8, pg_catalog.float8, pg_catalog.int4)
    IS 'inverse transition function of kpi.rolling_rate and kpi.pooled_rate with min_periods';
CREATE FUNCTION kpi.rate_combine(kpi.state, kpi.state) RETURNS kpi.state
    AS 'MODULE_PATHNAME', 'rate_combine' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION kpi.rate_combine(kpi.state, kpi.state)
    IS 'combine function of kpi.rolling_rate and kpi.pooled_rate';
CREATE FUNCTION kpi.rolling_rate_final(kpi.state) RETURNS pg_catalog.float8
    AS 'MODULE_PATHNAME', 'rolling_rate_final' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION kpi.rolling_rate_final(kpi.state)
    IS 'final function of kpi.rolling_rate: sum / average denominator * per';
CREATE FUNCTION kpi.pooled_rate_final(kpi.state) RETURNS pg_catalog.float8
    AS 'MODULE_PATHNAME', 'pooled_rate_final' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION kpi.pooled_rate_final(kpi.state)
    IS 'final function of kpi.pooled_rate: sum / sum * per';

CREATE AGGREGATE kpi.rolling_rate(numerator pg_catalog.float8, denominator pg_catalog.float8, per pg_catalog.float8) (
    SFUNC = kpi.rate_accum, STYPE = kpi.state, INITCOND = '{0,0,0,0,0,0,0,0,1}',
    FINALFUNC = kpi.rolling_rate_final, COMBINEFUNC = kpi.rate_combine,
    MSFUNC = kpi.rate_accum, MINVFUNC = kpi.rate_accum_inv, MSTYPE = kpi.state,
    MINITCOND = '{0,0,0,0,0,0,0,0,1}', MFINALFUNC = kpi.rolling_rate_final,
    PARALLEL = SAFE
);
COMMENT ON AGGREGATE kpi.rolling_rate(pg_catalog.float8, pg_catalog.float8, pg_catalog.float8)
    IS 'sum(numerator) / avg(denominator) * per, e.g. a 12-month rolling rate per 10,000 as a window function';

CREATE AGGREGATE kpi.rolling_rate(numerator pg_catalog.float8, denominator pg_catalog.float8, per pg_catalog.float8,
                                  min_periods pg_catalog.int4) (
    SFUNC = kpi.rate_accum, STYPE = kpi.state, INITCOND = '{0,0,0,0,0,0,0,0,1}',
    FINALFUNC = kpi.rolling_rate_final, COMBINEFUNC = kpi.rate_combine,
    MSFUNC = kpi.rate_accum, MINVFUNC = kpi.rate_accum_inv, MSTYPE = kpi.state,
    MINITCOND = '{0,0,0,0,0,0,0,0,1}', MFINALFUNC = kpi.rolling_rate_final,
    PARALLEL = SAFE
);
COMMENT ON AGGREGATE kpi.rolling_rate(pg_catalog.float8, pg_catalog.float8, pg_catalog.float8, pg_catalog.int4)
    IS 'kpi.rolling_rate, NULL until the group or frame holds min_periods rows';

CREATE AGGREGATE kpi.pooled_rate(numerator pg_catalog.float8, denominator pg_catalog.float8, per pg_catalog.float8) (
    SFUNC = kpi.rate_accum, STYPE = kpi.state, INITCOND = '{0,0,0,0,0,0,0,0,1}',
    FINALFUNC = kpi.pooled_rate_final, COMBINEFUNC = kpi.rate_combine,
    MSFUNC = kpi.rate_accum, MINVFUNC = kpi.rate_accum_inv, MSTYPE = kpi.state,
    MINITCOND = '{0,0,0,0,0,0,0,0,1}', MFINALFUNC = kpi.pooled_rate_final,
    PARALLEL = SAFE
);
COMMENT ON AGGREGATE kpi.pooled_rate(pg_catalog.float8, pg_catalog.float8, pg_catalog.float8)
    IS 'sum(numerator) / sum(denominator) * per: the pooled rate, e.g. three years of deaths over three years of population';

CREATE AGGREGATE kpi.pooled_rate(numerator pg_catalog.float8, denominator pg_catalog.float8, per pg_catalog.float8,
                                 min_periods pg_catalog.int4) (
    SFUNC = kpi.rate_accum, STYPE = kpi.state, INITCOND = '{0,0,0,0,0,0,0,0,1}',
    FINALFUNC = kpi.pooled_rate_final, COMBINEFUNC = kpi.rate_combine,
    MSFUNC = kpi.rate_accum, MINVFUNC = kpi.rate_accum_inv, MSTYPE = kpi.state,
    MINITCOND = '{0,0,0,0,0,0,0,0,1}', MFINALFUNC = kpi.pooled_rate_final,
    PARALLEL = SAFE
);
COMMENT ON AGGREGATE kpi.pooled_rate(pg_catalog.float8, pg_catalog.float8, pg_catalog.float8, pg_catalog.int4)
    IS 'kpi.pooled_rate, NULL until the group or frame holds min_periods rows';
