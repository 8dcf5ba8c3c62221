
--------------------------------------------------------------------------
-- 5b. Series that know their periods: kpi.series
--------------------------------------------------------------------------
-- A series of (period, value) points; the period is a float8, a date or a
-- timestamptz, and each period appears once.  A NULL value is a "ghosted"
-- point (Making Data Count): it keeps its place but takes no part in any
-- calculation.  Readers order the points by period themselves, so no result
-- depends on the order rows arrive in or on a window's ORDER BY.  The text
-- form reads back exactly on any server (Citus ships states as text).

CREATE TYPE kpi.series;

CREATE FUNCTION kpi.series_in(pg_catalog.cstring) RETURNS kpi.series
    AS 'MODULE_PATHNAME', 'kpi_series_in' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION kpi.series_out(kpi.series) RETURNS pg_catalog.cstring
    AS 'MODULE_PATHNAME', 'kpi_series_out' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION kpi.series_recv(pg_catalog.internal) RETURNS kpi.series
    AS 'MODULE_PATHNAME', 'kpi_series_recv' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION kpi.series_send(kpi.series) RETURNS pg_catalog.bytea
    AS 'MODULE_PATHNAME', 'kpi_series_send' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE TYPE kpi.series (
    INPUT          = kpi.series_in,
    OUTPUT         = kpi.series_out,
    RECEIVE        = kpi.series_recv,
    SEND           = kpi.series_send,
    INTERNALLENGTH = VARIABLE,
    ALIGNMENT      = double,
    STORAGE        = extended
);
COMMENT ON TYPE kpi.series IS 'a series of (period, value) points ordered by period, a period at most once, NULL values ghosted; text form kind{period=value,...}';
COMMENT ON FUNCTION kpi.series_in(pg_catalog.cstring) IS 'text input of kpi.series: float8|date|timestamptz{period=value,...}, NULL for a ghosted point';
COMMENT ON FUNCTION kpi.series_out(kpi.series) IS 'text output of kpi.series in period order; reads back exactly whatever extra_float_digits, DateStyle and TimeZone are';
COMMENT ON FUNCTION kpi.series_recv(pg_catalog.internal) IS 'binary input of kpi.series, validated like the text input';
COMMENT ON FUNCTION kpi.series_send(kpi.series) IS 'binary output of kpi.series';

CREATE FUNCTION kpi.series_append(kpi.series, pg_catalog.float8, pg_catalog.float8) RETURNS kpi.series
    AS 'MODULE_PATHNAME', 'kpi_series_append_float8' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION kpi.series_append(kpi.series, pg_catalog.float8, pg_catalog.date) RETURNS kpi.series
    AS 'MODULE_PATHNAME', 'kpi_series_append_date' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION kpi.series_append(kpi.series, pg_catalog.float8, pg_catalog.timestamptz) RETURNS kpi.series
    AS 'MODULE_PATHNAME', 'kpi_series_append_timestamptz' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION kpi.series_combine(kpi.series, kpi.series) RETURNS kpi.series
    AS 'MODULE_PATHNAME', 'kpi_series_combine' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION kpi.series_final(kpi.series) RETURNS kpi.series
    AS 'MODULE_PATHNAME', 'kpi_series_final' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION kpi.series_append(kpi.series, pg_catalog.float8, pg_catalog.float8) IS 'transition of kpi.series(value, period float8): adds one point';
COMMENT ON FUNCTION kpi.series_append(kpi.series, pg_catalog.float8, pg_catalog.date) IS 'transition of kpi.series(value, period date): adds one point';
COMMENT ON FUNCTION kpi.series_append(kpi.series, pg_catalog.float8, pg_catalog.timestamptz) IS 'transition of kpi.series(value, period timestamptz): adds one point';
COMMENT ON FUNCTION kpi.series_combine(kpi.series, kpi.series) IS 'the points of two partial series: the combine function of kpi.series';
COMMENT ON FUNCTION kpi.series_final(kpi.series) IS 'final function of kpi.series: the points sorted by period (ERROR 21000 for a period seen twice)';

