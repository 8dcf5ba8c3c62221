-- kpi.trend against PostgreSQL's own regr_* aggregates and against fresh
-- aggregates: the expected values come from outside kpi's code.
SET search_path = public, kpi;

-- a and b agree to tol relative; both NULL counts as agreeing, one NULL as
-- disagreeing (never NULL itself, so a count of mismatches cannot miss one)
-- (a quoted body, not RETURN ...: SQL-standard bodies need PostgreSQL 14)
CREATE FUNCTION pg_temp.close(a float8, b float8, tol float8 DEFAULT 1e-10) RETURNS bool
    LANGUAGE sql IMMUTABLE
    AS $$ SELECT CASE WHEN a IS NULL OR b IS NULL THEN a IS NULL AND b IS NULL
                      ELSE abs(a - b) <= tol * abs(b) OR a = b END $$;
-- the same to 1e-10 of b or of scale, whichever is larger: a slope near 0
-- has no relative precision (scale: its standard error), nor has an r2
-- near 0 (scale 1)
CREATE FUNCTION pg_temp.near(a float8, b float8, scale float8) RETURNS bool
    LANGUAGE sql IMMUTABLE
    AS $$ SELECT CASE WHEN a IS NULL OR b IS NULL THEN a IS NULL AND b IS NULL
                      ELSE abs(a - b) <= 1e-10 * greatest(abs(b), coalesce(scale, 0)) END $$;

-- Pseudo-random data that is the same on every PostgreSQL version (random()
-- after setseed() is not: PostgreSQL 15 changed its generator): a uniform
-- [0, 1) from the md5 of (stream, i), 52 bits of it.
CREATE FUNCTION pg_temp.rnd(stream int, i int) RETURNS float8
    LANGUAGE sql IMMUTABLE
    AS $$ SELECT ('x' || substr(md5(stream || ':' || i), 1, 13))::bit(52)::bigint / 4503599627370496.0::float8 $$;

-- g: 7 groups of random data, some awkward:
--   1 plain; 2 x around 1.7e9 (epoch seconds); 3 small y spread around a
--   large level; 4 both; 5 negative slope, few points; 6 x with ties;
--   7 y spread 1e-6 around 1000 (too ill-conditioned for regr_slope itself,
--   whose sums lose about 9 digits there: checked against numeric only)
CREATE TEMP TABLE pts AS
SELECT g, i,
       CASE g WHEN 2 THEN 1.7e9 + i * 3600 + pg_temp.rnd(10 + g, i) * 100
              WHEN 4 THEN 1.7e9 + i * 60
              WHEN 6 THEN floor(i / 3)
              ELSE i + pg_temp.rnd(10 + g, i) END AS x,
       CASE g WHEN 3 THEN 1000 + 1e-2 * (i * 0.01 + pg_temp.rnd(20 + g, i))
              WHEN 4 THEN 250 + 0.1 * pg_temp.rnd(20 + g, i) + 1e-4 * i
              WHEN 5 THEN 50 - 2 * i + 10 * pg_temp.rnd(20 + g, i)
              WHEN 7 THEN 1000 + 1e-6 * (i * 0.01 + pg_temp.rnd(20 + g, i))
              ELSE 3 + 0.5 * i + 20 * pg_temp.rnd(20 + g, i) END AS y
FROM generate_series(1, 7) g, generate_series(1, 5000) i
WHERE g <> 5 OR i <= 7;

-- slope, intercept, r2 and n equal regr_* to 1e-10 relative
SELECT g, kpi.n(t) = regr_count AS n_ok,
       pg_temp.close(kpi.slope(t), regr_slope) AS slope_ok,
       pg_temp.close(kpi.intercept(t), regr_intercept) AS intercept_ok,
       pg_temp.close(kpi.r2(t), regr_r2) AS r2_ok,
       round(kpi.slope(t)::numeric, 6) AS slope
FROM (SELECT g, kpi.trend(y, x) AS t, regr_slope(y, x), regr_intercept(y, x),
             regr_r2(y, x), regr_count(y, x)
      FROM pts WHERE g <= 6 GROUP BY g) s
ORDER BY g;

