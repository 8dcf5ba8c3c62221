-- kpi.state's size (issue 9, items 1 and 6): what a function called from SQL
-- returns is stored at its exact size, and one limit of 40,000,000 values
-- holds on every path, with the same error (54000).  Binary input and the
-- round trips through COPY are in test/safety/state-limits.sh.
--
-- On 0.1.0: kpi.state_cat('{1,2,3}', '{4}') was stored in 117 bytes
-- against 37 for the same value typed; text input refused 67,108,864
-- values ("cannot hold 134217728 values", a wrong count) while kpi.state_cat
-- and binary input accepted up to 134,217,726, and the transition functions
-- raised their own messages at other limits.
--
-- Expected sizes by hand: a stored kpi.state is a 1-byte short varlena
-- header, the 4-byte count and 8 bytes a value, so 4 values are
-- 1 + 4 + 32 = 37 bytes; in memory (a 4-byte header) 40.  The largest
-- state: 4 + 4 + 8 * 40,000,000 = 320,000,008 bytes.
BEGIN;
SET search_path = public, kpi;
SELECT plan(25);

-- stored sizes: every way of making {1,2,3,4} from SQL gives 37 bytes
CREATE TEMP TABLE sized (how text, s kpi.state);
INSERT INTO sized VALUES
    ('typed', '{1,2,3,4}'),
    ('state_cat', kpi.state_cat('{1,2,3}', '{4}')),
    ('state_cat of one value each', kpi.state_cat(kpi.state_cat(kpi.state_cat('{1}', '{2}'), '{3}'), '{4}')),
    ('sparkline_accum', kpi.sparkline_accum('{1,2,3}', 4)),
    ('series_accum', kpi.series_accum('{1,2}', 4, 3));
SELECT is(pg_column_size(s), 37, how || ': {1,2,3,4} is stored in 37 bytes') FROM sized ORDER BY how;
SELECT is(pg_column_size(kpi.state_cat('{1,2,3}', '{4}')), 40, 'state_cat in memory: 40 bytes, as typed');
SELECT is(pg_column_size(kpi.state_cat(('{' || repeat('1,', 999) || '1}')::kpi.state, '{2}')),
          4 + 4 + 8 * 1001, 'state_cat of 1000 and 1 values: exactly 1001 values');
SELECT is((SELECT s::text FROM sized WHERE how = 'series_accum'), '{1,2,3,4}', 'series_accum appends (x, y)');

-- the longest text of one value is 24 characters, so 25 bytes a value with
-- its comma: the state.h bound that makes the largest state print in
-- 1,000,000,002 bytes, under 1 GB
SELECT is(max(octet_length(v::text)) - 2, 24, 'the longest value prints in 24 characters')
FROM (SELECT ('{' || x || '}')::kpi.state
      FROM unnest(ARRAY['-2.2250738585072014e-308', '-1.7976931348623157e308', '-5e-324', '-Infinity', 'NaN',
                        '-1.2345678901234567e-300', '-0.30000000000000004', '-4.9406564584124654e-324']) x) t(v);

-- The largest state, 40,000,000 values, made by doubling, then one value
-- more on every path that makes a state: the same error.  The state is
-- built once (a second or two), so the paths run in one function and
-- leave their outcome in a table for the tests below.
CREATE TEMP TABLE outcome (path text, sqlstate text, message text, detail text, hint text, size int);
CREATE AGGREGATE pg_temp.cat(kpi.state) (SFUNC = kpi.state_cat, STYPE = kpi.state);
DO $$
DECLARE
    big kpi.state := ('{' || repeat('0.5,', 78124) || '0.25}')::kpi.state;   -- 78,125 = 40,000,000 / 2^9
    sz int;
    st text;
    msg text;
    det text;
    hnt text;
