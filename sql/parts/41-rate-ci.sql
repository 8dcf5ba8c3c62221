
--------------------------------------------------------------------------
-- 4b. Rolling and pooled rates with their interval, and compared with a
--     benchmark, in one call (aggregates and window functions):
--     kpi.rolling_rate_ci / kpi.pooled_rate_ci give (value, lower, upper)
--     as kpi.ci_value, the interval being kpi.rate_ci's (the Poisson limits
--     of the numerator sum: exact below 10, Byar from 10 up);
--     kpi.compare_rolling_rate / kpi.compare_pooled_rate give kpi.rag as
--     kpi.compare_rate does.  NULL until min_periods rows.
--------------------------------------------------------------------------
-- The state is the rates' (40-rates.sql) and level, benchmark, polarity.

CREATE FUNCTION kpi.rate_ci_accum(kpi.state, pg_catalog.float8, pg_catalog.float8, pg_catalog.float8)
    RETURNS kpi.state AS 'MODULE_PATHNAME', 'rate_ci_accum' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION kpi.rate_ci_accum(kpi.state, pg_catalog.float8, pg_catalog.float8, pg_catalog.float8, pg_catalog.int4)
    RETURNS kpi.state AS 'MODULE_PATHNAME', 'rate_ci_accum' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION kpi.rate_ci_accum(kpi.state, pg_catalog.float8, pg_catalog.float8, pg_catalog.float8, pg_catalog.int4, pg_catalog.float8)
    RETURNS kpi.state AS 'MODULE_PATHNAME', 'rate_ci_accum' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION kpi.rate_ci_accum_inv(kpi.state, pg_catalog.float8, pg_catalog.float8, pg_catalog.float8)
    RETURNS kpi.state AS 'MODULE_PATHNAME', 'rate_ci_accum_inv' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION kpi.rate_ci_accum_inv(kpi.state, pg_catalog.float8, pg_catalog.float8, pg_catalog.float8, pg_catalog.int4)
    RETURNS kpi.state AS 'MODULE_PATHNAME', 'rate_ci_accum_inv' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION kpi.rate_ci_accum_inv(kpi.state, pg_catalog.float8, pg_catalog.float8, pg_catalog.float8, pg_catalog.int4, pg_catalog.float8)
    RETURNS kpi.state AS 'MODULE_PATHNAME', 'rate_ci_accum_inv' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION kpi.rate_compare_accum(kpi.state, pg_catalog.float8, pg_catalog.float8, pg_catalog.float8, pg_catalog.float8, pg_catalog.text)
    RETURNS kpi.state AS 'MODULE_PATHNAME', 'rate_compare_accum' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION kpi.rate_compare_accum(kpi.state, pg_catalog.float8, pg_catalog.float8, pg_catalog.float8, pg_catalog.float8, pg_catalog.text, pg_catalog.int4)
    RETURNS kpi.state AS 'MODULE_PATHNAME', 'rate_compare_accum' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION kpi.rate_compare_accum(kpi.state, pg_catalog.float8, pg_catalog.float8, pg_catalog.float8, pg_catalog.float8, pg_catalog.text, pg_catalog.int4, pg_catalog.float8)
    RETURNS kpi.state AS 'MODULE_PATHNAME', 'rate_compare_accum' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION kpi.rate_compare_accum_inv(kpi.state, pg_catalog.float8, pg_catalog.float8, pg_catalog.float8, pg_catalog.float8, pg_catalog.text)
    RETURNS kpi.state AS 'MODULE_PATHNAME', 'rate_compare_accum_inv' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION kpi.rate_compare_accum_inv(kpi.state, pg_catalog.float8, pg_catalog.float8, pg_catalog.float8, pg_catalog.float8, pg_catalog.text, pg_catalog.int4)
    RETURNS kpi.state AS 'MODULE_PATHNAME', 'rate_compare_accum_inv' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION kpi.rate_compare_accum_inv(kpi.state, pg_catalog.float8, pg_catalog.float8, pg_catalog.float8, pg_catalog.float8, pg_catalog.text, pg_catalog.int4, pg_catalog.float8)
    RETURNS kpi.state AS 'MODULE_PATHNAME', 'rate_compare_accum_inv' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION kpi.rate_ci_accum(kpi.state, pg_catalog.float8, pg_catalog.float8, pg_catalog.float8) IS 'transition function of kpi.rolling_rate_ci and kpi.pooled_rate_ci';
