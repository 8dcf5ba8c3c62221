
--------------------------------------------------------------------------
-- 3. Statistical comparison: confidence intervals, as PHEindicatormethods
--    computes them, and comparison with a benchmark
--------------------------------------------------------------------------

CREATE TYPE kpi.ci AS (lower pg_catalog.float8, upper pg_catalog.float8);
COMMENT ON TYPE kpi.ci IS 'a confidence interval: (lower, upper)';

CREATE TYPE kpi.ci_value AS (value pg_catalog.float8, lower pg_catalog.float8, upper pg_catalog.float8);
COMMENT ON TYPE kpi.ci_value IS 'an estimate with its confidence interval: (value, lower, upper)';

-- proportions, counts, rates
CREATE FUNCTION kpi.wilson_ci(successes pg_catalog.float8, trials pg_catalog.float8,
                              level pg_catalog.float8 DEFAULT 0.95)
    RETURNS kpi.ci
    AS 'MODULE_PATHNAME', 'kpi_wilson_ci' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION kpi.wilson_ci(pg_catalog.float8, pg_catalog.float8, pg_catalog.float8)
    IS 'Wilson score interval of the proportion successes / trials';

CREATE FUNCTION kpi.poisson_ci(events pg_catalog.float8, level pg_catalog.float8 DEFAULT 0.95)
    RETURNS kpi.ci
    AS 'MODULE_PATHNAME', 'kpi_poisson_ci' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION kpi.poisson_ci(pg_catalog.float8, pg_catalog.float8)
    IS 'interval of a count of events: exact (chi-square) below 10 events, Byar''s method from 10 up';

CREATE FUNCTION kpi.rate_ci(events pg_catalog.float8, population pg_catalog.float8,
                            per pg_catalog.float8 DEFAULT 1, level pg_catalog.float8 DEFAULT 0.95)
    RETURNS kpi.ci
    AS 'MODULE_PATHNAME', 'kpi_rate_ci' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION kpi.rate_ci(pg_catalog.float8, pg_catalog.float8, pg_catalog.float8, pg_catalog.float8)
    IS 'interval of the rate events / population * per (exact below 10 events, Byar from 10 up)';

-- the t interval of a mean, from summary statistics or as an aggregate
CREATE FUNCTION kpi.mean_ci(mean pg_catalog.float8, sd pg_catalog.float8, n pg_catalog.float8,
                            level pg_catalog.float8 DEFAULT 0.95)
    RETURNS kpi.ci
    AS 'MODULE_PATHNAME', 'kpi_mean_ci' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION kpi.mean_ci(pg_catalog.float8, pg_catalog.float8, pg_catalog.float8, pg_catalog.float8)
    IS 'Student-t interval of a mean from its sample standard deviation and n; NULL when n < 2';

CREATE FUNCTION kpi.mean_ci_accum(kpi.state, pg_catalog.float8) RETURNS kpi.state
    AS 'MODULE_PATHNAME', 'mean_ci_accum' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION kpi.mean_ci_accum(kpi.state, pg_catalog.float8)
    IS 'transition function of kpi.mean_ci(value)';
CREATE FUNCTION kpi.mean_ci_accum(kpi.state, pg_catalog.float8, pg_catalog.float8) RETURNS kpi.state
    AS 'MODULE_PATHNAME', 'mean_ci_accum' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION kpi.mean_ci_accum(kpi.state, pg_catalog.float8, pg_catalog.float8)
    IS 'transition function of kpi.mean_ci(value, level)';
CREATE FUNCTION kpi.mean_ci_combine(kpi.state, kpi.state) RETURNS kpi.state
    AS 'MODULE_PATHNAME', 'mean_ci_combine' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION kpi.mean_ci_combine(kpi.state, kpi.state)
    IS 'combine function of kpi.mean_ci';
CREATE FUNCTION kpi.mean_ci_final(kpi.state) RETURNS kpi.ci_value
    AS 'MODULE_PATHNAME', 'mean_ci_final' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION kpi.mean_ci_final(kpi.state)
    IS 'final function of kpi.mean_ci';

CREATE AGGREGATE kpi.mean_ci(value pg_catalog.float8) (
    SFUNC = kpi.mean_ci_accum, STYPE = kpi.state, INITCOND = '{0,0,0,0}',
    FINALFUNC = kpi.mean_ci_final, COMBINEFUNC = kpi.mean_ci_combine,
    PARALLEL = SAFE
);
COMMENT ON AGGREGATE kpi.mean_ci(pg_catalog.float8)
    IS 'mean of the group with its 95% Student-t interval, as (value, lower, upper); NULLs are skipped';
