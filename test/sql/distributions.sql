-- kpi.pnorm/qnorm, kpi.pt/qt, kpi.pchisq/qchisq.
-- Reference values: R (qnorm, qt, qchisq, pnorm, pt, pchisq) and published
-- tables, each checked against an independent 40-digit evaluation (mpmath).
-- Results are rounded (12 decimals for quantiles, 15 for probabilities) so
-- that the last bits of libm cannot change the output; ::text::numeric
-- rounds the float8's exact shortest decimal, not its 15-digit form.

-- normal quantiles and distribution function
SELECT p, round(kpi.qnorm(p)::text::numeric, 12) AS qnorm
FROM (VALUES (0.5::float8), (0.975), (0.025), (0.95), (0.999), (0.001),
             (1e-10), (1 - 1e-10)) AS v(p);
SELECT x, round(kpi.pnorm(x)::text::numeric, 15) AS pnorm
FROM (VALUES (0::float8), (1.959963984540054), (-1.959963984540054),
             (1), (-3)) AS v(x);
-- the far lower tail keeps full relative accuracy (pnorm(-10) =
-- 7.619853024160526e-24, pnorm(-37.5) = 4.605353009581955e-308); beyond
-- about -38.5 the result is below the smallest float8
SELECT abs(kpi.pnorm(-10) / 7.619853024160526e-24 - 1) < 1e-14 AS pnorm_minus_10,
       abs(kpi.pnorm(-37.5) / 4.605353009581955e-308 - 1) < 1e-13 AS pnorm_minus_37_5,
       kpi.pnorm(-40) AS pnorm_minus_40,
       kpi.pnorm('-Infinity') AS at_minus_inf, kpi.pnorm('Infinity') AS at_inf;

-- Student t quantiles
SELECT p, df, round(kpi.qt(p, df)::text::numeric, 12) AS qt
FROM (VALUES (0.975::float8, 1::float8), (0.975, 2), (0.975, 3), (0.975, 10),
             (0.995, 30), (0.95, 5), (0.025, 10), (0.5, 7), (0.9, 2.5),
             (0.999, 1000), (0.975, 1e6), (0.975, 'Infinity')) AS v(p, df);
-- Student t distribution function
SELECT t, df, round(kpi.pt(t, df)::text::numeric, 15) AS pt
FROM (VALUES (2::float8, 10::float8), (-2, 10), (1, 1), (1, 2), (0, 5),
             (1.5, 3.5), (3, 100), (2, 1e6), (-40, 3)) AS v(t, df);

-- chi-square quantiles
SELECT p, df, round(kpi.qchisq(p, df)::text::numeric, 12) AS qchisq
FROM (VALUES (0.025::float8, 2::float8), (0.975, 2), (0.975, 20), (0.5, 1),
             (0.95, 1), (0.05, 10), (0.001, 4), (0.999, 4), (0.0001, 2),
             (0.5, 0.5), (0.975, 200)) AS v(p, df);
-- chi-square distribution function
SELECT x, df, round(kpi.pchisq(x, df)::text::numeric, 15) AS pchisq
FROM (VALUES (3.841458820694124::float8, 1::float8), (1, 2), (10, 10),
             (0.5, 3), (150, 100), (0, 4)) AS v(x, df);

-- exact Poisson limits: qchisq(alpha/2, 2x)/2 and qchisq(1-alpha/2, 2x+2)/2
SELECT x, round((kpi.qchisq(0.025, 2 * x) / 2)::text::numeric, 6) AS lower95,
          round((kpi.qchisq(0.975, 2 * x + 2) / 2)::text::numeric, 6) AS upper95
FROM (VALUES (1::float8), (10), (100), (1000000), (10000000)) AS v(x);
SELECT round((kpi.qchisq(0.975, 2) / 2)::text::numeric, 12) AS upper95_of_0;
-- infinite degrees of freedom: the limiting distributions
SELECT kpi.pt(1.5, 'Infinity') = kpi.pnorm(1.5) AS t_to_normal,
       kpi.pchisq(1e300, 'Infinity') AS pchisq_inf_df,
       kpi.qchisq(0.5, 'Infinity') AS qchisq_inf_df;

-- round trips over grids: the largest relative error.  (For df in the
-- millions, p = pchisq(x) changes by up to 1e-12 per unit in the last place
-- of x, so that round trip is checked on the x scale.)
SELECT max(abs(kpi.pnorm(kpi.qnorm(p)) / p - 1)) < 1e-13 AS pnorm_qnorm
FROM (SELECT 10 ^ (-k / 4.0)::float8 AS p FROM generate_series(1, 80) AS k
      UNION ALL SELECT k / 1000.0 FROM generate_series(1, 999) AS k) AS g;
SELECT max(abs(kpi.pt(kpi.qt(p, df), df) / p - 1)) < 1e-12 AS pt_qt
FROM (SELECT k / 200.0 AS p FROM generate_series(1, 199) AS k
      UNION ALL SELECT 10 ^ -k FROM generate_series(3, 10) AS k) AS g,
     (VALUES (0.5::float8), (1), (1.5), (2), (3), (4.5), (7), (10), (29),
             (100), (1000), (12345), (1e6), (2e7)) AS d(df);
SELECT max(abs(kpi.pchisq(kpi.qchisq(p, df), df) / p - 1)) < 1e-12 AS pchisq_qchisq
FROM (SELECT k / 200.0 AS p FROM generate_series(1, 199) AS k
      UNION ALL VALUES (0.001), (0.999), (0.0001), (0.9999), (1e-8)) AS g,
     (VALUES (0.5::float8), (1), (2), (3), (4), (7), (10), (30), (101),
             (1000), (12346), (2e5)) AS d(df);
SELECT max(abs(kpi.qchisq(kpi.pchisq(x, df), df) / x - 1)) < 1e-12 AS qchisq_pchisq
FROM (VALUES (2e6::float8), (2e7)) AS d(df),
     LATERAL (SELECT df + k * sqrt(2 * df) / 4 AS x
              FROM generate_series(-16, 16) AS k) AS g;

-- quantiles are monotone in p
SELECT bool_and(kpi.qt(p + 0.001, 4) > kpi.qt(p, 4)
            AND kpi.qchisq(p + 0.001, 4) > kpi.qchisq(p, 4)) AS monotone
FROM (SELECT k / 1000.0 AS p FROM generate_series(1, 998) AS k) AS g;

-- errors
SELECT kpi.qnorm(0);
SELECT kpi.qnorm(1);
SELECT kpi.qnorm(-0.5);
SELECT kpi.qnorm('NaN');
SELECT kpi.qt(1.5, 10);
SELECT kpi.qt(0.5, 0);
SELECT kpi.qt(0.5, -3);
SELECT kpi.qt(0.5, 'NaN');
SELECT kpi.qchisq(0, 2);
SELECT kpi.qchisq(0.5, 0);
SELECT kpi.pnorm('NaN');
SELECT kpi.pt('NaN', 3);
SELECT kpi.pt(1, 0);
SELECT kpi.pchisq('NaN', 3);
SELECT kpi.pchisq(1, -1);
SELECT kpi.pchisq(1, 'NaN');
-- STRICT: NULL in, NULL out
SELECT kpi.qnorm(NULL) IS NULL AS null_in_null_out;
