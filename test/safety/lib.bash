# test/safety/lib.bash — sourced by the safety tests, which tools/kpi-run runs
# against its throwaway cluster (PGHOST, KPI_BIN, KPI_TMP are set there).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
: "${KPI_BIN:?run the safety tests through make test (tools/kpi-run)}"
: "${KPI_TMP:?}"
q() { "$KPI_BIN/psql" -X -q -v ON_ERROR_STOP=1 -P pager=off "$@"; }
qa() { q -At "$@"; }
pass() { printf '   ok: %s\n' "$*"; }
fail() { printf '   FAILED: %s\n' "$*" >&2; exit 1; }

# the environment the main test server's postmaster runs in that a test's
# own servers need too: under `make sanitize`, the sanitizer runtime kpi.so
# is built against is preloaded (LD_PRELOAD) with its options; without it
# such a server's backend exits at CREATE EXTENSION.  Use as
# "${server_env[@]}" COMMAND ...
server_env=(env)
server_pid=$(head -n 1 "$KPI_TMP/data/postmaster.pid" 2>/dev/null || true)
if [ -n "$server_pid" ] && [ -r "/proc/$server_pid/environ" ]; then
    while IFS= read -r -d '' kv; do
        case $kv in LD_PRELOAD=*|ASAN_OPTIONS=*|UBSAN_OPTIONS=*) server_env+=("$kv") ;; esac
    done <"/proc/$server_pid/environ"
fi
unset server_pid
