-- test/fuzz/fuzz.sql — the fuzzer's generator, loaded into a scratch
-- database by tools/kpi-fuzz (never part of the extension).
--
-- Targets are found in the catalog, so new kpi functions, aggregates and
-- types are fuzzed without editing this file:
--   input:<type>   mutated and random text through the type's input function
--   recv:<type>    random and mutated bytes through binary COPY into the type
--   call:<oid>     edge and random values into every non-aggregate function
--   agg:<oid>      edge and random row sets into every aggregate, plain,
--                  ordered, grouped, filtered and as window aggregates
-- Each case runs in its own subtransaction (an EXCEPTION block).  A case
-- passes when it returns or raises a clean error; an internal error (class
-- XX, 58) is recorded in kpi_fuzz.failure.  A crash ends the backend, which
-- tools/kpi-fuzz notices, and it then replays the target with trace on to
-- print the case that crashed.
--
-- When a new text parameter takes new keywords, add them to kpi_fuzz.seed.

\set ON_ERROR_STOP 1
SET client_min_messages = warning;
DROP SCHEMA IF EXISTS kpi_fuzz CASCADE;
CREATE SCHEMA kpi_fuzz;

-- literal SQL expressions for each type: the edges of its domain
CREATE TABLE kpi_fuzz.edge (typ regtype, lit text);
-- text forms worth mutating: keywords of text parameters, valid values of kpi types
CREATE TABLE kpi_fuzz.seed (typ regtype, txt text);
-- valid values (SQL expressions) of kpi types and aggregate states, harvested at setup
CREATE TABLE kpi_fuzz.pool (typ regtype, lit text);
-- internal errors and other failures
CREATE TABLE kpi_fuzz.failure (target text, mode text, sqlstate text, message text, sql text);
-- internal errors already reported to their owners: counted as 'known', not
-- failures (each line names where it is tracked; delete it once fixed)
CREATE TABLE kpi_fuzz.known (sqlstate text, message_like text, tracked text);
-- (none at present)
-- outcome counts of each target's run: {"ok": n, "22P02": n, ...}
CREATE TABLE kpi_fuzz.result (kind text, target text, label text, ms int, counts jsonb);

INSERT INTO kpi_fuzz.edge
SELECT 'float8', quote_literal(v) || '::float8'
FROM unnest(ARRAY['NaN', 'Infinity', '-Infinity', '0', '-0', '1', '-1', '0.5', '2', '3', '5',
                  '0.1', '0.95', '0.998', '0.999999', '1e-10', '100', '1000', '10000', '100000',
                  '4.9e-324', '-4.9e-324', '2.2250738585072014e-308', '2.225073858507201e-308',
                  '1.7976931348623157e308', '-1.7976931348623157e308', '8.98846567431158e307',
                  '1e-300', '1e300', '-1e300', '1e15', '9007199254740993', '1e19', '1e-5',
                  '0.30000000000000004', '12', '13', '4', '-0.5', '1e154', '1.3407807929942596e154']) v;
INSERT INTO kpi_fuzz.edge
SELECT 'int4', v || '::int4'
FROM unnest(ARRAY['0', '1', '-1', '2', '3', '4', '5', '12', '13', '100', '2147483647', '(-2147483648)',
                  '(-2147483647)', '1000000']) v;
INSERT INTO kpi_fuzz.edge
SELECT 'int8', v || '::int8'
FROM unnest(ARRAY['0', '1', '-1', '2', '4', '10', '9223372036854775807', '(-9223372036854775808)',
                  '(-9223372036854775807)', '4294967296', '2147483648']) v;
INSERT INTO kpi_fuzz.edge
SELECT 'text'::regtype, quote_literal(v)
FROM unnest(ARRAY['higher', 'lower', 'none', 'up', 'down', 'higher_is_better', 'lower_is_better',
                  'HIGHER', ' Lower ', 'None', '', ' ', 'short', 'dash', 'long', 'x',
                  'hígher', '🔴', 'red', 'amber', 'green', 'float8', 'date', 'timestamptz']) v
UNION ALL SELECT 'text', 'repeat(''higher'', 10000)'
UNION ALL SELECT 'text', 'repeat(''ä'', 3000)';
INSERT INTO kpi_fuzz.edge
SELECT 'date', quote_literal(v) || '::date'
FROM unnest(ARRAY['infinity', '-infinity', '4714-11-24 BC', '4714-11-25 BC', '5874897-12-31',
                  '5874897-12-01', '294276-12-31', '0001-01-01', '0001-12-31 BC', '1970-01-01',
                  '2000-02-29', '1900-02-28', '2024-03-31', '2024-04-01', '2024-09-30',
                  '2025-03-31', '1999-12-31']) v;
INSERT INTO kpi_fuzz.edge
SELECT 'timestamptz', quote_literal(v) || '::timestamptz'
FROM unnest(ARRAY['infinity', '-infinity', '4714-11-24 00:00:00+00 BC', '294276-12-31 23:59:59.999999+00',
                  '294276-12-31 23:59:59+00', '1970-01-01 00:00:00+00', '2000-01-01 00:00:00+00',
                  '2024-09-30 23:59:59.999999+00', '2024-03-31 01:00:00+01', '0001-01-01 00:00:00+00',
                  '1969-12-31 23:59:59.999999+00']) v;
