-- test/citus/copy.sql — a table with a column for every kpi type, every
-- composite and an array of each (found in the catalog, so a new type is
-- covered or this fails), as test/safety/replication.sh builds it: the
-- local copy local.copyt, and two distributed tables like it for COPY in
-- text and binary (test/citus/run copies in and out and compares).
\set ON_ERROR_STOP 1
CREATE TEMP TABLE sample (typ regtype, expr text);
INSERT INTO sample VALUES
('kpi.rag', $$(ARRAY['red','amber','green','blue'])[1 + i % 4]::kpi.rag$$),
('kpi.polarity', $$(ARRAY['higher','lower','none'])[1 + i % 3]::kpi.polarity$$),
('kpi.policy', $$(ARRAY['relative 0.1','absolute 2.5 stretch 98','met cumulative','relative 0 cumulative stretch -0.3'])[1 + i % 4]::kpi.policy$$),
('kpi.state', $$(CASE WHEN i % 5 = 0 THEN '{}' ELSE '{' || i || ',0.1,-0,5e-324,1e308,Infinity,-Infinity,0.30000000000000004,' || (i % 3) || '}' END)::kpi.state$$),
('kpi.series', $$(CASE WHEN i % 4 = 0 THEN 'date{}' WHEN i % 4 = 1 THEN 'float8{' || i || '=0.1,' || (i + 1) || '=NULL}' WHEN i % 4 = 2 THEN 'date{2024-01-01=-0,2024-02-01=' || i || '}' ELSE 'timestamptz{2024-01-01 00:00:00.000001+00=1e308}' END)::kpi.series$$),
('kpi.trend', $$(SELECT kpi.trend(g * 0.7 + (i % 4) * g * g, CASE WHEN i % 2 = 0 THEN -g ELSE g END) FROM generate_series(1, i % 6) g)$$),
('float8', $$(CASE i % 4 WHEN 0 THEN '-0'::float8 WHEN 1 THEN 1e308 ELSE i * 1.1 END)$$),
('int8', $$(i::int8 * 1000000007)$$),
('float8[]', $$(CASE WHEN i % 3 = 0 THEN '{}' ELSE ARRAY[i * 0.5, -0, 1e308] END)::float8[]$$),
('int4', 'i'),
('text', $$('row ' || i)$$),
('bool', '(i % 2 = 0)'),
('date', $$(DATE '2024-01-01' + i)$$),
('timestamptz', $$(TIMESTAMPTZ '2024-01-01 00:00+00' + i * INTERVAL '1 hour')$$);
CREATE TEMP TABLE kpi_types AS
SELECT t.oid::regtype AS typ, t.typtype, t.typarray::regtype AS arr, t.typrelid
FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace
LEFT JOIN pg_class c ON c.oid = t.typrelid
WHERE n.nspname = 'kpi' AND t.typtype IN ('b', 'c', 'd', 'e') AND t.typelem = 0
  AND (t.typtype <> 'c' OR c.relkind = 'c') AND t.typisdefined;
DO $$
DECLARE
    r record;
    missing text;
BEGIN
    SELECT string_agg(typ::text, ', ') INTO missing FROM kpi_types k
    WHERE k.typtype <> 'c' AND NOT EXISTS (SELECT FROM sample s WHERE s.typ = k.typ);
    IF missing IS NOT NULL THEN
        RAISE EXCEPTION 'test/citus/copy.sql has no sample value for %', missing;
    END IF;
    FOR r IN SELECT k.typ, k.typrelid FROM kpi_types k WHERE k.typtype = 'c' LOOP
        SELECT string_agg(a.atttypid::regtype::text, ', ') INTO missing
        FROM pg_attribute a
        WHERE a.attrelid = r.typrelid AND a.attnum > 0 AND NOT a.attisdropped
          AND NOT EXISTS (SELECT FROM sample s WHERE s.typ = a.atttypid);
        IF missing IS NOT NULL THEN
            RAISE EXCEPTION 'test/citus/copy.sql has no sample value for field type(s) % of %', missing, r.typ;
        END IF;
        INSERT INTO sample
        SELECT r.typ, 'ROW(' || string_agg(s.expr, ', ' ORDER BY a.attnum) || ')::' || r.typ
        FROM pg_attribute a JOIN sample s ON s.typ = a.atttypid
        WHERE a.attrelid = r.typrelid AND a.attnum > 0 AND NOT a.attisdropped;
    END LOOP;
END
$$;
SELECT string_agg(format('%I %s', 'c' || n, typ), ', ' ORDER BY n) AS cols,
       string_agg(expr, ', ' ORDER BY n) AS exprs,
       string_agg(typ::text, ' ' ORDER BY n) AS types, count(*) AS ncols
FROM (SELECT row_number() OVER (ORDER BY typ::text, is_array) AS n, typ, expr FROM (
          SELECT k.typ::regtype AS typ, s.expr, false AS is_array FROM kpi_types k JOIN sample s USING (typ)
          UNION ALL
          SELECT k.arr, format('ARRAY[%s, (SELECT %s FROM (SELECT i + 1) AS shifted(i))]', s.expr, s.expr), true
          FROM kpi_types k JOIN sample s USING (typ)) c) numbered
\gset
CREATE TABLE local.copyt (id int, :cols);
INSERT INTO local.copyt SELECT i, :exprs FROM generate_series(1, 200) i;
INSERT INTO local.copyt (id) VALUES (0);
CREATE TABLE copyt_text (LIKE local.copyt);
CREATE TABLE copyt_bin (LIKE local.copyt);
SELECT create_distributed_table('copyt_text', 'id'), create_distributed_table('copyt_bin', 'id') \gset
SELECT format('%s columns: %s', :ncols, :'types') AS copy_columns;
