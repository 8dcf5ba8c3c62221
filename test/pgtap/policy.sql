-- Scoring policies (kpi.policy, kpi.score), BRAG blue, the integer cast and
-- colour codes of kpi.rag, kpi.travel/kpi.arrow with a tolerance.
-- Expected values by hand calculation (shown beside each case); band edges
-- are cases where binary floating point decides the other way.
BEGIN;
SELECT plan(109);

-- the text form: canonical output
SELECT is(p::kpi.policy::text, want, format('policy %L prints as %L', p, want))
FROM (VALUES ('relative', 'relative 0.1'), ('Relative 10%', 'relative 0.1'), ('relative 33.3%', 'relative 0.333'),
             ('relative 0.05, cumulative', 'relative 0.05 cumulative'), ('absolute 2 stretch 98', 'absolute 2 stretch 98'),
             ('MET', 'met'), ('met stretch 95 cumulative', 'met cumulative stretch 95'), ('absolute -0', 'absolute 0'),
             ('  relative   0.1  ', 'relative 0.1')) AS t(p, want);
SELECT throws_ok($$SELECT 'relative foo'::kpi.policy$$, '22P02', 'invalid input syntax for type kpi.policy: "relative foo"', 'unknown word');
SELECT throws_ok($$SELECT 'absolute'::kpi.policy$$, '22P02', NULL, 'absolute needs its tolerance');
SELECT throws_ok($$SELECT 'relative -0.1'::kpi.policy$$, '22P02', NULL, 'negative tolerance');
SELECT throws_ok($$SELECT 'met stretch'::kpi.policy$$, '22P02', NULL, 'stretch needs a value');
SELECT throws_ok($$SELECT 'met stretch NaN'::kpi.policy$$, '22P02', NULL, 'stretch must be finite');
SELECT throws_ok($$SELECT 'met cumulative cumulative'::kpi.policy$$, '22P02', NULL, 'an option twice');
SELECT throws_ok($$SELECT ''::kpi.policy$$, '22P02', NULL, 'empty');
SELECT throws_ok($$SELECT 'banded'::kpi.policy$$, '22P02', NULL, 'unknown method');
SELECT throws_ok($$SELECT 'relative 1e400'::kpi.policy$$, '22P02', 'invalid input syntax for type kpi.policy: "relative 1e400"',
    'a tolerance beyond float8''s range');
SELECT throws_ok($$SELECT 'absolute 2x'::kpi.policy$$, '22P02', NULL, 'a tolerance that is no number');
SELECT is('relative 10%'::kpi.policy = 'relative 0.1', true, 'equal policies in two spellings are equal');
SELECT is((SELECT count(DISTINCT p)::int FROM unnest('{relative,relative 0.1,met,"met "}'::kpi.policy[]) p), 2, 'DISTINCT');

