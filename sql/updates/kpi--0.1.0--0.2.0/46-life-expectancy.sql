
--------------------------------------------------------------------------
-- Life expectancy, as PHEindicatormethods' phe_life_expectancy
--------------------------------------------------------------------------
-- Aggregates over the 20 PHE age bands of a group (start ages 0, 1, 5,
-- 10, ..., 85, 90): Chiang's method II with the Silcocks 90+ variance.
-- PHE's suppression rules give NULL numbers with the reason in
-- `suppressed`, not errors.

CREATE TYPE kpi.life_expectancy AS (
    age             pg_catalog.int4,
    value           pg_catalog.float8,
    lower           pg_catalog.float8,
    upper           pg_catalog.float8,
    population_used pg_catalog.float8,
    deaths_used     pg_catalog.float8,
    suppressed      pg_catalog.text
);
COMMENT ON TYPE kpi.life_expectancy IS 'life expectancy at age with its interval, the population and deaths of the bands it uses, and why it is suppressed (NULL: not suppressed)';

CREATE FUNCTION kpi.life_expectancy_accum(kpi.state, pg_catalog.int4, pg_catalog.float8, pg_catalog.float8)
    RETURNS kpi.state
    AS 'MODULE_PATHNAME', 'life_expectancy_accum' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION kpi.life_expectancy_accum(kpi.state, pg_catalog.int4, pg_catalog.float8, pg_catalog.float8)
    IS 'transition function of kpi.life_expectancy(start_age, deaths, population)';
CREATE FUNCTION kpi.life_expectancy_accum(kpi.state, pg_catalog.int4, pg_catalog.float8, pg_catalog.float8,
                                          pg_catalog.int4)
    RETURNS kpi.state
    AS 'MODULE_PATHNAME', 'life_expectancy_accum' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION kpi.life_expectancy_accum(kpi.state, pg_catalog.int4, pg_catalog.float8, pg_catalog.float8, pg_catalog.int4)
    IS 'transition function of kpi.life_expectancy(start_age, deaths, population, at_age)';
CREATE FUNCTION kpi.life_expectancy_accum(kpi.state, pg_catalog.int4, pg_catalog.float8, pg_catalog.float8,
                                          pg_catalog.int4, pg_catalog.float8)
    RETURNS kpi.state
    AS 'MODULE_PATHNAME', 'life_expectancy_accum' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION kpi.life_expectancy_accum(kpi.state, pg_catalog.int4, pg_catalog.float8, pg_catalog.float8, pg_catalog.int4, pg_catalog.float8)
    IS 'transition function of kpi.life_expectancy(start_age, deaths, population, at_age, level)';
CREATE FUNCTION kpi.life_table_accum(kpi.state, pg_catalog.int4, pg_catalog.float8, pg_catalog.float8)
    RETURNS kpi.state
    AS 'MODULE_PATHNAME', 'life_table_accum' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION kpi.life_table_accum(kpi.state, pg_catalog.int4, pg_catalog.float8, pg_catalog.float8)
    IS 'transition function of kpi.life_table(start_age, deaths, population)';
CREATE FUNCTION kpi.life_table_accum(kpi.state, pg_catalog.int4, pg_catalog.float8, pg_catalog.float8,
                                     pg_catalog.float8)
    RETURNS kpi.state
    AS 'MODULE_PATHNAME', 'life_table_accum' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION kpi.life_table_accum(kpi.state, pg_catalog.int4, pg_catalog.float8, pg_catalog.float8, pg_catalog.float8)
    IS 'transition function of kpi.life_table(start_age, deaths, population, level)';
CREATE FUNCTION kpi.life_expectancy_combine(kpi.state, kpi.state) RETURNS kpi.state
    AS 'MODULE_PATHNAME', 'life_expectancy_combine' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION kpi.life_expectancy_combine(kpi.state, kpi.state)
    IS 'combine function of kpi.life_expectancy and kpi.life_table';
