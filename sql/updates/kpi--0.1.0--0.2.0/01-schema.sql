
-- The schema kpi (sql/parts/00-header.sql).  0.1.0 left it owned by the
-- role that installed kpi, so a database owner who installed it could add
-- overloads that capture kpi.* calls (kpi.rag(int, int, text) beats
-- kpi.rag(float8, float8, text) for integer literals).  This script runs as
-- a superuser (a trusted update runs it as the bootstrap superuser): make
-- that superuser the schema's owner, as a fresh 0.2.0 install does.  Before
-- that, refuse a schema holding anything that is not kpi's own (it could be
-- such an overload already), or whose privileges let a role other than its
-- owner create in it.  docs/safety.md, "Capture".
DO $take_over$
DECLARE
    kpi_ext pg_catalog.oid;
    kpi_schema pg_catalog.oid;
    cat_name pg_catalog.name;
    cat_column pg_catalog.name;
    held pg_catalog.text;
    creators pg_catalog.text;
BEGIN
    SELECT e.oid, e.extnamespace INTO kpi_ext, kpi_schema
    FROM pg_catalog.pg_extension e WHERE e.extname OPERATOR(pg_catalog.=) 'kpi';
    -- objects in the schema that are neither members of kpi nor part of a
    -- member (an array type, a composite type's relation)
    FOR cat_name, cat_column IN
        SELECT c.relname, a.attname
        FROM pg_catalog.pg_attribute a JOIN pg_catalog.pg_class c ON c.oid OPERATOR(pg_catalog.=) a.attrelid
        WHERE c.relnamespace OPERATOR(pg_catalog.=) 'pg_catalog'::pg_catalog.regnamespace
          AND c.relkind OPERATOR(pg_catalog.=) 'r'
          AND a.atttypid OPERATOR(pg_catalog.=) 'pg_catalog.oid'::pg_catalog.regtype
          AND a.attname OPERATOR(pg_catalog.~) 'namespace$'
          AND c.relname OPERATOR(pg_catalog.<>) 'pg_default_acl'
        ORDER BY c.relname
    LOOP
        EXECUTE pg_catalog.format(
            'SELECT pg_catalog.string_agg(i.type OPERATOR(pg_catalog.||) '' '' OPERATOR(pg_catalog.||) i.identity, '', '')
             FROM (SELECT x.oid FROM pg_catalog.%2$I x
                   WHERE x.%3$I OPERATOR(pg_catalog.=) $1
                     AND NOT (%1$L::pg_catalog.regclass OPERATOR(pg_catalog.=) ''pg_catalog.pg_extension''::pg_catalog.regclass
                              AND x.oid OPERATOR(pg_catalog.=) $2)
                     AND NOT EXISTS (
                         SELECT FROM pg_catalog.pg_depend d
                         WHERE d.classid OPERATOR(pg_catalog.=) %1$L::pg_catalog.regclass
                           AND d.objid OPERATOR(pg_catalog.=) x.oid
                           AND ((d.deptype OPERATOR(pg_catalog.=) ''e'' AND d.refobjid OPERATOR(pg_catalog.=) $2
                                 AND d.refclassid OPERATOR(pg_catalog.=) ''pg_catalog.pg_extension''::pg_catalog.regclass)
                                OR (d.deptype OPERATOR(pg_catalog.=) ''i'' AND EXISTS (
                                    SELECT FROM pg_catalog.pg_depend m
                                    WHERE m.classid OPERATOR(pg_catalog.=) d.refclassid
                                      AND m.objid OPERATOR(pg_catalog.=) d.refobjid
                                      AND m.deptype OPERATOR(pg_catalog.=) ''e''
                                      AND m.refobjid OPERATOR(pg_catalog.=) $2
                                      AND m.refclassid OPERATOR(pg_catalog.=) ''pg_catalog.pg_extension''::pg_catalog.regclass))))
                   ORDER BY x.oid LIMIT 5) o,
                  pg_catalog.pg_identify_object(%1$L::pg_catalog.regclass, o.oid, 0) i',
            'pg_catalog.' OPERATOR(pg_catalog.||) cat_name, cat_name, cat_column)
            INTO held USING kpi_schema, kpi_ext;
        IF held IS NOT NULL THEN
            RAISE EXCEPTION 'schema kpi holds objects that are not part of kpi'
                  USING ERRCODE = 'object_not_in_prerequisite_state',
                        DETAIL = 'It holds ' OPERATOR(pg_catalog.||) held OPERATOR(pg_catalog.||) '.',
                        HINT = 'Only kpi''s own objects may be in schema kpi (others could capture kpi''s calls): drop those objects or move them to another schema (ALTER ... SET SCHEMA), then update kpi.';
        END IF;
    END LOOP;
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
                    HINT = 'Revoke it (REVOKE CREATE ON SCHEMA kpi FROM ...), then update kpi.';
    END IF;
    EXECUTE pg_catalog.format('ALTER SCHEMA kpi OWNER TO %I', CURRENT_USER);
END
$take_over$;

-- as in a fresh install; granted again so that the schema's initial
-- privileges (pg_init_privs, which pg_dump compares with) name the new owner
GRANT USAGE ON SCHEMA kpi TO PUBLIC;
