--------------------------------------------------------------------------
-- Equality, ordering and hashing of the state types kpi.state and kpi.trend
--------------------------------------------------------------------------
-- DISTINCT, GROUP BY, UNION, INTERSECT, EXCEPT, count(DISTINCT ...),
-- PARTITION BY, btree and hash indexes, unique constraints, hash partitions,
-- and the row lookups of logical replication with REPLICA IDENTITY FULL
-- (the subscriber finds the old row with the type's default equality).
-- Two values are equal exactly when their text forms are.  The ordering
-- operators are spelled ~<~ ~<=~ ~>=~ ~>~ (as text_pattern_ops does): the
-- order is a storage order that says nothing about a trend's slope or an
-- aggregate's result, so a plain < on two states stays an error.  Like the
-- comparisons of kpi.rag, the operators live in pg_catalog (docs/safety.md,
-- "Comparing ratings"): both operands are kpi types, so no name can clash,
-- t = u works for every login, and nothing planted in public captures it.

-- kpi.state: the same count and values; every NaN equals every NaN
CREATE FUNCTION kpi.state_eq(kpi.state, kpi.state) RETURNS pg_catalog.bool
    AS 'MODULE_PATHNAME', 'kpi_state_eq' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION kpi.state_eq(kpi.state, kpi.state) IS 'equal: the same text form';
CREATE FUNCTION kpi.state_ne(kpi.state, kpi.state) RETURNS pg_catalog.bool
    AS 'MODULE_PATHNAME', 'kpi_state_ne' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION kpi.state_ne(kpi.state, kpi.state) IS 'not equal';
CREATE FUNCTION kpi.state_lt(kpi.state, kpi.state) RETURNS pg_catalog.bool
    AS 'MODULE_PATHNAME', 'kpi_state_lt' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION kpi.state_lt(kpi.state, kpi.state) IS 'before, in the storage order';
CREATE FUNCTION kpi.state_le(kpi.state, kpi.state) RETURNS pg_catalog.bool
    AS 'MODULE_PATHNAME', 'kpi_state_le' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION kpi.state_le(kpi.state, kpi.state) IS 'before or equal, in the storage order';
CREATE FUNCTION kpi.state_ge(kpi.state, kpi.state) RETURNS pg_catalog.bool
    AS 'MODULE_PATHNAME', 'kpi_state_ge' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION kpi.state_ge(kpi.state, kpi.state) IS 'after or equal, in the storage order';
CREATE FUNCTION kpi.state_gt(kpi.state, kpi.state) RETURNS pg_catalog.bool
    AS 'MODULE_PATHNAME', 'kpi_state_gt' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION kpi.state_gt(kpi.state, kpi.state) IS 'after, in the storage order';
CREATE FUNCTION kpi.state_cmp(kpi.state, kpi.state) RETURNS pg_catalog.int4
    AS 'MODULE_PATHNAME', 'kpi_state_cmp' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION kpi.state_cmp(kpi.state, kpi.state) IS 'btree support: -1, 0 or 1 in the storage order';
CREATE FUNCTION kpi.state_hash(kpi.state) RETURNS pg_catalog.int4
    AS 'MODULE_PATHNAME', 'kpi_state_hash' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION kpi.state_hash(kpi.state) IS 'hash support: equal values hash alike';
CREATE FUNCTION kpi.state_hash_extended(kpi.state, pg_catalog.int8) RETURNS pg_catalog.int8
    AS 'MODULE_PATHNAME', 'kpi_state_hash_extended' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION kpi.state_hash_extended(kpi.state, pg_catalog.int8) IS 'hash support: 64-bit seeded hash (hash partitions)';

CREATE OPERATOR pg_catalog.= (
    LEFTARG = kpi.state, RIGHTARG = kpi.state, FUNCTION = kpi.state_eq,
    COMMUTATOR = OPERATOR(pg_catalog.=), NEGATOR = OPERATOR(pg_catalog.<>),
    RESTRICT = pg_catalog.eqsel, JOIN = pg_catalog.eqjoinsel,
    MERGES, HASHES
);
CREATE OPERATOR pg_catalog.<> (
    LEFTARG = kpi.state, RIGHTARG = kpi.state, FUNCTION = kpi.state_ne,
    COMMUTATOR = OPERATOR(pg_catalog.<>), NEGATOR = OPERATOR(pg_catalog.=),
    RESTRICT = pg_catalog.neqsel, JOIN = pg_catalog.neqjoinsel
);
CREATE OPERATOR pg_catalog.~<~ (
    LEFTARG = kpi.state, RIGHTARG = kpi.state, FUNCTION = kpi.state_lt,
    COMMUTATOR = OPERATOR(pg_catalog.~>~), NEGATOR = OPERATOR(pg_catalog.~>=~),
    RESTRICT = pg_catalog.scalarltsel, JOIN = pg_catalog.scalarltjoinsel
);
CREATE OPERATOR pg_catalog.~<=~ (
    LEFTARG = kpi.state, RIGHTARG = kpi.state, FUNCTION = kpi.state_le,
    COMMUTATOR = OPERATOR(pg_catalog.~>=~), NEGATOR = OPERATOR(pg_catalog.~>~),
    RESTRICT = pg_catalog.scalarlesel, JOIN = pg_catalog.scalarlejoinsel
);
CREATE OPERATOR pg_catalog.~>=~ (
    LEFTARG = kpi.state, RIGHTARG = kpi.state, FUNCTION = kpi.state_ge,
    COMMUTATOR = OPERATOR(pg_catalog.~<=~), NEGATOR = OPERATOR(pg_catalog.~<~),
    RESTRICT = pg_catalog.scalargesel, JOIN = pg_catalog.scalargejoinsel
);
CREATE OPERATOR pg_catalog.~>~ (
    LEFTARG = kpi.state, RIGHTARG = kpi.state, FUNCTION = kpi.state_gt,
    COMMUTATOR = OPERATOR(pg_catalog.~<~), NEGATOR = OPERATOR(pg_catalog.~<=~),
    RESTRICT = pg_catalog.scalargtsel, JOIN = pg_catalog.scalargtjoinsel
);

CREATE OPERATOR CLASS kpi.state_ops DEFAULT FOR TYPE kpi.state USING btree AS
    OPERATOR 1 pg_catalog.~<~,
    OPERATOR 2 pg_catalog.~<=~,
    OPERATOR 3 pg_catalog.=,
    OPERATOR 4 pg_catalog.~>=~,
    OPERATOR 5 pg_catalog.~>~,
    FUNCTION 1 kpi.state_cmp(kpi.state, kpi.state);
CREATE OPERATOR CLASS kpi.state_hash_ops DEFAULT FOR TYPE kpi.state USING hash AS
    OPERATOR 1 pg_catalog.=,
    FUNCTION 1 kpi.state_hash(kpi.state),
    FUNCTION 2 kpi.state_hash_extended(kpi.state, pg_catalog.int8);

-- kpi.trend: the same kind, count and fields (not the bookkeeping)
CREATE FUNCTION kpi.trend_eq(kpi.trend, kpi.trend) RETURNS pg_catalog.bool
    AS 'MODULE_PATHNAME', 'trend_eq' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION kpi.trend_eq(kpi.trend, kpi.trend) IS 'equal: the same text form';
CREATE FUNCTION kpi.trend_ne(kpi.trend, kpi.trend) RETURNS pg_catalog.bool
    AS 'MODULE_PATHNAME', 'trend_ne' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION kpi.trend_ne(kpi.trend, kpi.trend) IS 'not equal';
CREATE FUNCTION kpi.trend_lt(kpi.trend, kpi.trend) RETURNS pg_catalog.bool
    AS 'MODULE_PATHNAME', 'trend_lt' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION kpi.trend_lt(kpi.trend, kpi.trend) IS 'before, in the storage order';
CREATE FUNCTION kpi.trend_le(kpi.trend, kpi.trend) RETURNS pg_catalog.bool
    AS 'MODULE_PATHNAME', 'trend_le' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION kpi.trend_le(kpi.trend, kpi.trend) IS 'before or equal, in the storage order';
CREATE FUNCTION kpi.trend_ge(kpi.trend, kpi.trend) RETURNS pg_catalog.bool
    AS 'MODULE_PATHNAME', 'trend_ge' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION kpi.trend_ge(kpi.trend, kpi.trend) IS 'after or equal, in the storage order';
CREATE FUNCTION kpi.trend_gt(kpi.trend, kpi.trend) RETURNS pg_catalog.bool
    AS 'MODULE_PATHNAME', 'trend_gt' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION kpi.trend_gt(kpi.trend, kpi.trend) IS 'after, in the storage order';
CREATE FUNCTION kpi.trend_cmp(kpi.trend, kpi.trend) RETURNS pg_catalog.int4
    AS 'MODULE_PATHNAME', 'trend_cmp' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION kpi.trend_cmp(kpi.trend, kpi.trend) IS 'btree support: -1, 0 or 1 in the storage order';
CREATE FUNCTION kpi.trend_hash(kpi.trend) RETURNS pg_catalog.int4
    AS 'MODULE_PATHNAME', 'trend_hash' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION kpi.trend_hash(kpi.trend) IS 'hash support: equal values hash alike';
CREATE FUNCTION kpi.trend_hash_extended(kpi.trend, pg_catalog.int8) RETURNS pg_catalog.int8
    AS 'MODULE_PATHNAME', 'trend_hash_extended' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION kpi.trend_hash_extended(kpi.trend, pg_catalog.int8) IS 'hash support: 64-bit seeded hash (hash partitions)';

CREATE OPERATOR pg_catalog.= (
    LEFTARG = kpi.trend, RIGHTARG = kpi.trend, FUNCTION = kpi.trend_eq,
    COMMUTATOR = OPERATOR(pg_catalog.=), NEGATOR = OPERATOR(pg_catalog.<>),
    RESTRICT = pg_catalog.eqsel, JOIN = pg_catalog.eqjoinsel,
    MERGES, HASHES
);
CREATE OPERATOR pg_catalog.<> (
    LEFTARG = kpi.trend, RIGHTARG = kpi.trend, FUNCTION = kpi.trend_ne,
    COMMUTATOR = OPERATOR(pg_catalog.<>), NEGATOR = OPERATOR(pg_catalog.=),
    RESTRICT = pg_catalog.neqsel, JOIN = pg_catalog.neqjoinsel
);
CREATE OPERATOR pg_catalog.~<~ (
    LEFTARG = kpi.trend, RIGHTARG = kpi.trend, FUNCTION = kpi.trend_lt,
    COMMUTATOR = OPERATOR(pg_catalog.~>~), NEGATOR = OPERATOR(pg_catalog.~>=~),
    RESTRICT = pg_catalog.scalarltsel, JOIN = pg_catalog.scalarltjoinsel
);
CREATE OPERATOR pg_catalog.~<=~ (
    LEFTARG = kpi.trend, RIGHTARG = kpi.trend, FUNCTION = kpi.trend_le,
    COMMUTATOR = OPERATOR(pg_catalog.~>=~), NEGATOR = OPERATOR(pg_catalog.~>~),
    RESTRICT = pg_catalog.scalarlesel, JOIN = pg_catalog.scalarlejoinsel
);
CREATE OPERATOR pg_catalog.~>=~ (
    LEFTARG = kpi.trend, RIGHTARG = kpi.trend, FUNCTION = kpi.trend_ge,
    COMMUTATOR = OPERATOR(pg_catalog.~<=~), NEGATOR = OPERATOR(pg_catalog.~<~),
    RESTRICT = pg_catalog.scalargesel, JOIN = pg_catalog.scalargejoinsel
);
CREATE OPERATOR pg_catalog.~>~ (
    LEFTARG = kpi.trend, RIGHTARG = kpi.trend, FUNCTION = kpi.trend_gt,
    COMMUTATOR = OPERATOR(pg_catalog.~<~), NEGATOR = OPERATOR(pg_catalog.~<=~),
    RESTRICT = pg_catalog.scalargtsel, JOIN = pg_catalog.scalargtjoinsel
);

CREATE OPERATOR CLASS kpi.trend_ops DEFAULT FOR TYPE kpi.trend USING btree AS
    OPERATOR 1 pg_catalog.~<~,
    OPERATOR 2 pg_catalog.~<=~,
    OPERATOR 3 pg_catalog.=,
    OPERATOR 4 pg_catalog.~>=~,
    OPERATOR 5 pg_catalog.~>~,
    FUNCTION 1 kpi.trend_cmp(kpi.trend, kpi.trend);
CREATE OPERATOR CLASS kpi.trend_hash_ops DEFAULT FOR TYPE kpi.trend USING hash AS
    OPERATOR 1 pg_catalog.=,
    FUNCTION 1 kpi.trend_hash(kpi.trend),
    FUNCTION 2 kpi.trend_hash_extended(kpi.trend, pg_catalog.int8);
