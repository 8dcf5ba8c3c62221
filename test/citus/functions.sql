-- test/citus/functions.sql — helpers of the Citus test, on the coordinator
-- (schema local; they query the distributed tables from the coordinator).
\set ON_ERROR_STOP 1
-- (Citus warns that functions taking local.cases stay on the coordinator: they should)
SET client_min_messages = error;

-- The largest relative difference between two JSON values: numbers
-- relative to the larger of the two (0 when equal, also both zero), any
-- other difference (a string, a boolean, a NULL, a missing field, an array
-- of another length) Infinity.
CREATE FUNCTION local.jdiff(a jsonb, b jsonb) RETURNS float8
LANGUAGE plpgsql IMMUTABLE AS $$
DECLARE
    d float8 := 0;
    k text;
    x float8;
    y float8;
BEGIN
    IF a IS NULL AND b IS NULL OR a = b THEN RETURN 0; END IF;
    IF a IS NULL OR b IS NULL OR jsonb_typeof(a) <> jsonb_typeof(b) THEN RETURN 'Infinity'; END IF;
    CASE jsonb_typeof(a)
    WHEN 'number' THEN
        x := a::text::float8;
        y := b::text::float8;
        IF x = y THEN RETURN 0; END IF;
        RETURN abs(x - y) / greatest(abs(x), abs(y));
    WHEN 'array' THEN
        IF jsonb_array_length(a) <> jsonb_array_length(b) THEN RETURN 'Infinity'; END IF;
        FOR i IN 0 .. jsonb_array_length(a) - 1 LOOP
            d := greatest(d, local.jdiff(a -> i, b -> i));
        END LOOP;
        RETURN d;
    WHEN 'object' THEN
        IF (SELECT array_agg(o ORDER BY o) FROM jsonb_object_keys(a) o)
           IS DISTINCT FROM (SELECT array_agg(o ORDER BY o) FROM jsonb_object_keys(b) o) THEN
            RETURN 'Infinity';
        END IF;
        FOR k IN SELECT jsonb_object_keys(a) LOOP
            d := greatest(d, local.jdiff(a -> k, b -> k));
        END LOOP;
        RETURN d;
    ELSE
        RETURN CASE WHEN a = b THEN 0::float8 ELSE 'Infinity'::float8 END;
    END CASE;
END
$$;

-- A relative difference for people: 2.4e-15
CREATE FUNCTION local.sci(x float8) RETURNS text LANGUAGE sql IMMUTABLE AS $$
    SELECT CASE WHEN x IS NULL THEN '' WHEN x = 0 THEN '0' WHEN x = 'Infinity' THEN 'Infinity'
                ELSE ltrim(to_char(x, '9.9EEEE')) END
$$;

-- The query of a case: mode split (DATA_s, grouped by grp: it must split),
-- push (DATA, grouped by area and grp: pushed down whole), local and
-- local_push (the plain copy, grouped as split and as push).
CREATE FUNCTION local.query(c local.cases, mode text) RETURNS text
LANGUAGE sql STABLE AS $$
    SELECT format('SELECT concat_ws(%L, %s) AS g, %s(%s%s) AS v FROM %s%s GROUP BY %s',
                  '|', grp, c.fn, c.args, ' ORDER BY ' || c.ord, tbl, ' WHERE ' || c.filter, grp)
    FROM (SELECT CASE mode WHEN 'split' THEN c.data || '_s' WHEN 'push' THEN c.data
                           ELSE 'local.' || c.data END AS tbl,
                 CASE WHEN mode IN ('push', 'local_push') THEN 'area, ' || c.grp ELSE c.grp END AS grp) s
$$;

-- Run a query (on the coordinator: a distributed one goes through Citus)
-- into a temporary table, then compare its rows as the case's wrap says
-- (on the coordinator, so only what came from the workers is compared).
-- (From a subquery: the text result of a split aggregate comes back from
-- Citus's coord_combine_agg without a collation, and CREATE TABLE AS
-- refuses it: docs/scaling-out.md.)
CREATE FUNCTION local.fetch(c local.cases, q text) RETURNS TABLE (g text, j jsonb)
LANGUAGE plpgsql AS $$
BEGIN
    DROP TABLE IF EXISTS pg_temp.fetched;
    EXECUTE 'CREATE TEMP TABLE fetched AS SELECT * FROM (' || q || ') AS q';
    RETURN QUERY EXECUTE format('SELECT g, %s FROM pg_temp.fetched', format(c.wrap, 'v'));
    DROP TABLE pg_temp.fetched;
END
$$;

