-- kpi.xmr and kpi.xmr_summary: every error with its SQLSTATE, and the
-- behaviour around them.
BEGIN;
SET search_path = public, kpi;
SELECT plan(50);

CREATE TEMP TABLE p AS SELECT i, (i % 3)::float8 AS v FROM generate_series(1, 10) i;

-- settings
SELECT throws_ok($$SELECT kpi.xmr(v, i, 'sideways') OVER () FROM p$$, '22023', NULL, 'xmr: bad polarity');
SELECT throws_ok($$SELECT kpi.xmr(v, i, NULL) OVER () FROM p$$, '22004', 'polarity must not be NULL', 'xmr: NULL polarity');
SELECT throws_ok($$SELECT kpi.xmr(v, i, 'higher', centre => 'mode') OVER () FROM p$$, '22023', 'invalid centre "mode"', 'xmr: bad centre');
SELECT throws_ok($$SELECT kpi.xmr(v, i, 'higher', screening => 'some') OVER () FROM p$$, '22023', 'invalid moving-range screening "some"', 'xmr: bad screening');
SELECT throws_ok($$SELECT kpi.xmr(v, i, 'higher', conflict => 'both') OVER () FROM p$$, '22023', 'invalid conflict rule "both"', 'xmr: bad conflict');
SELECT throws_ok($$SELECT kpi.xmr(v, i, 'higher', shift_n => 1) OVER () FROM p$$, '22023', 'shift_n must be between 2 and 100, not 1', 'xmr: shift_n too small');
SELECT throws_ok($$SELECT kpi.xmr(v, i, 'higher', trend_n => 101) OVER () FROM p$$, '22023', 'trend_n must be between 2 and 100, not 101', 'xmr: trend_n too large');
SELECT throws_ok($$SELECT kpi.xmr(v, i, 'higher', baseline => 1) OVER () FROM p$$, '22023', 'baseline must be at least 2 points, not 1', 'xmr: baseline of 1');
SELECT throws_ok($$SELECT kpi.xmr(v, i, 'higher', baseline => 0) OVER () FROM p$$, '22023', NULL, 'xmr: baseline of 0');
SELECT throws_ok($$SELECT kpi.xmr(v, i, 'higher', rebase => ARRAY[3], baseline => 4) OVER () FROM p$$, '22023',
                 'rebase period 3 falls inside the baseline', 'xmr: rebase inside the baseline');
SELECT throws_ok($$SELECT kpi.xmr(v, i, 'higher', rebase => ARRAY[ARRAY[3]]) OVER () FROM p$$, '22023', NULL, 'xmr: two-dimensional rebase');
SELECT throws_ok($$SELECT kpi.xmr(v, i, 'higher', rebase => ARRAY['x']) OVER () FROM p$$, '22P02', NULL, 'xmr: a rebase that is not a period');
SELECT throws_ok($$SELECT kpi.xmr(v, i, 'higher', rebase => ARRAY['NaN'::float8]) OVER () FROM p$$, '22023', NULL, 'xmr: a NaN rebase');
SELECT throws_ok($$SELECT kpi.xmr_summary(kpi.series(v, i), 'higher', min_points => -1) FROM p$$, '22023', 'min_points must not be negative, not -1', 'summary: negative min_points');

-- points
SELECT throws_ok($$SELECT kpi.xmr(v, d, 'higher') OVER () FROM (VALUES (1.0, DATE '2024-01-01'), (2.0, '2024-01-01')) t(v, d)$$, '21000',
                 'a series cannot have two points for one period', 'xmr: a period twice');
-- the hint names the period, also when the window form finds it (rows out of order)
CREATE FUNCTION pg_temp.hint_of(q text) RETURNS text LANGUAGE plpgsql AS $f$
DECLARE h text;
BEGIN
    EXECUTE q;
    RETURN NULL;
EXCEPTION WHEN cardinality_violation THEN
    GET STACKED DIAGNOSTICS h = PG_EXCEPTION_HINT;
    RETURN h;
END $f$;
SELECT is(pg_temp.hint_of($$SELECT kpi.xmr(v, d, 'higher') OVER () FROM (VALUES (1.0, DATE '2024-02-01'), (3.0, '2024-01-01'), (2.0, '2024-02-01')) t(v, d)$$),
          'Give each period one row (aggregate the rows of period 2024-02-01 first, or pick one of them).', 'xmr: the hint names the period');
