-- kpi: KPI scoring for performance reports.
--
-- Generated from sql/parts/*.sql by the Makefile: edit those, not this file.
-- Every object lives in the schema kpi.  Every function, operator and type
-- reference is schema-qualified, so neither this script nor later calls can
-- be captured by objects planted elsewhere on the search_path.

\echo Use "CREATE EXTENSION kpi" to load this file. \quit

-- The schema kpi.  PostgreSQL creates the control file's schema as the
-- role running CREATE EXTENSION, before this script runs, or installs into a
-- schema kpi that already exists (pg_dump and pg_restore make it first).
-- Whoever owns or may create in that schema can later add overloads that
-- capture kpi.* calls (kpi.rag(int, int, text) beats kpi.rag(float8,
-- float8, text) for integer literals) and run code as any role, superusers
-- included, that calls kpi.  So the schema is taken over: this script runs
-- as a superuser (a trusted install runs it as the bootstrap superuser), and
-- makes that superuser the schema's owner.  Before that it refuses a schema
-- that holds any object, whose privileges let a role other than its owner
-- create in it, or that belongs to a role the installing role cannot act
-- as (unless a superuser installs).  docs/safety.md, "Capture".
DO $guard$
DECLARE
    kpi_schema pg_catalog.oid;
    schema_owner pg_catalog.oid;
    installer pg_catalog.oid;
    cat_name pg_catalog.name;
    cat_column pg_catalog.name;
    held pg_catalog.text;
    creators pg_catalog.text;
BEGIN
    SELECT n.oid, n.nspowner INTO kpi_schema, schema_owner
    FROM pg_catalog.pg_namespace n WHERE n.nspname OPERATOR(pg_catalog.=) 'kpi';
    SELECT e.extowner INTO installer
    FROM pg_catalog.pg_extension e WHERE e.extname OPERATOR(pg_catalog.=) 'kpi';
    IF schema_owner OPERATOR(pg_catalog.<>) installer
       AND NOT (SELECT r.rolsuper FROM pg_catalog.pg_roles r WHERE r.oid OPERATOR(pg_catalog.=) installer)
       AND NOT (SELECT r.rolsuper FROM pg_catalog.pg_roles r WHERE r.oid OPERATOR(pg_catalog.=) schema_owner)
       AND NOT pg_catalog.pg_has_role(installer, schema_owner, 'USAGE') THEN
        RAISE EXCEPTION 'schema kpi is owned by role %, not by the role installing kpi',
                        schema_owner::pg_catalog.regrole
              USING ERRCODE = 'insufficient_privilege',
                    HINT = 'Drop or rename that schema, or have its owner install kpi.';
    END IF;
    -- every catalog whose rows live in a schema (found in the catalog, so a
    -- newer server's new kinds of object are covered too)
    FOR cat_name, cat_column IN
        SELECT c.relname, a.attname
        FROM pg_catalog.pg_attribute a JOIN pg_catalog.pg_class c ON c.oid OPERATOR(pg_catalog.=) a.attrelid
        WHERE c.relnamespace OPERATOR(pg_catalog.=) 'pg_catalog'::pg_catalog.regnamespace
          AND c.relkind OPERATOR(pg_catalog.=) 'r'
          AND a.atttypid OPERATOR(pg_catalog.=) 'pg_catalog.oid'::pg_catalog.regtype
          AND a.attname OPERATOR(pg_catalog.~) 'namespace$'
          AND c.relname OPERATOR(pg_catalog.<>) 'pg_extension' AND c.relname OPERATOR(pg_catalog.<>) 'pg_default_acl'
        ORDER BY c.relname
    LOOP
        EXECUTE pg_catalog.format('SELECT pg_catalog.string_agg(i.type OPERATOR(pg_catalog.||) '' '' OPERATOR(pg_catalog.||) i.identity, '', '')
                                   FROM (SELECT x.oid FROM pg_catalog.%1$I x WHERE x.%2$I OPERATOR(pg_catalog.=) $1 ORDER BY x.oid LIMIT 5) o,
                                   pg_catalog.pg_identify_object(%3$L::pg_catalog.regclass, o.oid, 0) i',
                                  cat_name, cat_column, 'pg_catalog.' OPERATOR(pg_catalog.||) cat_name)
            INTO held USING kpi_schema;
        IF held IS NOT NULL THEN
            RAISE EXCEPTION 'schema kpi already holds objects'
                  USING ERRCODE = 'object_not_in_prerequisite_state',
                        DETAIL = 'It holds ' OPERATOR(pg_catalog.||) held OPERATOR(pg_catalog.||) '.',
                        HINT = 'kpi installs into an empty schema kpi; move those objects elsewhere first.';
        END IF;
    END LOOP;
    IF EXISTS (SELECT FROM pg_catalog.pg_extension e
               WHERE e.extnamespace OPERATOR(pg_catalog.=) kpi_schema AND e.extname OPERATOR(pg_catalog.<>) 'kpi') THEN
        RAISE EXCEPTION 'schema kpi already holds objects'
              USING ERRCODE = 'object_not_in_prerequisite_state',
                    DETAIL = 'Another extension is installed in it.',
                    HINT = 'kpi installs into an empty schema kpi; move those objects elsewhere first.';
    END IF;
    SELECT pg_catalog.string_agg(CASE WHEN a.grantee OPERATOR(pg_catalog.=) 0 THEN 'PUBLIC'
                                      ELSE a.grantee::pg_catalog.regrole::pg_catalog.text END, ', ')
      INTO creators
    FROM pg_catalog.pg_namespace n, pg_catalog.aclexplode(n.nspacl) a
    WHERE n.oid OPERATOR(pg_catalog.=) kpi_schema AND a.privilege_type OPERATOR(pg_catalog.=) 'CREATE'
      AND a.grantee OPERATOR(pg_catalog.<>) n.nspowner;
    IF creators IS NOT NULL THEN
        RAISE EXCEPTION 'schema kpi lets other roles create objects in it'
              USING ERRCODE = 'insufficient_privilege',
                    DETAIL = 'CREATE on schema kpi is granted to ' OPERATOR(pg_catalog.||) creators OPERATOR(pg_catalog.||) '.',
                    HINT = 'Revoke it (REVOKE CREATE ON SCHEMA kpi FROM ...), or drop that schema, then install kpi.';
    END IF;
    EXECUTE pg_catalog.format('ALTER SCHEMA kpi OWNER TO %I', CURRENT_USER);
END
$guard$;

-- Every role may call kpi's functions, as with functions in public: they
-- are pure computations, and EXECUTE is granted to PUBLIC by default.  Only
-- USAGE: nobody but the owner, a superuser, can create objects in the schema.
GRANT USAGE ON SCHEMA kpi TO PUBLIC;
