-- Splittable aggregates and their partial states.  Citus ships a partial
-- aggregate state from each worker to the coordinator as text, which then
-- combines the states and applies the final function.  So for every
-- splittable kpi aggregate the partial state (a kpi.state) must read back
-- bit for bit at extra_float_digits = 0, where a float8[] keeps only 15
-- significant digits, and combining round-tripped states must give the
-- aggregate over all the rows.  Parallel query splits them the same way.
SET search_path = public, kpi;
SELECT setseed(0.31);

-- sums and means of these are not short decimals
CREATE TABLE cs AS
SELECT i, i % 4 AS part, random() * 1e6 AS x, 1 + random() * 1e6 AS pop,
       floor(random() * 100) AS events, random() * 1e5 AS std
FROM generate_series(1, 2000) AS i;

-- A worker's side: the aggregate's transition function over its rows,
-- without the final function.  Same SFUNC, STYPE and INITCOND as the real
-- aggregates (checked below).
CREATE AGGREGATE pg_temp.rate_partial(float8, float8, float8) (
    SFUNC = kpi.rate_accum, STYPE = kpi.state, INITCOND = '{0,0,0,0,0,0,0,0,1}');
CREATE AGGREGATE pg_temp.rate_partial(float8, float8, float8, int4) (
    SFUNC = kpi.rate_accum, STYPE = kpi.state, INITCOND = '{0,0,0,0,0,0,0,0,1}');
CREATE AGGREGATE pg_temp.mean_ci_partial(float8) (
    SFUNC = kpi.mean_ci_accum, STYPE = kpi.state, INITCOND = '{0,0,0,0}');
CREATE AGGREGATE pg_temp.mean_ci_partial(float8, float8) (
    SFUNC = kpi.mean_ci_accum, STYPE = kpi.state, INITCOND = '{0,0,0,0}');
CREATE AGGREGATE pg_temp.dsr_partial(float8, float8, float8, float8) (
    SFUNC = kpi.dsr_accum, STYPE = kpi.state, INITCOND = '{0,0,0,0,0,0,0}');
CREATE AGGREGATE pg_temp.dsr_partial(float8, float8, float8, float8, float8) (
    SFUNC = kpi.dsr_accum, STYPE = kpi.state, INITCOND = '{0,0,0,0,0,0,0}');
CREATE AGGREGATE pg_temp.peer_rank_partial(float8, float8, text) (
    SFUNC = kpi.peer_rank_accum, STYPE = kpi.state, INITCOND = '{0,0,0,0}');

-- The coordinator's side: the combine function over the workers' states,
-- then the final function.
CREATE AGGREGATE pg_temp.rolling_rate_combined(kpi.state) (
    SFUNC = kpi.rate_combine, STYPE = kpi.state, INITCOND = '{0,0,0,0,0,0,0,0,1}',
    FINALFUNC = kpi.rolling_rate_final);
CREATE AGGREGATE pg_temp.pooled_rate_combined(kpi.state) (
    SFUNC = kpi.rate_combine, STYPE = kpi.state, INITCOND = '{0,0,0,0,0,0,0,0,1}',
    FINALFUNC = kpi.pooled_rate_final);
CREATE AGGREGATE pg_temp.mean_ci_combined(kpi.state) (
    SFUNC = kpi.mean_ci_combine, STYPE = kpi.state, INITCOND = '{0,0,0,0}',
    FINALFUNC = kpi.mean_ci_final);
CREATE AGGREGATE pg_temp.dsr_combined(kpi.state) (
    SFUNC = kpi.dsr_combine, STYPE = kpi.state, INITCOND = '{0,0,0,0,0,0,0}',
    FINALFUNC = kpi.dsr_final);
CREATE AGGREGATE pg_temp.peer_rank_combined(kpi.state) (
    SFUNC = kpi.peer_rank_combine, STYPE = kpi.state, INITCOND = '{0,0,0,0}',
    FINALFUNC = kpi.peer_rank_final);

