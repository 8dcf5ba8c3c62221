-- kpi: KPI scoring for performance reports.
--
-- Generated from sql/parts/*.sql by the Makefile: edit those, not this file.
-- Every object lives in the schema kpi.  Every function, operator and type
-- reference is schema-qualified, so neither this script nor later calls can
-- be captured by objects planted elsewhere on the search_path.

\echo Use "CREATE EXTENSION kpi" to load this file. \quit

-- PostgreSQL installs into a schema kpi that already exists, whoever made
-- it.  The owner of such a schema could later drop kpi's objects or add
-- overloads that capture kpi.* calls, so refuse a schema that another role
-- (not a superuser) owns, or that already holds objects.
DO $guard$
DECLARE
    schema_owner pg_catalog.oid;
    ext_owner pg_catalog.oid;
    schema_oid pg_catalog.oid;
BEGIN
    SELECT n.oid, n.nspowner INTO schema_oid, schema_owner
    FROM pg_catalog.pg_namespace n WHERE n.nspname OPERATOR(pg_catalog.=) 'kpi';
    SELECT e.extowner INTO ext_owner
    FROM pg_catalog.pg_extension e WHERE e.extname OPERATOR(pg_catalog.=) 'kpi';
    IF schema_owner OPERATOR(pg_catalog.<>) ext_owner
       AND NOT (SELECT r.rolsuper FROM pg_catalog.pg_roles r WHERE r.oid OPERATOR(pg_catalog.=) schema_owner) THEN
        RAISE EXCEPTION 'schema kpi is owned by role %, not by the role installing kpi',
                        schema_owner::pg_catalog.regrole
              USING ERRCODE = 'insufficient_privilege',
                    HINT = 'Drop or rename that schema, or have its owner install kpi.';
    END IF;
    IF EXISTS (SELECT FROM pg_catalog.pg_class c WHERE c.relnamespace OPERATOR(pg_catalog.=) schema_oid)
       OR EXISTS (SELECT FROM pg_catalog.pg_proc p WHERE p.pronamespace OPERATOR(pg_catalog.=) schema_oid)
       OR EXISTS (SELECT FROM pg_catalog.pg_type t WHERE t.typnamespace OPERATOR(pg_catalog.=) schema_oid)
       OR EXISTS (SELECT FROM pg_catalog.pg_operator o WHERE o.oprnamespace OPERATOR(pg_catalog.=) schema_oid) THEN
        RAISE EXCEPTION 'schema kpi already holds objects'
              USING ERRCODE = 'object_not_in_prerequisite_state',
                    HINT = 'kpi installs into an empty schema kpi; move those objects elsewhere first.';
    END IF;
END
$guard$;

-- Every role may call kpi's functions, as with functions in public: they
-- are pure computations, and EXECUTE is granted to PUBLIC by default.  Only
-- USAGE: nobody but the owner can create objects in the schema.
GRANT USAGE ON SCHEMA kpi TO PUBLIC;

--------------------------------------------------------------------------
-- 1. The RAG type: kpi.rag, a one-byte rating ordered red < amber < green
--------------------------------------------------------------------------

CREATE TYPE kpi.rag;

CREATE FUNCTION kpi.rag_in(pg_catalog.cstring) RETURNS kpi.rag
    AS 'MODULE_PATHNAME', 'rag_in' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION kpi.rag_out(kpi.rag) RETURNS pg_catalog.cstring
    AS 'MODULE_PATHNAME', 'rag_out' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION kpi.rag_recv(pg_catalog.internal) RETURNS kpi.rag
    AS 'MODULE_PATHNAME', 'rag_recv' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION kpi.rag_send(kpi.rag) RETURNS pg_catalog.bytea
    AS 'MODULE_PATHNAME', 'rag_send' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE TYPE kpi.rag (
    INPUT          = kpi.rag_in,
    OUTPUT         = kpi.rag_out,
    RECEIVE        = kpi.rag_recv,
    SEND           = kpi.rag_send,
    INTERNALLENGTH = 1,
    PASSEDBYVALUE,
    ALIGNMENT      = char,
    STORAGE        = plain
);
COMMENT ON TYPE kpi.rag IS 'red/amber/green rating, ordered red < amber < green';

-- comparison
CREATE FUNCTION kpi.rag_eq(kpi.rag, kpi.rag) RETURNS pg_catalog.bool
    AS 'MODULE_PATHNAME', 'rag_eq' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION kpi.rag_ne(kpi.rag, kpi.rag) RETURNS pg_catalog.bool
    AS 'MODULE_PATHNAME', 'rag_ne' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION kpi.rag_lt(kpi.rag, kpi.rag) RETURNS pg_catalog.bool
    AS 'MODULE_PATHNAME', 'rag_lt' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION kpi.rag_le(kpi.rag, kpi.rag) RETURNS pg_catalog.bool
    AS 'MODULE_PATHNAME', 'rag_le' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION kpi.rag_gt(kpi.rag, kpi.rag) RETURNS pg_catalog.bool
    AS 'MODULE_PATHNAME', 'rag_gt' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION kpi.rag_ge(kpi.rag, kpi.rag) RETURNS pg_catalog.bool
    AS 'MODULE_PATHNAME', 'rag_ge' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION kpi.rag_cmp(kpi.rag, kpi.rag) RETURNS pg_catalog.int4
    AS 'MODULE_PATHNAME', 'rag_cmp' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION kpi.rag_sortsupport(pg_catalog.internal) RETURNS pg_catalog.void
    AS 'MODULE_PATHNAME', 'rag_sortsupport' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION kpi.rag_hash(kpi.rag) RETURNS pg_catalog.int4
    AS 'MODULE_PATHNAME', 'rag_hash' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION kpi.rag_hash_extended(kpi.rag, pg_catalog.int8) RETURNS pg_catalog.int8
    AS 'MODULE_PATHNAME', 'rag_hash_extended' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;

CREATE OPERATOR kpi.= (
    LEFTARG = kpi.rag, RIGHTARG = kpi.rag, PROCEDURE = kpi.rag_eq,
    COMMUTATOR = OPERATOR(kpi.=), NEGATOR = OPERATOR(kpi.<>),
    RESTRICT = pg_catalog.eqsel, JOIN = pg_catalog.eqjoinsel, HASHES, MERGES
);
CREATE OPERATOR kpi.<> (
    LEFTARG = kpi.rag, RIGHTARG = kpi.rag, PROCEDURE = kpi.rag_ne,
    COMMUTATOR = OPERATOR(kpi.<>), NEGATOR = OPERATOR(kpi.=),
    RESTRICT = pg_catalog.neqsel, JOIN = pg_catalog.neqjoinsel
);
CREATE OPERATOR kpi.< (
    LEFTARG = kpi.rag, RIGHTARG = kpi.rag, PROCEDURE = kpi.rag_lt,
    COMMUTATOR = OPERATOR(kpi.>), NEGATOR = OPERATOR(kpi.>=),
    RESTRICT = pg_catalog.scalarltsel, JOIN = pg_catalog.scalarltjoinsel
);
CREATE OPERATOR kpi.<= (
    LEFTARG = kpi.rag, RIGHTARG = kpi.rag, PROCEDURE = kpi.rag_le,
    COMMUTATOR = OPERATOR(kpi.>=), NEGATOR = OPERATOR(kpi.>),
    RESTRICT = pg_catalog.scalarlesel, JOIN = pg_catalog.scalarlejoinsel
);
CREATE OPERATOR kpi.> (
    LEFTARG = kpi.rag, RIGHTARG = kpi.rag, PROCEDURE = kpi.rag_gt,
    COMMUTATOR = OPERATOR(kpi.<), NEGATOR = OPERATOR(kpi.<=),
    RESTRICT = pg_catalog.scalargtsel, JOIN = pg_catalog.scalargtjoinsel
);
CREATE OPERATOR kpi.>= (
    LEFTARG = kpi.rag, RIGHTARG = kpi.rag, PROCEDURE = kpi.rag_ge,
    COMMUTATOR = OPERATOR(kpi.<=), NEGATOR = OPERATOR(kpi.<),
    RESTRICT = pg_catalog.scalargesel, JOIN = pg_catalog.scalargejoinsel
);

-- ORDER BY, indexes, merge joins, GROUP BY by sorting
CREATE OPERATOR CLASS kpi.rag_ops DEFAULT FOR TYPE kpi.rag USING btree AS
    OPERATOR 1 kpi.<,
    OPERATOR 2 kpi.<=,
    OPERATOR 3 kpi.=,
    OPERATOR 4 kpi.>=,
    OPERATOR 5 kpi.>,
    FUNCTION 1 kpi.rag_cmp(kpi.rag, kpi.rag),
    FUNCTION 2 kpi.rag_sortsupport(pg_catalog.internal);

-- hash indexes, hash joins, GROUP BY and DISTINCT by hashing, hash partitions
CREATE OPERATOR CLASS kpi.rag_hash_ops DEFAULT FOR TYPE kpi.rag USING hash AS
    OPERATOR 1 kpi.=,
    FUNCTION 1 kpi.rag_hash(kpi.rag),
    FUNCTION 2 kpi.rag_hash_extended(kpi.rag, pg_catalog.int8);

-- display
CREATE FUNCTION kpi.symbol(kpi.rag) RETURNS pg_catalog.text
    AS 'MODULE_PATHNAME', 'rag_symbol' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION kpi.symbol(kpi.rag) IS 'the rating as a coloured circle: 🔴 🟡 🟢';
CREATE FUNCTION kpi.label(kpi.rag) RETURNS pg_catalog.text
    AS 'MODULE_PATHNAME', 'rag_label' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION kpi.label(kpi.rag) IS 'the rating as a capitalised word: Red, Amber, Green';

-- aggregates: the worst and best rating of a group
CREATE FUNCTION kpi.rag_smaller(kpi.rag, kpi.rag) RETURNS kpi.rag
    AS 'MODULE_PATHNAME', 'rag_smaller' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION kpi.rag_larger(kpi.rag, kpi.rag) RETURNS kpi.rag
    AS 'MODULE_PATHNAME', 'rag_larger' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE AGGREGATE kpi.worst(kpi.rag) (
    SFUNC = kpi.rag_smaller, STYPE = kpi.rag,
    COMBINEFUNC = kpi.rag_smaller,
    SORTOP = OPERATOR(kpi.<),
    PARALLEL = SAFE
);
COMMENT ON AGGREGATE kpi.worst(kpi.rag) IS 'the worst rating of the group (red before amber before green); NULLs are skipped';
CREATE AGGREGATE kpi.best(kpi.rag) (
    SFUNC = kpi.rag_larger, STYPE = kpi.rag,
    COMBINEFUNC = kpi.rag_larger,
    SORTOP = OPERATOR(kpi.>),
    PARALLEL = SAFE
);
COMMENT ON AGGREGATE kpi.best(kpi.rag) IS 'the best rating of the group; NULLs are skipped';

-- aggregates: how many of each rating.  The state is bigint[4]
-- {red, amber, green, unrated}: a real type, so parallel query and Citus
-- can split these aggregates; the inverse makes them cheap window functions.
CREATE TYPE kpi.rag_counts AS (red pg_catalog.int8, amber pg_catalog.int8, green pg_catalog.int8, unrated pg_catalog.int8);
COMMENT ON TYPE kpi.rag_counts IS 'how many red, amber, green and unrated (NULL) ratings a group holds';

CREATE FUNCTION kpi.rag_counts_accum(pg_catalog.int8[], kpi.rag) RETURNS pg_catalog.int8[]
    AS 'MODULE_PATHNAME', 'rag_counts_accum' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION kpi.rag_counts_accum_inv(pg_catalog.int8[], kpi.rag) RETURNS pg_catalog.int8[]
    AS 'MODULE_PATHNAME', 'rag_counts_accum_inv' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION kpi.rag_counts_combine(pg_catalog.int8[], pg_catalog.int8[]) RETURNS pg_catalog.int8[]
    AS 'MODULE_PATHNAME', 'rag_counts_combine' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION kpi.rag_counts_final(pg_catalog.int8[]) RETURNS kpi.rag_counts
    AS 'MODULE_PATHNAME', 'rag_counts_final' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION kpi.rag_summary_final(pg_catalog.int8[]) RETURNS pg_catalog.text
    AS 'MODULE_PATHNAME', 'rag_summary_final' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE AGGREGATE kpi.rag_counts(kpi.rag) (
    SFUNC = kpi.rag_counts_accum, STYPE = pg_catalog.int8[], INITCOND = '{0,0,0,0}',
    FINALFUNC = kpi.rag_counts_final,
    COMBINEFUNC = kpi.rag_counts_combine,
    MSFUNC = kpi.rag_counts_accum, MINVFUNC = kpi.rag_counts_accum_inv,
    MSTYPE = pg_catalog.int8[], MINITCOND = '{0,0,0,0}', MFINALFUNC = kpi.rag_counts_final,
    PARALLEL = SAFE
);
COMMENT ON AGGREGATE kpi.rag_counts(kpi.rag) IS 'counts of red, amber, green and unrated (NULL) ratings';

CREATE AGGREGATE kpi.rag_summary(kpi.rag) (
    SFUNC = kpi.rag_counts_accum, STYPE = pg_catalog.int8[], INITCOND = '{0,0,0,0}',
    FINALFUNC = kpi.rag_summary_final,
    COMBINEFUNC = kpi.rag_counts_combine,
    MSFUNC = kpi.rag_counts_accum, MINVFUNC = kpi.rag_counts_accum_inv,
    MSTYPE = pg_catalog.int8[], MINITCOND = '{0,0,0,0}', MFINALFUNC = kpi.rag_summary_final,
    PARALLEL = SAFE
);
COMMENT ON AGGREGATE kpi.rag_summary(kpi.rag) IS 'the counts as text, e.g. ''3 Red, 4 Amber, 4 Green''';

--------------------------------------------------------------------------
-- Aggregate states: kpi.state
--------------------------------------------------------------------------
-- The transition state of kpi's float aggregates: a vector of float8 whose
-- text form reads back bit for bit whatever extra_float_digits is, so
-- Citus can ship partial states between nodes as text without loss.

CREATE TYPE kpi.state;

CREATE FUNCTION kpi.state_in(pg_catalog.cstring) RETURNS kpi.state
    AS 'MODULE_PATHNAME', 'kpi_state_in' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION kpi.state_out(kpi.state) RETURNS pg_catalog.cstring
    AS 'MODULE_PATHNAME', 'kpi_state_out' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION kpi.state_recv(pg_catalog.internal) RETURNS kpi.state
    AS 'MODULE_PATHNAME', 'kpi_state_recv' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION kpi.state_send(kpi.state) RETURNS pg_catalog.bytea
    AS 'MODULE_PATHNAME', 'kpi_state_send' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE TYPE kpi.state (
    INPUT          = kpi.state_in,
    OUTPUT         = kpi.state_out,
    RECEIVE        = kpi.state_recv,
    SEND           = kpi.state_send,
    INTERNALLENGTH = VARIABLE,
    ALIGNMENT      = double,
    STORAGE        = extended
);
COMMENT ON TYPE kpi.state IS 'transition state of kpi''s float aggregates: float8 values with exact text I/O';

CREATE FUNCTION kpi.state_values(kpi.state) RETURNS pg_catalog.float8[]
    AS 'MODULE_PATHNAME', 'kpi_state_values' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION kpi.state_values(kpi.state) IS 'the values held in an aggregate state, as float8[]';

CREATE FUNCTION kpi.state_cat(kpi.state, kpi.state) RETURNS kpi.state
    AS 'MODULE_PATHNAME', 'kpi_state_cat' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION kpi.state_cat(kpi.state, kpi.state) IS 'the values of both states, one after the other: the combine function of point-list aggregates';

--------------------------------------------------------------------------
-- 2. Scoring against a target or a benchmark
--------------------------------------------------------------------------
-- polarity is 'higher' or 'lower' (aliases higher_is_better, up,
-- lower_is_better, down), case-insensitive, or 'none' for a contextual
-- measure, which is never scored (NULL).

CREATE FUNCTION kpi.rag(actual pg_catalog.float8, target pg_catalog.float8,
                        polarity pg_catalog.text, tolerance pg_catalog.float8 DEFAULT 0.10)
    RETURNS kpi.rag
    AS 'MODULE_PATHNAME', 'kpi_rag_score' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION kpi.rag(pg_catalog.float8, pg_catalog.float8, pg_catalog.text, pg_catalog.float8)
    IS 'green on or better than target, amber worse by at most tolerance × |target| (inclusive, in decimal), red beyond';

CREATE FUNCTION kpi.rag_abs(actual pg_catalog.float8, target pg_catalog.float8,
                            polarity pg_catalog.text, tolerance pg_catalog.float8)
    RETURNS kpi.rag
    AS 'MODULE_PATHNAME', 'kpi_rag_abs' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION kpi.rag_abs(pg_catalog.float8, pg_catalog.float8, pg_catalog.text, pg_catalog.float8)
    IS 'green on or better than target, amber worse by at most tolerance (absolute, inclusive, in decimal), red beyond';

CREATE FUNCTION kpi.gap(actual pg_catalog.float8, target pg_catalog.float8, polarity pg_catalog.text)
    RETURNS pg_catalog.float8
    AS 'MODULE_PATHNAME', 'kpi_gap' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION kpi.gap(pg_catalog.float8, pg_catalog.float8, pg_catalog.text)
    IS 'relative gap to target, positive when better; NULL for a target of 0';

CREATE FUNCTION kpi.travel(previous pg_catalog.float8, latest pg_catalog.float8, polarity pg_catalog.text)
    RETURNS pg_catalog.text
    AS 'MODULE_PATHNAME', 'kpi_travel' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION kpi.travel(pg_catalog.float8, pg_catalog.float8, pg_catalog.text)
    IS 'direction of travel: improving, worsening or unchanged (increasing/decreasing for polarity none)';

CREATE FUNCTION kpi.arrow(previous pg_catalog.float8, latest pg_catalog.float8)
    RETURNS pg_catalog.text
    AS 'MODULE_PATHNAME', 'kpi_arrow' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION kpi.arrow(pg_catalog.float8, pg_catalog.float8)
    IS 'change arrow: ▲ up, ▼ down, ▶ unchanged';

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
    IS 'interval of the rate events / population × per (exact below 10 events, Byar from 10 up)';

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
    IS 'compares the interval of the rate events / population × per with a benchmark rate per `per`';

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
    IS 'numerator / denominator × per, e.g. kpi.rate(94, 9910, 10000)';

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
    IS 'final function of kpi.rolling_rate: sum / average denominator × per';
CREATE FUNCTION kpi.pooled_rate_final(kpi.state) RETURNS pg_catalog.float8
    AS 'MODULE_PATHNAME', 'pooled_rate_final' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION kpi.pooled_rate_final(kpi.state)
    IS 'final function of kpi.pooled_rate: sum / sum × per';

CREATE AGGREGATE kpi.rolling_rate(numerator pg_catalog.float8, denominator pg_catalog.float8, per pg_catalog.float8) (
    SFUNC = kpi.rate_accum, STYPE = kpi.state, INITCOND = '{0,0,0,0,0,0,0,0,1}',
    FINALFUNC = kpi.rolling_rate_final, COMBINEFUNC = kpi.rate_combine,
    MSFUNC = kpi.rate_accum, MINVFUNC = kpi.rate_accum_inv, MSTYPE = kpi.state,
    MINITCOND = '{0,0,0,0,0,0,0,0,1}', MFINALFUNC = kpi.rolling_rate_final,
    PARALLEL = SAFE
);
COMMENT ON AGGREGATE kpi.rolling_rate(pg_catalog.float8, pg_catalog.float8, pg_catalog.float8)
    IS 'sum(numerator) / avg(denominator) × per, e.g. a 12-month rolling rate per 10,000 as a window function';

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
    IS 'sum(numerator) / sum(denominator) × per: the pooled rate, e.g. three years of deaths over three years of population';

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

--------------------------------------------------------------------------
-- 3b. Benchmark comparison with peers: rank and quartile
--------------------------------------------------------------------------

CREATE FUNCTION kpi.peer_rank_accum(kpi.state, pg_catalog.float8, pg_catalog.float8, pg_catalog.text)
    RETURNS kpi.state
    AS 'MODULE_PATHNAME', 'peer_rank_accum' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION kpi.peer_rank_accum(kpi.state, pg_catalog.float8, pg_catalog.float8, pg_catalog.text)
    IS 'transition function of kpi.peer_rank';
CREATE FUNCTION kpi.peer_rank_combine(kpi.state, kpi.state) RETURNS kpi.state
    AS 'MODULE_PATHNAME', 'peer_rank_combine' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION kpi.peer_rank_combine(kpi.state, kpi.state)
    IS 'combine function of kpi.peer_rank';
CREATE FUNCTION kpi.peer_rank_final(kpi.state) RETURNS pg_catalog.int8
    AS 'MODULE_PATHNAME', 'peer_rank_final' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION kpi.peer_rank_final(kpi.state)
    IS 'final function of kpi.peer_rank';

CREATE AGGREGATE kpi.peer_rank(local pg_catalog.float8, peer pg_catalog.float8, polarity pg_catalog.text) (
    SFUNC = kpi.peer_rank_accum, STYPE = kpi.state, INITCOND = '{0,0,0,0}',
    FINALFUNC = kpi.peer_rank_final, COMBINEFUNC = kpi.peer_rank_combine,
    PARALLEL = SAFE
);
COMMENT ON AGGREGATE kpi.peer_rank(pg_catalog.float8, pg_catalog.float8, pg_catalog.text)
    IS 'rank of the local value among the peer rows: 1 + the number of peers strictly better (ties share a rank); NULL for polarity none';

CREATE FUNCTION kpi.quartile(value pg_catalog.float8, cuts pg_catalog.float8[], polarity pg_catalog.text)
    RETURNS pg_catalog.int4
    AS 'MODULE_PATHNAME', 'kpi_quartile' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION kpi.quartile(pg_catalog.float8, pg_catalog.float8[], pg_catalog.text)
    IS 'quartile of value given the cut points from percentile_cont(ARRAY[0.25,0.5,0.75]): 1 = best, 4 = worst; a value on a cut point goes to the better quartile';

--------------------------------------------------------------------------
-- 5. Trends and extrapolation: the kpi.trend state, its aggregates and
--    accessors; Mann–Kendall and Theil–Sen
--------------------------------------------------------------------------
-- x is a float8, or for date and timestamptz elapsed time in days since
-- 1970-01-01 00:00 UTC (a date counts as midnight UTC).

CREATE TYPE kpi.trend;

CREATE FUNCTION kpi.trend_in(pg_catalog.cstring) RETURNS kpi.trend
    AS 'MODULE_PATHNAME', 'trend_in' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION kpi.trend_out(kpi.trend) RETURNS pg_catalog.cstring
    AS 'MODULE_PATHNAME', 'trend_out' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION kpi.trend_recv(pg_catalog.internal) RETURNS kpi.trend
    AS 'MODULE_PATHNAME', 'trend_recv' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION kpi.trend_send(kpi.trend) RETURNS pg_catalog.bytea
    AS 'MODULE_PATHNAME', 'trend_send' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE TYPE kpi.trend (
    INPUT          = kpi.trend_in,
    OUTPUT         = kpi.trend_out,
    RECEIVE        = kpi.trend_recv,
    SEND           = kpi.trend_send,
    INTERNALLENGTH = 96,
    ALIGNMENT      = double,
    STORAGE        = plain
);
COMMENT ON TYPE kpi.trend IS 'least-squares trend state: count, means and co-moments of (x, y); store it, roll it up, read lines off it';
COMMENT ON FUNCTION kpi.trend_in(pg_catalog.cstring) IS 'text input of kpi.trend: (kind,n=..,x0=..,y0=..,xmax=..,mx=..,my=..,sxx=..,syy=..,sxy=..)';
COMMENT ON FUNCTION kpi.trend_out(kpi.trend) IS 'text output of kpi.trend; reads back bit-for-bit whatever extra_float_digits is';
COMMENT ON FUNCTION kpi.trend_recv(pg_catalog.internal) IS 'binary input of kpi.trend, validated like the text input';
COMMENT ON FUNCTION kpi.trend_send(kpi.trend) IS 'binary output of kpi.trend';

-- transition, inverse transition (moving-aggregate mode) and combine
CREATE FUNCTION kpi.trend_accum(kpi.trend, pg_catalog.float8, pg_catalog.float8) RETURNS kpi.trend
    AS 'MODULE_PATHNAME', 'trend_accum_float8' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION kpi.trend_accum(kpi.trend, pg_catalog.float8, pg_catalog.date) RETURNS kpi.trend
    AS 'MODULE_PATHNAME', 'trend_accum_date' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION kpi.trend_accum(kpi.trend, pg_catalog.float8, pg_catalog.timestamptz) RETURNS kpi.trend
    AS 'MODULE_PATHNAME', 'trend_accum_timestamptz' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION kpi.trend_accum_inv(kpi.trend, pg_catalog.float8, pg_catalog.float8) RETURNS kpi.trend
    AS 'MODULE_PATHNAME', 'trend_accum_inv_float8' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION kpi.trend_accum_inv(kpi.trend, pg_catalog.float8, pg_catalog.date) RETURNS kpi.trend
    AS 'MODULE_PATHNAME', 'trend_accum_inv_date' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION kpi.trend_accum_inv(kpi.trend, pg_catalog.float8, pg_catalog.timestamptz) RETURNS kpi.trend
    AS 'MODULE_PATHNAME', 'trend_accum_inv_timestamptz' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION kpi.trend_combine(kpi.trend, kpi.trend) RETURNS kpi.trend
    AS 'MODULE_PATHNAME', 'trend_combine' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION kpi.trend_accum(kpi.trend, pg_catalog.float8, pg_catalog.float8) IS 'transition of kpi.trend(y, x float8): adds one point';
COMMENT ON FUNCTION kpi.trend_accum(kpi.trend, pg_catalog.float8, pg_catalog.date) IS 'transition of kpi.trend(y, x date): adds one point';
COMMENT ON FUNCTION kpi.trend_accum(kpi.trend, pg_catalog.float8, pg_catalog.timestamptz) IS 'transition of kpi.trend(y, x timestamptz): adds one point';
COMMENT ON FUNCTION kpi.trend_accum_inv(kpi.trend, pg_catalog.float8, pg_catalog.float8) IS 'inverse transition of kpi.trend(y, x float8): removes one point, or NULL to ask for a recomputation';
COMMENT ON FUNCTION kpi.trend_accum_inv(kpi.trend, pg_catalog.float8, pg_catalog.date) IS 'inverse transition of kpi.trend(y, x date): removes one point, or NULL to ask for a recomputation';
COMMENT ON FUNCTION kpi.trend_accum_inv(kpi.trend, pg_catalog.float8, pg_catalog.timestamptz) IS 'inverse transition of kpi.trend(y, x timestamptz): removes one point, or NULL to ask for a recomputation';
COMMENT ON FUNCTION kpi.trend_combine(kpi.trend, kpi.trend) IS 'merges two trend states over the same kind of x';

-- the aggregates; the initial state is an empty trend of the right x kind,
-- so a trend over no rows has n = 0 (and no slope)
CREATE AGGREGATE kpi.trend(y pg_catalog.float8, x pg_catalog.float8) (
    SFUNC = kpi.trend_accum, STYPE = kpi.trend,
    INITCOND = '(float8,n=0,x0=0,y0=0,xmax=0,mx=0,my=0,sxx=0,syy=0,sxy=0)',
    COMBINEFUNC = kpi.trend_combine,
    MSFUNC = kpi.trend_accum, MINVFUNC = kpi.trend_accum_inv, MSTYPE = kpi.trend,
    MINITCOND = '(float8,n=0,x0=0,y0=0,xmax=0,mx=0,my=0,sxx=0,syy=0,sxy=0)',
    PARALLEL = SAFE
);
CREATE AGGREGATE kpi.trend(y pg_catalog.float8, x pg_catalog.date) (
    SFUNC = kpi.trend_accum, STYPE = kpi.trend,
    INITCOND = '(date,n=0,x0=0,y0=0,xmax=0,mx=0,my=0,sxx=0,syy=0,sxy=0)',
    COMBINEFUNC = kpi.trend_combine,
    MSFUNC = kpi.trend_accum, MINVFUNC = kpi.trend_accum_inv, MSTYPE = kpi.trend,
    MINITCOND = '(date,n=0,x0=0,y0=0,xmax=0,mx=0,my=0,sxx=0,syy=0,sxy=0)',
    PARALLEL = SAFE
);
CREATE AGGREGATE kpi.trend(y pg_catalog.float8, x pg_catalog.timestamptz) (
    SFUNC = kpi.trend_accum, STYPE = kpi.trend,
    INITCOND = '(timestamptz,n=0,x0=0,y0=0,xmax=0,mx=0,my=0,sxx=0,syy=0,sxy=0)',
    COMBINEFUNC = kpi.trend_combine,
    MSFUNC = kpi.trend_accum, MINVFUNC = kpi.trend_accum_inv, MSTYPE = kpi.trend,
    MINITCOND = '(timestamptz,n=0,x0=0,y0=0,xmax=0,mx=0,my=0,sxx=0,syy=0,sxy=0)',
    PARALLEL = SAFE
);
COMMENT ON AGGREGATE kpi.trend(pg_catalog.float8, pg_catalog.float8) IS 'least-squares trend of y over numeric x, one pass; splittable (parallel, Citus); O(1) per row as a moving window';
COMMENT ON AGGREGATE kpi.trend(pg_catalog.float8, pg_catalog.date) IS 'least-squares trend of y over dates (x in days since 1970-01-01); splittable; O(1) per row as a moving window';
COMMENT ON AGGREGATE kpi.trend(pg_catalog.float8, pg_catalog.timestamptz) IS 'least-squares trend of y over time (x in days since 1970-01-01 UTC); splittable; O(1) per row as a moving window';

CREATE AGGREGATE kpi.rollup(kpi.trend) (
    SFUNC = kpi.trend_combine, STYPE = kpi.trend,
    COMBINEFUNC = kpi.trend_combine,
    PARALLEL = SAFE
);
COMMENT ON AGGREGATE kpi.rollup(kpi.trend) IS 'merges stored trend states into one, as if one pass had seen all their rows; all states must share the kind of x';

-- accessors
CREATE FUNCTION kpi.n(kpi.trend) RETURNS pg_catalog.int8
    AS 'MODULE_PATHNAME', 'trend_n' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION kpi.n(kpi.trend) IS 'number of points in the trend';
CREATE FUNCTION kpi.x_type(kpi.trend) RETURNS pg_catalog.text
    AS 'MODULE_PATHNAME', 'trend_x_type' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION kpi.x_type(kpi.trend) IS 'the type of x the trend was built from: float8, date or timestamptz';
CREATE FUNCTION kpi.slope(kpi.trend) RETURNS pg_catalog.float8
    AS 'MODULE_PATHNAME', 'trend_slope' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION kpi.slope(kpi.trend) IS 'least-squares slope per unit of x (per day for date/time trends); NULL without two distinct x (as regr_slope)';
CREATE FUNCTION kpi.slope(kpi.trend, per pg_catalog.interval) RETURNS pg_catalog.float8
    AS 'MODULE_PATHNAME', 'trend_slope_per' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION kpi.slope(kpi.trend, pg_catalog.interval) IS 'slope of a date/time trend per interval; a month is 365.2425/12 days, a day 24 hours';
CREATE FUNCTION kpi.slope_se(kpi.trend) RETURNS pg_catalog.float8
    AS 'MODULE_PATHNAME', 'trend_slope_se' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION kpi.slope_se(kpi.trend) IS 'standard error of the slope, sqrt(SSE/(n-2)/Sxx); NULL below 3 points';
CREATE FUNCTION kpi.slope_p(kpi.trend) RETURNS pg_catalog.float8
    AS 'MODULE_PATHNAME', 'trend_slope_p' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION kpi.slope_p(kpi.trend) IS 'two-sided p-value of the t test of slope = 0 (n-2 degrees of freedom); NULL below 3 points or for constant y';
CREATE FUNCTION kpi.intercept(kpi.trend) RETURNS pg_catalog.float8
    AS 'MODULE_PATHNAME', 'trend_intercept' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION kpi.intercept(kpi.trend) IS 'fitted y at x = 0 (at 1970-01-01 UTC for date/time trends), as regr_intercept';
CREATE FUNCTION kpi.r2(kpi.trend) RETURNS pg_catalog.float8
    AS 'MODULE_PATHNAME', 'trend_r2' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION kpi.r2(kpi.trend) IS 'coefficient of determination, as regr_r2 (1 for a constant y)';

CREATE FUNCTION kpi.predict(kpi.trend, x pg_catalog.float8) RETURNS pg_catalog.float8
    AS 'MODULE_PATHNAME', 'trend_predict_float8' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION kpi.predict(kpi.trend, x pg_catalog.date) RETURNS pg_catalog.float8
    AS 'MODULE_PATHNAME', 'trend_predict_date' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION kpi.predict(kpi.trend, x pg_catalog.timestamptz) RETURNS pg_catalog.float8
    AS 'MODULE_PATHNAME', 'trend_predict_timestamptz' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION kpi.predict(kpi.trend, pg_catalog.float8) IS 'the fitted line at x (a trend over float8 x)';
COMMENT ON FUNCTION kpi.predict(kpi.trend, pg_catalog.date) IS 'the fitted line at a date (midnight UTC), e.g. the year-end extrapolation';
COMMENT ON FUNCTION kpi.predict(kpi.trend, pg_catalog.timestamptz) IS 'the fitted line at a moment';

CREATE TYPE kpi.forecast_interval AS (estimate pg_catalog.float8, lower pg_catalog.float8, upper pg_catalog.float8);
COMMENT ON TYPE kpi.forecast_interval IS 'a forecast: the fitted value and the bounds of its prediction interval';

CREATE FUNCTION kpi.forecast(kpi.trend, x pg_catalog.float8, level pg_catalog.float8 DEFAULT 0.95)
    RETURNS kpi.forecast_interval
    AS 'MODULE_PATHNAME', 'trend_forecast_float8' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION kpi.forecast(kpi.trend, x pg_catalog.date, level pg_catalog.float8 DEFAULT 0.95)
    RETURNS kpi.forecast_interval
    AS 'MODULE_PATHNAME', 'trend_forecast_date' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION kpi.forecast(kpi.trend, x pg_catalog.timestamptz, level pg_catalog.float8 DEFAULT 0.95)
    RETURNS kpi.forecast_interval
    AS 'MODULE_PATHNAME', 'trend_forecast_timestamptz' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION kpi.forecast(kpi.trend, pg_catalog.float8, pg_catalog.float8) IS 'fitted value at x with the Student-t prediction interval for a new observation; bounds NULL below 3 points';
COMMENT ON FUNCTION kpi.forecast(kpi.trend, pg_catalog.date, pg_catalog.float8) IS 'fitted value at a date with the Student-t prediction interval for a new observation';
COMMENT ON FUNCTION kpi.forecast(kpi.trend, pg_catalog.timestamptz, pg_catalog.float8) IS 'fitted value at a moment with the Student-t prediction interval for a new observation';

CREATE FUNCTION kpi.reaches(kpi.trend, target pg_catalog.float8) RETURNS pg_catalog.float8
    AS 'MODULE_PATHNAME', 'trend_reaches' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION kpi.reaches(kpi.trend, pg_catalog.float8) IS 'the x at which the line reaches target, at or after the latest x; NULL when flat or moving away (it crossed before the latest x)';
CREATE FUNCTION kpi.reaches_at(kpi.trend, target pg_catalog.float8) RETURNS pg_catalog.timestamptz
    AS 'MODULE_PATHNAME', 'trend_reaches_at' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION kpi.reaches_at(kpi.trend, pg_catalog.float8) IS 'kpi.reaches as a moment, for date/time trends; infinity beyond the timestamp range';

-- Is the trend real?  Both need every point: the state is a kpi.state
-- {x1, y1, x2, y2, ...}.  Pairs are compared by x, so row order does not
-- matter and partial states combine by concatenation (kpi.state_cat):
-- parallel query and Citus can split these aggregates (the final step still
-- sees every point, O(n^2) pairs).
CREATE TYPE kpi.mann_kendall_result AS (s pg_catalog.int8, z pg_catalog.float8, p pg_catalog.float8);
COMMENT ON TYPE kpi.mann_kendall_result IS 'Mann–Kendall statistic S, its normal score z and two-sided p-value';
CREATE TYPE kpi.theil_sen_line AS (slope pg_catalog.float8, intercept pg_catalog.float8);
COMMENT ON TYPE kpi.theil_sen_line IS 'a Theil–Sen line: median pairwise slope and median intercept';

CREATE FUNCTION kpi.series_accum(kpi.state, pg_catalog.float8, pg_catalog.float8) RETURNS kpi.state
    AS 'MODULE_PATHNAME', 'series_accum_float8' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION kpi.series_accum(kpi.state, pg_catalog.float8, pg_catalog.date) RETURNS kpi.state
    AS 'MODULE_PATHNAME', 'series_accum_date' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION kpi.series_accum(kpi.state, pg_catalog.float8, pg_catalog.timestamptz) RETURNS kpi.state
    AS 'MODULE_PATHNAME', 'series_accum_timestamptz' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION kpi.mann_kendall_final(kpi.state) RETURNS kpi.mann_kendall_result
    AS 'MODULE_PATHNAME', 'mann_kendall_final' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION kpi.theil_sen_final(kpi.state) RETURNS kpi.theil_sen_line
    AS 'MODULE_PATHNAME', 'theil_sen_final' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION kpi.series_accum(kpi.state, pg_catalog.float8, pg_catalog.float8) IS 'transition of kpi.mann_kendall and kpi.theil_sen: collects (x, y)';
COMMENT ON FUNCTION kpi.series_accum(kpi.state, pg_catalog.float8, pg_catalog.date) IS 'transition of kpi.mann_kendall and kpi.theil_sen: collects (x, y)';
COMMENT ON FUNCTION kpi.series_accum(kpi.state, pg_catalog.float8, pg_catalog.timestamptz) IS 'transition of kpi.mann_kendall and kpi.theil_sen: collects (x, y)';
COMMENT ON FUNCTION kpi.mann_kendall_final(kpi.state) IS 'final function of kpi.mann_kendall';
COMMENT ON FUNCTION kpi.theil_sen_final(kpi.state) IS 'final function of kpi.theil_sen';

CREATE AGGREGATE kpi.mann_kendall(y pg_catalog.float8, x pg_catalog.float8) (
    SFUNC = kpi.series_accum, STYPE = kpi.state, FINALFUNC = kpi.mann_kendall_final,
    COMBINEFUNC = kpi.state_cat,
    PARALLEL = SAFE
);
CREATE AGGREGATE kpi.mann_kendall(y pg_catalog.float8, x pg_catalog.date) (
    SFUNC = kpi.series_accum, STYPE = kpi.state, FINALFUNC = kpi.mann_kendall_final,
    COMBINEFUNC = kpi.state_cat,
    PARALLEL = SAFE
);
CREATE AGGREGATE kpi.mann_kendall(y pg_catalog.float8, x pg_catalog.timestamptz) (
    SFUNC = kpi.series_accum, STYPE = kpi.state, FINALFUNC = kpi.mann_kendall_final,
    COMBINEFUNC = kpi.state_cat,
    PARALLEL = SAFE
);
COMMENT ON AGGREGATE kpi.mann_kendall(pg_catalog.float8, pg_catalog.float8) IS 'Mann–Kendall trend test, two-sided, tie-corrected variance, continuity correction; splittable (needs every point)';
COMMENT ON AGGREGATE kpi.mann_kendall(pg_catalog.float8, pg_catalog.date) IS 'Mann–Kendall trend test over dates; splittable';
COMMENT ON AGGREGATE kpi.mann_kendall(pg_catalog.float8, pg_catalog.timestamptz) IS 'Mann–Kendall trend test over time; splittable';

CREATE AGGREGATE kpi.theil_sen(y pg_catalog.float8, x pg_catalog.float8) (
    SFUNC = kpi.series_accum, STYPE = kpi.state, FINALFUNC = kpi.theil_sen_final,
    COMBINEFUNC = kpi.state_cat,
    PARALLEL = SAFE
);
CREATE AGGREGATE kpi.theil_sen(y pg_catalog.float8, x pg_catalog.date) (
    SFUNC = kpi.series_accum, STYPE = kpi.state, FINALFUNC = kpi.theil_sen_final,
    COMBINEFUNC = kpi.state_cat,
    PARALLEL = SAFE
);
CREATE AGGREGATE kpi.theil_sen(y pg_catalog.float8, x pg_catalog.timestamptz) (
    SFUNC = kpi.series_accum, STYPE = kpi.state, FINALFUNC = kpi.theil_sen_final,
    COMBINEFUNC = kpi.state_cat,
    PARALLEL = SAFE
);
COMMENT ON AGGREGATE kpi.theil_sen(pg_catalog.float8, pg_catalog.float8) IS 'Theil–Sen line: median of pairwise slopes, median intercept; at most 4472 points; splittable';
COMMENT ON AGGREGATE kpi.theil_sen(pg_catalog.float8, pg_catalog.date) IS 'Theil–Sen line over dates (slope per day, intercept at 1970-01-01); splittable';
COMMENT ON AGGREGATE kpi.theil_sen(pg_catalog.float8, pg_catalog.timestamptz) IS 'Theil–Sen line over time (slope per day, intercept at 1970-01-01 UTC); splittable';

--------------------------------------------------------------------------
-- 6. Financial periods and target trajectories
--------------------------------------------------------------------------
-- start_month is the month the financial year starts in (UK: April, 4).
-- Everything is month-based and uses fixed English month names.

CREATE FUNCTION kpi.fy(d pg_catalog.date, start_month pg_catalog.int4 DEFAULT 4) RETURNS pg_catalog.text
    AS 'MODULE_PATHNAME', 'kpi_fy' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION kpi.fy(pg_catalog.date, pg_catalog.int4) IS 'the financial year of a date, e.g. 2024/25 (2024 when start_month is 1)';
CREATE FUNCTION kpi.fy_start(d pg_catalog.date, start_month pg_catalog.int4 DEFAULT 4) RETURNS pg_catalog.date
    AS 'MODULE_PATHNAME', 'kpi_fy_start' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION kpi.fy_start(pg_catalog.date, pg_catalog.int4) IS 'first day of the financial year of a date';
CREATE FUNCTION kpi.fy_end(d pg_catalog.date, start_month pg_catalog.int4 DEFAULT 4) RETURNS pg_catalog.date
    AS 'MODULE_PATHNAME', 'kpi_fy_end' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION kpi.fy_end(pg_catalog.date, pg_catalog.int4) IS 'last day of the financial year of a date';
CREATE FUNCTION kpi.fy_quarter(d pg_catalog.date, start_month pg_catalog.int4 DEFAULT 4) RETURNS pg_catalog.int4
    AS 'MODULE_PATHNAME', 'kpi_fy_quarter' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION kpi.fy_quarter(pg_catalog.date, pg_catalog.int4) IS 'quarter of the financial year, 1 to 4';
CREATE FUNCTION kpi.fy_quarter_label(d pg_catalog.date, style pg_catalog.text DEFAULT 'short',
                                     start_month pg_catalog.int4 DEFAULT 4) RETURNS pg_catalog.text
    AS 'MODULE_PATHNAME', 'kpi_fy_quarter_label' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION kpi.fy_quarter_label(pg_catalog.date, pg_catalog.text, pg_catalog.int4) IS 'quarter label: style short gives 2024/25 Q2, style dash gives 2024/25 - Q2';
CREATE FUNCTION kpi.rolling_year_label(d pg_catalog.date) RETURNS pg_catalog.text
    AS 'MODULE_PATHNAME', 'kpi_rolling_year_label' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION kpi.rolling_year_label(pg_catalog.date) IS 'the twelve months ending with the month of d, e.g. Sep 2023 - Aug 2024';
CREATE FUNCTION kpi.fy_elapsed(d pg_catalog.date, start_month pg_catalog.int4 DEFAULT 4) RETURNS pg_catalog.float8
    AS 'MODULE_PATHNAME', 'kpi_fy_elapsed' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION kpi.fy_elapsed(pg_catalog.date, pg_catalog.int4) IS 'share of the financial year elapsed at the end of the month of d, in whole months (September: 0.5)';
CREATE FUNCTION kpi.trajectory(target pg_catalog.float8, as_of pg_catalog.date,
                               baseline pg_catalog.float8 DEFAULT 0,
                               start_month pg_catalog.int4 DEFAULT 4) RETURNS pg_catalog.float8
    AS 'MODULE_PATHNAME', 'kpi_trajectory' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION kpi.trajectory(pg_catalog.float8, pg_catalog.date, pg_catalog.float8, pg_catalog.int4) IS 'year-end target pro-rated by whole months from baseline: trajectory(560.8, ''2024-09-30'') = 280.4';

--------------------------------------------------------------------------
-- 7. Visual helpers for text reports: sparklines
--------------------------------------------------------------------------

CREATE FUNCTION kpi.sparkline_accum(kpi.state, pg_catalog.float8) RETURNS kpi.state
    AS 'MODULE_PATHNAME', 'sparkline_accum' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION kpi.sparkline_accum(kpi.state, pg_catalog.float8) IS 'transition of kpi.sparkline: collects the values in order, a NULL as NaN';
CREATE FUNCTION kpi.sparkline_final(kpi.state) RETURNS pg_catalog.text
    AS 'MODULE_PATHNAME', 'sparkline_final' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION kpi.sparkline_final(kpi.state) IS 'final function of kpi.sparkline: draws the bars';

-- order matters, so there is no combine function: never split
CREATE AGGREGATE kpi.sparkline(value pg_catalog.float8) (
    SFUNC = kpi.sparkline_accum, STYPE = kpi.state, FINALFUNC = kpi.sparkline_final,
    PARALLEL = SAFE
);
COMMENT ON AGGREGATE kpi.sparkline(pg_catalog.float8) IS 'sparkline ▁▂▃▄▅▆▇█ scaled min..max, a space for NULL, ▄ throughout for a constant series; write ORDER BY in the call';

CREATE FUNCTION kpi.sparkline(pg_catalog.float8[]) RETURNS pg_catalog.text
    AS 'MODULE_PATHNAME', 'sparkline_array' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION kpi.sparkline(pg_catalog.float8[]) IS 'sparkline of an array, in array order; a space for a NULL element';
