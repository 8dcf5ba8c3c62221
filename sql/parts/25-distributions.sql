
--------------------------------------------------------------------------
-- Probability distributions: normal, Student t and chi-square
--------------------------------------------------------------------------
-- The normal, Student t and chi-square distribution functions (lower tail,
-- P(X <= x)) and their quantile functions, as in R's pnorm/qnorm, pt/qt and
-- pchisq/qchisq; the statistics functions use the same code.  A probability
-- must lie strictly between 0 and 1; degrees of freedom must be positive
-- (not necessarily whole); x and t may be infinite but not NaN.

CREATE FUNCTION kpi.pnorm(x pg_catalog.float8)
    RETURNS pg_catalog.float8
    AS 'MODULE_PATHNAME', 'kpi_sql_pnorm' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION kpi.pnorm(pg_catalog.float8)
    IS 'standard normal distribution function: P(Z <= x)';

CREATE FUNCTION kpi.qnorm(p pg_catalog.float8)
    RETURNS pg_catalog.float8
    AS 'MODULE_PATHNAME', 'kpi_sql_qnorm' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION kpi.qnorm(pg_catalog.float8)
    IS 'standard normal quantile: the z with P(Z <= z) = p, for 0 < p < 1';

CREATE FUNCTION kpi.pt(t pg_catalog.float8, df pg_catalog.float8)
    RETURNS pg_catalog.float8
    AS 'MODULE_PATHNAME', 'kpi_sql_pt' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION kpi.pt(pg_catalog.float8, pg_catalog.float8)
    IS 'Student t distribution function with df > 0 degrees of freedom: P(T <= t)';

CREATE FUNCTION kpi.qt(p pg_catalog.float8, df pg_catalog.float8)
    RETURNS pg_catalog.float8
    AS 'MODULE_PATHNAME', 'kpi_sql_qt' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION kpi.qt(pg_catalog.float8, pg_catalog.float8)
    IS 'Student t quantile with df > 0 degrees of freedom, for 0 < p < 1';

CREATE FUNCTION kpi.pchisq(x pg_catalog.float8, df pg_catalog.float8)
    RETURNS pg_catalog.float8
    AS 'MODULE_PATHNAME', 'kpi_sql_pchisq' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION kpi.pchisq(pg_catalog.float8, pg_catalog.float8)
    IS 'chi-square distribution function with df > 0 degrees of freedom: P(X <= x)';

CREATE FUNCTION kpi.qchisq(p pg_catalog.float8, df pg_catalog.float8)
    RETURNS pg_catalog.float8
    AS 'MODULE_PATHNAME', 'kpi_sql_qchisq' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION kpi.qchisq(pg_catalog.float8, pg_catalog.float8)
    IS 'chi-square quantile with df > 0 degrees of freedom, for 0 < p < 1';
