--
-- Correctly rounded rates (issue 9, item 5).  For finite inputs whose sums
-- are exact (always so for integral counts, populations and multipliers),
-- every rate kpi returns is the float8 nearest to the exact quotient
-- count × per / denominator, ties to even.  The expected values come from
-- PostgreSQL's numeric: the exact quotient, computed to 400 (edge triples:
-- 1100) decimal places, converted to float8 by numeric_float8, which
-- passes every digit to strtod and so rounds correctly.  At that depth no
-- decimal rounding can cross the midpoint of two float8 values: the
-- quotient of integers below 2^64 is at least 2^-118 (relative) away from
-- any midpoint it does not equal, and midpoints it can equal have at most
-- 1075 decimals.  The plain ((c::numeric * p) / d)::float8, which numeric
-- divides to only 16-20 significant digits, is counted too.
--
-- Each query prints counts of mismatches (0 expected) and how many rows 0.1.0's
-- formula (count / denominator × per) gets wrong, to show the sample can
-- tell them apart.
--
SET extra_float_digits = 0;

-- the exact value of a float8 as numeric (float8 → numeric keeps only 15
-- digits): x = m × 2^e with m an integer below 2^63
CREATE FUNCTION pg_temp.exact_scaled(x float8, e int) RETURNS numeric LANGUAGE sql IMMUTABLE STRICT AS $$
    SELECT CASE WHEN e >= 0 THEN (x / 2::float8 ^ e)::int8::numeric * power(2::numeric, e)
                -- m × 2^-k = m × 5^k × 10^-k, all exact in numeric
                ELSE (x * 2::float8 ^ (-e))::int8::numeric * power(5::numeric, -e) * ('1e' || e)::numeric
           END
$$;
CREATE FUNCTION pg_temp.exact(x float8) RETURNS numeric LANGUAGE sql IMMUTABLE STRICT AS $$
    SELECT CASE WHEN x = 0 THEN 0::numeric
                WHEN abs(x) < 2::float8 ^ 63 AND x = floor(x) THEN x::int8::numeric
                ELSE pg_temp.exact_scaled(x, floor(ln(abs(x)) / ln(2::float8))::int - 60)
           END
$$;
SELECT pg_temp.exact(0.1) = 0.1000000000000000055511151231257827021181583404541015625 AS exact_0_1,
       pg_temp.exact(1e300) = power(2::numeric, 944) * 6724873095247260 AS exact_1e300;

-- numeric_float8 rounds correctly: 1 + 2^-53 is halfway between 1 and the
-- next float8 (ties to even: 1), and a digit past 50 decides the other way
SELECT '1.00000000000000011102230246251565404236316680908203125'::numeric::float8 = 1 AS tie_to_even,
       '1.000000000000000111022302462515654042363166809082031250001'::numeric::float8 > 1 AS just_above;

-- the correctly rounded c × p / d from numeric, to `scale` decimal places
CREATE FUNCTION pg_temp.ref(c float8, d float8, p float8, scale int) RETURNS float8
    LANGUAGE sql IMMUTABLE STRICT AS $$
    SELECT ((pg_temp.exact(c) * pg_temp.exact(p)) / round(pg_temp.exact(d), scale))::float8
$$;

-- the issue's example: 7020 / 10000 × 100 is 70.19999999999999 in 0.1.0,
-- so the rating falls below the amber band that starts at 70.2
SELECT kpi.rate(7020, 10000, 100) AS rate,
       kpi.rag(kpi.rate(7020, 10000, 100), 78, 'higher') AS rag,
       kpi.pooled_rate(c, d, 100) AS pooled
FROM (VALUES (7020, 10000)) AS t(c, d);
SELECT kpi.rate(7020, 10000, 100) = 70.2::float8 AS equals_70_2,
       kpi.rate(1, 3, 1) = 1::float8 / 3 AS third,
       kpi.rate(9007199254740993, 1, 1) = 9007199254740992::float8 AS input_already_rounded,
       -- 3 × 3002399751580331 = 2^53 + 1, halfway between 2^53 and 2^53 + 2
       kpi.rate(3, 1, 3002399751580331) = 9007199254740992::float8 AS tie_to_even_down,
       -- 3 × 3002399751580333 = 2^53 + 7, halfway between 2^53 + 6 and 2^53 + 8
       kpi.rate(3, 1, 3002399751580333) = 9007199254741000::float8 AS tie_to_even_up,
       kpi.rate(6, 2, 3002399751580333) = 9007199254741000::float8 AS tie_after_division,
       kpi.rate(1, 1.7976931348623157e308, 1) = 5.562684646268003e-309 AS subnormal;

