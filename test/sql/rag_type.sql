-- kpi.rag: input spellings, output, order, operators, opclasses, COPY,
-- aggregates and parallel plans.  Expected values are the type's
-- definition (SPEC §1) or PostgreSQL's own count(*)/min()/max() on the
-- same data.
SET search_path = public, kpi;

-- every accepted spelling, case and blanks ignored
-- (unaligned: psql versions disagree on the display width of emoji, so
-- aligned columns of them pad differently from one major to another)
\pset format unaligned
SELECT s AS spelling, s::kpi.rag AS rag
FROM unnest(ARRAY['red', 'R', ' Red ', 'amber', 'A', 'AMBER', 'yellow', 'Y',
                  E'\tgreen\n', 'g', 'GREEN', '🔴', '🟠', '🟡', ' 🟢 ']) AS s;

-- symbol and label
SELECT r, kpi.symbol(r), kpi.label(r)
FROM unnest('{red,amber,green}'::kpi.rag[]) AS r;
\pset format aligned
SELECT kpi.symbol(NULL), kpi.label(NULL);

-- order and every operator, against the definition red < amber < green
SELECT a, b, a = b AS eq, a <> b AS ne, a < b AS lt, a <= b AS le,
       a > b AS gt, a >= b AS ge
FROM unnest('{red,amber,green}'::kpi.rag[]) AS a,
     unnest('{red,amber,green}'::kpi.rag[]) AS b
ORDER BY a, b;

CREATE TABLE rag_t (id int, r kpi.rag);
INSERT INTO rag_t SELECT i, (ARRAY['green','red','amber','green'])[1 + i % 4]::kpi.rag
FROM generate_series(1, 1000) AS i;
INSERT INTO rag_t VALUES (0, NULL);

SELECT r FROM rag_t WHERE id <= 5 ORDER BY r, id;
SELECT r FROM rag_t WHERE id <= 5 ORDER BY r DESC NULLS LAST;
SELECT DISTINCT r FROM rag_t ORDER BY r;

-- GROUP BY by hashing and by sorting give the same groups
SET enable_sort = off;
EXPLAIN (COSTS OFF) SELECT r, count(*) FROM rag_t GROUP BY r;
SELECT r, count(*) FROM rag_t GROUP BY r ORDER BY r;
RESET enable_sort;
SET enable_hashagg = off;
EXPLAIN (COSTS OFF) SELECT r, count(*) FROM rag_t GROUP BY r;
SELECT r, count(*) FROM rag_t GROUP BY r ORDER BY r;
RESET enable_hashagg;

-- btree and hash indexes are used and find the same rows as a scan
CREATE INDEX rag_t_btree ON rag_t (r);
CREATE INDEX rag_t_hash ON rag_t USING hash (r);
SET enable_seqscan = off;
SET enable_bitmapscan = off;
EXPLAIN (COSTS OFF) SELECT count(*) FROM rag_t WHERE r >= 'amber';
SELECT count(*) FROM rag_t WHERE r >= 'amber';
DROP INDEX rag_t_btree;
EXPLAIN (COSTS OFF) SELECT count(*) FROM rag_t WHERE r = 'red';
SELECT count(*) FROM rag_t WHERE r = 'red';
RESET enable_seqscan;
RESET enable_bitmapscan;
SET enable_seqscan = on;
SELECT count(*) FILTER (WHERE r >= 'amber') AS ge_amber,
       count(*) FILTER (WHERE r = 'red') AS red
FROM rag_t;

-- hash join and merge join on kpi.rag
CREATE TABLE rag_names (r kpi.rag, word text);
INSERT INTO rag_names VALUES ('red', 'stop'), ('amber', 'caution'), ('green', 'go');
SET enable_mergejoin = off; SET enable_nestloop = off;
EXPLAIN (COSTS OFF) SELECT n.word, count(*) FROM rag_t t JOIN rag_names n USING (r) GROUP BY n.word;
SELECT n.word, count(*) FROM rag_t t JOIN rag_names n USING (r) GROUP BY n.word ORDER BY n.word;
RESET enable_mergejoin; SET enable_hashjoin = off;
EXPLAIN (COSTS OFF) SELECT n.word, count(*) FROM rag_t t JOIN rag_names n USING (r) GROUP BY n.word;
SELECT n.word, count(*) FROM rag_t t JOIN rag_names n USING (r) GROUP BY n.word ORDER BY n.word;
RESET enable_hashjoin; RESET enable_nestloop;

