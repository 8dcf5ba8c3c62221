-- Confidence intervals, comparison, recent trends, peers: behaviour and
-- every error with its SQLSTATE.
BEGIN;
SET search_path = public, kpi;
SELECT plan(62);

-- composite results read well and can be expanded
SELECT is((kpi.wilson_ci(0, 10)).lower, 0::float8, 'wilson_ci: 0 successes has lower bound 0');
SELECT is((kpi.wilson_ci(10, 10)).upper, 1::float8, 'wilson_ci: all successes has upper bound 1');
SELECT ok((kpi.wilson_ci(65, 100, 0.998)).lower < (kpi.wilson_ci(65, 100)).lower, 'a higher level widens the interval');
SELECT is((kpi.poisson_ci(0)).lower, 0::float8, 'poisson_ci: 0 events has lower limit 0');
SELECT ok((kpi.poisson_ci(9)).upper < (kpi.poisson_ci(10)).upper, 'poisson_ci: exact at 9, Byar at 10, increasing');
SELECT is(kpi.rate_ci(65, 100, 100000), ROW((kpi.poisson_ci(65)).lower * 1000, (kpi.poisson_ci(65)).upper * 1000)::kpi.ci,
    'rate_ci is the count interval / population × per');
SELECT is(kpi.mean_ci(10, 2, 1), NULL, 'mean_ci of one observation is NULL');
SELECT is((kpi.mean_ci(10, 0, 5)).lower, 10::float8, 'mean_ci with sd 0 is the mean');

-- argument errors
SELECT throws_ok($$SELECT kpi.wilson_ci(11, 10)$$, '22023', 'successes (11) must not exceed trials (10)', 'wilson_ci: successes > trials');
SELECT throws_ok($$SELECT kpi.wilson_ci(-1, 10)$$, '22023', 'successes must not be negative, not -1', 'wilson_ci: negative successes');
SELECT throws_ok($$SELECT kpi.wilson_ci(0, 0)$$, '22012', 'trials must be greater than zero', 'wilson_ci: no trials');
SELECT throws_ok($$SELECT kpi.wilson_ci('NaN', 10)$$, '22023', 'successes must be a finite number, not NaN', 'wilson_ci: NaN');
SELECT throws_ok($$SELECT kpi.wilson_ci(1, 10, 1)$$, '22023', 'confidence level must be between 0 and 1 exclusive, not 1', 'level 1');
SELECT throws_ok($$SELECT kpi.wilson_ci(1, 10, 0)$$, '22023', 'confidence level must be between 0 and 1 exclusive, not 0', 'level 0');
SELECT throws_ok($$SELECT kpi.poisson_ci(5, 95)$$, '22023', 'confidence level must be between 0 and 1 exclusive, not 95', 'level given as a percentage');
SELECT throws_ok($$SELECT kpi.poisson_ci(5, 'NaN')$$, '22023', 'confidence level must be between 0 and 1 exclusive, not NaN', 'NaN level');
SELECT throws_ok($$SELECT kpi.poisson_ci(-3)$$, '22023', 'events must not be negative, not -3', 'poisson_ci: negative count');
SELECT throws_ok($$SELECT kpi.poisson_ci('Infinity')$$, '22023', 'events must be a finite number, not Infinity', 'poisson_ci: infinite count');
SELECT throws_ok($$SELECT kpi.rate_ci(5, 0, 1000)$$, '22012', 'population must be greater than zero', 'rate_ci: zero population');
SELECT throws_ok($$SELECT kpi.rate_ci(5, -10, 1000)$$, '22023', 'population must be greater than zero, not -10', 'rate_ci: negative population');
SELECT throws_ok($$SELECT kpi.mean_ci(10, -1, 5)$$, '22023', 'standard deviation must not be negative, not -1', 'mean_ci: negative sd');
SELECT throws_ok($$SELECT kpi.mean_ci(x, l) FROM (VALUES (1, 0.95), (2, 0.9)) AS t(x, l)$$, '22023',
    'level must be the same for every row of kpi.mean_ci', 'mean_ci aggregate: level varies');
SELECT throws_ok($$SELECT kpi.mean_ci(x) FROM (VALUES (1), ('NaN'::float8)) AS t(x)$$, '22023',
    'value must be a finite number, not NaN', 'mean_ci aggregate: NaN');

-- kpi.dsr
SELECT is(kpi.dsr(e, 100, 1000, 100000), NULL, 'dsr: NULL below 10 events')
FROM (VALUES (4), (5)) AS t(e);
SELECT isnt(kpi.dsr(e, 100, 1000, 100000), NULL, 'dsr: a value from 10 events')
FROM (VALUES (4), (6)) AS t(e);
SELECT is((kpi.dsr(e, 100, 1000, 100000)).value, 10000::float8, 'dsr: a NULL count is 0 events, its band still counts')
FROM (VALUES (20), (NULL)) AS t(e);
SELECT throws_ok($$SELECT kpi.dsr(5, p, 1000, 100000) FROM (VALUES (100), (NULL)) AS t(p)$$, '22004',
    'kpi.dsr: population must not be NULL', 'dsr: NULL population');
