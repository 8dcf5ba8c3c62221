#!/usr/bin/env bash
# The council report as a web page, checked in a real browser (issue 15,
# item 4).  Builds the page as `make report` does (demo/report/report.sql
# over the demo), loads it in headless Chromium and checks what a reader
# would: no console errors, every chart drawn (the number of svg elements
# the views say there should be, each with a non-zero size, a title,
# non-empty paths and its data drawn), and the red/amber/green counts
# shown equal the view's.
# Skips when Chromium is absent (Debian: apt-get install chromium).
source "$(dirname "$0")/lib.bash"

chromium=$(command -v chromium || command -v chromium-browser || true)
if [ -z "$chromium" ]; then
    echo "   skipped: no chromium (apt-get install chromium)"
    exit 0
fi

db=kpi_report_browser
dir=$KPI_TMP/report-browser
mkdir -p "$dir"
"$KPI_BIN/createdb" "$db"
for f in demo/[0-9]*.sql; do q -d "$db" -f "$f" >/dev/null; done
qa -d "$db" -f demo/report/report.sql -o "$dir/report.html"
[ -s "$dir/report.html" ] || fail "demo/report/report.sql wrote nothing"

# --- the page itself: self-contained, nothing active
if grep -Eqi '<script|<iframe|<object|<embed|<link|<img|javascript:' "$dir/report.html"; then
    fail "report.html has a script, frame, link or image element"
fi
if grep -Eqi '(src|href|xlink:href)=|url\(|@import' "$dir/report.html"; then
    fail "report.html refers to something outside itself"
fi
pass "report.html is self-contained: no script, no external reference"

# --- what the views say the page must show
expected_svgs=$(qa -d "$db" <<'SQL'
WITH monthly AS (SELECT kpi FROM demo.narrative_points GROUP BY kpi HAVING pg_catalog.count(*) > 1)
SELECT (SELECT pg_catalog.count(*) FROM demo.report r JOIN monthly m ON m.kpi = r."KPI")   -- sparklines
     + (SELECT pg_catalog.count(*) FROM demo.kpi_trend)                                    -- trend lines
     + (SELECT pg_catalog.count(*) FROM demo.care_home_projection)                         -- projections
     + 1                                                                                   -- the XmR chart
     + (SELECT pg_catalog.count(variation) + pg_catalog.count(assurance) FROM demo.reviews_board)  -- icons
SQL
)
expected_counts=$(qa -d "$db" -F ' ' <<'SQL'
SELECT section, c.comparator, coalesce((c.n).red, 0), coalesce((c.n).amber, 0), coalesce((c.n).green, 0)
FROM demo.section_summary s,
     LATERAL (VALUES ('target', s.target), ('national', s.national), ('peer', s.peer)) c(comparator, n)
ORDER BY s.position, c.comparator
SQL
)

# --- a copy of the page with a probe that measures what the browser drew
# (the delivered page has no script; the probe is the test's own)
cat >"$dir/probe.js" <<'JS'
(function () {
  var DATA = ['#005eb8', '#7b7d7d', '#289de0', '#e46c0a', '#7030a0'];  // src/svg.c's line and MDC colours
  var out = {svgs: [], counts: []};
  document.querySelectorAll('svg').forEach(function (s) {
    // paths: path elements the browser drew with a size; marks: paths and
    // dots in a colour of data (a series' line or points, an icon's), so a
    // full chart with its frame and no data is not drawn
    var b = s.getBoundingClientRect(), paths = 0, marks = 0;
    s.querySelectorAll('path, circle').forEach(function (e) {
      var bb = e.getBBox();
      if (!(bb.width > 0 || bb.height > 0)) return;
      if (e.tagName === 'path') paths++;
      if (DATA.indexOf(e.getAttribute('stroke')) >= 0 || DATA.indexOf(e.getAttribute('fill')) >= 0) marks++;
    });
    var t = s.querySelector('title');
    out.svgs.push({w: b.width, h: b.height, paths: paths, marks: marks, title: t ? t.textContent.length : 0});
  });
  document.querySelectorAll('section[data-section] .counts').forEach(function (c) {
    var n = {};
    c.querySelectorAll('.rag').forEach(function (r) { n[r.dataset.rag] = r.textContent.trim(); });
    out.counts.push([c.closest('section').dataset.section, c.dataset.comparator, n.red, n.amber, n.green].join(' '));
  });
  var pre = document.createElement('pre');
  pre.id = 'probe';
  pre.textContent = 'PROBE' + JSON.stringify(out) + 'EBORP';
  document.body.appendChild(pre);
})();
JS

