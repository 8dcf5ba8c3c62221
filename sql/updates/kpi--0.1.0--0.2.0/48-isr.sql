
--------------------------------------------------------------------------
-- Indirect standardisation, as PHEindicatormethods' calculate_ISRatio and
-- calculate_ISRate
--------------------------------------------------------------------------
-- Aggregates over the age bands of an area: observed events against those
-- expected from reference rates; limits from the Poisson limits of the
-- observed count (exact below 10, Byar from 10 up).

CREATE TYPE kpi.isr AS (
    observed       pg_catalog.float8,
    expected       pg_catalog.float8,
    reference_rate pg_catalog.float8,
    value          pg_catalog.float8,
    lower          pg_catalog.float8,
    upper          pg_catalog.float8,
    method         pg_catalog.text
);
COMMENT ON TYPE kpi.isr IS 'an indirectly standardised ratio or rate: observed and expected events, the crude reference rate (rates only), the value with its interval, and the interval''s method (Exact or Byars)';

CREATE FUNCTION kpi.isr_ratio_accum(kpi.state, pg_catalog.float8, pg_catalog.float8, pg_catalog.float8, pg_catalog.float8)
    RETURNS kpi.state
    AS 'MODULE_PATHNAME', 'isr_ratio_accum' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION kpi.isr_ratio_accum(kpi.state, pg_catalog.float8, pg_catalog.float8, pg_catalog.float8, pg_catalog.float8)
    IS 'transition function of kpi.isr_ratio(observed, population, reference_events, reference_population)';
CREATE FUNCTION kpi.isr_ratio_accum(kpi.state, pg_catalog.float8, pg_catalog.float8, pg_catalog.float8, pg_catalog.float8,
                                    pg_catalog.float8)
    RETURNS kpi.state
    AS 'MODULE_PATHNAME', 'isr_ratio_accum' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION kpi.isr_ratio_accum(kpi.state, pg_catalog.float8, pg_catalog.float8, pg_catalog.float8, pg_catalog.float8, pg_catalog.float8)
    IS 'transition function of kpi.isr_ratio(observed, population, reference_events, reference_population, refvalue)';
CREATE FUNCTION kpi.isr_ratio_accum(kpi.state, pg_catalog.float8, pg_catalog.float8, pg_catalog.float8, pg_catalog.float8,
                                    pg_catalog.float8, pg_catalog.float8)
    RETURNS kpi.state
    AS 'MODULE_PATHNAME', 'isr_ratio_accum' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION kpi.isr_ratio_accum(kpi.state, pg_catalog.float8, pg_catalog.float8, pg_catalog.float8, pg_catalog.float8, pg_catalog.float8, pg_catalog.float8)
    IS 'transition function of kpi.isr_ratio(observed, population, reference_events, reference_population, refvalue, level)';
CREATE FUNCTION kpi.isr_rate_accum(kpi.state, pg_catalog.float8, pg_catalog.float8, pg_catalog.float8, pg_catalog.float8,
                                   pg_catalog.float8)
    RETURNS kpi.state
    AS 'MODULE_PATHNAME', 'isr_rate_accum' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION kpi.isr_rate_accum(kpi.state, pg_catalog.float8, pg_catalog.float8, pg_catalog.float8, pg_catalog.float8, pg_catalog.float8)
    IS 'transition function of kpi.isr_rate(observed, population, reference_events, reference_population, per)';
CREATE FUNCTION kpi.isr_rate_accum(kpi.state, pg_catalog.float8, pg_catalog.float8, pg_catalog.float8, pg_catalog.float8,
                                   pg_catalog.float8, pg_catalog.float8)
    RETURNS kpi.state
    AS 'MODULE_PATHNAME', 'isr_rate_accum' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION kpi.isr_rate_accum(kpi.state, pg_catalog.float8, pg_catalog.float8, pg_catalog.float8, pg_catalog.float8, pg_catalog.float8, pg_catalog.float8)
    IS 'transition function of kpi.isr_rate(observed, population, reference_events, reference_population, per, level)';
CREATE FUNCTION kpi.isr_combine(kpi.state, kpi.state) RETURNS kpi.state
    AS 'MODULE_PATHNAME', 'isr_combine' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION kpi.isr_combine(kpi.state, kpi.state)
    IS 'combine function of kpi.isr_ratio and kpi.isr_rate';