COMMENT ON FUNCTION kpi.rate_ci_accum(kpi.state, pg_catalog.float8, pg_catalog.float8, pg_catalog.float8, pg_catalog.int4) IS 'transition function of kpi.rolling_rate_ci and kpi.pooled_rate_ci with min_periods';
COMMENT ON FUNCTION kpi.rate_ci_accum(kpi.state, pg_catalog.float8, pg_catalog.float8, pg_catalog.float8, pg_catalog.int4, pg_catalog.float8) IS 'transition function of kpi.rolling_rate_ci and kpi.pooled_rate_ci with min_periods and level';
COMMENT ON FUNCTION kpi.rate_ci_accum_inv(kpi.state, pg_catalog.float8, pg_catalog.float8, pg_catalog.float8) IS 'inverse transition function of kpi.rolling_rate_ci and kpi.pooled_rate_ci (NULL asks for a recomputation)';
COMMENT ON FUNCTION kpi.rate_ci_accum_inv(kpi.state, pg_catalog.float8, pg_catalog.float8, pg_catalog.float8, pg_catalog.int4) IS 'inverse transition function of kpi.rolling_rate_ci and kpi.pooled_rate_ci with min_periods';
COMMENT ON FUNCTION kpi.rate_ci_accum_inv(kpi.state, pg_catalog.float8, pg_catalog.float8, pg_catalog.float8, pg_catalog.int4, pg_catalog.float8) IS 'inverse transition function of kpi.rolling_rate_ci and kpi.pooled_rate_ci with min_periods and level';
COMMENT ON FUNCTION kpi.rate_compare_accum(kpi.state, pg_catalog.float8, pg_catalog.float8, pg_catalog.float8, pg_catalog.float8, pg_catalog.text) IS 'transition function of kpi.compare_rolling_rate and kpi.compare_pooled_rate';
COMMENT ON FUNCTION kpi.rate_compare_accum(kpi.state, pg_catalog.float8, pg_catalog.float8, pg_catalog.float8, pg_catalog.float8, pg_catalog.text, pg_catalog.int4) IS 'transition function of kpi.compare_rolling_rate and kpi.compare_pooled_rate with min_periods';
COMMENT ON FUNCTION kpi.rate_compare_accum(kpi.state, pg_catalog.float8, pg_catalog.float8, pg_catalog.float8, pg_catalog.float8, pg_catalog.text, pg_catalog.int4, pg_catalog.float8) IS 'transition function of kpi.compare_rolling_rate and kpi.compare_pooled_rate with min_periods and level';
COMMENT ON FUNCTION kpi.rate_compare_accum_inv(kpi.state, pg_catalog.float8, pg_catalog.float8, pg_catalog.float8, pg_catalog.float8, pg_catalog.text) IS 'inverse transition function of kpi.compare_rolling_rate and kpi.compare_pooled_rate';
COMMENT ON FUNCTION kpi.rate_compare_accum_inv(kpi.state, pg_catalog.float8, pg_catalog.float8, pg_catalog.float8, pg_catalog.float8, pg_catalog.text, pg_catalog.int4) IS 'inverse transition function of kpi.compare_rolling_rate and kpi.compare_pooled_rate with min_periods';
COMMENT ON FUNCTION kpi.rate_compare_accum_inv(kpi.state, pg_catalog.float8, pg_catalog.float8, pg_catalog.float8, pg_catalog.float8, pg_catalog.text, pg_catalog.int4, pg_catalog.float8) IS 'inverse transition function of kpi.compare_rolling_rate and kpi.compare_pooled_rate with min_periods and level';