BEGIN
    FOR i IN 1..9 LOOP big := kpi.state_cat(big, big); END LOOP;
    BEGIN
        sz := pg_column_size(big);
        INSERT INTO outcome VALUES ('state_cat at the limit', '00000', NULL, NULL, NULL, sz);
    EXCEPTION WHEN OTHERS THEN
        GET STACKED DIAGNOSTICS st = RETURNED_SQLSTATE, msg = MESSAGE_TEXT, det = PG_EXCEPTION_DETAIL, hnt = PG_EXCEPTION_HINT;
        INSERT INTO outcome VALUES ('state_cat at the limit', st, msg, det, hnt, NULL);
    END;
    BEGIN
        sz := pg_column_size(kpi.state_cat(big, '{1}'));
        INSERT INTO outcome VALUES ('state_cat', '00000', NULL, NULL, NULL, sz);
    EXCEPTION WHEN OTHERS THEN
        GET STACKED DIAGNOSTICS st = RETURNED_SQLSTATE, msg = MESSAGE_TEXT, det = PG_EXCEPTION_DETAIL, hnt = PG_EXCEPTION_HINT;
        INSERT INTO outcome VALUES ('state_cat', st, msg, det, hnt, NULL);
    END;
    BEGIN
        sz := pg_column_size(kpi.state_cat(big, big));
        INSERT INTO outcome VALUES ('state_cat of two', '00000', NULL, NULL, NULL, sz);
    EXCEPTION WHEN OTHERS THEN
        GET STACKED DIAGNOSTICS st = RETURNED_SQLSTATE, msg = MESSAGE_TEXT, det = PG_EXCEPTION_DETAIL, hnt = PG_EXCEPTION_HINT;
        INSERT INTO outcome VALUES ('state_cat of two', st, msg, det, hnt, NULL);
    END;
    BEGIN
        sz := pg_column_size(kpi.sparkline_accum(big, 1));
        INSERT INTO outcome VALUES ('sparkline_accum', '00000', NULL, NULL, NULL, sz);
    EXCEPTION WHEN OTHERS THEN
        GET STACKED DIAGNOSTICS st = RETURNED_SQLSTATE, msg = MESSAGE_TEXT, det = PG_EXCEPTION_DETAIL, hnt = PG_EXCEPTION_HINT;
        INSERT INTO outcome VALUES ('sparkline_accum', st, msg, det, hnt, NULL);
    END;
    BEGIN
        sz := pg_column_size(kpi.series_accum(big, 1, 2));
        INSERT INTO outcome VALUES ('series_accum', '00000', NULL, NULL, NULL, sz);
    EXCEPTION WHEN OTHERS THEN
        GET STACKED DIAGNOSTICS st = RETURNED_SQLSTATE, msg = MESSAGE_TEXT, det = PG_EXCEPTION_DETAIL, hnt = PG_EXCEPTION_HINT;
        INSERT INTO outcome VALUES ('series_accum', st, msg, det, hnt, NULL);
    END;
    -- inside an aggregate: kpi.state_cat as a transition, growing the
    -- aggregate's state through the append the transition functions use
    BEGIN
        sz := (SELECT pg_column_size(pg_temp.cat(s)) FROM (VALUES (big)) v(s));
        INSERT INTO outcome VALUES ('aggregate at the limit', '00000', NULL, NULL, NULL, sz);
    EXCEPTION WHEN OTHERS THEN
        GET STACKED DIAGNOSTICS st = RETURNED_SQLSTATE, msg = MESSAGE_TEXT, det = PG_EXCEPTION_DETAIL, hnt = PG_EXCEPTION_HINT;
        INSERT INTO outcome VALUES ('aggregate at the limit', st, msg, det, hnt, NULL);
    END;
    BEGIN
        sz := (SELECT pg_column_size(pg_temp.cat(s)) FROM (VALUES (big), ('{1,2}')) v(s));
        INSERT INTO outcome VALUES ('aggregate', '00000', NULL, NULL, NULL, sz);
    EXCEPTION WHEN OTHERS THEN
        GET STACKED DIAGNOSTICS st = RETURNED_SQLSTATE, msg = MESSAGE_TEXT, det = PG_EXCEPTION_DETAIL, hnt = PG_EXCEPTION_HINT;
        INSERT INTO outcome VALUES ('aggregate', st, msg, det, hnt, NULL);
    END;
    BEGIN
        sz := pg_column_size(('{' || repeat('0,', 40000000) || '0}')::kpi.state);
        INSERT INTO outcome VALUES ('text input', '00000', NULL, NULL, NULL, sz);
    EXCEPTION WHEN OTHERS THEN
        GET STACKED DIAGNOSTICS st = RETURNED_SQLSTATE, msg = MESSAGE_TEXT, det = PG_EXCEPTION_DETAIL, hnt = PG_EXCEPTION_HINT;
        INSERT INTO outcome VALUES ('text input', st, msg, det, hnt, NULL);
    END;
    BEGIN
        sz := pg_column_size(('{' || repeat('0,', 39999999) || '0}')::kpi.state);
        INSERT INTO outcome VALUES ('text input at the limit', '00000', NULL, NULL, NULL, sz);
    EXCEPTION WHEN OTHERS THEN
        GET STACKED DIAGNOSTICS st = RETURNED_SQLSTATE, msg = MESSAGE_TEXT, det = PG_EXCEPTION_DETAIL, hnt = PG_EXCEPTION_HINT;
        INSERT INTO outcome VALUES ('text input at the limit', st, msg, det, hnt, NULL);
    END;
END $$;

SELECT is(size, 320000008, path || ': 40,000,000 values (4 + 4 + 8 x 40,000,000 bytes)')
FROM outcome WHERE path LIKE '% at the limit' ORDER BY path;
SELECT is(sqlstate || ' ' || message, '54000 kpi.state cannot hold ' || n || ' values', path || ': refused, with the true count')
FROM outcome JOIN (VALUES ('state_cat', 40000001), ('state_cat of two', 80000000), ('sparkline_accum', 40000001),
                          ('series_accum', 40000002), ('aggregate', 40000002), ('text input', 40000001)) v(path, n) USING (path)
ORDER BY path;
SELECT is(detail || ' / ' || hint,
          'A kpi.state holds at most 40000000 values, so that its text form fits PostgreSQL''s 1 GB limit.'
          || ' / Aggregate fewer rows at a time, e.g. per group or per period.',
          path || ': the detail names the limit, and a hint')
FROM outcome WHERE sqlstate <> '00000' ORDER BY path;

SELECT is(pg_column_size(('{ ' || repeat('1 , ', 2) || '1 }')::kpi.state), 4 + 4 + 24, 'blanks around values are fine');

SELECT * FROM finish();
ROLLBACK;