-- The reference answers of every case (plain tables), grouped both ways
CREATE TABLE local.ref (id int, mode text, g text, j jsonb, PRIMARY KEY (id, mode, g));
CREATE FUNCTION local.make_refs() RETURNS void LANGUAGE plpgsql AS $$
DECLARE
    c local.cases;
BEGIN
    FOR c IN SELECT * FROM local.cases ORDER BY id LOOP
        INSERT INTO local.ref SELECT c.id, 'split', f.g, f.j FROM local.fetch(c, local.query(c, 'local')) f;
        INSERT INTO local.ref SELECT c.id, 'push', f.g, f.j FROM local.fetch(c, local.query(c, 'local_push')) f;
    END LOOP;
END
$$;

-- Compare a case's query in a mode (split or push, through Citus) with
-- the reference: the number of groups each side has, the groups that
-- differ beyond the tolerance, the largest relative difference.
CREATE FUNCTION local.compare(c local.cases, mode text, tol float8,
                              OUT groups bigint, OUT ref_groups bigint, OUT bad bigint, OUT maxdiff float8)
LANGUAGE plpgsql AS $$
BEGIN
    CREATE TEMP TABLE got AS SELECT * FROM local.fetch(c, local.query(c, mode));
    SELECT count(got_g), count(ref_g), count(*) FILTER (WHERE d > tol OR got_g IS NULL OR ref_g IS NULL),
           coalesce(max(d), 0)
      INTO groups, ref_groups, bad, maxdiff
      FROM (SELECT got.g AS got_g, r.g AS ref_g, local.jdiff(got.j, r.j) AS d
            FROM got FULL JOIN (SELECT * FROM local.ref WHERE id = c.id AND local.ref.mode = compare.mode) r USING (g)) s;
    DROP TABLE got;
END
$$;

-- EXPLAIN (VERBOSE) of a query, as one text
CREATE FUNCTION local.explain(q text) RETURNS text LANGUAGE plpgsql AS $$
DECLARE
    line text;
    plan text := '';
BEGIN
    FOR line IN EXECUTE 'EXPLAIN (VERBOSE, COSTS OFF) ' || q LOOP
        plan := plan || line || E'\n';
    END LOOP;
    RETURN plan;
END
$$;

-- Every outcome, one row per case, mode and setting
CREATE TABLE local.results (id int, mode text, ok bool, groups bigint, maxdiff float8, note text);

-- One case at one setting of the workers' extra_float_digits (efd):
--   split  (grouped by grp on DATA_s) under coordinator_aggregation_strategy
--          'disabled': a splittable aggregate must show worker_partial_agg
--          and coord_combine_agg in EXPLAIN and give the reference's
--          answers; an ordered one must be refused;
--   pull   (refused ones only) the same query when Citus may pull the rows
--          (coordinator_aggregation_strategy 'row-gather', the default);
--   push   (grouped by area too, on DATA) pushed down whole: no
--          coord_combine_agg, the reference's answers.
CREATE FUNCTION local.run_case(cid int, tol float8, efd text, with_push bool) RETURNS void
LANGUAGE plpgsql AS $$
DECLARE
    c local.cases;
    plan text;
    r record;
    splits bool;