CREATE FUNCTION kpi.rate_ci_combine(kpi.state, kpi.state) RETURNS kpi.state
    AS 'MODULE_PATHNAME', 'rate_ci_combine' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION kpi.rate_ci_combine(kpi.state, kpi.state) IS 'combine function of kpi.rolling_rate_ci, kpi.pooled_rate_ci, kpi.compare_rolling_rate and kpi.compare_pooled_rate';
CREATE FUNCTION kpi.rolling_rate_ci_final(kpi.state) RETURNS kpi.ci_value
    AS 'MODULE_PATHNAME', 'rolling_rate_ci_final' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION kpi.rolling_rate_ci_final(kpi.state) IS 'final function of kpi.rolling_rate_ci: sum / average denominator * per and its interval';
CREATE FUNCTION kpi.pooled_rate_ci_final(kpi.state) RETURNS kpi.ci_value
    AS 'MODULE_PATHNAME', 'pooled_rate_ci_final' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION kpi.pooled_rate_ci_final(kpi.state) IS 'final function of kpi.pooled_rate_ci: sum / sum * per and its interval';
CREATE FUNCTION kpi.compare_rolling_rate_final(kpi.state) RETURNS kpi.rag
    AS 'MODULE_PATHNAME', 'compare_rolling_rate_final' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION kpi.compare_rolling_rate_final(kpi.state) IS 'final function of kpi.compare_rolling_rate: the interval of the rolling rate against the benchmark';
CREATE FUNCTION kpi.compare_pooled_rate_final(kpi.state) RETURNS kpi.rag
    AS 'MODULE_PATHNAME', 'compare_pooled_rate_final' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION kpi.compare_pooled_rate_final(kpi.state) IS 'final function of kpi.compare_pooled_rate: the interval of the pooled rate against the benchmark';

CREATE AGGREGATE kpi.rolling_rate_ci(numerator pg_catalog.float8, denominator pg_catalog.float8, per pg_catalog.float8) (
    SFUNC = kpi.rate_ci_accum, STYPE = kpi.state, INITCOND = '{0,0,0,0,0,0,0,0,1,0,0,0}',
    FINALFUNC = kpi.rolling_rate_ci_final, COMBINEFUNC = kpi.rate_ci_combine,
    MSFUNC = kpi.rate_ci_accum, MINVFUNC = kpi.rate_ci_accum_inv, MSTYPE = kpi.state,
    MINITCOND = '{0,0,0,0,0,0,0,0,1,0,0,0}', MFINALFUNC = kpi.rolling_rate_ci_final,
    PARALLEL = SAFE
);
COMMENT ON AGGREGATE kpi.rolling_rate_ci(pg_catalog.float8, pg_catalog.float8, pg_catalog.float8)
    IS '(value, lower, upper): sum(numerator) / avg(denominator) * per with its 95% interval as kpi.rate_ci gives it; a window function in O(1) per row';
CREATE AGGREGATE kpi.rolling_rate_ci(numerator pg_catalog.float8, denominator pg_catalog.float8, per pg_catalog.float8, min_periods pg_catalog.int4) (
    SFUNC = kpi.rate_ci_accum, STYPE = kpi.state, INITCOND = '{0,0,0,0,0,0,0,0,1,0,0,0}',
    FINALFUNC = kpi.rolling_rate_ci_final, COMBINEFUNC = kpi.rate_ci_combine,
    MSFUNC = kpi.rate_ci_accum, MINVFUNC = kpi.rate_ci_accum_inv, MSTYPE = kpi.state,
    MINITCOND = '{0,0,0,0,0,0,0,0,1,0,0,0}', MFINALFUNC = kpi.rolling_rate_ci_final,
    PARALLEL = SAFE
);
COMMENT ON AGGREGATE kpi.rolling_rate_ci(pg_catalog.float8, pg_catalog.float8, pg_catalog.float8, pg_catalog.int4)
    IS '(value, lower, upper): sum(numerator) / avg(denominator) * per with its 95% interval as kpi.rate_ci gives it; NULL until min_periods rows';
