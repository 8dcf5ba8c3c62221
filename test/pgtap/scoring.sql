-- Scoring functions: behaviour and every error with its SQLSTATE.
BEGIN;
SET search_path = public, kpi;
SELECT plan(42);

-- the report's edge cases
SELECT is(kpi.rag(95.26, 86.6, 'lower'), 'amber'::kpi.rag, '95.26 vs lower-is-better 86.6 is exactly 10% worse: amber');
SELECT is(kpi.rag(27.9, 31, 'higher'), 'amber'::kpi.rag, '27.9 vs higher-is-better 31 is exactly 10% worse: amber');
SELECT is(kpi.rag(94.86, 86.6, 'lower'), 'amber'::kpi.rag, 'looked-after children vs target: amber (report)');
SELECT is(kpi.rag(94.86, 71, 'lower'), 'red'::kpi.rag, 'looked-after children vs national: red (report)');
SELECT is(kpi.rag(94.86, 100.9, 'lower'), 'green'::kpi.rag, 'looked-after children vs peer: green (report)');
SELECT is(kpi.rag(52, 0, 'lower'), 'red'::kpi.rag, 'a target of 0 has no relative band: worse is red (report)');
SELECT is(kpi.rag(4, 0, 'lower', 100), 'red'::kpi.rag, 'target 0: even a huge tolerance gives no band');
SELECT is(kpi.rag(0, 0, 'lower'), 'green'::kpi.rag, 'target 0 met: green');
SELECT is(kpi.rag(2, 1, 'none'), NULL, 'polarity none is never scored');
SELECT is(kpi.rag(1, 2, 'higher', 0.5), 'amber'::kpi.rag, 'explicit tolerance: 1 is 50% below 2');
SELECT is(kpi.rag_abs(3.5, 5.5, 'higher', 2), 'amber'::kpi.rag, 'absolute band of 2 points: 2 below is amber');
SELECT is(kpi.rag_abs(3.4, 5.5, 'higher', 2), 'red'::kpi.rag, 'absolute band of 2 points: 2.1 below is red');
SELECT is(kpi.gap(95.26, 86.6, 'lower') < 0, true, 'gap is negative when worse');
SELECT is(kpi.gap(80, 100, 'lower'), 0.2::float8, 'gap is positive when better: (100-80)/100');
SELECT is(kpi.gap(1, 0, 'higher'), NULL, 'gap against 0 is NULL');
SELECT is(kpi.travel(46.64, 46.52, 'lower'), 'improving', 'lower is better and it fell: improving');
SELECT is(kpi.travel(85, 85, 'higher'), 'unchanged', 'unchanged');
SELECT is(kpi.travel(706, 351, 'none'), 'decreasing', 'polarity none: decreasing');
SELECT is(kpi.arrow(94.26, 94.86), '▲', 'arrow up');
SELECT is(kpi.arrow(42.1, 38.1), '▼', 'arrow down');
SELECT is(kpi.arrow(85, 85), '▶', 'arrow unchanged');

-- unknown polarity, in every function that takes one
SELECT throws_ok($$SELECT kpi.rag(1, 2, 'sideways')$$, '22023', 'invalid polarity: "sideways"', 'kpi.rag: unknown polarity');
SELECT throws_ok($$SELECT kpi.rag_abs(1, 2, 'higher.', 1)$$, '22023', 'invalid polarity: "higher."', 'kpi.rag_abs: polarity with a trailing full stop');
SELECT throws_ok($$SELECT kpi.gap(1, 2, '')$$, '22023', 'invalid polarity: ""', 'kpi.gap: empty polarity');
SELECT throws_ok($$SELECT kpi.travel(1, 2, 'hig')$$, '22023', 'invalid polarity: "hig"', 'kpi.travel: a prefix is not a polarity');

-- tolerance
SELECT throws_ok($$SELECT kpi.rag(1, 2, 'lower', -0.1)$$, '22023',
    'tolerance must be a finite number greater than or equal to zero', 'negative tolerance');
SELECT throws_ok($$SELECT kpi.rag(1, 2, 'lower', 'NaN')$$, '22023',
    'tolerance must be a finite number greater than or equal to zero', 'NaN tolerance');
SELECT throws_ok($$SELECT kpi.rag(1, 2, 'lower', 'Infinity')$$, '22023',
    'tolerance must be a finite number greater than or equal to zero', 'infinite tolerance');
SELECT throws_ok($$SELECT kpi.rag_abs(1, 2, 'lower', -1)$$, '22023',
    'tolerance must be a finite number greater than or equal to zero', 'rag_abs: negative tolerance');

-- NaN and infinite values
SELECT throws_ok($$SELECT kpi.rag('NaN', 2, 'lower')$$, '22023', 'actual value must be a finite number, not NaN', 'NaN actual');
SELECT throws_ok($$SELECT kpi.rag('Infinity', 2, 'lower')$$, '22023', 'actual value must be a finite number, not Infinity', 'infinite actual');
SELECT throws_ok($$SELECT kpi.rag(1, '-Infinity', 'lower')$$, '22023', 'target must be a finite number, not -Infinity', '-infinite target');
SELECT throws_ok($$SELECT kpi.rag(1, 'NaN', 'none')$$, '22023', 'target must be a finite number, not NaN', 'NaN target, even for polarity none');
SELECT throws_ok($$SELECT kpi.rag_abs('NaN', 1, 'lower', 1)$$, '22023', 'actual value must be a finite number, not NaN', 'rag_abs: NaN actual');
SELECT throws_ok($$SELECT kpi.gap(1, 'Infinity', 'lower')$$, '22023', 'target must be a finite number, not Infinity', 'gap: infinite target');
SELECT throws_ok($$SELECT kpi.travel('NaN', 1, 'lower')$$, '22023', 'previous value must be a finite number, not NaN', 'travel: NaN previous');
SELECT throws_ok($$SELECT kpi.arrow(1, '-Infinity')$$, '22023', 'latest value must be a finite number, not -Infinity', 'arrow: infinite latest');
SELECT throws_ok($$SELECT kpi.gap(1e308, -1e-10, 'higher')$$, '22003', NULL, 'gap overflow is an error, not Infinity');

-- NULLs
SELECT is(kpi.rag(NULL, 1, 'lower'), NULL, 'NULL actual gives NULL');
SELECT is(kpi.rag(1, NULL, 'lower'), NULL, 'NULL target (no comparator) gives NULL');
SELECT is(kpi.rag(1, 1, NULL), NULL, 'NULL polarity gives NULL');

-- labels of the functions
SELECT is((SELECT count(*)::int FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
           WHERE n.nspname = 'kpi' AND p.proname IN ('rag', 'rag_abs', 'gap', 'travel', 'arrow')
             AND p.provolatile = 'i' AND p.proisstrict AND p.proparallel = 's'), 7,
          'scoring functions (travel and arrow with and without a tolerance) are IMMUTABLE STRICT PARALLEL SAFE');

SELECT * FROM finish();
ROLLBACK;
