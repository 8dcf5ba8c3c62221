#!/usr/bin/env bash
# Ratings compare for every login: a BI tool's login with the default
# search_path ("$user", public, no kpi) runs the demo's board queries and
# compares kpi.rag values with plain =, IN, joins, CASE, NULLIF and IS
# DISTINCT FROM, while another role has planted operators on kpi.rag in
# public (each raising an exception naming itself).  The comparison
# operators live in pg_catalog (docs/safety.md, "Comparing ratings"), which
# PostgreSQL searches first, so none of the traps may spring.  The same
# login reads the demo as a board member would: every rating beside the
# value it was scored against, ● and * explained, projections from fewer
# than six points labelled (issue 13 item 6).  Then: the
# operators are extension members that pg_dump/pg_restore and
# pg_dump --binary-upgrade handle, and DROP EXTENSION removes them.
source "$(dirname "$0")/lib.bash"

db=kpi_path
owner=kpi_path_owner
attacker=kpi_path_attacker
reader=kpi_path_reader
as() { local role=$1; shift; PGUSER=$role q -d "$db" "$@"; }

q -d postgres <<SQL
SET client_min_messages = warning;
DROP DATABASE IF EXISTS $db;
DROP DATABASE IF EXISTS ${db}_restored;
DROP ROLE IF EXISTS $owner;
DROP ROLE IF EXISTS $attacker;
DROP ROLE IF EXISTS $reader;
CREATE ROLE $owner LOGIN NOSUPERUSER NOCREATEROLE;
CREATE ROLE $attacker LOGIN NOSUPERUSER NOCREATEROLE;
CREATE ROLE $reader LOGIN NOSUPERUSER NOCREATEROLE;
CREATE DATABASE $db OWNER $owner;
SQL
as $owner -c "GRANT CREATE ON SCHEMA public TO PUBLIC"
as $owner -c 'CREATE EXTENSION kpi'
[ "$(as $reader -At -c 'SHOW search_path')" = '"$user", public' ] \
    || fail "the reader's search_path is not PostgreSQL's default"

# --- traps: every comparison operator on kpi.rag, and mixed with text -------
as $attacker <<'SQL'
CREATE FUNCTION public.kpi_trap(what text) RETURNS void LANGUAGE plpgsql AS
$$ BEGIN RAISE EXCEPTION 'captured by public.% (called by %)', what, current_user; END $$;
DO $do$
DECLARE
    op text;
    l text;
    r text;
BEGIN
    FOR op, l, r IN
        SELECT o, a.l, a.r
        FROM unnest(ARRAY['=', '<>', '<', '<=', '>', '>=']) o,
             (VALUES ('kpi.rag', 'kpi.rag'), ('kpi.rag', 'text'), ('text', 'kpi.rag')) a(l, r)
    LOOP
        EXECUTE format('CREATE FUNCTION public.%I(%s, %s) RETURNS bool LANGUAGE plpgsql AS '
                       '$$ BEGIN PERFORM public.kpi_trap(%L); RETURN NULL; END $$',
                       'kpi_trap_' || md5(op || l || r), l, r,
                       'operator ' || op || '(' || l || ', ' || r || ')');
        EXECUTE format('CREATE OPERATOR public.%s (LEFTARG = %s, RIGHTARG = %s, FUNCTION = public.%I)',
                       op, l, r, 'kpi_trap_' || md5(op || l || r));
    END LOOP;
END $do$;
SQL
pass "planted =, <>, <, <=, >, >= on (kpi.rag, kpi.rag), (kpi.rag, text) and (text, kpi.rag) in public"

# control: the traps are live when reached on purpose
if as $reader -c "SELECT 'red'::kpi.rag OPERATOR(public.=) 'red'::kpi.rag" >/dev/null 2>"$KPI_TMP/path-ctl.err" \
   || ! grep -q 'captured by public' "$KPI_TMP/path-ctl.err"; then
    fail "control: the trap on public.=(kpi.rag, kpi.rag) did not spring"
fi
pass "control: a trap springs when called as OPERATOR(public.=)"

