-- kpi.rag: behaviour and errors with their SQLSTATEs.
BEGIN;
SET search_path = public, kpi;
SELECT plan(27);

SELECT has_type('kpi', 'rag', 'type kpi.rag exists');
SELECT is((SELECT typlen::int FROM pg_type WHERE oid = 'kpi.rag'::regtype), 1, 'kpi.rag is one byte');
SELECT ok((SELECT typbyval FROM pg_type WHERE oid = 'kpi.rag'::regtype), 'kpi.rag is passed by value');
SELECT ok('red'::kpi.rag < 'amber'::kpi.rag AND 'amber'::kpi.rag < 'green'::kpi.rag, 'red < amber < green');
SELECT is(' G '::kpi.rag, 'green'::kpi.rag, 'blanks and case are ignored');
SELECT is('🟠'::kpi.rag, 'amber'::kpi.rag, 'the orange circle is amber');
SELECT is('🟡'::kpi.rag, 'amber'::kpi.rag, 'the yellow circle is amber');
SELECT is('amber'::kpi.rag::text, 'amber', 'output is the lower-case word');
SELECT is(kpi.symbol('amber'), '🟡', 'symbol of amber is the yellow circle, as the report prints it');
SELECT is(kpi.label('g'), 'Green', 'label');

-- malformed text input: 22P02
SELECT throws_ok($$SELECT 'purple'::kpi.rag$$, '22P02', 'invalid input syntax for type kpi.rag: "purple"', 'unknown word');
SELECT throws_ok($$SELECT ''::kpi.rag$$, '22P02', 'invalid input syntax for type kpi.rag: ""', 'empty string');
SELECT throws_ok($$SELECT 'redd'::kpi.rag$$, '22P02', NULL, 'misspelling');
SELECT throws_ok($$SELECT 're d'::kpi.rag$$, '22P02', NULL, 'inner blank');
SELECT throws_ok($$SELECT '⚪'::kpi.rag$$, '22P02', NULL, 'another circle');
SELECT throws_ok($$SELECT 'green,'::kpi.rag$$, '22P02', NULL, 'trailing junk');

-- invalid binary input: 22P03 (the binary form is the lower-case label)
CREATE TEMP TABLE bad_binary (id int, label text);
INSERT INTO bad_binary VALUES (1, 'purple'), (2, 'Red'), (3, ''), (4, 'green ');
CREATE TEMP TABLE rag_target (id int, r kpi.rag);
CREATE FUNCTION pg_temp.copy_binary(label text) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
    f text := current_setting('data_directory') || '/kpi_bad_rag.bin';
BEGIN
    EXECUTE format('COPY (SELECT 1, %L::text) TO %L (FORMAT binary)', label, f);
    EXECUTE format('COPY rag_target FROM %L (FORMAT binary)', f);
END $$;
SELECT throws_ok($$SELECT pg_temp.copy_binary('purple')$$, '22P03', 'invalid binary value for type kpi.rag', 'binary: unknown label');
SELECT throws_ok($$SELECT pg_temp.copy_binary('Red')$$, '22P03', NULL, 'binary: labels are lower case');
SELECT throws_ok($$SELECT pg_temp.copy_binary('')$$, '22P03', NULL, 'binary: empty');
SELECT throws_ok($$SELECT pg_temp.copy_binary('green ')$$, '22P03', NULL, 'binary: trailing blank');
SELECT lives_ok($$SELECT pg_temp.copy_binary('amber')$$, 'binary: a valid label loads');
SELECT is((SELECT r FROM rag_target), 'amber'::kpi.rag, 'and reads back as amber');

-- aggregates are parallel safe and have combine functions
SELECT is((SELECT count(*)::int FROM pg_aggregate a JOIN pg_proc p ON p.oid = a.aggfnoid
           JOIN pg_namespace n ON n.oid = p.pronamespace
           WHERE n.nspname = 'kpi' AND p.proname IN ('worst', 'best', 'rag_counts', 'brag_counts', 'rag_summary')
             AND a.aggcombinefn <> 0 AND p.proparallel = 's'), 5,
          'worst, best, rag_counts, brag_counts, rag_summary: combine function, PARALLEL SAFE');
SELECT is((SELECT count(*)::int FROM pg_aggregate a JOIN pg_proc p ON p.oid = a.aggfnoid
           JOIN pg_namespace n ON n.oid = p.pronamespace
           WHERE n.nspname = 'kpi' AND p.proname IN ('rag_counts', 'brag_counts', 'rag_summary')
             AND a.aggminvtransfn = 'kpi.rag_counts_accum_inv'::regproc AND a.aggcombinefn = 'kpi.rag_counts_combine'::regproc
             AND a.aggtransfn = 'kpi.rag_counts_accum'::regproc AND a.aggtranstype = 'int8[]'::regtype
             AND a.agginitval = '{0,0,0,0}'), 3,
          'rag_counts, brag_counts, rag_summary: one state (bigint[], 0.1.0''s initial condition), combine and inverse');
SELECT is((SELECT count(*)::int FROM pg_aggregate a JOIN pg_proc p ON p.oid = a.aggfnoid
           JOIN pg_namespace n ON n.oid = p.pronamespace
           WHERE n.nspname = 'kpi'
             AND (a.aggtranstype IN ('internal'::regtype, 'float8[]'::regtype)
                  OR a.aggmtranstype IN ('internal'::regtype, 'float8[]'::regtype))), 0,
          'no kpi aggregate has an internal or float8[] state (exact text I/O for Citus)');

-- any role can use kpi (USAGE on the schema is granted to PUBLIC)
CREATE ROLE kpi_tap_reader;
SET LOCAL ROLE kpi_tap_reader;
SELECT is(kpi.rag(95.26, 86.6, 'lower'), 'amber'::kpi.rag, 'a role without any grant can call kpi functions');
SELECT throws_ok($$CREATE TABLE kpi.planted (x int)$$, '42501', NULL, 'but cannot create objects in schema kpi');
RESET ROLE;

SELECT * FROM finish();
ROLLBACK;
