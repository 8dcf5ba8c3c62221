-- Scoring: kpi.rag, kpi.rag_abs, kpi.gap, kpi.travel, kpi.arrow.
-- Expected values are hand calculations (shown in comments) or
-- PostgreSQL's exact numeric arithmetic on the same decimals.

SET search_path = public, kpi;

-- The report's two edge cases: exactly 10% worse is amber.
--   95.26 - 86.6 = 8.66 = 0.10 × 86.6     (lower is better)
--   31 - 27.9    = 3.1  = 0.10 × 31       (higher is better)
-- while naive float8 arithmetic puts both just past the edge:
SELECT kpi.rag(95.26, 86.6, 'lower') AS lower_edge,
       kpi.rag(27.9, 31, 'higher') AS higher_edge,
       95.26::float8 - 86.6::float8 <= 0.10::float8 * 86.6::float8 AS naive_lower,
       31::float8 - 27.9::float8 <= 0.10::float8 * 31::float8 AS naive_higher;

-- hand-worked cases: (actual, target, polarity, tolerance) → expected
SELECT actual, target, polarity, tolerance, expected,
       kpi.rag(actual, target, polarity, tolerance) AS got,
       kpi.rag(actual, target, polarity, tolerance) = expected::kpi.rag AS ok
FROM (VALUES
    (86.6::float8,  86.6::float8, 'lower',  0.10::float8, 'green'),  -- on target
    (86.59,         86.6, 'lower',  0.10, 'green'),  -- better
    (86.61,         86.6, 'lower',  0.10, 'amber'),  -- worse by 0.01 ≤ 8.66
    (95.2600000001, 86.6, 'lower',  0.10, 'red'),    -- worse by 8.6600000001 > 8.66
    (27.9000000001, 31,   'higher', 0.10, 'amber'),  -- worse by 3.0999999999
    (27.8999999999, 31,   'higher', 0.10, 'red'),    -- worse by 3.1000000001
    (105,           100,  'lower',  0.05, 'amber'),  -- 5 = 0.05 × 100
    (105.01,        100,  'lower',  0.05, 'red'),
    (1,             1,    'lower',  0,    'green'),  -- tolerance 0: on target
    (1.0000001,     1,    'lower',  0,    'red'),    -- tolerance 0: any worse is red
    (0,             0,    'lower',  0.10, 'green'),  -- target 0, on target
    (-0.0001,       0,    'lower',  0.10, 'green'),  -- target 0, better
    (0.0001,        0,    'lower',  0.10, 'red'),    -- target 0: no relative band
    (-0.0001,       0,    'higher', 0.10, 'red'),
    (-90,           -100, 'higher', 0.10, 'green'),  -- negative target, better
    (-110,          -100, 'higher', 0.10, 'amber'),  -- 10 = 0.10 × |-100|
    (-110.00001,    -100, 'higher', 0.10, 'red'),
    (-110,          -100, 'lower',  0.10, 'green'),
    (-90,           -100, 'lower',  0.10, 'amber'),
    (150,           100,  'lower',  0.50, 'amber'),  -- 50 = 0.5 × 100
    (300,           100,  'lower',  2,    'amber'),  -- tolerance above 1 is allowed
    (1.1e308,       1e308,  'lower', 0.10, 'amber'), -- 1e307 = 0.1 × 1e308, no overflow
    (-1e308,        1e308,  'lower', 0.10, 'green'),
    (1e308,         -1e308, 'lower', 0.10, 'red'),   -- difference overflows float8
    (1.1e-300,      1e-300, 'lower', 0.10, 'amber'), -- tiny magnitudes
    (1.1000000000000001e-300, 1e-300, 'lower', 0.10, 'red'),
    (5e-324,        0,      'lower', 0.10, 'red')    -- smallest subnormal vs 0
) AS c(actual, target, polarity, tolerance, expected);

