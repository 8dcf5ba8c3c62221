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
