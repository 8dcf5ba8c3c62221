#!/bin/bash
# The Makefile's default PG_CONFIG is the pg_config of the highest major
# version installed, compared as numbers (16 over 9.6, 13 over 9.6, 10 over
# 9.x), not as strings (issue 9, item 8).  Fake server trees, no cluster.
source "$(dirname "$0")/lib.bash"

root=$(mktemp -d "$KPI_TMP/pgroots.XXXXXX")
default_pg_config() {
    env -u PG_CONFIG make -s --no-print-directory PG_SERVER_ROOT="$root" \
        --eval 'kpi-show-pg-config: ; @echo $(PG_CONFIG)' kpi-show-pg-config 2>/dev/null | tail -n 1
}
# highest|installed
for case in "16|9.6 16" "13|9.6 13 10" "9.6|9.5 9.6" "18|18 13 15" "12|8.4 9.6 10 11 12"; do
    set=${case#*|}
    rm -rf "${root:?}"/*
    for v in $set; do
        mkdir -p "$root/$v/bin"
        printf '#!/bin/sh\nexit 0\n' > "$root/$v/bin/pg_config"
        chmod +x "$root/$v/bin/pg_config"
    done
    want="$root/${case%%|*}/bin/pg_config"
    got=$(default_pg_config)
    [ "$got" = "$want" ] || fail "with $set installed, PG_CONFIG is $got, not $want"
    pass "with $set installed, the default PG_CONFIG is ${case%%|*}'s"
done
rm -rf "${root:?}"/*
got=$(default_pg_config)
[ "$got" = pg_config ] || fail "with no server installed, PG_CONFIG is $got, not pg_config from PATH"
pass "with no server installed, the default PG_CONFIG is pg_config from PATH"
rm -rf "$root"
