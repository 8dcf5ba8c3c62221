#!/usr/bin/env bash
# Data safety: pg_dump and pg_restore, custom and plain formats, of a
# database whose tables hold every kpi type (and arrays of them), with
# indexes, partitions, defaults, checks, generated columns, views and a
# materialized view calling kpi: the restored data is identical byte for
# byte (compared through binary COPY) and the views give the same rows.
# Then binary COPY round trips of every kpi type, found in the catalog.
source "$(dirname "$0")/lib.bash"

src=kpi_dump_src
work=$KPI_TMP/dump
mkdir -p "$work"
for d in $src kpi_dump_custom kpi_dump_plain kpi_dump_copy; do
    q -d postgres -c "DROP DATABASE IF EXISTS $d" 2>/dev/null
done
"$KPI_BIN/createdb" $src

q -d $src <<'SQL'
CREATE EXTENSION kpi;
CREATE SCHEMA app;
CREATE TABLE app.reading (
    id        int PRIMARY KEY,
    period    date NOT NULL,
    at        timestamptz NOT NULL,
    value     float8,
    target    float8,
    polarity  text NOT NULL DEFAULT 'higher',
    recorded  kpi.rag DEFAULT 'amber',
    scored    kpi.rag GENERATED ALWAYS AS (CASE WHEN value <> 'NaN' THEN kpi.rag(value, target, polarity) END) STORED,
    CHECK (recorded IS NULL OR recorded OPERATOR(kpi.>=) 'red')
);
INSERT INTO app.reading (id, period, at, value, target, polarity, recorded)
SELECT i, date '2020-04-01' + (i % 2000), timestamptz '2020-04-01 00:00+00' + i * interval '37 minutes',
       CASE WHEN i % 97 = 0 THEN NULL WHEN i % 89 = 0 THEN 'NaN' ELSE (i * 7919 % 1000) / 10.0 END,
       CASE WHEN i % 83 = 0 THEN 0 ELSE 50 END,
       (ARRAY['higher', 'lower', 'none'])[1 + i % 3],
       CASE WHEN i % 11 = 0 THEN NULL ELSE (ARRAY['red', 'amber', 'green'])[1 + i % 3]::kpi.rag END
FROM generate_series(1, 5000) i;
CREATE INDEX ON app.reading (recorded);
CREATE INDEX ON app.reading USING hash (scored);

-- stored aggregate states
CREATE TABLE app.trend_store (
    indicator int PRIMARY KEY,
    t_float   kpi.trend,
    t_date    kpi.trend,
    t_time    kpi.trend,
    ratings   kpi.rag[],
    counts    kpi.rag_counts,
    st        kpi.state
);
INSERT INTO app.trend_store
SELECT id % 10, kpi.trend(value, id::float8) FILTER (WHERE ok), kpi.trend(value, period) FILTER (WHERE ok),
       kpi.trend(value, at) FILTER (WHERE ok), array_agg(recorded ORDER BY id), kpi.rag_counts(recorded), NULL
FROM (SELECT *, value <> 'NaN' AS ok FROM app.reading) r GROUP BY id % 10;
UPDATE app.trend_store SET st = ('{' || indicator || ',0.1,5e-324,-0,1e308,NaN,Infinity,-Infinity,0.30000000000000004}')::kpi.state;
INSERT INTO app.trend_store (indicator) VALUES (99);   -- all NULL

-- list and hash partitions by rating
CREATE TABLE app.by_rating (r kpi.rag NOT NULL, id int) PARTITION BY LIST (r);
CREATE TABLE app.by_rating_red PARTITION OF app.by_rating FOR VALUES IN ('red');
CREATE TABLE app.by_rating_rest PARTITION OF app.by_rating FOR VALUES IN ('amber', 'green');
INSERT INTO app.by_rating SELECT recorded, id FROM app.reading WHERE recorded IS NOT NULL;
CREATE TABLE app.by_hash (r kpi.rag, id int) PARTITION BY HASH (r);
CREATE TABLE app.by_hash_0 PARTITION OF app.by_hash FOR VALUES WITH (MODULUS 2, REMAINDER 0);
CREATE TABLE app.by_hash_1 PARTITION OF app.by_hash FOR VALUES WITH (MODULUS 2, REMAINDER 1);
INSERT INTO app.by_hash SELECT recorded, id FROM app.reading;