CREATE AGGREGATE kpi.rolling_rate_ci(numerator pg_catalog.float8, denominator pg_catalog.float8, per pg_catalog.float8, min_periods pg_catalog.int4, level pg_catalog.float8) (
    SFUNC = kpi.rate_ci_accum, STYPE = kpi.state, INITCOND = '{0,0,0,0,0,0,0,0,1,0,0,0}',
    FINALFUNC = kpi.rolling_rate_ci_final, COMBINEFUNC = kpi.rate_ci_combine,
    MSFUNC = kpi.rate_ci_accum, MINVFUNC = kpi.rate_ci_accum_inv, MSTYPE = kpi.state,
    MINITCOND = '{0,0,0,0,0,0,0,0,1,0,0,0}', MFINALFUNC = kpi.rolling_rate_ci_final,
    PARALLEL = SAFE
);
COMMENT ON AGGREGATE kpi.rolling_rate_ci(pg_catalog.float8, pg_catalog.float8, pg_catalog.float8, pg_catalog.int4, pg_catalog.float8)
    IS '(value, lower, upper): sum(numerator) / avg(denominator) * per with its interval at level, as kpi.rate_ci gives it; NULL until min_periods rows';
CREATE AGGREGATE kpi.compare_rolling_rate(numerator pg_catalog.float8, denominator pg_catalog.float8, per pg_catalog.float8, benchmark pg_catalog.float8, polarity pg_catalog.text) (
    SFUNC = kpi.rate_compare_accum, STYPE = kpi.state, INITCOND = '{0,0,0,0,0,0,0,0,1,0,0,0}',
    FINALFUNC = kpi.compare_rolling_rate_final, COMBINEFUNC = kpi.rate_ci_combine,
    MSFUNC = kpi.rate_compare_accum, MINVFUNC = kpi.rate_compare_accum_inv, MSTYPE = kpi.state,
    MINITCOND = '{0,0,0,0,0,0,0,0,1,0,0,0}', MFINALFUNC = kpi.compare_rolling_rate_final,
    PARALLEL = SAFE
);
COMMENT ON AGGREGATE kpi.compare_rolling_rate(pg_catalog.float8, pg_catalog.float8, pg_catalog.float8, pg_catalog.float8, pg_catalog.text)
    IS 'green, amber or red: the interval of sum(numerator) / avg(denominator) * per against a benchmark rate per `per`, as kpi.compare_rate';
CREATE AGGREGATE kpi.compare_rolling_rate(numerator pg_catalog.float8, denominator pg_catalog.float8, per pg_catalog.float8, benchmark pg_catalog.float8, polarity pg_catalog.text, min_periods pg_catalog.int4) (
    SFUNC = kpi.rate_compare_accum, STYPE = kpi.state, INITCOND = '{0,0,0,0,0,0,0,0,1,0,0,0}',
    FINALFUNC = kpi.compare_rolling_rate_final, COMBINEFUNC = kpi.rate_ci_combine,
    MSFUNC = kpi.rate_compare_accum, MINVFUNC = kpi.rate_compare_accum_inv, MSTYPE = kpi.state,
    MINITCOND = '{0,0,0,0,0,0,0,0,1,0,0,0}', MFINALFUNC = kpi.compare_rolling_rate_final,
    PARALLEL = SAFE
);
COMMENT ON AGGREGATE kpi.compare_rolling_rate(pg_catalog.float8, pg_catalog.float8, pg_catalog.float8, pg_catalog.float8, pg_catalog.text, pg_catalog.int4)
    IS 'green, amber or red: the interval of sum(numerator) / avg(denominator) * per against a benchmark rate per `per`, as kpi.compare_rate; NULL until min_periods rows';
