-- The seed report reproduced: the demo's views must give the RAG the
-- report printed in every cell where it printed one and a comparator value
-- is stated (98 cells), and the per-section counts the report states in its
-- headers and prose (demo/data/seed_q2_2024_narrative.csv).
SET search_path = public, kpi;
\set ECHO none
\set QUIET on
SET client_min_messages = warning;
\o /dev/null
\i demo/00-setup.sql
\i demo/10-report.sql
\o
\pset footer on
RESET client_min_messages;
\set QUIET off
\set ECHO all

-- cell by cell
WITH cells AS (
    SELECT c.section, c.table_row, x.comparator, x.value, nullif(x.shown, '') AS shown, x.computed
    FROM demo.report_csv c
    JOIN demo.kpi_rag r USING (section, table_row)
    CROSS JOIN LATERAL (VALUES
        ('target',   c.target,   c.target_rag_shown,   kpi.rag(r.latest, r.target, r.polarity)),
        ('national', c.national, c.national_rag_shown, r.national_rag),
        ('peer',     c.peer,     c.peer_rag_shown,     r.peer_rag)) AS x(comparator, value, shown, computed)
)
SELECT count(*) FILTER (WHERE shown IS NOT NULL) AS cells_shown,
       count(*) FILTER (WHERE shown IS NOT NULL AND value IS NOT NULL) AS cells_scored,
       count(*) FILTER (WHERE shown IS NOT NULL AND value IS NOT NULL
                        AND computed = shown::kpi.rag) AS cells_equal,
       count(*) FILTER (WHERE shown IS NULL AND value IS NOT NULL) AS unshown_with_value
FROM cells;

-- the one shown cell without a comparator value (recorded by hand)
SELECT section, table_row, target_rag FROM demo.kpi_rag
WHERE target IS NULL AND target_rag IS NOT NULL;

-- every count the report states, against the views
CREATE TEMP TABLE narrative (section text, kpi text, statement text, value numeric, period text);
\copy narrative from 'demo/data/seed_q2_2024_narrative.csv' with (format csv, header true)

WITH stated AS (
    SELECT section, m[2] AS comparator, m[3] AS colour, value::int AS stated, m[1] AS source
    FROM narrative,
         regexp_match(statement, '^\[(header|prose)\] (target|national|peer) RAG count: (red|amber|green)') AS m
    WHERE kpi = '(section summary)' AND m IS NOT NULL
      AND section IN (SELECT section FROM demo.section)
), computed AS (
    SELECT section, 'target' AS comparator, target AS c FROM demo.section_summary
    UNION ALL SELECT section, 'national', national FROM demo.section_summary
    UNION ALL SELECT section, 'peer', peer FROM demo.section_summary
)
SELECT s.section, s.source, s.comparator, s.colour, s.stated, x.computed, s.stated = x.computed AS same
FROM stated s JOIN computed c USING (section, comparator)
CROSS JOIN LATERAL (SELECT CASE s.colour WHEN 'red' THEN (c).red WHEN 'amber' THEN (c).amber
                                   ELSE (c).green END AS computed) AS x
ORDER BY s.section, s.source, s.comparator, s.colour;

WITH stated AS (
    SELECT section, m[1] AS direction, value::int AS stated
    FROM narrative, regexp_match(statement, '^\[prose\] direction count: (improving|worsening)') AS m
    WHERE kpi = '(section summary)' AND m IS NOT NULL
      AND section IN (SELECT section FROM demo.section)
)
SELECT s.section, s.direction, s.stated,
       CASE s.direction WHEN 'improving' THEN m.improving ELSE m.worsening END AS computed,
       s.stated = CASE s.direction WHEN 'improving' THEN m.improving ELSE m.worsening END AS same
FROM stated s JOIN demo.section_summary m USING (section)
ORDER BY 1, 2;

-- the header line as the report prints it
-- (unaligned: psql versions disagree on the display width of emoji, so
-- aligned columns of them pad differently from one major to another)
\pset format unaligned
SELECT section, target, national, peer FROM demo.section_header ORDER BY position;

-- the first rows of the table as printed
SELECT "KPI", "Change", "Target", "National", "Peer", "Travel"
FROM demo.report WHERE section = 'Corporate Plan' AND "#" <= 3 ORDER BY "#";
\pset format aligned

SET client_min_messages = warning;
DROP SCHEMA demo CASCADE;
RESET client_min_messages;