-- 100,000 random triples: counts 0 to 10^18, denominators 1 to 10^18
-- (log-uniform, so both small and huge), per from the usual multipliers
SELECT setseed(0.20261201);
CREATE TEMP TABLE triples AS
SELECT floor(random() * 10 ^ (random() * 18))::float8 AS c,
       (1 + floor(random() * 10 ^ (random() * 18)))::float8 AS d,
       (ARRAY[1, 100, 1000, 10000, 100000, 1000000, 7, 365])[1 + floor(random() * 8)::int]::float8 AS p
FROM generate_series(1, 100000);
SELECT count(*) AS triples,
       count(*) FILTER (WHERE kpi.rate(c, d, p) <> deep) AS mismatches,
       -- where numeric's default division (16-20 significant digits) rounds
       -- correctly, kpi agrees with it too; where it does not, kpi is right
       count(*) FILTER (WHERE kpi.rate(c, d, p) <> plain AND plain = deep) AS mismatches_plain_numeric,
       count(*) FILTER (WHERE plain <> deep) > 0 AS plain_numeric_sometimes_off,
       count(*) FILTER (WHERE c / d * p <> deep) > 10000 AS old_formula_often_wrong
FROM (SELECT c, d, p, ((c::int8::numeric * p::int8) / round(d::int8::numeric, 400))::float8 AS deep,
             ((c::int8::numeric * p::int8) / d::int8)::float8 AS plain
      FROM triples) t;

-- edge triples: huge counts, 2^53 ± small, denominators that are powers of
-- two (exact ties) and primes, per = 1, 100, 1000, 100000 and more; every
-- combination whose rate is finite
CREATE TEMP TABLE edges AS
SELECT c, d, p
FROM unnest(ARRAY[0, 1, 2, 3, 7, 9, 10, 99, 7020, 65535, 2147483647, 4294967297,
                  9007199254740991, 9007199254740992, 9007199254740994, 9007199254740998,
                  18014398509481985, 9223372036854775807, 1e18, 12345678901234567890,
                  1e20, 3e30, 1e100, 1e300, 1.7976931348623157e308]::float8[]) AS c,
     unnest(ARRAY[1, 2, 3, 4, 7, 10, 97, 1024, 8191, 65536, 131071, 524287, 999983,
                  1000000007, 2147483647, 2147483648, 4503599627370496, 9007199254740992,
                  2305843009213693951, 1e15 + 37, 1e300, 8.98846567431158e307,
                  1.7976931348623157e308]::float8[]) AS d,
     unnest(ARRAY[1, 100, 1000, 10000, 100000, 1e6, 1e9]::float8[]) AS p
WHERE pg_temp.exact(c) * pg_temp.exact(p) / pg_temp.exact(d) < 1.7976931348623157e308::numeric;
SELECT count(*) AS edge_triples,
       count(*) FILTER (WHERE kpi.rate(c, d, p) <> pg_temp.ref(c, d, p, 1100)) AS mismatches
FROM edges;

-- any finite float8 inputs: 5,000 random non-integral triples
SELECT setseed(0.5);
SELECT count(*) AS float_triples,
       count(*) FILTER (WHERE kpi.rate(c, d, p) <> pg_temp.ref(c, d, p, 400)) AS mismatches
FROM (SELECT random() * 10 ^ (random() * 8) AS c,
             random() * 10 ^ (random() * 8) + 1e-3 AS d,
             random() * 10 ^ (random() * 6) + 1e-3 AS p
      FROM generate_series(1, 5000)) s;

-- the aggregates, as window functions over random frames: pooled
-- Σ c × p / Σ d and rolling Σ c × n × p / Σ d.  Group 1 has small counts;
-- group 2 sums pass 2^53 (exact pairs hi + lo); group 3 mixes both; group 4
-- sums pass 2^88.
SELECT setseed(0.75);
CREATE TEMP TABLE series AS
SELECT g, i,
       CASE g WHEN 1 THEN floor(random() * 5000)
              WHEN 2 THEN floor(random() * 2 ^ 60)
              WHEN 3 THEN floor(random() * 10 ^ (random() * 17))
              ELSE floor(random() * 2 ^ 85) END::float8 AS c,
       CASE g WHEN 1 THEN 1 + floor(random() * 200000)
              WHEN 2 THEN 2 ^ 60 + floor(random() * 2 ^ 60)
              WHEN 3 THEN 1 + floor(random() * 10 ^ (random() * 17))
              ELSE 2 ^ 85 + floor(random() * 2 ^ 85) END::float8 AS d
FROM generate_series(1, 4) AS g, generate_series(1, 4000) AS i;
SELECT g, count(*) AS frames,
       count(*) FILTER (WHERE pooled <> (nsum * 1000 / round(dsum, 400))::float8) AS pooled_mismatches,
       count(*) FILTER (WHERE rolling <> (nsum * n * 1000 / round(dsum, 400))::float8) AS rolling_mismatches