-- every group against the exact least-squares line computed in numeric
-- from the float8 inputs' shortest decimals (which differ from the binary
-- values by half an ulp: for group 7 that alone moves the slope by ~2e-11)
SELECT g, pg_temp.close(kpi.slope(t), ref_slope::float8) AS slope_exact_ok,
       pg_temp.close(kpi.intercept(t), ref_intercept::float8) AS intercept_exact_ok
FROM (SELECT g, kpi.trend(y, x) AS t FROM pts GROUP BY g) s
JOIN (SELECT g, ref_slope, my - ref_slope * mx AS ref_intercept
      FROM (SELECT g, min(mx) AS mx, min(my) AS my,
                   sum((x::text::numeric - mx) * (y::text::numeric - my)) / sum((x::text::numeric - mx) ^ 2) AS ref_slope
            FROM pts JOIN (SELECT g, avg(x::text::numeric) AS mx, avg(y::text::numeric) AS my
                           FROM pts GROUP BY g) m USING (g)
            GROUP BY g) r) r USING (g)
ORDER BY g;

-- date and timestamptz x are elapsed days since 1970-01-01 UTC
CREATE TEMP TABLE tpts AS
SELECT i, DATE '2023-04-30' + (i * 30 + (pg_temp.rnd(31, i) * 3)::int) AS d,
       TIMESTAMPTZ '2024-01-01 00:00:00+00' + i * interval '1 day 7 min 13.25 s' AS ts,
       100 + 2.5 * i + 15 * pg_temp.rnd(32, i) AS y
FROM generate_series(1, 400) i;

SELECT pg_temp.close(kpi.slope(kpi.trend(y, d)), regr_slope(y, (d - DATE '1970-01-01')::float8)) AS date_slope_ok,
       pg_temp.close(kpi.intercept(kpi.trend(y, d)), regr_intercept(y, (d - DATE '1970-01-01')::float8)) AS date_intercept_ok,
       pg_temp.close(kpi.slope(kpi.trend(y, ts)), regr_slope(y, extract(epoch FROM ts)::float8 / 86400)) AS ts_slope_ok,
       pg_temp.close(kpi.intercept(kpi.trend(y, ts)), regr_intercept(y, extract(epoch FROM ts)::float8 / 86400), 1e-9) AS ts_intercept_ok,
       pg_temp.close(kpi.r2(kpi.trend(y, ts)), regr_r2(y, extract(epoch FROM ts)::float8 / 86400)) AS ts_r2_ok,
       kpi.x_type(kpi.trend(y, d)) AS date_kind, kpi.x_type(kpi.trend(y, ts)) AS ts_kind
FROM tpts;

-- slope per interval: a day is 1, a week 7, a month 365.2425/12 days
SELECT pg_temp.close(kpi.slope(t, '1 day'), kpi.slope(t)) AS per_day,
       pg_temp.close(kpi.slope(t, '1 week'), 7 * kpi.slope(t)) AS per_week,
       pg_temp.close(kpi.slope(t, '1 month'), 30.436875 * kpi.slope(t)) AS per_month,
       pg_temp.close(kpi.slope(t, '1 year'), 365.2425 * kpi.slope(t)) AS per_year,
       pg_temp.close(kpi.slope(t, '12 hours'), 0.5 * kpi.slope(t)) AS per_12h
FROM (SELECT kpi.trend(y, ts) AS t FROM tpts) s;

-- predict agrees with the line regr_* gives
SELECT pg_temp.close(kpi.predict(t, DATE '2025-03-31'),
                     regr_intercept + regr_slope * (DATE '2025-03-31' - DATE '1970-01-01'), 1e-9) AS predict_date_ok,
       pg_temp.close(kpi.predict(t, TIMESTAMPTZ '2025-03-31 00:00+00'), kpi.predict(t, DATE '2025-03-31'), 1e-14) AS date_is_midnight_utc
FROM (SELECT kpi.trend(y, d) AS t, regr_slope(y, (d - DATE '1970-01-01')::float8),
             regr_intercept(y, (d - DATE '1970-01-01')::float8) FROM tpts) s;