SELECT throws_ok($$SELECT kpi.dsr(5, 0, 1000, 100000)$$, '22012', 'population must be greater than zero', 'dsr: zero population');
SELECT throws_ok($$SELECT kpi.dsr(-5, 10, 1000, 100000)$$, '22023', 'events must not be negative, not -5', 'dsr: negative events');
SELECT throws_ok($$SELECT kpi.dsr(5, 10, -1, 100000)$$, '22023', 'standard_population must not be negative, not -1', 'dsr: negative standard');
SELECT throws_ok($$SELECT kpi.dsr(5, 10, 1000, p) FROM (VALUES (1000), (100000)) AS t(p)$$, '22023',
    'kpi.dsr: per must be the same for every age band', 'dsr: per varies');
SELECT throws_ok($$SELECT kpi.dsr(5, 10, 1000, 1000, 1.5)$$, '22023',
    'confidence level must be between 0 and 1 exclusive, not 1.5', 'dsr: bad level');

-- comparison
SELECT is(kpi.compare(1, 2, 3, 'lower'), 'green'::kpi.rag, 'compare: wholly below a lower-is-better benchmark');
SELECT is(kpi.compare(ROW(NULL, 2)::kpi.ci, 3, 'lower'), NULL, 'compare on a kpi.ci with a NULL bound');
SELECT throws_ok($$SELECT kpi.compare(2, 1, 3, 'lower')$$, '22023', 'lower bound (2) must not exceed upper bound (1)', 'compare: lower > upper');
SELECT throws_ok($$SELECT kpi.compare(ROW(2, 1)::kpi.ci, 3, 'lower')$$, '22023', 'lower bound (2) must not exceed upper bound (1)', 'compare kpi.ci: lower > upper');
SELECT throws_ok($$SELECT kpi.compare(1, 2, 3, 'better')$$, '22023', 'invalid polarity: "better"', 'compare: bad polarity');
SELECT throws_ok($$SELECT kpi.compare(1, 2, 'NaN', 'higher')$$, '22023', 'benchmark must be a finite number, not NaN', 'compare: NaN benchmark');
SELECT throws_ok($$SELECT kpi.compare_proportion(50, 100, 56, 'higher')$$, '22023',
    'benchmark proportion must be between 0 and 1, not 56', 'compare_proportion: a percentage is not a proportion');
SELECT throws_ok($$SELECT kpi.compare_proportion(150, 100, 0.5, 'higher')$$, '22023',
    'successes (150) must not exceed trials (100)', 'compare_proportion: successes > trials');
SELECT throws_ok($$SELECT kpi.compare_rate(5, 100, 1000, -1, 'lower')$$, '22023',
    'benchmark must not be negative, not -1', 'compare_rate: negative benchmark');
SELECT throws_ok($$SELECT kpi.compare_rate(5, 100, 1000, 10, 'lower', 1)$$, '22023',
    'confidence level must be between 0 and 1 exclusive, not 1', 'compare_rate: level 1');

-- recent trend
SELECT is(kpi.recent_trend(v, v - 1, v + 1 ORDER BY t), 'increasing', 'five rising points')
FROM generate_series(1, 5) AS t, LATERAL (SELECT 10.0 * t AS v) AS x;
SELECT is(kpi.recent_trend(v, v - 1, v + 1 ORDER BY t DESC), 'decreasing', 'the same points in reverse order')
FROM generate_series(1, 5) AS t, LATERAL (SELECT 10.0 * t AS v) AS x;
SELECT is(kpi.recent_trend(v, v - 1, v + 1 ORDER BY t), 'cannot be calculated', 'no rows')
FROM generate_series(1, 5) AS t, LATERAL (SELECT 10.0 * t AS v) AS x WHERE false;
-- Fingertips' IsPossibleDivideByZeroErrors: a count equal to its denominator
-- (TrendMarkerCalculatorTest.TestIsSignificantForProportionsCannotBeCalculated)
SELECT is(kpi.recent_trend(c, d ORDER BY y), 'cannot be calculated', 'ordered form: a count equal to its denominator')
FROM (VALUES (5, 5, 2012), (3, 5, 2013), (1, 5, 2014), (1, 4, 2015), (2, 4, 2016)) t(c, d, y);
SELECT throws_ok($$SELECT kpi.recent_trend(5, 6, 4)$$, '22023', 'lower bound (6) must not exceed upper bound (4)', 'recent_trend: lower > upper');
SELECT throws_ok($$SELECT kpi.recent_trend(11, 10)$$, '22023', 'events (11) must not exceed the denominator (10)', 'recent_trend: events > denominator');
SELECT throws_ok($$SELECT kpi.recent_trend(1, 0)$$, '22012', 'denominator must be greater than zero', 'recent_trend: zero denominator');

