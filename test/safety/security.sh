#!/usr/bin/env bash
# Security: a database owner without superuser installs kpi (trusted), and
# neither the install nor later use can be captured by functions or
# operators another role planted on the search_path.  In the spirit of
# PostgreSQL's contrib/seg security test: every trap raises an exception
# naming itself, so a capture fails the step that triggered it.
source "$(dirname "$0")/lib.bash"

db=kpi_sec
owner=kpi_sec_owner
attacker=kpi_sec_attacker
as() { local role=$1; shift; PGUSER=$role q -d "$db" "$@"; }

q -d postgres <<SQL
SET client_min_messages = warning;
DROP DATABASE IF EXISTS $db;
DROP DATABASE IF EXISTS ${db}_su;
DROP DATABASE IF EXISTS ${db}_pre;
DROP DATABASE IF EXISTS ${db}_010;
DROP DATABASE IF EXISTS ${db}_schema;
DROP ROLE IF EXISTS $owner;
DROP ROLE IF EXISTS $attacker;
CREATE ROLE $owner LOGIN NOSUPERUSER NOCREATEROLE;
CREATE ROLE $attacker LOGIN NOSUPERUSER NOCREATEROLE;
CREATE DATABASE $db OWNER $owner;
CREATE DATABASE ${db}_schema OWNER $owner;
SQL
# a database as PostgreSQL 14 and older made them: anyone may create in public
as $owner -c "GRANT CREATE ON SCHEMA public TO PUBLIC"

# --- traps planted before the install ---------------------------------------
# Each one matches its arguments better than the built-in an unqualified
# reference would otherwise reach (exact types instead of implicit casts,
# or a non-polymorphic match instead of a polymorphic one).
as $attacker <<'SQL'
CREATE FUNCTION public.kpi_trap(what text) RETURNS void LANGUAGE plpgsql AS
$$ BEGIN RAISE EXCEPTION 'captured by public.% (called by %)', what, current_user; END $$;
DO $do$
DECLARE
    f record;
BEGIN
    FOR f IN SELECT * FROM (VALUES
        ('round', 'float8, int4', 'numeric'), ('round', 'float8', 'float8'),
        ('trunc', 'float8, int4', 'numeric'), ('to_char', 'date, text', 'text'),
        ('date_trunc', 'text, date', 'date'), ('date_part', 'text, date', 'float8'),
        ('abs', 'int8', 'int8'), ('sqrt', 'int4', 'float8'), ('power', 'int4, int4', 'float8'),
        ('ln', 'int4', 'float8'), ('exp', 'int4', 'float8'), ('floor', 'int4', 'int4'),
        ('format', 'text, float8', 'text'), ('concat', 'text, float8', 'text'),
        ('array_cat', 'float8[], float8[]', 'float8[]'), ('array_length', 'float8[], int8', 'int4'),
        ('array_append', 'float8[], float8', 'float8[]'), ('lower', 'varchar', 'text'),
        ('upper', 'varchar', 'text'), ('btrim', 'varchar', 'text'), ('make_date', 'int8, int8, int8', 'date'),
        ('float8', 'int4', 'float8'), ('int4', 'float8', 'int4'), ('numeric', 'float8', 'numeric'),
        ('text', 'float8', 'text'), ('hashint4', 'int8', 'int4'), ('sum', 'float4', 'float8'))
        AS t(name, args, ret)
    LOOP
        EXECUTE format('CREATE FUNCTION public.%I(%s) RETURNS %s LANGUAGE plpgsql AS '
                       '$$ BEGIN PERFORM public.kpi_trap(%L); RETURN NULL; END $$',
                       f.name, f.args, f.ret, f.name || '(' || f.args || ')');
    END LOOP;
    FOR f IN SELECT * FROM (VALUES
        ('*', 'float8', 'int4'), ('/', 'float8', 'int4'), ('+', 'float8', 'int4'),
        ('-', 'float8', 'int4'), ('=', 'float8', 'int4'), ('<', 'float8', 'int4'),
        ('>', 'float8', 'int4'), ('<=', 'float8', 'int4'), ('*', 'int4', 'float8'),
        ('+', 'date', 'int8'), ('-', 'date', 'int8'), ('||', 'text', 'float8'),
        ('=', 'text', 'varchar'), ('=', 'float8', 'numeric'), ('<', 'int8', 'float8'))
        AS t(op, l, r)
    LOOP
        EXECUTE format('CREATE FUNCTION public.%I(%s, %s) RETURNS bool LANGUAGE plpgsql AS '
                       '$$ BEGIN PERFORM public.kpi_trap(%L); RETURN NULL; END $$',
                       'kpi_trap_' || md5(f.op || f.l || f.r), f.l, f.r,
                       'operator ' || f.op || '(' || f.l || ', ' || f.r || ')');
        EXECUTE format('CREATE OPERATOR public.%s (LEFTARG = %s, RIGHTARG = %s, FUNCTION = public.%I)',
                       f.op, f.l, f.r, 'kpi_trap_' || md5(f.op || f.l || f.r));
    END LOOP;
