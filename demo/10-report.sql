-- kpi demo, part 1: the report's tables as plain SQL views over kpi.
--
-- The report rates each KPI against its target, the national (England)
-- value and the peer (statistical neighbour) value: green on or better,
-- amber worse by at most 10%, red beyond; and shows the change since the
-- previous period with an arrow and the direction of travel.

-- One row per KPI and comparator: the rating, NULL where there is no value.
CREATE VIEW demo.kpi_rag AS
SELECT v.section, v.table_row, i.name AS kpi, i.polarity, v.period,
       v.previous, v.latest, v.target, v.national, v.peer,
       coalesce(kpi.rag(v.latest, v.target, i.polarity), v.target_rag_recorded) AS target_rag,
       kpi.rag(v.latest, v.national, i.polarity) AS national_rag,
       kpi.rag(v.latest, v.peer, i.polarity)     AS peer_rag,
       kpi.travel(v.previous, v.latest, i.polarity) AS travel
FROM demo.kpi_value v
JOIN demo.indicator i USING (indicator_id);

-- The report's table as it prints: "▲ 0.60", "🟡 86.60", "●" for none.
-- Every rating is printed beside the value it was scored against; "●" is a
-- comparator the report does not give (no rating), and the one rating the
-- report records by hand without a target value is marked "recorded*".
CREATE VIEW demo.report AS
SELECT s.position, r.section, s.short, r.table_row AS "#",
       r.kpi AS "KPI", r.period AS "Period",
       pg_catalog.to_char(r.previous::numeric, 'FM999,999,990.00') AS "Previous",
       pg_catalog.to_char(r.latest::numeric, 'FM999,999,990.00')   AS "Latest",
       kpi.arrow(r.previous, r.latest) || ' '
           || pg_catalog.to_char(r.latest::numeric - r.previous::numeric, 'FM999,999,990.00') AS "Change",
       CASE WHEN r.target IS NOT NULL
            THEN kpi.symbol(r.target_rag) || ' ' || pg_catalog.to_char(r.target::numeric, 'FM999,999,990.00')
            WHEN r.target_rag IS NOT NULL THEN kpi.symbol(r.target_rag) || ' recorded*'
            ELSE '●' END AS "Target",
       coalesce(kpi.symbol(r.national_rag) || ' '
           || pg_catalog.to_char(r.national::numeric, 'FM999,999,990.00'), '●') AS "National",
       coalesce(kpi.symbol(r.peer_rag) || ' '
           || pg_catalog.to_char(r.peer::numeric, 'FM999,999,990.00'), '●') AS "Peer",
       r.travel AS "Travel"
FROM demo.kpi_rag r
JOIN demo.section s USING (section);

-- Per section: the counts the report prints above each table.
CREATE VIEW demo.section_summary AS
SELECT s.position, r.section,
       count(*) AS kpis,
       kpi.rag_counts(r.target_rag) FILTER (WHERE r.target_rag IS NOT NULL
                                            OR r.target IS NOT NULL) AS target,
       kpi.rag_counts(r.national_rag) FILTER (WHERE r.national IS NOT NULL) AS national,
       kpi.rag_counts(r.peer_rag) FILTER (WHERE r.peer IS NOT NULL) AS peer,
       count(*) FILTER (WHERE r.travel = 'improving') AS improving,
       count(*) FILTER (WHERE r.travel = 'worsening') AS worsening,
       count(*) FILTER (WHERE r.travel = 'unchanged') AS unchanged
FROM demo.kpi_rag r
JOIN demo.section s USING (section)
GROUP BY s.position, r.section;

-- The same counts as the report's header line: "Target: 3 🔴 4 🟡 4 🟢".
CREATE VIEW demo.section_header AS
SELECT position, section, kpis,
       pg_catalog.format('Target: %s 🔴 %s 🟡 %s 🟢',
                         (target).red, (target).amber, (target).green) AS target,
       pg_catalog.format('National: %s 🔴 %s 🟡 %s 🟢',
                         (national).red, (national).amber, (national).green) AS national,
       pg_catalog.format('Peer: %s 🔴 %s 🟡 %s 🟢',
                         (peer).red, (peer).amber, (peer).green) AS peer,
       pg_catalog.format('%s improving, %s worsening, %s unchanged',
                         improving, worsening, unchanged) AS travel
FROM demo.section_summary;

\pset footer off
\qecho
\qecho '== Q2 2024/25 performance report: RAG counts per section'
SELECT section AS "Section", kpis AS "KPIs", target AS "Target", national AS "National",
       peer AS "Peer", travel AS "Direction of travel"
FROM demo.section_header ORDER BY position;

\qecho
\qecho '== Q2 2024/25 performance report: KPIs against target, national and peer'
SELECT short AS "Section", "#", left("KPI", 44) AS "KPI", "Period", "Previous", "Latest", "Change",
       "Target", "National", "Peer", "Travel"
FROM demo.report ORDER BY position, "#";
\qecho 'Each rating is shown beside the value it was scored against: green on or better, amber worse by at most 10%, red beyond.'
\qecho '●  no comparator: the report gives no target, national or peer value for this KPI, so it is not rated against one.'
\qecho '*  rated by hand in the report, which states no target value for this KPI (demo.kpi_value.target_rag_recorded).'