-- relative (kpi.rag's band): 95.26 vs lower-is-better 86.6 is worse by 8.66 = 10% of 86.6: amber
SELECT is(kpi.score(95.26, 86.6, 'lower', 'relative'), 'amber'::kpi.rag, 'relative: the band edge is amber (decimal)');
SELECT is(kpi.score(95.27, 86.6, 'lower', 'relative'), 'red'::kpi.rag, 'relative: beyond the edge is red');
SELECT is(kpi.score(86.6, 86.6, 'lower', 'relative 0'), 'green'::kpi.rag, 'relative 0: on target is green');
-- absolute, in the measure's units: bed occupancy 100% vs 92% ±5 points: 8 points worse: red
SELECT is(kpi.score(100, 92, 'lower', 'absolute 5'), 'red'::kpi.rag, 'absolute: 8 points over a 92% standard with 5 points of band: red');
SELECT is(kpi.score(97, 92, 'lower', 'absolute 5'), 'amber'::kpi.rag, 'absolute: exactly 5 points over: amber');
SELECT is(kpi.score(97.01, 92, 'lower', 'absolute 5'), 'red'::kpi.rag, 'absolute: 5.01 points over: red');
-- 95.26 - 86.6 = 8.66 in decimal, 8.660000000000011 in binary
SELECT is(kpi.score(95.26, 86.6, 'lower', 'absolute 8.66'), 'amber'::kpi.rag, 'absolute: the edge is decided in decimal');
SELECT is(kpi.score(27.9, 31, 'higher', 'absolute 3.1'), 'amber'::kpi.rag, 'absolute, higher: 31 - 27.9 = 3.1: amber');
-- met / not met
SELECT is(kpi.score(100, 100, 'higher', 'met'), 'green'::kpi.rag, 'met: on target');
SELECT is(kpi.score(99.99, 100, 'higher', 'met'), 'red'::kpi.rag, 'met: just short is red, never amber');
SELECT is(kpi.score(0.3, 0.3, 'lower', 'met'), 'green'::kpi.rag, 'met, lower: on target');
-- BRAG: blue when on or better than the stretch target
SELECT is(kpi.score(98, 95, 'higher', 'relative stretch 98'), 'blue'::kpi.rag, 'stretch met exactly: blue');
SELECT is(kpi.score(97.99, 95, 'higher', 'relative stretch 98'), 'green'::kpi.rag, 'target met, stretch not: green');
SELECT is(kpi.score(94, 95, 'higher', 'relative stretch 98'), 'amber'::kpi.rag, 'within the band: amber');
SELECT is(kpi.score(2, 5, 'lower', 'met stretch 2'), 'blue'::kpi.rag, 'lower is better: at the stretch: blue');
-- cumulative, against the trajectory to date: 0.7 × 3/12 = 0.175 (end of June, FY from April);
-- in binary 0.7 * 3 / 12 = 0.17499999999999996, so 0.175 would be red
SELECT is(kpi.score(0.175, 0.7, 'lower', 'met cumulative', '2024-06-30'), 'green'::kpi.rag, 'cumulative: exactly on the trajectory (decimal)');
SELECT is(kpi.score(0.1751, 0.7, 'lower', 'met cumulative', '2024-06-30'), 'red'::kpi.rag, 'cumulative met: over the trajectory is red');
-- 560.8 × 6/12 = 280.4 at 30 September; relative band 10% of 280.4 = 28.04: edge 308.44
SELECT is(kpi.score(308.44, 560.8, 'lower', 'relative cumulative', '2024-09-30'), 'amber'::kpi.rag, 'cumulative relative: the band edge (308.44) is amber');
SELECT is(kpi.score(308.45, 560.8, 'lower', 'relative cumulative', '2024-09-30'), 'red'::kpi.rag, 'cumulative relative: beyond is red');
SELECT is(kpi.score(280.4, 560.8, 'lower', 'relative cumulative', '2024-09-30'), 'green'::kpi.rag, 'cumulative: the report''s trajectory of 280.4');
-- absolute band is not pro-rated: trajectory 600 (1200 × 6/12) + 5
SELECT is(kpi.score(605, 1200, 'lower', 'absolute 5 cumulative', '2024-09-15'), 'amber'::kpi.rag, 'cumulative absolute: 600 + 5 is amber');
SELECT is(kpi.score(605.01, 1200, 'lower', 'absolute 5 cumulative', '2024-09-15'), 'red'::kpi.rag, 'cumulative absolute: 600 + 5.01 is red');
-- stretch pro-rated too: 1000 × 6/12 = 500
SELECT is(kpi.score(500, 800, 'higher', 'met cumulative stretch 1000', '2024-09-30'), 'blue'::kpi.rag, 'cumulative stretch to date met: blue');
SELECT is(kpi.score(499.99, 800, 'higher', 'met cumulative stretch 1000', '2024-09-30'), 'green'::kpi.rag, 'cumulative: 400 met, 500 not: green');
-- calendar year (start_month 1): June is month 6 of 12: 0.7 × 6/12 = 0.35
SELECT is(kpi.score(0.35, 0.7, 'lower', 'met cumulative', '2024-06-30', 1), 'green'::kpi.rag, 'cumulative with start_month 1');
SELECT is(kpi.score(0.35, 0.7, 'lower', 'met cumulative', '2025-03-31'), 'green'::kpi.rag, 'cumulative at year end: the target itself');
-- NULLs and errors
SELECT is(kpi.score(NULL, 1, 'lower', 'met'), NULL, 'NULL actual: NULL');
SELECT is(kpi.score(1, NULL, 'lower', 'met'), NULL, 'NULL target (no comparator): NULL');
SELECT is(kpi.score(1, 1, NULL, 'met'), NULL, 'NULL polarity: NULL');
SELECT is(kpi.score(1, 1, 'lower', NULL), NULL, 'NULL policy: NULL');
SELECT is(kpi.score(1, 2, 'none', 'met'), NULL, 'polarity none: never scored');
SELECT throws_ok($$SELECT kpi.score(NULL, 78, 'bogus', 'met')$$, '22023', 'invalid polarity: "bogus"', 'a misspelt polarity is an error even without a value');
SELECT throws_ok($$SELECT kpi.score(1, 1, 'lower', 'met cumulative')$$, '22023',
    'a cumulative policy needs the date of the period (as_of)', 'cumulative without as_of');
SELECT throws_ok($$SELECT kpi.score(1, 1, 'lower', 'met cumulative', '2024-06-30', 13)$$, '22023', NULL, 'bad start_month');
SELECT throws_ok($$SELECT kpi.score('NaN', 1, 'lower', 'met')$$, '22023', 'actual value must be a finite number, not NaN', 'NaN actual');

-- kpi.rag: blue, the integer cast, colours
SELECT is(array_agg(r ORDER BY r)::text, '{red,amber,green,blue}', 'blue sorts after green')
FROM unnest('{blue,green,red,amber}'::kpi.rag[]) r;
SELECT is(array_agg(r::int ORDER BY r), ARRAY[1, 2, 3, 4], 'cast to integer: red 1, amber 2, green 3, blue 4')
FROM unnest('{blue,green,red,amber}'::kpi.rag[]) r;
SELECT is(kpi.symbol('blue') || kpi.label('b') || 'B'::kpi.rag::text || '🔵'::kpi.rag::text, '🔵Blueblueblue', 'blue spellings, symbol and label');
SELECT is(kpi.best(r), 'blue'::kpi.rag, 'best') FROM unnest('{green,blue,red}'::kpi.rag[]) r;
SELECT is(kpi.rag_summary(r), '1 Red, 0 Amber, 1 Green, 2 Blue, 1 Unrated', 'rag_summary counts blue')
FROM unnest('{blue,green,red,blue,NULL}'::kpi.rag[]) r;
-- kpi.rag_counts is 0.1.0's four columns and counts blue as green (by hand:
-- {blue,green,red,blue,NULL} is 1 red, 0 amber, 1 green + 2 blue, 1 unrated);
-- kpi.brag_counts counts blue apart
SELECT is(kpi.rag_counts(r)::text, '(1,0,3,1)', 'rag_counts counts blue as green')
FROM unnest('{blue,green,red,blue,NULL}'::kpi.rag[]) r;
SELECT is(kpi.brag_counts(r)::text, '(1,0,1,1,2)', 'brag_counts counts blue apart')
FROM unnest('{blue,green,red,blue,NULL}'::kpi.rag[]) r;
SELECT is((SELECT (c).red + (c).amber + (c).green + (c).unrated) , 5::bigint, 'rag_counts: red + amber + green + unrated = count(*) with blue ratings')
FROM (SELECT kpi.rag_counts(r) AS c FROM unnest('{blue,green,red,blue,NULL}'::kpi.rag[]) r) s;
SELECT is((SELECT array_agg(a.attname::text || ' ' || format_type(a.atttypid, a.atttypmod) ORDER BY a.attnum)
           FROM pg_attribute a WHERE a.attrelid = 'kpi.rag_counts'::regclass AND a.attnum > 0 AND NOT a.attisdropped),
          '{"red bigint","amber bigint","green bigint","unrated bigint"}', 'kpi.rag_counts has 0.1.0''s four attributes');
