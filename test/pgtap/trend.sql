-- kpi.trend, its accessors, the trend tests, periods and sparklines:
-- behaviour and every error with its SQLSTATE.
BEGIN;
SET search_path = public, kpi;
SELECT plan(73);

-- NaN and infinite inputs
SELECT throws_ok($$SELECT kpi.trend('NaN'::float8, 1.0)$$, '22023', 'y must be a finite number, not NaN', 'trend: NaN y');
SELECT throws_ok($$SELECT kpi.trend(1.0, 'Infinity'::float8)$$, '22023', 'x must be a finite number, not Infinity', 'trend: infinite x');
SELECT throws_ok($$SELECT kpi.trend(1.0, '-infinity'::float8)$$, '22023', 'x must be a finite number, not -Infinity', 'trend: -infinite x');
SELECT throws_ok($$SELECT kpi.trend(1.0, 'infinity'::date)$$, '22023', 'x must be a finite date, not infinity', 'trend: infinite date');
SELECT throws_ok($$SELECT kpi.trend(1.0, '-infinity'::timestamptz)$$, '22023', 'x must be a finite timestamp, not -infinity', 'trend: infinite timestamp');
SELECT throws_ok($$SELECT kpi.trend(v, 1.0) OVER (ROWS 2 PRECEDING) FROM (VALUES (1.0), ('NaN')) t(v)$$, '22023', NULL, 'trend as a window: NaN y');
SELECT throws_ok($$SELECT kpi.trend(1e300 * x, x) FROM generate_series(1, 3) x$$, '22003', 'value out of range: overflow', 'trend: overflow of the co-moments');

-- mixing x kinds
SELECT throws_ok($$SELECT kpi.rollup(t) FROM (SELECT kpi.trend(1.0, 1.0) UNION ALL SELECT kpi.trend(1.0, DATE '2024-01-01')) s(t)$$,
                 '42804', 'cannot combine a kpi.trend over float8 x with one over date x', 'rollup: float8 with date');
SELECT throws_ok($$SELECT kpi.rollup(t) FROM (SELECT kpi.trend(1.0, DATE '2024-01-01') UNION ALL SELECT kpi.trend(1.0, now())) s(t)$$,
                 '42804', NULL, 'rollup: date with timestamptz');
SELECT throws_ok($$SELECT kpi.trend_combine(kpi.trend(1.0, 1.0), kpi.trend(1.0, now()))$$, '42804', NULL, 'combine called directly: float8 with timestamptz');
SELECT throws_ok($$SELECT kpi.trend_accum(kpi.trend(1.0, 1.0), 2.0, DATE '2024-01-01')$$, '42804',
                 'cannot add a row with date x to a kpi.trend over float8 x', 'transition called directly on the wrong kind');

-- counts that would overflow int8 (a state read from text may claim any n)
SELECT throws_ok($$SELECT kpi.rollup(t) FROM (VALUES ('(float8,n=9223372036854775807,x0=0,y0=0,xmax=2,mx=1,my=0,sxx=1,syy=1,sxy=0)'::kpi.trend),
                                                     ('(float8,n=1,x0=0,y0=0,xmax=0,mx=0,my=0,sxx=0,syy=0,sxy=0)')) v(t)$$,
                 '22003', 'value out of range: overflow', 'rollup: the count overflows');
SELECT throws_ok($$SELECT kpi.trend_accum('(float8,n=9223372036854775807,x0=0,y0=0,xmax=2,mx=1,my=0,sxx=1,syy=1,sxy=0)', 1.0, 1.0)$$,
                 '22003', 'value out of range: overflow', 'transition: the count overflows');
SELECT is(kpi.trend_accum_inv('(float8,n=9223372036854775807,x0=0,y0=0,xmax=2,mx=1,my=0,sxx=1,syy=1,sxy=0)', 0.0, 1.0)::text,
          -- the point removed sits at the means (1, 0): co-moments unchanged, n one less,
          -- and the x offset moves to the mean x = 1 (so mx = 0, xmax = 2 - 1)
          '(float8,n=9223372036854775806,x0=1,y0=0,xmax=1,mx=0,my=0,sxx=1,syy=1,sxy=0)', 'inverse transition with a huge count');

-- accessors on the wrong kind of trend
SELECT throws_ok($$SELECT kpi.slope(kpi.trend(y, y), '1 month') FROM generate_series(1, 3) y$$, '42804',
                 'kpi.slope(trend, interval) needs a trend over date or timestamptz x, not float8 x', 'slope per interval of a float8 trend');
