#!/usr/bin/env bash
# Upgrades: every version a user may have installed must reach the current
# one through ALTER EXTENSION kpi UPDATE with exactly the catalog a fresh
# install of the current version has (catalog.sql lists it: functions with
# their volatility, strictness and parallel labels, types, operators,
# operator classes, aggregates with their combine, serial and moving-
# aggregate functions, comments, privileges).
#
# With data: see below.
#
# Start versions: every A of an upgrade script sql/kpi--A--B.sql, and every
# released version frozen as sql/released/kpi--A.sql.  With none (0.1.0 is
# the first version) the comparison still runs, fresh install against fresh
# install, so the machinery is proven.  docs/safety.md says how to add one.
source "$(dirname "$0")/lib.bash"

current=$(sed -n "s/^default_version *= *'\(.*\)'/\1/p" kpi.control)
[ -n "$current" ] || fail "no default_version in kpi.control"
work=$KPI_TMP/upgrade
mkdir -p "$work"

snapshot() {   # snapshot DB FILE
    qa -d "$1" -f test/safety/catalog.sql >"$2"
}
fresh_db() {   # fresh_db DB [VERSION]
    q -d postgres -c "DROP DATABASE IF EXISTS $1" 2>/dev/null
    "$KPI_BIN/createdb" "$1"
    q -d "$1" -c "CREATE EXTENSION kpi${2:+ VERSION '$2'}"
}

fresh_db kpi_up_fresh
snapshot kpi_up_fresh "$work/fresh.txt"
for kind in function aggregate type operator opclass 'opfamily member' comment member; do
    grep -q "^$kind " "$work/fresh.txt" || fail "the catalog listing has no '$kind' lines: catalog.sql is broken"
done
pass "catalog of a fresh install of $current: $(wc -l <"$work/fresh.txt") lines ($(grep -c '^function ' "$work/fresh.txt") functions, $(grep -c '^aggregate ' "$work/fresh.txt") aggregates, $(grep -c '^type ' "$work/fresh.txt") types, $(grep -c '^operator ' "$work/fresh.txt") operators)"

# the listing is deterministic, and a no-op UPDATE changes nothing
fresh_db kpi_up_again
q -d kpi_up_again -c 'ALTER EXTENSION kpi UPDATE' 2>/dev/null
snapshot kpi_up_again "$work/again.txt"
diff -u "$work/fresh.txt" "$work/again.txt" >&2 || fail "two fresh installs of $current list different catalogs"
pass "a second fresh install (then ALTER EXTENSION kpi UPDATE, a no-op) lists the same catalog"

starts=$( { ls sql/kpi--*--*.sql sql/released/kpi--*.sql 2>/dev/null || true; } \
          | sed -E 's|.*/kpi--([^-]+(-[^-]+)*?)(--.*)?\.sql$|\1|' | sed -E 's/--.*//' | sort -uV)

# --- a user's data through the update -----------------------------------------
# Installed by a database owner without superuser (kpi is trusted) and by a
# superuser; test/safety/fixture.sql stores every type kpi returns (and
# arrays of them) in tables, with views over every function, aggregate,
# window aggregate, operator and cast, and materialized views with indexes.
# After ALTER EXTENSION kpi UPDATE the catalog must equal a fresh install's,
# and every table, view, materialized view and index must read the same
# (test/safety/fingerprint.sql), before and after REFRESH MATERIALIZED VIEW.
owner=kpi_up_owner
for db in $(qa -d postgres -c "SELECT datname FROM pg_database WHERE datname LIKE 'kpi\_up\_from\_%'"); do
    q -d postgres -c "DROP DATABASE $db"
