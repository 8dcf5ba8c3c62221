-- bench/90-memory.sql — backend memory of kpi's aggregates and window
-- aggregates over many rows and many groups.
--
-- Each case runs in a fresh backend; the backend's peak resident size
-- (VmHWM in /proc/<pid>/status, Linux) is read before and after, so "grew"
-- is what the query added at its peak.  Hash aggregation must spill to disk
-- beyond work_mem * hash_mem_multiplier rather than grow, and nothing may
-- grow per row: the peak must not depend on the number of rows.
--
-- `make bench` runs it with 10^7 rows and 10^6 groups; test/safety/memory.sh
-- runs it with 10^6 rows and 10^5 groups (-v N=... -v G=...).  Needs a
-- superuser (pg_read_file of /proc).
\if :{?N}
\else
\set N 10000000
\endif
\if :{?G}
\else
\set G 1000000
\endif
\set QUIET on
\pset tuples_only on
SET client_min_messages = warning;
CREATE EXTENSION IF NOT EXISTS kpi;
DROP SCHEMA IF EXISTS kpi_mem CASCADE;
CREATE SCHEMA kpi_mem;
CREATE TABLE kpi_mem.result (
    ord serial, name text, rows bigint, groups bigint, work_mem text,
    before_kb bigint, after_kb bigint, hash_peak_kb bigint, disk_kb bigint, batches bigint);

CREATE FUNCTION kpi_mem.kb(field text) RETURNS bigint LANGUAGE sql AS
$$ SELECT (regexp_match(pg_read_file('/proc/self/status'), field || ':\s+(\d+) kB'))[1]::bigint $$;

-- run one case; the caller has just reconnected, so VmHWM starts afresh
CREATE FUNCTION kpi_mem.run(name text, q text, rows bigint, groups bigint) RETURNS void
LANGUAGE plpgsql AS $$
DECLARE
    before bigint := kpi_mem.kb('VmHWM');
    plan json;
BEGIN
    -- JIT's LLVM adds some 60 MB to a backend the first time it compiles,
    -- whatever the row count: measure kpi, not LLVM
    PERFORM set_config('jit', 'off', true);
    EXECUTE 'EXPLAIN (ANALYZE, FORMAT JSON, TIMING OFF) ' || q INTO plan;
    INSERT INTO kpi_mem.result (name, rows, groups, work_mem, before_kb, after_kb, hash_peak_kb, disk_kb, batches)
    SELECT name, rows, groups, current_setting('work_mem'), before, kpi_mem.kb('VmHWM'),
           max((n ->> 'Peak Memory Usage')::bigint), sum((n ->> 'Disk Usage')::bigint),
           max((n ->> 'HashAgg Batches')::bigint)
    FROM jsonb_path_query(plan::jsonb, 'strict $.**') n
    WHERE jsonb_typeof(n) = 'object' AND n ? 'Node Type';
END $$;

-- the rows: y, x, a date, a rating, a group key; from generate_series, so
-- no table is read and shared buffers stay out of the resident size
SELECT format($f$SELECT i, (i %% 997) * 1.5 AS y, i::float8 AS x, date '2000-01-01' + (i %% 9000) AS d,
                       (ARRAY['red', 'amber', 'green'])[1 + i %% 3]::kpi.rag AS r, i %% %s AS g
                FROM generate_series(1, %s) i$f$, :G, :N) AS rows \gset

\c
SELECT kpi_mem.run('baseline: count(*)', 'SELECT count(*) FROM (' || :'rows' || ') s', :N, 1);
\c
SELECT kpi_mem.run('plain: trend, rates, rag_counts, worst, mean_ci', $q$
    SELECT kpi.trend(y, x), kpi.trend(y, d), kpi.rolling_rate(y, 1000, 10000), kpi.pooled_rate(y, 1000, 100),
           kpi.rag_counts(r), kpi.rag_summary(r), kpi.worst(r), kpi.mean_ci(y), kpi.peer_rank(500, y, 'higher')
    FROM ($q$ || :'rows' || ') s', :N, 1);
\c
SELECT kpi_mem.run('grouped (hash): trend, rolling_rate, rag_counts', $q$
    SELECT g, kpi.trend(y, x), kpi.rolling_rate(y, 1000, 10000), kpi.rag_counts(r)
    FROM ($q$ || :'rows' || ') s GROUP BY g', :N, :G);
\c
SELECT kpi_mem.run('grouped (hash): mann_kendall, theil_sen, sparkline', $q$
    SELECT g, kpi.mann_kendall(y, x), kpi.theil_sen(y, x), kpi.sparkline(y)
    FROM ($q$ || :'rows' || ') s GROUP BY g', :N, :G);
\c
SELECT kpi_mem.run('grouped (sort): recent_trend, sparkline ordered', $q$
    SELECT g, kpi.recent_trend(y, y + 1, y + 2 ORDER BY x), kpi.sparkline(y ORDER BY x)
    FROM ($q$ || :'rows' || ') s GROUP BY g', :N, :G);
\c
SELECT kpi_mem.run('window, moving frame: rolling_rate, trend, rag_summary', $q$
    SELECT count(w1), count(w2), count(w3) FROM (
        SELECT kpi.rolling_rate(y, 1000, 10000) OVER w AS w1, kpi.trend(y, x) OVER w AS w2,
               kpi.rag_summary(r) OVER w AS w3
        FROM ($q$ || :'rows' || ') s WINDOW w AS (ORDER BY i ROWS BETWEEN 11 PRECEDING AND CURRENT ROW)) t', :N, 1);
\c
SELECT kpi_mem.run('window, running: worst, rag_counts, trend', $q$
    SELECT count(w1), count(w2), count(w3) FROM (
        SELECT kpi.worst(r) OVER w AS w1, kpi.rag_counts(r) OVER w AS w2, kpi.trend(y, d) OVER w AS w3
        FROM ($q$ || :'rows' || ') s WINDOW w AS (ORDER BY i)) t', :N, 1);
\c
SELECT kpi_mem.run('window, per group: pooled_rate, sparkline', $q$
    SELECT count(w1), count(w2) FROM (
        SELECT kpi.pooled_rate(y, 1000, 100) OVER (PARTITION BY g ORDER BY i ROWS 2 PRECEDING) AS w1,
               kpi.sparkline(y) OVER (PARTITION BY g ORDER BY i ROWS 4 PRECEDING) AS w2
        FROM ($q$ || :'rows' || ') s) t', :N, :G);

\unset QUIET
\pset tuples_only off
\echo
\echo Backend memory per case: the peak resident size the query added; hash MB is the peak of the hash table itself
SELECT name AS "case", rows, groups, work_mem,
       round((after_kb - before_kb) / 1024.0, 1) AS "grew MB",
       round(hash_peak_kb / 1024.0, 1) AS "hash MB", round(disk_kb / 1024.0) AS "spilled MB", batches
FROM kpi_mem.result ORDER BY ord;
-- bounded: no case grows by more than 64 MB (4 MB work_mem, hash tables
-- spill at 8 MB; the rest is sort and tuplestore buffers and catalog caches)
SELECT bool_and(after_kb - before_kb < 64 * 1024) AS bounded,
       max(after_kb - before_kb) / 1024 AS worst_mb
FROM kpi_mem.result;
\set QUIET on
SET client_min_messages = warning;
DROP SCHEMA kpi_mem CASCADE;