SELECT is(pg_temp.hint_of($$SELECT kpi.p_chart(1, 2, y, 'higher') OVER () FROM (VALUES (1.5), (2.0), (1.5)) t(y)$$),
          'Give each period one row (aggregate the rows of period 1.5 first, or pick one of them).', 'p_chart: the hint names the period');
SELECT throws_ok($$SELECT kpi.xmr(v, NULL::date, 'higher') OVER () FROM p$$, '22004', 'period must not be NULL', 'xmr: NULL period');
SELECT throws_ok($$SELECT kpi.xmr('NaN', i, 'higher') OVER () FROM p$$, '22023', 'value must be a finite number, not NaN', 'xmr: NaN value');
SELECT throws_ok($$SELECT kpi.xmr(v, 'infinity'::date, 'higher') OVER () FROM p$$, '22023', NULL, 'xmr: infinite period');
SELECT throws_ok($$SELECT kpi.xmr_summary(kpi.series(v, i), 'higher', 'Infinity') FROM p$$, '22023', 'target must be a finite number, not Infinity', 'summary: infinite target');

-- overflow: lines beyond the float8 range are an error, not infinities
SELECT throws_ok($$SELECT kpi.xmr(v, p, 'higher') OVER () FROM (VALUES (-1e308, 1), (1e308, 2)) t(v, p)$$, '22003', 'value out of range: overflow', 'xmr: the moving range overflows');
SELECT throws_ok($$SELECT kpi.g_chart(1e200, i) OVER () FROM p$$, '22003', NULL, 'g_chart: the limit overflows');
-- the exact screening path inside a baseline with a median centre (a fuzz
-- finding: the exact sums once wrote past a buffer there).  The baseline's
-- 11 values sorted are five 0s, five 6.733s and 36.136: the median is 6.733,
-- carried to the 12th point
SELECT is((SELECT string_agg(round((x).centre::numeric, 4)::text, ' ')
           FROM (SELECT kpi.xmr(v, i, 'higher', baseline => 11, centre => 'median', screening => 'nhsr') OVER () x
                 FROM unnest('{0,6.733,0,6.733,0,6.733,0,6.733,0,6.733,36.136,5}'::float8[]) WITH ORDINALITY u(v, i)) s),
          '6.7330 6.7330 6.7330 6.7330 6.7330 6.7330 6.7330 6.7330 6.7330 6.7330 6.7330 6.7330',
          'xmr: exact screening in a baseline, median centre');

-- the T, G, P and U charts
SELECT throws_ok($$SELECT kpi.p_chart(5, 4, i, 'higher') OVER () FROM p$$, '22023', 'events (5) must not exceed the denominator (4) in a p chart', 'p_chart: events above the denominator');
SELECT throws_ok($$SELECT kpi.p_chart(-1, 4, i, 'higher') OVER () FROM p$$, '22023', 'events must be zero or more, not -1', 'p_chart: negative events');
SELECT throws_ok($$SELECT kpi.u_chart(1, 0, i, 'higher') OVER () FROM p$$, '22023', 'exposure must be greater than zero, not 0', 'u_chart: zero exposure');
SELECT throws_ok($$SELECT kpi.p_chart(1, 2, 1, 'higher') OVER () FROM p$$, '21000', NULL, 'p_chart: a period twice');
SELECT throws_ok($$SELECT kpi.g_chart(-2, i) OVER () FROM p$$, '22023', 'cases must be zero or more, not -2', 'g_chart: negative cases');
SELECT throws_ok($$SELECT kpi.g_chart(1, i, NULL) OVER () FROM p$$, '22004', 'polarity must not be NULL', 'g_chart: NULL polarity');
SELECT throws_ok($$SELECT kpi.t_chart(NULL::date) OVER () FROM p$$, '22004', 'event time must not be NULL', 't_chart: NULL event');
SELECT throws_ok($$SELECT kpi.t_chart(DATE '2024-01-01' + i, screening => 'all') OVER () FROM p$$, '22023', NULL, 't_chart: bad screening');
SELECT throws_ok($$SELECT kpi.t_chart(-1, i) OVER () FROM p$$, '22023', 'time between events must be zero or more, not -1', 't_chart: negative interval');

-- a window function charts its partition with one set of settings: a
-- setting that varies within a partition is an error, not the first row's
CREATE TEMP TABLE two AS
SELECT k, i, (i % 3 + k)::float8 AS v, CASE k WHEN 1 THEN 'higher' ELSE 'lower' END AS pol,
       CASE WHEN i = 10 THEN 'lower' ELSE 'higher' END AS pol_late, CASE WHEN k = 2 THEN ARRAY[5] END AS reb