INSERT INTO kpi_fuzz.edge
SELECT 'interval', quote_literal(v) || '::interval'
FROM unnest(ARRAY['0', '1 month', '1 day', '1 year', '-1 month', '-1 day', '1 microsecond',
                  '-1 microsecond', '178000000 years', '-178000000 years', '2147483647 days',
                  '-2147483648 days', '2147483647 months', '1 month -30 days', '1 day -24 hours',
                  '12 months', '3 months', '7 days', '1 hour']) v;
INSERT INTO kpi_fuzz.edge
SELECT 'kpi.rag', quote_literal(v) || '::kpi.rag'
FROM unnest(ARRAY['red', 'amber', 'green', 'blue']) v;
INSERT INTO kpi_fuzz.edge
SELECT 'kpi.polarity', quote_literal(v) || '::kpi.polarity'
FROM unnest(ARRAY['higher', 'lower', 'none']) v;
INSERT INTO kpi_fuzz.edge
SELECT 'kpi.policy', quote_literal(v) || '::kpi.policy'
FROM unnest(ARRAY['relative', 'relative 0', 'absolute 0', 'absolute 1e308', 'relative 1e308 stretch -1e308',
                  'met', 'met cumulative', 'relative 0.1 cumulative stretch 5e-324', 'absolute 2 cumulative stretch 1e308']) v;

INSERT INTO kpi_fuzz.seed SELECT 'text', v
FROM unnest(ARRAY['higher', 'lower', 'none', 'up', 'down', 'higher_is_better', 'lower_is_better',
                  'short', 'dash', 'long', 'govuk', 'fingertips', 'High is good', 'RAG - Low is good',
                  'neutral']) v;
INSERT INTO kpi_fuzz.seed SELECT 'kpi.rag', v
FROM unnest(ARRAY['red', 'r', 'amber', 'a', 'yellow', 'y', 'green', 'g', '🔴', '🟠', '🟡', '🟢',
                  ' Green ', 'RED', 'blue', 'b', '🔵']) v;
INSERT INTO kpi_fuzz.seed SELECT 'kpi.polarity', v
FROM unnest(ARRAY['higher', 'lower', 'none', 'up', 'down', 'High is good', 'RAG - Low is good   ',
                  'BOB - Blue orange blue', 'neutral', 'not applicable', 'lower is better']) v;
INSERT INTO kpi_fuzz.seed SELECT 'kpi.policy', v
FROM unnest(ARRAY['relative', 'relative 10%', 'relative 0.05, cumulative', 'absolute 2 stretch 98',
                  'met', 'met cumulative stretch 95', 'absolute 1e-300', 'relative 33.3%']) v;
INSERT INTO kpi_fuzz.seed SELECT 'kpi.state', v
FROM unnest(ARRAY['{}', '{1}', '{1,2,3}', '{0.1,1e308,5e-324,-0,NaN,Infinity,-Infinity}',
                  ' { 1 , 2.5 } ', '{4,1,2,3,4,5,6}']) v;

-- one random element of an array
CREATE FUNCTION kpi_fuzz.pick(a anyarray) RETURNS anyelement
LANGUAGE sql VOLATILE AS
$$ SELECT a[1 + floor(random() * cardinality(a))::int] $$;

CREATE FUNCTION kpi_fuzz.rand_int(lo bigint, hi bigint) RETURNS bigint
LANGUAGE sql VOLATILE AS
$$ SELECT (lo + floor(random() * (hi::numeric - lo + 1)))::bigint $$;

-- a random character: mostly ASCII, sometimes a multibyte one (never NUL)
CREATE FUNCTION kpi_fuzz.rand_char() RETURNS text
LANGUAGE plpgsql VOLATILE AS $$
DECLARE r float8 := random();
BEGIN
    IF r < 0.6 THEN RETURN chr(kpi_fuzz.rand_int(32, 126)::int);
    ELSIF r < 0.75 THEN RETURN kpi_fuzz.pick(ARRAY['{', '}', ',', '(', ')', '=', '"', '\', ' ', '-', '+',
                                                  '.', 'e', 'E', '0', '9', E'\t', E'\n', 'n', 'x']);
    ELSIF r < 0.85 THEN RETURN chr(kpi_fuzz.rand_int(1, 31)::int);
    ELSIF r < 0.95 THEN RETURN chr(kpi_fuzz.rand_int(128, 2047)::int);
    ELSE RETURN kpi_fuzz.pick(ARRAY['🔴', '🟠', '🟡', '🟢', '▲', '£', chr(65279), chr(1114111)]);
    END IF;
END $$;

CREATE FUNCTION kpi_fuzz.rand_text(maxlen int) RETURNS text
LANGUAGE plpgsql VOLATILE AS $$
DECLARE s text := ''; n int := kpi_fuzz.rand_int(0, maxlen);
BEGIN
    FOR i IN 1 .. n LOOP s := s || kpi_fuzz.rand_char(); END LOOP;
    RETURN s;
END $$;

