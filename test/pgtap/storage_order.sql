-- The storage order and the hashes of kpi.state, kpi.trend and kpi.series,
-- pinned (src/storage_order.h).  test/pgtap/equality.sql and series.sql
-- check that the support functions agree with each other and with text
-- equality; they would still pass if the order or a hash changed.  But both
-- are stored: btree indexes keep the values in the order, hash indexes and
-- hash partitions place them by hash_extended.  A change would silently
-- break every such index or partition made by an earlier build, so here
-- the expected values come from outside kpi:
--   the order: the one documented in state.c, trend.c and series.c
--     (-Infinity < ... < -0 < 0 < ... < Infinity < NaN for a double, a
--     prefix first), written out by hand;
--   the hashes: PostgreSQL's own hash functions over the same bytes.
--     hashoidvectorextended(v, seed) is hash_bytes_extended over v's words
--     (src/backend/access/hash/hashfunc.c), hashint4extended(n, seed) is
--     hash_bytes_uint32_extended(n, seed), and hash_combine64 is written
--     out below from src/include/common/hashfn.h.  A double's words come
--     from float8send (big-endian), put in the server's byte order.
BEGIN;
SET search_path = public, kpi;
SELECT plan(14);

-- unsigned 64-bit arithmetic, in numeric
CREATE FUNCTION pg_temp.u64(x int8) RETURNS numeric LANGUAGE sql IMMUTABLE
    AS $$ SELECT CASE WHEN x < 0 THEN x + 18446744073709551616 ELSE x END::numeric $$;
CREATE FUNCTION pg_temp.s64(u numeric) RETURNS int8 LANGUAGE sql IMMUTABLE
    AS $$ SELECT (CASE WHEN u >= 9223372036854775808 THEN u - 18446744073709551616 ELSE u END)::int8 $$;
-- hashfn.h: a ^= b + 0x49a0f4dd15e5a8e3 + (a << 54) + (a >> 7), modulo 2^64
CREATE FUNCTION pg_temp.hash_combine64(a int8, b int8) RETURNS int8 LANGUAGE sql IMMUTABLE
    AS $$ SELECT (a::bit(64) # pg_temp.s64((pg_temp.u64(b) + 5305509591434766563
                                          + pg_temp.u64(a) * 18014398509481984 % 18446744073709551616
                                          + div(pg_temp.u64(a), 128)) % 18446744073709551616)::bit(64))::int8 $$;

-- the two 32-bit words of an 8-byte big-endian value, in the order that
-- memory holds them (little-endian: the low word first)
CREATE FUNCTION pg_temp.words(b bytea, little bool) RETURNS text LANGUAGE sql IMMUTABLE
    AS $$ SELECT CASE WHEN little THEN lo || ' ' || hi ELSE hi || ' ' || lo END
          FROM (SELECT ('x' || encode(substr(b, 1, 4), 'hex'))::bit(32)::int8::text AS hi,
                       ('x' || encode(substr(b, 5, 4), 'hex'))::bit(32)::int8::text AS lo) w $$;
-- the server's byte order: the one in which the words of 1.5 hash as
-- hashfloat8extended hashes its 8 bytes (hash_bytes_extended of them)
CREATE TEMP TABLE endian AS
SELECT (SELECT bool_or(little) FROM (VALUES (true), (false)) o(little)
        WHERE hashoidvectorextended(pg_temp.words(float8send(1.5), little)::oidvector, 0) = hashfloat8extended(1.5, 0)) AS little,
       (SELECT count(*) FROM (VALUES (true), (false)) o(little)
        WHERE hashoidvectorextended(pg_temp.words(float8send(1.5), little)::oidvector, 0) = hashfloat8extended(1.5, 0)) AS orders;
CREATE FUNCTION pg_temp.w(v float8) RETURNS text LANGUAGE sql STABLE
    AS $$ SELECT pg_temp.words(float8send(v), little) FROM endian $$;
CREATE FUNCTION pg_temp.w(v int8) RETURNS text LANGUAGE sql STABLE
    AS $$ SELECT pg_temp.words(int8send(v), little) FROM endian $$;