-- the helpers mirror the real aggregates
SELECT v.agg AS aggregate,
       h.aggtransfn = r.aggtransfn AND h.aggtranstype = r.aggtranstype
           AND h.agginitval = r.agginitval AS partial_is_its_sfunc,
       c.aggtransfn = r.aggcombinefn AND c.aggfinalfn = r.aggfinalfn
           AND c.aggtranstype = r.aggtranstype AS combined_is_its_combine_and_final
FROM (VALUES
        ('kpi.rolling_rate(float8,float8,float8)', 'pg_temp.rate_partial(float8,float8,float8)', 'pg_temp.rolling_rate_combined(kpi.state)'),
        ('kpi.rolling_rate(float8,float8,float8,int4)', 'pg_temp.rate_partial(float8,float8,float8,int4)', 'pg_temp.rolling_rate_combined(kpi.state)'),
        ('kpi.pooled_rate(float8,float8,float8)', 'pg_temp.rate_partial(float8,float8,float8)', 'pg_temp.pooled_rate_combined(kpi.state)'),
        ('kpi.pooled_rate(float8,float8,float8,int4)', 'pg_temp.rate_partial(float8,float8,float8,int4)', 'pg_temp.pooled_rate_combined(kpi.state)'),
        ('kpi.mean_ci(float8)', 'pg_temp.mean_ci_partial(float8)', 'pg_temp.mean_ci_combined(kpi.state)'),
        ('kpi.mean_ci(float8,float8)', 'pg_temp.mean_ci_partial(float8,float8)', 'pg_temp.mean_ci_combined(kpi.state)'),
        ('kpi.dsr(float8,float8,float8,float8)', 'pg_temp.dsr_partial(float8,float8,float8,float8)', 'pg_temp.dsr_combined(kpi.state)'),
        ('kpi.dsr(float8,float8,float8,float8,float8)', 'pg_temp.dsr_partial(float8,float8,float8,float8,float8)', 'pg_temp.dsr_combined(kpi.state)'),
        ('kpi.peer_rank(float8,float8,text)', 'pg_temp.peer_rank_partial(float8,float8,text)', 'pg_temp.peer_rank_combined(kpi.state)')
     ) AS v(agg, partial, combined)
JOIN pg_aggregate r ON r.aggfnoid = v.agg::regprocedure
JOIN pg_aggregate h ON h.aggfnoid = v.partial::regprocedure
JOIN pg_aggregate c ON c.aggfnoid = v.combined::regprocedure
ORDER BY v.agg;

-- one partial state per "worker" (part)
CREATE TEMP TABLE partials AS
SELECT part,
       pg_temp.rate_partial(x, pop, 10000) AS rate,
       pg_temp.rate_partial(x, pop, 10000, 3) AS rate3,
       pg_temp.mean_ci_partial(x) AS mean,
       pg_temp.mean_ci_partial(x, 0.9) AS mean90,
       pg_temp.dsr_partial(events, pop, std, 100000) AS dsr,
       pg_temp.dsr_partial(events, pop, std, 100000, 0.99) AS dsr99,
       pg_temp.peer_rank_partial((SELECT x FROM cs WHERE i = 1), x, 'higher') AS peer
FROM cs GROUP BY part;

-- Text round trip at extra_float_digits = 0, compared byte for byte in
-- the binary form; beside it, what a float8[] state would have done.
SET extra_float_digits = 0;
SELECT v.state, count(*) AS states,
       bool_and(kpi.state_send(s::text::kpi.state) = kpi.state_send(s)) AS text_round_trip_exact,
       bool_and(array_send(kpi.state_values(s)::text::float8[]) = array_send(kpi.state_values(s)))
           AS float8_array_would_be_exact
FROM partials,
     LATERAL (VALUES ('rate', rate), ('rate, min_periods', rate3), ('mean_ci', mean),
                     ('mean_ci, level', mean90), ('dsr', dsr), ('dsr, level', dsr99),
                     ('peer_rank', peer)) AS v(state, s)
