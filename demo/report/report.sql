-- The council report as one self-contained HTML page, written by SQL over
-- the demo's views (demo/*.sql) and kpi's SVG charts.  `make report` runs
--   psql -X -q -At -v ON_ERROR_STOP=1 -f demo/report/report.sql -o report.html
-- on a database with the demo loaded.  No script, no external reference:
-- the style sheet is inline and every chart is inline SVG.  Text from the
-- data goes through pg_temp.html(), which escapes & < > " '.

CREATE FUNCTION pg_temp.html(t text) RETURNS text LANGUAGE sql IMMUTABLE AS $$
    SELECT pg_catalog.replace(pg_catalog.replace(pg_catalog.replace(pg_catalog.replace(pg_catalog.replace(
           t, '&', '&amp;'), '<', '&lt;'), '>', '&gt;'), '"', '&quot;'), '''', '&#39;') $$;

-- the counts of one comparator as the report's header line prints them:
-- "Target: 3 (red) 4 (amber) 4 (green)", each count marked for the browser test
CREATE FUNCTION pg_temp.counts(what text, c kpi.rag_counts) RETURNS text LANGUAGE sql IMMUTABLE AS $$
    SELECT pg_catalog.format('<span class="counts" data-comparator="%s">%s: '
                             '<span class="rag red" data-rag="red">%s</span> '
                             '<span class="rag amber" data-rag="amber">%s</span> '
                             '<span class="rag green" data-rag="green">%s</span></span>',
                             pg_catalog.lower(what), what,
                             coalesce((c).red, 0), coalesce((c).amber, 0), coalesce((c).green, 0)) $$;

-- a cell of the report's table: the view's text with its RAG circle drawn
-- by the style sheet (a page needs no emoji font), and the rating spelt
-- out for screen readers
CREATE FUNCTION pg_temp.rag_cell(t text) RETURNS text LANGUAGE sql IMMUTABLE AS $$
    SELECT CASE WHEN r IS NULL THEN '<td class="none">' || pg_temp.html(t) || '</td>'
                ELSE '<td class="' || r || '"><span class="dot ' || r || '" role="img" aria-label="' || r || '"></span> '
                     || pg_temp.html(pg_catalog.substr(t, 3)) || '</td>' END
    FROM (SELECT CASE WHEN t LIKE U&'\+01F534%' THEN 'red' WHEN t LIKE U&'\+01F7E1%' THEN 'amber'
                      WHEN t LIKE U&'\+01F7E2%' THEN 'green' WHEN t LIKE U&'\+01F535%' THEN 'blue' END AS r) q $$;

WITH
-- the narrative's monthly values as series, for the sparklines
monthly AS (
    SELECT kpi, kpi.series(value, month_end) AS s, pg_catalog.count(*) AS n
    FROM demo.narrative_points GROUP BY kpi
),
rows AS (
    SELECT r.position, r."#",
           pg_catalog.concat(
             '<tr><td>', r."#", '</td><td class="kpi">', pg_temp.html(r."KPI"), '</td><td>', pg_temp.html(r."Period"),
             '</td><td class="num">', pg_temp.html(r."Previous"), '</td><td class="num">', pg_temp.html(r."Latest"),
             '</td><td class="num">', pg_temp.html(r."Change"), '</td>',
             pg_temp.rag_cell(r."Target"), pg_temp.rag_cell(r."National"), pg_temp.rag_cell(r."Peer"),
             '<td>', pg_temp.html(r."Travel"), '</td><td class="trend">',
             CASE WHEN m.n > 1 THEN kpi.svg_sparkline(m.s, 96, 24, r."KPI") END,
             '</td></tr>') AS html
    FROM demo.report r LEFT JOIN monthly m ON m.kpi = r."KPI"
),
sections AS (
    SELECT h.position,
           pg_catalog.concat(
             '<section data-section="', pg_temp.html(h.section), '"><h2>', pg_temp.html(h.section), '</h2>',
             '<p class="header">', s.kpis, ' KPIs. ',
             pg_temp.counts('Target', s.target), ' ', pg_temp.counts('National', s.national), ' ',
             pg_temp.counts('Peer', s.peer), ' <span class="travel">', pg_temp.html(h.travel), '</span></p>',
             '<table><thead><tr><th>#</th><th>KPI</th><th>Period</th><th>Previous</th><th>Latest</th><th>Change</th>',
             '<th>Target</th><th>National</th><th>Peer</th><th>Travel</th><th>Months</th></tr></thead><tbody>',
             (SELECT pg_catalog.string_agg(html, '' ORDER BY "#") FROM rows WHERE rows.position = h.position),
             '</tbody></table></section>') AS html
    FROM demo.section_header h JOIN demo.section_summary s USING (position)
),
-- trend lines of the KPIs with three monthly points or more, against their target
trends AS (
    SELECT pg_catalog.string_agg(
             pg_catalog.concat('<figure>', kpi.svg_line(m.s, t.kpi, target => v.target, national_value => v.national,
                                                        peer_value => v.peer, width => 440, height => 180),
                               '<figcaption>', pg_temp.html(t.projection_basis), ': year-end projection ',
                               t.year_end_projection, '</figcaption></figure>'), '' ORDER BY t.kpi) AS html
    FROM demo.kpi_trend t JOIN monthly m USING (kpi)
    LEFT JOIN LATERAL (SELECT r.target, r.national, r.peer FROM demo.kpi_rag r WHERE r.kpi = t.kpi
                       ORDER BY r.section LIMIT 1) v ON true
),
-- the care-home KPIs: September against the trajectory, projected to the year end
care_points AS (
    SELECT c."KPI" AS kpi, c."Projected year end" AS projected, c."Year-end target" AS target,
           c."vs trajectory" AS vs_trajectory, c."Projection basis" AS basis,
           pg_catalog.format('date{2024-03-31=0,2024-08-31=%s,2024-09-30=%s}', r.previous, r.latest)::kpi.series AS history,
           pg_catalog.format('date{2025-03-31=%s}', c."Projected year end")::kpi.series AS forecast,
           pg_catalog.format('date{2024-03-31=0,2025-03-31=%s}', c."Year-end target")::kpi.series AS trajectory
    FROM demo.care_home_projection c
    JOIN demo.report_csv r ON r.kpi LIKE 'Cumulative number of '
                                     || CASE WHEN c."KPI" LIKE 'Younger%' THEN 'younger' ELSE 'older' END || '%'
),
care_figs AS (
    SELECT pg_catalog.string_agg(pg_catalog.concat('<figure>',
             kpi.svg_forecast(history, forecast, title => 'Care-home admissions per 100,000: ' || kpi,
                              target => target, trajectory => trajectory, width => 440, height => 180),
             '<figcaption>September ', pg_temp.html(vs_trajectory::text), ' against the trajectory; projected year end ',
             projected, ' (', pg_temp.html(basis), ') against the target ', target, '</figcaption></figure>'), '' ORDER BY kpi DESC) AS html
    FROM care_points
),
-- Making Data Count: the reviews KPI as one process and rebased, with its icons
spc AS (
    SELECT pg_catalog.concat(
             '<figure>', kpi.svg_xmr(s, 'higher', '% of adult social care reviews completed on time', target => 80,
                                     rebase => ARRAY[DATE '2023-10-01'], width => 640, height => 220), '</figure>',
             '<table class="board"><thead><tr><th>Chart</th><th>Points</th><th>Latest</th><th>Centre</th><th>Lower</th><th>Upper</th>',
             '<th>Variation</th><th>Assurance</th></tr></thead><tbody>',
             (SELECT pg_catalog.string_agg(pg_catalog.concat(
                        '<tr><td>', pg_temp.html(b.chart), '</td><td class="num">', b.points, '</td><td class="num">', b.latest,
                        '</td><td class="num">', pg_catalog.round(b.centre::numeric, 1), '</td><td class="num">',
                        pg_catalog.round(b.lower_limit::numeric, 1), '</td><td class="num">', pg_catalog.round(b.upper_limit::numeric, 1),
                        '</td><td>', kpi.svg_variation_icon(b.variation, 32), ' ', pg_temp.html(b.variation),
                        '</td><td>', kpi.svg_assurance_icon(b.assurance, 32), ' ', pg_temp.html(b.assurance), '</td></tr>'),
                        '' ORDER BY b.chart)
              FROM demo.reviews_board b),
             '</tbody></table>') AS html
    FROM (SELECT kpi.series(pct, month) AS s FROM demo.reviews_on_time) q
)
SELECT pg_catalog.concat(
  '<!DOCTYPE html>', E'\n',
  '<html lang="en"><head><meta charset="utf-8"><title>Q2 2024/25 performance report</title>',
  '<style>',
  'body{font-family:Arial,Helvetica,sans-serif;margin:1.5em;color:#231f20;max-width:1200px}',
  'h1{font-size:1.5em}h2{font-size:1.2em;margin-top:1.5em;border-bottom:2px solid #005eb8}',
  'table{border-collapse:collapse;font-size:.8em;margin:.5em 0}th,td{border:1px solid #d8dde0;padding:2px 5px;vertical-align:middle}',
  'th{background:#f0f4f5;text-align:left}td.num{text-align:right;white-space:nowrap}td.kpi{max-width:26em}',
  'td.red{background:#f9d7d4}td.amber{background:#fff0c2}td.green{background:#d5ecd4}td.blue{background:#d4e4f4}',
  '.rag{display:inline-block;min-width:1.6em;padding:0 .3em;border-radius:.8em;color:#fff;text-align:center;font-weight:bold}',
  '.rag.red{background:#d5281b}.rag.amber{background:#b27a00}.rag.green{background:#007f3b}',
  '.dot{display:inline-block;width:.8em;height:.8em;border-radius:50%}.dot.red{background:#d5281b}.dot.amber{background:#ffb81c}',
  '.dot.green{background:#007f3b}.dot.blue{background:#005eb8}',
  '.counts{margin-right:1em}.header{font-size:.9em}figure{display:inline-block;margin:.5em 1em .5em 0}',
  'figcaption{font-size:.75em;max-width:440px}svg{vertical-align:middle}',
  '</style></head><body>', E'\n',
  '<h1>Q2 2024/25 performance report</h1>',
  '<p>Each KPI is rated against its target, the national (England) value and its peers: green on or better, ',
  'amber worse by at most 10%, red beyond. The counts per section are red, amber, green. ',
  'Months: the narrative''s monthly values, where it gives more than one.</p>', E'\n',
  (SELECT pg_catalog.string_agg(html, E'\n' ORDER BY position) FROM sections), E'\n',
  '<section id="trends" data-section="trends"><h2>Trends and projections</h2>',
  (SELECT html FROM trends), (SELECT html FROM care_figs), '</section>', E'\n',
  '<section id="spc" data-section="spc"><h2>Making Data Count: statistical process control</h2>',
  '<p>% of adult social care reviews completed on time (a made-up monthly series, demo/50-spc.sql), ',
  'the limits recalculated when the new review team started in October 2023.</p>',
  (SELECT html FROM spc), '</section>', E'\n',
  '</body></html>');