SELECT throws_ok($$SELECT kpi.reaches_at(kpi.trend(y, y), 5) FROM generate_series(1, 3) y$$, '42804', NULL, 'reaches_at of a float8 trend');
SELECT throws_ok($$SELECT kpi.predict(kpi.trend(y, DATE '2024-01-01' + y), 5.0) FROM generate_series(1, 3) y$$, '42804',
                 'kpi.predict: this trend is over date x, so x must be a date', 'predict a date trend at a number');
SELECT throws_ok($$SELECT kpi.predict(kpi.trend(y, y), DATE '2024-01-01') FROM generate_series(1, 3) y$$, '42804',
                 'kpi.predict: this trend is over float8 x, so x must be a float8', 'predict a float8 trend at a date');
SELECT throws_ok($$SELECT kpi.forecast(kpi.trend(y, y), now()) FROM generate_series(1, 3) y$$, '42804', NULL, 'forecast a float8 trend at a moment');
SELECT throws_ok($$SELECT kpi.predict(kpi.trend(y, y), 'NaN'::float8) FROM generate_series(1, 3) y$$, '22023', NULL, 'predict at NaN');
SELECT throws_ok($$SELECT kpi.reaches(kpi.trend(y, y), 'Infinity'::float8) FROM generate_series(1, 3) y$$, '22023', NULL, 'reaches an infinite target');

-- confidence levels
SELECT throws_ok($$SELECT kpi.forecast(kpi.trend(y, y), 4, 1.0) FROM generate_series(1, 3) y$$, '22023',
                 'confidence level must be between 0 and 1 exclusive, not 1', 'forecast: level 1');
SELECT throws_ok($$SELECT kpi.forecast(kpi.trend(y, y), 4, 0) FROM generate_series(1, 3) y$$, '22023', NULL, 'forecast: level 0');
SELECT throws_ok($$SELECT kpi.forecast(kpi.trend(y, y), 4, 95) FROM generate_series(1, 3) y$$, '22023', NULL, 'forecast: level 95 (percent)');
SELECT throws_ok($$SELECT kpi.forecast(kpi.trend(y, y), 4, 'NaN') FROM generate_series(1, 3) y$$, '22023', NULL, 'forecast: level NaN');

-- malformed text input
SELECT throws_ok($$SELECT 'rubbish'::kpi.trend$$, '22P02', 'invalid input syntax for type kpi.trend: "rubbish"', 'text: rubbish');
SELECT throws_ok($$SELECT '(int4,n=0,x0=0,y0=0,xmax=0,mx=0,my=0,sxx=0,syy=0,sxy=0)'::kpi.trend$$, '22P02', NULL, 'text: unknown x kind');
SELECT throws_ok($$SELECT '(float8,n=0,x0=0,y0=0,xmax=0,mx=0,my=0,sxx=0,syy=0)'::kpi.trend$$, '22P02', NULL, 'text: a field missing');
SELECT throws_ok($$SELECT '(float8,n=0,y0=0,x0=0,xmax=0,mx=0,my=0,sxx=0,syy=0,sxy=0)'::kpi.trend$$, '22P02', NULL, 'text: fields out of order');
SELECT throws_ok($$SELECT '(float8,n=0,x0=0,y0=0,xmax=0,mx=0,my=0,sxx=0,syy=0,sxy=0) x'::kpi.trend$$, '22P02', NULL, 'text: trailing garbage');
SELECT throws_ok($$SELECT '(float8,n=-1,x0=0,y0=0,xmax=0,mx=0,my=0,sxx=0,syy=0,sxy=0)'::kpi.trend$$, '22P02', NULL, 'text: negative n');
SELECT throws_ok($$SELECT '(float8,n=99999999999999999999,x0=0,y0=0,xmax=0,mx=0,my=0,sxx=0,syy=0,sxy=0)'::kpi.trend$$, '22P02', NULL, 'text: n out of range');
SELECT throws_ok($$SELECT '(float8,n=3,x0=NaN,y0=0,xmax=0,mx=0,my=0,sxx=1,syy=1,sxy=0)'::kpi.trend$$, '22P02', NULL, 'text: NaN field');
SELECT throws_ok($$SELECT '(float8,n=3,x0=0,y0=0,xmax=2,mx=1,my=0,sxx=1e999,syy=1,sxy=0)'::kpi.trend$$, '22P02', NULL, 'text: infinite field');
SELECT throws_ok($$SELECT '(float8,n=3,x0=0,y0=0,xmax=2,mx=1,my=0,sxx=-1,syy=1,sxy=0)'::kpi.trend$$, '22P02',
                 'invalid kpi.trend value: "(float8,n=3,x0=0,y0=0,xmax=2,mx=1,my=0,sxx=-1,syy=1,sxy=0)"', 'text: negative sxx');
