-- kpi.polarity: the spellings it reads (those of the text form, Fingertips'
-- polarity field and Power BI's KPI visual), its errors with SQLSTATEs, and
-- that every function taking a text polarity takes a kpi.polarity too.
-- Expected values: the spellings as Fingertips' API and Power BI print them
-- ("RAG - Low is good   " comes with trailing blanks in Fingertips'
-- indicator metadata), and the text form's own results.
BEGIN;
SELECT plan(47);

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
CREATE TEMP TABLE polarity_target (id int, p kpi.polarity);
CREATE FUNCTION pg_temp.copy_polarity(word text) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
    f text := current_setting('data_directory') || '/kpi_bad_polarity.bin';
BEGIN
    EXECUTE format('COPY (SELECT 1, %L::text) TO %L (FORMAT binary)', word, f);
    EXECUTE format('COPY polarity_target FROM %L (FORMAT binary)', f);
END $$;
SELECT throws_ok($$SELECT pg_temp.copy_polarity('High is good')$$, '22P03',
    'invalid binary value for type kpi.polarity', 'binary: only the canonical words');
SELECT lives_ok($$SELECT pg_temp.copy_polarity('none')$$, 'binary: a canonical word loads');

-- every function with a polarity argument takes it as text (so the implicit
-- cast reaches it), including those added by other capabilities (SPC)
SELECT is((SELECT string_agg(p.oid::regprocedure::text, ', ')
           FROM pg_proc p, unnest(p.proargnames, p.proargtypes::oid[]) WITH ORDINALITY AS a(name, typ, i)
           WHERE p.pronamespace = 'kpi'::regnamespace AND a.name = 'polarity' AND a.typ <> 'text'::regtype),
          NULL, 'no function takes its polarity as anything but text');
SELECT ok((SELECT count(*) FROM pg_proc p WHERE p.pronamespace = 'kpi'::regnamespace AND 'polarity' = ANY (p.proargnames)) >= 10,
          'the check above sees the polarity functions');
SELECT is((SELECT castcontext::text FROM pg_cast WHERE castsource = 'kpi.polarity'::regtype AND casttarget = 'text'::regtype),
          'i', 'the cast kpi.polarity -> text is implicit');
SELECT is((SELECT array_agg((x).variation ORDER BY m)::text FROM
             (SELECT m, kpi.xmr(v, m, 'High is good'::kpi.polarity) OVER () AS x
              FROM unnest('{1,2,3,2,1,2,3,2,1,2,3,2,9}'::float8[]) WITH ORDINALITY AS t(v, m)) s),
          (SELECT array_agg((x).variation ORDER BY m)::text FROM
             (SELECT m, kpi.xmr(v, m, 'higher') OVER () AS x
              FROM unnest('{1,2,3,2,1,2,3,2,1,2,3,2,9}'::float8[]) WITH ORDINALITY AS t(v, m)) s),
          'kpi.xmr (SPC) takes a kpi.polarity and gives what the text polarity gives');
SELECT is(kpi.xmr_summary(kpi.series(v, m::float8), 'RAG - Low is good'::kpi.polarity)::text,
          kpi.xmr_summary(kpi.series(v, m::float8), 'lower')::text, 'kpi.xmr_summary takes a kpi.polarity')
FROM unnest('{1,2,3,2,1,2,3,2,1,2,3,2,9}'::float8[]) WITH ORDINALITY AS t(v, m);
SELECT is(kpi.score(90, 100, 'High is good'::kpi.polarity, 'met'), 'red'::kpi.rag, 'kpi.score takes a kpi.polarity');

SELECT * FROM finish();
ROLLBACK;
