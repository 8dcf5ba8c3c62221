-- test/safety/fixture.sql — a user's data built on kpi, from the catalog:
-- for upgrade.sh (installed 0.1.0, then ALTER EXTENSION kpi UPDATE) and
-- dump-restore.sh (every backup path).  Run in a database where kpi is
-- installed, as the role that is to own the objects.
--
-- Schema fx gets:
--   fx.base    rows to compute from, with stored kpi.rag, kpi.trend and
--              kpi.state columns and indexes using kpi (btree, hash,
--              expressions calling kpi functions);
--   fx.v_NNN   a view for every function, aggregate (grouped, with ORDER BY
--              in the call, and as a window aggregate over a moving frame),
--              window function, set-returning function, operator and cast
--              of kpi, and a text
--              cast in and out of every kpi type; the function is in the
--              view's comment;
--   fx.t_NNN   each view's rows stored in a table: every value of every
--              type kpi returns (composite results included);
--              Where the value is of a kpi type, a column vs holds arrays
--              of them;
--   fx.m_NNN   materialized views over the aggregates, indexed;
--   fx.uncovered  what could not be called (no sample for a parameter, or
--              an error), with why.  upgrade.sh requires it empty for 0.1.0.
-- Arguments come from fx.sample by parameter name and type, else by type.
\set ON_ERROR_STOP on
SET client_min_messages = warning;
DROP SCHEMA IF EXISTS fx CASCADE;
CREATE SCHEMA fx;

CREATE TABLE fx.base (
    id int PRIMARY KEY, g int NOT NULL, y float8, prev float8, target float8, lo float8, hi float8,
    events float8, pop float8, std float8, polarity text, d date, ts timestamptz,
    r kpi.rag, r2 kpi.rag, arr float8[], tr kpi.trend, trf kpi.trend, trt kpi.trend, st kpi.state);
INSERT INTO fx.base (id, g, y, prev, target, lo, hi, events, pop, std, polarity, d, ts, r, r2, arr, st)
SELECT i, i % 6, round((40 + 30 * sin(i / 7.0) + i % 13)::numeric, 1)::float8,
       round((42 + 30 * sin((i - 1) / 7.0) + (i - 1) % 13)::numeric, 1)::float8,
       (ARRAY[50, 75, 62.5])[1 + i % 3], 30 + i % 7, 70 + i % 11,
       5 + (i * 37) % 60, 100 + (i * 53) % 400, 1000 + (i * 17) % 900,
       (ARRAY['higher', 'lower', 'none'])[1 + i % 3],
       date '2019-04-01' + i * 7, timestamptz '2019-04-01 09:30+00' + i * interval '7 days 3 hours',
       (ARRAY['red', 'amber', 'green'])[1 + i % 3]::kpi.rag,
       (ARRAY['green', 'red', 'amber', 'red'])[1 + i % 4]::kpi.rag,
       ARRAY[i % 5, 2.5, i % 9, 1e-3 * i]::float8[],
       ('{' || i || ',0.1,-0,1e308,5e-324,0.30000000000000004}')::kpi.state
FROM generate_series(1, 240) i;
-- stored trends over dates, numbers and timestamps
UPDATE fx.base b SET tr = s.tr, trf = s.trf, trt = s.trt
FROM (SELECT g, kpi.trend(y, d) AS tr, kpi.trend(y, id / 40.0) AS trf, kpi.trend(y, ts) AS trt
      FROM fx.base GROUP BY g) s WHERE s.g = b.g;
UPDATE fx.base SET r = NULL, y = NULL WHERE id % 29 = 0;
CREATE INDEX base_r ON fx.base (r);
CREATE INDEX base_r_hash ON fx.base USING hash (r2);
CREATE INDEX base_scored ON fx.base ((kpi.rag(y, target, polarity)));
CREATE INDEX base_fy ON fx.base ((kpi.fy(d)), (kpi.fy_quarter(d)));
CREATE INDEX base_trend_n ON fx.base ((kpi.n(tr))) WHERE r OPERATOR(kpi.<>) 'green';