SELECT throws_ok($$SELECT '(float8,n=3,x0=0,y0=0,xmax=2,mx=1,my=0,sxx=1,syy=1,sxy=2)'::kpi.trend$$, '22P02', NULL, 'text: sxy beyond Cauchy-Schwarz');
SELECT throws_ok($$SELECT '(float8,n=0,x0=1,y0=0,xmax=0,mx=0,my=0,sxx=0,syy=0,sxy=0)'::kpi.trend$$, '22P02', NULL, 'text: empty trend with data');
SELECT throws_ok($$SELECT '(float8,n=1,x0=1,y0=0,xmax=0,mx=0,my=0,sxx=1,syy=0,sxy=0)'::kpi.trend$$, '22P02', NULL, 'text: one point with spread');

-- malformed binary input (bytes written as a bytea, read back as a kpi.trend)
CREATE TEMP TABLE crafted (b bytea);
CREATE TEMP TABLE received (t kpi.trend);
CREATE FUNCTION pg_temp.recv(bytes bytea) RETURNS void LANGUAGE plpgsql AS $$
DECLARE f text := '/tmp/kpi_trend_recv_' || pg_backend_pid() || '.bin';
BEGIN
    DELETE FROM crafted;
    INSERT INTO crafted VALUES (bytes);
    EXECUTE format('COPY crafted TO %L WITH (FORMAT binary)', f);
    EXECUTE format('COPY received FROM %L WITH (FORMAT binary)', f);
END $$;
SELECT lives_ok($$SELECT pg_temp.recv(kpi.trend_send(kpi.trend(y, y)) ) FROM generate_series(1, 3) y$$, 'binary: a valid state is received');
SELECT is((SELECT kpi.n(t) FROM received), 3::bigint, 'binary: the received state has its 3 points');
SELECT throws_ok($$SELECT pg_temp.recv('\x0101'::bytea)$$, '22P03', 'invalid binary kpi.trend value', 'binary: too short');
SELECT throws_ok($$SELECT pg_temp.recv(kpi.trend_send(kpi.trend(1.0, 1.0)) || '\x00'::bytea)$$, '22P03', NULL, 'binary: too long');
SELECT throws_ok($$SELECT pg_temp.recv('\x02'::bytea || substr(kpi.trend_send(kpi.trend(1.0, 1.0)), 2))$$, '22P03', NULL, 'binary: unknown version');
SELECT throws_ok($$SELECT pg_temp.recv('\x0109'::bytea || substr(kpi.trend_send(kpi.trend(1.0, 1.0)), 3))$$, '22P03', NULL, 'binary: unknown x kind');
SELECT throws_ok($$SELECT pg_temp.recv(substr(kpi.trend_send(kpi.trend(1.0, 1.0)), 1, 2) || '\xffffffffffffffff'::bytea || substr(kpi.trend_send(kpi.trend(1.0, 1.0)), 11))$$,
                 '22P03', NULL, 'binary: negative n');
SELECT throws_ok($$SELECT pg_temp.recv(substr(kpi.trend_send(kpi.trend(1.0, 1.0)), 1, 10) || float8send('NaN') || substr(kpi.trend_send(kpi.trend(1.0, 1.0)), 19))$$,
                 '22P03', NULL, 'binary: NaN field');

-- financial periods
SELECT throws_ok($$SELECT kpi.fy('2024-01-01', 13)$$, '22023', 'start_month must be between 1 and 12, not 13', 'fy: start_month 13');
SELECT throws_ok($$SELECT kpi.fy_quarter('2024-01-01', 0)$$, '22023', NULL, 'fy_quarter: start_month 0');
SELECT throws_ok($$SELECT kpi.trajectory(100, '2024-01-01', 0, -4)$$, '22023', NULL, 'trajectory: start_month -4');
SELECT throws_ok($$SELECT kpi.fy('infinity'::date)$$, '22023', NULL, 'fy: infinite date');
SELECT throws_ok($$SELECT kpi.fy_quarter_label('2024-01-01', 'long')$$, '22023', 'unknown quarter label style "long"', 'quarter label: unknown style');
SELECT throws_ok($$SELECT kpi.trajectory('NaN', '2024-09-30')$$, '22023', NULL, 'trajectory: NaN target');
SELECT throws_ok($$SELECT kpi.trajectory(100, '2024-09-30', 'Infinity')$$, '22023', NULL, 'trajectory: infinite baseline');
SELECT throws_ok($$SELECT kpi.fy_end('5874897-12-31'::date)$$, '22008', NULL, 'fy_end: beyond the calendar');

