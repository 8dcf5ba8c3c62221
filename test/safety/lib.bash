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