CREATE FUNCTION kpi.isr_final(kpi.state) RETURNS kpi.isr
    AS 'MODULE_PATHNAME', 'isr_final' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION kpi.isr_final(kpi.state)
    IS 'final function of kpi.isr_ratio and kpi.isr_rate';

CREATE AGGREGATE kpi.isr_ratio(observed pg_catalog.float8, population pg_catalog.float8,
                               reference_events pg_catalog.float8, reference_population pg_catalog.float8) (
    SFUNC = kpi.isr_ratio_accum, STYPE = kpi.state, INITCOND = '{0,0,0,0,0,0,0,0}',
    FINALFUNC = kpi.isr_final, COMBINEFUNC = kpi.isr_combine,
    PARALLEL = SAFE
);
COMMENT ON AGGREGATE kpi.isr_ratio(pg_catalog.float8, pg_catalog.float8, pg_catalog.float8, pg_catalog.float8)
    IS 'indirectly standardised ratio (SMR) of the group''s bands: observed / expected from the reference rates, with its 95% interval (exact below 10 events, Byar from 10 up)';
CREATE AGGREGATE kpi.isr_ratio(observed pg_catalog.float8, population pg_catalog.float8,
                               reference_events pg_catalog.float8, reference_population pg_catalog.float8,
                               refvalue pg_catalog.float8) (
    SFUNC = kpi.isr_ratio_accum, STYPE = kpi.state, INITCOND = '{0,0,0,0,0,0,0,0}',
    FINALFUNC = kpi.isr_final, COMBINEFUNC = kpi.isr_combine,
    PARALLEL = SAFE
);
COMMENT ON AGGREGATE kpi.isr_ratio(pg_catalog.float8, pg_catalog.float8, pg_catalog.float8, pg_catalog.float8, pg_catalog.float8)
    IS 'indirectly standardised ratio times refvalue (100 for an SMR per 100), with its 95% interval';
CREATE AGGREGATE kpi.isr_ratio(observed pg_catalog.float8, population pg_catalog.float8,
                               reference_events pg_catalog.float8, reference_population pg_catalog.float8,
                               refvalue pg_catalog.float8, level pg_catalog.float8) (
    SFUNC = kpi.isr_ratio_accum, STYPE = kpi.state, INITCOND = '{0,0,0,0,0,0,0,0}',
    FINALFUNC = kpi.isr_final, COMBINEFUNC = kpi.isr_combine,
    PARALLEL = SAFE
);
COMMENT ON AGGREGATE kpi.isr_ratio(pg_catalog.float8, pg_catalog.float8, pg_catalog.float8, pg_catalog.float8, pg_catalog.float8, pg_catalog.float8)
    IS 'indirectly standardised ratio times refvalue, with its interval at the given level';
CREATE AGGREGATE kpi.isr_rate(observed pg_catalog.float8, population pg_catalog.float8,
                              reference_events pg_catalog.float8, reference_population pg_catalog.float8,
                              per pg_catalog.float8) (
    SFUNC = kpi.isr_rate_accum, STYPE = kpi.state, INITCOND = '{0,0,0,0,0,0,0,0}',
    FINALFUNC = kpi.isr_final, COMBINEFUNC = kpi.isr_combine,
    PARALLEL = SAFE
);
COMMENT ON AGGREGATE kpi.isr_rate(pg_catalog.float8, pg_catalog.float8, pg_catalog.float8, pg_catalog.float8, pg_catalog.float8)
    IS 'indirectly standardised rate per `per`: the ratio observed / expected times the crude reference rate, with its 95% interval';
CREATE AGGREGATE kpi.isr_rate(observed pg_catalog.float8, population pg_catalog.float8,
                              reference_events pg_catalog.float8, reference_population pg_catalog.float8,
                              per pg_catalog.float8, level pg_catalog.float8) (
    SFUNC = kpi.isr_rate_accum, STYPE = kpi.state, INITCOND = '{0,0,0,0,0,0,0,0}',
    FINALFUNC = kpi.isr_final, COMBINEFUNC = kpi.isr_combine,
    PARALLEL = SAFE
);
COMMENT ON AGGREGATE kpi.isr_rate(pg_catalog.float8, pg_catalog.float8, pg_catalog.float8, pg_catalog.float8, pg_catalog.float8, pg_catalog.float8)
    IS 'indirectly standardised rate per `per`, with its interval at the given level';
