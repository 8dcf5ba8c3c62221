#!/usr/bin/env bash
# Upgrades: every version a user may have installed must reach the current
# one through ALTER EXTENSION kpi UPDATE with exactly the catalog a fresh
# install of the current version has (catalog.sql lists it: functions with
# their volatility, strictness and parallel labels, types, operators,
# operator classes, aggregates with their combine, serial and moving-
# aggregate functions, comments, privileges).
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
n=0
for from in $starts; do
    [ "$from" = "$current" ] && continue
    n=$((n + 1))
    db=kpi_up_from_${from//[^0-9a-zA-Z]/_}
    fresh_db "$db" "$from" 2>"$work/err" \
        || { cat "$work/err" >&2; fail "cannot install kpi $from: keep its install script as sql/released/kpi--$from.sql"; }
    q -d "$db" -c 'ALTER EXTENSION kpi UPDATE' \
        || fail "ALTER EXTENSION kpi UPDATE from $from failed"
    got=$(qa -d "$db" -c "SELECT extversion FROM pg_extension WHERE extname = 'kpi'")
    [ "$got" = "$current" ] || fail "from $from, UPDATE reached $got, not $current: an upgrade script is missing"
    snapshot "$db" "$work/from-$from.txt"
    diff -u "$work/fresh.txt" "$work/from-$from.txt" >&2 \
        || fail "kpi $from updated to $current differs from a fresh install of $current (- fresh, + updated)"
    pass "kpi $from + ALTER EXTENSION kpi UPDATE = a fresh install of $current"
    q -d postgres -c "DROP DATABASE $db"
done
[ "$n" -gt 0 ] || pass "no earlier version to upgrade from yet ($current is the first)"
q -d postgres -c 'DROP DATABASE kpi_up_fresh' -c 'DROP DATABASE kpi_up_again'