GROUP BY v.state ORDER BY v.state;

-- The coordinator combines the states read back from text (still at
-- extra_float_digits = 0): the same result as from the states in memory,
-- bit for bit, and the aggregate over all the rows (float8 sums combined in
-- another order may differ in the last bits: within 1e-12 relative).
CREATE FUNCTION close_to(a float8, b float8) RETURNS bool
    LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$ SELECT abs(a - b) <= 1e-12 * abs(b) $$;
CREATE FUNCTION close_to(a kpi.ci_value, b kpi.ci_value) RETURNS bool
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    AS $$ SELECT close_to(a.value, b.value) AND close_to(a.lower, b.lower) AND close_to(a.upper, b.upper) $$;

CREATE TEMP TABLE combined AS
SELECT pg_temp.rolling_rate_combined(rate::text::kpi.state ORDER BY part) AS rolling,
       pg_temp.rolling_rate_combined(rate ORDER BY part) AS rolling_mem,
       pg_temp.rolling_rate_combined(rate3::text::kpi.state ORDER BY part) AS rolling3,
       pg_temp.rolling_rate_combined(rate3 ORDER BY part) AS rolling3_mem,
       pg_temp.pooled_rate_combined(rate::text::kpi.state ORDER BY part) AS pooled,
       pg_temp.pooled_rate_combined(rate ORDER BY part) AS pooled_mem,
       pg_temp.mean_ci_combined(mean::text::kpi.state ORDER BY part) AS mean,
       pg_temp.mean_ci_combined(mean ORDER BY part) AS mean_mem,
       pg_temp.mean_ci_combined(mean90::text::kpi.state ORDER BY part) AS mean90,
       pg_temp.mean_ci_combined(mean90 ORDER BY part) AS mean90_mem,
       pg_temp.dsr_combined(dsr::text::kpi.state ORDER BY part) AS dsr,
       pg_temp.dsr_combined(dsr ORDER BY part) AS dsr_mem,
       pg_temp.dsr_combined(dsr99::text::kpi.state ORDER BY part) AS dsr99,
       pg_temp.dsr_combined(dsr99 ORDER BY part) AS dsr99_mem,
       pg_temp.peer_rank_combined(peer::text::kpi.state ORDER BY part) AS peer,
       pg_temp.peer_rank_combined(peer ORDER BY part) AS peer_mem
FROM partials;

CREATE TEMP TABLE whole AS
SELECT kpi.rolling_rate(x, pop, 10000) AS rolling, kpi.rolling_rate(x, pop, 10000, 3) AS rolling3,
       kpi.pooled_rate(x, pop, 10000) AS pooled,
       kpi.mean_ci(x) AS mean, kpi.mean_ci(x, 0.9) AS mean90,
       kpi.dsr(events, pop, std, 100000) AS dsr, kpi.dsr(events, pop, std, 100000, 0.99) AS dsr99,
       kpi.peer_rank((SELECT x FROM cs WHERE i = 1), x, 'higher') AS peer
FROM cs;

SELECT v.aggregate, v.has_value, v.same AS same_as_in_memory, v.close_to AS equals_all_rows
FROM combined c, whole w,
     LATERAL (VALUES
        ('rolling_rate', c.rolling IS NOT NULL, c.rolling = c.rolling_mem, close_to(c.rolling, w.rolling)),
        ('rolling_rate, min_periods', c.rolling3 IS NOT NULL, c.rolling3 = c.rolling3_mem, close_to(c.rolling3, w.rolling3)),
        ('pooled_rate', c.pooled IS NOT NULL, c.pooled = c.pooled_mem, close_to(c.pooled, w.pooled)),
        ('mean_ci', c.mean IS NOT NULL, c.mean = c.mean_mem, close_to(c.mean, w.mean)),
        ('mean_ci, level', c.mean90 IS NOT NULL, c.mean90 = c.mean90_mem, close_to(c.mean90, w.mean90)),
        ('dsr', c.dsr IS NOT NULL, c.dsr = c.dsr_mem, close_to(c.dsr, w.dsr)),
        ('dsr, level', c.dsr99 IS NOT NULL, c.dsr99 = c.dsr99_mem, close_to(c.dsr99, w.dsr99)),
        ('peer_rank', c.peer IS NOT NULL, c.peer = c.peer_mem, c.peer = w.peer)
     ) AS v(aggregate, has_value, same, close_to);
