-- kpi.series: behaviour and every error with its SQLSTATE.
BEGIN;
SET search_path = public, kpi;
SELECT plan(43);

-- a period twice is an error (21000), named in the hint, whether the rows arrive in order or not
SELECT throws_ok($$SELECT kpi.series(v, d) FROM (VALUES (1, DATE '2024-01-01'), (2, '2024-01-01')) t(v, d)$$,
                 '21000', 'a series cannot have two points for one period', 'series: duplicate period in order');
SELECT throws_ok($$SELECT kpi.series(v, d) FROM (VALUES (1, DATE '2024-02-01'), (2, '2024-01-01'), (3, '2024-02-01')) t(v, d)$$,
                 '21000', 'a series cannot have two points for one period', 'series: duplicate period out of order');
SELECT throws_ok($$SELECT kpi.series(NULL, y) FROM (VALUES (2020), (2020)) t(y)$$,
                 '21000', NULL, 'series: two ghosted points for one period');
SELECT throws_ok($$SELECT 'float8{1=1,2=2,1=3}'::kpi.series$$, '21000', NULL, 'series input: duplicate period');
SELECT throws_ok($$SELECT kpi.series_combine('date{2024-01-01=1}', 'date{2024-01-01=2}')$$, '21000', NULL, 'series combine: duplicate period');
CREATE FUNCTION pg_temp.hint_of(q text) RETURNS text LANGUAGE plpgsql AS $$
DECLARE h text;
BEGIN
    EXECUTE q;
    RETURN NULL;
EXCEPTION WHEN cardinality_violation THEN
    GET STACKED DIAGNOSTICS h = PG_EXCEPTION_HINT;
    RETURN h;
END $$;
SELECT is(pg_temp.hint_of($$SELECT kpi.series(v, d) FROM (VALUES (1, DATE '2024-03-01'), (2, '2024-01-01'), (3, '2024-03-01')) t(v, d)$$),
          'Give each period one row (aggregate the rows of period 2024-03-01 first, or pick one of them).',
          'series: the hint names the period');

-- periods: finite and not NULL; values: finite (NULL is ghosted)
SELECT throws_ok($$SELECT kpi.series(1, NULL::date)$$, '22004', 'period must not be NULL', 'series: NULL period');
SELECT throws_ok($$SELECT kpi.series(1, 'NaN'::float8)$$, '22023', 'period must be a finite number, not NaN', 'series: NaN period');
SELECT throws_ok($$SELECT kpi.series(1, 'infinity'::date)$$, '22023', 'period must be a finite date, not infinity', 'series: infinite date');
SELECT throws_ok($$SELECT kpi.series(1, '-infinity'::timestamptz)$$, '22023', 'period must be a finite timestamp, not -infinity', 'series: infinite timestamp');
SELECT throws_ok($$SELECT kpi.series('Infinity'::float8, 1)$$, '22023', 'value must be a finite number, not Infinity', 'series: infinite value');
SELECT is(kpi.series_values(kpi.series(NULL, 1)), ARRAY[NULL]::float8[], 'series: a NULL value is a ghosted point');

-- text input
SELECT throws_ok($$SELECT 'int{1=1}'::kpi.series$$, '22P02', NULL, 'series input: unknown kind');
SELECT throws_ok($$SELECT 'date[2024-01-01=1]'::kpi.series$$, '22P02', NULL, 'series input: no braces');
SELECT throws_ok($$SELECT 'date{2024-01-01=1} x'::kpi.series$$, '22P02', NULL, 'series input: trailing text');
SELECT throws_ok($$SELECT 'date{2024-01-01}'::kpi.series$$, '22P02', NULL, 'series input: a point without a value');
SELECT throws_ok($$SELECT 'float8{x=1}'::kpi.series$$, '22P02', NULL, 'series input: a period that is not a number');
SELECT throws_ok($$SELECT 'float8{1=abc}'::kpi.series$$, '22P02', NULL, 'series input: a value that is not a number');
SELECT throws_ok($$SELECT 'float8{1=NaN}'::kpi.series$$, '22023', NULL, 'series input: NaN value (NULL is the ghost)');
SELECT throws_ok($$SELECT 'date{2024-13-01=1}'::kpi.series$$, '22008', NULL, 'series input: a bad date');
SELECT throws_ok($$SELECT 'date{infinity=1}'::kpi.series$$, '22023', NULL, 'series input: an infinite date');

