-- kpi.trend text input refuses states no data could produce (issue 9,
-- item 8), with 22P02 like its other checks, and still reads back every
-- state the aggregates build.
BEGIN;
SET search_path = public, kpi;
SELECT plan(12);

-- impossible states: the largest x below the mean, or further above it than
-- the spread allows; negative sums of squares; an empty trend with sums;
-- one point with a spread
SELECT throws_ok($$SELECT '(float8,n=3,x0=1,y0=2,xmax=3,mx=3.6666666666666665,my=0.6666666666666666,sxx=40.666666666666664,syy=8.666666666666666,sxy=-7.333333333333333)'::kpi.trend$$,
                 '22P02', NULL, 'trend input: largest x below the mean');
SELECT throws_ok($$SELECT '(date,n=2,x0=19000,y0=1,xmax=-5,mx=0.5,my=0,sxx=0.5,syy=0,sxy=0)'::kpi.trend$$,
                 '22P02', NULL, 'trend input: largest x below the mean (date)');
-- three points with sxx = 2 (e.g. x = -1, 0, 1) cannot reach 10 above their mean
SELECT throws_ok($$SELECT '(float8,n=3,x0=0,y0=0,xmax=10,mx=0,my=0,sxx=2,syy=2,sxy=2)'::kpi.trend$$,
                 '22P02', NULL, 'trend input: largest x further above the mean than sqrt(sxx)');
SELECT throws_ok($$SELECT '(float8,n=5,x0=0,y0=0,xmax=1,mx=0,my=0,sxx=0,syy=0,sxy=0)'::kpi.trend$$,
                 '22P02', NULL, 'trend input: equal x (sxx = 0) but xmax above the mean');
SELECT throws_ok($$SELECT '(float8,n=3,x0=0,y0=0,xmax=1,mx=0,my=0,sxx=-1,syy=0,sxy=0)'::kpi.trend$$,
                 '22P02', NULL, 'trend input: negative sxx');
SELECT throws_ok($$SELECT '(float8,n=3,x0=0,y0=0,xmax=1,mx=0,my=0,sxx=2,syy=-1e-300,sxy=0)'::kpi.trend$$,
                 '22P02', NULL, 'trend input: negative syy');
SELECT throws_ok($$SELECT '(float8,n=0,x0=0,y0=0,xmax=0,mx=0,my=0,sxx=1,syy=0,sxy=0)'::kpi.trend$$,
                 '22P02', NULL, 'trend input: n = 0 with a sum of squares');
SELECT throws_ok($$SELECT '(float8,n=1,x0=0,y0=0,xmax=2,mx=1,my=0,sxx=0,syy=0,sxy=0)'::kpi.trend$$,
                 '22P02', NULL, 'trend input: one point with xmax above mx');

-- what the aggregates build reads back: plain, rolled up, and the states of
-- moving window frames (offsets that follow the means; frames ordered
-- ascending and descending), over float8, date and timestamptz x
SELECT setseed(0.31);
CREATE TEMP TABLE pts AS
SELECT g, i, (random() * 10 ^ (random() * 6) - 50) AS y,
       CASE g % 3 WHEN 0 THEN i::float8 ELSE 1.7e9 + i * 86400 + random() END AS x,
       DATE '2020-01-01' + i AS d, TIMESTAMPTZ '2020-01-01' + i * INTERVAL '37 minutes' AS t
FROM generate_series(1, 30) AS g, generate_series(1, 300) AS i;
SELECT is((SELECT count(*) FROM (
               SELECT kpi.trend(y, x) AS s FROM pts GROUP BY g
               UNION ALL SELECT kpi.trend(y, d) FROM pts GROUP BY g
               UNION ALL SELECT kpi.trend(y, t) FROM pts GROUP BY g % 7) u
           WHERE s::text::kpi.trend::text <> s::text),
          0::bigint, 'trend input: every aggregated state reads back');
SELECT is((SELECT count(*) FROM (
               SELECT kpi.trend(y, x) OVER (PARTITION BY g ORDER BY i ROWS 20 PRECEDING) AS s FROM pts
               UNION ALL
               SELECT kpi.trend(y, x) OVER (PARTITION BY g ORDER BY i DESC ROWS 7 PRECEDING) FROM pts
               UNION ALL
               SELECT kpi.trend(y, d) OVER (PARTITION BY g ORDER BY i ROWS BETWEEN 5 PRECEDING AND 5 FOLLOWING) FROM pts) u
           WHERE s::text::kpi.trend::text <> s::text),
          0::bigint, 'trend input: every window frame state reads back');
SELECT is((SELECT kpi.rollup(s)::text::kpi.trend::text = kpi.rollup(s)::text
           FROM (SELECT kpi.trend(y, x) AS s FROM pts GROUP BY g, i % 5) u),
          true, 'trend input: a rolled-up state reads back');
SELECT is((SELECT count(*) FROM (SELECT kpi.trend(1.0, 5.0) AS s FROM generate_series(1, 1000)) u
           WHERE s::text::kpi.trend::text <> s::text),
          0::bigint, 'trend input: equal x (xmax = mx, sxx = 0) reads back');

SELECT * FROM finish();
ROLLBACK;