-- a few random edits of a string
CREATE FUNCTION kpi_fuzz.mutate(s text) RETURNS text
LANGUAGE plpgsql VOLATILE AS $$
DECLARE
    rounds int := kpi_fuzz.rand_int(1, 4);
    p int; q int; len int;
    tokens text[] := ARRAY['NaN', 'Infinity', '-Infinity', 'inf', '-0', '1e308', '1e309', '1e-320',
        '4.9e-324', '2.4e-324', '9223372036854775807', '-9223372036854775808', '9223372036854775808',
        '18446744073709551616', '2147483648', '-2147483649', '0x10', '{', '}', ',', '(', ')', '=',
        'n=', 'x0=', 'xmax=', 'sxx=', 'float8', 'date', 'timestamptz', 'interval', '"', '\', ' ',
        '{}', '()', ',,', 'NULL', repeat('9', 400), repeat('0', 400) || '1', '1e', '.', '-', '+',
        '00000000000000000000001', '0.' || repeat('0', 330) || '1', repeat('{', 8), 'e-99999'];
BEGIN
    FOR r IN 1 .. rounds LOOP
        len := length(s);
        p := kpi_fuzz.rand_int(0, len)::int;
        CASE kpi_fuzz.rand_int(0, 7)
        WHEN 0 THEN   -- delete a run
            q := kpi_fuzz.rand_int(1, greatest(1, len / 3))::int;
            s := left(s, p) || substr(s, p + q + 1);
        WHEN 1 THEN   -- insert a character
            s := left(s, p) || kpi_fuzz.rand_char() || substr(s, p + 1);
        WHEN 2 THEN   -- replace a character
            s := left(s, p) || kpi_fuzz.rand_char() || substr(s, p + 2);
        WHEN 3 THEN   -- insert a token
            s := left(s, p) || kpi_fuzz.pick(tokens) || substr(s, p + 1);
        WHEN 4 THEN   -- replace a number by a token
            s := regexp_replace(s, '-?[0-9][0-9.e+-]*', kpi_fuzz.pick(tokens),
                                kpi_fuzz.rand_int(1, 4)::int);
        WHEN 5 THEN   -- duplicate a run
            q := kpi_fuzz.rand_int(1, greatest(1, len))::int;
            s := left(s, p) || substr(s, p + 1, q) || substr(s, p + 1);
        WHEN 6 THEN   -- truncate
            s := left(s, p);
        ELSE          -- case flip
            s := CASE WHEN random() < 0.5 THEN upper(s) ELSE lower(s) END;
        END CASE;
    END LOOP;
    RETURN s;
END $$;

-- a random float8, as a literal
CREATE FUNCTION kpi_fuzz.rand_float8() RETURNS text
LANGUAGE plpgsql VOLATILE AS $$
DECLARE r float8 := random(); v float8;
BEGIN
    IF r < 0.4 THEN
        RETURN kpi_fuzz.pick(array_agg(lit)) FROM kpi_fuzz.edge WHERE typ = 'float8'::regtype;
    ELSIF r < 0.7 THEN
        v := kpi_fuzz.rand_int(-10, 100);
        IF random() < 0.5 THEN v := v + round(random()::numeric, 2); END IF;
    ELSE
        v := (random() * 2 - 1) * power(10::float8, kpi_fuzz.rand_int(-300, 300));
    END IF;
    RETURN quote_literal(v::text) || '::float8';
END $$;

-- a random value of a type, as a SQL expression
CREATE FUNCTION kpi_fuzz.gen(t regtype, depth int DEFAULT 0) RETURNS text
LANGUAGE plpgsql VOLATILE AS $$
DECLARE
    ty pg_type;
    r float8 := random();
    n int; lb int;
    parts text[] := '{}';
    elem text;
    tname text := format_type(t, NULL);
