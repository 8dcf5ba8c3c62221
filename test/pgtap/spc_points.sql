-- kpi.xmr_points: every error with its SQLSTATE (the same checks as kpi.xmr's)
BEGIN;
SET search_path = public, kpi;
SELECT plan(12);

CREATE TEMP TABLE p AS SELECT kpi.series((i % 3)::float8, i::float8) AS s FROM generate_series(1, 10) i;

SELECT throws_ok($$SELECT * FROM p, kpi.xmr_points(p.s, 'sideways')$$, '22023', NULL, 'points: bad polarity');
SELECT throws_ok($$SELECT * FROM p, kpi.xmr_points(p.s, NULL)$$, '22004', 'polarity must not be NULL', 'points: NULL polarity');
SELECT throws_ok($$SELECT * FROM p, kpi.xmr_points(p.s, 'higher', centre => 'mode')$$, '22023', 'invalid centre "mode"', 'points: bad centre');
SELECT throws_ok($$SELECT * FROM p, kpi.xmr_points(p.s, 'higher', screening => 'some')$$, '22023', 'invalid moving-range screening "some"', 'points: bad screening');
SELECT throws_ok($$SELECT * FROM p, kpi.xmr_points(p.s, 'higher', conflict => 'both')$$, '22023', 'invalid conflict rule "both"', 'points: bad conflict');
SELECT throws_ok($$SELECT * FROM p, kpi.xmr_points(p.s, 'higher', shift_n => 1)$$, '22023', 'shift_n must be between 2 and 100, not 1', 'points: shift_n too small');
SELECT throws_ok($$SELECT * FROM p, kpi.xmr_points(p.s, 'higher', trend_n => 101)$$, '22023', 'trend_n must be between 2 and 100, not 101', 'points: trend_n too large');
SELECT throws_ok($$SELECT * FROM p, kpi.xmr_points(p.s, 'higher', baseline => 1)$$, '22023', 'baseline must be at least 2 points, not 1', 'points: baseline of 1');
SELECT throws_ok($$SELECT * FROM p, kpi.xmr_points(p.s, 'higher', rebase => ARRAY[3], baseline => 4)$$, '22023',
                 'rebase period 3 falls inside the baseline', 'points: rebase inside the baseline');
SELECT throws_ok($$SELECT * FROM p, kpi.xmr_points(p.s, 'higher', rebase => ARRAY['x'])$$, '22P02', NULL, 'points: a rebase that is not a period');
-- the series aggregate refuses a period twice before the chart sees it
SELECT throws_ok($$SELECT * FROM kpi.xmr_points((SELECT kpi.series(v, 1.0) FROM (VALUES (1.0), (2.0)) t(v)), 'higher')$$, '21000',
                 NULL, 'points: a period twice');
-- the lines beyond the float8 range are an error, not infinities
SELECT throws_ok($$SELECT * FROM kpi.xmr_points('float8{1=-1e308,2=1e308}', 'higher')$$, '22003', 'value out of range: overflow', 'points: the moving range overflows');

SELECT * FROM finish();
ROLLBACK;
