
--------------------------------------------------------------------------
-- 1b. The polarity type: kpi.polarity, which direction is good
--------------------------------------------------------------------------
-- A column type for an indicator table: a misspelt polarity is refused
-- when the row is loaded.  It reads every spelling that the functions'
-- text polarity reads (higher, lower, none and their aliases, Fingertips'
-- "RAG - High is good", Power BI's "Low is good", neutral, ...; any case,
-- surrounding blanks ignored) and prints higher, lower or none.  The
-- implicit cast to text makes every function that takes a text polarity
-- take a kpi.polarity too, with no second overload to make a literal
-- ambiguous.

CREATE TYPE kpi.polarity;

CREATE FUNCTION kpi.polarity_in(pg_catalog.cstring) RETURNS kpi.polarity
    AS 'MODULE_PATHNAME', 'polarity_in' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION kpi.polarity_out(kpi.polarity) RETURNS pg_catalog.cstring
    AS 'MODULE_PATHNAME', 'polarity_out' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION kpi.polarity_recv(pg_catalog.internal) RETURNS kpi.polarity
    AS 'MODULE_PATHNAME', 'polarity_recv' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION kpi.polarity_send(kpi.polarity) RETURNS pg_catalog.bytea
    AS 'MODULE_PATHNAME', 'polarity_send' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE TYPE kpi.polarity (
    INPUT          = kpi.polarity_in,
    OUTPUT         = kpi.polarity_out,
    RECEIVE        = kpi.polarity_recv,
    SEND           = kpi.polarity_send,
    INTERNALLENGTH = 1,
    PASSEDBYVALUE,
    ALIGNMENT      = char,
    STORAGE        = plain
);
COMMENT ON TYPE kpi.polarity IS 'which direction is good for an indicator: higher, lower or none (not scored)';

CREATE FUNCTION kpi.polarity_text(kpi.polarity) RETURNS pg_catalog.text
    AS 'MODULE_PATHNAME', 'polarity_text' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE CAST (kpi.polarity AS pg_catalog.text) WITH FUNCTION kpi.polarity_text(kpi.polarity) AS IMPLICIT;
-- and text into a kpi.polarity column (INSERT ... SELECT from a staging table)
CREATE CAST (pg_catalog.text AS kpi.polarity) WITH INOUT AS ASSIGNMENT;

CREATE FUNCTION kpi.polarity_eq(kpi.polarity, kpi.polarity) RETURNS pg_catalog.bool
    AS 'MODULE_PATHNAME', 'polarity_eq' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION kpi.polarity_ne(kpi.polarity, kpi.polarity) RETURNS pg_catalog.bool
    AS 'MODULE_PATHNAME', 'polarity_ne' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION kpi.polarity_lt(kpi.polarity, kpi.polarity) RETURNS pg_catalog.bool
    AS 'MODULE_PATHNAME', 'polarity_lt' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION kpi.polarity_le(kpi.polarity, kpi.polarity) RETURNS pg_catalog.bool
    AS 'MODULE_PATHNAME', 'polarity_le' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION kpi.polarity_gt(kpi.polarity, kpi.polarity) RETURNS pg_catalog.bool
    AS 'MODULE_PATHNAME', 'polarity_gt' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION kpi.polarity_ge(kpi.polarity, kpi.polarity) RETURNS pg_catalog.bool
    AS 'MODULE_PATHNAME', 'polarity_ge' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION kpi.polarity_cmp(kpi.polarity, kpi.polarity) RETURNS pg_catalog.int4
    AS 'MODULE_PATHNAME', 'polarity_cmp' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION kpi.polarity_hash(kpi.polarity) RETURNS pg_catalog.int4
    AS 'MODULE_PATHNAME', 'polarity_hash' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION kpi.polarity_hash_extended(kpi.polarity, pg_catalog.int8) RETURNS pg_catalog.int8
    AS 'MODULE_PATHNAME', 'polarity_hash_extended' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;

-- In pg_catalog, as kpi.rag's (10-rag.sql says why): p = 'High is good'
-- works for every login and compares the polarity, not its spelling.
-- The order (higher < lower < none) only serves sorting and indexes.
CREATE OPERATOR pg_catalog.= (
    LEFTARG = kpi.polarity, RIGHTARG = kpi.polarity, PROCEDURE = kpi.polarity_eq,
    COMMUTATOR = OPERATOR(pg_catalog.=), NEGATOR = OPERATOR(pg_catalog.<>),
    RESTRICT = pg_catalog.eqsel, JOIN = pg_catalog.eqjoinsel, HASHES, MERGES
);
CREATE OPERATOR pg_catalog.<> (
    LEFTARG = kpi.polarity, RIGHTARG = kpi.polarity, PROCEDURE = kpi.polarity_ne,
    COMMUTATOR = OPERATOR(pg_catalog.<>), NEGATOR = OPERATOR(pg_catalog.=),
    RESTRICT = pg_catalog.neqsel, JOIN = pg_catalog.neqjoinsel
);
CREATE OPERATOR pg_catalog.< (
    LEFTARG = kpi.polarity, RIGHTARG = kpi.polarity, PROCEDURE = kpi.polarity_lt,
    COMMUTATOR = OPERATOR(pg_catalog.>), NEGATOR = OPERATOR(pg_catalog.>=),
    RESTRICT = pg_catalog.scalarltsel, JOIN = pg_catalog.scalarltjoinsel
);
CREATE OPERATOR pg_catalog.<= (
    LEFTARG = kpi.polarity, RIGHTARG = kpi.polarity, PROCEDURE = kpi.polarity_le,
    COMMUTATOR = OPERATOR(pg_catalog.>=), NEGATOR = OPERATOR(pg_catalog.>),
    RESTRICT = pg_catalog.scalarlesel, JOIN = pg_catalog.scalarlejoinsel
);
CREATE OPERATOR pg_catalog.> (
    LEFTARG = kpi.polarity, RIGHTARG = kpi.polarity, PROCEDURE = kpi.polarity_gt,
    COMMUTATOR = OPERATOR(pg_catalog.<), NEGATOR = OPERATOR(pg_catalog.<=),
    RESTRICT = pg_catalog.scalargtsel, JOIN = pg_catalog.scalargtjoinsel
);
CREATE OPERATOR pg_catalog.>= (
    LEFTARG = kpi.polarity, RIGHTARG = kpi.polarity, PROCEDURE = kpi.polarity_ge,
    COMMUTATOR = OPERATOR(pg_catalog.<=), NEGATOR = OPERATOR(pg_catalog.<),
    RESTRICT = pg_catalog.scalargesel, JOIN = pg_catalog.scalargejoinsel
);

CREATE OPERATOR CLASS kpi.polarity_ops DEFAULT FOR TYPE kpi.polarity USING btree AS
    OPERATOR 1 pg_catalog.<,
    OPERATOR 2 pg_catalog.<=,
    OPERATOR 3 pg_catalog.=,
    OPERATOR 4 pg_catalog.>=,
    OPERATOR 5 pg_catalog.>,
    FUNCTION 1 kpi.polarity_cmp(kpi.polarity, kpi.polarity);

CREATE OPERATOR CLASS kpi.polarity_hash_ops DEFAULT FOR TYPE kpi.polarity USING hash AS
    OPERATOR 1 pg_catalog.=,
    FUNCTION 1 kpi.polarity_hash(kpi.polarity),
    FUNCTION 2 kpi.polarity_hash_extended(kpi.polarity, pg_catalog.int8);
