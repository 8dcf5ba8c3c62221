
--------------------------------------------------------------------------
-- 3b. Benchmark comparison with peers: rank and quartile
--------------------------------------------------------------------------

CREATE FUNCTION kpi.peer_rank_accum(kpi.state, pg_catalog.float8, pg_catalog.float8, pg_catalog.text)
    RETURNS kpi.state
    AS 'MODULE_PATHNAME', 'peer_rank_accum' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION kpi.peer_rank_accum(kpi.state, pg_catalog.float8, pg_catalog.float8, pg_catalog.text)
    IS 'transition function of kpi.peer_rank';
CREATE FUNCTION kpi.peer_rank_combine(kpi.state, kpi.state) RETURNS kpi.state
    AS 'MODULE_PATHNAME', 'peer_rank_combine' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION kpi.peer_rank_combine(kpi.state, kpi.state)
    IS 'combine function of kpi.peer_rank';
CREATE FUNCTION kpi.peer_rank_final(kpi.state) RETURNS pg_catalog.int8
    AS 'MODULE_PATHNAME', 'peer_rank_final' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION kpi.peer_rank_final(kpi.state)
    IS 'final function of kpi.peer_rank';

CREATE AGGREGATE kpi.peer_rank(local pg_catalog.float8, peer pg_catalog.float8, polarity pg_catalog.text) (
    SFUNC = kpi.peer_rank_accum, STYPE = kpi.state, INITCOND = '{0,0,0,0}',
    FINALFUNC = kpi.peer_rank_final, COMBINEFUNC = kpi.peer_rank_combine,
    PARALLEL = SAFE
);
COMMENT ON AGGREGATE kpi.peer_rank(pg_catalog.float8, pg_catalog.float8, pg_catalog.text)
    IS 'rank of the local value among the peer rows: 1 + the number of peers strictly better (ties share a rank); NULL for polarity none';

CREATE FUNCTION kpi.quartile(value pg_catalog.float8, cuts pg_catalog.float8[], polarity pg_catalog.text)
    RETURNS pg_catalog.int4
    AS 'MODULE_PATHNAME', 'kpi_quartile' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION kpi.quartile(pg_catalog.float8, pg_catalog.float8[], pg_catalog.text)
    IS 'quartile of value given the cut points from percentile_cont(ARRAY[0.25,0.5,0.75]): 1 = best, 4 = worst; a value on a cut point goes to the better quartile';