-- aggregates, against count(*) FILTER and the order of the type
SELECT kpi.worst(r), kpi.best(r), kpi.rag_counts(r), kpi.rag_summary(r),
       count(*) FILTER (WHERE r = 'red') AS red,
       count(*) FILTER (WHERE r = 'amber') AS amber,
       count(*) FILTER (WHERE r = 'green') AS green,
       count(*) FILTER (WHERE r IS NULL) AS unrated
FROM rag_t;
SELECT (kpi.rag_counts(r)).* FROM rag_t WHERE id BETWEEN 1 AND 4;
-- no rows: worst/best NULL, counts zero
SELECT kpi.worst(r), kpi.best(r), kpi.rag_counts(r), kpi.rag_summary(r) FROM rag_t WHERE false;
-- only NULLs
SELECT kpi.worst(r), kpi.rag_counts(r), kpi.rag_summary(r) FROM rag_t WHERE id = 0;
-- per group, and as window functions (moving frame) against count(*) FILTER OVER
SELECT id, kpi.rag_summary(r) OVER w,
       kpi.rag_counts(r) OVER w = ROW(count(*) FILTER (WHERE r = 'red') OVER w,
                                      count(*) FILTER (WHERE r = 'amber') OVER w,
                                      count(*) FILTER (WHERE r = 'green') OVER w,
                                      count(*) FILTER (WHERE r IS NULL) OVER w)::kpi.rag_counts AS same,
       kpi.brag_counts(r) OVER w = ROW(count(*) FILTER (WHERE r = 'red') OVER w,
                                       count(*) FILTER (WHERE r = 'amber') OVER w,
                                       count(*) FILTER (WHERE r = 'green') OVER w,
                                       count(*) FILTER (WHERE r IS NULL) OVER w,
                                       count(*) FILTER (WHERE r = 'blue') OVER w)::kpi.brag_counts AS brag_same
FROM rag_t WHERE id < 8
WINDOW w AS (ORDER BY id ROWS BETWEEN 2 PRECEDING AND CURRENT ROW)
ORDER BY id;
SELECT kpi.worst(r) OVER w, kpi.best(r) OVER w
FROM rag_t WHERE id BETWEEN 1 AND 4
WINDOW w AS (ORDER BY id ROWS BETWEEN 1 PRECEDING AND CURRENT ROW);
-- worst/best with an index use the min/max index path through SORTOP
CREATE INDEX rag_t_btree ON rag_t (r);
-- (the plan without an InitPlan's "(returns $0)", which PostgreSQL 17 stopped
-- printing)
CREATE FUNCTION pg_temp.plan(query text) RETURNS SETOF text LANGUAGE plpgsql AS $$
DECLARE line text;
BEGIN
    FOR line IN EXECUTE 'EXPLAIN (COSTS OFF) ' || query LOOP
        RETURN NEXT regexp_replace(line, ' \(returns \$[0-9]+\)$', '');
    END LOOP;
END $$;
SELECT pg_temp.plan('SELECT kpi.worst(r) FROM rag_t') AS "QUERY PLAN";
SELECT kpi.worst(r), kpi.best(r) FROM rag_t;
DROP INDEX rag_t_btree;

-- COPY: text out, then text and binary round trips through server files
COPY (SELECT * FROM rag_t WHERE id < 5 ORDER BY id) TO STDOUT;
COPY rag_names (r, word) FROM STDIN;
R	from copy
 yellow 	from copy
🟢	from copy
\.
SELECT r, word FROM rag_names WHERE word = 'from copy' ORDER BY r;

CREATE TABLE rag_copy_text (LIKE rag_t);
CREATE TABLE rag_copy_bin (LIKE rag_t);
DO $$
DECLARE
    dir text := current_setting('data_directory');
BEGIN
    EXECUTE format('COPY rag_t TO %L', dir || '/kpi_rag.txt');
    EXECUTE format('COPY rag_copy_text FROM %L', dir || '/kpi_rag.txt');
    EXECUTE format('COPY rag_t TO %L (FORMAT binary)', dir || '/kpi_rag.bin');
    EXECUTE format('COPY rag_copy_bin FROM %L (FORMAT binary)', dir || '/kpi_rag.bin');
END $$;
-- both copies equal the original, row for row (no row differs, none missing)
SELECT count(*) AS rows,
       count(*) FILTER (WHERE t.r IS DISTINCT FROM c.r) AS text_diff,
       count(*) FILTER (WHERE t.r IS DISTINCT FROM b.r) AS binary_diff
FROM rag_t t
FULL JOIN rag_copy_text c USING (id)
FULL JOIN rag_copy_bin b USING (id);

-- the binary form is the label, so a client reading it as text sees 'amber'
CREATE TABLE rag_as_text (id int, label text);
DO $$
DECLARE
    dir text := current_setting('data_directory');