-- rolling: every frame equals regr_* over the same frame (a fresh
-- aggregate per frame) and kpi.trend computed afresh over the frame's rows
CREATE TEMP TABLE roll AS
SELECT i, i + 0.25 * pg_temp.rnd(41, i) AS x,
       CASE WHEN i % 97 = 0 THEN NULL            -- gaps
            WHEN i BETWEEN 300 AND 302 THEN 1e7  -- a spike: removal must not cancel
            WHEN i > 600 THEN 42                 -- a constant tail
            ELSE 5 + 0.1 * i + pg_temp.rnd(42, i) END AS y
FROM generate_series(1, 900) i;

SELECT w AS frame_rows, count(*) AS frames,
       count(*) FILTER (WHERE NOT (k_n = r_n AND pg_temp.near(k_slope, r_slope, k_se)
                                   AND pg_temp.close(k_icpt, r_icpt, 1e-9)
                                   AND pg_temp.near(k_r2, r_r2, 1))) AS mismatches
FROM (
    SELECT 6 AS w, kpi.n(t) AS k_n, kpi.slope(t) AS k_slope, kpi.slope_se(t) AS k_se, kpi.intercept(t) AS k_icpt, kpi.r2(t) AS k_r2,
           r_n, r_slope, r_icpt, r_r2
    FROM (SELECT kpi.trend(y, x) OVER w AS t, regr_count(y, x) OVER w AS r_n, regr_slope(y, x) OVER w AS r_slope,
                 regr_intercept(y, x) OVER w AS r_icpt, regr_r2(y, x) OVER w AS r_r2
          FROM roll WINDOW w AS (ORDER BY i ROWS 5 PRECEDING)) a
    UNION ALL
    SELECT 60, kpi.n(t), kpi.slope(t), kpi.slope_se(t), kpi.intercept(t), kpi.r2(t), r_n, r_slope, r_icpt, r_r2
    FROM (SELECT kpi.trend(y, x) OVER w AS t, regr_count(y, x) OVER w AS r_n, regr_slope(y, x) OVER w AS r_slope,
                 regr_intercept(y, x) OVER w AS r_icpt, regr_r2(y, x) OVER w AS r_r2
          FROM roll WINDOW w AS (ORDER BY i ROWS 59 PRECEDING)) a
    UNION ALL
    SELECT 200, kpi.n(t), kpi.slope(t), kpi.slope_se(t), kpi.intercept(t), kpi.r2(t), r_n, r_slope, r_icpt, r_r2
    FROM (SELECT kpi.trend(y, x) OVER w AS t, regr_count(y, x) OVER w AS r_n, regr_slope(y, x) OVER w AS r_slope,
                 regr_intercept(y, x) OVER w AS r_icpt, regr_r2(y, x) OVER w AS r_r2
          FROM roll WINDOW w AS (ORDER BY i ROWS BETWEEN 150 PRECEDING AND 49 FOLLOWING)) a
) f
GROUP BY w ORDER BY w;

-- the same frames recomputed with a fresh kpi.trend per frame
SELECT count(*) AS frames,
       count(*) FILTER (WHERE NOT (kpi.n(w.t) = kpi.n(f.t) AND pg_temp.close(kpi.slope(w.t), kpi.slope(f.t), 1e-12)
                                   AND pg_temp.close(kpi.r2(w.t), kpi.r2(f.t), 1e-12))) AS mismatches
FROM (SELECT i, kpi.trend(y, x) OVER (ORDER BY i ROWS 9 PRECEDING) AS t FROM roll) w
CROSS JOIN LATERAL (SELECT kpi.trend(r.y, r.x) AS t FROM roll r WHERE r.i BETWEEN w.i - 9 AND w.i) f;