RESET extra_float_digits;

-- A partial state of the wrong kind or size is rejected, as in any other
-- state mix-up.
\set VERBOSITY terse
SELECT kpi.rate_combine('{1,2,3}', '{0,0,0,0,0,0,0,0,1}');
SELECT kpi.mean_ci_final('{0,0,0,0,0,0,0}');
SELECT kpi.dsr_combine('{0,0,0,0,0,0,0}', '{1,2}');
SELECT kpi.peer_rank_final('{}');
\set VERBOSITY default

DROP TABLE partials, combined, whole;

-- Parallel query splits mean_ci, dsr and peer_rank too (the rates are
-- checked in rates.sql): Partial Aggregate in the plan, and the same answer
-- as the serial plan (exactly for peer_rank; float8 sums may be combined in
-- another order, so within 1e-12 for the others).
CREATE FUNCTION plan_has(query text, node text) RETURNS bool LANGUAGE plpgsql AS $$
DECLARE
    line text;
BEGIN
    FOR line IN EXECUTE 'EXPLAIN (COSTS OFF) ' || query LOOP
        IF line LIKE '%' || node || '%' THEN
            RETURN true;
        END IF;
    END LOOP;
    RETURN false;
END $$;

CREATE TABLE cs_big AS
SELECT i % 5 AS g, (i * 7919 % 100003) / 7.0 AS x, (i * 104729) % 50 AS events,
       1000 + (i * 131) % 5000 AS pop, 100 + (i * 17) % 900 AS std
FROM generate_series(1::bigint, 200000) AS i;
ANALYZE cs_big;
CREATE VIEW stats_by_g AS
SELECT g, kpi.mean_ci(x) AS mean, kpi.dsr(events, pop, std, 100000) AS dsr,
       kpi.peer_rank(5000, x, 'lower') AS peer
FROM cs_big GROUP BY g;

SET max_parallel_workers_per_gather = 0;
CREATE TEMP TABLE serial AS SELECT * FROM stats_by_g;
SELECT plan_has('SELECT * FROM stats_by_g', 'Partial') AS serial_is_partial;

SET parallel_setup_cost = 0;
SET parallel_tuple_cost = 0;
SET min_parallel_table_scan_size = 0;
SET max_parallel_workers_per_gather = 2;
CREATE TEMP VIEW parallel_vs_serial AS
SELECT count(*) AS groups,
       bool_and(close_to(p.mean, s.mean)) AS mean_ci_equals_serial,
       bool_and(close_to(p.dsr, s.dsr)) AS dsr_equals_serial,
       bool_and(p.peer = s.peer) AS peer_rank_equals_serial
FROM serial s JOIN stats_by_g p USING (g);
SELECT plan_has('SELECT * FROM stats_by_g', 'Partial HashAggregate')
       OR plan_has('SELECT * FROM stats_by_g', 'Partial GroupAggregate') AS parallel_is_partial,
       plan_has('SELECT * FROM parallel_vs_serial', 'Partial') AS comparison_is_partial;
SELECT * FROM parallel_vs_serial;
RESET parallel_setup_cost;
RESET parallel_tuple_cost;
RESET min_parallel_table_scan_size;
RESET max_parallel_workers_per_gather;

DROP VIEW parallel_vs_serial, stats_by_g;
DROP TABLE cs, cs_big;
DROP FUNCTION plan_has(text, text);
DROP FUNCTION close_to(float8, float8), close_to(kpi.ci_value, kpi.ci_value);
