#!/usr/bin/env bash
# ETS forecasts at cluster level:
#  1. fitted SSE no worse than statsmodels' on 100 random series (fixed
#     seed) and four models; skipped (with a message) when python3 with
#     statsmodels is absent;
#  2. fitting 10,000 series in one query answers statement_timeout.
source "$(dirname "$0")/lib.bash"

db=kpi_ets
work=$KPI_TMP/ets
mkdir -p "$work"
q -d postgres -c "DROP DATABASE IF EXISTS $db" 2>/dev/null
"$KPI_BIN/createdb" $db
q -d $db -c 'CREATE EXTENSION kpi'

# --- 1. SSE against statsmodels ETSModel ------------------------------------
py=''
for p in /usr/bin/python3 python3; do
    if command -v "$p" >/dev/null 2>&1 && "$p" -c 'import statsmodels' 2>/dev/null; then py=$p; break; fi
done
if [ -z "$py" ]; then
    pass "SKIPPED: SSE against statsmodels (python3 with statsmodels not installed)"
else
    "$py" test/safety/ets_statsmodels.py "$work" 100 20261201
    res=$(q -d $db -At <<SQL
CREATE TEMP TABLE pts (id int, t int, y float8);
CREATE TEMP TABLE sm (id int, model text, sse float8);
\copy pts FROM '$work/series.csv' CSV
\copy sm FROM '$work/fits.csv' CSV
CREATE TEMP TABLE cmp AS
SELECT sm.id, sm.model, sm.sse AS sm_sse,
       (kpi.ets(s.s, sm.model, CASE WHEN sm.model = 'AAA' THEN 12 END, bounds => 'statsmodels')).sse AS kpi_sse
FROM sm JOIN (SELECT id, kpi.series(y, t) AS s FROM pts GROUP BY id) s USING (id);
SELECT count(*), count(*) FILTER (WHERE kpi_sse <= sm_sse * (1 + 1e-9)),
       count(*) FILTER (WHERE kpi_sse < sm_sse * (1 - 1e-6)),
       round(max(kpi_sse / sm_sse)::numeric, 12)
FROM cmp;
SQL
)
    IFS='|' read -r total ok better worst <<<"$res"
    [ "$total" = 400 ] || fail "statsmodels comparison: $total fits, expected 400"
    [ "$ok" = "$total" ] || {
        q -d $db -c "SELECT 1" >/dev/null
        fail "kpi's SSE worse than statsmodels' in $((total - ok)) of $total fits (worst ratio $worst)"
    }
    pass "SSE no worse than statsmodels ETSModel in $ok of $total fits (100 random series x ANN, AAN, AAdN, AAA; lower in $better; worst ratio $worst)"
fi

# --- 2. statement_timeout: 10,000 series in one query, and one long fit -----
# (the second is cancelled inside the optimiser: one fit of 500,000 points
# takes far longer than the timeout)
cancel_case() {
    local what=$1 sql=$2 start out ms
    start=$(date +%s%N)
    out=$(q -d $db 2>&1 <<SQL || true
SET statement_timeout = '1s';
$sql
SQL
)
    ms=$(( ($(date +%s%N) - start) / 1000000 ))
    case "$out" in
    *"canceling statement due to statement timeout"*) ;;
    *) fail "$what did not answer statement_timeout: $out" ;;
    esac
    [ "$ms" -lt $((1000 + ${KPI_CANCEL_SLACK_MS:-800})) ] || fail "$what: statement_timeout of 1 s answered after $ms ms"
    pass "$what is cancelled by statement_timeout (1 s, answered in $ms ms)"
}
cancel_case "fitting 10,000 series" \
  "SELECT count((e).sse) FROM (SELECT kpi.ets(kpi.series(50 + 5 * sin(i * 0.5236 + k) + i * 0.1 + sin(i * k), i), 'AAA', 12) AS e
   FROM generate_series(1, 10000) k, generate_series(0, 47) i GROUP BY k) q;"
q -d $db -c "CREATE TABLE long_series AS SELECT kpi.series(50 + 5 * sin(i * 0.5236) + sin(i::float8 * i), i) AS s FROM generate_series(0, 499999) i"
cancel_case "one AAA fit of 500,000 points" "SELECT (kpi.ets(s, 'AAA', 12)).sse FROM long_series;"

# --- 3. bounded memory: 10,000 fits in one query ------------------------------
# The backend's peak resident size (VmHWM) grows by what the query holds at
# its peak: the 10,000 series being grouped, not the fits, which are freed
# row by row.  So 10,000 fits grow it little more than 1,000 do (a leak of
# 1 kB a fit would add 9 MB).  Each case runs in a fresh backend.
if [ "${KPI_ASAN:-0}" = 1 ] || [ ! -r /proc/self/status ]; then
    pass "SKIPPED: memory of 10,000 fits (AddressSanitizer or no /proc)"
else
    q -d $db -c "CREATE FUNCTION vmhwm_kb() RETURNS bigint LANGUAGE sql AS \$\$ SELECT (regexp_match(pg_read_file('/proc/self/status'), 'VmHWM:\\s+(\\d+) kB'))[1]::bigint \$\$"
    grew_kb() {
        q -d $db -At <<SQL | tail -n 1
SET jit = off;
SELECT vmhwm_kb() AS before \gset
SELECT count(*) FROM (SELECT $2 FROM (SELECT kpi.series(50 + 5 * sin(i * 0.5236 + k) + i * 0.1 + sin(i * k), i) AS s
                                      FROM generate_series(1, $1) k, generate_series(0, 23) i GROUP BY k) q) r;
SELECT vmhwm_kb() - :before;
SQL
    }
    for what in "kpi.ets:(kpi.ets(s, 'AAN')).sse" "kpi.ets_forecast:(SELECT sum(f.forecast) FROM kpi.ets_forecast(s, 12, model => 'AAN') f)"; do
        name=${what%%:*} expr=${what#*:}
        small=$(grew_kb 1000 "$expr")
        big=$(grew_kb 10000 "$expr")
        [[ "$small" =~ ^-?[0-9]+$ && "$big" =~ ^-?[0-9]+$ ]] || fail "$name: no memory reading ($small, $big)"
        [ "$big" -lt 65536 ] || fail "$name: 10,000 fits grew the backend by $((big / 1024)) MB (64 MB allowed)"
        [ $((big - small)) -lt 16384 ] || fail "$name: 10,000 fits grew the backend by $((big / 1024)) MB, 1,000 by $((small / 1024)) MB: memory grows with the fits"
        pass "$name: 10,000 fits in one query grew the backend by $((big / 1024)) MB (1,000 fits: $((small / 1024)) MB)"
    done
fi
q -d postgres -c "DROP DATABASE $db"
