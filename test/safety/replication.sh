#!/usr/bin/env bash
# Logical replication of every kpi type (issue 9, item 3).
#
# Two throwaway clusters (wal_level = logical, Unix sockets under $KPI_TMP)
# from the server copy kpi is installed in: a publisher and a subscriber.
# A table with REPLICA IDENTITY FULL and one column per kpi type, per
# composite and per array of each (found in the catalog, so a new type is
# covered or the test says it is not) replicates INSERT, UPDATE and DELETE,
# identical rows and a NaN whose bits differ between the two sides
# included.  With REPLICA IDENTITY FULL the subscriber finds the old row
# with the default equality of every column's type (execReplication.c,
# tuples_equal; from PostgreSQL 16 it may also use a btree index, from 17 a
# hash index, to find candidates), so this fails without an equality for
# kpi.trend and kpi.state, as 0.1.0 did; a control with 0.1.0 shows the
# harness sees that failure.  Subscriptions in text and (PostgreSQL 14+)
# binary mode; a subscriber table without indexes and one with btree and
# hash indexes on the kpi columns.
source "$(dirname "$0")/lib.bash"

work=$KPI_TMP/replication
srv=$KPI_TMP$KPI_BIN          # the private server copy kpi is installed in
rm -rf "$work"
mkdir -p "$work"
if [ "$(id -u)" = 0 ]; then
    chown postgres "$work"
    as_owner() { (cd / && runuser -u postgres -- "$@"); }
else
    as_owner() { "$@"; }
fi

started=()
stop_all() {
    for d in "${started[@]}"; do
        as_owner "$srv/pg_ctl" -D "$d/data" -m immediate -w stop >/dev/null 2>&1 || true
    done
}
trap stop_all EXIT

start_cluster() {   # name
    local d=$work/$1
    as_owner mkdir -p "$d"
    as_owner "$srv/initdb" -D "$d/data" -U postgres -A trust --no-sync -E UTF8 --locale=C >"$work/$1-initdb.log" 2>&1 \
        || { cat "$work/$1-initdb.log"; fail "initdb $1"; }
    as_owner "${server_env[@]}" "$srv/pg_ctl" -D "$d/data" -l "$d/server.log" -w \
        -o "-c listen_addresses='' -k $d -p 5432 -c fsync=off -c wal_level=logical -c max_wal_senders=10 -c max_replication_slots=10 -c max_logical_replication_workers=8 -c wal_retrieve_retry_interval=200ms" \
        start >/dev/null || { cat "$d/server.log"; fail "start $1"; }
    started+=("$d")
}
start_cluster pub
start_cluster sub
export PGOPTIONS="-c client_min_messages=warning"
pub() { PGHOST=$work/pub PGPORT=5432 q "$@"; }
sub() { PGHOST=$work/sub PGPORT=5432 q "$@"; }
puba() { PGHOST=$work/pub PGPORT=5432 qa "$@"; }
suba() { PGHOST=$work/sub PGPORT=5432 qa "$@"; }
pg_num=$(puba -d postgres -c 'SHOW server_version_num')

for d in kpi_repl kpi_repl_old; do
    pub -d postgres -c "CREATE DATABASE $d"
done
for d in kpi_repl_text kpi_repl_binary kpi_repl_old; do
    sub -d postgres -c "CREATE DATABASE $d"
done