SELECT is((SELECT orders FROM endian), 1::bigint, 'oracle: one byte order makes oidvector hash as hash_bytes_extended');

CREATE TEMP TABLE seeds AS SELECT unnest(ARRAY[0, 7, -1234567890123]::int8[]) AS seed;

-- kpi.state: hash_bytes_uint32_extended(n), combined with the hash of the
-- values' bytes (every NaN as PostgreSQL's NaN), 1024 values at a time
SELECT is((SELECT count(*) FROM seeds WHERE kpi.state_hash_extended('{}', seed) <> hashint4extended(0, seed)),
          0::bigint, 'state: the hash of {} is that of its count');
SELECT is((SELECT count(*) FROM seeds WHERE kpi.state_hash_extended('{1.5,-0,NaN,-Infinity}', seed) <>
              pg_temp.hash_combine64(hashint4extended(4, seed),
                  hashoidvectorextended(concat_ws(' ', pg_temp.w(1.5), pg_temp.w('-0'::float8), pg_temp.w('NaN'::float8),
                                                  pg_temp.w('-Infinity'::float8))::oidvector, seed))),
          0::bigint, 'state: the hash of {1.5,-0,NaN,-Infinity} is that of its count and its bytes');
SELECT is((SELECT count(*) FROM seeds, (SELECT ('{' || string_agg(g::text, ',') || '}')::kpi.state AS v,
                                               string_agg(pg_temp.w(g::float8), ' ') AS words FROM generate_series(1, 40) g) s
           WHERE kpi.state_hash_extended(v, seed) <>
                 pg_temp.hash_combine64(hashint4extended(40, seed), hashoidvectorextended(words::oidvector, seed))),
          0::bigint, 'state: the hash of {1,...,40}');

-- kpi.trend: one hash of its bytes: kind (int4: float8 1, date 2,
-- timestamptz 3), n (int8), x0, y0, xmax, mx, my, sxx, syy, sxy
SELECT is((SELECT count(*) FROM seeds, (VALUES
              ('(float8,n=2,x0=3,y0=4,xmax=1,mx=0.5,my=0.25,sxx=0.5,syy=0.125,sxy=-0.25)', 1, 2::int8, ARRAY[3, 4, 1, 0.5, 0.25, 0.5, 0.125, -0.25]::float8[]),
              ('(date,n=0,x0=-0,y0=0,xmax=0,mx=0,my=0,sxx=0,syy=0,sxy=0)', 2, 0, ARRAY['-0', 0, 0, 0, 0, 0, 0, 0]::float8[]),
              ('(timestamptz,n=3,x0=19723.5,y0=-7,xmax=2,mx=1,my=1,sxx=2,syy=2,sxy=2)', 3, 3, ARRAY[19723.5, -7, 2, 1, 1, 2, 2, 2]::float8[])
           ) t(v, kind, n, fields)
           WHERE kpi.trend_hash_extended(v::kpi.trend, seed) <>
                 hashoidvectorextended((kind || ' ' || pg_temp.w(n) || ' ' ||
                                        (SELECT string_agg(pg_temp.w(f), ' ' ORDER BY i) FROM unnest(fields) WITH ORDINALITY u(f, i)))::oidvector, seed)),
          0::bigint, 'trend: the hash is that of its kind, count and fields');

-- kpi.series: hash_bytes_uint32_extended(kind: float8 1, date 2,
-- timestamptz 3), combined with the hash of each point's 16 bytes: the
-- period (float8; date: days from 2000-01-01, timestamptz: microseconds
-- from 2000-01-01 00:00 UTC, as int8) and the value (a ghost: NaN)
SELECT is((SELECT count(*) FROM seeds WHERE kpi.series_hash_extended('float8{}', seed) <> hashint4extended(1, seed)
           OR kpi.series_hash_extended('date{}', seed) <> hashint4extended(2, seed)),
          0::bigint, 'series: the hash of an empty series is that of its kind');
