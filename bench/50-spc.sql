-- bench/50-spc.sql — XmR charts with Making Data Count's four rules and
-- icons: kpi against the same rules written as plain window-function SQL
-- (shipped here, and checked to give the same answers), side by side in
-- one run (best of 3, serial plans).
--
--   1. per point, 8,000 series × 36 months: centre, limits, the four rules,
--      special cause and improvement/concern (kpi.xmr OVER (PARTITION BY k))
--   2. the board: the variation and assurance icons per series
--      (kpi.xmr_summary over kpi.series, GROUP BY k)
--      and the same points from kpi.xmr_points over kpi.series (GROUP BY k,
--      then LATERAL: no window partitions for PostgreSQL to sort and spool)
--   3. linearity: kpi per point over 8,000 series × 360 months
--
-- Aims: kpi at least 10x faster than the plain SQL; 36 -> 360 points per
-- series costs kpi at most 12x more.
\set ON_ERROR_STOP on
SET client_min_messages = notice;
SET max_parallel_workers_per_gather = 0;
SET jit = off;
SET work_mem = '512MB';

DROP TABLE IF EXISTS bench_spc, bench_spc_long;
SELECT setseed(0.25);
-- a level per series, a step change in a third of them, noise at full
-- float8 precision (so no value ties a centre or a limit: the plain SQL's
-- float8 arithmetic and kpi's exact decisions agree)
CREATE TABLE bench_spc AS
SELECT k, (DATE '2022-01-01' + make_interval(months => j - 1))::date AS m,
       50 + k % 17 + CASE WHEN k % 3 = 0 AND j > 24 THEN 4 ELSE 0 END
          + CASE WHEN k % 5 = 0 THEN j * 0.3 ELSE 0 END + 6 * random() AS v,
       55 + k % 11 AS target
FROM generate_series(1, 8000) k, generate_series(1, 36) j;
CREATE TABLE bench_spc_long AS
SELECT k, (DATE '1995-01-01' + make_interval(months => j - 1))::date AS m,
       50 + k % 17 + CASE WHEN k % 3 = 0 AND j > 240 THEN 4 ELSE 0 END + 6 * random() AS v
FROM generate_series(1, 8000) k, generate_series(1, 360) j;
-- keyed as a KPI table is (indicator, month): both sides may use the index
ALTER TABLE bench_spc ADD PRIMARY KEY (k, m);
ALTER TABLE bench_spc_long ADD PRIMARY KEY (k, m);
VACUUM ANALYZE bench_spc;
VACUUM ANALYZE bench_spc_long;

-- The plain SQL: one partition per series, mean centre, no screening, MDC's
-- rules (shift 7 on one side of the mean; trend 7 points, 6 strict steps;
-- two of three in the band (2σ, limit] with all three on that side),
-- polarity 'higher' (improvement wins a conflict), the variation icon from
-- the last point and the assurance icon from the target (on a limit: pass
-- or fail).
CREATE VIEW pg_temp.plain_points AS
WITH base AS (
    SELECT k, m, v, row_number() OVER w AS rn, v - lag(v) OVER w AS d
    FROM bench_spc WINDOW w AS (PARTITION BY k ORDER BY m)
), lim AS (
    SELECT k, avg(v) AS centre, avg(abs(d)) AS mrbar FROM base GROUP BY k
), pts AS (
    SELECT b.k, b.m, b.v, b.rn, l.centre,
           l.centre + 2.66 * l.mrbar AS upl, l.centre - 2.66 * l.mrbar AS lpl,
           l.centre + 2.66 * 2 / 3 * l.mrbar AS u2, l.centre - 2.66 * 2 / 3 * l.mrbar AS l2,
           sign(b.v - l.centre) AS side, coalesce(sign(b.d), 0) AS dir
    FROM base b JOIN lim l USING (k)
), islands AS (
    SELECT *, rn - row_number() OVER (PARTITION BY k, side ORDER BY rn) AS sgrp,
              rn - row_number() OVER (PARTITION BY k, dir ORDER BY rn) AS tgrp,
              (v > u2 AND v <= upl) AS bh, (v < l2 AND v >= lpl) AS bl
    FROM pts
), lengths AS (
    SELECT *, count(*) OVER (PARTITION BY k, side, sgrp) AS slen,
              count(*) OVER (PARTITION BY k, dir, tgrp) AS tlen
    FROM islands
), windows AS (
    SELECT *,
           lead(dir) OVER w AS next_dir, lead(tlen) OVER w AS next_tlen,
           (count(*) OVER w3 = 3 AND min(side) OVER w3 = 1 AND count(*) FILTER (WHERE bh) OVER w3 >= 2) AS win_hi,
           (count(*) OVER w3 = 3 AND max(side) OVER w3 = -1 AND count(*) FILTER (WHERE bl) OVER w3 >= 2) AS win_lo
    FROM lengths
    WINDOW w AS (PARTITION BY k ORDER BY rn),
           w3 AS (PARTITION BY k ORDER BY rn ROWS BETWEEN CURRENT ROW AND 2 FOLLOWING)
), rules AS (
    SELECT k, m, v, rn, centre, upl, lpl,
           v > upl AS astro_hi, v < lpl AS astro_lo,
           side = 1 AND slen >= 7 AS shift_hi, side = -1 AND slen >= 7 AS shift_lo,
           (dir = 1 AND tlen >= 6) OR (next_dir = 1 AND next_tlen >= 6) AS trend_up,
           (dir = -1 AND tlen >= 6) OR (next_dir = -1 AND next_tlen >= 6) AS trend_down,
           bh AND (win_hi OR coalesce(lag(win_hi) OVER w, false) OR coalesce(lag(win_hi, 2) OVER w, false)) AS two3_hi,
           bl AND (win_lo OR coalesce(lag(win_lo) OVER w, false) OR coalesce(lag(win_lo, 2) OVER w, false)) AS two3_lo
    FROM windows
    WINDOW w AS (PARTITION BY k ORDER BY rn)
)
SELECT k, m, v, rn, centre, upl, lpl,
       astro_hi OR astro_lo AS beyond_limits, shift_hi OR shift_lo AS shift,
       trend_up OR trend_down AS trend, two3_hi OR two3_lo AS two_of_three,
       CASE WHEN astro_hi OR shift_hi OR trend_up OR two3_hi THEN 'improvement'
            WHEN astro_lo OR shift_lo OR trend_down OR two3_lo THEN 'concern'
            ELSE 'common_cause' END AS variation
FROM rules;

CREATE VIEW pg_temp.plain_board AS
SELECT DISTINCT ON (p.k) p.k,
       CASE p.variation WHEN 'improvement' THEN 'improvement_high' WHEN 'concern' THEN 'concern_low'
            ELSE 'common_cause' END AS variation,
       CASE WHEN t.target <= p.lpl THEN 'pass' WHEN t.target >= p.upl THEN 'fail' ELSE 'hit_or_miss' END AS assurance
FROM pg_temp.plain_points p JOIN (SELECT DISTINCT k, target FROM bench_spc) t USING (k)
ORDER BY p.k, p.rn DESC;

CREATE VIEW pg_temp.kpi_points AS
SELECT k, m, v, (x).centre, (x).upper_limit AS upl, (x).lower_limit AS lpl, (x).beyond_limits, (x).shift,
       (x).trend, (x).two_of_three, (x).variation
FROM (SELECT k, m, v, kpi.xmr(v, m, 'higher') OVER (PARTITION BY k) AS x FROM bench_spc) s;

CREATE VIEW pg_temp.kpi_series_points AS
SELECT i.k, p.period::date AS m, p.value AS v, p.centre, p.upper_limit AS upl, p.lower_limit AS lpl, p.beyond_limits,
       p.shift, p.trend, p.two_of_three, p.variation
FROM (SELECT k, kpi.series(v, m) AS s FROM bench_spc GROUP BY k) i, LATERAL kpi.xmr_points(i.s, 'higher') p;

CREATE VIEW pg_temp.kpi_board AS
SELECT k, (b).variation, (b).assurance
FROM (SELECT k, kpi.xmr_summary(kpi.series(v, m), 'higher', target) AS b FROM bench_spc GROUP BY k, target) s;

-- the same answers: every point's rules and variation, and every icon
DO $$
DECLARE
    n_points bigint;
    n_diff bigint;
    n_board bigint;
    n_bdiff bigint;
    n_special bigint;
    n_spoints bigint;
    n_sdiff bigint;
BEGIN
    SELECT count(*), count(*) FILTER (WHERE p.k IS NULL OR q.k IS NULL
               OR p.beyond_limits <> q.beyond_limits OR p.shift <> q.shift OR p.trend <> q.trend
               OR p.two_of_three <> q.two_of_three OR p.variation <> q.variation
               OR abs(p.centre - q.centre) > 1e-9 OR abs(p.upl - q.upl) > 1e-9 OR abs(p.lpl - q.lpl) > 1e-9),
           count(*) FILTER (WHERE q.variation <> 'common_cause')
      INTO n_points, n_diff, n_special
    FROM pg_temp.plain_points p FULL JOIN pg_temp.kpi_points q USING (k, m);
    -- kpi.xmr_points against kpi.xmr: every column the same (not just close)
    SELECT count(*), count(*) FILTER (WHERE p.k IS NULL OR q.k IS NULL OR row(p.*) IS DISTINCT FROM row(q.*))
      INTO n_spoints, n_sdiff
    FROM pg_temp.kpi_points p FULL JOIN pg_temp.kpi_series_points q USING (k, m);
    SELECT count(*), count(*) FILTER (WHERE p.k IS NULL OR q.k IS NULL OR p.variation <> q.variation OR p.assurance <> q.assurance)
      INTO n_board, n_bdiff
    FROM pg_temp.plain_board p FULL JOIN pg_temp.kpi_board q USING (k);
    RAISE NOTICE 'checked: % points (% special cause), % differ; % series icons, % differ; kpi.xmr_points: % points, % differ from kpi.xmr',
        n_points, n_special, n_diff, n_board, n_bdiff, n_spoints, n_sdiff;
    IF n_diff > 0 OR n_bdiff > 0 OR n_sdiff > 0 OR n_points <> 288000 OR n_board <> 8000 OR n_spoints <> 288000 THEN
        RAISE EXCEPTION 'kpi and the plain SQL disagree';
    END IF;
END $$;

CREATE FUNCTION pg_temp.best_of_3(q text) RETURNS float8 LANGUAGE plpgsql AS $$
DECLARE
    best float8 := 'Infinity';
    t0 timestamptz;
BEGIN
    FOR r IN 1..3 LOOP
        t0 := clock_timestamp();
        EXECUTE q;
        best := least(best, extract(epoch FROM clock_timestamp() - t0)::float8 * 1000);
    END LOOP;
    RETURN best;
END $$;

DO $$
DECLARE
    t_sql float8;
    t_kpi float8;
    t_sql_b float8;
    t_kpi_b float8;
    t_long float8;
    t_long_b float8;
    t_srf float8;
    t_srf_long float8;
    t_agg float8;
    t_agg_long float8;
    consume constant text := 'SELECT count(*) FILTER (WHERE beyond_limits OR shift OR trend OR two_of_three), count(*) FILTER (WHERE variation = ''improvement'') FROM ';
BEGIN
    t_sql := pg_temp.best_of_3(consume || 'pg_temp.plain_points');
    t_kpi := pg_temp.best_of_3(consume || 'pg_temp.kpi_points');
    t_srf := pg_temp.best_of_3(consume || 'pg_temp.kpi_series_points');
    t_sql_b := pg_temp.best_of_3('SELECT count(*) FILTER (WHERE variation = ''improvement_high''), count(*) FILTER (WHERE assurance = ''pass'') FROM pg_temp.plain_board');
    t_kpi_b := pg_temp.best_of_3('SELECT count(*) FILTER (WHERE variation = ''improvement_high''), count(*) FILTER (WHERE assurance = ''pass'') FROM pg_temp.kpi_board');
    t_long := pg_temp.best_of_3($q$SELECT count(*) FILTER (WHERE (x).special_cause) FROM
                                   (SELECT kpi.xmr(v, m, 'higher') OVER (PARTITION BY k) AS x FROM bench_spc_long) s$q$);
    t_long_b := pg_temp.best_of_3($q$SELECT count(*) FILTER (WHERE (b).special_cause) FROM
                                     (SELECT kpi.xmr_summary(kpi.series(v, m), 'higher') AS b FROM bench_spc_long GROUP BY k) s$q$);
    t_srf_long := pg_temp.best_of_3($q$SELECT count(*) FILTER (WHERE p.special_cause) FROM
                                       (SELECT k, kpi.series(v, m) AS s FROM bench_spc_long GROUP BY k) i,
                                       LATERAL kpi.xmr_points(i.s, 'higher') p$q$);
    -- a reference for the scaling: PostgreSQL's own per-series aggregate
    -- over the same two tables (their rows arrive period by period, so every
    -- row touches another series' state: 8,000 states of 360 points no
    -- longer fit the CPU caches that 8,000 of 36 do)
    t_agg := pg_temp.best_of_3('SELECT sum(cardinality(a)) FROM (SELECT array_agg(v) AS a FROM bench_spc GROUP BY k) s');
    t_agg_long := pg_temp.best_of_3('SELECT sum(cardinality(a)) FROM (SELECT array_agg(v) AS a FROM bench_spc_long GROUP BY k) s');
    RAISE NOTICE 'XmR with the four rules and icons, 8,000 series';
    RAISE NOTICE '  %', rpad('query', 46) || lpad('SQL ms', 10) || lpad('kpi ms', 10) || lpad('SQL/kpi', 9);
    RAISE NOTICE '  %', rpad('per point, 36 months (288,000 rows)', 46) || lpad(round(t_sql::numeric, 1)::text, 10)
                        || lpad(round(t_kpi::numeric, 1)::text, 10) || lpad(round((t_sql / t_kpi)::numeric, 1)::text, 9);
    RAISE NOTICE '  %', rpad('  the same from kpi.xmr_points(kpi.series)', 46) || lpad(round(t_sql::numeric, 1)::text, 10)
                        || lpad(round(t_srf::numeric, 1)::text, 10) || lpad(round((t_sql / t_srf)::numeric, 1)::text, 9);
    RAISE NOTICE '  %', rpad('board icons, 36 months (8,000 rows)', 46) || lpad(round(t_sql_b::numeric, 1)::text, 10)
                        || lpad(round(t_kpi_b::numeric, 1)::text, 10) || lpad(round((t_sql_b / t_kpi_b)::numeric, 1)::text, 9);
    RAISE NOTICE '  %', rpad('kpi per point, 360 months (2,880,000 rows)', 46) || lpad('', 10)
                        || lpad(round(t_long::numeric, 1)::text, 10)
                        || '   ' || round((t_long / t_kpi)::numeric, 1)::text || 'x the 36-month cost (aim <= 12x)';
    RAISE NOTICE '  %', rpad('kpi.xmr_points, 360 months (2,880,000 rows)', 46) || lpad('', 10)
                        || lpad(round(t_srf_long::numeric, 1)::text, 10)
                        || '   ' || round((t_srf_long / t_srf)::numeric, 1)::text || 'x the 36-month cost (aim <= 12x)';
    RAISE NOTICE '  %', rpad('kpi board icons, 360 months (8,000 rows)', 46) || lpad('', 10)
                        || lpad(round(t_long_b::numeric, 1)::text, 10)
                        || '   ' || round((t_long_b / t_kpi_b)::numeric, 1)::text || 'x the 36-month cost (aim <= 12x)';
    RAISE NOTICE '  %', rpad('reference, no kpi: array_agg(v) GROUP BY k', 46) || lpad('', 10)
                        || lpad(round(t_agg_long::numeric, 1)::text, 10)
                        || '   ' || round((t_agg_long / t_agg)::numeric, 1)::text || 'x the 36-month cost (PostgreSQL alone)';
END $$;

DROP TABLE bench_spc, bench_spc_long CASCADE;