-- The edge, systematically: for 10 000 targets t = k/100 the value exactly
-- 10% worse, computed in numeric (exact) and then stored as float8, is
-- amber; one unit in the second decimal further is red.  Also for 5% and
-- 12.5% tolerances, and against an absolute band of 2.
WITH t AS (SELECT k / 100.0 AS target FROM generate_series(1, 10000) AS k)
SELECT count(*) AS targets,
       count(*) FILTER (WHERE kpi.rag(target * 1.10, target, 'lower') = 'amber') AS lower_amber,
       count(*) FILTER (WHERE kpi.rag(target * 0.90, target, 'higher') = 'amber') AS higher_amber,
       count(*) FILTER (WHERE kpi.rag(target * 1.10 + 0.01, target, 'lower') = 'red') AS lower_red,
       count(*) FILTER (WHERE kpi.rag(target * 0.90 - 0.01, target, 'higher') = 'red') AS higher_red,
       count(*) FILTER (WHERE kpi.rag(target * 1.05, target, 'lower', 0.05) = 'amber') AS amber_5pct,
       count(*) FILTER (WHERE kpi.rag(target * 0.875, target, 'up', 0.125) = 'amber') AS amber_12_5pct,
       count(*) FILTER (WHERE kpi.rag_abs(target + 2, target, 'lower', 2) = 'amber') AS abs_amber,
       count(*) FILTER (WHERE kpi.rag_abs(target - 2.01, target, 'higher', 2) = 'red') AS abs_red,
       -- how often the naive float8 rule gets the exact edge wrong
       count(*) FILTER (WHERE (target * 1.10)::float8 - target::float8
                              > 0.10::float8 * target::float8) > 0 AS naive_is_wrong_sometimes
FROM t;

-- rag_abs: an absolute band (percentage points)
SELECT kpi.rag_abs(52, 50, 'lower', 2) AS "52 vs 50 ±2",          -- worse by 2: amber
       kpi.rag_abs(52.01, 50, 'lower', 2) AS "52.01 vs 50 ±2",    -- red
       kpi.rag_abs(48, 50, 'lower', 2) AS "48 vs 50",             -- better: green
       kpi.rag_abs(0.3, 0.1, 'lower', 0.2) AS "0.3 vs 0.1 ±0.2",  -- 0.2 exactly: amber
       kpi.rag_abs(1, 0, 'lower', 1) AS "1 vs 0 ±1";              -- absolute band works at 0

-- polarity spellings, case-insensitive; none is never scored
SELECT p, kpi.rag(2, 1, p) AS "2 vs 1", kpi.gap(2, 1, p) AS gap, kpi.travel(1, 2, p) AS travel
FROM unnest(ARRAY['higher', 'HIGHER', 'higher_is_better', 'Up', 'lower', 'Lower_Is_Better',
                  'down', 'none', 'NONE']) AS p;

-- gap: (actual - target) / |target|, positive is better
SELECT round(kpi.gap(95.26, 86.6, 'lower')::numeric, 12) AS "-8.66/86.6",
       round(kpi.gap(27.9, 31, 'higher')::numeric, 12)   AS "-3.1/31",
       round(kpi.gap(110, 100, 'higher')::numeric, 12)   AS "10/100",
       round(kpi.gap(-90, -100, 'higher')::numeric, 12)  AS "10/|-100|",
       kpi.gap(5, 0, 'lower') AS "target 0";

-- travel and arrow
SELECT previous, latest, kpi.arrow(previous, latest),
       kpi.travel(previous, latest, 'higher') AS higher,
       kpi.travel(previous, latest, 'lower') AS lower,
       kpi.travel(previous, latest, 'none') AS none
FROM (VALUES (94.26, 94.86), (42.10, 38.10), (85, 85), (0, -0.0)) AS v(previous, latest);

-- NULL in, NULL out (STRICT)
SELECT kpi.rag(NULL, 1, 'lower') IS NULL AS a, kpi.rag(1, NULL, 'lower') IS NULL AS b,
       kpi.rag(1, 1, NULL) IS NULL AS c, kpi.rag(1, 1, 'lower', NULL) IS NULL AS d,
       kpi.rag_abs(1, 1, 'lower', NULL) IS NULL AS e, kpi.gap(NULL, 1, 'lower') IS NULL AS f,
       kpi.travel(1, NULL, 'lower') IS NULL AS g, kpi.arrow(NULL, 1) IS NULL AS h;

-- integer and numeric columns are accepted through the implicit casts
SELECT kpi.rag(95::int, 86::bigint, 'lower'), kpi.rag(95.26::numeric, 86.6::numeric, 'lower');

-- errors (SQLSTATEs are checked in test/pgtap/scoring.sql)
\set VERBOSITY terse
SELECT kpi.rag(1, 2, 'sideways');
SELECT kpi.rag(1, 2, '');
SELECT kpi.rag(1, 2, 'lower', -0.1);
SELECT kpi.rag(1, 2, 'lower', 'NaN');
SELECT kpi.rag('NaN', 2, 'lower');
SELECT kpi.rag(1, '-Infinity', 'lower');
SELECT kpi.rag_abs(1, 2, 'lower', 'Infinity');
SELECT kpi.gap('Infinity', 2, 'lower');
SELECT kpi.travel(1, 'NaN', 'up');
SELECT kpi.arrow('NaN', 1);
SELECT kpi.gap(1e308, -1e-10, 'higher');
\set VERBOSITY default
