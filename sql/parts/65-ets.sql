
--------------------------------------------------------------------------
-- 6b. Forecasts that respect seasons: exponential smoothing (ETS)
--------------------------------------------------------------------------
-- Additive-error ETS models over a kpi.series (ANN, AAN, AAdN, ANA, AAA,
-- AAdA, as R forecast::ets and statsmodels ETSModel define them) and
-- seasonal naive.  beta and gamma are the state-space parameters (Holt's
-- beta* = beta / alpha); season0 lists the initial seasonal states in time
-- order (season0[1] is the season of the first period).  A NULL parameter
-- or state is estimated (least squares of the one-step errors, within R
-- ets's usual bounds); given ones are used as they are.

CREATE TYPE kpi.ets_model AS (
    model pg_catalog.text,
    season pg_catalog.int4,
    n pg_catalog.int4,
    missing pg_catalog.int4,
    alpha pg_catalog.float8,
    beta pg_catalog.float8,
    gamma pg_catalog.float8,
    phi pg_catalog.float8,
    level0 pg_catalog.float8,
    trend0 pg_catalog.float8,
    season0 pg_catalog.float8[],
    level pg_catalog.float8,
    trend pg_catalog.float8,
    seasons pg_catalog.float8[],
    sse pg_catalog.float8,
    sigma2 pg_catalog.float8,
    mse pg_catalog.float8,
    npar pg_catalog.int4,
    loglik pg_catalog.float8,
    aic pg_catalog.float8,
    aicc pg_catalog.float8,
    bic pg_catalog.float8
);
COMMENT ON TYPE kpi.ets_model IS 'a fitted exponential smoothing model: parameters, initial and final states, SSE, sigma^2 = SSE/(n - npar) (R), mse = SSE/n (statsmodels), information criteria';

CREATE FUNCTION kpi.ets(s kpi.series, model pg_catalog.text DEFAULT 'auto',
                        season pg_catalog.int4 DEFAULT NULL,
                        alpha pg_catalog.float8 DEFAULT NULL, beta pg_catalog.float8 DEFAULT NULL,
                        gamma pg_catalog.float8 DEFAULT NULL, phi pg_catalog.float8 DEFAULT NULL,
                        level0 pg_catalog.float8 DEFAULT NULL, trend0 pg_catalog.float8 DEFAULT NULL,
                        season0 pg_catalog.float8[] DEFAULT NULL,
                        bounds pg_catalog.text DEFAULT 'usual')
    RETURNS kpi.ets_model
    AS 'MODULE_PATHNAME', 'kpi_ets' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION kpi.ets(kpi.series, pg_catalog.text, pg_catalog.int4, pg_catalog.float8, pg_catalog.float8, pg_catalog.float8, pg_catalog.float8, pg_catalog.float8, pg_catalog.float8, pg_catalog.float8[], pg_catalog.text)
    IS 'exponential smoothing fit of a series: model auto (smallest AICc), ANN, AAN, AAdN, ANA, AAA, AAdA or snaive; NULL parameters and states estimated';

CREATE FUNCTION kpi.ets_forecast(s kpi.series, h pg_catalog.int4, level pg_catalog.float8 DEFAULT 0.95,
                                 model pg_catalog.text DEFAULT 'auto',
                                 season pg_catalog.int4 DEFAULT NULL,
                                 alpha pg_catalog.float8 DEFAULT NULL, beta pg_catalog.float8 DEFAULT NULL,
                                 gamma pg_catalog.float8 DEFAULT NULL, phi pg_catalog.float8 DEFAULT NULL,
                                 level0 pg_catalog.float8 DEFAULT NULL, trend0 pg_catalog.float8 DEFAULT NULL,
                                 season0 pg_catalog.float8[] DEFAULT NULL,
                                 variance pg_catalog.text DEFAULT 'unbiased',
                                 bounds pg_catalog.text DEFAULT 'usual',
                                 OUT step pg_catalog.int4, OUT period pg_catalog.date, OUT x pg_catalog.float8,
                                 OUT forecast pg_catalog.float8, OUT lower pg_catalog.float8,
                                 OUT upper pg_catalog.float8, OUT se pg_catalog.float8)
    RETURNS SETOF pg_catalog.record
    AS 'MODULE_PATHNAME', 'kpi_ets_forecast' LANGUAGE C IMMUTABLE PARALLEL SAFE ROWS 12;
COMMENT ON FUNCTION kpi.ets_forecast(kpi.series, pg_catalog.int4, pg_catalog.float8, pg_catalog.text, pg_catalog.int4, pg_catalog.float8, pg_catalog.float8, pg_catalog.float8, pg_catalog.float8, pg_catalog.float8, pg_catalog.float8, pg_catalog.float8[], pg_catalog.text, pg_catalog.text)
    IS 'h-step exponential smoothing forecasts with normal prediction intervals at level (FPP3 Table 8.8), one row per step';

CREATE FUNCTION kpi.ets_fitted(s kpi.series, model pg_catalog.text DEFAULT 'auto',
                               season pg_catalog.int4 DEFAULT NULL,
                               alpha pg_catalog.float8 DEFAULT NULL, beta pg_catalog.float8 DEFAULT NULL,
                               gamma pg_catalog.float8 DEFAULT NULL, phi pg_catalog.float8 DEFAULT NULL,
                               level0 pg_catalog.float8 DEFAULT NULL, trend0 pg_catalog.float8 DEFAULT NULL,
                               season0 pg_catalog.float8[] DEFAULT NULL,
                               bounds pg_catalog.text DEFAULT 'usual',
                               OUT period pg_catalog.date, OUT x pg_catalog.float8, OUT value pg_catalog.float8,
                               OUT fitted pg_catalog.float8, OUT residual pg_catalog.float8)
    RETURNS SETOF pg_catalog.record
    AS 'MODULE_PATHNAME', 'kpi_ets_fitted' LANGUAGE C IMMUTABLE PARALLEL SAFE ROWS 48;
COMMENT ON FUNCTION kpi.ets_fitted(kpi.series, pg_catalog.text, pg_catalog.int4, pg_catalog.float8, pg_catalog.float8, pg_catalog.float8, pg_catalog.float8, pg_catalog.float8, pg_catalog.float8, pg_catalog.float8[], pg_catalog.text)
    IS 'one-step fitted values and residuals of an exponential smoothing fit, one row per period (missing periods included, value NULL)';

CREATE FUNCTION kpi.ets_horizon(s kpi.series, start_month pg_catalog.int4 DEFAULT 4,
                                OUT as_of pg_catalog.date, OUT year_end pg_catalog.date,
                                OUT steps pg_catalog.int4, OUT latest pg_catalog.float8)
    RETURNS pg_catalog.record
    AS 'MODULE_PATHNAME', 'kpi_ets_horizon' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION kpi.ets_horizon(kpi.series, pg_catalog.int4)
    IS 'a monthly series'' last period, the period holding the last month of its financial year (same key: first or last day of the month), the steps between, and the latest value';

CREATE FUNCTION kpi.ets_year_end(s kpi.series, target pg_catalog.float8, polarity pg_catalog.text,
                                 level pg_catalog.float8 DEFAULT 0.95,
                                 baseline pg_catalog.float8 DEFAULT 0,
                                 start_month pg_catalog.int4 DEFAULT 4,
                                 model pg_catalog.text DEFAULT 'auto',
                                 season pg_catalog.int4 DEFAULT NULL,
                                 tolerance pg_catalog.float8 DEFAULT 0.10,
                                 OUT as_of pg_catalog.date, OUT year_end pg_catalog.date,
                                 OUT steps pg_catalog.int4, OUT latest pg_catalog.float8,
                                 OUT trajectory pg_catalog.float8, OUT latest_rag kpi.rag,
                                 OUT forecast pg_catalog.float8, OUT lower pg_catalog.float8,
                                 OUT upper pg_catalog.float8, OUT target pg_catalog.float8,
                                 OUT forecast_rag kpi.rag)
    RETURNS pg_catalog.record
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    SET search_path = pg_catalog, pg_temp
    AS $$
SELECT h.as_of, h.year_end, h.steps, h.latest,
       kpi.trajectory($2, h.as_of, $5, $6),
       kpi.rag(h.latest, kpi.trajectory($2, h.as_of, $5, $6), $3, $9),
       CASE WHEN h.steps = 0 THEN h.latest ELSE f.forecast END,
       f.lower, f.upper, $2,
       kpi.rag(CASE WHEN h.steps = 0 THEN h.latest ELSE f.forecast END, $2, $3, $9)
FROM kpi.ets_horizon($1, $6) AS h
LEFT JOIN LATERAL kpi.ets_forecast($1, h.steps, $4, $7, $8) AS f ON f.step = h.steps
$$;
COMMENT ON FUNCTION kpi.ets_year_end(kpi.series, pg_catalog.float8, pg_catalog.text, pg_catalog.float8, pg_catalog.float8, pg_catalog.int4, pg_catalog.text, pg_catalog.int4, pg_catalog.float8)
    IS 'extrapolated to the year end: the ETS forecast at the last period of the financial year with its interval, against the year-end target, and the latest value against the trajectory';

-- The same year end for a straight line (kpi.trend over dates): the line
-- at the period holding the last month of the financial year, keyed as
-- the trend's latest date (kpi.fy_end_period), so month-start keys are
-- not projected a month too far.
CREATE FUNCTION kpi.last_date(kpi.trend) RETURNS pg_catalog.date
    AS 'MODULE_PATHNAME', 'trend_last_date' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION kpi.last_date(kpi.trend) IS 'the latest date of a trend over dates (its largest x); NULL when it has no points';

CREATE FUNCTION kpi.trend_year_end(t kpi.trend, target pg_catalog.float8, polarity pg_catalog.text,
                                   level pg_catalog.float8 DEFAULT 0.95,
                                   baseline pg_catalog.float8 DEFAULT 0,
                                   start_month pg_catalog.int4 DEFAULT 4,
                                   tolerance pg_catalog.float8 DEFAULT 0.10,
                                   months pg_catalog.int4 DEFAULT 1,
                                   as_of pg_catalog.date DEFAULT NULL,
                                   OUT as_of pg_catalog.date, OUT year_end pg_catalog.date,
                                   OUT steps pg_catalog.int4, OUT fitted pg_catalog.float8,
                                   OUT trajectory pg_catalog.float8, OUT forecast pg_catalog.float8,
                                   OUT lower pg_catalog.float8, OUT upper pg_catalog.float8,
                                   OUT target pg_catalog.float8, OUT forecast_rag kpi.rag)
    RETURNS pg_catalog.record
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    SET search_path = pg_catalog, pg_temp
    AS $$
SELECT e.as_of, e.year_end, (kpi.month_number(e.year_end) - kpi.month_number(e.as_of)) / $8,
       kpi.predict($1, e.as_of), kpi.trajectory($2, e.as_of, $5, $6),
       (e.f).estimate, (e.f).lower, (e.f).upper, $2, kpi.rag((e.f).estimate, $2, $3, $7)
FROM (SELECT y.as_of, y.year_end, kpi.forecast($1, y.year_end, $4) AS f
      FROM (SELECT a.as_of, kpi.fy_end_period(a.as_of, $6, $8) AS year_end
            FROM (SELECT coalesce($9, kpi.last_date($1)) AS as_of) AS a) AS y) AS e
$$;
COMMENT ON FUNCTION kpi.trend_year_end(kpi.trend, pg_catalog.float8, pg_catalog.text, pg_catalog.float8, pg_catalog.float8, pg_catalog.int4, pg_catalog.float8, pg_catalog.int4, pg_catalog.date)
    IS 'extrapolated to the year end by a straight line: the line at the period holding the last month of the financial year (kpi.fy_end_period of the latest date), its prediction interval, against the year-end target and the trajectory';
