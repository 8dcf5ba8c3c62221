
--------------------------------------------------------------------------
-- 2. Scoring against a target or a benchmark
--------------------------------------------------------------------------
-- polarity is 'higher' or 'lower' (aliases higher_is_better, up,
-- lower_is_better, down), case-insensitive, or 'none' for a contextual
-- measure, which is never scored (NULL).

CREATE FUNCTION kpi.rag(actual pg_catalog.float8, target pg_catalog.float8,
                        polarity pg_catalog.text, tolerance pg_catalog.float8 DEFAULT 0.10)
    RETURNS kpi.rag
    AS 'MODULE_PATHNAME', 'kpi_rag_score' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION kpi.rag(pg_catalog.float8, pg_catalog.float8, pg_catalog.text, pg_catalog.float8)
    IS 'green on or better than target, amber worse by at most tolerance * |target| (inclusive, in decimal), red beyond';

CREATE FUNCTION kpi.rag_abs(actual pg_catalog.float8, target pg_catalog.float8,
                            polarity pg_catalog.text, tolerance pg_catalog.float8)
    RETURNS kpi.rag
    AS 'MODULE_PATHNAME', 'kpi_rag_abs' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION kpi.rag_abs(pg_catalog.float8, pg_catalog.float8, pg_catalog.text, pg_catalog.float8)
    IS 'green on or better than target, amber worse by at most tolerance (absolute, inclusive, in decimal), red beyond';

CREATE FUNCTION kpi.gap(actual pg_catalog.float8, target pg_catalog.float8, polarity pg_catalog.text)
    RETURNS pg_catalog.float8
    AS 'MODULE_PATHNAME', 'kpi_gap' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION kpi.gap(pg_catalog.float8, pg_catalog.float8, pg_catalog.text)
    IS 'relative gap to target, positive when better; NULL for a target of 0';

CREATE FUNCTION kpi.travel(previous pg_catalog.float8, latest pg_catalog.float8, polarity pg_catalog.text)
    RETURNS pg_catalog.text
    AS 'MODULE_PATHNAME', 'kpi_travel' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION kpi.travel(pg_catalog.float8, pg_catalog.float8, pg_catalog.text)
    IS 'direction of travel: improving, worsening or unchanged (increasing/decreasing for polarity none)';

CREATE FUNCTION kpi.arrow(previous pg_catalog.float8, latest pg_catalog.float8)
    RETURNS pg_catalog.text
    AS 'MODULE_PATHNAME', 'kpi_arrow' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION kpi.arrow(pg_catalog.float8, pg_catalog.float8)
    IS 'change arrow: a triangle pointing up, down, or right for unchanged (^, v, > where the database encoding has no such triangles)';

CREATE FUNCTION kpi.travel(previous pg_catalog.float8, latest pg_catalog.float8, polarity pg_catalog.text,
                           tolerance pg_catalog.float8)
    RETURNS pg_catalog.text
    AS 'MODULE_PATHNAME', 'kpi_travel' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION kpi.travel(pg_catalog.float8, pg_catalog.float8, pg_catalog.text, pg_catalog.float8)
    IS 'direction of travel; a change smaller than tolerance (in the measure''s units, in decimal) is unchanged';

CREATE FUNCTION kpi.arrow(previous pg_catalog.float8, latest pg_catalog.float8, tolerance pg_catalog.float8)
    RETURNS pg_catalog.text
    AS 'MODULE_PATHNAME', 'kpi_arrow' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION kpi.arrow(pg_catalog.float8, pg_catalog.float8, pg_catalog.float8)
    IS 'change arrow as kpi.arrow(previous, latest), and unchanged when the change is smaller than tolerance';