FROM (SELECT g,
             kpi.pooled_rate(c, d, 1000) OVER w AS pooled,
             kpi.rolling_rate(c, d, 1000) OVER w AS rolling,
             sum(pg_temp.exact(c)) OVER w AS nsum,
             sum(pg_temp.exact(d)) OVER w AS dsum,
             count(*) OVER w AS n
      FROM series
      WINDOW w AS (PARTITION BY g ORDER BY i ROWS BETWEEN 11 PRECEDING AND CURRENT ROW)) s
GROUP BY g ORDER BY g;
-- and as plain aggregates over random groups (the whole of each group)
SELECT count(*) AS groups,
       count(*) FILTER (WHERE pooled <> (nsum * 100000 / round(dsum, 400))::float8) AS pooled_mismatches,
       count(*) FILTER (WHERE rolling <> (nsum * n * 100000 / round(dsum, 400))::float8) AS rolling_mismatches
FROM (SELECT kpi.pooled_rate(c, d, 100000) AS pooled, kpi.rolling_rate(c, d, 100000) AS rolling,
             sum(pg_temp.exact(c)) AS nsum, sum(pg_temp.exact(d)) AS dsum, count(*) AS n
      FROM series GROUP BY g, i % 97) s;

-- parallel plans: the combine function merges partial sums past 2^53
-- exactly (a regular table: temp tables are never scanned in parallel)
CREATE TABLE big_series AS SELECT g, i, c, d FROM series;
ANALYZE big_series;
CREATE FUNCTION pg_temp.plan_has(query text, node text) RETURNS bool LANGUAGE plpgsql AS $$
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
CREATE TEMP TABLE big_ref AS
SELECT g, sum(pg_temp.exact(c)) AS nsum, sum(pg_temp.exact(d)) AS dsum, count(*) AS n
FROM big_series GROUP BY g;
SET parallel_setup_cost = 0;
SET parallel_tuple_cost = 0;
SET min_parallel_table_scan_size = 0;
SET max_parallel_workers_per_gather = 2;
SELECT pg_temp.plan_has('SELECT g, kpi.pooled_rate(c, d, 1000) FROM big_series GROUP BY g', 'Partial') AS parallel_is_partial;
SELECT count(*) AS groups,
       count(*) FILTER (WHERE p.pooled <> (r.nsum * 1000 / round(r.dsum, 400))::float8) AS pooled_mismatches,
       count(*) FILTER (WHERE p.rolling <> (r.nsum * r.n * 1000 / round(r.dsum, 400))::float8) AS rolling_mismatches
FROM (SELECT g, kpi.pooled_rate(c, d, 1000) AS pooled, kpi.rolling_rate(c, d, 1000) AS rolling
      FROM big_series GROUP BY g) p JOIN big_ref r USING (g);
RESET parallel_setup_cost;
RESET parallel_tuple_cost;
RESET min_parallel_table_scan_size;
RESET max_parallel_workers_per_gather;
DROP TABLE big_series;

-- rate_ci: each bound is the count's Poisson limit × per / population,
-- correctly rounded (checked against numeric with the limit's exact value)
SELECT setseed(0.25);
SELECT count(*) AS intervals,
       count(*) FILTER (WHERE (r).lower <> pg_temp.ref((l).lower, pop, per, 400)
                           OR (r).upper <> pg_temp.ref((l).upper, pop, per, 400)) AS mismatches,
       count(*) FILTER (WHERE (r).lower <> kpi.rate((l).lower, pop, per)
                           OR (r).upper <> kpi.rate((l).upper, pop, per)) AS differ_from_rate
FROM (SELECT kpi.rate_ci(x, pop, per) AS r, kpi.poisson_ci(x) AS l, pop, per
      FROM (SELECT floor(random() * 10 ^ (random() * 6))::float8 AS x,
                   (1 + floor(random() * 10 ^ (random() * 9)))::float8 AS pop,
                   (ARRAY[100, 1000, 10000, 100000])[1 + floor(random() * 4)::int]::float8 AS per
            FROM generate_series(1, 5000)) s) t;

-- dsr: with one age band whose standard population is its population the
-- DSR is the crude rate, correctly rounded like kpi.rate
SELECT count(*) AS bands,
       count(*) FILTER (WHERE (v).value <> pg_temp.ref(e, pop, 100000, 400)) AS mismatches
FROM (SELECT i, kpi.dsr(e, pop, pop, 100000) AS v, min(e) AS e, min(pop) AS pop
      FROM (SELECT i, (10 + floor(random() * 10 ^ (random() * 6)))::float8 AS e,
                   (10 ^ 6 + floor(random() * 10 ^ (random() * 9)))::float8 AS pop
            FROM generate_series(1, 2000) AS i) s
      GROUP BY i) t;