BEGIN
    SELECT * INTO ty FROM pg_type WHERE oid = t;
    IF r < 0.06 THEN RETURN 'NULL::' || tname; END IF;
    r := random();
    IF ty.typtype = 'd' THEN
        RETURN '(' || kpi_fuzz.gen(ty.typbasetype, depth) || ')::' || tname;
    END IF;
    -- a harvested valid value (kpi types, real aggregate states)
    IF r < 0.5 AND EXISTS (SELECT FROM kpi_fuzz.pool WHERE typ = t) THEN
        RETURN kpi_fuzz.pick(array_agg(lit)) FROM kpi_fuzz.pool WHERE typ = t;
    END IF;
    r := random();
    -- a true array: typelem set and typlen -1, and (PostgreSQL 14+, which
    -- has pg_type.typsubscript; read through jsonb, so PostgreSQL 13 runs
    -- this too) subscripted as an array
    IF ty.typelem <> 0 AND ty.typlen = -1
       AND coalesce(to_jsonb(ty) ->> 'typsubscript', 'array_subscript_handler') = 'array_subscript_handler' THEN
        IF depth > 1 THEN RETURN 'NULL::' || tname; END IF;
        n := CASE WHEN r < 0.15 THEN 0 WHEN r < 0.9 THEN kpi_fuzz.rand_int(1, 8)::int
                  ELSE kpi_fuzz.rand_int(9, 120)::int END;
        IF random() < 0.08 AND n > 0 THEN   -- two dimensions
            FOR i IN 1 .. n LOOP
                parts := parts || ('ARRAY[' || kpi_fuzz.gen(ty.typelem, depth + 1) || ','
                                   || kpi_fuzz.gen(ty.typelem, depth + 1) || ']');
            END LOOP;
            RETURN 'ARRAY[' || array_to_string(parts, ',') || ']::' || tname;
        END IF;
        FOR i IN 1 .. n LOOP
            elem := CASE WHEN random() < 0.05 THEN 'NULL' ELSE kpi_fuzz.gen(ty.typelem, depth + 1) END;
            parts := parts || elem;
        END LOOP;
        elem := 'ARRAY[' || array_to_string(parts, ',') || ']::' || tname;
        IF n > 0 AND random() < 0.08 THEN    -- lower bound other than 1
            lb := kpi_fuzz.pick(ARRAY[0, -1, 2, 7, -2147483647]);
            RETURN format('(SELECT (''[%s:%s]='' || a::text)::%s FROM (SELECT %s AS a) s)',
                          lb, lb + n - 1, tname, elem);
        END IF;
        RETURN elem;
    END IF;
    IF ty.typtype = 'c' THEN
        SELECT array_agg(kpi_fuzz.gen(atttypid::regtype, depth + 1) ORDER BY attnum) INTO parts
        FROM pg_attribute WHERE attrelid = ty.typrelid AND attnum > 0 AND NOT attisdropped;
        RETURN 'ROW(' || array_to_string(parts, ',') || ')::' || tname;
    END IF;
    IF ty.typtype = 'e' THEN
        RETURN quote_literal(kpi_fuzz.pick(array_agg(enumlabel))) || '::' || tname
        FROM pg_enum WHERE enumtypid = t;
    END IF;
    CASE t
    WHEN 'float8'::regtype THEN RETURN kpi_fuzz.rand_float8();
    WHEN 'float4'::regtype THEN RETURN '(' || kpi_fuzz.rand_float8() || ')::float4';
    WHEN 'numeric'::regtype THEN RETURN '(' || kpi_fuzz.rand_float8() || ')::numeric';
    WHEN 'int4'::regtype, 'int8'::regtype, 'int2'::regtype THEN
        IF r < 0.5 OR t = 'int2'::regtype THEN
            RETURN kpi_fuzz.rand_int(-20, 20) || '::' || tname;
        END IF;
        RETURN kpi_fuzz.pick(array_agg(lit)) FROM kpi_fuzz.edge WHERE typ = t;
    WHEN 'text'::regtype, 'varchar'::regtype, 'name'::regtype THEN
        IF r < 0.4 THEN
            RETURN quote_literal(kpi_fuzz.pick(array_agg(txt))) || '::' || tname FROM kpi_fuzz.seed WHERE typ = 'text'::regtype;
        ELSIF r < 0.75 THEN
            RETURN quote_literal(kpi_fuzz.mutate(kpi_fuzz.pick(array_agg(txt)))) || '::' || tname FROM kpi_fuzz.seed WHERE typ = 'text'::regtype;
        ELSIF r < 0.9 THEN
            RETURN kpi_fuzz.pick(array_agg(lit)) || '::' || tname FROM kpi_fuzz.edge WHERE typ = 'text'::regtype;
        END IF;
        RETURN quote_literal(kpi_fuzz.rand_text(20)) || '::' || tname;
    WHEN 'bool'::regtype THEN RETURN (random() < 0.5)::text;
    WHEN 'date'::regtype THEN
        IF r < 0.5 THEN
            RETURN kpi_fuzz.pick(array_agg(lit)) FROM kpi_fuzz.edge WHERE typ = t;
        ELSIF r < 0.85 THEN
            RETURN format('(''2024-01-01''::date + %s)', kpi_fuzz.rand_int(-20000, 20000));
        END IF;
        RETURN format('(''2000-01-01''::date + %s)', kpi_fuzz.rand_int(-2451545, 2145031948));
    WHEN 'timestamptz'::regtype, 'timestamp'::regtype THEN
        IF r < 0.5 THEN
            RETURN kpi_fuzz.pick(array_agg(lit)) || '::' || tname FROM kpi_fuzz.edge WHERE typ = 'timestamptz'::regtype;
        ELSIF r < 0.85 THEN
            RETURN format('(''2024-01-01 00:00:00+00''::timestamptz + ''%s seconds''::interval)::%s',
                          kpi_fuzz.rand_int(-1000000000, 1000000000), tname);
        END IF;
        RETURN format('(''2000-01-01 00:00:00+00''::timestamptz + ''%s microseconds''::interval)::%s',
                      kpi_fuzz.rand_int(-211813488000000000, 9223371331200000000), tname);
    WHEN 'interval'::regtype THEN
        IF r < 0.6 THEN
            RETURN kpi_fuzz.pick(array_agg(lit)) FROM kpi_fuzz.edge WHERE typ = t;
        END IF;
        RETURN format('make_interval(0, %s, 0, %s, 0, 0, %s)', kpi_fuzz.rand_int(-100, 100),
                      kpi_fuzz.rand_int(-1000, 1000), round((random() * 1e6)::numeric, 3));
    WHEN 'cstring'::regtype THEN
        RETURN quote_literal(kpi_fuzz.rand_text(30)) || '::cstring';
    ELSE
        -- a base type of kpi's with no harvested value yet: mutate its seeds
        IF EXISTS (SELECT FROM kpi_fuzz.seed WHERE typ = t) THEN
            RETURN quote_literal(kpi_fuzz.mutate(kpi_fuzz.pick(array_agg(txt)))) || '::' || tname
            FROM kpi_fuzz.seed WHERE typ = t;
        END IF;
        RETURN 'NULL::' || tname;
    END CASE;
END $$;