-- arguments: by parameter name and type first, else by type
CREATE TABLE fx.sample (name text, typ text, expr text NOT NULL);   -- typ: a type of 0.2.0 does not exist in 0.1.0
INSERT INTO fx.sample VALUES
    ('actual', 'float8', 'b.y'), ('target', 'float8', 'b.target'), ('polarity', 'text', 'b.polarity'),
    ('tolerance', 'float8', '0.05'), ('previous', 'float8', 'b.prev'), ('latest', 'float8', 'b.y'),
    ('x', 'float8', 'b.id::float8 / 40'), ('p', 'float8', '0.3'), ('t', 'float8', 'b.y / 25 - 2'),
    ('df', 'float8', '5'), ('value', 'float8', 'b.y'), ('lower', 'float8', 'b.lo'), ('upper', 'float8', 'b.hi'),
    ('successes', 'float8', 'b.events'), ('trials', 'float8', 'b.pop'), ('level', 'float8', '0.9'),
    ('events', 'float8', 'b.events'), ('denominator', 'float8', 'b.pop'), ('numerator', 'float8', 'b.events'),
    ('cuts', 'float8[]', 'ARRAY[25, 50, 75]::float8[]'), ('per', 'float8', '1000'),
    ('per', 'interval', 'interval ''1 month'''), ('min_periods', 'int4', '2'), ('local', 'float8', 'b.g * 10.0 + 5'),
    ('peer', 'float8', 'b.target'), ('population', 'float8', 'b.pop'), ('mean', 'float8', 'b.y'),
    ('sd', 'float8', '10'), ('n', 'float8', '30'), ('standard_population', 'float8', 'b.std'),
    ('benchmark', 'float8', 'b.target / 100'), ('y', 'float8', 'b.y'), ('x', 'date', 'b.d'),
    ('x', 'timestamptz', 'b.ts'), ('d', 'date', 'b.d'), ('start_month', 'int4', '4'),
    ('style', 'text', '''dash'''), ('as_of', 'date', 'b.d'), ('baseline', 'float8', '10'),
    (NULL, 'float8', 'b.y'), (NULL, 'float8[]', 'b.arr'), (NULL, 'int4', '4'), (NULL, 'int8', 'b.id::int8'), (NULL, 'text', 'b.polarity'),
    (NULL, 'date', 'b.d'), (NULL, 'timestamptz', 'b.ts'), (NULL, 'interval', 'interval ''1 month'''),
    (NULL, 'kpi.rag', 'b.r'), (NULL, 'kpi.trend', 'b.tr'), (NULL, 'kpi.state', 'b.st'),
    (NULL, 'kpi.ci', 'kpi.wilson_ci(b.events, b.pop)'),
    -- 0.2.0
    ('period', 'float8', 'b.id::float8'), ('period', 'date', 'b.d'), ('period', 'timestamptz', 'b.ts'),
    (NULL, 'bool', 'false'), (NULL, 'kpi.polarity', 'b.polarity::kpi.polarity'),
    (NULL, 'kpi.series', '(SELECT kpi.series(s.y, s.d) FROM fx.base s WHERE s.g = b.g)');
CREATE TABLE fx.uncovered (what text, why text);
CREATE TABLE fx.made (n int, what text, kind text);

DO $fixture$
DECLARE
    f record;
    args text;
    missing text;
    view_sql text;
    n int := 0;
    frame constant text := 'OVER (PARTITION BY b.g ORDER BY b.id ROWS BETWEEN 5 PRECEDING AND CURRENT ROW)';
    kpi_ext oid := (SELECT oid FROM pg_extension WHERE extname = 'kpi');