SELECT is((SELECT count(*) FROM seeds WHERE kpi.series_hash_extended('float8{1.5=2,3=NULL,4=-0}', seed) <>
              pg_temp.hash_combine64(pg_temp.hash_combine64(pg_temp.hash_combine64(hashint4extended(1, seed),
                  hashoidvectorextended((pg_temp.w(1.5) || ' ' || pg_temp.w(2::float8))::oidvector, seed)),
                  hashoidvectorextended((pg_temp.w(3::float8) || ' ' || pg_temp.w('NaN'::float8))::oidvector, seed)),
                  hashoidvectorextended((pg_temp.w(4::float8) || ' ' || pg_temp.w('-0'::float8))::oidvector, seed))),
          0::bigint, 'series: the hash of float8{1.5=2,3=NULL,4=-0}');
SELECT is((SELECT count(*) FROM seeds WHERE kpi.series_hash_extended('date{2024-01-01=1}', seed) <>
              pg_temp.hash_combine64(hashint4extended(2, seed),
                  hashoidvectorextended((pg_temp.w((DATE '2024-01-01' - DATE '2000-01-01')::int8) || ' ' || pg_temp.w(1::float8))::oidvector, seed))
           OR kpi.series_hash_extended('timestamptz{2000-01-01 00:00:01+00=1}', seed) <>
              pg_temp.hash_combine64(hashint4extended(3, seed),
                  hashoidvectorextended((pg_temp.w(1000000::int8) || ' ' || pg_temp.w(1::float8))::oidvector, seed))),
          0::bigint, 'series: the hash of a date and of a timestamptz series');

-- the 32-bit hashes are the low halves of hash_extended(v, 0)
SELECT is(kpi.state_hash('{1.5,-0,NaN,-Infinity}'), (kpi.state_hash_extended('{1.5,-0,NaN,-Infinity}', 0) & 4294967295)::bit(32)::int4,
          'state: hash is the low half of hash_extended(v, 0)');
SELECT is(kpi.series_hash('float8{1.5=2,3=NULL}'), (kpi.series_hash_extended('float8{1.5=2,3=NULL}', 0) & 4294967295)::bit(32)::int4,
          'series: hash is the low half of hash_extended(v, 0)');

-- the btree order, written out
SELECT is((SELECT array_agg(v::text ORDER BY v) FROM unnest('{"{NaN}","{Infinity}","{2}","{1,NaN}","{1,2}","{1,0}","{1,-0}","{1}",
                   "{5e-324}","{0}","{-0}","{-5e-324}","{-1}","{-Infinity}","{}","{NaN,1}","{-Infinity,5}"}'::kpi.state[]) v),
          '{"{}","{-Infinity}","{-Infinity,5}","{-1}","{-5e-324}","{-0}","{0}","{5e-324}","{1}","{1,-0}","{1,0}","{1,2}","{1,NaN}",
            "{2}","{Infinity}","{NaN}","{NaN,1}"}'::text[],
          'state: by value (-0 before 0, NaN last), a prefix first');
SELECT ok((SELECT bool_and(kpi.state_cmp(a, b) = c) FROM (VALUES ('{1}'::kpi.state, '{2}'::kpi.state, -1), ('{2}', '{1}', 1),
              ('{NaN}', '{nan}', 0), ('{1,2}', '{1}', 1), ('{-0}', '{0}', -1), ('{0}', '{-0}', 1)) t(a, b, c))
          AND kpi.trend_cmp('(float8,n=0,x0=-0,y0=0,xmax=0,mx=0,my=0,sxx=0,syy=0,sxy=0)', '(float8,n=0,x0=0,y0=0,xmax=0,mx=0,my=0,sxx=0,syy=0,sxy=0)') = -1
          AND kpi.trend_cmp('(float8,n=1,x0=3,y0=4,xmax=0,mx=0,my=0,sxx=0,syy=0,sxy=0)', '(float8,n=1,x0=3,y0=4,xmax=0,mx=0,my=0,sxx=0,syy=0,sxy=0)') = 0
          AND kpi.trend_cmp('(date,n=0,x0=0,y0=0,xmax=0,mx=0,my=0,sxx=0,syy=0,sxy=0)', '(float8,n=9,x0=0,y0=0,xmax=0,mx=0,my=0,sxx=0,syy=0,sxy=0)') = 1
          AND kpi.series_cmp('float8{1=-0}', 'float8{1=0}') = -1 AND kpi.series_cmp('float8{1=NULL}', 'float8{1=NULL}') = 0
          AND kpi.series_cmp('float8{1=NULL}', 'float8{1=1e308}') = 1,
          'cmp returns -1, 0 and 1 (-0 before 0, a ghost after every value)');
