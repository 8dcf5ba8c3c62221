-- kpi.polarity: the spellings it reads (those of the text form, Fingertips'
-- polarity field and Power BI's KPI visual), its errors with SQLSTATEs, and
-- that every function taking a text polarity takes a kpi.polarity too.
-- Expected values: the spellings as Fingertips' API and Power BI print them
-- ("RAG - Low is good   " comes with trailing blanks in Fingertips'
-- indicator metadata), and the text form's own results.
BEGIN;
SELECT plan(39);

SELECT is(s::kpi.polarity::text, want, format('%L reads as %s', s, want))
FROM (VALUES ('higher', 'higher'), ('HIGHER', 'higher'), ('up', 'higher'), ('higher_is_better', 'higher'),
             ('High is good', 'higher'), ('RAG - High is good', 'higher'), ('  high  ', 'higher'),
             ('Higher is better', 'higher'), ('lower', 'lower'), ('down', 'lower'), ('lower_is_better', 'lower'),
             ('Low is good', 'lower'), ('RAG - Low is good   ', 'lower'), ('low', 'lower'),
             ('none', 'none'), ('Neutral', 'none'), ('Not applicable', 'none'), ('BOB - Blue orange blue', 'none'),
             (E'\tnone\n', 'none')) AS t(s, want);

SELECT throws_ok($$SELECT 'Lower is bettr'::kpi.polarity$$, '22P02',
    'invalid input syntax for type kpi.polarity: "Lower is bettr"', 'a typo is refused at input');
SELECT throws_ok($$SELECT ''::kpi.polarity$$, '22P02', NULL, 'empty is refused');
SELECT throws_ok($$SELECT 'hig'::kpi.polarity$$, '22P02', NULL, 'a prefix is refused');
CREATE TEMP TABLE ind (name text, polarity kpi.polarity NOT NULL);
SELECT throws_ok($$INSERT INTO ind VALUES ('x', 'RAG - Lower is good')$$, '22P02', NULL,
    'loading a misspelt polarity into a kpi.polarity column fails at load time');
INSERT INTO ind VALUES ('a', 'High is good'), ('b', 'RAG - Low is good   '), ('c', 'neutral');

-- each function taking a text polarity takes a kpi.polarity (the implicit cast)
SELECT is(array_agg(kpi.rag(90, 100, polarity) ORDER BY name), ARRAY['amber', 'green', NULL]::kpi.rag[], 'kpi.rag') FROM ind;
SELECT is(array_agg(kpi.rag_abs(92, 100, polarity, 5) ORDER BY name), ARRAY['red', 'green', NULL]::kpi.rag[], 'kpi.rag_abs') FROM ind;
SELECT is(array_agg(kpi.gap(90, 100, polarity) ORDER BY name), ARRAY[-0.1, 0.1, NULL]::float8[], 'kpi.gap') FROM ind;
SELECT is(array_agg(kpi.travel(1, 2, polarity) ORDER BY name), ARRAY['improving', 'worsening', 'increasing'], 'kpi.travel') FROM ind;
SELECT is(array_agg(kpi.compare(1, 2, 3, polarity) ORDER BY name), ARRAY['red', 'green', NULL]::kpi.rag[], 'kpi.compare') FROM ind;
SELECT is(array_agg(kpi.quartile(3, '{1,2,3}', polarity) ORDER BY name), ARRAY[1, 3, NULL], 'kpi.quartile') FROM ind;
SELECT is((SELECT kpi.peer_rank(5, p, 'High is good'::kpi.polarity) FROM unnest('{1,9}'::float8[]) p), 2::bigint, 'kpi.peer_rank');
-- and the same text spellings work as text
SELECT is(kpi.rag(90, 100, 'RAG - High is good'), 'amber'::kpi.rag, 'text: Fingertips spelling');
SELECT is(kpi.rag(90, 100, ' Low is good '), 'green'::kpi.rag, 'text: Power BI spelling with blanks');
SELECT is(kpi.rag(90, 100, 'higher'), kpi.rag(90, 100, 'higher'::kpi.polarity), 'a literal is not ambiguous (text is chosen) and gives the same');

-- comparison, grouping and sorting compare the polarity, not its spelling
SELECT is((SELECT count(*)::int FROM ind WHERE polarity = 'higher'), 1, '= with a literal in another spelling');
SELECT is('up'::kpi.polarity = 'High is good', true, 'up = High is good');
SELECT is('up'::kpi.polarity <> 'down', true, '<>');
SELECT is((SELECT count(DISTINCT p)::int FROM unnest(ARRAY['up', 'higher', 'High is good', 'low']::kpi.polarity[]) p), 2,
          'DISTINCT counts polarities');
SELECT is((SELECT array_agg(p ORDER BY p)::text FROM unnest(ARRAY['none', 'low', 'up']::kpi.polarity[]) p), '{higher,lower,none}', 'ORDER BY');
SELECT is(kpi.polarity_send('low'), '\x6c6f776572'::bytea, 'binary form is the word');

SELECT * FROM finish();
ROLLBACK;
