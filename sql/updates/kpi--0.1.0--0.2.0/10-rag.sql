
--------------------------------------------------------------------------
-- 1. kpi.rag: the comparison operators move to pg_catalog
--------------------------------------------------------------------------
-- (sql/parts/10-rag.sql says why.)  SET SCHEMA keeps each operator's OID,
-- so the operator classes, indexes, constraints, partition bounds and views
-- that use them stay as they are; views now print them as plain =.
ALTER OPERATOR kpi.= (kpi.rag, kpi.rag) SET SCHEMA pg_catalog;
ALTER OPERATOR kpi.<> (kpi.rag, kpi.rag) SET SCHEMA pg_catalog;
ALTER OPERATOR kpi.< (kpi.rag, kpi.rag) SET SCHEMA pg_catalog;
ALTER OPERATOR kpi.<= (kpi.rag, kpi.rag) SET SCHEMA pg_catalog;
ALTER OPERATOR kpi.> (kpi.rag, kpi.rag) SET SCHEMA pg_catalog;
ALTER OPERATOR kpi.>= (kpi.rag, kpi.rag) SET SCHEMA pg_catalog;

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

-- blue (BRAG): code 4, after 0.1.0's codes, so stored ratings keep their
-- bytes and order.  The counting aggregates' state grows from bigint[4] to
-- bigint[5] when a blue arrives, so their initial conditions stay.
-- kpi.rag_counts keeps 0.1.0's four columns, so its stored values (and
-- dumps of them) stay valid; it counts a blue rating as green, and the new
-- kpi.brag_counts counts blue apart.
COMMENT ON TYPE kpi.rag IS 'red/amber/green/blue rating, ordered red < amber < green < blue (blue: a stretch target met)';
COMMENT ON FUNCTION kpi.label(kpi.rag) IS 'the rating as a capitalised word: Red, Amber, Green, Blue';
COMMENT ON AGGREGATE kpi.worst(kpi.rag) IS 'the worst rating of the group (red before amber before green before blue); NULLs are skipped';
COMMENT ON AGGREGATE kpi.rag_counts(kpi.rag) IS 'counts of red, amber, green and unrated (NULL) ratings; blue ratings (BRAG) count as green; kpi.brag_counts counts them apart';
CREATE TYPE kpi.brag_counts AS (red pg_catalog.int8, amber pg_catalog.int8, green pg_catalog.int8, unrated pg_catalog.int8,
                                blue pg_catalog.int8);
COMMENT ON TYPE kpi.brag_counts IS 'how many red, amber, green, unrated (NULL) and blue ratings a group holds';
CREATE FUNCTION kpi.brag_counts_final(pg_catalog.int8[]) RETURNS kpi.brag_counts
    AS 'MODULE_PATHNAME', 'brag_counts_final' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE AGGREGATE kpi.brag_counts(kpi.rag) (
    SFUNC = kpi.rag_counts_accum, STYPE = pg_catalog.int8[], INITCOND = '{0,0,0,0}',
    FINALFUNC = kpi.brag_counts_final,
    COMBINEFUNC = kpi.rag_counts_combine,
    MSFUNC = kpi.rag_counts_accum, MINVFUNC = kpi.rag_counts_accum_inv,
    MSTYPE = pg_catalog.int8[], MINITCOND = '{0,0,0,0}', MFINALFUNC = kpi.brag_counts_final,
    PARALLEL = SAFE
);
COMMENT ON AGGREGATE kpi.brag_counts(kpi.rag) IS 'counts of red, amber, green, unrated (NULL) and blue ratings';

-- sort keys and colours for BI tools
CREATE FUNCTION kpi.rag_int(kpi.rag) RETURNS pg_catalog.int4
    AS 'MODULE_PATHNAME', 'rag_int' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE CAST (kpi.rag AS pg_catalog.int4) WITH FUNCTION kpi.rag_int(kpi.rag);
COMMENT ON FUNCTION kpi.rag_int(kpi.rag) IS 'the cast to integer: red 1, amber 2, green 3, blue 4';
CREATE FUNCTION kpi.colour(rating kpi.rag, palette pg_catalog.text DEFAULT 'govuk') RETURNS pg_catalog.text
    AS 'MODULE_PATHNAME', 'rag_colour' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION kpi.colour(kpi.rag, pg_catalog.text) IS 'the colour code of a rating: palette govuk (GOV.UK Design System) or fingertips';
