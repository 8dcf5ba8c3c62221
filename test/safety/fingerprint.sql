-- test/safety/fingerprint.sql — what a user's kpi data looks like, as sorted
-- text lines, to compare a database before and after an upgrade, a dump and
-- restore, or pg_upgrade (upgrade.sh, dump-restore.sh).  For every table,
-- view and materialized view in the schemas fx and app (test/safety/
-- fixture.sql, dump-restore.sh): its rows (read as text with every float
-- digit, sorted; an md5 and a count), its definition, owner and comment;
-- every index's definition and validity; constraints and column defaults;
-- then answers through index scans.
\set ON_ERROR_STOP on
\pset format unaligned
\pset tuples_only on
SET search_path = pg_catalog;
SET extra_float_digits = 3;
SET DateStyle = 'ISO, YMD';
SET IntervalStyle = postgres;
SET TimeZone = 'UTC';
CREATE TEMP TABLE fingerprint (line text);
-- kpi 0.2.0 moved kpi.rag's comparison operators from kpi to pg_catalog
-- (same OIDs): a definition names them OPERATOR(kpi.=) before the update
-- and = after, the same operator
CREATE FUNCTION pg_temp.unqualify(def text) RETURNS text LANGUAGE sql IMMUTABLE AS $$
    SELECT regexp_replace(regexp_replace(def, 'OPERATOR\((?:kpi|pg_catalog)\.([^)]+)\)', '\1', 'g'), '\s+', ' ', 'g')
$$;
-- Rows as text
SELECT format('INSERT INTO fingerprint SELECT %L || count(*) || '' md5 '' || coalesce(md5(string_agg(r, E''\n'' ORDER BY r COLLATE "C")), ''-'')
               FROM (SELECT x::text AS r FROM %s x) s',
              'rows ' || c.oid::regclass || ' ' || c.relkind::text || ' n ', c.oid::regclass)
FROM pg_class c
WHERE c.relnamespace::regnamespace::text IN ('fx', 'app') AND c.relkind IN ('r', 'v', 'm', 'p')
ORDER BY 1
\gexec
INSERT INTO fingerprint
SELECT 'relation ' || c.oid::regclass || ' kind ' || c.relkind::text || ' owner ' || pg_get_userbyid(c.relowner)
       || ' acl ' || coalesce(c.relacl::text, '-') || ' comment ' || coalesce(obj_description(c.oid, 'pg_class'), '-')
       || ' columns ' || (SELECT string_agg(a.attname || ' ' || format_type(a.atttypid, a.atttypmod)
                                            || CASE WHEN a.attnotnull THEN ' not null' ELSE '' END
                                            || coalesce(' default ' || pg_get_expr(d.adbin, d.adrelid), '')
                                            || CASE a.attgenerated WHEN 's' THEN ' generated' ELSE '' END, ', ' ORDER BY a.attnum)
                          FROM pg_attribute a LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
                          WHERE a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped)
       || CASE WHEN c.relkind IN ('v', 'm') THEN ' definition ' || pg_temp.unqualify(pg_get_viewdef(c.oid)) ELSE '' END
       || CASE WHEN c.relispartition THEN ' partition ' || pg_get_expr(c.relpartbound, c.oid) ELSE '' END
FROM pg_class c
WHERE c.relnamespace::regnamespace::text IN ('fx', 'app') AND c.relkind IN ('r', 'v', 'm', 'p');
INSERT INTO fingerprint
SELECT 'index ' || i.indexrelid::regclass || ' valid ' || i.indisvalid || ' ready ' || i.indisready
       || ' ' || pg_temp.unqualify(pg_get_indexdef(i.indexrelid))
FROM pg_index i JOIN pg_class c ON c.oid = i.indrelid
WHERE c.relnamespace::regnamespace::text IN ('fx', 'app');
INSERT INTO fingerprint
SELECT 'constraint ' || n.conrelid::regclass || ' ' || n.conname || ' ' || pg_get_constraintdef(n.oid)
FROM pg_constraint n JOIN pg_class c ON c.oid = n.conrelid
WHERE c.relnamespace::regnamespace::text IN ('fx', 'app');
-- the indexes answer as the tables do
SET search_path = pg_catalog, kpi;
SET enable_seqscan = off;
SET enable_bitmapscan = off;
SELECT format('INSERT INTO fingerprint SELECT %L || count(*) FROM %s WHERE %s',
              'index scan ' || i.indexrelid::regclass || ' ', i.indrelid::regclass,
              CASE WHEN pg_get_indexdef(i.indexrelid) ~ 'USING hash'
                   THEN pg_get_indexdef(i.indexrelid, 1, false) || ' IS NOT NULL AND ' || pg_get_indexdef(i.indexrelid, 1, false)
                        || ' = (SELECT ' || pg_get_indexdef(i.indexrelid, 1, false) || ' FROM ' || i.indrelid::regclass
                        || ' WHERE ' || pg_get_indexdef(i.indexrelid, 1, false) || ' IS NOT NULL ORDER BY 1::text LIMIT 1)'
                   ELSE pg_get_indexdef(i.indexrelid, 1, false) || ' IS NOT NULL' END)
FROM pg_index i JOIN pg_class c ON c.oid = i.indrelid
WHERE c.relnamespace::regnamespace::text IN ('fx', 'app') AND i.indpred IS NULL
ORDER BY 1
\gexec
RESET enable_seqscan;
RESET enable_bitmapscan;
SELECT line FROM fingerprint ORDER BY line COLLATE "C";