END $do$;
SQL
n_traps=$(qa -d "$db" -c "SELECT count(*) FROM pg_proc WHERE pronamespace = 'public'::regnamespace")
pass "planted $n_traps trap functions and operators in public"

# --- the install, by the database owner, public first on the search_path ----
PGOPTIONS='-c search_path=public,kpi' as $owner -c 'CREATE EXTENSION kpi' \
    || fail "a database owner without superuser could not CREATE EXTENSION kpi, or a trap caught it"
[ "$(qa -d "$db" -c "SELECT rolsuper FROM pg_roles WHERE rolname = '$owner'")" = f ] \
    || fail "$owner is a superuser"
pass "CREATE EXTENSION kpi as a database owner without superuser (trusted), no trap sprung"

# --- traps that need kpi's types, planted after the install -----------------
# (every role has USAGE on schema kpi, through PUBLIC)
as $attacker <<'SQL'
DO $do$
DECLARE
    op text;
BEGIN
    FOR op IN SELECT unnest(ARRAY['=', '<>', '<', '<=', '>', '>='])
    LOOP
        EXECUTE format('CREATE FUNCTION public.%I(kpi.rag, kpi.rag) RETURNS bool LANGUAGE plpgsql AS '
                       '$$ BEGIN PERFORM public.kpi_trap(%L); RETURN NULL; END $$',
                       'kpi_trap_' || md5(op), 'operator ' || op || '(kpi.rag, kpi.rag)');
        EXECUTE format('CREATE OPERATOR public.%s (LEFTARG = kpi.rag, RIGHTARG = kpi.rag, FUNCTION = public.%I)',
                       op, 'kpi_trap_' || md5(op));
    END LOOP;
END $do$;
CREATE FUNCTION public.rag_cmp(kpi.rag, kpi.rag) RETURNS int4 LANGUAGE plpgsql AS
$$ BEGIN PERFORM public.kpi_trap('rag_cmp(kpi.rag, kpi.rag)'); RETURN 0; END $$;
CREATE FUNCTION public.rag_hash(kpi.rag) RETURNS int4 LANGUAGE plpgsql AS
$$ BEGIN PERFORM public.kpi_trap('rag_hash(kpi.rag)'); RETURN 0; END $$;
CREATE FUNCTION public.kpi_trap_trend(kpi.trend, kpi.trend) RETURNS kpi.trend LANGUAGE plpgsql AS
$$ BEGIN PERFORM public.kpi_trap('trend_combine(kpi.trend, kpi.trend)'); RETURN NULL; END $$;
ALTER FUNCTION public.kpi_trap_trend(kpi.trend, kpi.trend) RENAME TO trend_combine;
SQL
pass "planted operators on kpi.rag and look-alikes of kpi's support functions in public"

# control: the traps are live.  An unqualified operator in the user's own
# SQL, with public before kpi on the path, is captured (docs/safety.md),
# except kpi.rag's comparisons, which live in pg_catalog (searched first).
for ctl in "SELECT 'red'::kpi.rag OPERATOR(public.=) 'red'::kpi.rag" "SELECT 1.5::float8 * 2" "SELECT round(1.5::float8, 1)"; do
    if PGOPTIONS='-c search_path=public,kpi' as $owner -c "$ctl" >/dev/null 2>"$KPI_TMP/sec-ctl.err" \
       || ! grep -q 'captured by public' "$KPI_TMP/sec-ctl.err"; then
        fail "control: the trap for \"$ctl\" did not spring"
    fi
done
pass "control: the traps spring for unqualified user SQL with public first on the path"
for sql in "SELECT 'red'::kpi.rag = 'red'" "SELECT 'red'::kpi.rag < 'green'" "SELECT 'red'::kpi.rag IN ('red', 'amber')"; do
    PGOPTIONS='-c search_path=public,kpi' as $owner -c "$sql" >/dev/null \
        || fail "\"$sql\" was captured by an operator planted in public"