SELECT is((SELECT array_agg(a.attname::text || ' ' || format_type(a.atttypid, a.atttypmod) ORDER BY a.attnum)
           FROM pg_attribute a WHERE a.attrelid = 'kpi.brag_counts'::regclass AND a.attnum > 0 AND NOT a.attisdropped),
          '{"red bigint","amber bigint","green bigint","unrated bigint","blue bigint"}', 'kpi.brag_counts: the four and blue');
-- a value as 0.1.0 printed it (and pg_dump wrote it) reads back
SELECT is('(1,2,3,4)'::kpi.rag_counts, ROW(1, 2, 3, 4)::kpi.rag_counts, 'a 0.1.0 kpi.rag_counts text value "(1,2,3,4)" loads');
SELECT is(kpi.rag_counts_final('{1,2,3,4}')::text, '(2,3,4,1)', 'a 0.1.0 state (bigint[4]) in rag_counts');
SELECT is(kpi.brag_counts_final('{1,2,3,4}')::text, '(2,3,4,1,0)', 'a 0.1.0 state (bigint[4]) in brag_counts reads as no blue');
SELECT is(kpi.rag_counts_final('{1,2,3,4,5}')::text, '(2,3,9,1)', 'a state with blue: green 4 + blue 5 in rag_counts');
SELECT is(kpi.brag_counts_final('{1,2,3,4,5}')::text, '(2,3,4,1,5)', 'and apart in brag_counts');
SELECT throws_ok($$SELECT kpi.rag_counts_final('{0,0,0,9223372036854775807,1}')$$, '22003',
                 'kpi.rag_counts: count out of range for type bigint', 'green + blue beyond bigint (a crafted state)');