FROM generate_series(1, 2) k, generate_series(1, 10) i;
SELECT throws_ok($$SELECT kpi.xmr(v, i, pol) OVER () FROM two$$, '22023',
                 'polarity must be the same in every row of a window partition', 'xmr: polarity varies within the partition');
SELECT throws_ok($$SELECT kpi.xmr(v, i, pol_late) OVER (PARTITION BY k) FROM two$$, '22023',
                 'polarity must be the same in every row of a window partition', 'xmr: polarity varies in the last row');
SELECT throws_ok($$SELECT kpi.xmr(v, i, 'higher', rebase => reb) OVER () FROM two$$, '22023',
                 'rebase must be the same in every row of a window partition', 'xmr: rebase varies (NULL and not)');
SELECT throws_ok($$SELECT kpi.xmr(v, i, 'higher', shift_n => 6 + k) OVER () FROM two$$, '22023',
                 'shift_n must be the same in every row of a window partition', 'xmr: shift_n varies');
-- constant within each partition: each partition its own settings, the
-- same points as charting each indicator alone with constant settings
SELECT is((SELECT string_agg(format('%s:%s:%s', k, (x).partition, (x).variation), ' ' ORDER BY k, i)
           FROM (SELECT k, i, kpi.xmr(v, i, pol, rebase => reb) OVER (PARTITION BY k) x FROM two) s),
          (SELECT string_agg(format('%s:%s:%s', k, (x).partition, (x).variation), ' ' ORDER BY k, i)
           FROM (SELECT 1 AS k, i, kpi.xmr(v, i, 'higher') OVER () x FROM two WHERE k = 1
                 UNION ALL
                 SELECT 2, i, kpi.xmr(v, i, 'lower', rebase => ARRAY[5]) OVER () x FROM two WHERE k = 2) s),
          'xmr: settings constant within each partition, different between them');
SELECT throws_ok($$SELECT kpi.t_chart(DATE '2024-01-01' + i, pol) OVER () FROM two WHERE k = 1 OR i > 5$$, '22023',
                 'polarity must be the same in every row of a window partition', 't_chart: polarity varies');
SELECT throws_ok($$SELECT kpi.p_chart(1, 10, i + 10 * k, pol) OVER () FROM two$$, '22023',
                 'polarity must be the same in every row of a window partition', 'p_chart: polarity varies');
SELECT lives_ok($$SELECT kpi.u_chart(1, 10, i, pol) OVER (PARTITION BY k) FROM two$$, 'u_chart: polarity constant within each partition');

SELECT throws_ok($$SELECT kpi.g_chart(1, i, rebase => ARRAY['x']) OVER () FROM p$$, '22P02', NULL, 'g_chart: a rebase that is not a period');
SELECT throws_ok($$SELECT kpi.p_chart(1, 2, i, 'higher', rebase => ARRAY[ARRAY[3]]) OVER () FROM p$$, '22023', NULL, 'p_chart: two-dimensional rebase');
SELECT throws_ok($$SELECT kpi.u_chart(1, 2, i + 10 * k, 'higher', rebase => reb) OVER () FROM two$$, '22023',
                 'rebase must be the same in every row of a window partition', 'u_chart: rebase varies');
SELECT is((SELECT count(DISTINCT (x).centre) FROM (SELECT kpi.t_chart(DATE '2024-01-01' + i * i, rebase => ARRAY['2024-02-01']) OVER () x FROM p) s),
          2::bigint, 't_chart: rebase given as text for date event times');

-- behaviour at the edges
SELECT is((SELECT count(*) FROM (SELECT kpi.xmr(v, i, 'higher') OVER () x FROM p WHERE false) s), 0::bigint, 'xmr: no rows');
SELECT is((SELECT (kpi.xmr(5, 1, 'higher') OVER ()).lower_limit), NULL, 'xmr: one point has no limits');
SELECT is((SELECT kpi.xmr_summary(NULL, 'higher')), NULL, 'summary of NULL');
SELECT is((SELECT (kpi.xmr_summary('date{}', 'higher')).points), 0, 'summary of an empty series');
-- rebase periods of another type are read as periods
SELECT is((SELECT max((x).partition) FROM (SELECT kpi.xmr(v, DATE '2024-01-01' + i, 'higher', rebase => ARRAY['2024-01-05']) OVER () x FROM p) s),
          2, 'xmr: rebase given as text for date periods');

SELECT * FROM finish();
ROLLBACK;