# --- the table: one column per kpi type, composite and array -------------
# Sample values of the base types, as expressions in the row number i (the
# composites are built from their fields, arrays from two elements).  A new
# kpi base type needs a line here.
samples=$(cat <<'SQL'
kpi.rag	(ARRAY['red','amber','green','blue'])[1 + i % 4]::kpi.rag
kpi.polarity	(ARRAY['higher','lower','none'])[1 + i % 3]::kpi.polarity
kpi.policy	(ARRAY['relative 0.1','absolute 2.5 stretch 98','met cumulative','relative 0 cumulative stretch -0.3'])[1 + i % 4]::kpi.policy
kpi.state	(CASE WHEN i % 5 = 0 THEN '{}' ELSE '{' || i || ',0.1,-0,5e-324,1e308,Infinity,-Infinity,0.30000000000000004,' || (i % 3) || '}' END)::kpi.state
kpi.series	(CASE WHEN i % 4 = 0 THEN 'date{}' WHEN i % 4 = 1 THEN 'float8{' || i || '=0.1,' || (i + 1) || '=NULL}' WHEN i % 4 = 2 THEN 'date{2024-01-01=-0,2024-02-01=' || i || '}' ELSE 'timestamptz{2024-01-01 00:00:00.000001+00=1e308}' END)::kpi.series
kpi.trend	(SELECT kpi.trend(g * 0.7 + (i % 4) * g * g, CASE WHEN i % 2 = 0 THEN -g ELSE g END) FROM generate_series(1, i % 6) g)
float8	(CASE i % 4 WHEN 0 THEN '-0'::float8 WHEN 1 THEN 1e308 ELSE i * 1.1 END)
int8	(i::int8 * 1000000007)
float8[]	(CASE WHEN i % 3 = 0 THEN '{}' ELSE ARRAY[i * 0.5, -0, 1e308] END)::float8[]
int4	i
text	('row ' || i)
bool	(i % 2 = 0)
date	(DATE '2024-01-01' + i)
timestamptz	(TIMESTAMPTZ '2024-01-01 00:00+00' + i * INTERVAL '1 hour')
SQL
)
pub -d kpi_repl -c 'CREATE EXTENSION kpi'
pub -d kpi_repl -v ON_ERROR_STOP=1 -v samples="$samples" <<'SQL'
CREATE TEMP TABLE sample (typ regtype, expr text);
INSERT INTO sample SELECT split_part(l, E'\t', 1)::regtype, split_part(l, E'\t', 2)
FROM regexp_split_to_table(:'samples', E'\n') l;
-- every kpi type a column can hold: base types, enums, domains, standalone composites
CREATE TEMP TABLE kpi_types AS
SELECT t.oid::regtype AS typ, t.typtype, t.typarray::regtype AS arr, t.typrelid
FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace
LEFT JOIN pg_class c ON c.oid = t.typrelid
WHERE n.nspname = 'kpi' AND t.typtype IN ('b', 'c', 'd', 'e') AND t.typelem = 0
  AND (t.typtype <> 'c' OR c.relkind = 'c') AND t.typisdefined;
DO $$
DECLARE
    r record;
    missing text;
BEGIN
    SELECT string_agg(typ::text, ', ') INTO missing FROM kpi_types k
    WHERE k.typtype <> 'c' AND NOT EXISTS (SELECT FROM sample s WHERE s.typ = k.typ);
    IF missing IS NOT NULL THEN
        RAISE EXCEPTION 'test/safety/replication.sh has no sample value for %', missing
              USING HINT = 'Add a line for it to "samples" (an expression in the row number i).';
    END IF;
    -- composites: ROW(...) of their fields' samples
    FOR r IN SELECT k.typ, k.typrelid FROM kpi_types k WHERE k.typtype = 'c' LOOP
        SELECT string_agg(a.atttypid::regtype::text, ', ') INTO missing
        FROM pg_attribute a
        WHERE a.attrelid = r.typrelid AND a.attnum > 0 AND NOT a.attisdropped
          AND NOT EXISTS (SELECT FROM sample s WHERE s.typ = a.atttypid);
        IF missing IS NOT NULL THEN
            RAISE EXCEPTION 'test/safety/replication.sh has no sample value for field type(s) % of %', missing, r.typ;
        END IF;
        INSERT INTO sample
        SELECT r.typ, 'ROW(' || string_agg(s.expr, ', ' ORDER BY a.attnum) || ')::' || r.typ
        FROM pg_attribute a JOIN sample s ON s.typ = a.atttypid
        WHERE a.attrelid = r.typrelid AND a.attnum > 0 AND NOT a.attisdropped;
    END LOOP;