-- rolling over awkward data (x around 1.7e9, y spread 0.1 around 250),
-- against a fresh kpi.trend per frame (checked against numeric above:
-- regr_slope itself is only good to ~1e-9 on frames this narrow).  A slope
-- near 0 has no relative precision, so slopes are compared to 1e-10 of
-- their size or of their standard error, whichever is larger; likewise an
-- intercept (mean y - slope * mean x, two terms of the size of mean y) to
-- 1e-10 of its size or of mean y.
SELECT count(*) AS frames,
       count(*) FILTER (WHERE NOT coalesce(kpi.n(w.t) = kpi.n(f.t)
                                   AND CASE WHEN kpi.slope(f.t) IS NULL THEN kpi.slope(w.t) IS NULL
                                            ELSE abs(kpi.slope(w.t) - kpi.slope(f.t))
                                                 <= 1e-10 * greatest(abs(kpi.slope(f.t)), kpi.slope_se(f.t)) END
                                   AND CASE WHEN kpi.intercept(f.t) IS NULL THEN kpi.intercept(w.t) IS NULL
                                            ELSE abs(kpi.intercept(w.t) - kpi.intercept(f.t))
                                                 <= 1e-10 * greatest(abs(kpi.intercept(f.t)), abs(f.my)) END, false)) AS mismatches
FROM (SELECT i, kpi.trend(y, x) OVER (ORDER BY i ROWS 29 PRECEDING) AS t FROM pts WHERE g = 4 AND i <= 2000) w
CROSS JOIN LATERAL (SELECT kpi.trend(p.y, p.x) AS t, avg(p.y) AS my FROM pts p WHERE p.g = 4 AND p.i BETWEEN w.i - 29 AND w.i) f;

-- over dates, with a RANGE frame
SELECT count(*) AS frames,
       count(*) FILTER (WHERE NOT (pg_temp.close(k, r))) AS mismatches
FROM (SELECT kpi.slope(kpi.trend(y, d) OVER w) AS k,
             regr_slope(y, (d - DATE '1970-01-01')::float8) OVER w AS r
      FROM tpts WINDOW w AS (ORDER BY d RANGE BETWEEN '6 months' PRECEDING AND CURRENT ROW)) a;

-- a rollup of stored monthly states equals one pass over all rows
CREATE TEMP TABLE monthly AS
SELECT date_trunc('month', ts) AS month, kpi.trend(y, ts) AS t
FROM tpts GROUP BY 1;


SELECT months, kpi.n(r) = 400 AS n_ok,
       pg_temp.close(kpi.slope(r), kpi.slope(o), 1e-12) AS slope_ok,
       pg_temp.close(kpi.intercept(r), kpi.intercept(o), 1e-12) AS intercept_ok,
       pg_temp.close(kpi.r2(r), kpi.r2(o), 1e-12) AS r2_ok,
       pg_temp.close(kpi.slope_se(r), kpi.slope_se(o), 1e-10) AS se_ok
FROM (SELECT count(*) AS months, kpi.rollup(t) AS r FROM monthly) a,
     (SELECT kpi.trend(y, ts) AS o FROM tpts) b;

-- rollup skips NULL states; over no rows it is NULL
SELECT kpi.n(kpi.rollup(t)) FROM (VALUES (NULL::kpi.trend), ('(float8,n=0,x0=0,y0=0,xmax=0,mx=0,my=0,sxx=0,syy=0,sxy=0)')) v(t);
SELECT kpi.rollup(t) IS NULL AS empty_rollup FROM monthly WHERE false;

-- a trend over no rows is empty (n = 0) and has no line
SELECT kpi.n(t), kpi.slope(t), kpi.intercept(t), kpi.r2(t), kpi.predict(t, 1.0)
FROM (SELECT kpi.trend(y, x) AS t FROM pts WHERE false) s;
-- NULL y or x are skipped
SELECT kpi.n(kpi.trend(y, x)) FROM (VALUES (1.0, 1.0), (NULL, 2.0), (3.0, NULL), (4.0, 4.0)) v(y, x);
-- one point, or no spread in x: no line
SELECT kpi.n(t), kpi.slope(t), kpi.r2(t) FROM (SELECT kpi.trend(5, 1.0) AS t) s;
SELECT kpi.n(t), kpi.slope(t), kpi.r2(t) FROM (SELECT kpi.trend(y, 1.0) AS t FROM generate_series(1, 3) y) s;
-- constant y: slope 0, r2 1 (as regr_r2), no p-value
SELECT kpi.slope(t), kpi.r2(t), kpi.slope_se(t), kpi.slope_p(t)
FROM (SELECT kpi.trend(7, x) AS t FROM generate_series(1, 5) x) s;

