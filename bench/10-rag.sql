-- Benchmark: kpi.rag and kpi.rag_counts against what a user would write
-- without kpi.  Run by `make bench` on a throwaway cluster.  Times are the
-- best of 5 round-robin rounds; ratios are kpi / alternative (below 1 = kpi is faster).
-- Single-process plans (no parallel workers) so the comparison is like for
-- like on a shared, noisy machine.
\set ON_ERROR_STOP on
CREATE EXTENSION IF NOT EXISTS kpi;
SET max_parallel_workers_per_gather = 0;
SET search_path = public, kpi;
\pset footer off

\qecho 'building 5,000,000 rows ...'
DROP TABLE IF EXISTS bench_rag;
CREATE TABLE bench_rag AS
SELECT (50 + 50 * random())::float8 AS actual,
       (50 + 50 * random())::float8 AS target,
       CASE WHEN random() < 0.5 THEN 'higher' ELSE 'lower' END AS polarity,
       (ARRAY['red','amber','green'])[1 + (random() * 2.999)::int] AS rag_text
FROM generate_series(1, 5000000);
ALTER TABLE bench_rag ADD COLUMN rag kpi.rag;
UPDATE bench_rag SET rag = rag_text::kpi.rag;
VACUUM ANALYZE bench_rag;

-- the same rule as kpi.rag, by hand (float8 arithmetic, 10% band)
CREATE OR REPLACE FUNCTION pg_temp.rag_plpgsql(actual float8, target float8, polarity text)
RETURNS text LANGUAGE plpgsql IMMUTABLE STRICT AS $$
BEGIN
    IF polarity = 'higher' THEN
        IF actual >= target THEN RETURN 'green'; END IF;
        IF target - actual <= 0.10 * abs(target) THEN RETURN 'amber'; END IF;
        RETURN 'red';
    ELSIF polarity = 'lower' THEN
        IF actual <= target THEN RETURN 'green'; END IF;
        IF actual - target <= 0.10 * abs(target) THEN RETURN 'amber'; END IF;
        RETURN 'red';
    END IF;
    RETURN NULL;
END $$;

CREATE TEMP TABLE bench_case (capability text, variant text, query text);
INSERT INTO bench_case VALUES
('score 5M rows', '(scan only: count(actual))',
    $q$SELECT count(actual) FROM bench_rag$q$),
('score 5M rows', 'kpi.rag',
    $q$SELECT count(kpi.rag(actual, target, polarity)) FROM bench_rag$q$),
('score 5M rows', 'inline CASE',
    $q$SELECT count(CASE
        WHEN polarity = 'higher' THEN CASE WHEN actual >= target THEN 'green'
                                           WHEN target - actual <= 0.10 * abs(target) THEN 'amber'
                                           ELSE 'red' END
        WHEN polarity = 'lower'  THEN CASE WHEN actual <= target THEN 'green'
                                           WHEN actual - target <= 0.10 * abs(target) THEN 'amber'
                                           ELSE 'red' END END) FROM bench_rag$q$),
('score 5M rows', 'PL/pgSQL function',
    $q$SELECT count(pg_temp.rag_plpgsql(actual, target, polarity)) FROM bench_rag$q$),
('count 5M ratings', '(scan only: count(*))',
    $q$SELECT count(*) FROM bench_rag$q$),
('count 5M ratings', 'kpi.rag_counts',
    $q$SELECT kpi.rag_counts(rag) FROM bench_rag$q$),
('count 5M ratings', 'count(*) FILTER on kpi.rag',
    $q$SELECT count(*) FILTER (WHERE rag = 'red'), count(*) FILTER (WHERE rag = 'amber'),
              count(*) FILTER (WHERE rag = 'green'), count(*) FILTER (WHERE rag IS NULL)
       FROM bench_rag$q$),
('count 5M ratings', 'count(*) FILTER on text',
    $q$SELECT count(*) FILTER (WHERE rag_text = 'red'), count(*) FILTER (WHERE rag_text = 'amber'),
              count(*) FILTER (WHERE rag_text = 'green'), count(*) FILTER (WHERE rag_text IS NULL)
       FROM bench_rag$q$);

-- Round robin: each round runs every variant once, so drift in the
-- machine's load hits all variants alike; keep each variant's best round.
CREATE TEMP TABLE bench_result (capability text, variant text, ms float8);
\qecho 'timing (5 rounds) ...'
DO $$
DECLARE
    c record;
    t0 timestamptz;
BEGIN
    FOR round IN 1..5 LOOP
        FOR c IN SELECT * FROM bench_case LOOP
            t0 := clock_timestamp();
            EXECUTE c.query;
            INSERT INTO bench_result
            VALUES (c.capability, c.variant, extract(epoch FROM clock_timestamp() - t0) * 1000);
        END LOOP;
    END LOOP;
END $$;
CREATE TEMP TABLE bench_best AS
SELECT capability, variant, min(ms) AS ms FROM bench_result GROUP BY 1, 2;

\qecho
\qecho '== kpi.rag and kpi.rag_counts (best of 5 rounds)'
\qecho '   kpi ÷ this: whole query time of kpi over this variant (below 1: kpi is faster)'
\qecho '   net of scan: the same after subtracting the time of the bare scan'
SELECT r.capability AS "Capability", r.variant AS "Variant",
       round(r.ms::numeric, 0) AS "ms",
       CASE WHEN r.variant NOT LIKE '(%' THEN round((k.ms / r.ms)::numeric, 2) END AS "kpi ÷ this",
       CASE WHEN r.variant NOT LIKE '(%'
            THEN round(((k.ms - s.ms) / nullif(r.ms - s.ms, 0))::numeric, 2) END AS "net of scan"
FROM bench_best r
JOIN bench_best k ON k.capability = r.capability AND k.variant LIKE 'kpi.%'
JOIN bench_best s ON s.capability = r.capability AND s.variant LIKE '(scan%'
ORDER BY r.capability DESC, r.variant LIKE '(%' DESC, r.variant LIKE 'kpi.%' DESC, r.ms;
SELECT current_setting('jit') AS jit, current_setting('server_version') AS server;

DROP TABLE bench_rag;
