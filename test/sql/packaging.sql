-- Packaging: one version everywhere.  META.json (PGXN), kpi.control's
-- default_version, the Makefile's EXTVERSION, the installed extension (which
-- CREATE EXTENSION made at the default_version the server read) and the
-- Debian changelog's upstream version must agree, and META.json must say
-- what PGXN requires.  (Files are read by psql, in the source tree, so this
-- also runs against an installed package, e.g. under pg_buildext.)
\set meta `cat META.json`
\set control `sed -n 's/^default_version *= *//p' kpi.control | tr -d "'"`
\set extversion `sed -n 's/^EXTVERSION *= *//p' Makefile`
\set debversion `head -n 1 debian/changelog | cut -d '(' -f 2 | cut -d - -f 1`

SELECT :'extversion' AS makefile,
       (:'control') AS control,
       (SELECT extversion FROM pg_catalog.pg_extension WHERE extname = 'kpi') AS installed,
       :'meta'::json ->> 'version' AS meta,
       :'meta'::json -> 'provides' -> 'kpi' ->> 'version' AS meta_provides,
       :'debversion' AS debian;

-- every version equals the Makefile's
SELECT count(DISTINCT v) AS distinct_versions
FROM (VALUES (:'extversion'),
             (:'control'),
             ((SELECT extversion FROM pg_catalog.pg_extension WHERE extname = 'kpi')),
             (:'meta'::json ->> 'version'),
             (:'meta'::json -> 'provides' -> 'kpi' ->> 'version'),
             (:'debversion')) AS t(v);

-- the PGXN Meta spec 1.0.0's required keys, and what kpi promises there
SELECT k AS required_key, :'meta'::jsonb ? k AS present
FROM unnest(ARRAY['name', 'abstract', 'version', 'maintainer', 'license',
                  'provides', 'meta-spec']) AS k;
SELECT :'meta'::json ->> 'name' AS name,
       :'meta'::json ->> 'license' AS license,
       :'meta'::json -> 'meta-spec' ->> 'version' AS meta_spec,
       :'meta'::json -> 'provides' -> 'kpi' ->> 'file'
           = 'sql/kpi--' || :'extversion' || '.sql' AS file_is_install_script,
       :'meta'::json -> 'prereqs' -> 'runtime' -> 'requires' ->> 'PostgreSQL' AS requires_pg;