done
pass "and do not for comparisons of kpi.rag, whose operators are in pg_catalog"

# --- later use: the demo, then the planner's own uses of kpi's operators ----
# The demo's views call kpi qualified, as users are told to; run it with the
# attacker's schema first on the path.
PGOPTIONS='-c search_path=public,kpi' as $owner -f demo/00-setup.sql >/dev/null 2>"$KPI_TMP/sec-demo.err" \
    || { cat "$KPI_TMP/sec-demo.err" >&2; fail "the demo setup was captured or failed"; }
for f in demo/[1-9]*.sql; do
    PGOPTIONS='-c search_path=public,kpi' as $owner -f "$f" >/dev/null 2>"$KPI_TMP/sec-demo.err" \
        || { cat "$KPI_TMP/sec-demo.err" >&2; fail "$f was captured or failed"; }
done
pass "the demo report runs with search_path = public, kpi"

PGOPTIONS='-c search_path=public,kpi' as $owner <<'SQL' >/dev/null \
    || fail "sorting, grouping, hashing, indexes or aggregates over kpi.rag reached a trap"
CREATE TABLE sec_t (id int, r kpi.rag, y float8, d date);
INSERT INTO sec_t
SELECT i, (ARRAY['red', 'amber', 'green'])[1 + i % 3]::kpi.rag, (i * 3 / 2)::float8, date '2024-04-01' + i
FROM generate_series(1, 3000) i;
CREATE INDEX ON sec_t (r);
CREATE INDEX ON sec_t USING hash (r);
ANALYZE sec_t;
SELECT kpi.worst(r), kpi.best(r), kpi.rag_summary(r), kpi.rag_counts(r) FROM sec_t;
SELECT r, count(*) FROM sec_t GROUP BY r ORDER BY r;
SELECT DISTINCT r FROM sec_t;
SET enable_hashagg = off;
SELECT r, count(*) FROM sec_t GROUP BY r;
RESET enable_hashagg;
SELECT count(*) FROM sec_t a JOIN sec_t b ON a.r = b.r AND a.id = b.id;
SET enable_hashjoin = off; SET enable_nestloop = off;
SELECT count(*) FROM sec_t a JOIN sec_t b ON a.r = b.r AND a.id = b.id;
RESET enable_hashjoin; RESET enable_nestloop;
SET enable_seqscan = off;
SELECT count(*) FROM sec_t WHERE r = 'red';
SELECT max(id) FROM sec_t WHERE r < 'green';
RESET enable_seqscan;
SELECT kpi.slope(kpi.rollup(t)) FROM (SELECT kpi.trend(y, d) AS t FROM sec_t GROUP BY r) s;
SELECT kpi.rag(y, 100, 'higher'), kpi.gap(y, 100, 'lower'), kpi.fy_quarter_label(d, 'dash'),
       kpi.trajectory(560.8, d), kpi.rolling_year_label(d)
FROM sec_t WHERE id < 50;
SELECT kpi.mann_kendall(y, d), kpi.theil_sen(y, d), kpi.sparkline(y ORDER BY d) FROM sec_t WHERE id < 100;
CREATE TABLE sec_p (r kpi.rag, v int) PARTITION BY HASH (r);
CREATE TABLE sec_p0 PARTITION OF sec_p FOR VALUES WITH (MODULUS 2, REMAINDER 0);
CREATE TABLE sec_p1 PARTITION OF sec_p FOR VALUES WITH (MODULUS 2, REMAINDER 1);
INSERT INTO sec_p SELECT r, id FROM sec_t;
SELECT count(*) FROM sec_p;
SQL
pass "ORDER BY, GROUP BY (sort and hash), DISTINCT, hash and merge joins, btree and hash indexes, hash partitions and every aggregate use kpi's own operators"

# --- an attacker who creates the schema kpi before the install --------------
# With CREATE on the database, a role can make a schema called kpi first.
# PostgreSQL would install into it, leaving its owner able to drop kpi's
# objects or add overloads that capture kpi.* calls: the install refuses.
q -d postgres -c "GRANT CREATE ON DATABASE ${db}_schema TO $attacker"
PGUSER=$attacker q -d ${db}_schema -c 'CREATE SCHEMA kpi'
if PGUSER=$owner q -d ${db}_schema -c 'CREATE EXTENSION kpi' 2>"$KPI_TMP/sec-schema.err"; then
    fail "CREATE EXTENSION kpi installed into a schema kpi that another role owns"
