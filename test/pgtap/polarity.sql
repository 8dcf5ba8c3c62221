-- kpi.polarity: the spellings it reads (those of the text form, Fingertips'
-- polarity field and Power BI's KPI visual), its errors with SQLSTATEs, and
-- that every function taking a text polarity takes a kpi.polarity too.
-- Expected values: the spellings as Fingertips' API and Power BI print them
-- ("RAG - Low is good   " comes with trailing blanks in Fingertips'
-- indicator metadata), and the text form's own results.
BEGIN;
SELECT plan(58);

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

-- the rest of the polarity-taking functions, each family called with a
-- kpi.polarity column (Fingertips' and Power BI's spellings, and neutral)
-- and with the canonical text word: the answers must be the same
CREATE TEMP TABLE pol (p kpi.polarity, word text);
INSERT INTO pol VALUES ('High is good', 'higher'), ('RAG - Low is good   ', 'lower'), ('neutral', 'none');
CREATE TEMP TABLE pts AS
SELECT i, (DATE '2023-03-01' + (i || ' months')::interval)::date AS d, v, 100 + i AS n
FROM unnest('{5,6,5,7,6,5,6,7,8,9,10,11,12,13,9}'::float8[]) WITH ORDINALITY AS t(v, i);
SELECT is(string_agg(concat_ws('|', kpi.travel(1, 1.05, p, 0.1), kpi.travel(1, 1.5, p, 0.1)), ';' ORDER BY word),
          string_agg(concat_ws('|', kpi.travel(1, 1.05, word, 0.1), kpi.travel(1, 1.5, word, 0.1)), ';' ORDER BY word),
          'kpi.travel with a tolerance') FROM pol;
SELECT is(string_agg(concat_ws('|', kpi.compare(kpi.wilson_ci(65, 100), 0.5, p), kpi.compare_proportion(79, 150, 0.56, p),
                               kpi.compare_rate(472, 49800, 10000, 71, p),
                               kpi.compare_two_level(28.49, 22.3, 35.9, 19.5, 39.9, 14.45, p)), ';' ORDER BY word),
          string_agg(concat_ws('|', kpi.compare(kpi.wilson_ci(65, 100), 0.5, word), kpi.compare_proportion(79, 150, 0.56, word),
                               kpi.compare_rate(472, 49800, 10000, 71, word),
                               kpi.compare_two_level(28.49, 22.3, 35.9, 19.5, 39.9, 14.45, word)), ';' ORDER BY word),
          'kpi.compare(ci), kpi.compare_proportion, kpi.compare_rate, kpi.compare_two_level') FROM pol;
SELECT is((SELECT string_agg(x, ';' ORDER BY word, i) FROM
             (SELECT word, i, concat_ws('|', kpi.compare_rolling_rate(v, n, 1000, 50, p) OVER w,
                                         kpi.compare_pooled_rate(v, n, 1000, 50, p) OVER w) AS x
              FROM pol, pts WINDOW w AS (PARTITION BY word ORDER BY i ROWS 2 PRECEDING)) s),
          (SELECT string_agg(x, ';' ORDER BY word, i) FROM
             (SELECT word, i, concat_ws('|', kpi.compare_rolling_rate(v, n, 1000, 50, word) OVER w,
                                         kpi.compare_pooled_rate(v, n, 1000, 50, word) OVER w) AS x
              FROM pol, pts WINDOW w AS (PARTITION BY word ORDER BY i ROWS 2 PRECEDING)) s),
          'kpi.compare_rolling_rate, kpi.compare_pooled_rate (window functions)');
SELECT is((SELECT string_agg(concat_ws('|', r1, r2), ';' ORDER BY word) FROM
             (SELECT word, kpi.recent_trend(v, v - 1, v + 1, d, p) AS r1, kpi.recent_trend(v, n, d, p) AS r2
              FROM pol, pts GROUP BY word) s),
          (SELECT string_agg(concat_ws('|', r1, r2), ';' ORDER BY word) FROM
             (SELECT word, kpi.recent_trend(v, v - 1, v + 1, d, word) AS r1, kpi.recent_trend(v, n, d, word) AS r2
              FROM pol, pts GROUP BY word) s),
          'kpi.recent_trend, both forms (aggregates)');
SELECT is((SELECT string_agg(x, ';' ORDER BY word, i) FROM
             (SELECT word, i, concat_ws('|', (kpi.xmr(v, d, p) OVER w).variation, (kpi.t_chart(d, p) OVER w).variation,
                                        (kpi.g_chart(v, d, p) OVER w).variation, (kpi.p_chart(v, n, d, p) OVER w).variation,
                                        (kpi.u_chart(v, n, d, p) OVER w).variation) AS x
              FROM pol, pts WINDOW w AS (PARTITION BY word)) s),
          (SELECT string_agg(x, ';' ORDER BY word, i) FROM
             (SELECT word, i, concat_ws('|', (kpi.xmr(v, d, word) OVER w).variation, (kpi.t_chart(d, word) OVER w).variation,
                                        (kpi.g_chart(v, d, word) OVER w).variation, (kpi.p_chart(v, n, d, word) OVER w).variation,
                                        (kpi.u_chart(v, n, d, word) OVER w).variation) AS x
              FROM pol, pts WINDOW w AS (PARTITION BY word)) s),
          'kpi.xmr over dates, kpi.t_chart, kpi.g_chart, kpi.p_chart, kpi.u_chart (window functions)');
SELECT is((SELECT string_agg(x.variation, ',' ORDER BY word, x.period) FROM pol, kpi.xmr_points((SELECT kpi.series(v, d) FROM pts), p) x),
          (SELECT string_agg(x.variation, ',' ORDER BY word, x.period) FROM pol, kpi.xmr_points((SELECT kpi.series(v, d) FROM pts), word) x),
          'kpi.xmr_points');
SELECT is((SELECT string_agg(concat_ws('|', e.forecast, e.forecast_rag), ';' ORDER BY word)
           FROM pol, kpi.trend_year_end((SELECT kpi.trend(v, d) FROM pts), 12, p) e),
          (SELECT string_agg(concat_ws('|', e.forecast, e.forecast_rag), ';' ORDER BY word)
           FROM pol, kpi.trend_year_end((SELECT kpi.trend(v, d) FROM pts), 12, word) e),
          'kpi.trend_year_end');
SELECT is((SELECT string_agg(concat_ws('|', e.latest_rag, e.forecast_rag), ';' ORDER BY word)
           FROM pol, kpi.ets_year_end((SELECT kpi.series(v, d) FROM pts), 12, p, model => 'ANN') e),
          (SELECT string_agg(concat_ws('|', e.latest_rag, e.forecast_rag), ';' ORDER BY word)
           FROM pol, kpi.ets_year_end((SELECT kpi.series(v, d) FROM pts), 12, word, model => 'ANN') e),
          'kpi.ets_year_end');
SELECT is((SELECT string_agg(md5(kpi.svg_xmr((SELECT kpi.series(v, d) FROM pts), p)), ',' ORDER BY word) FROM pol),
          (SELECT string_agg(md5(kpi.svg_xmr((SELECT kpi.series(v, d) FROM pts), word)), ',' ORDER BY word) FROM pol),
          'kpi.svg_xmr');
-- and the comparisons are not all NULL or alike (the cases above bite): higher
-- and lower score the same figures differently
SELECT isnt(kpi.compare_rate(472, 49800, 10000, 71, 'High is good'::kpi.polarity),
            kpi.compare_rate(472, 49800, 10000, 71, 'RAG - Low is good'::kpi.polarity), 'higher and lower differ');
SELECT is(kpi.compare_two_level(28.49, 22.3, 35.9, 19.5, 39.9, 14.45, 'Low is good'::kpi.polarity), 'Worse 99.8%',
          'kpi.compare_two_level with Power BI''s Low is good (the README''s alcohol mortality: Worse 99.8%)');

SELECT * FROM finish();
ROLLBACK;
