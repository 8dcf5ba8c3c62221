-- Equality, ordering and hashing of kpi.state and kpi.trend (issue 9,
-- item 3): DISTINCT, GROUP BY, UNION, INTERSECT, EXCEPT, indexes and hash
-- partitions work on them, and mean "the same text form".  On 0.1.0 every
-- test below fails: the types had no equality at all ("could not identify
-- an equality operator for type kpi.trend").
--
-- The oracle is PostgreSQL's own text equality: for every pair of values,
-- a = b must hold exactly when a::text = b::text (the text forms read back
-- bit for bit, see state.c and trend.c), and the hash and btree support
-- must agree with that equality.
BEGIN;
SET search_path = public, kpi;
SELECT plan(42);

-- every kind of value: hand-written edge cases and states that kpi's own
-- aggregates build (harvested as the fuzzer does)
CREATE TEMP TABLE states AS
SELECT DISTINCT ON (v::text) v FROM (
    SELECT v::kpi.state FROM (VALUES ('{}'), ('{0}'), ('{-0}'), ('{NaN}'), ('{Infinity}'), ('{-Infinity}'),
        ('{1}'), ('{1,2}'), ('{1,2,3}'), ('{2}'), ('{1,NaN}'), ('{1,-0}'), ('{1,0}'), ('{5e-324}'),
        ('{-5e-324}'), ('{1.7976931348623157e308}'), ('{0.1,0.2}'), ('{0.30000000000000004}')) t(v)
    UNION ALL
    SELECT kpi.sparkline_accum(s, y) FROM (VALUES (NULL::kpi.state)) n(s), generate_series(1, 4) y
    UNION ALL
    SELECT kpi.state_cat('{1}', '{2}')
    UNION ALL
    SELECT kpi.rate_accum(kpi.rate_accum(NULL, 3, 100, 1000), 4, 90, 1000)
) s(v) WHERE v IS NOT NULL;

CREATE TEMP TABLE trends AS
SELECT DISTINCT ON (t::text) t FROM (
    SELECT kpi.trend(y, x) FROM generate_series(1, 5) x, LATERAL (SELECT x * 0.1 + g FROM generate_series(1, 3) g) s(y) GROUP BY x
    UNION ALL SELECT kpi.trend(x * 2.0, x) FROM generate_series(1, 5) x
    UNION ALL SELECT kpi.trend(x * 2.0, x ORDER BY x DESC) FROM generate_series(1, 5) x
    UNION ALL SELECT kpi.trend(x * 2.0, DATE '2024-01-01' + x) FROM generate_series(1, 5) x
    UNION ALL SELECT kpi.trend(x * 2.0, TIMESTAMPTZ '2024-01-01 00:00+00' + x * INTERVAL '1 day') FROM generate_series(1, 5) x
    UNION ALL SELECT kpi.trend(1.0, 1.0) WHERE false
    UNION ALL SELECT t::kpi.trend FROM (VALUES
        ('(float8,n=0,x0=0,y0=0,xmax=0,mx=0,my=0,sxx=0,syy=0,sxy=0)'),
        ('(float8,n=0,x0=-0,y0=0,xmax=0,mx=0,my=0,sxx=0,syy=0,sxy=0)'),
        ('(date,n=0,x0=0,y0=0,xmax=0,mx=0,my=0,sxx=0,syy=0,sxy=0)'),
        ('(float8,n=1,x0=3,y0=4,xmax=0,mx=0,my=0,sxx=0,syy=0,sxy=0)'),
        ('(float8,n=2,x0=3,y0=4,xmax=1,mx=0.5,my=0,sxx=0.5,syy=0,sxy=0)')) v(t)
) s(t);

SELECT cmp_ok((SELECT count(*) FROM states), '>=', 20::bigint, 'enough distinct states to compare');
SELECT cmp_ok((SELECT count(*) FROM trends), '>=', 10::bigint, 'enough distinct trends to compare');

-- equality is text equality, over every pair
SELECT is((SELECT count(*) FROM states a, states b WHERE (a.v = b.v) IS DISTINCT FROM (a.v::text = b.v::text)), 0::bigint,
          'state: a = b exactly when their text forms are equal');
SELECT is((SELECT count(*) FROM trends a, trends b WHERE (a.t = b.t) IS DISTINCT FROM (a.t::text = b.t::text)), 0::bigint,
          'trend: a = b exactly when their text forms are equal');
SELECT is((SELECT count(*) FROM states a, states b WHERE (a.v <> b.v) = (a.v = b.v)), 0::bigint, 'state: <> is the negation of =');
SELECT is((SELECT count(*) FROM trends a, trends b WHERE (a.t <> b.t) = (a.t = b.t)), 0::bigint, 'trend: <> is the negation of =');
-- a value read back from its text form equals itself (what replication and restores rely on)
SELECT is((SELECT count(*) FROM states WHERE NOT v = v::text::kpi.state), 0::bigint, 'state: equal to its text round trip');
SELECT is((SELECT count(*) FROM trends WHERE NOT t = t::text::kpi.trend), 0::bigint, 'trend: equal to its text round trip');
SELECT ok('{NaN}'::kpi.state = '{nan}'::kpi.state AND '{1,NaN}'::kpi.state = '{1,NaN}'::kpi.state, 'state: NaN equals NaN');
SELECT ok(NOT '{-0}'::kpi.state = '{0}'::kpi.state, 'state: -0 and 0 differ, as {-0} and {0} print');
SELECT ok(NOT '{1}'::kpi.state = '{1,2}'::kpi.state AND NOT '{}'::kpi.state = '{0}'::kpi.state, 'state: a prefix is not equal');
-- the same points in another order: the same line, other offsets, so another state
-- (both orders explicit: PostgreSQL 16+ may feed an unordered aggregate the
-- input it sorted for an ordered one in the same query)
SELECT ok((SELECT kpi.trend(x * 2.0, x ORDER BY x) <> kpi.trend(x * 2.0, x ORDER BY x DESC) FROM generate_series(1, 5) x)
          AND (SELECT kpi.slope(kpi.trend(x * 2.0, x)) = kpi.slope(kpi.trend(x * 2.0, x ORDER BY x DESC)) FROM generate_series(1, 5) x),
          'trend: equality is of the state, not of the line');
-- the bookkeeping of the moving-aggregate mode is not part of the value
SELECT is((SELECT count(*) FROM (
              SELECT kpi.trend(x * 1.0, x) OVER (ORDER BY x ROWS BETWEEN 2 PRECEDING AND CURRENT ROW) w,
                     (SELECT kpi.trend(g * 1.0, g) FROM generate_series(greatest(x - 2, 1), x) g) fresh
              FROM generate_series(1, 20) x) s WHERE (w = fresh) IS DISTINCT FROM (w::text = fresh::text)), 0::bigint,
          'trend: window states (with removal bookkeeping) compare by their value');

-- btree support: a total order consistent with =
SELECT is((SELECT count(*) FROM states a, states b WHERE (kpi.state_cmp(a.v, b.v) = 0) IS DISTINCT FROM (a.v = b.v)), 0::bigint,
          'state: cmp is 0 exactly for equal values');
SELECT is((SELECT count(*) FROM trends a, trends b WHERE (kpi.trend_cmp(a.t, b.t) = 0) IS DISTINCT FROM (a.t = b.t)), 0::bigint,
          'trend: cmp is 0 exactly for equal values');
SELECT is((SELECT count(*) FROM states a, states b WHERE kpi.state_cmp(a.v, b.v) <> -kpi.state_cmp(b.v, a.v)), 0::bigint, 'state: cmp is antisymmetric');
SELECT is((SELECT count(*) FROM trends a, trends b WHERE kpi.trend_cmp(a.t, b.t) <> -kpi.trend_cmp(b.t, a.t)), 0::bigint, 'trend: cmp is antisymmetric');
SELECT is((SELECT count(*) FROM states a, states b, states c
           WHERE kpi.state_cmp(a.v, b.v) < 0 AND kpi.state_cmp(b.v, c.v) < 0 AND NOT kpi.state_cmp(a.v, c.v) < 0), 0::bigint,
          'state: the order is transitive');
SELECT is((SELECT count(*) FROM trends a, trends b, trends c
           WHERE kpi.trend_cmp(a.t, b.t) < 0 AND kpi.trend_cmp(b.t, c.t) < 0 AND NOT kpi.trend_cmp(a.t, c.t) < 0), 0::bigint,
          'trend: the order is transitive');
SELECT is((SELECT count(*) FROM states a, states b WHERE
             (a.v ~<~ b.v) <> (kpi.state_cmp(a.v, b.v) < 0) OR (a.v ~<=~ b.v) <> (kpi.state_cmp(a.v, b.v) <= 0)
          OR (a.v ~>=~ b.v) <> (kpi.state_cmp(a.v, b.v) >= 0) OR (a.v ~>~ b.v) <> (kpi.state_cmp(a.v, b.v) > 0)), 0::bigint,
          'state: the ordering operators agree with cmp');
SELECT is((SELECT count(*) FROM trends a, trends b WHERE
             (a.t ~<~ b.t) <> (kpi.trend_cmp(a.t, b.t) < 0) OR (a.t ~<=~ b.t) <> (kpi.trend_cmp(a.t, b.t) <= 0)
          OR (a.t ~>=~ b.t) <> (kpi.trend_cmp(a.t, b.t) >= 0) OR (a.t ~>~ b.t) <> (kpi.trend_cmp(a.t, b.t) > 0)), 0::bigint,
          'trend: the ordering operators agree with cmp');
SELECT is(ARRAY(SELECT v::text FROM (VALUES ('{2}'::kpi.state), ('{1,2}'), ('{}'), ('{NaN}'), ('{0}'), ('{-0}'), ('{1}'), ('{-Infinity}')) s(v) ORDER BY s.v),
          ARRAY['{}', '{-Infinity}', '{-0}', '{0}', '{1}', '{1,2}', '{2}', '{NaN}'],
          'state: the storage order (value by value, a prefix first, -0 before 0, NaN last)');

-- hash support agrees with equality, and the 32-bit hash is the low half of the seed-0 64-bit one
SELECT is((SELECT count(*) FROM states a, states b WHERE a.v = b.v AND
           (kpi.state_hash(a.v) <> kpi.state_hash(b.v) OR kpi.state_hash_extended(a.v, 7) <> kpi.state_hash_extended(b.v, 7))), 0::bigint,
          'state: equal values hash alike');
SELECT is((SELECT count(*) FROM states WHERE kpi.state_hash(v) <> (kpi.state_hash_extended(v, 0) & 4294967295)::bit(32)::int4), 0::bigint,
          'state: hash = low 32 bits of hash_extended(v, 0)');
SELECT is((SELECT count(*) FROM trends WHERE kpi.trend_hash(t) <> (kpi.trend_hash_extended(t, 0) & 4294967295)::bit(32)::int4), 0::bigint,
          'trend: hash = low 32 bits of hash_extended(t, 0)');
SELECT is((SELECT count(DISTINCT kpi.state_hash(v)) FROM states), (SELECT count(*) FROM states), 'state: no collisions among the samples');
SELECT is((SELECT count(DISTINCT kpi.trend_hash(t)) FROM trends), (SELECT count(*) FROM trends), 'trend: no collisions among the samples');
SELECT isnt(kpi.state_hash_extended('{1,2}', 0), kpi.state_hash_extended('{1,2}', 1), 'state: the seed changes the 64-bit hash');

-- set operations, hashed and sorted, equal the same operations on the text forms
CREATE TEMP TABLE both_kinds AS
SELECT v, t FROM states, trends UNION ALL SELECT v, t FROM states, trends WHERE kpi.state_hash(v) % 2 = 0;
SET LOCAL enable_hashagg = on;
SET LOCAL enable_sort = off;
SELECT is((SELECT count(*) FROM (SELECT DISTINCT v, t FROM both_kinds) s), (SELECT count(*) FROM (SELECT DISTINCT v::text, t::text FROM both_kinds) s),
          'DISTINCT by hashing');
SELECT is((SELECT count(*) FROM (SELECT v FROM states UNION SELECT v FROM both_kinds) s), (SELECT count(*) FROM states), 'UNION by hashing');
SELECT is((SELECT count(*) FROM (SELECT t, count(*) FROM both_kinds GROUP BY t) s), (SELECT count(*) FROM trends), 'GROUP BY by hashing');
SET LOCAL enable_hashagg = off;
SET LOCAL enable_sort = on;
SELECT is((SELECT count(*) FROM (SELECT DISTINCT v, t FROM both_kinds) s), (SELECT count(*) FROM (SELECT DISTINCT v::text, t::text FROM both_kinds) s),
          'DISTINCT by sorting');
SELECT is((SELECT count(*) FROM (SELECT t FROM trends UNION SELECT t FROM both_kinds) s), (SELECT count(*) FROM trends), 'UNION by sorting');
SELECT is((SELECT count(*) FROM (SELECT v, count(*) FROM both_kinds GROUP BY v) s), (SELECT count(*) FROM states), 'GROUP BY by sorting');
RESET enable_hashagg;
RESET enable_sort;
SELECT is((SELECT count(DISTINCT t) FROM both_kinds), (SELECT count(*) FROM trends), 'count(DISTINCT trend)');
SELECT is((SELECT count(*) FROM (SELECT v FROM both_kinds INTERSECT SELECT v FROM states EXCEPT SELECT '{1}'::kpi.state) s),
          (SELECT count(*) - 1 FROM states), 'INTERSECT and EXCEPT');
SELECT is((SELECT count(*) FROM (SELECT DISTINCT ARRAY[v, v], ROW(t, 1) FROM both_kinds) s), (SELECT count(*) FROM (SELECT DISTINCT v, t FROM both_kinds) s),
          'DISTINCT over arrays and rows of them');

-- indexes and hash partitions answer as a scan does
CREATE TEMP TABLE indexed AS SELECT v, t FROM both_kinds;
CREATE INDEX ON indexed USING btree (t, v);
CREATE INDEX ON indexed USING hash (v);
ANALYZE indexed;
SET LOCAL enable_seqscan = off;
SELECT is((SELECT count(*) FROM states s WHERE (SELECT count(*) FROM indexed i WHERE i.v = s.v) <> (SELECT count(*) FROM both_kinds b WHERE b.v::text = s.v::text)),
          0::bigint, 'hash index lookups');
SELECT is((SELECT count(*) FROM trends s WHERE (SELECT count(*) FROM indexed i WHERE i.t = s.t) <> (SELECT count(*) FROM both_kinds b WHERE b.t::text = s.t::text)),
          0::bigint, 'btree index lookups');
RESET enable_seqscan;
CREATE TEMP TABLE parted (t kpi.trend) PARTITION BY HASH (t);
CREATE TEMP TABLE parted0 PARTITION OF parted FOR VALUES WITH (MODULUS 2, REMAINDER 0);
CREATE TEMP TABLE parted1 PARTITION OF parted FOR VALUES WITH (MODULUS 2, REMAINDER 1);
INSERT INTO parted SELECT t FROM both_kinds;
SELECT is((SELECT count(*) FROM parted WHERE t = (SELECT min(t::text)::kpi.trend FROM trends)),
          (SELECT count(*) FROM both_kinds WHERE t::text = (SELECT min(t::text) FROM trends)), 'hash partitions prune by the value');

-- by design: no plain < on states (the order is not a meaning)
SELECT throws_ok($$SELECT '{1}'::kpi.state < '{2}'::kpi.state$$, '42883', NULL, 'state: no < operator');
SELECT throws_ok($$SELECT kpi.trend(1.0, 1.0) > kpi.trend(2.0, 1.0)$$, '42883', NULL, 'trend: no > operator');

SELECT * FROM finish();
ROLLBACK;