-- the state grows with the rows: SSPACE is what some 120 points hold (16
-- bytes each), for hash aggregation to plan within work_mem (see 50-trend.sql)
CREATE AGGREGATE kpi.series(value pg_catalog.float8, period pg_catalog.float8) (
    SFUNC = kpi.series_append, STYPE = kpi.series, FINALFUNC = kpi.series_final,
    COMBINEFUNC = kpi.series_combine, SSPACE = 2048,
    PARALLEL = SAFE
);
CREATE AGGREGATE kpi.series(value pg_catalog.float8, period pg_catalog.date) (
    SFUNC = kpi.series_append, STYPE = kpi.series, FINALFUNC = kpi.series_final,
    COMBINEFUNC = kpi.series_combine, SSPACE = 2048,
    PARALLEL = SAFE
);
CREATE AGGREGATE kpi.series(value pg_catalog.float8, period pg_catalog.timestamptz) (
    SFUNC = kpi.series_append, STYPE = kpi.series, FINALFUNC = kpi.series_final,
    COMBINEFUNC = kpi.series_combine, SSPACE = 2048,
    PARALLEL = SAFE
);
COMMENT ON AGGREGATE kpi.series(pg_catalog.float8, pg_catalog.float8) IS 'the series of (period, value) over numeric periods, sorted by period whatever the row order; splittable (parallel, Citus)';
COMMENT ON AGGREGATE kpi.series(pg_catalog.float8, pg_catalog.date) IS 'the series of (period, value) over dates, sorted by period whatever the row order; splittable (parallel, Citus)';
COMMENT ON AGGREGATE kpi.series(pg_catalog.float8, pg_catalog.timestamptz) IS 'the series of (period, value) over moments, sorted by period whatever the row order; splittable (parallel, Citus)';

CREATE FUNCTION kpi.n(kpi.series) RETURNS pg_catalog.int4
    AS 'MODULE_PATHNAME', 'kpi_series_n' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION kpi.n(kpi.series) IS 'number of points in the series, ghosted ones included';
CREATE FUNCTION kpi.period_type(kpi.series) RETURNS pg_catalog.text
    AS 'MODULE_PATHNAME', 'kpi_series_period_type' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION kpi.period_type(kpi.series) IS 'the type of the periods: float8, date or timestamptz';
CREATE FUNCTION kpi.series_values(kpi.series) RETURNS pg_catalog.float8[]
    AS 'MODULE_PATHNAME', 'kpi_series_values' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION kpi.series_values(kpi.series) IS 'the values in period order, NULL for a ghosted point';