-- views as a report would write them
CREATE VIEW app.scorecard AS
SELECT id, kpi.rag(value, target, polarity) AS rag, kpi.rag(value, target, polarity, 0.05) AS rag_tight,
       kpi.gap(value, target, polarity) AS gap, kpi.symbol(recorded) AS symbol, kpi.label(recorded) AS label,
       kpi.fy(period) AS fy, kpi.fy_quarter_label(period, 'dash') AS quarter,
       kpi.rolling_year_label(period) AS rolling, kpi.trajectory(560.8, period) AS trajectory,
       kpi.travel(lag(value) OVER w, value, polarity) AS travel, kpi.arrow(lag(value) OVER w, value) AS arrow
FROM app.reading WHERE value <> 'NaN' WINDOW w AS (ORDER BY id);
CREATE VIEW app.summary AS
SELECT polarity, kpi.worst(recorded) AS worst, kpi.best(recorded) AS best,
       kpi.rag_summary(recorded) AS summary, (kpi.rag_counts(recorded)).red AS reds,
       round(kpi.slope(kpi.trend(value, period), interval '1 month')::numeric, 6) AS slope_per_month,
       kpi.sparkline(value ORDER BY id) FILTER (WHERE id <= 24) AS spark
FROM app.reading WHERE value <> 'NaN' GROUP BY polarity;
CREATE VIEW app.rolling AS
SELECT id, kpi.rolling_rate(value, 1000, 10000) OVER (ORDER BY id ROWS BETWEEN 11 PRECEDING AND CURRENT ROW) AS rate,
       kpi.rag_summary(recorded) OVER (ORDER BY id ROWS BETWEEN 5 PRECEDING AND CURRENT ROW) AS recent
FROM app.reading WHERE value <> 'NaN';
CREATE VIEW app.stored AS
SELECT indicator, kpi.n(t_date) AS n, kpi.slope(t_date) AS slope, kpi.x_type(t_time) AS x_type,
       kpi.predict(t_date, date '2026-03-31') AS year_end, kpi.state_values(st) AS st_values
FROM app.trend_store;
CREATE MATERIALIZED VIEW app.rollup AS
SELECT kpi.rollup(t_float) AS all_float, kpi.rollup(t_date) AS all_date FROM app.trend_store;
CREATE INDEX ON app.rollup ((kpi.n(all_date)));
SQL
pass "source database: every kpi type in tables, indexes, list and hash partitions, views and a materialized view"

