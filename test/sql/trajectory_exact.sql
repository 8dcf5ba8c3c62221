--
-- kpi.trajectory without intermediate overflow, exact where the inputs
-- allow (issue 9, item 8).  trajectory = (baseline × (12 - k) + target × k)
-- / 12 after k months: a weighted mean of target and baseline, so it is
-- finite whenever they are.  Expected values: hand calculation, and
-- PostgreSQL's numeric on the exact binary values of the inputs (computed
-- to 1200 decimal places, then rounded once by numeric_float8's strtod).
--
SET extra_float_digits = 0;

-- 0.1.0 computed target - baseline first: 1e308 - (-1e308) overflowed
SELECT kpi.trajectory(1e308, '2024-09-30', -1e308) AS half_way_between_opposites,           -- 0
       kpi.trajectory(1.7976931348623157e308, '2024-06-30', -1.7976931348623157e308) AS q1, -- -max/2
       kpi.trajectory(1.7976931348623157e308, '2024-09-30', 1.7976931348623157e308) AS same, -- max
       kpi.trajectory(-1.7976931348623157e308, '2025-02-28', 1e308) AS eleven_twelfths;
-- hand calculation: 560.8 × 6/12 = 280.4; 100 × 3/12 = 25; (0.1 × 9 + 0.7 × 3) / 12 = 0.25
SELECT kpi.trajectory(560.8, '2024-09-30') AS sep,
       kpi.trajectory(100, '2024-06-30') AS jun,
       kpi.trajectory(0.7, '2024-06-30', 0.1) AS from_baseline,
       kpi.trajectory(1e-300, '2024-04-30', -1e-300) AS tiny;

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

-- 20,000 random targets and baselines (magnitudes 10^-3 to 10^12, either
-- sign), every month of the year: mismatches with the correctly rounded
-- value (0 expected); 0.1.0's formula gets many wrong
SELECT setseed(0.9);
SELECT count(*) AS cases,
       count(*) FILTER (WHERE r <> ref) AS mismatches,
       count(*) FILTER (WHERE b + (t - b) * k / 12.0 <> ref) > 1000 AS old_formula_often_wrong
FROM (SELECT t, b, k,
             kpi.trajectory(t, (DATE '2024-04-30' + (k - 1) * INTERVAL '1 month')::date, b) AS r,
             ((pg_temp.exact(t) * k + pg_temp.exact(b) * (12 - k)) / round(12::numeric, 1200))::float8 AS ref
      FROM (SELECT (random() - 0.3) * 10 ^ (random() * 15 - 3) AS t,
                   (random() - 0.3) * 10 ^ (random() * 15 - 3) AS b,
                   1 + floor(random() * 12)::int AS k
            FROM generate_series(1, 20000)) s) s;