SELECT is((SELECT array_agg(v::text ORDER BY v) FROM unnest(ARRAY[
              '(timestamptz,n=0,x0=0,y0=0,xmax=0,mx=0,my=0,sxx=0,syy=0,sxy=0)',
              '(date,n=0,x0=0,y0=0,xmax=0,mx=0,my=0,sxx=0,syy=0,sxy=0)',
              '(float8,n=2,x0=3,y0=4,xmax=1,mx=0.5,my=0,sxx=0.5,syy=0,sxy=0)',
              '(float8,n=1,x0=3,y0=4,xmax=0,mx=0,my=0,sxx=0,syy=0,sxy=0)',
              '(float8,n=1,x0=3,y0=-4,xmax=0,mx=0,my=0,sxx=0,syy=0,sxy=0)',
              '(float8,n=1,x0=-3,y0=9,xmax=0,mx=0,my=0,sxx=0,syy=0,sxy=0)',
              '(float8,n=0,x0=0,y0=0,xmax=0,mx=0,my=0,sxx=0,syy=0,sxy=0)',
              '(float8,n=0,x0=-0,y0=0,xmax=0,mx=0,my=0,sxx=0,syy=0,sxy=0)']::kpi.trend[]) v),
          ARRAY['(float8,n=0,x0=-0,y0=0,xmax=0,mx=0,my=0,sxx=0,syy=0,sxy=0)',
                '(float8,n=0,x0=0,y0=0,xmax=0,mx=0,my=0,sxx=0,syy=0,sxy=0)',
                '(float8,n=1,x0=-3,y0=9,xmax=0,mx=0,my=0,sxx=0,syy=0,sxy=0)',
                '(float8,n=1,x0=3,y0=-4,xmax=0,mx=0,my=0,sxx=0,syy=0,sxy=0)',
                '(float8,n=1,x0=3,y0=4,xmax=0,mx=0,my=0,sxx=0,syy=0,sxy=0)',
                '(float8,n=2,x0=3,y0=4,xmax=1,mx=0.5,my=0,sxx=0.5,syy=0,sxy=0)',
                '(date,n=0,x0=0,y0=0,xmax=0,mx=0,my=0,sxx=0,syy=0,sxy=0)',
                '(timestamptz,n=0,x0=0,y0=0,xmax=0,mx=0,my=0,sxx=0,syy=0,sxy=0)'],
          'trend: by kind, then n, then the fields in text order (-0 before 0)');
SELECT is((SELECT array_agg(v::text ORDER BY v) FROM unnest('{"timestamptz{}","date{2024-01-01=1}","date{2023-12-31=5}","date{}",
                   "float8{2=-1}","float8{1=NULL}","float8{1=1,3=2}","float8{1=1,2=NULL}","float8{1=1,2=2}","float8{1=1}",
                   "float8{1=0}","float8{1=-0}","float8{1=-1}","float8{0=1}","float8{-1=5}","float8{}"}'::kpi.series[]) v),
          '{"float8{}","float8{-1=5}","float8{0=1}","float8{1=-1}","float8{1=-0}","float8{1=0}","float8{1=1}","float8{1=1,2=2}",
            "float8{1=1,2=NULL}","float8{1=1,3=2}","float8{1=NULL}","float8{2=-1}","date{}","date{2023-12-31=5}","date{2024-01-01=1}",
            "timestamptz{}"}'::text[],
          'series: by kind, then point by point (period, then value, a ghost last), a prefix first');

SELECT * FROM finish();
ROLLBACK;