CREATE AGGREGATE kpi.compare_rolling_rate(numerator pg_catalog.float8, denominator pg_catalog.float8, per pg_catalog.float8, benchmark pg_catalog.float8, polarity pg_catalog.text, min_periods pg_catalog.int4, level pg_catalog.float8) (
    SFUNC = kpi.rate_compare_accum, STYPE = kpi.state, INITCOND = '{0,0,0,0,0,0,0,0,1,0,0,0}',
    FINALFUNC = kpi.compare_rolling_rate_final, COMBINEFUNC = kpi.rate_ci_combine,
    MSFUNC = kpi.rate_compare_accum, MINVFUNC = kpi.rate_compare_accum_inv, MSTYPE = kpi.state,
    MINITCOND = '{0,0,0,0,0,0,0,0,1,0,0,0}', MFINALFUNC = kpi.compare_rolling_rate_final,
    PARALLEL = SAFE
);
COMMENT ON AGGREGATE kpi.compare_rolling_rate(pg_catalog.float8, pg_catalog.float8, pg_catalog.float8, pg_catalog.float8, pg_catalog.text, pg_catalog.int4, pg_catalog.float8)
    IS 'green, amber or red: the interval of sum(numerator) / avg(denominator) * per against a benchmark rate per `per`, as kpi.compare_rate; NULL until min_periods rows';
CREATE AGGREGATE kpi.pooled_rate_ci(numerator pg_catalog.float8, denominator pg_catalog.float8, per pg_catalog.float8) (
    SFUNC = kpi.rate_ci_accum, STYPE = kpi.state, INITCOND = '{0,0,0,0,0,0,0,0,1,0,0,0}',
    FINALFUNC = kpi.pooled_rate_ci_final, COMBINEFUNC = kpi.rate_ci_combine,
    MSFUNC = kpi.rate_ci_accum, MINVFUNC = kpi.rate_ci_accum_inv, MSTYPE = kpi.state,
    MINITCOND = '{0,0,0,0,0,0,0,0,1,0,0,0}', MFINALFUNC = kpi.pooled_rate_ci_final,
    PARALLEL = SAFE
);
COMMENT ON AGGREGATE kpi.pooled_rate_ci(pg_catalog.float8, pg_catalog.float8, pg_catalog.float8)
    IS '(value, lower, upper): sum(numerator) / sum(denominator) * per with its 95% interval as kpi.rate_ci gives it; a window function in O(1) per row';
CREATE AGGREGATE kpi.pooled_rate_ci(numerator pg_catalog.float8, denominator pg_catalog.float8, per pg_catalog.float8, min_periods pg_catalog.int4) (
    SFUNC = kpi.rate_ci_accum, STYPE = kpi.state, INITCOND = '{0,0,0,0,0,0,0,0,1,0,0,0}',
    FINALFUNC = kpi.pooled_rate_ci_final, COMBINEFUNC = kpi.rate_ci_combine,
    MSFUNC = kpi.rate_ci_accum, MINVFUNC = kpi.rate_ci_accum_inv, MSTYPE = kpi.state,
    MINITCOND = '{0,0,0,0,0,0,0,0,1,0,0,0}', MFINALFUNC = kpi.pooled_rate_ci_final,
    PARALLEL = SAFE
);
COMMENT ON AGGREGATE kpi.pooled_rate_ci(pg_catalog.float8, pg_catalog.float8, pg_catalog.float8, pg_catalog.int4)
    IS '(value, lower, upper): sum(numerator) / sum(denominator) * per with its 95% interval as kpi.rate_ci gives it; NULL until min_periods rows';
CREATE AGGREGATE kpi.pooled_rate_ci(numerator pg_catalog.float8, denominator pg_catalog.float8, per pg_catalog.float8, min_periods pg_catalog.int4, level pg_catalog.float8) (
    SFUNC = kpi.rate_ci_accum, STYPE = kpi.state, INITCOND = '{0,0,0,0,0,0,0,0,1,0,0,0}',
    FINALFUNC = kpi.pooled_rate_ci_final, COMBINEFUNC = kpi.rate_ci_combine,
    MSFUNC = kpi.rate_ci_accum, MINVFUNC = kpi.rate_ci_accum_inv, MSTYPE = kpi.state,
    MINITCOND = '{0,0,0,0,0,0,0,0,1,0,0,0}', MFINALFUNC = kpi.pooled_rate_ci_final,
    PARALLEL = SAFE
);
COMMENT ON AGGREGATE kpi.pooled_rate_ci(pg_catalog.float8, pg_catalog.float8, pg_catalog.float8, pg_catalog.int4, pg_catalog.float8)
    IS '(value, lower, upper): sum(numerator) / sum(denominator) * per with its interval at level, as kpi.rate_ci gives it; NULL until min_periods rows';
