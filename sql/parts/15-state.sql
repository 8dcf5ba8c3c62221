
--------------------------------------------------------------------------
-- Aggregate states: kpi.state
--------------------------------------------------------------------------
-- The transition state of kpi's float aggregates: a vector of float8 whose
-- text form reads back bit for bit whatever extra_float_digits is, so
-- Citus can ship partial states between nodes as text without loss.

CREATE TYPE kpi.state;

CREATE FUNCTION kpi.state_in(pg_catalog.cstring) RETURNS kpi.state
    AS 'MODULE_PATHNAME', 'kpi_state_in' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION kpi.state_out(kpi.state) RETURNS pg_catalog.cstring
    AS 'MODULE_PATHNAME', 'kpi_state_out' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION kpi.state_recv(pg_catalog.internal) RETURNS kpi.state
    AS 'MODULE_PATHNAME', 'kpi_state_recv' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION kpi.state_send(kpi.state) RETURNS pg_catalog.bytea
    AS 'MODULE_PATHNAME', 'kpi_state_send' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE TYPE kpi.state (
    INPUT          = kpi.state_in,
    OUTPUT         = kpi.state_out,
    RECEIVE        = kpi.state_recv,
    SEND           = kpi.state_send,
    INTERNALLENGTH = VARIABLE,
    ALIGNMENT      = double,
    STORAGE        = extended
);
COMMENT ON TYPE kpi.state IS 'transition state of kpi''s float aggregates: float8 values with exact text I/O';

CREATE FUNCTION kpi.state_values(kpi.state) RETURNS pg_catalog.float8[]
    AS 'MODULE_PATHNAME', 'kpi_state_values' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION kpi.state_values(kpi.state) IS 'the values held in an aggregate state, as float8[]';

CREATE FUNCTION kpi.state_cat(kpi.state, kpi.state) RETURNS kpi.state
    AS 'MODULE_PATHNAME', 'kpi_state_cat' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION kpi.state_cat(kpi.state, kpi.state) IS 'the values of both states, one after the other: the combine function of point-list aggregates';
