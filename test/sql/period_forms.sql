-- kpi.sparkline and kpi.recent_trend by period: equal to the ordered forms
-- written with ORDER BY period, whatever the row order or the window's
-- ORDER BY; splittable (halves combine, parallel equals serial).
SET search_path = public, kpi;

CREATE TABLE pf AS
SELECT k, (DATE '2019-01-01' + make_interval(months => j))::date AS m,
       CASE WHEN j % 11 = 5 THEN NULL ELSE round((k * 3 + j * (k % 3 - 1) + 5 * sin(j * k))::numeric, 2)::float8 END AS v,
       (800 + 30 * j * (k % 3 - 1) + k)::float8 AS events, 2000::float8 AS denom
FROM generate_series(1, 30) k, generate_series(1, 24) j;

-- the sparkline: the same bars as the ordered form, and the same from a series
SELECT count(*) AS series,
       count(*) FILTER (WHERE a = b AND b = c AND c = d) AS same
FROM (SELECT k, kpi.sparkline(v, m) AS a, kpi.sparkline(v ORDER BY m) AS b,
             kpi.sparkline(v, m ORDER BY m DESC) AS c, kpi.sparkline(kpi.series(v, m)) AS d
      FROM pf GROUP BY k) s;
SELECT kpi.sparkline(v, m) FROM pf WHERE k = 4;
-- numeric and time periods
SELECT kpi.sparkline(v, y) FROM (VALUES (3, 2021), (1, 2019), (2, 2020)) t(v, y);
SELECT kpi.sparkline(v, t) FROM (VALUES (3, TIMESTAMPTZ '2024-01-03'), (1, '2024-01-01'), (NULL, '2024-01-02')) x(v, t);
-- as a window function, the bars are in period order whatever the window's
-- order; the ordered form follows the window's order (here reversed)
SELECT m, kpi.sparkline(v, m) OVER w AS by_period, kpi.sparkline(v) OVER w AS window_order
FROM pf WHERE k = 2 AND m <= '2019-06-01'
WINDOW w AS (ORDER BY m DESC ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING)
ORDER BY m;

CREATE AGGREGATE pg_temp.rt_partial(float8, float8, float8, date) (SFUNC = kpi.recent_trend_period_accum, STYPE = kpi.state, INITCOND = '{}');
CREATE FUNCTION pg_temp.part(lo int, hi int) RETURNS kpi.state LANGUAGE sql AS
$$ SELECT pg_temp.rt_partial(v, v - 1, v + 1, m) FROM pf WHERE k = 5 AND v IS NOT NULL AND extract(month FROM age(m, DATE '2019-01-01'))::int + 12 * extract(year FROM age(m, DATE '2019-01-01'))::int BETWEEN lo AND hi $$;
-- the recent trend: value, lower, upper (the weighted form) and events, denominator
SELECT count(*) AS series,
       count(*) FILTER (WHERE a = b AND a = c) AS same,
       string_agg(DISTINCT a, ', ') AS answers
FROM (SELECT k, kpi.recent_trend(v, v - 1, v + 1, m) AS a, kpi.recent_trend(v, v - 1, v + 1 ORDER BY m) AS b,
             kpi.recent_trend(v, v - 1, v + 1, m ORDER BY m DESC) AS c
      FROM pf WHERE v IS NOT NULL GROUP BY k) s;
SELECT count(*) AS series,
       count(*) FILTER (WHERE a = b AND a = c) AS same,
       string_agg(DISTINCT a, ', ') AS answers
FROM (SELECT k, kpi.recent_trend(events, denom, m) AS a, kpi.recent_trend(events, denom ORDER BY m) AS b,
             kpi.recent_trend(events, denom, m::timestamptz ORDER BY random()) AS c
      FROM pf GROUP BY k) s;
-- the ordered form reverses when ORDER BY is reversed; the period form does not
SELECT kpi.recent_trend(v, v - 1, v + 1 ORDER BY m DESC) AS ordered_desc, kpi.recent_trend(v, v - 1, v + 1, m ORDER BY m DESC) AS by_period
FROM pf WHERE k = 3 AND v IS NOT NULL;
-- numeric periods (the weighted form)
SELECT kpi.recent_trend(v, v - 1, v + 1, y) FROM (SELECT y, y * 2.0 AS v FROM generate_series(2015, 2022) y) s;

-- split: the halves of a series combine (kpi.state_cat) to the whole
SELECT kpi.recent_trend_period_final_date(kpi.state_cat(a, b)) = w AS halves
FROM (SELECT pg_temp.part(1, 12) AS a, pg_temp.part(13, 24) AS b) h,
     (SELECT kpi.recent_trend(v, v - 1, v + 1, m) AS w FROM pf WHERE k = 5 AND v IS NOT NULL) whole;
-- parallel plans split the aggregates and agree with serial ones
SET parallel_setup_cost = 0;
SET parallel_tuple_cost = 0;
SET min_parallel_table_scan_size = 0;
SET max_parallel_workers_per_gather = 2;
CREATE TEMP TABLE plan_lines (line text);
DO $$
DECLARE l text;
BEGIN
    FOR l IN EXPLAIN (COSTS OFF) SELECT kpi.sparkline(v, m), kpi.recent_trend(events, denom, m) FROM pf LOOP
        INSERT INTO plan_lines VALUES (l);
    END LOOP;
END $$;
SELECT trim(line) AS plan FROM plan_lines;
CREATE TEMP TABLE par AS SELECT kpi.sparkline(v, m) AS s, kpi.recent_trend(events, denom, m) AS r FROM pf WHERE k = 7;
RESET parallel_setup_cost;
RESET parallel_tuple_cost;
RESET min_parallel_table_scan_size;
SET max_parallel_workers_per_gather = 0;
SELECT p.s = q.s AS sparkline_same, p.r = q.r AS trend_same
FROM par p, (SELECT kpi.sparkline(v, m) AS s, kpi.recent_trend(events, denom, m) AS r FROM pf WHERE k = 7) q;
RESET max_parallel_workers_per_gather;
DROP TABLE pf;