CREATE AGGREGATE kpi.mean_ci(value pg_catalog.float8, level pg_catalog.float8) (
    SFUNC = kpi.mean_ci_accum, STYPE = kpi.state, INITCOND = '{0,0,0,0}',
    FINALFUNC = kpi.mean_ci_final, COMBINEFUNC = kpi.mean_ci_combine,
    PARALLEL = SAFE
);
COMMENT ON AGGREGATE kpi.mean_ci(pg_catalog.float8, pg_catalog.float8)
    IS 'mean of the group with its Student-t interval at the given level, as (value, lower, upper)';

-- directly standardised rates (Dobson's interval) over the age bands of a group
CREATE FUNCTION kpi.dsr_accum(kpi.state, pg_catalog.float8, pg_catalog.float8,
                              pg_catalog.float8, pg_catalog.float8) RETURNS kpi.state
    AS 'MODULE_PATHNAME', 'dsr_accum' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION kpi.dsr_accum(kpi.state, pg_catalog.float8, pg_catalog.float8, pg_catalog.float8, pg_catalog.float8)
    IS 'transition function of kpi.dsr(events, population, standard_population, per)';
CREATE FUNCTION kpi.dsr_accum(kpi.state, pg_catalog.float8, pg_catalog.float8,
                              pg_catalog.float8, pg_catalog.float8, pg_catalog.float8) RETURNS kpi.state
    AS 'MODULE_PATHNAME', 'dsr_accum' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION kpi.dsr_accum(kpi.state, pg_catalog.float8, pg_catalog.float8, pg_catalog.float8, pg_catalog.float8, pg_catalog.float8)
    IS 'transition function of kpi.dsr(events, population, standard_population, per, level)';
CREATE FUNCTION kpi.dsr_combine(kpi.state, kpi.state) RETURNS kpi.state
    AS 'MODULE_PATHNAME', 'dsr_combine' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION kpi.dsr_combine(kpi.state, kpi.state)
    IS 'combine function of kpi.dsr';
CREATE FUNCTION kpi.dsr_final(kpi.state) RETURNS kpi.ci_value
    AS 'MODULE_PATHNAME', 'dsr_final' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION kpi.dsr_final(kpi.state)
    IS 'final function of kpi.dsr';

CREATE AGGREGATE kpi.dsr(events pg_catalog.float8, population pg_catalog.float8,
                         standard_population pg_catalog.float8, per pg_catalog.float8) (
    SFUNC = kpi.dsr_accum, STYPE = kpi.state, INITCOND = '{0,0,0,0,0,0,0}',
    FINALFUNC = kpi.dsr_final, COMBINEFUNC = kpi.dsr_combine,
    PARALLEL = SAFE
);
COMMENT ON AGGREGATE kpi.dsr(pg_catalog.float8, pg_catalog.float8, pg_catalog.float8, pg_catalog.float8)
    IS 'directly standardised rate per `per` over the age bands of the group, with its 95% interval by Dobson''s method; NULL below 10 events';
CREATE AGGREGATE kpi.dsr(events pg_catalog.float8, population pg_catalog.float8,
                         standard_population pg_catalog.float8, per pg_catalog.float8,
                         level pg_catalog.float8) (
    SFUNC = kpi.dsr_accum, STYPE = kpi.state, INITCOND = '{0,0,0,0,0,0,0}',
    FINALFUNC = kpi.dsr_final, COMBINEFUNC = kpi.dsr_combine,
    PARALLEL = SAFE
);
COMMENT ON AGGREGATE kpi.dsr(pg_catalog.float8, pg_catalog.float8, pg_catalog.float8, pg_catalog.float8, pg_catalog.float8)
    IS 'directly standardised rate per `per` with its interval at the given level by Dobson''s method; NULL below 10 events';

-- comparison with a benchmark: green significantly better, amber similar, red worse
CREATE FUNCTION kpi.compare(lower pg_catalog.float8, upper pg_catalog.float8,
                            benchmark pg_catalog.float8, polarity pg_catalog.text)
    RETURNS kpi.rag
    AS 'MODULE_PATHNAME', 'kpi_compare' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION kpi.compare(pg_catalog.float8, pg_catalog.float8, pg_catalog.float8, pg_catalog.text)
    IS 'amber when the benchmark lies inside [lower, upper], green when the interval is wholly better, red when wholly worse; NULL for polarity none';

CREATE FUNCTION kpi.compare(ci kpi.ci, benchmark pg_catalog.float8, polarity pg_catalog.text)
    RETURNS kpi.rag
    AS 'MODULE_PATHNAME', 'kpi_compare_ci' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION kpi.compare(kpi.ci, pg_catalog.float8, pg_catalog.text)
    IS 'kpi.compare on an interval such as kpi.rate_ci(...); NULL when a bound is NULL';

CREATE FUNCTION kpi.compare_proportion(successes pg_catalog.float8, trials pg_catalog.float8,
                                       benchmark pg_catalog.float8, polarity pg_catalog.text,
                                       level pg_catalog.float8 DEFAULT 0.95)
    RETURNS kpi.rag
    AS 'MODULE_PATHNAME', 'kpi_compare_proportion' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION kpi.compare_proportion(pg_catalog.float8, pg_catalog.float8, pg_catalog.float8, pg_catalog.text, pg_catalog.float8)
    IS 'compares the Wilson interval of successes / trials with a benchmark proportion (0..1)';

CREATE FUNCTION kpi.compare_rate(events pg_catalog.float8, population pg_catalog.float8,
                                 per pg_catalog.float8, benchmark pg_catalog.float8,
                                 polarity pg_catalog.text, level pg_catalog.float8 DEFAULT 0.95)
    RETURNS kpi.rag
    AS 'MODULE_PATHNAME', 'kpi_compare_rate' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION kpi.compare_rate(pg_catalog.float8, pg_catalog.float8, pg_catalog.float8, pg_catalog.float8, pg_catalog.text, pg_catalog.float8)
    IS 'compares the interval of the rate events / population * per with a benchmark rate per `per`';

-- Fingertips' recent trend over the last five points (ordered aggregates)
CREATE FUNCTION kpi.recent_trend_accum(kpi.state, pg_catalog.float8, pg_catalog.float8, pg_catalog.float8)
    RETURNS kpi.state
    AS 'MODULE_PATHNAME', 'recent_trend_accum' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION kpi.recent_trend_accum(kpi.state, pg_catalog.float8, pg_catalog.float8, pg_catalog.float8)
    IS 'transition function of kpi.recent_trend(value, lower, upper)';
CREATE FUNCTION kpi.recent_trend_final(kpi.state) RETURNS pg_catalog.text
    AS 'MODULE_PATHNAME', 'recent_trend_final' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION kpi.recent_trend_final(kpi.state)
    IS 'final function of kpi.recent_trend(value, lower, upper)';
CREATE FUNCTION kpi.recent_trend_accum(kpi.state, pg_catalog.float8, pg_catalog.float8)
    RETURNS kpi.state
    AS 'MODULE_PATHNAME', 'recent_trend_prop_accum' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION kpi.recent_trend_accum(kpi.state, pg_catalog.float8, pg_catalog.float8)
    IS 'transition function of kpi.recent_trend(events, denominator)';
CREATE FUNCTION kpi.recent_trend_prop_final(kpi.state) RETURNS pg_catalog.text
    AS 'MODULE_PATHNAME', 'recent_trend_prop_final' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION kpi.recent_trend_prop_final(kpi.state)
    IS 'final function of kpi.recent_trend(events, denominator)';

CREATE AGGREGATE kpi.recent_trend(value pg_catalog.float8, lower pg_catalog.float8, upper pg_catalog.float8) (
    SFUNC = kpi.recent_trend_accum, STYPE = kpi.state,
    INITCOND = '{0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0}',
    FINALFUNC = kpi.recent_trend_final,
    PARALLEL = SAFE
);
COMMENT ON AGGREGATE kpi.recent_trend(pg_catalog.float8, pg_catalog.float8, pg_catalog.float8)
    IS 'Fingertips recent trend of the last five points (use ORDER BY period), weighted by their 95% intervals: increasing, decreasing, no significant change or cannot be calculated';
CREATE AGGREGATE kpi.recent_trend(events pg_catalog.float8, denominator pg_catalog.float8) (
    SFUNC = kpi.recent_trend_accum, STYPE = kpi.state,
    INITCOND = '{0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0}',
    FINALFUNC = kpi.recent_trend_prop_final,
    PARALLEL = SAFE
);
COMMENT ON AGGREGATE kpi.recent_trend(pg_catalog.float8, pg_catalog.float8)
    IS 'Fingertips recent trend of the last five proportions (use ORDER BY period), Cochran-Armitage test: increasing, decreasing, no significant change or cannot be calculated';