BEGIN
    SELECT * INTO c FROM local.cases WHERE id = cid;
    PERFORM set_config('citus.coordinator_aggregation_strategy', 'disabled', true);
    BEGIN
        plan := local.explain(local.query(c, 'split'));
        splits := plan LIKE '%worker_partial_agg%' AND plan LIKE '%coord_combine_agg%';
        SELECT * INTO r FROM local.compare(c, 'split', tol);
        INSERT INTO local.results VALUES (cid, 'split ' || efd,
            c.expect = 'split' AND splits AND r.bad = 0 AND r.groups = r.ref_groups AND r.groups > 0,
            r.groups, r.maxdiff,
            CASE WHEN NOT splits THEN 'EXPLAIN shows no worker_partial_agg / coord_combine_agg'
                 WHEN r.bad > 0 OR r.groups <> r.ref_groups
                 THEN format('%s of %s groups differ from the local copy (it has %s)', r.bad, r.groups, r.ref_groups)
                 WHEN c.expect <> 'split' THEN 'ran, but should have been refused' END);
    EXCEPTION WHEN OTHERS THEN
        INSERT INTO local.results VALUES (cid, 'split ' || efd, c.expect = 'refused', NULL, NULL,
                                          format('%s: %s', SQLSTATE, SQLERRM));
    END;
    IF c.expect = 'refused' THEN
        PERFORM set_config('citus.coordinator_aggregation_strategy', 'row-gather', true);
        BEGIN
            plan := local.explain(local.query(c, 'split'));
            SELECT * INTO r FROM local.compare(c, 'split', tol);
            INSERT INTO local.results VALUES (cid, 'pull ' || efd,
                r.bad = 0 AND r.groups = r.ref_groups AND r.groups > 0 AND plan NOT LIKE '%worker_partial_agg%',
                r.groups, r.maxdiff,
                CASE WHEN r.bad > 0 OR r.groups <> r.ref_groups
                     THEN format('%s of %s groups differ from the local copy (it has %s)', r.bad, r.groups, r.ref_groups) END);
        EXCEPTION WHEN OTHERS THEN
            INSERT INTO local.results VALUES (cid, 'pull ' || efd, false, NULL, NULL, format('%s: %s', SQLSTATE, SQLERRM));
        END;
        PERFORM set_config('citus.coordinator_aggregation_strategy', 'disabled', true);
    END IF;
    IF with_push THEN
        BEGIN
            plan := local.explain(local.query(c, 'push'));
            SELECT * INTO r FROM local.compare(c, 'push', tol);
            INSERT INTO local.results VALUES (cid, 'push ' || efd,
                r.bad = 0 AND r.groups = r.ref_groups AND r.groups > 0 AND plan NOT LIKE '%coord_combine_agg%',
                r.groups, r.maxdiff,
                CASE WHEN plan LIKE '%coord_combine_agg%' THEN 'not pushed down'
                     WHEN r.bad > 0 OR r.groups <> r.ref_groups
                     THEN format('%s of %s groups differ from the local copy (it has %s)', r.bad, r.groups, r.ref_groups) END);
        EXCEPTION WHEN OTHERS THEN
            INSERT INTO local.results VALUES (cid, 'push ' || efd, false, NULL, NULL, format('%s: %s', SQLSTATE, SQLERRM));
        END;
    END IF;
END
$$;

-- The partial states the workers ship for every splittable case, as Citus
-- makes them (worker_partial_agg(aggregate, argument) or
-- worker_partial_agg(aggregate, ROW(arguments...)), its text), computed on
-- every shard of DATA_s: per case, a hash of all the states of the shard,
-- whether each reads back to the same text, and how many there are.  Plus
-- a control: a float8[] of sums, which does not read back exactly at
-- extra_float_digits <= 0 (kpi.state exists for that reason).
CREATE TABLE local.states (efd int, id int, shardid bigint, hash text, exact bool, n bigint);
CREATE FUNCTION local.worker_states(efd int) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
    d text;
    cmd text;
    r record;
BEGIN
    FOR d IN SELECT DISTINCT data FROM local.cases ORDER BY 1 LOOP
        SELECT 'SELECT string_agg(concat_ws(''/'', id, coalesce(h, ''''), coalesce(ok::text, ''''), n), '','' ORDER BY id) FROM ('
               || string_agg(format(
                      'SELECT %s AS id, md5(string_agg(g || ''='' || s, E''\n'' ORDER BY g)) AS h, '
                      'bool_and(s::%s::text = s) AS ok, count(*) AS n '
                      'FROM (SELECT concat_ws(''|'', %s) AS g, worker_partial_agg(%L::regprocedure, %s)::text AS s '
                      'FROM %%1$s%s GROUP BY %s) q',
                      c.id, k.state, c.grp, c.sig,
                      CASE WHEN p.pronargs = 1 THEN a.typed ELSE 'ROW(' || a.typed || ')' END,
                      replace(' WHERE ' || c.filter, '%', '%%'), c.grp), ' UNION ALL ' ORDER BY c.id)
               || CASE WHEN d = 'ind' THEN
                      ' UNION ALL SELECT 0, NULL, bool_and(a::text::float8[] = a), count(*) FROM '
                      '(SELECT ARRAY[sum(value), sum(value * value), sum(numerator / denominator)]::float8[] AS a '
                      'FROM %1$s GROUP BY area, kpi) f'
                  ELSE '' END
               || ') z'
          INTO cmd
          FROM local.cases c JOIN local.catalog k USING (id) JOIN pg_proc p ON p.oid = c.sig::regprocedure,
               -- each argument cast to the aggregate's argument type, as
               -- in the query Citus sends (worker_partial_agg checks them)
               -- (the arguments of a case with several have no commas in them)
               LATERAL (SELECT CASE WHEN p.pronargs = 1 THEN format('(%s)::%s', c.args, format_type(p.proargtypes[0], NULL))
                                    ELSE string_agg(format('(%s)::%s', u.a, format_type(p.proargtypes[u.i - 1], NULL)), ', ' ORDER BY u.i) END AS typed
                        FROM unnest(string_to_array(c.args, ', ')) WITH ORDINALITY AS u(a, i)) a
          WHERE c.data = d AND c.expect = 'split';
        FOR r IN SELECT * FROM run_command_on_shards(d || '_s', cmd) LOOP
            IF NOT r.success THEN
                RAISE EXCEPTION 'partial states of %: shard %: %', d, r.shardid, r.result;
            END IF;
            INSERT INTO local.states
            SELECT efd, split_part(x, '/', 1)::int, r.shardid, nullif(split_part(x, '/', 2), ''),
                   nullif(split_part(x, '/', 3), '')::bool, split_part(x, '/', 4)::bigint
            FROM regexp_split_to_table(r.result, ',') x;
        END LOOP;
    END LOOP;