fi
grep -q 'schema kpi is owned by role' "$KPI_TMP/sec-schema.err" || { cat "$KPI_TMP/sec-schema.err" >&2; fail "unexpected error"; }
pass "CREATE EXTENSION refuses a schema kpi that another role made: $(head -n 1 "$KPI_TMP/sec-schema.err")"
PGUSER=$attacker q -d ${db}_schema -c 'DROP SCHEMA kpi'
PGUSER=$owner q -d ${db}_schema -c 'CREATE SCHEMA kpi' -c 'CREATE FUNCTION kpi.helper() RETURNS int LANGUAGE sql AS $$SELECT 1$$'
if PGUSER=$owner q -d ${db}_schema -c 'CREATE EXTENSION kpi' 2>"$KPI_TMP/sec-schema.err"; then
    fail "CREATE EXTENSION kpi installed into a schema kpi that already held objects"
fi
pass "and one that already holds objects: $(head -n 1 "$KPI_TMP/sec-schema.err")"
PGUSER=$owner q -d ${db}_schema -c 'DROP FUNCTION kpi.helper()' -c 'CREATE EXTENSION kpi' \
    -c 'DROP EXTENSION kpi' -c 'CREATE EXTENSION kpi' \
    || fail "CREATE EXTENSION kpi into an empty schema kpi of the installing role, or a reinstall, failed"
pass "an empty schema kpi of the installing role is fine, and so is a reinstall"