-- Equality, a storage order and hashing (DISTINCT, GROUP BY, UNION,
-- indexes, and the row lookups of logical replication with REPLICA
-- IDENTITY FULL): equal exactly when the text forms are.  The order is a
-- storage order, spelled ~<~ ~<=~ ~>=~ ~>~ as for kpi.state; the operators
-- are in pg_catalog (as kpi.state's), so s = t works for every login.
CREATE FUNCTION kpi.series_eq(kpi.series, kpi.series) RETURNS pg_catalog.bool
    AS 'MODULE_PATHNAME', 'kpi_series_eq' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION kpi.series_ne(kpi.series, kpi.series) RETURNS pg_catalog.bool
    AS 'MODULE_PATHNAME', 'kpi_series_ne' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION kpi.series_lt(kpi.series, kpi.series) RETURNS pg_catalog.bool
    AS 'MODULE_PATHNAME', 'kpi_series_lt' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION kpi.series_le(kpi.series, kpi.series) RETURNS pg_catalog.bool
    AS 'MODULE_PATHNAME', 'kpi_series_le' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION kpi.series_ge(kpi.series, kpi.series) RETURNS pg_catalog.bool
    AS 'MODULE_PATHNAME', 'kpi_series_ge' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION kpi.series_gt(kpi.series, kpi.series) RETURNS pg_catalog.bool
    AS 'MODULE_PATHNAME', 'kpi_series_gt' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION kpi.series_cmp(kpi.series, kpi.series) RETURNS pg_catalog.int4
    AS 'MODULE_PATHNAME', 'kpi_series_cmp' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION kpi.series_hash(kpi.series) RETURNS pg_catalog.int4
    AS 'MODULE_PATHNAME', 'kpi_series_hash' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION kpi.series_hash_extended(kpi.series, pg_catalog.int8) RETURNS pg_catalog.int8
    AS 'MODULE_PATHNAME', 'kpi_series_hash_extended' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION kpi.series_eq(kpi.series, kpi.series) IS 'equal: the same text form';
COMMENT ON FUNCTION kpi.series_ne(kpi.series, kpi.series) IS 'not equal';
COMMENT ON FUNCTION kpi.series_lt(kpi.series, kpi.series) IS 'before, in the storage order';
COMMENT ON FUNCTION kpi.series_le(kpi.series, kpi.series) IS 'before or equal, in the storage order';
COMMENT ON FUNCTION kpi.series_ge(kpi.series, kpi.series) IS 'after or equal, in the storage order';
COMMENT ON FUNCTION kpi.series_gt(kpi.series, kpi.series) IS 'after, in the storage order';
COMMENT ON FUNCTION kpi.series_cmp(kpi.series, kpi.series) IS 'btree support: -1, 0 or 1 in the storage order';
COMMENT ON FUNCTION kpi.series_hash(kpi.series) IS 'hash support: equal values hash alike';
COMMENT ON FUNCTION kpi.series_hash_extended(kpi.series, pg_catalog.int8) IS 'hash support: 64-bit seeded hash (hash partitions)';

CREATE OPERATOR pg_catalog.= (
    LEFTARG = kpi.series, RIGHTARG = kpi.series, FUNCTION = kpi.series_eq,
    COMMUTATOR = OPERATOR(pg_catalog.=), NEGATOR = OPERATOR(pg_catalog.<>),
    RESTRICT = pg_catalog.eqsel, JOIN = pg_catalog.eqjoinsel,
    MERGES, HASHES
);
CREATE OPERATOR pg_catalog.<> (
    LEFTARG = kpi.series, RIGHTARG = kpi.series, FUNCTION = kpi.series_ne,
    COMMUTATOR = OPERATOR(pg_catalog.<>), NEGATOR = OPERATOR(pg_catalog.=),
    RESTRICT = pg_catalog.neqsel, JOIN = pg_catalog.neqjoinsel
);
CREATE OPERATOR pg_catalog.~<~ (
    LEFTARG = kpi.series, RIGHTARG = kpi.series, FUNCTION = kpi.series_lt,
    COMMUTATOR = OPERATOR(pg_catalog.~>~), NEGATOR = OPERATOR(pg_catalog.~>=~),
    RESTRICT = pg_catalog.scalarltsel, JOIN = pg_catalog.scalarltjoinsel
);
CREATE OPERATOR pg_catalog.~<=~ (
    LEFTARG = kpi.series, RIGHTARG = kpi.series, FUNCTION = kpi.series_le,
    COMMUTATOR = OPERATOR(pg_catalog.~>=~), NEGATOR = OPERATOR(pg_catalog.~>~),
    RESTRICT = pg_catalog.scalarlesel, JOIN = pg_catalog.scalarlejoinsel
);
CREATE OPERATOR pg_catalog.~>=~ (
    LEFTARG = kpi.series, RIGHTARG = kpi.series, FUNCTION = kpi.series_ge,
    COMMUTATOR = OPERATOR(pg_catalog.~<=~), NEGATOR = OPERATOR(pg_catalog.~<~),
    RESTRICT = pg_catalog.scalargesel, JOIN = pg_catalog.scalargejoinsel
);
CREATE OPERATOR pg_catalog.~>~ (
    LEFTARG = kpi.series, RIGHTARG = kpi.series, FUNCTION = kpi.series_gt,
    COMMUTATOR = OPERATOR(pg_catalog.~<~), NEGATOR = OPERATOR(pg_catalog.~<=~),
    RESTRICT = pg_catalog.scalargtsel, JOIN = pg_catalog.scalargtjoinsel
);
CREATE OPERATOR CLASS kpi.series_ops DEFAULT FOR TYPE kpi.series USING btree AS
    OPERATOR 1 pg_catalog.~<~,
    OPERATOR 2 pg_catalog.~<=~,
    OPERATOR 3 pg_catalog.=,
    OPERATOR 4 pg_catalog.~>=~,
    OPERATOR 5 pg_catalog.~>~,
    FUNCTION 1 kpi.series_cmp(kpi.series, kpi.series);
CREATE OPERATOR CLASS kpi.series_hash_ops DEFAULT FOR TYPE kpi.series USING hash AS
    OPERATOR 1 pg_catalog.=,
    FUNCTION 1 kpi.series_hash(kpi.series),
    FUNCTION 2 kpi.series_hash_extended(kpi.series, pg_catalog.int8);