SELECT throws_ok($$SELECT kpi.brag_counts_final('{0,0,-1,0,0}')$$, '22023', 'kpi.brag_counts: invalid transition state', 'brag_counts_final checks the state');
SELECT is(kpi.rag_counts_combine('{1,2,3,4}', '{0,0,0,0,5}')::text, '{1,2,3,4,5}', 'combining a 0.1.0 state with a 0.2.0 one');
-- as window functions (moving frame, the inverse removes blue rows too)
-- against count(*) FILTER OVER
SELECT is(bool_and(same), true, 'rag_counts and brag_counts over a moving frame equal count(*) FILTER')
FROM (SELECT kpi.rag_counts(r) OVER w = ROW(count(*) FILTER (WHERE r = 'red') OVER w, count(*) FILTER (WHERE r = 'amber') OVER w,
                                           count(*) FILTER (WHERE r >= 'green') OVER w, count(*) FILTER (WHERE r IS NULL) OVER w)::kpi.rag_counts
             AND kpi.brag_counts(r) OVER w = ROW(count(*) FILTER (WHERE r = 'red') OVER w, count(*) FILTER (WHERE r = 'amber') OVER w,
                                                 count(*) FILTER (WHERE r = 'green') OVER w, count(*) FILTER (WHERE r IS NULL) OVER w,
                                                 count(*) FILTER (WHERE r = 'blue') OVER w)::kpi.brag_counts AS same
      FROM unnest('{blue,red,blue,green,NULL,blue,amber,blue,blue,red}'::kpi.rag[]) WITH ORDINALITY AS u(r, i)
      WINDOW w AS (ORDER BY i ROWS BETWEEN 2 PRECEDING AND CURRENT ROW)) s;
-- GOV.UK Design System ($govuk-colours) and Fingertips (fingertipscharts scale_fill_phe)
SELECT is(array_agg(kpi.colour(r) ORDER BY r), ARRAY['#d4351c', '#f47738', '#00703c', '#1d70b8'], 'GOV.UK colours')
FROM unnest('{red,amber,green,blue}'::kpi.rag[]) r;
SELECT is(array_agg(kpi.colour(r, 'Fingertips') ORDER BY r), ARRAY['#C00000', '#FFC000', '#92D050', '#5555E6'], 'Fingertips colours')
FROM unnest('{red,amber,green,blue}'::kpi.rag[]) r;
SELECT throws_ok($$SELECT kpi.colour('red', 'ral')$$, '22023', 'unknown palette "ral"', 'unknown palette');

-- travel and arrow with a tolerance: 0.3 - 0.1 = 0.2 in decimal (0.19999999999999998 in binary)
SELECT is(kpi.travel(0.1, 0.3, 'higher', 0.2), 'improving', 'a change of exactly the tolerance is a change');
SELECT is(kpi.travel(0.1, 0.29, 'higher', 0.2), 'unchanged', 'a change below the tolerance is unchanged');
SELECT is(kpi.arrow(0.3, 0.1, 0.2) || kpi.arrow(0.3, 0.11, 0.2), '▼▶', 'arrow with a tolerance');
SELECT throws_ok($$SELECT kpi.travel(1, 2, 'lower', -1)$$, '22023',
    'tolerance must be a finite number greater than or equal to zero', 'travel: negative tolerance');

-- binary input (send/receive): method byte, flags byte, tolerance, stretch (float8)
CREATE TEMP TABLE policy_target (id int, p kpi.policy);
CREATE FUNCTION pg_temp.copy_policy(bytes bytea) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
    f text := current_setting('data_directory') || '/kpi_bad_policy.bin';
BEGIN
    EXECUTE format('COPY (SELECT 1, %L::bytea) TO %L (FORMAT binary)', bytes, f);
    EXECUTE format('COPY policy_target FROM %L (FORMAT binary)', f);
END $$;
SELECT lives_ok($$SELECT pg_temp.copy_policy(kpi.policy_send('absolute 2 stretch 98'))$$, 'binary: send output loads');
SELECT is((SELECT p::text FROM policy_target), 'absolute 2 stretch 98', 'and reads back the same');
SELECT throws_ok($$SELECT pg_temp.copy_policy('\x040000000000000000000000000000000000')$$, '22P03',
    'invalid binary value for type kpi.policy', 'binary: unknown method');
