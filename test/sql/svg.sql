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