BEGIN
    EXECUTE format('COPY (SELECT id, r FROM rag_t WHERE id BETWEEN 1 AND 3) TO %L (FORMAT binary)', dir || '/kpi_rag3.bin');
    EXECUTE format('COPY rag_as_text FROM %L (FORMAT binary)', dir || '/kpi_rag3.bin');
END $$;
SELECT * FROM rag_as_text ORDER BY id;

-- parallel plans split the aggregates and give the serial answer
CREATE TABLE rag_big AS
SELECT i AS id,
       CASE WHEN i % 7 = 0 THEN NULL
            ELSE (ARRAY['red','amber','green'])[1 + (i % 11) % 3]::kpi.rag END AS r
FROM generate_series(1, 200000) AS i;
ANALYZE rag_big;
CREATE TABLE rag_serial AS
SELECT kpi.worst(r) AS worst, kpi.best(r) AS best, kpi.rag_counts(r) AS counts,
       kpi.rag_summary(r) AS summary
FROM rag_big;
SET parallel_setup_cost = 0;
SET parallel_tuple_cost = 0;
SET min_parallel_table_scan_size = 0;
SET max_parallel_workers_per_gather = 2;
EXPLAIN (COSTS OFF)
SELECT kpi.worst(r), kpi.best(r), kpi.rag_counts(r), kpi.rag_summary(r) FROM rag_big;
SELECT p.worst = s.worst AS worst_same, p.best = s.best AS best_same,
       p.counts = s.counts AS counts_same, p.summary = s.summary AS summary_same,
       p.counts AS parallel_counts
FROM (SELECT kpi.worst(r) AS worst, kpi.best(r) AS best, kpi.rag_counts(r) AS counts,
             kpi.rag_summary(r) AS summary
      FROM rag_big) AS p, rag_serial AS s;
-- and both equal count(*) FILTER
SELECT count(*) FILTER (WHERE r = 'red') AS red, count(*) FILTER (WHERE r = 'amber') AS amber,
       count(*) FILTER (WHERE r = 'green') AS green, count(*) FILTER (WHERE r IS NULL) AS unrated
FROM rag_big;
-- with blue ratings (every 13th row): partial states with and without a
-- blue count combine; rag_counts counts blue as green, brag_counts apart,
-- against count(*) FILTER
EXPLAIN (COSTS OFF)
SELECT kpi.rag_counts(b), kpi.brag_counts(b)
FROM (SELECT CASE WHEN id % 13 = 0 THEN 'blue'::kpi.rag ELSE r END AS b FROM rag_big) s;
SELECT kpi.rag_counts(b) = ROW(count(*) FILTER (WHERE b = 'red'), count(*) FILTER (WHERE b = 'amber'),
                               count(*) FILTER (WHERE b >= 'green'), count(*) FILTER (WHERE b IS NULL))::kpi.rag_counts AS rag_same,
       kpi.brag_counts(b) = ROW(count(*) FILTER (WHERE b = 'red'), count(*) FILTER (WHERE b = 'amber'),
                                count(*) FILTER (WHERE b = 'green'), count(*) FILTER (WHERE b IS NULL),
                                count(*) FILTER (WHERE b = 'blue'))::kpi.brag_counts AS brag_same,
       (kpi.brag_counts(b)).blue > 0 AS has_blue
FROM (SELECT CASE WHEN id % 13 = 0 THEN 'blue'::kpi.rag ELSE r END AS b FROM rag_big) s;
-- per group, parallel then serial
SELECT id % 3 AS g, kpi.rag_summary(r) FROM rag_big GROUP BY 1 ORDER BY 1;
RESET parallel_setup_cost;
RESET parallel_tuple_cost;
RESET min_parallel_table_scan_size;
RESET max_parallel_workers_per_gather;
SELECT id % 3 AS g, kpi.rag_summary(r) AS serial FROM rag_big GROUP BY 1 ORDER BY 1;

-- the state functions called directly: combine adds, final reads
SELECT kpi.rag_counts_combine('{1,2,3,4}', '{10,20,30,40}');
SELECT kpi.rag_counts_final('{4,1,2,3}'), kpi.rag_summary_final('{0,3,4,4}');
-- a state with blue (fifth element): green 3 + blue 5 in rag_counts, apart
-- in brag_counts
SELECT kpi.rag_counts_final('{4,1,2,3,5}'), kpi.brag_counts_final('{4,1,2,3,5}'), kpi.brag_counts_final('{4,1,2,3}');

DROP TABLE rag_t, rag_names, rag_copy_text, rag_copy_bin, rag_as_text, rag_big, rag_serial;