END
$$;
-- the columns: c1, c2, ... in a fixed order; the DDL is kept for the subscriber
CREATE TABLE repl_ddl AS
SELECT string_agg(format('%I %s', 'c' || n, typ), ', ' ORDER BY n) AS cols,
       string_agg(expr, ', ' ORDER BY n) AS exprs,
       string_agg(format('%I %s', 'c' || n, typ), ', ' ORDER BY n) FILTER (WHERE NOT is_array) AS cols_scalar,
       string_agg(expr, ', ' ORDER BY n) FILTER (WHERE NOT is_array) AS exprs_scalar,
       string_agg(typ::text, ' ' ORDER BY n) AS types
FROM (SELECT row_number() OVER (ORDER BY typ::text, is_array) AS n, typ, expr, is_array FROM (
          SELECT k.typ::regtype AS typ, s.expr, false AS is_array FROM kpi_types k JOIN sample s USING (typ)
          UNION ALL
          -- the second element is the sample of row i + 1 (the alias shadows i)
          SELECT k.arr, format('ARRAY[%s, (SELECT %s FROM (SELECT i + 1) AS shifted(i))]', s.expr, s.expr), true
          FROM kpi_types k JOIN sample s USING (typ)) c) numbered;
SQL
cols=$(puba -d kpi_repl -c 'SELECT cols FROM repl_ddl')
exprs=$(puba -d kpi_repl -c 'SELECT exprs FROM repl_ddl')
cols_scalar=$(puba -d kpi_repl -c 'SELECT cols_scalar FROM repl_ddl')
exprs_scalar=$(puba -d kpi_repl -c 'SELECT exprs_scalar FROM repl_ddl')
types=$(puba -d kpi_repl -c 'SELECT types FROM repl_ddl')
for t in kpi.trend kpi.state kpi.rag kpi.trend[] kpi.state[] kpi.ci; do
    case " $types " in *" $t "*) ;; *) fail "the table lacks a $t column ($types)";; esac
done
pass "a column for each of: $types"

# plain, indexed: every column (text-mode subscription); bplain, bindexed:
# no arrays (binary mode: PostgreSQL's binary array format carries the
# element type's OID, which differs between clusters; docs/safety.md)
sq() { printf '%s' "$1" | sed -e "s/'/''/g" -e 's/%/%%/g'; }   # into a format() string in a SQL literal
pub -d kpi_repl <<SQL
CREATE TABLE plain (id int, $cols);
CREATE TABLE indexed (id int, $cols);
CREATE TABLE bplain (id int, $cols_scalar);
CREATE TABLE bindexed (id int, $cols_scalar);
ALTER TABLE plain REPLICA IDENTITY FULL;
ALTER TABLE indexed REPLICA IDENTITY FULL;
ALTER TABLE bplain REPLICA IDENTITY FULL;
ALTER TABLE bindexed REPLICA IDENTITY FULL;
CREATE FUNCTION fill(tab regclass, lo int, hi int) RETURNS void LANGUAGE plpgsql AS \$f\$
BEGIN
    IF tab::text LIKE 'b%' THEN
        EXECUTE format('INSERT INTO %s SELECT i, $(sq "$exprs_scalar") FROM generate_series(%s, %s) i', tab, lo, hi);
    ELSE
        EXECUTE format('INSERT INTO %s SELECT i, $(sq "$exprs") FROM generate_series(%s, %s) i', tab, lo, hi);
    END IF;