-- peers
SELECT throws_ok($$SELECT kpi.peer_rank(l, 5, 'higher') FROM (VALUES (1), (2)) AS t(l)$$, '22023',
    'kpi.peer_rank: the local value must be the same in every row of a group', 'peer_rank: local varies');
SELECT throws_ok($$SELECT kpi.peer_rank(1, 5, 'best')$$, '22023', 'invalid polarity: "best"', 'peer_rank: bad polarity');
SELECT throws_ok($$SELECT kpi.quartile(1, '{1,2}', 'higher')$$, '22023',
    'quartile cut points must be an array of 3 non-NULL values', 'quartile: two cut points');
SELECT throws_ok($$SELECT kpi.quartile(1, '{1,NULL,3}', 'higher')$$, '22023',
    'quartile cut points must be an array of 3 non-NULL values', 'quartile: a NULL cut point');
SELECT throws_ok($$SELECT kpi.quartile(1, '{3,2,1}', 'higher')$$, '22023',
    'quartile cut points must be in ascending order, not {3,2,1}', 'quartile: descending cut points');
SELECT throws_ok($$SELECT kpi.quartile(1, '{1,2,Infinity}', 'higher')$$, '22023',
    'quartile cut point must be a finite number, not Infinity', 'quartile: infinite cut point');

-- aggregate states.  Citus ships partial states between nodes as text, and
-- a float8[] loses digits at extra_float_digits <= 0 (an internal state
-- cannot be shipped at all), so these aggregates use kpi.state.  The list
-- is of the aggregates migrated from float8[] here; kpi.mann_kendall,
-- kpi.theil_sen and kpi.sparkline are migrated with the trend code.
SELECT is((SELECT count(*)::int FROM pg_aggregate a JOIN pg_proc p ON p.oid = a.aggfnoid
           JOIN pg_namespace n ON n.oid = p.pronamespace
           WHERE n.nspname = 'kpi'
             AND p.proname IN ('mean_ci', 'dsr', 'recent_trend', 'rolling_rate', 'pooled_rate', 'peer_rank')
             AND (a.aggtranstype IN ('float8[]'::regtype, 'internal'::regtype)
                  OR a.aggmtranstype IN ('float8[]'::regtype, 'internal'::regtype))), 0,
          'mean_ci, dsr, recent_trend, rolling_rate, pooled_rate, peer_rank: no float8[] or internal state');
SELECT is((SELECT string_agg(proname || ' ' || n, ', ' ORDER BY proname)
           FROM (SELECT p.proname::text, count(*) AS n FROM pg_aggregate a JOIN pg_proc p ON p.oid = a.aggfnoid
                 JOIN pg_namespace ns ON ns.oid = p.pronamespace
                 WHERE ns.nspname = 'kpi' AND a.aggtranstype = 'kpi.state'::regtype
                   AND (a.aggmtranstype = 0 OR a.aggmtranstype = 'kpi.state'::regtype)
                   AND p.proname IN ('mean_ci', 'dsr', 'recent_trend', 'rolling_rate', 'pooled_rate', 'peer_rank')
                 GROUP BY 1) AS t),
          'dsr 2, mean_ci 2, peer_rank 1, pooled_rate 2, recent_trend 13, rolling_rate 2',
          'every overload of them has a kpi.state state (and moving state; recent_trend: 2 ordered forms, 5 by period, 6 with a polarity)');
-- recent_trend depends on row order, so it has no combine function
SELECT is((SELECT count(*)::int FROM pg_aggregate a JOIN pg_proc p ON p.oid = a.aggfnoid
           JOIN pg_namespace n ON n.oid = p.pronamespace
           WHERE n.nspname = 'kpi' AND p.proname IN ('mean_ci', 'dsr', 'rolling_rate', 'pooled_rate', 'peer_rank')
             AND a.aggcombinefn <> 0 AND p.proparallel = 's'), 9,
          'mean_ci, dsr, rolling_rate, pooled_rate, peer_rank: combine function, PARALLEL SAFE');
SELECT throws_ok($$SELECT kpi.dsr_accum(NULL, 1, 100, 100, 100000)$$, '22004',
    'kpi.dsr: transition state must not be NULL', 'dsr_accum called directly with a NULL state');

-- a crafted recent_trend state must not index outside its ring (a fuzz crash)
SELECT throws_ok($$SELECT kpi.recent_trend_accum('{Infinity,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0}', 1, 0.5, 1.5)$$, '22023',
    'kpi.recent_trend: invalid transition state', 'recent_trend: an infinite point count');
SELECT throws_ok($$SELECT kpi.recent_trend_accum('{-7,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0}', 1, 10)$$, '22023',
    'kpi.recent_trend: invalid transition state', 'recent_trend: a negative point count');
SELECT throws_ok($$SELECT kpi.recent_trend_final('{5.5,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0}')$$, '22023',
    'kpi.recent_trend: invalid transition state', 'recent_trend: a fractional point count');

SELECT * FROM finish();
ROLLBACK;
