-- test/safety/catalog.sql — kpi's catalog footprint as sorted text lines,
-- for comparing an upgraded installation with a fresh one (upgrade.sh).
-- Everything that a user or the planner can observe: functions with their
-- labels, types, operators, operator classes and families, aggregates with
-- their support functions, casts, comments, privileges and membership, and
-- the schema's owner and privileges.
\pset format unaligned
\pset tuples_only on
SET search_path = pg_catalog;
SET extra_float_digits = 3;
WITH ext AS (SELECT oid FROM pg_extension WHERE extname = 'kpi'),
members AS (
    SELECT classid, objid FROM pg_depend, ext
    WHERE refclassid = 'pg_extension'::regclass AND refobjid = ext.oid AND deptype = 'e'),
lines AS (
    SELECT 'extension ' || e.extname || ' schema ' || e.extnamespace::regnamespace
           || ' relocatable ' || e.extrelocatable AS line
    FROM pg_extension e WHERE e.extname = 'kpi'
    UNION ALL
    -- the schema: a superuser's, its privileges and initial privileges (what
    -- pg_dump compares with) with the owner's name written OWNER
    SELECT 'schema ' || n.nspname || ' owner ' || CASE WHEN r.rolsuper THEN 'a superuser' ELSE 'role ' || r.rolname END
           || ' acl ' || replace(replace(coalesce(n.nspacl::text, '-'), r.rolname || '=', 'OWNER='), '/' || r.rolname, '/OWNER')
           || ' initprivs ' || coalesce((SELECT replace(replace(i.initprivs::text, r.rolname || '=', 'OWNER='), '/' || r.rolname, '/OWNER')
                                         FROM pg_init_privs i WHERE i.classoid = 'pg_namespace'::regclass AND i.objoid = n.oid), '-')
    FROM pg_extension e JOIN pg_namespace n ON n.oid = e.extnamespace JOIN pg_roles r ON r.oid = n.nspowner
    WHERE e.extname = 'kpi'
    UNION ALL
    SELECT 'function ' || p.oid::regprocedure
           || ' kind ' || p.prokind::text
           || ' returns ' || CASE WHEN p.proretset THEN 'setof ' ELSE '' END || p.prorettype::regtype
           || ' args ' || coalesce(pg_get_function_arguments(p.oid), '')
           || ' language ' || l.lanname
           || ' volatility ' || p.provolatile::text || ' strict ' || p.proisstrict
           || ' parallel ' || p.proparallel::text || ' leakproof ' || p.proleakproof
           || ' secdef ' || p.prosecdef || ' cost ' || p.procost || ' rows ' || p.prorows
           || ' support ' || p.prosupport::regproc
           || ' config ' || coalesce(p.proconfig::text, '-')
           || ' src ' || CASE WHEN p.prokind = 'a' THEN '-'
                              WHEN l.lanname IN ('c', 'internal') THEN p.prosrc || ' ' || coalesce(p.probin, '')
                              ELSE md5(coalesce(pg_get_functiondef(p.oid), '')) END
           || ' acl ' || coalesce(p.proacl::text, '-')
    FROM pg_proc p JOIN pg_language l ON l.oid = p.prolang
    WHERE p.oid IN (SELECT objid FROM members WHERE classid = 'pg_proc'::regclass)
    UNION ALL
    SELECT 'aggregate ' || a.aggfnoid::regprocedure
           || ' kind ' || a.aggkind::text || ' direct ' || a.aggnumdirectargs
           || ' sfunc ' || a.aggtransfn::regproc || ' stype ' || a.aggtranstype::regtype
           || ' sspace ' || a.aggtransspace || ' init ' || coalesce(a.agginitval, '-')
           || ' final ' || a.aggfinalfn::regproc || ' finalextra ' || a.aggfinalextra
           || ' finalmodify ' || a.aggfinalmodify::text
           || ' combine ' || a.aggcombinefn::regproc
           || ' serial ' || a.aggserialfn::regproc || ' deserial ' || a.aggdeserialfn::regproc
           || ' msfunc ' || a.aggmtransfn::regproc || ' minv ' || a.aggminvtransfn::regproc
           || ' mstype ' || a.aggmtranstype::regtype || ' msspace ' || a.aggmtransspace
           || ' minit ' || coalesce(a.aggminitval, '-')
           || ' mfinal ' || a.aggmfinalfn::regproc || ' mfinalextra ' || a.aggmfinalextra
           || ' mfinalmodify ' || a.aggmfinalmodify::text
           || ' sortop ' || a.aggsortop::regoperator
    FROM pg_aggregate a
    WHERE a.aggfnoid IN (SELECT objid FROM members WHERE classid = 'pg_proc'::regclass)
    UNION ALL
    SELECT 'type ' || t.oid::regtype || ' kind ' || t.typtype::text || ' len ' || t.typlen
           || ' byval ' || t.typbyval || ' align ' || t.typalign::text || ' storage ' || t.typstorage::text
           || ' category ' || t.typcategory::text || ' preferred ' || t.typispreferred
           || ' in ' || t.typinput::regproc || ' out ' || t.typoutput::regproc
           || ' recv ' || t.typreceive::regproc || ' send ' || t.typsend::regproc
           || ' modin ' || t.typmodin::regproc || ' modout ' || t.typmodout::regproc
           || ' analyze ' || t.typanalyze::regproc || ' subscript ' || coalesce(to_jsonb(t) ->> 'typsubscript', '-')  -- PostgreSQL 14+
           || ' elem ' || t.typelem::regtype || ' array ' || t.typarray::regtype
           || ' default ' || coalesce(t.typdefault, '-') || ' acl ' || coalesce(t.typacl::text, '-')
           || ' columns ' || coalesce((SELECT string_agg(a.attname || ' ' || format_type(a.atttypid, a.atttypmod), ', ' ORDER BY a.attnum)
                                       FROM pg_attribute a WHERE a.attrelid = t.typrelid AND a.attnum > 0 AND NOT a.attisdropped), '-')
    FROM pg_type t
    WHERE t.oid IN (SELECT objid FROM members WHERE classid = 'pg_type'::regclass)
       OR t.typrelid IN (SELECT objid FROM members WHERE classid = 'pg_class'::regclass)
       OR t.typelem IN (SELECT objid FROM members WHERE classid = 'pg_type'::regclass)
    UNION ALL
    SELECT 'operator ' || o.oid::regoperator || ' result ' || o.oprresult::regtype
           || ' proc ' || o.oprcode::regproc || ' commutator ' || o.oprcom::regoperator
           || ' negator ' || o.oprnegate::regoperator || ' restrict ' || o.oprrest::regproc
           || ' join ' || o.oprjoin::regproc || ' merges ' || o.oprcanmerge || ' hashes ' || o.oprcanhash
    FROM pg_operator o
    WHERE o.oid IN (SELECT objid FROM members WHERE classid = 'pg_operator'::regclass)
    UNION ALL
    SELECT 'opclass ' || am.amname || ' ' || c.opcnamespace::regnamespace || '.' || c.opcname
           || ' for ' || c.opcintype::regtype || ' default ' || c.opcdefault
           || ' family ' || f.opfnamespace::regnamespace || '.' || f.opfname
           || ' keytype ' || c.opckeytype::regtype
    FROM pg_opclass c JOIN pg_am am ON am.oid = c.opcmethod JOIN pg_opfamily f ON f.oid = c.opcfamily
    WHERE c.oid IN (SELECT objid FROM members WHERE classid = 'pg_opclass'::regclass)
    UNION ALL
    SELECT 'opfamily member ' || am.amname || ' ' || f.opfnamespace::regnamespace || '.' || f.opfname
           || ' operator ' || ao.amopstrategy || ' ' || ao.amopopr::regoperator
           || ' purpose ' || ao.amoppurpose::text || ' sortfamily ' || ao.amopsortfamily
    FROM pg_amop ao JOIN pg_opfamily f ON f.oid = ao.amopfamily JOIN pg_am am ON am.oid = f.opfmethod
    WHERE f.opfnamespace = 'kpi'::regnamespace
    UNION ALL
    SELECT 'opfamily member ' || am.amname || ' ' || f.opfnamespace::regnamespace || '.' || f.opfname
           || ' function ' || ap.amprocnum || ' (' || ap.amproclefttype::regtype || ', '
           || ap.amprocrighttype::regtype || ') ' || ap.amproc::regprocedure
    FROM pg_amproc ap JOIN pg_opfamily f ON f.oid = ap.amprocfamily JOIN pg_am am ON am.oid = f.opfmethod
    WHERE f.opfnamespace = 'kpi'::regnamespace
    UNION ALL
    SELECT 'cast ' || c.castsource::regtype || ' as ' || c.casttarget::regtype
           || ' via ' || c.castfunc::regprocedure || ' context ' || c.castcontext::text || ' method ' || c.castmethod::text
    FROM pg_cast c
    WHERE c.oid IN (SELECT objid FROM members WHERE classid = 'pg_cast'::regclass)
    UNION ALL
    SELECT 'member ' || pg_describe_object(m.classid, m.objid, 0) FROM members m
    UNION ALL
    SELECT 'comment ' || pg_describe_object(d.classoid, d.objoid, d.objsubid) || ': ' || d.description
    FROM pg_description d
    WHERE (d.classoid, d.objoid) IN (SELECT classid, objid FROM members)
)
SELECT line FROM lines ORDER BY line COLLATE "C";