# --- the demo, set up by the owner with the default search_path -------------
as $owner -f demo/00-setup.sql >/dev/null 2>"$KPI_TMP/path-demo.err" \
    || { cat "$KPI_TMP/path-demo.err" >&2; fail "the demo setup failed with the default search_path"; }
for f in demo/[1-9]*.sql; do
    as $owner -f "$f" >"$KPI_TMP/path-demo-${f##*/}.out" 2>"$KPI_TMP/path-demo.err" \
        || { cat "$KPI_TMP/path-demo.err" >&2; fail "$f failed or was captured with the default search_path"; }
done
as $owner -c "GRANT USAGE ON SCHEMA demo TO $reader" -c "GRANT SELECT ON ALL TABLES IN SCHEMA demo TO $reader"
pass "the demo report runs for its owner with the default search_path"

# --- the board's queries, as the reader --------------------------------------
# Each row compares a count taken with plain operators against the same
# count taken another way (kpi's aggregates, or the text form), so a wrong
# operator cannot pass either.
out=$(as $reader -At -F ' ' <<'SQL' 2>"$KPI_TMP/path-reader.err"
SELECT 'report', count(*) FROM demo.report;
SELECT 'red', count(*) FILTER (WHERE target_rag = 'red') = (kpi.rag_counts(target_rag)).red,
       count(*) FILTER (WHERE target_rag::text = 'red') = count(*) FILTER (WHERE target_rag = 'red')
FROM demo.kpi_rag;
SELECT 'in', count(*) FILTER (WHERE target_rag IN ('red', 'amber'))
             = (kpi.rag_counts(target_rag)).red + (kpi.rag_counts(target_rag)).amber,
       count(*) FILTER (WHERE target_rag NOT IN ('red', 'amber')) = (kpi.rag_counts(target_rag)).green
FROM demo.kpi_rag;
SELECT 'order', count(*) FILTER (WHERE target_rag < 'green') + count(*) FILTER (WHERE target_rag >= 'green')
                = count(target_rag),
       count(*) FILTER (WHERE target_rag <= 'red') = count(*) FILTER (WHERE target_rag = 'red'),
       count(*) FILTER (WHERE target_rag > 'amber') = count(*) FILTER (WHERE target_rag <> 'red' AND target_rag != 'amber')
FROM demo.kpi_rag;
SELECT 'distinct', count(*) FILTER (WHERE target_rag IS DISTINCT FROM national_rag)
                   = count(*) FILTER (WHERE coalesce(target_rag::text, '-') <> coalesce(national_rag::text, '-')),
       count(*) FILTER (WHERE target_rag IS NOT DISTINCT FROM 'green') = (kpi.rag_counts(target_rag)).green,
       count(NULLIF(target_rag, 'red')) = count(target_rag) - (kpi.rag_counts(target_rag)).red
FROM demo.kpi_rag;
SELECT 'case', sum(CASE target_rag WHEN 'red' THEN 1 WHEN 'amber' THEN 10 WHEN 'green' THEN 100 ELSE 0 END)
               = (kpi.rag_counts(target_rag)).red + 10 * (kpi.rag_counts(target_rag)).amber
                 + 100 * (kpi.rag_counts(target_rag)).green
FROM demo.kpi_rag;
SELECT 'join', count(*) = (SELECT count(*) FROM demo.kpi_rag a, demo.kpi_rag b
                           WHERE a.target_rag::text = b.peer_rag::text)
FROM demo.kpi_rag a JOIN demo.kpi_rag b ON a.target_rag = b.peer_rag;
SELECT 'any', count(*) FILTER (WHERE target_rag = ANY (ARRAY['red', 'green']::kpi.rag[]))
              = (kpi.rag_counts(target_rag)).red + (kpi.rag_counts(target_rag)).green
FROM demo.kpi_rag;
SELECT 'greatest', greatest('red'::kpi.rag, 'green', 'amber'), least('green'::kpi.rag, 'amber');
SQL
) || { cat "$KPI_TMP/path-reader.err" >&2; fail "a board query failed for a login with the default search_path"; }
expected="report 69
red t t
in t t
order t t t
distinct t t t
case t
join t
any t"
got=$(printf '%s\n' "$out" | grep -v '^greatest')
[ "$got" = "$expected" ] || { printf 'expected:\n%s\ngot:\n%s\n' "$expected" "$out" >&2; fail "wrong answers"; }
printf '%s\n' "$out" | grep -qx 'greatest green amber' || fail "GREATEST/LEAST over kpi.rag: $out"
pass "with the default search_path: = <> != < <= > >=, IN, NOT IN, = ANY, IS [NOT] DISTINCT FROM, NULLIF, CASE, joins, GREATEST/LEAST over kpi.rag, no trap sprung"

