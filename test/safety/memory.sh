#!/usr/bin/env bash
# Memory: kpi's aggregates and window aggregates over 10^6 rows and 10^5
# groups keep the backend bounded (hash aggregation spills at work_mem,
# nothing grows per row).  The same script runs in `make bench` with 10^7
# rows and 10^6 groups (bench/90-memory.sql).  Linux only (/proc).
source "$(dirname "$0")/lib.bash"
if [ "${KPI_ASAN:-0}" = 1 ]; then
    pass "skipped under AddressSanitizer (its shadow memory and quarantine inflate the process size)"
    exit 0
fi
if [ ! -r /proc/self/status ]; then
    pass "skipped: no /proc"
    exit 0
fi
"$KPI_BIN/createdb" kpi_mem
q -d kpi_mem -c 'CREATE EXTENSION kpi'
out=$(q -d kpi_mem -v N=1000000 -v G=100000 -f bench/90-memory.sql)
printf '%s\n' "$out" | sed -n '/Backend memory/,$p' | sed 's/^/   /'
q -d postgres -c 'DROP DATABASE kpi_mem'
grep -Eq '^ *t *\| *[0-9]+ *$' <<<"$out" || fail "a case grew the backend by 64 MB or more (above)"
pass "every case stays under 64 MB over 10^6 rows"