SELECT throws_ok($$SELECT pg_temp.copy_policy('\x0101bff00000000000000000000000000000')$$, '22P03', NULL,
    'binary: negative tolerance');
SELECT throws_ok($$SELECT pg_temp.copy_policy('\x0101')$$, '08P01', NULL, 'binary: truncated');

-- Every policy's band edge, systematically, as test/sql/scoring.sql checks
-- kpi.rag's: for 10,000 targets the value exactly on each edge is computed
-- in numeric (exact decimal) and stored as float8; one unit in its last
-- decimal further is the next rating.  Cumulative: targets k × 0.12, so the
-- trajectory k × 0.12 × m / 12 = k × m / 100 is a short decimal, as_of the
-- last day of financial month m = 1 + k % 12.
CREATE TEMP TABLE edge AS
SELECT k, k / 100.0 AS target, 1 + k % 12 AS m, k * 12 / 100.0 AS ytd_target, k * (1 + k % 12) / 100.0 AS traj,
       (DATE '2024-04-01' + ((1 + k % 12) || ' months')::interval - interval '1 day')::date AS as_of
FROM generate_series(1, 10000) AS k;
SELECT is((SELECT count(*) FILTER (WHERE kpi.score((target * 1.10)::float8, target::float8, 'lower', 'relative') = 'amber'
                                     AND kpi.score((target * 1.10 + 0.001)::float8, target::float8, 'lower', 'relative') = 'red'
                                     AND kpi.score((target * 0.95)::float8, target::float8, 'higher', 'relative 5%') = 'amber'
                                     AND kpi.score((target * 0.95 - 0.0001)::float8, target::float8, 'higher', 'relative 5%') = 'red')::int
           FROM edge), 10000, 'relative: the edge is amber, beyond it red, for 10,000 targets (10% lower, 5% higher)');
SELECT is((SELECT count(*) FILTER (WHERE kpi.score((target + 2.3)::float8, target::float8, 'lower', 'absolute 2.3') = 'amber'
                                     AND kpi.score((target + 2.31)::float8, target::float8, 'lower', 'absolute 2.3') = 'red'
                                     AND kpi.score((target - 0.7)::float8, target::float8, 'higher', 'absolute 0.7') = 'amber'
                                     AND kpi.score((target - 0.71)::float8, target::float8, 'higher', 'absolute 0.7') = 'red')::int
           FROM edge), 10000, 'absolute: the edge (target ± the band in the measure''s units) is amber, beyond it red');
SELECT is((SELECT count(*) FILTER (WHERE kpi.score(target::float8, target::float8, 'lower', 'met') = 'green'
                                     AND kpi.score((target + 0.01)::float8, target::float8, 'lower', 'met') = 'red'
                                     AND kpi.score((target - 0.01)::float8, target::float8, 'higher', 'met') = 'red')::int
           FROM edge), 10000, 'met: on target green, a hundredth worse red (never amber)');
SELECT is((SELECT count(*) FILTER (WHERE kpi.score((target * 1.2)::float8, target::float8, 'higher',
                                                   ('relative stretch ' || target * 1.2)::kpi.policy) = 'blue'
                                     AND kpi.score((target * 1.2 - 0.001)::float8, target::float8, 'higher',
                                                   ('relative stretch ' || target * 1.2)::kpi.policy) = 'green')::int
           FROM edge), 10000, 'stretch (BRAG): exactly the stretch target is blue, just short green');
SELECT is((SELECT count(*) FILTER (WHERE kpi.score(traj::float8, ytd_target::float8, 'lower', 'met cumulative', as_of) = 'green'
                                     AND kpi.score((traj + 0.01)::float8, ytd_target::float8, 'lower', 'met cumulative', as_of) = 'red'
                                     AND kpi.score((traj * 1.1)::float8, ytd_target::float8, 'lower', 'relative cumulative', as_of) = 'amber'
                                     AND kpi.score((traj * 1.1 + 0.001)::float8, ytd_target::float8, 'lower', 'relative cumulative', as_of) = 'red'
                                     AND kpi.score((traj - 2)::float8, ytd_target::float8, 'higher', 'absolute 2 cumulative', as_of) = 'amber'
                                     AND kpi.score((traj - 2.01)::float8, ytd_target::float8, 'higher', 'absolute 2 cumulative', as_of) = 'red'
                                     AND kpi.score((traj * 1.5)::float8, ytd_target::float8, 'higher',
                                                   ('met cumulative stretch ' || ytd_target * 1.5)::kpi.policy, as_of) = 'blue'
                                     AND kpi.score((traj * 1.5 - 0.001)::float8, ytd_target::float8, 'higher',
                                                   ('met cumulative stretch ' || ytd_target * 1.5)::kpi.policy, as_of) = 'green')::int
           FROM edge), 10000, 'cumulative: the trajectory to date, its relative and absolute bands and the pro-rated stretch, exact');
