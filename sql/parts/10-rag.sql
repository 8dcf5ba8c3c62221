
--------------------------------------------------------------------------
-- 1. The RAG type: kpi.rag, a one-byte rating ordered red < amber < green < blue
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
COMMENT ON TYPE kpi.rag IS 'red/amber/green/blue rating, ordered red < amber < green < blue (blue: a stretch target met)';

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

-- The comparison operators live in pg_catalog, not kpi (docs/safety.md,
-- "Comparing ratings"): pg_catalog is searched first whatever the
-- search_path says and only superusers can create in it, so
-- r = 'red', r IN ('red', 'amber'), joins, CASE, NULLIF and IS DISTINCT FROM
-- work for every login, and nothing planted in public can capture them.
-- Only operators whose both operands are kpi.rag: they cannot clash with a
-- built-in or change how any other type's expressions resolve.
CREATE OPERATOR pg_catalog.= (
    LEFTARG = kpi.rag, RIGHTARG = kpi.rag, PROCEDURE = kpi.rag_eq,
    COMMUTATOR = OPERATOR(pg_catalog.=), NEGATOR = OPERATOR(pg_catalog.<>),
    RESTRICT = pg_catalog.eqsel, JOIN = pg_catalog.eqjoinsel, HASHES, MERGES
);
CREATE OPERATOR pg_catalog.<> (
    LEFTARG = kpi.rag, RIGHTARG = kpi.rag, PROCEDURE = kpi.rag_ne,
    COMMUTATOR = OPERATOR(pg_catalog.<>), NEGATOR = OPERATOR(pg_catalog.=),
    RESTRICT = pg_catalog.neqsel, JOIN = pg_catalog.neqjoinsel
);
CREATE OPERATOR pg_catalog.< (
    LEFTARG = kpi.rag, RIGHTARG = kpi.rag, PROCEDURE = kpi.rag_lt,
    COMMUTATOR = OPERATOR(pg_catalog.>), NEGATOR = OPERATOR(pg_catalog.>=),
    RESTRICT = pg_catalog.scalarltsel, JOIN = pg_catalog.scalarltjoinsel
);
CREATE OPERATOR pg_catalog.<= (
    LEFTARG = kpi.rag, RIGHTARG = kpi.rag, PROCEDURE = kpi.rag_le,
    COMMUTATOR = OPERATOR(pg_catalog.>=), NEGATOR = OPERATOR(pg_catalog.>),
    RESTRICT = pg_catalog.scalarlesel, JOIN = pg_catalog.scalarlejoinsel
);
CREATE OPERATOR pg_catalog.> (
    LEFTARG = kpi.rag, RIGHTARG = kpi.rag, PROCEDURE = kpi.rag_gt,
    COMMUTATOR = OPERATOR(pg_catalog.<), NEGATOR = OPERATOR(pg_catalog.<=),
    RESTRICT = pg_catalog.scalargtsel, JOIN = pg_catalog.scalargtjoinsel
);
CREATE OPERATOR pg_catalog.>= (
    LEFTARG = kpi.rag, RIGHTARG = kpi.rag, PROCEDURE = kpi.rag_ge,
    COMMUTATOR = OPERATOR(pg_catalog.<=), NEGATOR = OPERATOR(pg_catalog.<),
    RESTRICT = pg_catalog.scalargesel, JOIN = pg_catalog.scalargejoinsel
);