-- binary input (COPY ... FORMAT binary): what kpi.series_send writes loads
-- back; a broken message is 22P03.  The layout (README): int4 kind (1
-- float8, 2 date, 3 timestamptz), int4 count, then per point the period
-- (float8, or int8 days or microseconds since 2000-01-01), a byte (1
-- ghosted, 0 followed by the float8 value)
CREATE TEMP TABLE series_target (id int, s kpi.series);
CREATE FUNCTION pg_temp.copy_series(bytes bytea) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
    f text := current_setting('data_directory') || '/kpi_bad_series.bin';
BEGIN
    EXECUTE format('COPY (SELECT 1, %L::bytea) TO %L (FORMAT binary)', bytes, f);
    EXECUTE format('COPY series_target FROM %L (FORMAT binary)', f);
END $$;
SELECT lives_ok($$SELECT pg_temp.copy_series(kpi.series_send('date{2024-02-01=NULL,2024-01-01=1}'))$$, 'binary: send output loads');
SELECT is((SELECT s::text FROM series_target), 'date{2024-01-01=1,2024-02-01=NULL}', 'binary: and reads back the same');
-- each refusal says why (SQLSTATE and detail)
CREATE FUNCTION pg_temp.copy_error(bytes bytea) RETURNS text LANGUAGE plpgsql AS $$
DECLARE st text; d text;
BEGIN
    PERFORM pg_temp.copy_series(bytes);
    RETURN NULL;
EXCEPTION WHEN OTHERS THEN
    GET STACKED DIAGNOSTICS st = RETURNED_SQLSTATE, d = PG_EXCEPTION_DETAIL;
    RETURN st || ': ' || d;
END $$;
-- kind 4
SELECT is(pg_temp.copy_error('\x0000000400000000'), '22P03: The kind or the point count is out of range.', 'binary: unknown kind');
-- a count of 2 with one point's bytes
SELECT is(pg_temp.copy_error('\x0000000200000002000000000000223e003ff0000000000000'), '22P03: The kind or the point count is out of range.',
          'binary: more points counted than sent');
-- ghosted flag 2
SELECT is(pg_temp.copy_error('\x0000000200000001000000000000223e02'), '22P03: A point''s ghosted flag must be 0 or 1.', 'binary: a ghosted flag that is not 0 or 1');
-- day 0x7fffffff (infinity) as a date period
SELECT is(pg_temp.copy_error('\x0000000200000001000000007fffffff01'), '22P03: A date is out of range.', 'binary: a date out of range');
-- a byte after the last point
SELECT is(pg_temp.copy_error('\x0000000200000001000000000000223e0100'), '22P03: The message is longer than its points.', 'binary: trailing bytes');
-- two points for one period (day 0x223e = 2024-01-01 twice), as the text input refuses them
SELECT is(pg_temp.copy_error('\x0000000200000002000000000000223e01000000000000223e01'), '21000: Period 2024-01-01 appears more than once.',
          'binary: a period twice');

-- kinds do not mix
SELECT throws_ok($$SELECT kpi.series_combine('date{2024-01-01=1}', 'float8{1=2}')$$, '42804',
                 'cannot combine a kpi.series over date periods with one over float8 periods', 'series combine: kinds');
SELECT throws_ok($$SELECT kpi.series_append('date{2024-01-01=1}', 1.0, 2.0::float8)$$, '42804',
                 'cannot add a point with a float8 period to a kpi.series over date periods', 'series append: kinds');
