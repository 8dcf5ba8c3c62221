
--------------------------------------------------------------------------
-- 7. Visual helpers for text reports: sparklines
--------------------------------------------------------------------------

CREATE FUNCTION kpi.sparkline_accum(kpi.state, pg_catalog.float8) RETURNS kpi.state
    AS 'MODULE_PATHNAME', 'sparkline_accum' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION kpi.sparkline_accum(kpi.state, pg_catalog.float8) IS 'transition of kpi.sparkline: collects the values in order, a NULL as NaN';
CREATE FUNCTION kpi.sparkline_final(kpi.state) RETURNS pg_catalog.text
    AS 'MODULE_PATHNAME', 'sparkline_final' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION kpi.sparkline_final(kpi.state) IS 'final function of kpi.sparkline: draws the bars';

-- order matters, so there is no combine function: never split.  The state
-- grows with the rows: SSPACE tells the planner what some 120 points hold
-- (1 KB), so that hash aggregation stays within work_mem (see 50-trend.sql).
CREATE AGGREGATE kpi.sparkline(value pg_catalog.float8) (
    SFUNC = kpi.sparkline_accum, STYPE = kpi.state, FINALFUNC = kpi.sparkline_final, SSPACE = 1024,
    PARALLEL = SAFE
);
COMMENT ON AGGREGATE kpi.sparkline(pg_catalog.float8) IS 'sparkline of the eight block elements U+2581..U+2588 (the digits 1..8 where the database encoding has no such blocks) scaled min..max, a space for NULL, the fourth level throughout for a constant series; write ORDER BY in the call';

CREATE FUNCTION kpi.sparkline(pg_catalog.float8[]) RETURNS pg_catalog.text
    AS 'MODULE_PATHNAME', 'sparkline_array' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION kpi.sparkline(pg_catalog.float8[]) IS 'sparkline of an array, in array order; a space for a NULL element';