END
\$f\$;
CREATE TABLE nan_src (v kpi.state);
CREATE PUBLICATION kpi_pub FOR TABLE plain, indexed;
CREATE PUBLICATION kpi_pub_bin FOR TABLE bplain, bindexed;
SQL
tables=(plain indexed bplain bindexed)
on_all() {   # SQL with TAB for the table name, run against every table
    local t
    for t in "${tables[@]}"; do pub -d kpi_repl -c "${1//TAB/$t}" >/dev/null; done
}
on_all "SELECT fill('TAB', 1, 40)"
# identical rows: a DELETE or UPDATE of one of them must change one row only
on_all "SELECT fill('TAB', 7, 7)"
on_all "INSERT INTO TAB (id) VALUES (0)"     # a NULL in every kpi column
state_col=c$(puba -d kpi_repl -c "SELECT n FROM regexp_split_to_table((SELECT types FROM repl_ddl), ' ') WITH ORDINALITY s(t, n) WHERE t = 'kpi.state'")
trend_col=c$(puba -d kpi_repl -c "SELECT n FROM regexp_split_to_table((SELECT types FROM repl_ddl), ' ') WITH ORDINALITY s(t, n) WHERE t = 'kpi.trend'")
trend_arr_col=c$(puba -d kpi_repl -c "SELECT n FROM regexp_split_to_table((SELECT types FROM repl_ddl), ' ') WITH ORDINALITY s(t, n) WHERE t = 'kpi.trend[]'")

# a state holding a NaN with its sign bit set (binary COPY keeps the bits;
# text prints NaN): a subscriber that copied the table as text holds the
# plain NaN, and in binary mode then receives the old row's -NaN
nan_file=$work/nan.copy
printf 'PGCOPY\n\377\r\n\0\0\0\0\0\0\0\0\0\0\1\0\0\0\24\0\0\0\2\377\370\0\0\0\0\0\0\77\360\0\0\0\0\0\0\377\377' >"$nan_file"
pub -d kpi_repl -c "\\copy nan_src FROM '$nan_file' WITH (FORMAT binary)"
[ "$(puba -d kpi_repl -c "SELECT kpi.state_send(v) FROM nan_src")" = '\x00000002fff80000000000003ff0000000000000' ] \
    || fail "the -NaN state did not load"
on_all "UPDATE TAB SET $state_col = (SELECT v FROM nan_src) WHERE id IN (3, 4)"

modes=(text)
[ "$pg_num" -lt 140000 ] || modes+=(binary)
for mode in "${modes[@]}"; do
    db=kpi_repl_$mode
    if [ $mode = text ]; then p=kpi_pub; t1=plain; t2=indexed; c=$cols; else p=kpi_pub_bin; t1=bplain; t2=bindexed; c=$cols_scalar; fi
    sub -d $db <<SQL
CREATE EXTENSION kpi;
CREATE TABLE $t1 (id int, $c);
CREATE TABLE $t2 (id int, $c);
CREATE INDEX ON $t2 USING btree ($trend_col);
CREATE INDEX ON $t2 USING hash ($state_col);
CREATE SUBSCRIPTION kpi_sub_$mode CONNECTION 'host=$work/pub port=5432 dbname=kpi_repl user=postgres'
    PUBLICATION $p$([ $mode = binary ] && echo ' WITH (binary = true)');
SQL
    [ $mode = binary ] || sub -d $db -c "CREATE INDEX ON $t2 USING btree ($trend_arr_col, id)"
done

# the rows of a table as sorted text, on either side
digest() { "$1" -d "$2" -c "SELECT count(*) || ' rows, ' || md5(coalesce(string_agg(r::text, E'\n' ORDER BY r::text), '')) FROM $3 r"; }
wait_same() {   # what
    local mode db want got
    for mode in "${modes[@]}"; do
        db=kpi_repl_$mode
        if [ $mode = text ]; then tabs="plain indexed"; else tabs="bplain bindexed"; fi
        for tab in $tabs; do
            want=$(digest puba kpi_repl $tab)
            for _ in $(seq 1 300); do
                got=$(digest suba $db $tab)
                [ "$got" = "$want" ] && break
                sleep 0.1
            done
            if [ "$got" != "$want" ]; then
                grep -E 'ERROR|FATAL' "$work/sub/server.log" | tail -n 5 >&2 || true
                fail "$1: $tab in $mode mode: subscriber has $got, publisher $want"
            fi
        done
        pass "$1 ($mode mode, $tabs: $(cut -d, -f1 <<<"$want") each or so)"
    done
}
# wait for the initial copy (every table ready)
for mode in "${modes[@]}"; do
    for _ in $(seq 1 300); do
        [ "$(suba -d kpi_repl_$mode -c "SELECT count(*) FROM pg_subscription_rel WHERE srsubstate <> 'r'")" = 0 ] && break
        sleep 0.1
    done
