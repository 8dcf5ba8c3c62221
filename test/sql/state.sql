-- kpi.state: the aggregate state type.  Its text form must read back bit
-- for bit whatever extra_float_digits is (a float8[] does not at 0).
SET search_path = public, kpi;
SELECT setseed(0.42);

CREATE TABLE state_t AS
SELECT i, (random() - 0.5) * 10 ^ ((random() * 600)::int - 300) AS v
FROM generate_series(1, 10000) AS i;
INSERT INTO state_t VALUES (0, 0.1), (-1, 1e308), (-2, 5e-324), (-3, -0.0),
                           (-4, 0.30000000000000004), (-5, 'Infinity'), (-6, 'NaN');
-- build each state from text printed at extra_float_digits 3 (exact)
SET extra_float_digits = 3;
ALTER TABLE state_t ADD COLUMN s kpi.state;
UPDATE state_t SET s = ('{' || v::text || '}')::kpi.state;

SELECT count(*) AS "values",
       count(*) FILTER (WHERE (kpi.state_values(s))[1] = v) AS built_exact
FROM state_t;

-- round trips through text at extra_float_digits 0 and 3, and through
-- float8[] text for comparison
SET extra_float_digits = 0;
SELECT count(*) FILTER (WHERE (kpi.state_values(s::text::kpi.state))[1] = v) AS state_exact_at_0,
       count(*) FILTER (WHERE (ARRAY[v]::text::float8[])[1] = v) = count(*) AS float8_array_exact_at_0
FROM state_t;
SET extra_float_digits = 3;
SELECT count(*) FILTER (WHERE (kpi.state_values(s::text::kpi.state))[1] = v) AS state_exact_at_3
FROM state_t;
RESET extra_float_digits;

-- the text form is the shortest decimal, whatever the setting
SET extra_float_digits = 0;
SELECT '{0.1,1e308,5e-324,-0,0.30000000000000004,-Infinity,NaN}'::kpi.state AS shortest;
RESET extra_float_digits;
SELECT '{}'::kpi.state AS empty, ' { 1 , 2.5 } '::kpi.state AS blanks;

-- binary COPY round trip
CREATE TABLE state_copy (i int, v float8, s kpi.state);
DO $$
BEGIN
    EXECUTE format('COPY state_t TO %L (FORMAT binary)', current_setting('data_directory') || '/kpi_state.bin');
    EXECUTE format('COPY state_copy FROM %L (FORMAT binary)', current_setting('data_directory') || '/kpi_state.bin');
END $$;
SELECT count(*) AS rows,
       count(*) FILTER (WHERE kpi.state_values(c.s)::text = kpi.state_values(t.s)::text) AS same
FROM state_t t JOIN state_copy c USING (i);

-- malformed text
\set VERBOSITY terse
SELECT '{1,}'::kpi.state;
SELECT '{1 2}'::kpi.state;
SELECT '1,2'::kpi.state;
SELECT '{1e999}'::kpi.state;
SELECT '{1}x'::kpi.state;
\set VERBOSITY default

DROP TABLE state_t, state_copy;

-- state_cat concatenates (the combine function of point-list aggregates)
SELECT kpi.state_cat('{1,2}', '{3}') AS both, kpi.state_cat(NULL, '{3}') AS from_null,
       kpi.state_cat('{1}', NULL) AS with_null, kpi.state_cat('{}', '{}') AS empty;