-- trend tests and sparklines
SELECT throws_ok($$SELECT kpi.mann_kendall('NaN', 1.0)$$, '22023', NULL, 'mann_kendall: NaN y');
SELECT throws_ok($$SELECT kpi.theil_sen(1.0, 'Infinity'::float8)$$, '22023', NULL, 'theil_sen: infinite x');
SELECT throws_ok($$SELECT kpi.theil_sen(x, x) FROM generate_series(1, 5000) x$$, '54000', NULL, 'theil_sen: too many points');
SELECT throws_ok($$SELECT kpi.sparkline('NaN'::float8)$$, '22023', 'value must be a finite number, not NaN', 'sparkline: NaN');
SELECT throws_ok($$SELECT kpi.sparkline(ARRAY[1, 'Infinity']::float8[])$$, '22023', NULL, 'sparkline of an array: infinity');
SELECT throws_ok($$SELECT kpi.sparkline(ARRAY[[1, 2], [3, 4]]::float8[])$$, '2202E', NULL, 'sparkline of a 2-D array');

-- transition functions called directly work on a copy; a bad state is an error
SELECT is(kpi.series_accum(kpi.series_accum(NULL, 1.0, 2.0), 3.0, 4.0)::text, '{2,1,4,3}', 'series_accum called directly');
SELECT is(kpi.sparkline_accum(kpi.sparkline_accum(NULL, 1.0), NULL)::text, '{1,NaN}', 'sparkline_accum called directly (a NULL is kept as NaN)');
SELECT is((SELECT s::text || ' ' || kpi.series_accum(s, 5.0, 6.0)::text FROM (SELECT '{2,1,4,3}'::kpi.state) v(s)),
          '{2,1,4,3} {2,1,4,3,6,5}', 'series_accum called directly leaves its argument alone');
SELECT is((SELECT s::text || ' ' || kpi.sparkline_accum(s, 3.0)::text FROM (SELECT '{1,NaN}'::kpi.state) v(s)),
          '{1,NaN} {1,NaN,3}', 'sparkline_accum called directly leaves its argument alone');
SELECT throws_ok($$SELECT kpi.series_accum('{1,2,3}', 1.0, 1.0)$$, '22023', 'invalid transition state for a kpi trend test', 'series_accum: odd state');
SELECT throws_ok($$SELECT kpi.series_accum('{1,NaN}', 1.0, 1.0)$$, '22023', 'invalid transition state for a kpi trend test', 'series_accum: NaN in the state');
SELECT throws_ok($$SELECT kpi.sparkline_accum('{1,Infinity}', 1.0)$$, '22023', 'invalid transition state for kpi.sparkline', 'sparkline_accum: infinity in the state');
SELECT throws_ok($$SELECT kpi.mann_kendall_final('{1,2,3}')$$, '22023', 'invalid transition state for a kpi trend test', 'mann_kendall_final: odd state');
SELECT throws_ok($$SELECT kpi.theil_sen_final('{1,2,3,-Infinity}')$$, '22023', 'invalid transition state for a kpi trend test', 'theil_sen_final: infinity in the state');
SELECT throws_ok($$SELECT kpi.sparkline_final('{1,Infinity}')$$, '22023', 'invalid transition state for kpi.sparkline', 'sparkline_final: infinity in the state');
SELECT throws_ok($$SELECT kpi.mann_kendall_final('{{1,2},{3,4}}')$$, '22P02', NULL, 'mann_kendall_final: a 2-D array is no state');

-- the point-list aggregates keep a kpi.state (exact text I/O for Citus);
-- sparkline(value, period) keeps a kpi.series (exact text I/O too)
SELECT is(array_agg(p.proname::text || ':' || t.typname::text ORDER BY p.proname, t.typname),
          ARRAY['mann_kendall:state', 'mann_kendall:state', 'mann_kendall:state',
                'sparkline:series', 'sparkline:series', 'sparkline:series', 'sparkline:state',
                'theil_sen:state', 'theil_sen:state', 'theil_sen:state'],
          'mann_kendall, theil_sen, sparkline: the state is kpi.state or kpi.series')
FROM pg_aggregate a JOIN pg_proc p ON p.oid = a.aggfnoid JOIN pg_type t ON t.oid = a.aggtranstype
WHERE p.pronamespace = 'kpi'::regnamespace AND p.proname IN ('mann_kendall', 'theil_sen', 'sparkline');
SELECT is(array_agg(DISTINCT a.aggcombinefn::oid), ARRAY['kpi.state_cat'::regproc::oid],
          'mann_kendall and theil_sen combine with kpi.state_cat')
FROM pg_aggregate a JOIN pg_proc p ON p.oid = a.aggfnoid
WHERE p.pronamespace = 'kpi'::regnamespace AND p.proname IN ('mann_kendall', 'theil_sen');

SELECT * FROM finish();
ROLLBACK;
