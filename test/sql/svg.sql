-- Charts as SVG: exact bytes of small charts, with the coordinates derived
-- by hand from the scaling formulas (README, "Charts as SVG"):
--   x(p) = x0 + (p - pmin) / (pmax - pmin) * (x1 - x0)
--   y(v) = y1 - (v - vmin) / (vmax - vmin) * (y1 - y0)
-- a sparkline's plot area is [2, width - 2] x [2, height - 2]; a full
-- chart's is [48, width - 8] x [22, height - 22].
SET search_path = public, kpi;
\pset tuples_only on
\pset format unaligned

-- 1. sparkline 120 x 24 of 1, 3, 2 at periods 1, 2, 3: x0 = 2, x1 = 118,
--    y0 = 2, y1 = 22; x = 2 + (p - 1)/2 * 116 -> 2, 60, 118;
--    y = 22 - (v - 1)/2 * 20 -> 22, 2, 12.  The latest point is a dot.
SELECT kpi.svg_sparkline('float8{1=1,2=3,3=2}');
-- the rows in any order give the same bytes (the aggregate orders by period)
SELECT kpi.svg_sparkline(v, p) FROM (VALUES (3, 2), (1, 1), (2, 3)) t(p, v);

-- 2. gaps: a ghosted point breaks the line, so does a missing period.
--    float8{1=1,2=2,4=3}: steps 1, 2, median 1; 2 > 1.5 x 1: a break
--    before period 4, which stands alone and gets a dot.  x = 2 + (p-1)/3 * 116
--    -> 2, 40.67, 118; y = 22 - (v-1)/2 * 20 -> 22, 12, 2.
SELECT kpi.svg_sparkline('float8{1=1,2=2,4=3}');
--    float8{1=1,2=NULL,3=3}: no line at all (two lone points, two dots):
--    x -> 2, 118; y -> 22, 2
SELECT kpi.svg_sparkline('float8{1=1,2=NULL,3=3}');

-- 3. LTTB: five points down to three keeps the first, the last and, of the
--    three between, the one with the largest triangle to them: 3=5.
--    vmin 0, vmax 5 (every value, before downsampling): x 2, 60, 118;
--    y 22, 2, 22.
SELECT kpi.svg_sparkline('float8{1=0,2=1,3=5,4=2,5=0}', max_points => 3);

-- 4. line chart 100 x 80 of 0, 10, (ghosted), 5 at periods 0, 1, 2, 4 with
--    target 8: plot [48, 92] x [22, 58]; x = 48 + p/4 * 44 -> 48, 59, 92;
--    values and target span 0..10: y = 58 - v/10 * 36 -> 58, 22, 40; the
--    target at 58 - 0.8 * 36 = 29.2 (label 3 px above, at 26.2).  Labels:
--    value decimals 2 - floor(log10(10)) = 1, trailing zeros dropped.
SELECT kpi.svg_line('float8{0=0,1=10,2=NULL,4=5}', target => 8, width => 100, height => 80);

-- 5. one period: the middle of the plot; one value: a range of v - 1 .. v + 1
--    (sparkline 20 x 10: x = (2 + 18)/2 = 10, y = 8 - (5 - 4)/2 * 6 = 5)
SELECT kpi.svg_sparkline('date{2024-01-01=5}', width => 20, height => 10);
-- an empty series: a titled, empty chart
SELECT kpi.svg_sparkline('float8{}', width => 20, height => 10);

-- 6. the icons
SELECT kpi.svg_variation_icon('common_cause');
SELECT kpi.svg_assurance_icon('pass', 24, 'Reviews');

-- 7. escaping, in the title and the heading
SELECT kpi.svg_sparkline('float8{1=1}', 20, 10, '<script>"&''x</script> é');

-- 8. line chart 100 x 80 with the reference lines: series 2, 6 at periods
--    0, 2; trajectory 0 at 0 to 8 at 4; national 9, peer 1.  Periods span
--    0..4 (the trajectory's too): x = 48 + p/4 * 44 -> 48, 70, 92; values
--    span 0..9: y = 58 - v/9 * 36 = 58 - 4v -> history 50, 34; trajectory
--    58 -> 26; national at 22 (label 19), peer at 54 (label 51).  Value
--    labels: 2 - floor(log10(9)) = 2 decimals, trailing zeros dropped.
SELECT kpi.svg_line('float8{0=2,2=6}', trajectory => 'float8{0=0,4=8}', national_value => 9, peer_value => 1,
                    width => 100, height => 80);

-- 9. forecast chart 100 x 80: history 1, 2, 3 at periods 1..3, forecast
--    4, 5 at 4, 5, interval lower 3, 3.5 and upper 5, 6.5.  x = 48 +
--    (p - 1)/4 * 44 -> 48, 59, 70, 81, 92; values span 1..6.5: y = 58 -
--    (v - 1)/5.5 * 36 -> v 1: 58, 2: 51.45, 3: 44.91, 3.5: 41.64, 4: 38.36,
--    5: 31.82, 6.5: 22.  The band runs along the upper bound and back
--    along the lower (81 31.82, 92 22, 92 41.64, 81 44.91); the forecast
--    is dashed from the last observed point (70 44.91).
SELECT kpi.svg_forecast('float8{1=1,2=2,3=3}', 'float8{4=4,5=5}', 'float8{4=3,5=3.5}', 'float8{4=5,5=6.5}',
                        width => 100, height => 80);

-- 10. LTTB over two buckets: eight points (period: value) 1:0 2:1 3:4 4:2
--     5:3 6:0 7:5 8:0 down to four.  Bucket width (8 - 2)/(4 - 2) = 3:
--     bucket 1 is periods 2..4, bucket 2 periods 5..7.  Bucket 1 against
--     the first point (1, 0) and the mean of bucket 2 (6, 8/3): triangle
--     doubled area |(1 - 6)(v - 0) - (1 - p)(8/3 - 0)| -> 2: 2.33, 3: 14.67,
--     4: 2, so 3:4.  Bucket 2 against (3, 4) and the last point (8, 0):
--     |(3 - 8)(v - 4) - (3 - p)(0 - 4)| -> 5: 3, 6: 8, 7: 21, so 7:5.
--     Kept 1:0 3:4 7:5 8:0; x = 2 + (p - 1)/7 * 116 -> 2, 35.14, 101.43,
--     118; y = 22 - v/5 * 20 -> 22, 6, 2, 22.
SELECT kpi.svg_sparkline('float8{1=0,2=1,3=4,4=2,5=3,6=0,7=5,8=0}', max_points => 4);