done
q -d postgres -c "SET client_min_messages = warning" -c "DROP ROLE IF EXISTS $owner" -c "CREATE ROLE $owner LOGIN"
fingerprint() { qa -d "$1" -f test/safety/fingerprint.sql; }
n=0
for from in $starts; do
    [ "$from" = "$current" ] && continue
    n=$((n + 1))
    for installer in $owner postgres; do
        db=kpi_up_from_${from//[^0-9a-zA-Z]/_}_by_$installer
        q -d postgres -c "DROP DATABASE IF EXISTS $db" 2>/dev/null
        "$KPI_BIN/createdb" -O $owner "$db"
        PGUSER=$installer q -d "$db" -c "CREATE EXTENSION kpi VERSION '$from'" 2>"$work/err" \
            || { cat "$work/err" >&2; fail "cannot install kpi $from: keep its install script as sql/released/kpi--$from.sql"; }
        PGUSER=$owner q -d "$db" -f test/safety/fixture.sql
        uncovered=$(qa -d "$db" -c "SELECT what || ': ' || why FROM fx.uncovered ORDER BY 1")
        known=$(grep -v '^#' test/safety/fixture-known.txt | cut -f1 | sed 's/$/: /' || true)   # (may be none)
        unknown=$(grep -v -F -f <(printf '%s' "$known") <<<"$uncovered" || true)
        [ -z "$unknown" ] || fail "fixture.sql could not call (add a sample to fx.sample): $unknown"
        [ -z "$uncovered" ] || [ "$installer" != $owner ] \
            || printf '   known (test/safety/fixture-known.txt): %s\n' "$(cut -d: -f1 <<<"$uncovered" | sort -u | tr '\n' ' ')"
        made=$(qa -d "$db" -c "SELECT string_agg(n || ' ' || kind, ', ' ORDER BY kind) FROM (SELECT kind, count(*) n FROM fx.made GROUP BY kind) k")
        fingerprint "$db" >"$work/data-$from-$installer.before"
        PGUSER=$installer q -d "$db" -c 'ALTER EXTENSION kpi UPDATE' \
            || fail "ALTER EXTENSION kpi UPDATE from $from (installed by $installer) failed"
        got=$(qa -d "$db" -c "SELECT extversion FROM pg_extension WHERE extname = 'kpi'")
        [ "$got" = "$current" ] || fail "from $from, UPDATE reached $got, not $current: an upgrade script is missing"
        snapshot "$db" "$work/from-$from-$installer.txt"
        diff -u "$work/fresh.txt" "$work/from-$from-$installer.txt" >&2 \
            || fail "kpi $from (installed by $installer) updated to $current differs from a fresh install of $current (- fresh, + updated)"
        fingerprint "$db" >"$work/data-$from-$installer.after"
        diff -u "$work/data-$from-$installer.before" "$work/data-$from-$installer.after" >&2 \
            || fail "a table, view, materialized view or index over kpi $from reads differently after the update (- before, + after)"
        qa -d "$db" -c "SELECT format('REFRESH MATERIALIZED VIEW %s;', oid::regclass) FROM pg_class
                        WHERE relnamespace = 'fx'::regnamespace AND relkind = 'm'" | PGUSER=$owner q -d "$db" >/dev/null
        fingerprint "$db" >"$work/data-$from-$installer.refreshed"
        diff -u "$work/data-$from-$installer.before" "$work/data-$from-$installer.refreshed" >&2 \
            || fail "a materialized view over kpi $from, refreshed with $current, differs (- before, + after)"
        pass "kpi $from installed by $installer + data ($made views and their tables, $(grep -c '^rows' "$work/data-$from-$installer.before") relations) + ALTER EXTENSION kpi UPDATE: the catalog of a fresh $current; every table, view, materialized view (also refreshed) and index reads the same"
        q -d postgres -c "DROP DATABASE $db"
    done
done
[ "$n" -gt 0 ] || pass "no earlier version to upgrade from yet ($current is the first)"
q -d postgres -c 'DROP DATABASE kpi_up_fresh' -c 'DROP DATABASE kpi_up_again' -c "DROP ROLE $owner"