CREATE FUNCTION kpi.life_expectancy_final(kpi.state) RETURNS kpi.life_expectancy
    AS 'MODULE_PATHNAME', 'life_expectancy_final' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION kpi.life_expectancy_final(kpi.state)
    IS 'final function of kpi.life_expectancy';
CREATE FUNCTION kpi.life_table_final(kpi.state) RETURNS kpi.life_expectancy[]
    AS 'MODULE_PATHNAME', 'life_table_final' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION kpi.life_table_final(kpi.state)
    IS 'final function of kpi.life_table';

CREATE AGGREGATE kpi.life_expectancy(start_age pg_catalog.int4, deaths pg_catalog.float8,
                                     population pg_catalog.float8) (
    SFUNC = kpi.life_expectancy_accum, STYPE = kpi.state,
    FINALFUNC = kpi.life_expectancy_final, COMBINEFUNC = kpi.life_expectancy_combine,
    PARALLEL = SAFE
);
COMMENT ON AGGREGATE kpi.life_expectancy(pg_catalog.int4, pg_catalog.float8, pg_catalog.float8)
    IS 'life expectancy at birth over the 20 PHE age bands of the group (Chiang II, Silcocks 90+), with its 95% interval; PHE''s suppressions as NULLs with the reason';
CREATE AGGREGATE kpi.life_expectancy(start_age pg_catalog.int4, deaths pg_catalog.float8,
                                     population pg_catalog.float8, at_age pg_catalog.int4) (
    SFUNC = kpi.life_expectancy_accum, STYPE = kpi.state,
    FINALFUNC = kpi.life_expectancy_final, COMBINEFUNC = kpi.life_expectancy_combine,
    PARALLEL = SAFE
);
COMMENT ON AGGREGATE kpi.life_expectancy(pg_catalog.int4, pg_catalog.float8, pg_catalog.float8, pg_catalog.int4)
    IS 'life expectancy at the start of the age band at_age, with its 95% interval';
CREATE AGGREGATE kpi.life_expectancy(start_age pg_catalog.int4, deaths pg_catalog.float8,
                                     population pg_catalog.float8, at_age pg_catalog.int4,
                                     level pg_catalog.float8) (
    SFUNC = kpi.life_expectancy_accum, STYPE = kpi.state,
    FINALFUNC = kpi.life_expectancy_final, COMBINEFUNC = kpi.life_expectancy_combine,
    PARALLEL = SAFE
);
COMMENT ON AGGREGATE kpi.life_expectancy(pg_catalog.int4, pg_catalog.float8, pg_catalog.float8, pg_catalog.int4, pg_catalog.float8)
    IS 'life expectancy at the start of the age band at_age, with its interval at the given level';
CREATE AGGREGATE kpi.life_table(start_age pg_catalog.int4, deaths pg_catalog.float8,
                                population pg_catalog.float8) (
    SFUNC = kpi.life_table_accum, STYPE = kpi.state,
    FINALFUNC = kpi.life_table_final, COMBINEFUNC = kpi.life_expectancy_combine,
    PARALLEL = SAFE
);
COMMENT ON AGGREGATE kpi.life_table(pg_catalog.int4, pg_catalog.float8, pg_catalog.float8)
    IS 'life expectancy at the start of each of the 20 PHE age bands, with 95% intervals, as an array (unnest it)';
CREATE AGGREGATE kpi.life_table(start_age pg_catalog.int4, deaths pg_catalog.float8,
                                population pg_catalog.float8, level pg_catalog.float8) (
    SFUNC = kpi.life_table_accum, STYPE = kpi.state,
    FINALFUNC = kpi.life_table_final, COMBINEFUNC = kpi.life_expectancy_combine,
    PARALLEL = SAFE
);
COMMENT ON AGGREGATE kpi.life_table(pg_catalog.int4, pg_catalog.float8, pg_catalog.float8, pg_catalog.float8)
    IS 'life expectancy at the start of each of the 20 PHE age bands, with intervals at the given level, as an array';