-- parallel plans split the aggregate (Partial Aggregate) and agree with serial
CREATE TABLE par AS SELECT i, i * 0.001 + pg_temp.rnd(51, i) AS x, 2 * i * 0.001 + pg_temp.rnd(52, i) AS y FROM generate_series(1, 200000) i;
ANALYZE par;
SET parallel_setup_cost = 0;
SET parallel_tuple_cost = 0;
SET min_parallel_table_scan_size = 0;
SET max_parallel_workers_per_gather = 2;
CREATE TEMP TABLE plan_lines (line text);
DO $$
DECLARE l text;
BEGIN
    FOR l IN EXPLAIN (COSTS OFF) SELECT kpi.trend(y, x) FROM par LOOP
        INSERT INTO plan_lines VALUES (l);
    END LOOP;
END $$;
SELECT trim(line) AS plan FROM plan_lines;
CREATE TEMP TABLE par_result AS SELECT kpi.trend(y, x) AS t FROM par;
RESET parallel_setup_cost;
RESET parallel_tuple_cost;
RESET min_parallel_table_scan_size;
SET max_parallel_workers_per_gather = 0;
SELECT kpi.n(p.t) = kpi.n(s.t) AS n_ok,
       pg_temp.close(kpi.slope(p.t), kpi.slope(s.t), 1e-12) AS slope_ok,
       pg_temp.close(kpi.intercept(p.t), kpi.intercept(s.t), 1e-10) AS intercept_ok,
       pg_temp.close(kpi.r2(p.t), kpi.r2(s.t), 1e-12) AS r2_ok
FROM par_result p, (SELECT kpi.trend(y, x) AS t FROM par) s;
RESET max_parallel_workers_per_gather;
DROP TABLE par;

-- text round trips are exact whatever extra_float_digits is
CREATE TEMP TABLE states AS
SELECT g::text AS name, kpi.trend(y, x) AS t FROM pts GROUP BY g
UNION ALL SELECT 'date', kpi.trend(y, d) FROM tpts
UNION ALL SELECT 'timestamptz', kpi.trend(y, ts) FROM tpts
UNION ALL SELECT 'empty', kpi.trend(y, x) FROM pts WHERE false
UNION ALL SELECT 'one', kpi.trend(0.1, 1e-300);
SET extra_float_digits = 0;
CREATE TEMP TABLE text0 AS SELECT name, t::text AS s FROM states;
SET extra_float_digits = 3;
CREATE TEMP TABLE text3 AS SELECT name, t::text AS s FROM states;
SET extra_float_digits = 0;
SELECT s.name, t0.s = t3.s AS same_text,
       t0.s::kpi.trend::text = t0.s AS round_trip,
       kpi.slope(t0.s::kpi.trend) IS NOT DISTINCT FROM kpi.slope(s.t) AS slope_bits,
       kpi.intercept(t0.s::kpi.trend) IS NOT DISTINCT FROM kpi.intercept(s.t) AS intercept_bits,
       kpi.r2(t0.s::kpi.trend) IS NOT DISTINCT FROM kpi.r2(s.t) AS r2_bits
FROM states s JOIN text0 t0 USING (name) JOIN text3 t3 USING (name)
ORDER BY s.name;
RESET extra_float_digits;

-- the text form
SELECT kpi.trend(y, x) FROM (VALUES (1, 2.0), (2, 4.0), (4, 6.0)) v(x, y);
SELECT kpi.trend(y, d) FROM (VALUES (DATE '2024-04-30', 10.0), (DATE '2024-05-31', 20.0)) v(d, y);
SELECT ' ( float8 , n = 2 , x0 = 1 , y0 = 2 , xmax = 1 , mx = 0.5 , my = 0.5 , sxx = 0.5 , syy = 0.5 , sxy = 0.5 ) '::kpi.trend;

-- binary COPY round trip
SELECT '/tmp/kpi_trend_copy_' || pg_backend_pid() || '.bin' AS copy_file \gset
CREATE TEMP TABLE bin_in (name text, t kpi.trend);
COPY (SELECT name, t FROM states) TO :'copy_file' WITH (FORMAT binary);
COPY bin_in FROM :'copy_file' WITH (FORMAT binary);
SELECT s.name, b.t::text = s.t::text AS same
FROM states s JOIN bin_in b USING (name) ORDER BY s.name;
