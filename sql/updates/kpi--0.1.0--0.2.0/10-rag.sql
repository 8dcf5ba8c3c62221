
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