# What must survive: every table's rows through binary COPY (bit for bit,
# states included) and every view's rows as text.  Arrays of kpi types are
# compared as text: their binary form carries the element type's OID, which
# differs from database to database.  (A true array has typelem set and
# typlen -1; pg_type.typsubscript, which says so too, is PostgreSQL 14+.)
fingerprint() {   # fingerprint DB
    local t cols
    for t in $(qa -d "$1" -c "SELECT c.oid::regclass FROM pg_class c
                              WHERE c.relnamespace = 'app'::regnamespace AND c.relkind IN ('r', 'm')
                              ORDER BY c.oid::regclass::text"); do
        cols=$(qa -d "$1" -c "SELECT string_agg(CASE WHEN e.oid >= 16384 THEN quote_ident(a.attname) || '::text'
                                                     ELSE quote_ident(a.attname) END, ', ' ORDER BY a.attnum)
                              FROM pg_attribute a JOIN pg_type t ON t.oid = a.atttypid
                              LEFT JOIN pg_type e ON e.oid = t.typelem AND t.typlen = -1
                              WHERE a.attrelid = '$t'::regclass AND a.attnum > 0 AND NOT a.attisdropped")
        printf '%s binary %s\n' "$t" \
            "$(qa -d "$1" -c "COPY (SELECT $cols FROM $t x ORDER BY x::text) TO STDOUT (FORMAT binary)" | md5sum | cut -c1-32)"
    done
    for t in $(qa -d "$1" -c "SELECT c.oid::regclass FROM pg_class c
                              WHERE c.relnamespace = 'app'::regnamespace AND c.relkind IN ('v', 'm')
                              ORDER BY c.oid::regclass::text"); do
        printf '%s rows %s\n' "$t" "$(qa -d "$1" -c "SELECT * FROM $t x ORDER BY x::text" | md5sum | cut -c1-32)"
    done
    # the indexes still work: the same answers by index scan
    qa -d "$1" -c "SET enable_seqscan = off" \
       -c "SELECT 'index scan', count(*), sum(id) FROM app.reading WHERE recorded = 'green'" \
       -c "SELECT 'hash index', count(*), sum(id) FROM app.reading WHERE scored = 'red'"
}
fingerprint $src >"$work/src.txt"
[ "$(wc -l <"$work/src.txt")" -ge 12 ] || { cat "$work/src.txt"; fail "fingerprint too short"; }

"$KPI_BIN/pg_dump" -Fc -d $src -f "$work/db.custom"
"$KPI_BIN/createdb" kpi_dump_custom
"$KPI_BIN/pg_restore" --exit-on-error -d kpi_dump_custom "$work/db.custom"
fingerprint kpi_dump_custom >"$work/custom.txt"
diff -u "$work/src.txt" "$work/custom.txt" >&2 || fail "pg_dump -Fc | pg_restore changed data or views"
pass "pg_dump -Fc and pg_restore: identical tables (binary COPY), views, materialized view and indexes"

"$KPI_BIN/pg_dump" -Fp -d $src -f "$work/db.sql"
"$KPI_BIN/createdb" kpi_dump_plain
q -d kpi_dump_plain -f "$work/db.sql" >/dev/null
fingerprint kpi_dump_plain >"$work/plain.txt"
diff -u "$work/src.txt" "$work/plain.txt" >&2 || fail "plain pg_dump | psql changed data or views"
pass "plain pg_dump and psql: identical as well"

# --- binary COPY round trip of every kpi type ------------------------------
# A table with one column per kpi type and per array of one; its rows are
# built from kpi's own results and from text, including NULLs and extremes.
q -d $src <<'SQL' >/dev/null
DO $$
DECLARE
    cols text := '';
BEGIN
    SELECT string_agg(format('%I %s', 'c_' || replace(t.typname, '_', 'arr_'), format_type(t.oid, NULL)), ', '
                      ORDER BY t.typname)
      INTO cols
    FROM pg_type t
    WHERE t.typnamespace = 'kpi'::regnamespace AND t.typtype IN ('b', 'c')
      AND (t.typrelid = 0 OR (SELECT relkind FROM pg_class WHERE oid = t.typrelid) = 'c');
    EXECUTE 'CREATE TABLE app.every_type (id int, ' || cols || ')';
END $$;
INSERT INTO app.every_type (id) SELECT generate_series(1, 40);
SQL
# fill each column from values of its type that kpi itself produces
q -d $src <<'SQL' >/dev/null
DO $$
DECLARE
    col record;
    src text;
BEGIN
    FOR col IN
        SELECT a.attname, a.atttypid::regtype AS typ, t.typelem, t.typcategory
        FROM pg_attribute a JOIN pg_type t ON t.oid = a.atttypid
        WHERE a.attrelid = 'app.every_type'::regclass AND a.attnum > 1
    LOOP
        -- a value for row i, as an expression
        src := CASE
            WHEN col.typ = 'kpi.rag'::regtype THEN
                '(ARRAY[''red'',''amber'',''green'',''blue'',NULL])[1 + i % 5]::kpi.rag'
            WHEN col.typ = 'kpi.polarity'::regtype THEN
                '(ARRAY[''higher'',''lower'',''none'',NULL])[1 + i % 4]::kpi.polarity'
            WHEN col.typ = 'kpi.policy'::regtype THEN
                '(ARRAY[''relative 0.1'',''absolute 2.5 stretch 98'',''met cumulative'',NULL])[1 + i % 4]::kpi.policy'
            WHEN col.typ = 'kpi.trend'::regtype THEN
                '(SELECT CASE i % 4 WHEN 0 THEN t_float WHEN 1 THEN t_date WHEN 2 THEN t_time END
                  FROM app.trend_store WHERE indicator = i % 10)'
            WHEN col.typ = 'kpi.state'::regtype THEN
                '(SELECT st FROM app.trend_store WHERE indicator = i % 10)'
            WHEN col.typ = 'kpi.series'::regtype THEN
                '(ARRAY[''date{2024-01-01=1,2024-02-01=NULL}'', ''float8{0.1=5e-324,2=-0}'',
                        ''timestamptz{2024-01-01 00:00:00.000001+00=1.7976931348623157e308}'', ''date{}'', NULL])[1 + i % 5]::kpi.series'
            WHEN col.typ = 'kpi.rag_counts'::regtype THEN
                '(SELECT counts FROM app.trend_store WHERE indicator = i % 10)'
            WHEN col.typelem <> 0 THEN
                -- an array of the element's column values, with a NULL in it
                format('(SELECT array_agg(%I ORDER BY id) FROM app.every_type e WHERE e.id BETWEEN i AND i + 3)',
                       'c_' || replace((SELECT typname FROM pg_type WHERE oid = col.typelem), '_', 'arr_'))
            ELSE
                -- a composite of kpi results: fill float8 and int8 fields
                -- (a float8 array: numeric has no infinity before PostgreSQL 14)
                format('(SELECT ROW(%s)::%s)',
                       (SELECT string_agg(CASE WHEN a2.atttypid = 'int8'::regtype THEN 'i::int8 - 20'
                                               WHEN a2.atttypid = 'float8'::regtype
                                               THEN '(ARRAY[0.1::float8, ''NaN'', ''-Infinity'', 5e-324, -0.0, NULL])[1 + i % 6] * i'
                                               ELSE 'NULL' END, ', ' ORDER BY a2.attnum)
                        FROM pg_attribute a2 JOIN pg_type t2 ON t2.oid = col.typ
                        WHERE a2.attrelid = t2.typrelid AND a2.attnum > 0),
                       col.typ)
            END;
        EXECUTE format('UPDATE app.every_type SET %I = v FROM (SELECT i, %s AS v FROM generate_series(1, 40) i) s WHERE s.i = id',
                       col.attname, src);
    END LOOP;
