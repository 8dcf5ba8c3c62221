-- Hash aggregation respects work_mem with the aggregates whose state grows
-- with their rows (issue 9, item 6): their SSPACE tells the planner and the
-- executor how big a group's state gets, so hash aggregation stops taking
-- new groups in memory (and spills them) in time.  On 0.1.0 (no SSPACE, so
-- PostgreSQL's estimate of 32 bytes) the hash table of 100,000 groups of
-- 10 points grew to 16 MB for kpi.sparkline and 18 MB for all three,
-- against 8 MB (work_mem 4 MB x hash_mem_multiplier 2); now about 8.4 MB.
BEGIN;
SET search_path = public, kpi;
SELECT plan(4);
SET LOCAL work_mem = '4MB';
SET LOCAL hash_mem_multiplier = 2;
SET LOCAL enable_sort = off;                -- a hash aggregate, whatever the estimates
SET LOCAL jit = off;
SET LOCAL max_parallel_workers_per_gather = 0;

CREATE FUNCTION pg_temp.hash_peak_kb(q text) RETURNS bigint LANGUAGE plpgsql AS $$
DECLARE plan json;
BEGIN
    EXECUTE 'EXPLAIN (ANALYZE, FORMAT JSON, TIMING OFF) ' || q INTO plan;
    RETURN (SELECT max((n ->> 'Peak Memory Usage')::bigint)
            FROM jsonb_path_query(plan::jsonb, 'strict $.**') n
            WHERE jsonb_typeof(n) = 'object' AND n ? 'Peak Memory Usage');
END $$;

-- 100,000 groups of 10 points; 8 MB of hash memory, and 1 MB of slack for
-- the block the last group's state grew into
SELECT cmp_ok(pg_temp.hash_peak_kb($$
    SELECT g, kpi.sparkline(y) FROM (SELECT (i % 997) * 1.5 AS y, i % 100000 AS g
                                     FROM generate_series(1, 1000000) i) s GROUP BY g$$),
    '<=', 9 * 1024::bigint, 'kpi.sparkline over 100,000 groups: the hash table stays within work_mem');
SELECT cmp_ok(pg_temp.hash_peak_kb($$
    SELECT g, kpi.mann_kendall(y, x) FROM (SELECT (i % 997) * 1.5 AS y, i::float8 AS x, i % 100000 AS g
                                           FROM generate_series(1, 1000000) i) s GROUP BY g$$),
    '<=', 9 * 1024::bigint, 'kpi.mann_kendall over 100,000 groups: the hash table stays within work_mem');
SELECT cmp_ok(pg_temp.hash_peak_kb($$
    SELECT g, kpi.theil_sen(y, d) FROM (SELECT (i % 997) * 1.5 AS y, date '2000-01-01' + i % 9000 AS d, i % 100000 AS g
                                        FROM generate_series(1, 1000000) i) s GROUP BY g$$),
    '<=', 9 * 1024::bigint, 'kpi.theil_sen over 100,000 groups: the hash table stays within work_mem');
-- spilled or not, the results are those of a sort-based aggregate
CREATE TEMP TABLE answers (how text, digest text);
SET LOCAL work_mem = '64kB';
INSERT INTO answers
SELECT 'hash', md5(string_agg(g || ' ' || m::text || ' ' || t::text, ',' ORDER BY g))
FROM (SELECT g, kpi.mann_kendall(y, x) m, kpi.theil_sen(y, x) t
      FROM (SELECT (i % 97) * 1.5 AS y, i::float8 AS x, i % 1000 AS g FROM generate_series(1, 20000) i) s
      GROUP BY g) r;
SET LOCAL enable_sort = on;
SET LOCAL enable_hashagg = off;
INSERT INTO answers
SELECT 'sort', md5(string_agg(g || ' ' || m::text || ' ' || t::text, ',' ORDER BY g))
FROM (SELECT g, kpi.mann_kendall(y, x) m, kpi.theil_sen(y, x) t
      FROM (SELECT (i % 97) * 1.5 AS y, i::float8 AS x, i % 1000 AS g FROM generate_series(1, 20000) i) s
      GROUP BY g) r;
SELECT is((SELECT digest FROM answers WHERE how = 'hash'), (SELECT digest FROM answers WHERE how = 'sort'),
          'hash aggregation that spills gives the results of sorting');

SELECT * FROM finish();
ROLLBACK;