-- count one outcome; record it when it is a failure
CREATE FUNCTION kpi_fuzz.tally(INOUT counts jsonb, target text, mode text, state text, msg text, sql text)
LANGUAGE plpgsql VOLATILE AS $$
DECLARE key text := state;
BEGIN
    -- XX: internal error (elog, can't happen); 58: system error; P0001 from
    -- kpi code would be a bug too; 'slow': a case that took over 10 s (a
    -- hang in the making).  Everything else is a clean, classified error.
    IF left(state, 2) IN ('XX', '58') OR state IN ('P0001', 'slow') THEN
        SELECT 'known ' || k.sqlstate || ' ' || k.message_like INTO key
        FROM kpi_fuzz.known k WHERE k.sqlstate = state AND msg LIKE k.message_like;
        IF key IS NULL THEN
            key := state;
            INSERT INTO kpi_fuzz.failure VALUES (target, mode, state, msg, left(sql, 4000));
        END IF;
    END IF;
    counts := jsonb_set(counts, ARRAY[key], to_jsonb(coalesce((counts ->> key)::int, 0) + 1));
END $$;

-- run one statement as one case
CREATE FUNCTION kpi_fuzz.one(INOUT counts jsonb, target text, mode text, sql text, trace bool)
LANGUAGE plpgsql VOLATILE AS $$
DECLARE st text; msg text; dummy text; t0 timestamptz := clock_timestamp();
BEGIN
    IF trace THEN RAISE WARNING 'case %: %', mode, sql; END IF;
    BEGIN
        EXECUTE sql INTO dummy;
        st := 'ok';
    EXCEPTION WHEN OTHERS THEN
        GET STACKED DIAGNOSTICS st = RETURNED_SQLSTATE, msg = MESSAGE_TEXT;
    END;
    IF clock_timestamp() - t0 > interval '10 s' THEN
        counts := kpi_fuzz.tally(counts, target, mode, 'slow',
                                 format('%s s, then %s', round(extract(epoch FROM clock_timestamp() - t0), 1), st), sql);
    END IF;
    counts := kpi_fuzz.tally(counts, target, mode, st, msg, sql);
END $$;

-- call:<oid> — edge and random arguments into one function
CREATE FUNCTION kpi_fuzz.fuzz_call(fn regprocedure, budget interval, trace bool) RETURNS jsonb
LANGUAGE plpgsql VOLATILE AS $$
DECLARE
    p pg_proc;
    counts jsonb := '{}';
    stop timestamptz := clock_timestamp() + budget;
    args text[];
    head text;
BEGIN
    SELECT * INTO p FROM pg_proc WHERE oid = fn;
    head := quote_ident(p.pronamespace::regnamespace::text) || '.' || quote_ident(p.proname);
    LOOP
        SELECT coalesce(array_agg('(' || kpi_fuzz.gen(a) || ')::' || format_type(a, NULL) ORDER BY o), '{}')
          INTO args FROM unnest(p.proargtypes::oid[]) WITH ORDINALITY AS u(a, o);
        counts := kpi_fuzz.one(counts, fn::text, 'call',
                               'SELECT (' || head || '(' || array_to_string(args, ', ') || '))::text', trace);
        EXIT WHEN clock_timestamp() > stop;
    END LOOP;
    RETURN counts;
END $$;

-- a random row set for an aggregate, as a FROM clause with columns i, a1 .. an
CREATE FUNCTION kpi_fuzz.rows(argtypes oid[], maxrows int) RETURNS text
LANGUAGE plpgsql VOLATILE AS $$
DECLARE
    k int := kpi_fuzz.pick(ARRAY[0, 1, 1, 2, 2, 3, 3, 4, 5, 6, 7, 8, 12, 13, maxrows]);
    rowsql text[] := '{}';
    cols text := 'i';
    vals text[];
BEGIN
    FOR j IN 1 .. cardinality(argtypes) LOOP cols := cols || ', a' || j; END LOOP;
    FOR r IN 1 .. greatest(k, 1) LOOP
        SELECT array_agg('(' || kpi_fuzz.gen(a) || ')::' || format_type(a, NULL) ORDER BY o) INTO vals
        FROM unnest(argtypes) WITH ORDINALITY AS u(a, o);
        rowsql := rowsql || ('(' || r || ', ' || array_to_string(vals, ', ') || ')');
    END LOOP;
    RETURN '(SELECT * FROM (VALUES ' || array_to_string(rowsql, ', ') || ') v(' || cols || ')'
           || CASE WHEN k = 0 THEN ' WHERE false' ELSE '' END || ') r';
END $$;

-- agg:<oid> — random row sets into one aggregate, in every way it can run
CREATE FUNCTION kpi_fuzz.fuzz_agg(fn regprocedure, budget interval, trace bool) RETURNS jsonb
LANGUAGE plpgsql VOLATILE AS $$
DECLARE
    p pg_proc;
    counts jsonb := '{}';
    stop timestamptz := clock_timestamp() + budget;
    head text; a text := ''; src text; call text; mode text;
    modes text[] := ARRAY['plain', 'ordered', 'grouped', 'filter', 'distinct',
                          'win_moving', 'win_running', 'win_exclude', 'win_partition', 'win_whole'];
BEGIN
    SELECT * INTO p FROM pg_proc WHERE oid = fn;
    head := quote_ident(p.pronamespace::regnamespace::text) || '.' || quote_ident(p.proname);
    FOR j IN 1 .. p.pronargs LOOP a := a || CASE WHEN j > 1 THEN ', ' ELSE '' END || 'a' || j; END LOOP;
    LOOP
        src := kpi_fuzz.rows(p.proargtypes::oid[], 40);
        mode := kpi_fuzz.pick(modes);
        call := CASE mode
            WHEN 'plain'    THEN 'SELECT (' || head || '(' || a || '))::text FROM ' || src
            WHEN 'ordered'  THEN 'SELECT (' || head || '(' || a || ' ORDER BY i DESC))::text FROM ' || src
            WHEN 'grouped'  THEN 'SELECT string_agg(x, '';'') FROM (SELECT (' || head || '(' || a
                                 || '))::text x FROM ' || src || ' GROUP BY i % 3) s'
            WHEN 'filter'   THEN 'SELECT (' || head || '(' || a || ') FILTER (WHERE i % 2 = 0))::text FROM ' || src
            WHEN 'distinct' THEN 'SELECT string_agg(x, '';'') FROM (SELECT (' || head || '(' || a
                                 || ' ORDER BY ' || a || '))::text x FROM ' || src || ' GROUP BY i % 2) s'
            ELSE 'SELECT string_agg(x, '';'') FROM (SELECT (' || head || '(' || a || ') OVER ('
                 || CASE mode
                    WHEN 'win_moving'    THEN 'ORDER BY i ROWS BETWEEN 2 PRECEDING AND CURRENT ROW'
                    WHEN 'win_running'   THEN 'ORDER BY i'
                    WHEN 'win_exclude'   THEN 'ORDER BY i ROWS BETWEEN 1 PRECEDING AND 1 FOLLOWING EXCLUDE CURRENT ROW'
                    WHEN 'win_partition' THEN 'PARTITION BY i % 2 ORDER BY i ROWS BETWEEN 3 PRECEDING AND 1 PRECEDING'
                    ELSE '' END
                 || '))::text x FROM ' || src || ') s'
            END;
        counts := kpi_fuzz.one(counts, fn::text, mode, call, trace);
        EXIT WHEN clock_timestamp() > stop;
    END LOOP;
    RETURN counts;
END $$;

-- input:<type> — mutated and random text into the type's input function;
-- a value that is accepted must print and read back to the same text
CREATE FUNCTION kpi_fuzz.fuzz_input(t regtype, budget interval, trace bool) RETURNS jsonb
LANGUAGE plpgsql VOLATILE AS $$
DECLARE
    counts jsonb := '{}';
    stop timestamptz := clock_timestamp() + budget;
    seeds text[];
    s text; out1 text; out2 text; st text; msg text;
    tname text := format_type(t, NULL);
BEGIN
    SELECT array_agg(txt) INTO seeds FROM kpi_fuzz.seed WHERE typ = t;
    IF seeds IS NULL THEN seeds := ARRAY['']; END IF;
    LOOP
        s := CASE WHEN random() < 0.85 THEN kpi_fuzz.mutate(kpi_fuzz.pick(seeds))
                  ELSE kpi_fuzz.rand_text(40) END;
        IF trace THEN RAISE WARNING 'case input: %', quote_literal(s) || '::' || tname; END IF;
        BEGIN
            EXECUTE format('SELECT ($1::%s)::text', tname) INTO out1 USING s;
            EXECUTE format('SELECT ($1::%s)::text', tname) INTO out2 USING out1;
            IF out1 IS DISTINCT FROM out2 THEN
                counts := kpi_fuzz.tally(counts, t::text, 'input', 'roundtrip', out1 || ' -> ' || out2,
                                         quote_literal(s) || '::' || tname);
                INSERT INTO kpi_fuzz.failure VALUES (t::text, 'input', 'roundtrip', out1 || ' -> ' || out2,
                                                     quote_literal(s) || '::' || tname);
            ELSE
                counts := kpi_fuzz.tally(counts, t::text, 'input', 'ok', NULL, NULL);
            END IF;
        EXCEPTION WHEN OTHERS THEN
            GET STACKED DIAGNOSTICS st = RETURNED_SQLSTATE, msg = MESSAGE_TEXT;
            counts := kpi_fuzz.tally(counts, t::text, 'input', st, msg, quote_literal(s) || '::' || tname);
        END;
        EXIT WHEN clock_timestamp() > stop;
    END LOOP;
    RETURN counts;
END $$;

-- recv:<type> — random and mutated bytes into the type's receive function.
-- A bytea written by binary COPY has the same framing as any other field, so
-- reading the file back into a column of the type hands its bytes to the
-- receive function.  Accepted values must print.
CREATE FUNCTION kpi_fuzz.fuzz_recv(t regtype, budget interval, trace bool) RETURNS jsonb
LANGUAGE plpgsql VOLATILE AS $$
DECLARE
    counts jsonb := '{}';
    stop timestamptz := clock_timestamp() + budget;
    path text := current_setting('data_directory') || '/kpi_fuzz_recv.bin';
    tname text := format_type(t, NULL);
    sendfn regproc;
    good bytea[] := '{}';
    b bytea; lit text; v text; st text; msg text; n int; p int; casesql text;
    r float8;
BEGIN
    SELECT typsend INTO sendfn FROM pg_type WHERE oid = t;
    -- valid encodings to mutate
    FOR i IN 1 .. 40 LOOP
        lit := kpi_fuzz.gen(t);
        BEGIN
            EXECUTE format('SELECT %s(%s)', sendfn, lit) INTO b;
            IF b IS NOT NULL THEN good := good || b; END IF;
        EXCEPTION WHEN OTHERS THEN NULL;
        END;
    END LOOP;
    EXECUTE format('CREATE TEMP TABLE IF NOT EXISTS kpi_fuzz_recv (v %s)', tname);
    LOOP
        r := random();
        IF r < 0.3 OR cardinality(good) = 0 THEN
            n := kpi_fuzz.pick(ARRAY[0, 1, 2, 3, 4, 5, 8, 9, 12, 16, 20, 24, 96, 97, 100, 200, 1000]);
            b := ''::bytea;
            FOR i IN 1 .. n LOOP b := b || set_byte('\x00'::bytea, 0, kpi_fuzz.rand_int(0, 255)::int); END LOOP;
        ELSE
            b := kpi_fuzz.pick(good);
            FOR k IN 1 .. kpi_fuzz.rand_int(1, 3) LOOP
                n := length(b);
                p := kpi_fuzz.rand_int(0, greatest(n - 1, 0))::int;
                CASE kpi_fuzz.rand_int(0, 5)
                WHEN 0 THEN IF n > 0 THEN b := set_byte(b, p, kpi_fuzz.rand_int(0, 255)::int); END IF;
                WHEN 1 THEN IF n > 0 THEN b := set_byte(b, p, get_byte(b, p) # (1 << kpi_fuzz.rand_int(0, 7)::int)); END IF;
                WHEN 2 THEN b := substr(b, 1, p);
                WHEN 3 THEN b := b || substr(b, 1, kpi_fuzz.rand_int(1, 16)::int);
                WHEN 4 THEN   -- an extreme 32-bit word (counts, lengths)
                    IF n >= p + 4 THEN
                        b := overlay(b placing kpi_fuzz.pick(ARRAY['\x7fffffff', '\x80000000', '\xffffffff',
                                                                   '\x00000000', '\x00000001', '\x00010000']::bytea[])
                                     from p + 1 for 4);
                    END IF;
                ELSE           -- an extreme double
                    IF n >= p + 8 THEN
                        b := overlay(b placing kpi_fuzz.pick(ARRAY['\x7ff8000000000000', '\x7ff0000000000000',
                                                                   '\xfff0000000000000', '\x8000000000000000',
                                                                   '\x0000000000000001', '\x7fefffffffffffff']::bytea[])
                                     from p + 1 for 8);
                    END IF;
                END CASE;
            END LOOP;
        END IF;
        casesql := format('COPY (SELECT %L::bytea) TO %L (FORMAT binary); COPY kpi_fuzz_recv FROM %L (FORMAT binary)',
                          b, path, path);
        IF trace THEN RAISE WARNING 'case recv: % bytes %', tname, b; END IF;
        BEGIN
            EXECUTE format('COPY (SELECT %L::bytea) TO %L (FORMAT binary)', b, path);
            EXECUTE format('COPY kpi_fuzz_recv FROM %L (FORMAT binary)', path);
            EXECUTE 'SELECT v::text FROM kpi_fuzz_recv' INTO v;
            TRUNCATE kpi_fuzz_recv;
            counts := kpi_fuzz.tally(counts, t::text, 'recv', 'ok', NULL, NULL);
        EXCEPTION WHEN OTHERS THEN
            GET STACKED DIAGNOSTICS st = RETURNED_SQLSTATE, msg = MESSAGE_TEXT;
            counts := kpi_fuzz.tally(counts, t::text, 'recv', st, msg, casesql);
        END;
        EXIT WHEN clock_timestamp() > stop;
    END LOOP;
    DROP TABLE kpi_fuzz_recv;
    RETURN counts;
END $$;

-- everything to fuzz, found in the catalog
CREATE VIEW kpi_fuzz.target AS
SELECT 'input' AS kind, t.oid::regtype::text AS target, format_type(t.oid, NULL) AS label
FROM pg_type t
WHERE t.typnamespace = 'kpi'::regnamespace AND t.typtype = 'b'
UNION ALL
SELECT 'recv', t.oid::regtype::text, format_type(t.oid, NULL)
FROM pg_type t
WHERE t.typnamespace = 'kpi'::regnamespace AND t.typtype IN ('b', 'c')
  AND t.typsend <> 0 AND t.typrelid NOT IN (SELECT oid FROM pg_class WHERE relkind <> 'c')
UNION ALL
SELECT CASE p.prokind WHEN 'a' THEN 'agg' ELSE 'call' END, p.oid::text, p.oid::regprocedure::text
FROM pg_proc p
WHERE p.pronamespace = 'kpi'::regnamespace AND p.prokind IN ('f', 'a')
  AND NOT 'internal'::regtype = ANY (p.proargtypes::oid[])
  AND p.prorettype <> 'internal'::regtype;

CREATE FUNCTION kpi_fuzz.run(kind text, target text, seed float8, budget_ms int, trace bool DEFAULT false)
RETURNS jsonb LANGUAGE plpgsql VOLATILE AS $$
DECLARE
    budget interval := make_interval(secs => budget_ms / 1000.0);
    t0 timestamptz := clock_timestamp();
    counts jsonb;
BEGIN
    PERFORM setseed(seed);
    counts := CASE kind
        WHEN 'input' THEN kpi_fuzz.fuzz_input(target::regtype, budget, trace)
        WHEN 'recv'  THEN kpi_fuzz.fuzz_recv(target::regtype, budget, trace)
        WHEN 'call'  THEN kpi_fuzz.fuzz_call(target::oid::regprocedure, budget, trace)
        WHEN 'agg'   THEN kpi_fuzz.fuzz_agg(target::oid::regprocedure, budget, trace)
    END;
    INSERT INTO kpi_fuzz.result
    SELECT run.kind, run.target, t.label, (extract(epoch FROM clock_timestamp() - t0) * 1000)::int, counts
    FROM kpi_fuzz.target t WHERE t.kind = run.kind AND t.target = run.target;
    RETURN counts;
END $$;

-- Harvest valid values: the results of aggregates returning kpi types, and
-- real transition states (an aggregate with the same transition function
-- but no final function), so functions taking states get realistic ones.
CREATE FUNCTION kpi_fuzz.harvest(rounds int) RETURNS int
LANGUAGE plpgsql VOLATILE AS $$
DECLARE
    ag record; got int := 0; v text; k int := 0; a text; ok bool;
BEGIN
    PERFORM setseed(0.5);
    FOR ag IN
        SELECT p.oid, p.proargtypes::oid[] AS argtypes, p.pronargs, p.prorettype, g.*
        FROM pg_aggregate g JOIN pg_proc p ON p.oid = g.aggfnoid
        WHERE p.pronamespace = 'kpi'::regnamespace AND g.aggkind = 'n'
    LOOP
        a := '';
        FOR j IN 1 .. ag.pronargs LOOP a := a || CASE WHEN j > 1 THEN ', ' ELSE '' END || 'a' || j; END LOOP;
        FOR which IN 1 .. 3 LOOP
            k := k + 1;
            ok := true;
            BEGIN
                IF which = 1 THEN
                    CONTINUE WHEN ag.prorettype::regtype::text NOT LIKE 'kpi.%'
                                  OR (SELECT typtype FROM pg_type WHERE oid = ag.prorettype) <> 'b';
                ELSIF which = 2 THEN
                    CONTINUE WHEN ag.aggtranstype = 'internal'::regtype;
                    EXECUTE format('CREATE AGGREGATE kpi_fuzz.harvest_%s(%s) (SFUNC = %s, STYPE = %s%s)',
                                   k, (SELECT string_agg(format_type(x, NULL), ', ') FROM unnest(ag.argtypes) x),
                                   ag.aggtransfn, format_type(ag.aggtranstype, NULL),
                                   CASE WHEN ag.agginitval IS NULL THEN '' ELSE ', INITCOND = ' || quote_literal(ag.agginitval) END);
                ELSE
                    CONTINUE WHEN ag.aggmtransfn = 0 OR ag.aggmtranstype = 'internal'::regtype;
                    EXECUTE format('CREATE AGGREGATE kpi_fuzz.harvest_%s(%s) (SFUNC = %s, STYPE = %s%s)',
                                   k, (SELECT string_agg(format_type(x, NULL), ', ') FROM unnest(ag.argtypes) x),
                                   ag.aggmtransfn, format_type(ag.aggmtranstype, NULL),
                                   CASE WHEN ag.aggminitval IS NULL THEN '' ELSE ', INITCOND = ' || quote_literal(ag.aggminitval) END);
                END IF;
            EXCEPTION WHEN OTHERS THEN ok := false;
            END;
            CONTINUE WHEN NOT ok;
            FOR r IN 1 .. rounds LOOP
                BEGIN
                    EXECUTE 'SELECT (' || CASE WHEN which = 1 THEN ag.oid::regproc::text
                                               ELSE 'kpi_fuzz.harvest_' || k END
                            || '(' || a || '))::text FROM ' || kpi_fuzz.rows(ag.argtypes, 12) INTO v;
                    IF v IS NOT NULL THEN
                        INSERT INTO kpi_fuzz.pool
                        VALUES (CASE which WHEN 1 THEN ag.prorettype WHEN 2 THEN ag.aggtranstype ELSE ag.aggmtranstype END,
                                quote_literal(v) || '::' || format_type(CASE which WHEN 1 THEN ag.prorettype
                                                                        WHEN 2 THEN ag.aggtranstype ELSE ag.aggmtranstype END, NULL));
                        got := got + 1;
                    END IF;
                EXCEPTION WHEN OTHERS THEN NULL;
                END;
            END LOOP;
        END LOOP;
    END LOOP;
    -- mutate the text of harvested kpi values too
    INSERT INTO kpi_fuzz.seed
    SELECT DISTINCT typ, (regexp_match(lit, '^''(.*)''::'))[1]
    FROM kpi_fuzz.pool p JOIN pg_type t ON t.oid = p.typ
    WHERE t.typnamespace = 'kpi'::regnamespace AND t.typtype = 'b';
    RETURN got;
END $$;

INSERT INTO kpi_fuzz.pool SELECT typ, lit FROM kpi_fuzz.edge WHERE typ = 'kpi.rag'::regtype;
INSERT INTO kpi_fuzz.pool SELECT typ, quote_literal(txt) || '::kpi.state' FROM kpi_fuzz.seed WHERE typ = 'kpi.state'::regtype;
SELECT kpi_fuzz.harvest(15) AS harvested \gset
SELECT format_type(typ, NULL) AS type, count(*) AS harvested_values FROM kpi_fuzz.pool GROUP BY 1 ORDER BY 1;