CREATE AGGREGATE kpi.compare_pooled_rate(numerator pg_catalog.float8, denominator pg_catalog.float8, per pg_catalog.float8, benchmark pg_catalog.float8, polarity pg_catalog.text) (
    SFUNC = kpi.rate_compare_accum, STYPE = kpi.state, INITCOND = '{0,0,0,0,0,0,0,0,1,0,0,0}',
    FINALFUNC = kpi.compare_pooled_rate_final, COMBINEFUNC = kpi.rate_ci_combine,
    MSFUNC = kpi.rate_compare_accum, MINVFUNC = kpi.rate_compare_accum_inv, MSTYPE = kpi.state,
    MINITCOND = '{0,0,0,0,0,0,0,0,1,0,0,0}', MFINALFUNC = kpi.compare_pooled_rate_final,
    PARALLEL = SAFE
);
COMMENT ON AGGREGATE kpi.compare_pooled_rate(pg_catalog.float8, pg_catalog.float8, pg_catalog.float8, pg_catalog.float8, pg_catalog.text)
    IS 'green, amber or red: the interval of sum(numerator) / sum(denominator) * per against a benchmark rate per `per`, as kpi.compare_rate';
CREATE AGGREGATE kpi.compare_pooled_rate(numerator pg_catalog.float8, denominator pg_catalog.float8, per pg_catalog.float8, benchmark pg_catalog.float8, polarity pg_catalog.text, min_periods pg_catalog.int4) (
    SFUNC = kpi.rate_compare_accum, STYPE = kpi.state, INITCOND = '{0,0,0,0,0,0,0,0,1,0,0,0}',
    FINALFUNC = kpi.compare_pooled_rate_final, COMBINEFUNC = kpi.rate_ci_combine,
    MSFUNC = kpi.rate_compare_accum, MINVFUNC = kpi.rate_compare_accum_inv, MSTYPE = kpi.state,
    MINITCOND = '{0,0,0,0,0,0,0,0,1,0,0,0}', MFINALFUNC = kpi.compare_pooled_rate_final,
    PARALLEL = SAFE
);
COMMENT ON AGGREGATE kpi.compare_pooled_rate(pg_catalog.float8, pg_catalog.float8, pg_catalog.float8, pg_catalog.float8, pg_catalog.text, pg_catalog.int4)
    IS 'green, amber or red: the interval of sum(numerator) / sum(denominator) * per against a benchmark rate per `per`, as kpi.compare_rate; NULL until min_periods rows';
CREATE AGGREGATE kpi.compare_pooled_rate(numerator pg_catalog.float8, denominator pg_catalog.float8, per pg_catalog.float8, benchmark pg_catalog.float8, polarity pg_catalog.text, min_periods pg_catalog.int4, level pg_catalog.float8) (
    SFUNC = kpi.rate_compare_accum, STYPE = kpi.state, INITCOND = '{0,0,0,0,0,0,0,0,1,0,0,0}',
    FINALFUNC = kpi.compare_pooled_rate_final, COMBINEFUNC = kpi.rate_ci_combine,
    MSFUNC = kpi.rate_compare_accum, MINVFUNC = kpi.rate_compare_accum_inv, MSTYPE = kpi.state,
    MINITCOND = '{0,0,0,0,0,0,0,0,1,0,0,0}', MFINALFUNC = kpi.compare_pooled_rate_final,
    PARALLEL = SAFE
);
COMMENT ON AGGREGATE kpi.compare_pooled_rate(pg_catalog.float8, pg_catalog.float8, pg_catalog.float8, pg_catalog.float8, pg_catalog.text, pg_catalog.int4, pg_catalog.float8)
    IS 'green, amber or red: the interval of sum(numerator) / sum(denominator) * per against a benchmark rate per `per`, as kpi.compare_rate; NULL until min_periods rows';