# --- the demo a board member reads (issue 13 item 6), as the reader ---------
# Every rating is printed beside the value it was scored against: a cell is
# "●" (no comparator, and then no rating), a circle and a value, or, for
# the one rating the report records by hand without a target, "recorded*";
# the printed report explains ● and *; a projection says how many points it
# comes from, "indicative only" below six.
out=$(as $reader -At -F ' ' <<'SQL' 2>"$KPI_TMP/path-reader.err"
SELECT 'cells', count(*) FILTER (WHERE c !~ '^(●|[^ ]+ (-?[0-9,]+\.[0-9]{2}|recorded\*))$'),
       count(*) FILTER (WHERE c = '●') = (SELECT count(*) FILTER (WHERE target IS NULL AND target_rag IS NULL)
                                                 + count(*) FILTER (WHERE national IS NULL)
                                                 + count(*) FILTER (WHERE peer IS NULL) FROM demo.kpi_rag),
       count(*) FILTER (WHERE c LIKE '% recorded*') = (SELECT count(*) FROM demo.kpi_rag WHERE target IS NULL AND target_rag IS NOT NULL)
FROM demo.report, unnest(ARRAY["Target", "National", "Peer"]) AS c;
SELECT 'unscored', count(*) FROM demo.kpi_rag
WHERE (national IS NULL AND national_rag IS NOT NULL) OR (peer IS NULL AND peer_rag IS NOT NULL);
SELECT 'basis', count(*) FILTER (WHERE projection_basis IS DISTINCT FROM
                                 'from ' || points || ' points' || CASE WHEN points < 6 THEN ': indicative only' ELSE '' END)
FROM demo.kpi_trend;
SELECT 'care-home basis', count(*) FILTER (WHERE "Projection basis" !~ '^from [0-9]+ points(: indicative only)?$'
                                           OR ("Projection basis" LIKE '%indicative only') IS DISTINCT FROM
                                              (substring("Projection basis" FROM '^from ([0-9]+)')::int < 6))
FROM demo.care_home_projection;
SQL
) || { cat "$KPI_TMP/path-reader.err" >&2; fail "a query on the demo's views failed for a login with the default search_path"; }
expected="cells 0 t t
unscored 0
basis 0
care-home basis 0"
[ "$out" = "$expected" ] || { printf 'expected:\n%s\ngot:\n%s\n' "$expected" "$out" >&2; fail "the demo shows a rating without its comparator or an unlabelled projection"; }
grep -q '^●  no comparator' "$KPI_TMP/path-demo-10-report.sql.out" \
    || fail "the printed report does not explain ●"
grep -q '^\*  rated by hand' "$KPI_TMP/path-demo-10-report.sql.out" \
    || fail "the printed report does not explain *"
grep -q 'fewer than six points is labelled indicative only' "$KPI_TMP/path-demo-30-trend.sql.out" \
    || fail "the printed trends do not explain the indicative label"
pass "the demo: every rating beside its comparator value, ● and * explained, projections from fewer than six points labelled"

# the planner uses the real operators: indexes, hash and merge joins
as $owner <<'SQL' >/dev/null || fail "a table of ratings could not be built"
CREATE TABLE public.board (id int, r kpi.rag);
INSERT INTO public.board SELECT i, (ARRAY['red', 'amber', 'green'])[1 + i % 3]::kpi.rag FROM generate_series(1, 3000) i;
CREATE INDEX board_r ON public.board (r);
ANALYZE public.board;
GRANT SELECT ON public.board TO PUBLIC;
SQL
plan=$(as $reader -At -c 'SET enable_seqscan = off' -c "EXPLAIN (COSTS OFF) SELECT count(*) FROM board WHERE r = 'red'")
grep -q 'Index' <<<"$plan" || fail "WHERE r = 'red' does not use the btree index: $plan"
plan=$(as $reader -At -c 'SET enable_mergejoin = off' -c 'SET enable_nestloop = off' \
       -c 'EXPLAIN (COSTS OFF) SELECT count(*) FROM board a JOIN board b ON a.r = b.r')