END
$$;

-- Caveat (a) of docs/scaling-out.md: a query grouped by the distribution
-- column is pushed down whole, and Citus ships result rows holding a
-- composite column as text, rounded to the workers' extra_float_digits
-- (scalar rows go in binary).  The results' text at each setting.
CREATE TABLE local.pushed (efd int, q text, g text, v text);
CREATE FUNCTION local.pushed_rows(efd int) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
    CREATE TEMP TABLE p1 AS SELECT area || '|' || kpi AS g, kpi.mean_ci(value) AS v FROM ind GROUP BY area, kpi;
    CREATE TEMP TABLE p2 AS SELECT area || '|' || kpi AS g, (kpi.mean_ci(value)).value AS v, avg(value) AS a FROM ind GROUP BY area, kpi;
    CREATE TEMP TABLE p3 AS SELECT area || '|' || kpi AS g, kpi.mean_ci(value) AS v, avg(value) AS a FROM ind GROUP BY area, kpi;
    CREATE TEMP TABLE p4 AS SELECT area || '|' || year AS g, kpi.life_expectancy(age, deaths, population) AS v FROM bands GROUP BY area, year;
    CREATE TEMP TABLE p5 AS SELECT area || '|' || year AS g, (kpi.life_expectancy(age, deaths, population)).value AS v FROM bands GROUP BY area, year;
    INSERT INTO local.pushed SELECT efd, 'composite alone: kpi.mean_ci(value)', g, v::text FROM p1;
    INSERT INTO local.pushed SELECT efd, 'scalars only: (kpi.mean_ci(value)).value, avg(value)', g, v::text || ' ' || a::text FROM p2;
    INSERT INTO local.pushed SELECT efd, 'the float8 beside a composite: avg(value)', g, a::text FROM p3;
    INSERT INTO local.pushed SELECT efd, 'composite alone: kpi.life_expectancy(...)', g, v::text FROM p4;
    INSERT INTO local.pushed SELECT efd, 'scalar accessor: (kpi.life_expectancy(...)).value', g, v::text FROM p5;
    DROP TABLE p1, p2, p3, p4, p5;
END
$$;

-- Other checks: a query on the distributed tables against the same query
-- on the local copies; both give (g text, j jsonb), compared as above.
CREATE TABLE local.other (step text, name text, ok bool, rows bigint, maxdiff float8, note text);
CREATE FUNCTION local.compare_q(step text, name text, dq text, lq text, tol float8) RETURNS void
LANGUAGE plpgsql AS $$
DECLARE
    r record;
BEGIN
    BEGIN
        CREATE TEMP TABLE dres AS SELECT * FROM local.fetch_q(dq);
        CREATE TEMP TABLE lres AS SELECT * FROM local.fetch_q(lq);
        SELECT count(d_g) AS n, count(l_g) AS ln, count(*) FILTER (WHERE x > tol OR d_g IS NULL OR l_g IS NULL) AS bad,
               coalesce(max(x), 0) AS maxdiff
          INTO r
          FROM (SELECT d.g AS d_g, l.g AS l_g, local.jdiff(d.j, l.j) AS x FROM dres d FULL JOIN lres l USING (g)) s;
        INSERT INTO local.other VALUES (step, name, r.bad = 0 AND r.n = r.ln AND r.n > 0, r.n, r.maxdiff,
            CASE WHEN r.bad > 0 OR r.n <> r.ln THEN format('%s of %s rows differ from the local copy (it has %s)', r.bad, r.n, r.ln) END);
        DROP TABLE dres, lres;
    EXCEPTION WHEN OTHERS THEN
        INSERT INTO local.other VALUES (step, name, false, NULL, NULL, format('%s: %s', SQLSTATE, SQLERRM));
    END;
END
$$;
CREATE FUNCTION local.fetch_q(q text) RETURNS TABLE (g text, j jsonb) LANGUAGE plpgsql AS $$
BEGIN
    RETURN QUERY EXECUTE q;
END
$$;