-- called directly, the transition works on a copy
SELECT is(kpi.series_append(kpi.series_append(NULL, 1.0, DATE '2024-02-01'), 2.0, DATE '2024-01-01')::text,
          'date{2024-01-01=2,2024-02-01=1}', 'series append called directly, out of order');
SELECT is(kpi.n('date{}'::kpi.series), 0, 'series: empty');

-- the period forms of kpi.sparkline and kpi.recent_trend
SELECT throws_ok($$SELECT kpi.sparkline(v, d) FROM (VALUES (1, DATE '2024-01-01'), (2, '2024-01-01')) t(v, d)$$, '21000', NULL, 'sparkline: a period twice');
SELECT throws_ok($$SELECT kpi.sparkline(1, NULL::date)$$, '22004', NULL, 'sparkline: NULL period');
SELECT throws_ok($$SELECT kpi.recent_trend(1, 0, 2, d) FROM (VALUES (DATE '2024-01-01'), ('2024-01-01')) t(d)$$, '21000',
                 'a series cannot have two points for one period', 'recent_trend: a period twice');
SELECT throws_ok($$SELECT kpi.recent_trend(1, 2, 0, DATE '2024-01-01')$$, '22023', 'lower bound (2) must not exceed upper bound (0)', 'recent_trend by period: the ordered form''s checks');
SELECT throws_ok($$SELECT kpi.recent_trend_period_final_date('{1,2,3}')$$, '22023', NULL, 'recent_trend: a hand-made state of the wrong width');
SELECT throws_ok($$SELECT kpi.recent_trend_period_final_date('{1.5,1,0,2}')$$, '22023', NULL, 'recent_trend: a date period that is not a whole day');

-- equality is text equality; hashing and the btree order agree with it
CREATE TEMP TABLE ss AS
SELECT v::kpi.series AS v FROM (VALUES ('date{}'), ('float8{}'), ('timestamptz{}'), ('date{2024-01-01=1}'), ('date{2024-01-01=NULL}'),
    ('date{2024-01-01=-0}'), ('date{2024-01-01=0}'), ('date{2024-01-01=1,2024-02-01=2}'), ('date{2024-02-01=2,2024-01-01=1}'),
    ('float8{1=1}'), ('float8{1=1,2=NULL}'), ('float8{-0=1}'), ('float8{0=1}'), ('timestamptz{2024-01-01 00:00:00+00=1}'),
    ('timestamptz{2024-01-01 00:00:00.000001+00=1}'), ('float8{1=0.30000000000000004}'), ('float8{1=0.3}')) t(v)
UNION ALL SELECT kpi.series(x * 1.0, x) FROM generate_series(1, 3) x
UNION ALL SELECT kpi.series(x * 1.0, x ORDER BY x DESC) FROM generate_series(1, 3) x;
SELECT is((SELECT count(*) FROM ss a, ss b WHERE (a.v = b.v) IS DISTINCT FROM (a.v::text = b.v::text)), 0::bigint,
          'series: = is text equality');
SELECT is((SELECT count(*) FROM ss a, ss b WHERE a.v = b.v AND (kpi.series_hash(a.v) <> kpi.series_hash(b.v)
           OR kpi.series_hash_extended(a.v, 7) <> kpi.series_hash_extended(b.v, 7))), 0::bigint,
          'series: equal values hash alike');
SELECT is((SELECT count(*) FROM ss a, ss b WHERE (kpi.series_cmp(a.v, b.v) = 0) <> (a.v = b.v)
           OR kpi.series_cmp(a.v, b.v) <> -kpi.series_cmp(b.v, a.v)), 0::bigint,
          'series: the btree order agrees with equality and is antisymmetric');
SELECT is((SELECT count(DISTINCT v) FROM ss), (SELECT count(DISTINCT v::text) FROM ss), 'series: DISTINCT');

SELECT * FROM finish();
ROLLBACK;