browser() {
    HOME=$dir timeout 120 "$chromium" --headless --no-sandbox --disable-gpu --disable-quic \
        --no-first-run --disable-background-networking --disable-component-update --disable-sync \
        --disable-extensions --user-data-dir="$dir/profile-$1" --enable-logging=stderr --v=0 \
        --window-size=1280,1600 "${@:2}"
}

cat >"$dir/check.py" <<'PY'
import json, re, sys
dom = open(sys.argv[1], encoding='utf-8').read()
m = re.search(r'<pre id="probe">PROBE(.*?)EBORP', dom, re.S)
if not m:
    sys.exit('the probe did not run (a script error?)')
import html
out = json.loads(html.unescape(m.group(1)))
ok = True
want = int(sys.argv[2])
if len(out['svgs']) != want:
    print('   %d svg elements drawn, the views call for %d' % (len(out['svgs']), want)); ok = False
for i, s in enumerate(out['svgs']):
    if not (s['w'] > 0 and s['h'] > 0 and s['paths'] > 0 and s['marks'] > 0 and s['title'] > 0):
        print('   svg %d not drawn: %r' % (i, s)); ok = False
want_counts = sys.argv[3].splitlines()
if sorted(out['counts']) != sorted(want_counts):
    print('   counts shown:\n     ' + '\n     '.join(out['counts']) + '\n   counts in demo.section_summary:\n     ' + '\n     '.join(want_counts)); ok = False
if ok:
    print('   ok: %d charts drawn, each with a size, a title, non-empty paths and data drawn; %d RAG counts as in demo.section_summary'
          % (len(out['svgs']), len(out['counts'])))
sys.exit(0 if ok else 1)
PY

# check_page PAGE NAME: load PAGE with the probe; 0 when the page logged
# nothing to the console and shows what the views say
check_page() {
    local page=$1 name=$2
    { sed 's|</body></html>$||' "$page"; echo '<script>'; cat "$dir/probe.js"; echo '</script></body></html>'; } >"$dir/$name-probe.html"
    browser "$name" --dump-dom "file://$dir/$name-probe.html" >"$dir/$name-dom.html" 2>"$dir/$name.log" \
        || { cat "$dir/$name.log" >&2; echo "   chromium could not load $page" >&2; return 1; }
    # console messages of the page (Chromium logs them as CONSOLE lines)
    if grep -h 'CONSOLE' "$dir/$name.log" >&2; then
        echo "   the page logged to the console (above)" >&2
        return 1
    fi
    python3 "$dir/check.py" "$dir/$name-dom.html" "$expected_svgs" "$expected_counts"
}

check_page "$dir/report.html" report || fail "the page as drawn differs from the views, or logged to the console (above)"
pass "no console messages"

browser shot --screenshot="$dir/report.png" "file://$dir/report.html" >/dev/null 2>"$dir/shot.log" \
    || { cat "$dir/shot.log" >&2; fail "chromium could not take a screenshot"; }
[ -s "$dir/report.png" ] || fail "no screenshot"
pass "chromium saved a screenshot ($(wc -c <"$dir/report.png") bytes)"

# the checks themselves: a page with a chart gone and a count changed, and
# a page that logs an error, must fail them
sed -e '0,/<svg /s//<svx /' -e '0,/data-rag="red">\([0-9]*\)</s//data-rag="red">9\1</' "$dir/report.html" >"$dir/tampered.html"
cmp -s "$dir/report.html" "$dir/tampered.html" && fail "the tampered page is the page"
if check_page "$dir/tampered.html" tampered >"$dir/tampered.out" 2>&1; then
    cat "$dir/tampered.out" >&2; fail "the checks passed a page with a chart gone and a count changed"
fi
sed 's|</body></html>$|<script>console.error("kpi-report-browser-check")</script></body></html>|' "$dir/report.html" >"$dir/noisy.html"
if check_page "$dir/noisy.html" noisy >"$dir/noisy.out" 2>&1; then
    cat "$dir/noisy.out" >&2; fail "the checks passed a page that logs an error"
fi
# a full chart (the XmR chart) with its frame, limits and axes but its
# points and line emptied is not drawn
perl -pe 'if (/XmR chart/) { s/<circle [^>]*>//g; s/ d="M[^"]*"( fill="none" stroke="#7b7d7d")/ d=""$1/g }' "$dir/report.html" >"$dir/empty.html"
cmp -s "$dir/report.html" "$dir/empty.html" && fail "the emptied page is the page"
if check_page "$dir/empty.html" empty >"$dir/empty.out" 2>&1; then
    cat "$dir/empty.out" >&2; fail "the checks passed a page whose XmR chart has no points"
fi
pass "and they fail a page with a chart gone, a count changed, a chart's data emptied or a console error"
"$KPI_BIN/dropdb" "$db"