-- kpi 0.1.0 had these operators in kpi; SQL written for it, such as
-- r OPERATOR(kpi.=) 'red', keeps working through these aliases.  They are
-- in no operator class, so the planner cannot use an index, a hash or a
-- merge join for them: write plain = (the operators above) instead.
CREATE OPERATOR kpi.= (
    LEFTARG = kpi.rag, RIGHTARG = kpi.rag, PROCEDURE = kpi.rag_eq,
    COMMUTATOR = OPERATOR(kpi.=), NEGATOR = OPERATOR(kpi.<>),
    RESTRICT = pg_catalog.eqsel, JOIN = pg_catalog.eqjoinsel
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
    OPERATOR 1 pg_catalog.<,
    OPERATOR 2 pg_catalog.<=,
    OPERATOR 3 pg_catalog.=,
    OPERATOR 4 pg_catalog.>=,
    OPERATOR 5 pg_catalog.>,
    FUNCTION 1 kpi.rag_cmp(kpi.rag, kpi.rag),
    FUNCTION 2 kpi.rag_sortsupport(pg_catalog.internal);

-- hash indexes, hash joins, GROUP BY and DISTINCT by hashing, hash partitions
CREATE OPERATOR CLASS kpi.rag_hash_ops DEFAULT FOR TYPE kpi.rag USING hash AS
    OPERATOR 1 pg_catalog.=,
    FUNCTION 1 kpi.rag_hash(kpi.rag),
    FUNCTION 2 kpi.rag_hash_extended(kpi.rag, pg_catalog.int8);

-- display
CREATE FUNCTION kpi.symbol(kpi.rag) RETURNS pg_catalog.text
    AS 'MODULE_PATHNAME', 'rag_symbol' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION kpi.symbol(kpi.rag) IS 'the rating as a coloured circle (red, yellow, green or blue), or R, A, G, B where the database encoding has no such circles';
CREATE FUNCTION kpi.label(kpi.rag) RETURNS pg_catalog.text
    AS 'MODULE_PATHNAME', 'rag_label' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION kpi.label(kpi.rag) IS 'the rating as a capitalised word: Red, Amber, Green, Blue';

-- sort keys and colours for BI tools
CREATE FUNCTION kpi.rag_int(kpi.rag) RETURNS pg_catalog.int4
    AS 'MODULE_PATHNAME', 'rag_int' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE CAST (kpi.rag AS pg_catalog.int4) WITH FUNCTION kpi.rag_int(kpi.rag);
COMMENT ON FUNCTION kpi.rag_int(kpi.rag) IS 'the cast to integer: red 1, amber 2, green 3, blue 4';
CREATE FUNCTION kpi.colour(rating kpi.rag, palette pg_catalog.text DEFAULT 'govuk') RETURNS pg_catalog.text
    AS 'MODULE_PATHNAME', 'rag_colour' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION kpi.colour(kpi.rag, pg_catalog.text) IS 'the colour code of a rating: palette govuk (GOV.UK Design System) or fingertips';

-- aggregates: the worst and best rating of a group
CREATE FUNCTION kpi.rag_smaller(kpi.rag, kpi.rag) RETURNS kpi.rag
    AS 'MODULE_PATHNAME', 'rag_smaller' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION kpi.rag_larger(kpi.rag, kpi.rag) RETURNS kpi.rag
    AS 'MODULE_PATHNAME', 'rag_larger' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE AGGREGATE kpi.worst(kpi.rag) (
    SFUNC = kpi.rag_smaller, STYPE = kpi.rag,
    COMBINEFUNC = kpi.rag_smaller,
    SORTOP = OPERATOR(pg_catalog.<),
    PARALLEL = SAFE
);
COMMENT ON AGGREGATE kpi.worst(kpi.rag) IS 'the worst rating of the group (red before amber before green before blue); NULLs are skipped';
CREATE AGGREGATE kpi.best(kpi.rag) (
    SFUNC = kpi.rag_larger, STYPE = kpi.rag,
    COMBINEFUNC = kpi.rag_larger,
    SORTOP = OPERATOR(pg_catalog.>),
    PARALLEL = SAFE
);
COMMENT ON AGGREGATE kpi.best(kpi.rag) IS 'the best rating of the group; NULLs are skipped';

-- aggregates: how many of each rating.  The state is bigint[4]
-- {unrated, red, amber, green}, grown to bigint[5] by the first blue: a real
-- type, so parallel query and Citus can split these aggregates; the inverse
-- makes them cheap window functions.  kpi.rag_counts is 0.1.0's composite,
-- unchanged (stored values dump, restore and update as they are); a blue
-- rating has met the green target and counts as green there.
-- kpi.brag_counts (0.2.0) counts blue apart, in a fifth column.
CREATE TYPE kpi.rag_counts AS (red pg_catalog.int8, amber pg_catalog.int8, green pg_catalog.int8, unrated pg_catalog.int8);
COMMENT ON TYPE kpi.rag_counts IS 'how many red, amber, green and unrated (NULL) ratings a group holds';
CREATE TYPE kpi.brag_counts AS (red pg_catalog.int8, amber pg_catalog.int8, green pg_catalog.int8, unrated pg_catalog.int8,
                                blue pg_catalog.int8);
COMMENT ON TYPE kpi.brag_counts IS 'how many red, amber, green, unrated (NULL) and blue ratings a group holds';

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
CREATE FUNCTION kpi.brag_counts_final(pg_catalog.int8[]) RETURNS kpi.brag_counts
    AS 'MODULE_PATHNAME', 'brag_counts_final' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE AGGREGATE kpi.rag_counts(kpi.rag) (
    SFUNC = kpi.rag_counts_accum, STYPE = pg_catalog.int8[], INITCOND = '{0,0,0,0}',
    FINALFUNC = kpi.rag_counts_final,
    COMBINEFUNC = kpi.rag_counts_combine,
    MSFUNC = kpi.rag_counts_accum, MINVFUNC = kpi.rag_counts_accum_inv,
    MSTYPE = pg_catalog.int8[], MINITCOND = '{0,0,0,0}', MFINALFUNC = kpi.rag_counts_final,
    PARALLEL = SAFE
);
COMMENT ON AGGREGATE kpi.rag_counts(kpi.rag) IS 'counts of red, amber, green and unrated (NULL) ratings; blue ratings (BRAG) count as green; kpi.brag_counts counts them apart';

CREATE AGGREGATE kpi.brag_counts(kpi.rag) (
    SFUNC = kpi.rag_counts_accum, STYPE = pg_catalog.int8[], INITCOND = '{0,0,0,0}',
    FINALFUNC = kpi.brag_counts_final,
    COMBINEFUNC = kpi.rag_counts_combine,
    MSFUNC = kpi.rag_counts_accum, MINVFUNC = kpi.rag_counts_accum_inv,
    MSTYPE = pg_catalog.int8[], MINITCOND = '{0,0,0,0}', MFINALFUNC = kpi.brag_counts_final,
    PARALLEL = SAFE
);
COMMENT ON AGGREGATE kpi.brag_counts(kpi.rag) IS 'counts of red, amber, green, unrated (NULL) and blue ratings';

CREATE AGGREGATE kpi.rag_summary(kpi.rag) (
    SFUNC = kpi.rag_counts_accum, STYPE = pg_catalog.int8[], INITCOND = '{0,0,0,0}',
    FINALFUNC = kpi.rag_summary_final,
    COMBINEFUNC = kpi.rag_counts_combine,
    MSFUNC = kpi.rag_counts_accum, MINVFUNC = kpi.rag_counts_accum_inv,
    MSTYPE = pg_catalog.int8[], MINITCOND = '{0,0,0,0}', MFINALFUNC = kpi.rag_summary_final,
    PARALLEL = SAFE
);
COMMENT ON AGGREGATE kpi.rag_summary(kpi.rag) IS 'the counts as text, e.g. ''3 Red, 4 Amber, 4 Green''';
