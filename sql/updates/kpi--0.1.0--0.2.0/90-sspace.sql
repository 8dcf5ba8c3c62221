
-- The aggregates whose state grows with their rows tell the planner how big
-- a group's state is (SSPACE in sql/parts/50-trend.sql and 70-sparkline.sql),
-- so that hash aggregation respects work_mem; 0.1.0 left the default, 32
-- bytes for a varlena state.  ALTER AGGREGATE cannot change SSPACE, and
-- dropping the aggregates would drop the views using them: set
-- pg_aggregate.aggtransspace (this script runs as a superuser).
DO $sspace$
BEGIN
    -- IN's = is then pg_catalog's
    PERFORM pg_catalog.set_config('search_path', 'pg_catalog, pg_temp', true);
    UPDATE pg_catalog.pg_aggregate SET aggtransspace = 2048
    WHERE aggfnoid IN (
        'kpi.mann_kendall(pg_catalog.float8, pg_catalog.float8)'::pg_catalog.regprocedure,
        'kpi.mann_kendall(pg_catalog.float8, pg_catalog.date)'::pg_catalog.regprocedure,
        'kpi.mann_kendall(pg_catalog.float8, pg_catalog.timestamptz)'::pg_catalog.regprocedure,
        'kpi.theil_sen(pg_catalog.float8, pg_catalog.float8)'::pg_catalog.regprocedure,
        'kpi.theil_sen(pg_catalog.float8, pg_catalog.date)'::pg_catalog.regprocedure,
        'kpi.theil_sen(pg_catalog.float8, pg_catalog.timestamptz)'::pg_catalog.regprocedure);
    UPDATE pg_catalog.pg_aggregate SET aggtransspace = 1024
    WHERE aggfnoid OPERATOR(pg_catalog.=) 'kpi.sparkline(pg_catalog.float8)'::pg_catalog.regprocedure;
END
$sspace$;