grep -q 'Hash Join' <<<"$plan" || fail "a join on kpi.rag cannot hash: $plan"
plan=$(as $reader -At -c 'SET enable_hashjoin = off' -c 'SET enable_nestloop = off' \
       -c 'EXPLAIN (COSTS OFF) SELECT count(*) FROM board a JOIN board b ON a.r = b.r')
grep -q 'Merge Join' <<<"$plan" || fail "a join on kpi.rag cannot merge: $plan"
[ "$(as $reader -At -c 'SET enable_seqscan = off' -c "SELECT count(*) FROM board WHERE r = 'red'")" = 1000 ] \
    || fail "the index scan counts wrong"
[ "$(as $reader -At -c "SELECT count(*) FROM board WHERE r OPERATOR(kpi.=) 'red'")" = 1000 ] \
    || fail "0.1.0's spelling OPERATOR(kpi.=) no longer works"
pass "plain = on kpi.rag uses the btree index, hash and merge joins; OPERATOR(kpi.=) from 0.1.0 still works"


# --- pg_dump / pg_restore and pg_upgrade's dump ------------------------------
as $owner -c "CREATE VIEW public.board_red AS SELECT id FROM public.board WHERE r = 'red' AND r IN ('red', 'amber')"
"$KPI_BIN/pg_dump" -Fc -d "$db" -f "$KPI_TMP/path.dump"
"$KPI_BIN/createdb" -O $owner ${db}_restored
PGUSER=$owner "$KPI_BIN/pg_restore" -d ${db}_restored --no-owner --exit-on-error "$KPI_TMP/path.dump" \
    || fail "pg_restore of a database using kpi.rag's operators failed"
[ "$(PGUSER=$owner q -d ${db}_restored -At -c "SELECT count(*) FROM board_red")" = 1000 ] \
    || fail "the restored view answers differently"
"$KPI_BIN/pg_dump" --binary-upgrade -s -d "$db" -f "$KPI_TMP/path-binary.sql"
n=$(grep -c 'ALTER EXTENSION kpi ADD OPERATOR pg_catalog\..*(kpi\.rag, kpi\.rag)' "$KPI_TMP/path-binary.sql" || true)
[ "$n" = 6 ] || fail "pg_dump --binary-upgrade (what pg_upgrade runs) lists $n of kpi's 6 operators in pg_catalog"
pass "pg_dump -Fc + pg_restore keep a view using r = 'red'; pg_dump --binary-upgrade carries the 6 operators in pg_catalog as kpi's members"

ops=$(qa -d ${db}_restored -c "SELECT string_agg(oid::text, ',') FROM pg_operator WHERE oprnamespace = 'pg_catalog'::regnamespace AND oprleft = 'kpi.rag'::regtype")
[ -n "$ops" ] || fail "no operators on kpi.rag in pg_catalog"
PGUSER=$owner q -d ${db}_restored -c 'DROP EXTENSION kpi CASCADE' 2>/dev/null
left=$(qa -d ${db}_restored -c "SELECT count(*) FROM pg_operator WHERE oid IN ($ops)")
[ "$left" = 0 ] || fail "DROP EXTENSION kpi left $left operators in pg_catalog"
PGUSER=$owner q -d ${db}_restored -c 'CREATE EXTENSION kpi' -c "SELECT 'red'::kpi.rag = 'red'" >/dev/null \
    || fail "CREATE EXTENSION kpi after DROP EXTENSION failed (operators left behind in pg_catalog?)"
pass "DROP EXTENSION removes the operators from pg_catalog (a reinstall succeeds)"

q -d postgres <<SQL
DROP DATABASE $db;
DROP DATABASE ${db}_restored;
DROP ROLE $owner;
DROP ROLE $attacker;
DROP ROLE $reader;
SQL