done
wait_same "initial copy"

on_all "SELECT fill('TAB', 41, 60)"
wait_same "INSERT"

# change kpi columns, and other columns of rows found by their kpi columns
on_all "UPDATE TAB SET $trend_col = (SELECT kpi.trend(g * 1.0, g) FROM generate_series(1, 3) g) WHERE id % 3 = 0"
on_all "UPDATE TAB SET $state_col = kpi.state_cat($state_col, '{42}') WHERE id % 4 = 1"
on_all "UPDATE TAB SET id = id + 1000 WHERE id IN (3, 4, 5, 0)"    # the -NaN rows and the all-NULL row
on_all "UPDATE TAB SET id = -7 WHERE ctid = (SELECT ctid FROM TAB WHERE id = 7 LIMIT 1)"   # one of two identical rows
wait_same "UPDATE"

on_all "DELETE FROM TAB WHERE id % 5 = 2 OR id IN (1003, 1000)"
on_all "DELETE FROM TAB WHERE ctid = (SELECT ctid FROM TAB WHERE id = 7 LIMIT 1)"   # the other one
wait_same "DELETE"
for t in "${tables[@]}"; do
    [ "$(puba -d kpi_repl -c "SELECT count(*) FROM $t WHERE id IN (7, -7)")" = 1 ] || fail "identical rows in $t"
done

# nothing went wrong on the way (an apply error is retried, and could hide
# behind a final state that happens to match)
if grep -E 'ERROR|could not identify' "$work/sub/server.log" >&2; then
    fail "the subscriber logged errors"
fi
pass "no errors in the subscriber's log"
if grep -E 'PANIC|TRAP:|terminated by signal|was terminated|AddressSanitizer|runtime error:' "$work/pub/server.log" "$work/sub/server.log" >&2; then
    fail "a crash or a sanitizer report in the publisher's or subscriber's log (above)"
fi

# --- control: 0.1.0 (no equality for kpi.trend) cannot replicate an UPDATE
pub -d kpi_repl_old <<'SQL'
CREATE EXTENSION kpi VERSION '0.1.0';
CREATE TABLE t (id int, tr kpi.trend);
ALTER TABLE t REPLICA IDENTITY FULL;
INSERT INTO t SELECT 1, kpi.trend(g * 1.0, g) FROM generate_series(1, 3) g;
CREATE PUBLICATION kpi_pub_old FOR TABLE t;
SQL
sub -d kpi_repl_old <<SQL
CREATE EXTENSION kpi VERSION '0.1.0';
CREATE TABLE t (id int, tr kpi.trend);
CREATE SUBSCRIPTION kpi_sub_old CONNECTION 'host=$work/pub port=5432 dbname=kpi_repl_old user=postgres' PUBLICATION kpi_pub_old;
SQL
for _ in $(seq 1 300); do
    [ "$(suba -d kpi_repl_old -c 'SELECT count(*) FROM t')" = 1 ] && break
    sleep 0.1
done
pub -d kpi_repl_old -c 'UPDATE t SET id = 2'
seen=0
for _ in $(seq 1 300); do
    if grep -q 'could not identify an equality operator for type kpi.trend' "$work/sub/server.log"; then seen=1; break; fi
    sleep 0.1
done
[ $seen = 1 ] || fail "control: 0.1.0 replicated an UPDATE of a kpi.trend row (the harness would not see the failure)"
[ "$(suba -d kpi_repl_old -c 'SELECT id FROM t')" = 1 ] || fail "control: the UPDATE arrived"
pass "control: with 0.1.0 the subscriber fails (could not identify an equality operator for type kpi.trend)"
sub -d kpi_repl_old -c 'ALTER SUBSCRIPTION kpi_sub_old DISABLE' -c 'ALTER SUBSCRIPTION kpi_sub_old SET (slot_name = NONE)' -c 'DROP SUBSCRIPTION kpi_sub_old'
