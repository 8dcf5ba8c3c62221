
--------------------------------------------------------------------------
-- 2b. Scoring policies: kpi.policy and kpi.score
--------------------------------------------------------------------------
-- How an indicator is scored, as a column: 'relative 10%', 'absolute 2',
-- 'met', each optionally 'cumulative' (against the trajectory to date) and
-- 'stretch S' (BRAG: blue on or better than S).  src/policy.c has the rules.

CREATE TYPE kpi.policy;

CREATE FUNCTION kpi.policy_in(pg_catalog.cstring) RETURNS kpi.policy
    AS 'MODULE_PATHNAME', 'policy_in' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION kpi.policy_out(kpi.policy) RETURNS pg_catalog.cstring
    AS 'MODULE_PATHNAME', 'policy_out' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION kpi.policy_recv(pg_catalog.internal) RETURNS kpi.policy
    AS 'MODULE_PATHNAME', 'policy_recv' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION kpi.policy_send(kpi.policy) RETURNS pg_catalog.bytea
    AS 'MODULE_PATHNAME', 'policy_send' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE TYPE kpi.policy (
    INPUT          = kpi.policy_in,
    OUTPUT         = kpi.policy_out,
    RECEIVE        = kpi.policy_recv,
    SEND           = kpi.policy_send,
    INTERNALLENGTH = 24,
    ALIGNMENT      = double,
    STORAGE        = plain
);
COMMENT ON TYPE kpi.policy IS 'how an indicator is scored: relative [T], absolute T or met, optionally cumulative and stretch S';
-- text into a kpi.policy column (INSERT ... SELECT from a staging table)
CREATE CAST (pg_catalog.text AS kpi.policy) WITH INOUT AS ASSIGNMENT;

CREATE FUNCTION kpi.policy_eq(kpi.policy, kpi.policy) RETURNS pg_catalog.bool
    AS 'MODULE_PATHNAME', 'policy_eq' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION kpi.policy_ne(kpi.policy, kpi.policy) RETURNS pg_catalog.bool
    AS 'MODULE_PATHNAME', 'policy_ne' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION kpi.policy_lt(kpi.policy, kpi.policy) RETURNS pg_catalog.bool
    AS 'MODULE_PATHNAME', 'policy_lt' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION kpi.policy_le(kpi.policy, kpi.policy) RETURNS pg_catalog.bool
    AS 'MODULE_PATHNAME', 'policy_le' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION kpi.policy_gt(kpi.policy, kpi.policy) RETURNS pg_catalog.bool
    AS 'MODULE_PATHNAME', 'policy_gt' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION kpi.policy_ge(kpi.policy, kpi.policy) RETURNS pg_catalog.bool
    AS 'MODULE_PATHNAME', 'policy_ge' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION kpi.policy_cmp(kpi.policy, kpi.policy) RETURNS pg_catalog.int4
    AS 'MODULE_PATHNAME', 'policy_cmp' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION kpi.policy_hash(kpi.policy) RETURNS pg_catalog.int4
    AS 'MODULE_PATHNAME', 'policy_hash' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION kpi.policy_hash_extended(kpi.policy, pg_catalog.int8) RETURNS pg_catalog.int8
    AS 'MODULE_PATHNAME', 'policy_hash_extended' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;

-- in pg_catalog, as kpi.rag's (10-rag.sql says why); the order only serves
-- indexes, GROUP BY and DISTINCT
CREATE OPERATOR pg_catalog.= (
    LEFTARG = kpi.policy, RIGHTARG = kpi.policy, PROCEDURE = kpi.policy_eq,
    COMMUTATOR = OPERATOR(pg_catalog.=), NEGATOR = OPERATOR(pg_catalog.<>),
    RESTRICT = pg_catalog.eqsel, JOIN = pg_catalog.eqjoinsel, HASHES, MERGES
);
CREATE OPERATOR pg_catalog.<> (
    LEFTARG = kpi.policy, RIGHTARG = kpi.policy, PROCEDURE = kpi.policy_ne,
    COMMUTATOR = OPERATOR(pg_catalog.<>), NEGATOR = OPERATOR(pg_catalog.=),
    RESTRICT = pg_catalog.neqsel, JOIN = pg_catalog.neqjoinsel
);
CREATE OPERATOR pg_catalog.< (
    LEFTARG = kpi.policy, RIGHTARG = kpi.policy, PROCEDURE = kpi.policy_lt,
    COMMUTATOR = OPERATOR(pg_catalog.>), NEGATOR = OPERATOR(pg_catalog.>=),
    RESTRICT = pg_catalog.scalarltsel, JOIN = pg_catalog.scalarltjoinsel
);
CREATE OPERATOR pg_catalog.<= (
    LEFTARG = kpi.policy, RIGHTARG = kpi.policy, PROCEDURE = kpi.policy_le,
    COMMUTATOR = OPERATOR(pg_catalog.>=), NEGATOR = OPERATOR(pg_catalog.>),
    RESTRICT = pg_catalog.scalarlesel, JOIN = pg_catalog.scalarlejoinsel
);
CREATE OPERATOR pg_catalog.> (
    LEFTARG = kpi.policy, RIGHTARG = kpi.policy, PROCEDURE = kpi.policy_gt,
    COMMUTATOR = OPERATOR(pg_catalog.<), NEGATOR = OPERATOR(pg_catalog.<=),
    RESTRICT = pg_catalog.scalargtsel, JOIN = pg_catalog.scalargtjoinsel
);
CREATE OPERATOR pg_catalog.>= (
    LEFTARG = kpi.policy, RIGHTARG = kpi.policy, PROCEDURE = kpi.policy_ge,
    COMMUTATOR = OPERATOR(pg_catalog.<=), NEGATOR = OPERATOR(pg_catalog.<),
    RESTRICT = pg_catalog.scalargesel, JOIN = pg_catalog.scalargejoinsel
);
CREATE OPERATOR CLASS kpi.policy_ops DEFAULT FOR TYPE kpi.policy USING btree AS
    OPERATOR 1 pg_catalog.<,
    OPERATOR 2 pg_catalog.<=,
    OPERATOR 3 pg_catalog.=,
    OPERATOR 4 pg_catalog.>=,
    OPERATOR 5 pg_catalog.>,
    FUNCTION 1 kpi.policy_cmp(kpi.policy, kpi.policy);
CREATE OPERATOR CLASS kpi.policy_hash_ops DEFAULT FOR TYPE kpi.policy USING hash AS
    OPERATOR 1 pg_catalog.=,
    FUNCTION 1 kpi.policy_hash(kpi.policy),
    FUNCTION 2 kpi.policy_hash_extended(kpi.policy, pg_catalog.int8);

-- Not STRICT: a misspelt polarity is an error even in a row without a value.
CREATE FUNCTION kpi.score(actual pg_catalog.float8, target pg_catalog.float8, polarity pg_catalog.text,
                          policy kpi.policy, as_of pg_catalog.date DEFAULT NULL,
                          start_month pg_catalog.int4 DEFAULT 4)
    RETURNS kpi.rag
    AS 'MODULE_PATHNAME', 'kpi_score' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION kpi.score(pg_catalog.float8, pg_catalog.float8, pg_catalog.text, kpi.policy, pg_catalog.date, pg_catalog.int4)
    IS 'score by the indicator''s policy: relative or absolute band, met/not met, cumulative against the trajectory to as_of, blue for a stretch target met';