END $$;
SQL
empty=$(qa -d $src -c "SELECT string_agg(a.attname, ', ') FROM pg_attribute a
                       WHERE a.attrelid = 'app.every_type'::regclass AND a.attnum > 1
                         AND NOT EXISTS (SELECT FROM app.every_type e WHERE to_jsonb(e) -> a.attname <> 'null')")
[ -z "$empty" ] || fail "no values for: $empty"
q -d $src -c 'CREATE TABLE app.every_type_copy (LIKE app.every_type)'
q -d $src -c "\\copy app.every_type TO '$work/every_type.bin' WITH (FORMAT binary)"
q -d $src -c "\\copy app.every_type_copy FROM '$work/every_type.bin' WITH (FORMAT binary)"
a=$(qa -d $src -c "COPY (SELECT * FROM app.every_type ORDER BY id) TO STDOUT (FORMAT binary)" | md5sum)
b=$(qa -d $src -c "COPY (SELECT * FROM app.every_type_copy ORDER BY id) TO STDOUT (FORMAT binary)" | md5sum)
ta=$(qa -d $src -c "SET extra_float_digits = 3" -c "SELECT * FROM app.every_type ORDER BY id" | md5sum)
tb=$(qa -d $src -c "SET extra_float_digits = 3" -c "SELECT * FROM app.every_type_copy ORDER BY id" | md5sum)
[ "$a" = "$b" ] && [ "$ta" = "$tb" ] || fail "binary COPY changed a kpi value"
ntypes=$(qa -d $src -c "SELECT count(*) - 1 FROM pg_attribute WHERE attrelid = 'app.every_type'::regclass AND attnum > 0")
pass "binary COPY out and in: every kpi type and array of one ($ntypes columns) comes back bit for bit"

for d in $src kpi_dump_custom kpi_dump_plain; do
    q -d postgres -c "DROP DATABASE $d"
done
