-- kpi demo, part 0: the council's Q2 2024/25 performance report as plain tables.
--
-- demo/data/seed_q2_2024_kpis.csv holds the report's 69 KPI rows as they
-- were printed (including the RAG the report showed, for checking).  This
-- script loads them into two ordinary tables, the kind any organisation
-- keeps: indicators (what is measured and which direction is good) and
-- their values per report.

SET client_min_messages = warning;
CREATE EXTENSION IF NOT EXISTS kpi;
DROP SCHEMA IF EXISTS demo CASCADE;
CREATE SCHEMA demo;
RESET client_min_messages;

-- The CSV as printed, only for loading and for the tests.
CREATE TABLE demo.report_csv (
    section text, table_row int, kpi text, period text,
    previous float8, latest float8, change float8,
    target float8, target_rag_shown text,
    national float8, national_rag_shown text,
    peer float8, peer_rag_shown text,
    polarity text, target_source text,
    target_glyph text, national_glyph text, peer_glyph text,
    notes text, raw_cells text, source_line int
);
\copy demo.report_csv from 'demo/data/seed_q2_2024_kpis.csv' with (format csv, header true)

-- What is measured, and which direction is good.
CREATE TABLE demo.indicator (
    indicator_id int GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    name         text NOT NULL UNIQUE,
    polarity     kpi.polarity NOT NULL   -- a misspelt polarity fails the load
);

-- One row per KPI per section of the report.  target_rag_recorded holds a
-- rating recorded by hand where no target value is published (one adult
-- social care KPI shows a red target glyph but states no target).
CREATE TABLE demo.kpi_value (
    section             text NOT NULL,
    table_row           int  NOT NULL,
    indicator_id        int  NOT NULL REFERENCES demo.indicator,
    period              text NOT NULL,
    previous            float8,
    latest              float8,
    target              float8,
    national            float8,
    peer                float8,
    target_rag_recorded kpi.rag,
    PRIMARY KEY (section, table_row)
);

INSERT INTO demo.indicator (name, polarity)
SELECT DISTINCT kpi, polarity FROM demo.report_csv ORDER BY kpi;

INSERT INTO demo.kpi_value
SELECT r.section, r.table_row, i.indicator_id, r.period,
       r.previous, r.latest, r.target, r.national, r.peer,
       CASE WHEN r.target IS NULL AND r.target_rag_shown <> ''
            THEN r.target_rag_shown::kpi.rag END
FROM demo.report_csv r JOIN demo.indicator i ON i.name = r.kpi;

-- The report's sections, in its order.
CREATE TABLE demo.section (
    section  text PRIMARY KEY,
    position int NOT NULL UNIQUE,
    short    text NOT NULL
);
INSERT INTO demo.section VALUES
    ('Corporate Plan', 1, 'Corporate'),
    ('Children and Learning - Social Care', 2, 'Social care'),
    ('Community Wellbeing - Adult Social Care', 3, 'Adult care'),
    ('Community Wellbeing - Public Health and Communities', 4, 'Public health'),
    ('Resident Services', 5, 'Residents');