-- the edges above are ones binary floating point gets wrong
SELECT ok((SELECT count(*) FILTER (WHERE (target * 1.10)::float8 - target::float8 > 0.10::float8 * target::float8) > 0
              AND count(*) FILTER (WHERE traj::float8 * 12 <> ytd_target::float8 * m) > 0
           FROM edge), 'the naive float8 comparisons disagree with the decimal edges above for some targets');

-- more errors with their SQLSTATEs
SELECT throws_ok($$SELECT kpi.score(1, 'Infinity', 'lower', 'met')$$, '22023', 'target must be a finite number, not Infinity', 'infinite target');
SELECT throws_ok($$SELECT kpi.score(1, 2, 'lower', 'met cumulative', 'infinity')$$, '22023',
    'the date must be finite, not infinity', 'cumulative: infinite as_of');
SELECT throws_ok($$SELECT kpi.score(1, 2, 'lower', 'met', NULL, 0)$$, '22023',
    'start_month must be between 1 and 12, not 0', 'a bad start_month is refused whatever the policy');
SELECT is(kpi.score(1, 2, 'lower', 'relative cumulative', '2024-09-30', NULL), NULL, 'NULL start_month: NULL, as the period functions');
SELECT is(kpi.score(1, 2, 'lower', 'met', NULL, NULL), NULL, 'NULL start_month, not cumulative: NULL');
SELECT throws_ok($$SELECT kpi.arrow(1, 2, -0.5)$$, '22023',
    'tolerance must be a finite number greater than or equal to zero', 'arrow: negative tolerance');
SELECT throws_ok($$SELECT kpi.arrow(1, 2, 'NaN')$$, '22023',
    'tolerance must be a finite number greater than or equal to zero', 'arrow: NaN tolerance');
SELECT throws_ok($$SELECT kpi.travel(1, 2, 'lower', 'Infinity')$$, '22023',
    'tolerance must be a finite number greater than or equal to zero', 'travel: infinite tolerance');
SELECT throws_ok($$SELECT kpi.arrow(1, 'NaN', 0.5)$$, '22023', 'latest value must be a finite number, not NaN', 'arrow with a tolerance: NaN latest');
SELECT is(kpi.travel(2, 1.9, 'lower', 0.1) || ',' || kpi.travel(2, 1.91, 'lower', 0.1) || ',' || kpi.travel(2, 2.1, 'none', 0.1),
          'improving,unchanged,increasing', 'travel with a tolerance, lower is better and none: 2 - 1.9 = 0.1 is a change, 0.09 is not');
SELECT throws_ok($$SELECT kpi.rag_counts_accum_inv('{0,0,0,0}', 'red')$$, '22023',
    'kpi.rag_counts: removing a row that was never counted', 'inverse transition: a rating never counted');
SELECT throws_ok($$SELECT kpi.rag_counts_accum_inv('{0,0,0,0}', 'blue')$$, '22023',
    'kpi.rag_counts: removing a row that was never counted', 'inverse transition: a blue never counted (0.1.0 state)');
SELECT throws_ok($$SELECT kpi.rag_counts_accum(NULL, 'red')$$, '22004',
    'kpi.rag_counts: transition state must not be NULL', 'transition: NULL state');
SELECT throws_ok($$SELECT kpi.rag_counts_accum_inv(NULL, 'red')$$, '22004',
    'kpi.rag_counts: transition state must not be NULL', 'inverse transition: NULL state');
SELECT throws_ok($$SELECT kpi.colour('red', ' GOVUK ')$$, '22023', 'unknown palette " GOVUK "', 'colour: the palette is a word, not padded');
SELECT is(kpi.colour('blue', 'GOVUK') || kpi.colour('amber', 'fingertips'), '#1d70b8#FFC000', 'colour: palette names in any case');

SELECT * FROM finish();
ROLLBACK;
