-- Sparklines: ▁▂▃▄▅▆▇█ scaled min..max, a space for NULL.
SET search_path = public, kpi;

-- 1..8 uses every bar once
SELECT kpi.sparkline(v ORDER BY v) FROM generate_series(1, 8) v;
SELECT kpi.sparkline(v ORDER BY v DESC) FROM generate_series(1, 8) v;
-- bar = round((v - min)/(max - min) * 7), halves to even:
--   0 → 0 ▁, 10 → 7 █, 5 → 3.5 → 4 ▅, 2.5 → 1.75 → 2 ▃, 7.5 → 5.25 → 5 ▆
SELECT kpi.sparkline(v ORDER BY i)
FROM (VALUES (1, 0.0), (2, 10.0), (3, 5.0), (4, 2.5), (5, 7.5)) t(i, v);
-- NULLs are gaps
SELECT '[' || kpi.sparkline(v ORDER BY i) || ']' AS with_gaps
FROM (VALUES (1, 1.0), (2, NULL), (3, 3.0), (4, NULL), (5, 2.0)) t(i, v);
-- a constant series is a flat line at mid height
SELECT kpi.sparkline(5.0) FROM generate_series(1, 4);
-- one point, all NULL, no rows
SELECT kpi.sparkline(42.0);
SELECT '[' || kpi.sparkline(NULL::float8) || ']' AS all_null FROM generate_series(1, 3);
SELECT kpi.sparkline(v) IS NULL AS no_rows FROM generate_series(1, 3) v WHERE false;
-- huge ranges do not overflow
SELECT kpi.sparkline(v ORDER BY i) FROM (VALUES (1, -1.7e308), (2, 0.0), (3, 1.7e308)) t(i, v);
-- nor do tiny ones: a range of one subnormal step still spans ▁..█
--   {0, 5e-324}: ratios 0, 1 → ▁█;  {5e-324, 1e-323, 1.5e-323}: 0, 0.5, 1 → bars 0, 3.5 → 4, 7 → ▁▅█
SELECT kpi.sparkline(ARRAY[0, 5e-324]::float8[]) AS subnormal_2,
       kpi.sparkline(ARRAY[5e-324, 1e-323, 1.5e-323]::float8[]) AS subnormal_3;
-- one sparkline per KPI, and a growing sparkline as a window function
SELECT k, kpi.sparkline(v ORDER BY m) FROM (VALUES ('a', 1, 3.0), ('a', 2, 1.0), ('a', 3, 2.0),
                                                  ('b', 1, 10.0), ('b', 2, 20.0)) t(k, m, v)
GROUP BY k ORDER BY k;
SELECT m, kpi.sparkline(v) OVER (ORDER BY m) FROM (VALUES (1, 3.0), (2, 1.0), (3, 2.0)) t(m, v);
-- the array form
SELECT kpi.sparkline(ARRAY[1, 2, NULL, 8, 5]::float8[]), kpi.sparkline('{}'::float8[]) = '' AS empty;