# --- no role but a superuser can create in schema kpi ----------------------
# The attack of issue 9: a role that may create objects in schema kpi adds an
# overload that matches a caller's arguments better than kpi's own function
# (kpi.rag(int, int, text) beats kpi.rag(float8, float8, text) for integer
# literals; a text overload wins for unknown-typed literals), and a superuser
# who later calls kpi.rag(95, 90, 'higher') runs it.  Whoever installed kpi,
# the schema is a superuser's, and nobody else may create in it.
refused() {   # refused SQLSTATE ROLE DB SQL: the statement fails with that SQLSTATE
    local state=$1 role=$2 d=$3 sql=$4
    if PGUSER=$role q -d "$d" -v VERBOSITY=verbose -c "$sql" >/dev/null 2>"$KPI_TMP/sec-refused.err"; then
        fail "$role could run in $d: $sql"
    fi
    grep -q "ERROR:  $state:" "$KPI_TMP/sec-refused.err" \
        || { cat "$KPI_TMP/sec-refused.err" >&2; fail "$sql: expected SQLSTATE $state"; }
}
plants=(
    "CREATE FUNCTION kpi.rag(int, int, text) RETURNS kpi.rag LANGUAGE sql AS 'SELECT NULL::kpi.rag'"
    "CREATE FUNCTION kpi.rag(numeric, numeric, text) RETURNS kpi.rag LANGUAGE sql AS 'SELECT NULL::kpi.rag'"
    "CREATE FUNCTION kpi.rag(text, text, text) RETURNS kpi.rag LANGUAGE sql AS 'SELECT NULL::kpi.rag'"
    "CREATE FUNCTION kpi.wilson_ci(int, int) RETURNS kpi.ci LANGUAGE sql AS 'SELECT NULL::kpi.ci'"
    "CREATE FUNCTION kpi.rate(int, int, int) RETURNS float8 LANGUAGE sql AS 'SELECT 0::float8'"
    "CREATE FUNCTION pg_temp.kpi_eq(kpi.rag, text) RETURNS bool LANGUAGE sql AS 'SELECT true'; CREATE OPERATOR kpi.= (LEFTARG = kpi.rag, RIGHTARG = text, FUNCTION = pg_temp.kpi_eq)"
    "CREATE TABLE kpi.planted (x int)"
    "CREATE TYPE kpi.planted AS (x int)"
    "CREATE PROCEDURE kpi.planted() LANGUAGE sql AS 'SELECT 1'"
)
# calls as a superuser writes them, with integer, numeric and unknown-typed
# arguments; each must reach one of kpi's own functions (checked through a
# view's dependencies, so an overload anywhere would show)
calls=(
    "kpi.rag(95, 90, 'higher')" "kpi.rag(95.0, 90.0, 'higher')" "kpi.rag('95', '90', 'higher')"
    "kpi.rag(95, 90, 'higher', 0.05)" "kpi.wilson_ci(65, 100)" "kpi.wilson_ci(65.0, 100.0)" "kpi.wilson_ci('65', '100')"
    "kpi.rate(7020, 10000, 100)" "kpi.rate('7020', '10000', '100')" "kpi.gap(95, 90, 'lower')"
    "kpi.compare_proportion(65, 100, 0.5, 'higher')" "kpi.trajectory(560, '2024-09-30')"
    "'red'::kpi.rag OPERATOR(kpi.=) 'red'" "kpi.symbol('red')" "kpi.fy('2024-05-01')"
)
calls_sql=''
for i in "${!calls[@]}"; do calls_sql+="${calls_sql:+, }${calls[$i]} AS c$i"; done
no_capture() {   # no_capture DB WHAT: nobody but superusers may create in kpi; calls reach kpi
    local d=$1 role
    for role in $owner $attacker; do
        for sql in "${plants[@]}"; do
            refused 42501 $role "$d" "$sql"
        done
        refused 42501 $role "$d" "ALTER SCHEMA kpi RENAME TO kpi_old"
        refused 42501 $role "$d" "ALTER SCHEMA kpi OWNER TO $role"
        PGUSER=$role q -d "$d" -c "GRANT CREATE ON SCHEMA kpi TO $attacker" 2>/dev/null || true
    done
    local who
    who=$(qa -d "$d" -c "SELECT string_agg(rolname, ', ') FROM pg_roles
                         WHERE NOT rolsuper AND (has_schema_privilege(oid, 'kpi', 'CREATE')
                               OR pg_has_role(oid, (SELECT nspowner FROM pg_namespace WHERE nspname = 'kpi'), 'USAGE'))")
    [ -z "$who" ] || fail "$2: roles that may create in schema kpi: $who"
    q -d "$d" -c "CREATE VIEW public.sec_calls AS SELECT $calls_sql"
    who=$(qa -d "$d" -c "SELECT string_agg(DISTINCT pg_describe_object(d.refclassid, d.refobjid, 0), ', ')
                         FROM pg_depend d JOIN pg_rewrite w ON w.oid = d.objid AND d.classid = 'pg_rewrite'::regclass
                         WHERE w.ev_class = 'public.sec_calls'::regclass
                           AND d.refclassid IN ('pg_proc'::regclass, 'pg_operator'::regclass)
                           AND d.refobjid >= 16384
                           AND NOT EXISTS (SELECT FROM pg_depend e WHERE e.classid = d.refclassid AND e.objid = d.refobjid
                                           AND e.deptype = 'e' AND e.refobjid = (SELECT oid FROM pg_extension WHERE extname = 'kpi'))")
    [ -z "$who" ] || fail "$2: a superuser's kpi calls reach $who"
    q -d "$d" -c "SELECT * FROM public.sec_calls" -c "DROP VIEW public.sec_calls" >/dev/null
}
no_capture "$db" "kpi installed by the database owner"
pass "kpi installed by the database owner: schema kpi is a superuser's; neither the owner nor another role can add overloads (${#plants[@]} kinds), operators, tables or types to it, rename it or grant CREATE on it; a superuser's calls with integer, numeric and unknown-typed arguments reach kpi's own functions"

q -d postgres -c "CREATE DATABASE ${db}_su OWNER $owner"
q -d ${db}_su -c 'CREATE EXTENSION kpi'
no_capture ${db}_su "kpi installed by a superuser"
pass "kpi installed by a superuser in a database another role owns: the same"

# a schema kpi made before the install: empty and private to its owner, it is
# taken over; one that lets others create in it is refused, whoever installs
q -d postgres -c "CREATE DATABASE ${db}_pre OWNER $owner"
as_pre() { local role=$1; shift; PGUSER=$role q -d ${db}_pre "$@"; }
as_pre $owner -c 'CREATE SCHEMA kpi' -c 'GRANT CREATE ON SCHEMA kpi TO PUBLIC'
refused 42501 $owner ${db}_pre 'CREATE EXTENSION kpi'
refused 42501 postgres ${db}_pre 'CREATE EXTENSION kpi'
as_pre $owner -c 'REVOKE CREATE ON SCHEMA kpi FROM PUBLIC' -c "GRANT USAGE, CREATE ON SCHEMA kpi TO $attacker"
refused 42501 $owner ${db}_pre 'CREATE EXTENSION kpi'
grep -q "CREATE on schema kpi is granted to $attacker" "$KPI_TMP/sec-refused.err" || { cat "$KPI_TMP/sec-refused.err" >&2; fail "the refusal does not name the role"; }
pass "CREATE EXTENSION (by the database owner or a superuser) refuses a pre-made schema kpi that grants CREATE to PUBLIC or another role: $(grep ERROR "$KPI_TMP/sec-refused.err")"
as_pre $owner -c "REVOKE CREATE ON SCHEMA kpi FROM $attacker" -c "CREATE TYPE kpi.planted AS ENUM ('x')"
refused 55000 $owner ${db}_pre 'CREATE EXTENSION kpi'
grep -q 'It holds type kpi.planted' "$KPI_TMP/sec-refused.err" || { cat "$KPI_TMP/sec-refused.err" >&2; fail "the refusal does not name the object"; }
as_pre $owner -c 'DROP TYPE kpi.planted' -c 'CREATE EXTENSION kpi'
no_capture ${db}_pre "kpi installed into an empty schema kpi the owner made"
pass "an empty pre-made schema kpi is taken over by the install, then the same holds"

# kpi 0.1.0 left the schema to the role that installed it, who may already
# have planted an overload: the update refuses such a schema, then takes the
# schema over.
q -d postgres -c "CREATE DATABASE ${db}_010 OWNER $owner"
PGUSER=$owner q -d ${db}_010 -c "CREATE EXTENSION kpi VERSION '0.1.0'" -c "${plants[0]}"
refused 55000 postgres ${db}_010 'ALTER EXTENSION kpi UPDATE'
grep -q 'It holds function kpi.rag(integer,integer,pg_catalog.text)' "$KPI_TMP/sec-refused.err" \
    || { cat "$KPI_TMP/sec-refused.err" >&2; fail "the refusal does not name the overload"; }
pass "ALTER EXTENSION kpi UPDATE from 0.1.0 refuses a schema with a planted overload: $(grep -E 'ERROR|DETAIL' "$KPI_TMP/sec-refused.err" | tr -s ' \n' ' ')"
PGUSER=$owner q -d ${db}_010 -c 'DROP FUNCTION kpi.rag(int, int, text)' -c "GRANT CREATE ON SCHEMA kpi TO PUBLIC"
refused 42501 $owner ${db}_010 'ALTER EXTENSION kpi UPDATE'
PGUSER=$owner q -d ${db}_010 -c "REVOKE CREATE ON SCHEMA kpi FROM PUBLIC" -c 'ALTER EXTENSION kpi UPDATE'
no_capture ${db}_010 "kpi 0.1.0 installed by the database owner, then updated"
pass "and one that lets others create in it; once updated, the schema is a superuser's and the same holds"
q -d postgres -c "DROP DATABASE ${db}_su" -c "DROP DATABASE ${db}_pre" -c "DROP DATABASE ${db}_010"

# --- the catalog and the script ---------------------------------------------
bad=$(qa -d "$db" <<'SQL'
SELECT p.oid::regprocedure || ': ' ||
       CASE WHEN p.prosecdef THEN 'SECURITY DEFINER'
            ELSE 'a ' || l.lanname || ' function whose body is parsed at call time without a pinned search_path' END
FROM pg_proc p JOIN pg_language l ON l.oid = p.prolang
WHERE p.pronamespace = 'kpi'::regnamespace
  AND (p.prosecdef
       -- (prosqlbody, the standard body, is PostgreSQL 14+: NULL before)
       OR (l.lanname NOT IN ('c', 'internal') AND to_jsonb(p) ->> 'prosqlbody' IS NULL
           AND NOT coalesce(p.proconfig::text ~ 'search_path=', false)))
ORDER BY 1;
SQL
)
[ -z "$bad" ] || fail "unsafe functions: $bad"
pass "no SECURITY DEFINER; every SQL-language function has a standard body or a pinned search_path"

# the scripts as installed in the throwaway server (built or from a package)
perl test/safety/lint-script.pl "$("$KPI_BIN/pg_config" --sharedir | sed "s|^|$KPI_TMP|")"/extension/kpi--*.sql || fail "the install or upgrade scripts have unqualified references (above)"
pass "install and upgrade scripts: every type, function and operator reference is schema-qualified"

q -d postgres <<SQL
DROP DATABASE $db;
DROP DATABASE ${db}_schema;
DROP ROLE $owner;
DROP ROLE $attacker;
SQL
