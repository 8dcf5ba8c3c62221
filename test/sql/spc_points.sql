-- kpi.xmr_points(series, ...): the XmR chart of a series, one row per
-- point.  The reference is kpi.xmr (test/sql/spc.sql checks it against the
-- anchors' published expectations): on every chart of that file, with
-- every setting, both forms must give the same rows, column for column.
SET search_path = public, kpi;

-- the charts of test/sql/spc.sql (values at periods 1, 2, ...) and their settings
CREATE TEMP TABLE cases (id int, vals float8[], polarity text, rebase float8[], baseline int,
                         screening text, centre text, conflict text, shift_n int, trend_n int);
INSERT INTO cases VALUES
 (1, '{-0.56047565,-0.23017749,1.55870831,0.07050839,0.12928774,1.71506499,0.46091621,-1.26506123,-0.68685285,-0.44566197,1.22408180,0.35981383,0.40077145,0.11068272,10,1.78691314,0.49785048,-1.96661716,0.70135590,-0.47279141}', 'higher', NULL, NULL, 'nhsr', 'mean', 'improvement', 7, 7),
 (2, '{-0.56047565,-0.23017749,1.55870831,0.07050839,0.12928774,1.71506499,0.46091621,-1.26506123,-0.68685285,-0.44566197,1.22408180,0.35981383,0.40077145,0.11068272,10,1.78691314,0.49785048,-1.96661716,0.70135590,-0.47279141}', 'higher', NULL, NULL, 'none', 'mean', 'improvement', 7, 7),
 (3, '{1,2,3,4,5,6,7,8}', 'higher', NULL, 3, 'none', 'mean', 'improvement', 7, 7),
 (4, '{16,9,4,2,1}', 'higher', NULL, 11, 'none', 'mean', 'improvement', 7, 7),
 (5, '{0.5,1.5,0.5,1.5,0.5,1.5,-0.5,-1.5,-0.5,-1.5,-0.5,-1.5,-0.5,-1.5}', 'higher', NULL, NULL, 'none', 'mean', 'improvement', 6, 7),
 (6, '{5,4,5,4,1,2,3,4,5,6,7,4,5,4,5}', 'higher', NULL, NULL, 'none', 'mean', 'improvement', 7, 7),
 (7, '{5,4,5,4,5,2,3,4,5,6,7,4,5,4,5}', 'higher', NULL, NULL, 'none', 'mean', 'improvement', 7, 6),
 (8, '{5,4,5,4,7,6,5,4,3,2,1,4,5,4,5}', 'lower', NULL, NULL, 'none', 'mean', 'improvement', 7, 7),
 (9, '{0,1,0,1,0,1,0,1,0,1,2.6,2.4,2.6}', 'lower', NULL, NULL, 'none', 'mean', 'improvement', 7, 7),
 (10, '{0.5,1.5,0.5,NULL,1.5,0.5,1.5,0.5,-0.5,-1.5,-0.5,-1.5,-0.5,-1.5,-0.5}', 'higher', NULL, NULL, 'none', 'mean', 'improvement', 7, 7),
 (11, '{10,12,10,12,20,22,20,22}', 'higher', '{-3,4.5,99}', NULL, 'none', 'mean', 'improvement', 7, 7),
 (12, '{10,12,10,12,14,16,14,16}', 'higher', '{5}', 4, 'none', 'mean', 'improvement', 7, 7),
 (13, '{0.5,1.5,0.5,1.5,0.5,1.5,0.5,-0.5,-1.5,-0.5,-1.5,-0.5,-1.5,-0.5}', 'none', NULL, NULL, 'none', 'mean', 'improvement', 7, 7),
 (14, '{10,11,10,11,10,11,10,1,2,3,4,5,6,7}', 'higher', NULL, NULL, 'none', 'mean', 'concern', 7, 7),
 (15, '{0,6.733,0,6.733,0,6.733,0,6.733,0,6.733,36.136}', 'higher', NULL, NULL, 'mdc', 'mean', 'improvement', 7, 7),
 (16, '{0,6.733,0,6.733,0,6.733,0,6.733,0,6.733,36.136,5}', 'higher', NULL, 11, 'nhsr', 'median', 'improvement', 7, 7),
 (17, '{NULL,3,NULL,NULL,4,9,2,NULL}', 'lower', '{5}', NULL, 'none', 'median', 'improvement', 7, 7);

CREATE TEMP TABLE pts AS
SELECT id, i::float8 AS period, v FROM cases, unnest(vals) WITH ORDINALITY u(v, i);

-- kpi.xmr over each case's rows, in a scrambled order
CREATE TEMP VIEW by_window AS
SELECT p.id, p.period::text AS period, p.v AS value, (kpi.xmr(p.v, p.period, c.polarity, c.rebase, c.baseline, c.centre, c.screening,
                                           c.shift_n, c.trend_n, c.conflict) OVER (PARTITION BY p.id ORDER BY md5(p.period::text))).*
FROM pts p JOIN cases c USING (id);

-- kpi.xmr_points over each case's series, built from rows in reverse order
CREATE TEMP VIEW by_series AS
SELECT c.id, x.*
FROM cases c, LATERAL (SELECT kpi.series(v, period ORDER BY period DESC) AS s FROM pts WHERE pts.id = c.id) s,
     LATERAL kpi.xmr_points(s.s, c.polarity, c.rebase, c.baseline, c.centre, c.screening, c.shift_n, c.trend_n, c.conflict) x;

-- per case: the points (the array's length), those that differ in any
-- column (none), the special causes and ghosted points (so the rules and
-- ghosting are exercised, not just agreeing on nothing)
SELECT id, count(*) AS points,
       count(*) FILTER (WHERE w.id IS NULL OR s.id IS NULL OR row(w.*) IS DISTINCT FROM row(s.*)) AS differ,
       count(*) FILTER (WHERE s.special_cause) AS special, count(*) FILTER (WHERE s.ghosted) AS ghosted,
       max(s.partition) AS partitions
FROM by_window w FULL JOIN by_series s USING (id, period)
GROUP BY id ORDER BY id;

-- rows come in period order; date and timestamptz periods as the series
-- writes them (ISO dates, timestamps in UTC, whatever DateStyle and
-- TimeZone say); value NULL when ghosted.  By hand: 2, ghosted, 4, 3 has
-- mean 3 and moving ranges |4 - 2| = 2 (bridging the ghosted point) and
-- |3 - 4| = 1, mean 1.5; limits 3 -+ 2.66 * 1.5 = -0.99 and 6.99
SET DateStyle = 'Postgres, MDY';
SELECT period, value, ghosted, centre, lower_limit, upper_limit, moving_range, variation
FROM kpi.xmr_points('date{2024-03-01=4,2024-01-01=2,2024-02-01=NULL,2024-04-01=3}', 'higher');
SELECT period, value, centre
FROM (SELECT kpi.series(i * 2.0, TIMESTAMPTZ '2024-01-01 00:00+00' + make_interval(days => i)) s FROM generate_series(1, 3) i) t,
     LATERAL kpi.xmr_points(t.s, 'lower') p;

-- the same on a date series as kpi.xmr on date periods, with a rebase given as text
SELECT count(*) AS points, count(*) FILTER (WHERE row(a.*) IS DISTINCT FROM row(b.*)) AS differ
FROM (SELECT to_char(month, 'YYYY-MM-DD') AS period, v AS value, (kpi.xmr(v, month, 'higher', rebase => ARRAY['2024-07-01']) OVER ()).*
      FROM (SELECT (DATE '2024-01-01' + make_interval(months => i))::date AS month, (i * 37 % 13)::float8 AS v
            FROM generate_series(0, 11) i) q) a
FULL JOIN kpi.xmr_points((SELECT kpi.series((i * 37 % 13)::float8, (DATE '2024-01-01' + make_interval(months => i))::date)
                          FROM generate_series(0, 11) i), 'higher', rebase => ARRAY['2024-07-01']) b USING (period);

-- no points: a NULL series and an empty one
SELECT count(*) FROM kpi.xmr_points(NULL, 'higher');
SELECT count(*) FROM kpi.xmr_points('float8{}', 'higher');

-- Thousands of indicators (issue 10 item 4): 3,000 indicators of 24 months,
-- some ghosted months, a quarter stepping up and a quarter down after 16
-- months, each with its own polarity and target (so every variation icon
-- and every assurance icon occurs).  The
-- per-point chart by window (PARTITION BY indicator) and by series
-- (GROUP BY, LATERAL) agree on every point, and the board table (one
-- kpi.xmr_summary row per indicator) agrees with each chart's latest point
-- (the icon is its variation with its side: improvement -> improvement_high
-- or improvement_low)
CREATE TABLE spc_many AS
SELECT k, (DATE '2023-01-01' + make_interval(months => m))::date AS month,
       CASE WHEN (k * 31 + m) % 17 = 0 THEN NULL
            ELSE round((50 + 3 * sin(k * 1.3 + m * 2.1) + CASE WHEN m < 16 THEN 0 WHEN k % 4 = 0 THEN 6 WHEN k % 4 = 1 THEN -6 ELSE 0 END)::numeric, 1)::float8 END AS v,
       (ARRAY['higher', 'lower', 'none'])[1 + k % 3] AS polarity, 20 + k % 61 AS target
FROM generate_series(1, 3000) k, generate_series(0, 23) m;
CREATE TEMP TABLE many_window AS
SELECT k, to_char(month, 'YYYY-MM-DD') AS period, v AS value, (kpi.xmr(v, month, polarity) OVER (PARTITION BY k)).*
FROM spc_many;
CREATE TEMP TABLE many_series AS
SELECT i.k, p.*
FROM (SELECT k, polarity, kpi.series(v, month) AS s FROM spc_many GROUP BY k, polarity) i,
     LATERAL kpi.xmr_points(i.s, i.polarity) p;
SELECT count(DISTINCT k) AS indicators, count(*) AS points,
       count(*) FILTER (WHERE w.k IS NULL OR s.k IS NULL OR row(w.*) IS DISTINCT FROM row(s.*)) AS differ,
       count(*) FILTER (WHERE s.special_cause) > 0 AS some_special, count(*) FILTER (WHERE s.ghosted) > 0 AS some_ghosted
FROM many_window w FULL JOIN many_series s USING (k, period);
CREATE TEMP TABLE board AS
SELECT k, (kpi.xmr_summary(kpi.series(v, month), polarity, target::float8, min_points => 12)).*
FROM spc_many GROUP BY k, polarity, target;
SELECT count(*) AS indicators,
       count(*) FILTER (WHERE b.latest IS DISTINCT FROM l.value OR b.centre IS DISTINCT FROM l.centre
                        OR b.upper_limit IS DISTINCT FROM l.upper_limit OR b.special_cause IS DISTINCT FROM l.special_cause
                        OR NOT (b.variation = l.variation OR b.variation LIKE l.variation || '\_%')) AS differ,
       count(DISTINCT b.variation) AS variation_icons, count(DISTINCT b.assurance) AS assurance_icons
FROM board b
JOIN (SELECT DISTINCT ON (k) k, value, centre, upper_limit, special_cause, variation
      FROM many_window WHERE NOT ghosted ORDER BY k, period DESC) l USING (k);
-- the board built by a parallel plan (the series aggregate split over
-- workers, Partial and Finalize) equals the serial one
SET parallel_setup_cost = 0;
SET parallel_tuple_cost = 0;
SET min_parallel_table_scan_size = 0;
SET max_parallel_workers_per_gather = 2;
CREATE TEMP TABLE many_plan (line text);
DO $$
DECLARE l text;
BEGIN
    FOR l IN EXPLAIN (COSTS OFF) SELECT k, kpi.xmr_summary(kpi.series(v, month), polarity, target::float8) FROM spc_many GROUP BY k, polarity, target LOOP
        INSERT INTO many_plan VALUES (l);
    END LOOP;
END $$;
SELECT count(*) FILTER (WHERE line LIKE '%Partial%Aggregate%') > 0 AS partial_aggregate, count(*) FILTER (WHERE line LIKE '%Gather%') > 0 AS gather
FROM many_plan;
CREATE TEMP TABLE many_parallel AS
SELECT k, kpi.xmr_summary(kpi.series(v, month), polarity, target::float8) AS s FROM spc_many GROUP BY k, polarity, target;
RESET parallel_setup_cost;
RESET parallel_tuple_cost;
RESET min_parallel_table_scan_size;
SET max_parallel_workers_per_gather = 0;
SELECT count(*) AS indicators, count(*) FILTER (WHERE p.s IS DISTINCT FROM q.s) AS differ
FROM many_parallel p
FULL JOIN (SELECT k, kpi.xmr_summary(kpi.series(v, month ORDER BY month DESC), polarity, target::float8) AS s
           FROM spc_many GROUP BY k, polarity, target) q USING (k);
RESET max_parallel_workers_per_gather;
DROP TABLE spc_many;