BEGIN
    -- functions, aggregates and set-returning functions that SQL calls by
    -- name (not those behind types, aggregates, operators, opclasses)
    FOR f IN
        SELECT p.oid, p.oid::regprocedure::text AS what, p.prokind, p.proretset, p.pronargs, p.proargtypes,
               coalesce(p.proargnames, '{}') AS names, p.pronargdefaults
        FROM pg_proc p
        JOIN pg_depend dep ON dep.classid = 'pg_proc'::regclass AND dep.objid = p.oid AND dep.deptype = 'e'
                          AND dep.refobjid = kpi_ext
        WHERE p.prokind IN ('f', 'a', 'w')
          AND NOT EXISTS (SELECT FROM pg_type t WHERE p.oid IN (t.typinput, t.typoutput, t.typreceive, t.typsend,
                                                                 t.typmodin, t.typmodout, t.typanalyze))
          AND NOT EXISTS (SELECT FROM pg_aggregate a WHERE p.oid IN (a.aggtransfn, a.aggfinalfn, a.aggcombinefn,
                                  a.aggserialfn, a.aggdeserialfn, a.aggmtransfn, a.aggminvtransfn, a.aggmfinalfn))
          AND NOT EXISTS (SELECT FROM pg_operator o WHERE p.oid IN (o.oprcode, o.oprrest, o.oprjoin))
          AND NOT EXISTS (SELECT FROM pg_amproc ap WHERE ap.amproc = p.oid)
          AND NOT EXISTS (SELECT FROM pg_cast c WHERE c.castfunc = p.oid)
          AND p.prorettype <> 'internal'::regtype
        ORDER BY 2
    LOOP
        -- a sample for every argument; trailing ones with defaults may be
        -- left out when there is none
        SELECT string_agg(a.expr, ', ' ORDER BY a.i) FILTER (WHERE a.i <= coalesce(a.last, f.pronargs)),
               string_agg(coalesce(a.name, '$' || a.i) || ' ' || a.typ::regtype, ', ')
                   FILTER (WHERE a.expr IS NULL AND a.i <= f.pronargs - f.pronargdefaults)
          INTO args, missing
        FROM (SELECT x.*, min(x.i) FILTER (WHERE x.expr IS NULL) OVER () - 1 AS last
              FROM (SELECT u.i, u.typ, u.name,
                           (SELECT s.expr FROM fx.sample s WHERE to_regtype(s.typ) = u.typ AND (s.name = u.name OR s.name IS NULL)
                            ORDER BY s.name IS NULL LIMIT 1) AS expr
                    FROM unnest(f.proargtypes::oid[], (f.names)[1:f.pronargs]) WITH ORDINALITY AS u(typ, name, i)) x) a;
        -- a trend over the x type the function's x is of
        IF 'float8'::regtype = ANY (SELECT a.typ FROM unnest(f.proargtypes::oid[], (f.names)[1:f.pronargs]) a(typ, name) WHERE a.name = 'x') THEN
            args := replace(args, 'b.tr', 'b.trf');
        ELSIF 'timestamptz'::regtype = ANY (SELECT a.typ FROM unnest(f.proargtypes::oid[], (f.names)[1:f.pronargs]) a(typ, name) WHERE a.name = 'x') THEN
            args := replace(args, 'b.tr', 'b.trt');
        END IF;
        IF missing IS NOT NULL THEN
            INSERT INTO fx.uncovered VALUES (f.what, 'no sample for ' || missing);
            CONTINUE;
        END IF;
        FOR view_sql IN
            SELECT v FROM (VALUES
                (f.prokind = 'f' AND NOT f.proretset,
                 format('SELECT b.id, %s(%s) AS v FROM fx.base b', f.oid::regproc, args)),
                (f.prokind = 'f' AND f.proretset,
                 format('SELECT b.id, s AS v FROM fx.base b CROSS JOIN LATERAL %s(%s) s', f.oid::regproc, args)),
                (f.prokind = 'a',
                 format('SELECT b.g AS id, %s(%s ORDER BY b.id) AS v FROM fx.base b GROUP BY b.g', f.oid::regproc, args)),
                (f.prokind = 'a',
                 format('SELECT b.id, %s(%s) %s AS v FROM fx.base b', f.oid::regproc, args, frame)),
                (f.prokind = 'w',
                 format('SELECT b.id, %s(%s) OVER (PARTITION BY b.g ORDER BY b.id) AS v FROM fx.base b', f.oid::regproc, args))) AS c(ok, v)
            WHERE ok
        LOOP
            n := n + 1;
            BEGIN
                EXECUTE format('CREATE VIEW fx.%I AS %s', 'v_' || lpad(n::text, 3, '0'), view_sql);
                EXECUTE format('COMMENT ON VIEW fx.%I IS %L', 'v_' || lpad(n::text, 3, '0'), f.what);
                EXECUTE format('CREATE TABLE fx.%I AS SELECT * FROM fx.%I', 't_' || lpad(n::text, 3, '0'), 'v_' || lpad(n::text, 3, '0'));
                INSERT INTO fx.made VALUES (n, f.what, CASE WHEN f.prokind = 'w' THEN 'window function'
                                                            WHEN f.prokind = 'a' AND view_sql LIKE '% OVER %' THEN 'window'
                                                            WHEN f.prokind = 'a' THEN 'aggregate'
                                                            WHEN f.proretset THEN 'set-returning' ELSE 'function' END);
            EXCEPTION WHEN OTHERS THEN
                INSERT INTO fx.uncovered VALUES (f.what, SQLERRM || ' in: ' || view_sql);
            END;
        END LOOP;
    END LOOP;

    -- operators, with samples of their operand types
    FOR f IN
        SELECT o.oid::regoperator::text AS what, o.oprname, o.oprnamespace, o.oprleft, o.oprright
        FROM pg_operator o
        JOIN pg_depend dep ON dep.classid = 'pg_operator'::regclass AND dep.objid = o.oid AND dep.deptype = 'e'
                          AND dep.refobjid = kpi_ext
        ORDER BY 1
    LOOP
        n := n + 1;
        BEGIN
            view_sql := format('SELECT b.id, %s OPERATOR(%s.%s) %s AS v FROM fx.base b',
                               CASE WHEN f.oprleft = 0 THEN '' ELSE (SELECT s.expr FROM fx.sample s WHERE s.name IS NULL AND to_regtype(s.typ) = f.oprleft) END,
                               f.oprnamespace::regnamespace, f.oprname,
                               replace((SELECT s.expr FROM fx.sample s WHERE s.name IS NULL AND to_regtype(s.typ) = f.oprright), 'b.r', 'b.r2'));
            IF view_sql IS NULL THEN
                RAISE EXCEPTION 'no sample of an operand type';
            END IF;
            EXECUTE format('CREATE VIEW fx.%I AS %s', 'v_' || lpad(n::text, 3, '0'), view_sql);
            EXECUTE format('COMMENT ON VIEW fx.%I IS %L', 'v_' || lpad(n::text, 3, '0'), 'operator ' || f.what);
            EXECUTE format('CREATE TABLE fx.%I AS SELECT * FROM fx.%I', 't_' || lpad(n::text, 3, '0'), 'v_' || lpad(n::text, 3, '0'));
            INSERT INTO fx.made VALUES (n, f.what, 'operator');
        EXCEPTION WHEN OTHERS THEN
            INSERT INTO fx.uncovered VALUES ('operator ' || f.what, SQLERRM);
        END;
    END LOOP;

    -- casts of kpi (none in 0.1.0), and text casts into and out of every
    -- kpi type whose values the views above hold
    FOR f IN
        SELECT 'cast ' || c.castsource::regtype || ' as ' || c.casttarget::regtype AS what,
               c.castsource AS src, c.casttarget::regtype::text AS target
        FROM pg_cast c
        JOIN pg_depend dep ON dep.classid = 'pg_cast'::regclass AND dep.objid = c.oid AND dep.deptype = 'e'
                          AND dep.refobjid = kpi_ext
        UNION ALL
        SELECT 'cast text as ' || t.oid::regtype, 'text'::regtype, t.oid::regtype::text
        FROM pg_type t WHERE t.typnamespace = 'kpi'::regnamespace AND t.typtype IN ('b', 'c')
          AND t.typcategory <> 'A'
        ORDER BY 1
    LOOP
        n := n + 1;
        BEGIN
            IF f.src = 'text'::regtype THEN
                -- text made by a stored value's output, read back in,
                -- and the text itself
                view_sql := (SELECT format('SELECT x.id, CAST(x.v::text AS %s) AS v, CAST(x.v AS text) AS t FROM fx.%I x',
                                           f.target, 't_' || lpad(m.n::text, 3, '0'))
                             FROM fx.made m JOIN pg_attribute a ON a.attrelid = ('fx.t_' || lpad(m.n::text, 3, '0'))::regclass
                                                              AND a.attname = 'v'
                             WHERE a.atttypid = f.target::regtype ORDER BY m.n LIMIT 1);
                IF view_sql IS NULL THEN
                    view_sql := format('SELECT b.id, CAST(%s AS %s) AS v FROM fx.base b',
                                       (SELECT s.expr FROM fx.sample s WHERE s.name IS NULL AND to_regtype(s.typ) = f.target::regtype) || '::text',
                                       f.target);
                    IF (SELECT s.expr FROM fx.sample s WHERE s.name IS NULL AND to_regtype(s.typ) = f.target::regtype) IS NULL THEN
                        -- a composite no view returned: made of samples of
                        -- its columns' types, stored, read through text
                        view_sql := (SELECT format('CREATE TABLE fx.%I AS SELECT b.id, ROW(%s)::%s AS v FROM fx.base b',
                                                   's_' || lpad(n::text, 3, '0'),
                                                   string_agg((SELECT s.expr FROM fx.sample s
                                                               WHERE s.name IS NULL AND to_regtype(s.typ) = a.atttypid), ', '
                                                              ORDER BY a.attnum),
                                                   f.target)
                                     FROM pg_type t JOIN pg_attribute a ON a.attrelid = t.typrelid
                                     WHERE t.oid = f.target::regtype AND t.typtype = 'c' AND a.attnum > 0 AND NOT a.attisdropped
                                     HAVING bool_and(EXISTS (SELECT FROM fx.sample s
                                                             WHERE s.name IS NULL AND to_regtype(s.typ) = a.atttypid)));
                        IF view_sql IS NOT NULL THEN
                            EXECUTE view_sql;
                            view_sql := format('SELECT x.id, CAST(x.v::text AS %s) AS v FROM fx.%I x',
                                               f.target, 's_' || lpad(n::text, 3, '0'));
                        END IF;
                    END IF;
                END IF;
            ELSE
                view_sql := format('SELECT b.id, CAST(%s AS %s) AS v FROM fx.base b',
                                   (SELECT s.expr FROM fx.sample s WHERE s.name IS NULL AND to_regtype(s.typ) = f.src), f.target);
                IF (SELECT s.expr FROM fx.sample s WHERE s.name IS NULL AND to_regtype(s.typ) = f.src) IS NULL THEN
                    view_sql := NULL;
                END IF;
            END IF;
            IF view_sql IS NULL THEN
                RAISE EXCEPTION 'no sample or stored value of the type';
            END IF;
            EXECUTE format('CREATE VIEW fx.%I AS %s', 'v_' || lpad(n::text, 3, '0'), view_sql);
            EXECUTE format('COMMENT ON VIEW fx.%I IS %L', 'v_' || lpad(n::text, 3, '0'), f.what);
            EXECUTE format('CREATE TABLE fx.%I AS SELECT * FROM fx.%I', 't_' || lpad(n::text, 3, '0'), 'v_' || lpad(n::text, 3, '0'));
            INSERT INTO fx.made VALUES (n, f.what, 'cast');
        EXCEPTION WHEN OTHERS THEN
            INSERT INTO fx.uncovered VALUES (f.what, SQLERRM);
        END;
    END LOOP;

    -- arrays of every kpi-typed value stored above: each table gets a
    -- column vs, the row's value with those of the two rows before it
    FOR f IN
        SELECT m.n FROM fx.made m
        JOIN pg_attribute a ON a.attrelid = ('fx.t_' || lpad(m.n::text, 3, '0'))::regclass AND a.attname = 'v'
        JOIN pg_type t ON t.oid = a.atttypid
        WHERE t.typnamespace = 'kpi'::regnamespace
        ORDER BY m.n
    LOOP
        EXECUTE format('ALTER TABLE fx.%1$I ADD COLUMN vs %2$s[];
                        UPDATE fx.%1$I x SET vs = a.vs
                        FROM (SELECT ctid, array_agg(v) OVER (ORDER BY id, v::text ROWS 2 PRECEDING) AS vs FROM fx.%1$I) a
                        WHERE a.ctid = x.ctid',
                       't_' || lpad(f.n::text, 3, '0'),
                       (SELECT format_type(a.atttypid, NULL) FROM pg_attribute a
                        WHERE a.attrelid = ('fx.t_' || lpad(f.n::text, 3, '0'))::regclass AND a.attname = 'v'));
    END LOOP;

    -- materialized views over the grouped aggregates, indexed on their key
    -- and, by type, on their value (btree and hash on kpi.rag, kpi
    -- functions of a kpi.trend)
    FOR f IN
        SELECT m.n, a.atttypid::regtype AS typ FROM fx.made m
        JOIN pg_attribute a ON a.attrelid = ('fx.t_' || lpad(m.n::text, 3, '0'))::regclass AND a.attname = 'v'
        WHERE m.kind = 'aggregate' ORDER BY m.n
    LOOP
        EXECUTE format('CREATE MATERIALIZED VIEW fx.%I AS SELECT * FROM fx.%I', 'm_' || lpad(f.n::text, 3, '0'), 'v_' || lpad(f.n::text, 3, '0'));
        EXECUTE format('CREATE UNIQUE INDEX ON fx.%I (id)', 'm_' || lpad(f.n::text, 3, '0'));
        IF f.typ = 'kpi.rag'::regtype THEN
            EXECUTE format('CREATE INDEX ON fx.%I (v)', 'm_' || lpad(f.n::text, 3, '0'));
            EXECUTE format('CREATE INDEX ON fx.%I USING hash (v)', 'm_' || lpad(f.n::text, 3, '0'));
        ELSIF f.typ = 'kpi.trend'::regtype THEN
            EXECUTE format('CREATE INDEX ON fx.%I ((kpi.n(v)), (kpi.slope(v)))', 'm_' || lpad(f.n::text, 3, '0'));
        END IF;
    END LOOP;

    -- every kpi type must be stored somewhere, and an array of it
    INSERT INTO fx.uncovered
    SELECT 'type ' || t.oid::regtype, 'no table column holds it or an array of it'
    FROM pg_type t
    WHERE t.typnamespace = 'kpi'::regnamespace AND t.typtype IN ('b', 'c', 'e', 'd', 'r', 'm')
      AND (t.typrelid = 0 OR (SELECT relkind FROM pg_class WHERE oid = t.typrelid) = 'c')
      AND t.typelem = 0
      AND NOT (EXISTS (SELECT FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid
                       WHERE c.relnamespace = 'fx'::regnamespace AND c.relkind = 'r' AND a.atttypid = t.oid)
               AND EXISTS (SELECT FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid
                           WHERE c.relnamespace = 'fx'::regnamespace AND c.relkind = 'r' AND a.atttypid = t.typarray));
END
$fixture$;
