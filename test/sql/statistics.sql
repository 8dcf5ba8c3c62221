-- Confidence intervals, comparison, recent trends and peers.
--
-- Reference values are PHEindicatormethods' own test expectations
-- (github.com/ukhsa-collaboration/PHEindicatormethods, tests/testthat/),
-- read from the spreadsheets its tests load; each block names the file,
-- the sheet and the spreadsheet rows.  Every value must agree to 1e-9
-- relative: the `ok` column is false otherwise.

SET search_path = public, kpi;
SET extra_float_digits = 0;

-- Wilson score interval.
-- testdata_Byars_Wilson.xlsx, sheet testdata_B_W, rows 8-13 (method Wilson),
-- checked by testWilson.R.
SELECT x, n, level, round(got.lower::numeric, 10) AS lower, round(got.upper::numeric, 10) AS upper,
       abs(got.lower - lo) <= 1e-9 * abs(lo) AND abs(got.upper - up) <= 1e-9 * abs(up) AS ok
FROM (VALUES
    (65::float8, 100::float8, 0.95::float8, 0.55254443296887967::float8, 0.73635751756902468::float8), -- row 8
    (1045, 5000, 0.95,  0.19795549880013297, 0.22049130373189027),   -- row 9
    (0.445, 1, 0.95,    4.3817447720588223E-2, 0.93346212769791559), -- row 10
    (65, 100, 0.998,    0.49549465740704313, 0.77835406140896968),   -- row 11
    (1045, 5000, 0.998, 0.19179381799015244, 0.22731562902525818),   -- row 12
    (0.445, 1, 0.998,   1.9347006132900975E-2, 0.97022599470195414)  -- row 13
) AS t(x, n, level, lo, up), LATERAL kpi.wilson_ci(x, n, level) AS got;

-- Wilson at the edges: 0 successes has lower bound 0, all successes upper 1.
SELECT (kpi.wilson_ci(0, 50)).lower AS lower_of_0, (kpi.wilson_ci(50, 50)).upper AS upper_of_all,
       round((kpi.wilson_ci(0, 50)).upper::numeric, 10) AS upper_of_0;

-- Byar's method (10 events and more).
-- testdata_Byars_Wilson.xlsx, sheet testdata_B_W, rows 2, 3, 5, 6, 7
-- (method Byars), checked by testByars.R.  Rows 4 and 14 are Byar's formula
-- at 1 event, which kpi.poisson_ci does not use (exact below 10 events).
SELECT x, level, round(got.lower::numeric, 10) AS lower, round(got.upper::numeric, 10) AS upper,
       abs(got.lower - lo) <= 1e-9 * abs(lo) AND abs(got.upper - up) <= 1e-9 * abs(up) AS ok
FROM (VALUES
    (65::float8, 0.95::float8, 50.163187710459454::float8, 82.849138545939837::float8), -- row 2
    (1045, 0.95,  982.59320180733255, 1110.3312129856499),  -- row 3
    (65, 0.998,   42.880261471480203, 94.000290844318016),  -- row 5
    (1045, 0.998, 947.94070356103737, 1148.8061609880331),  -- row 6
    (10, 0.998,   2.916318374695686, 24.193724927880535)    -- row 7
) AS t(x, level, lo, up), LATERAL kpi.poisson_ci(x, level) AS got;

-- Rates with exact (below 10) and Byar limits, per 100,000.
-- testdata_Rate.xlsx, sheet testdata_Rate, rows 10-17 and 21 (columns
-- value, lower95_0cl, upper95_0cl, lower99_8cl, upper99_8cl), checked by
-- testRates.R ("test default", "test confidence", "test num > denom").
SELECT area, events, population,
       round(kpi.rate(events, population, 100000)::numeric, 6) AS value,
       round(c95.lower::numeric, 6) AS lower95, round(c95.upper::numeric, 6) AS upper95,
       round(c998.lower::numeric, 6) AS lower998, round(c998.upper::numeric, 6) AS upper998,
       abs(kpi.rate(events, population, 100000) - v) <= 1e-9 * v
       AND abs(c95.lower - l95) <= 1e-9 * l95 AND abs(c95.upper - u95) <= 1e-9 * u95
       AND abs(c998.lower - l998) <= 1e-9 * l998 AND abs(c998.upper - u998) <= 1e-9 * u998 AS ok
FROM (VALUES
    ('Area1', 1::float8, 100::float8, 1000::float8, 25.317807984289896::float8, 5571.6433909388979::float8, 1.0005003335835343::float8, 9233.4134764515857::float8),
    ('Area2', 5, 100, 5000, 1623.4863901184199, 11668.332079322669, 739.37173191783893, 16454.745203680104),
    ('Area3', 20, 100, 20000, 12211.428834875936, 30889.880369197064, 8922.8023651441927, 38085.035625041914),
    ('Area4', 65, 100, 65000, 50163.187710459453, 82849.138545939844, 42880.261471480204, 94000.290844318006),
    ('Area5', 9856, 12345, 79837.991089509916, 78269.490589767578, 81430.016542721409, 77375.905432710526, 82354.472770954308),
    ('Area6', 7776456, 7564336677, 102.80420256339154, 102.73196005302074, 102.87648334092832, 102.690317308454, 102.91817639509068),
    ('Area7', 222, 3215, 6905.1321928460338, 6026.5748776526743, 7875.7293708718507, 5560.7376952598534, 8461.0466817334109),
    ('Area8', 999, 3456, 28906.25, 27141.304936090521, 30755.833237378414, 26162.147596445768, 31845.604819822653),
    ('Area12', 250, 220, 113636.36363636365, 99984.947385328764, 128631.14487455782, 92710.005544389525, 137651.23772147458)
) AS t(area, events, population, v, l95, u95, l998, u998),
LATERAL kpi.rate_ci(events, population, 100000, 0.95) AS c95,
LATERAL kpi.rate_ci(events, population, 100000, 0.998) AS c998;

-- Exact Poisson limits: 0 events has lower limit 0; 9 is exact, 10 is Byar.
SELECT x, round(c.lower::numeric, 10) AS lower, round(c.upper::numeric, 10) AS upper
FROM unnest(ARRAY[0, 1, 9, 10]::float8[]) AS x, LATERAL kpi.poisson_ci(x) AS c;

-- Student-t interval of a mean.
-- testdata_Mean.xlsx, sheet testdata_Mean (values) and sheet
-- testdata_Mean_results rows 2-4 (value, lower95_0cl, upper95_0cl,
-- lower99_8cl, upper99_8cl), checked by testMeans.R.
CREATE TEMP TABLE phe_mean (area text, v float8);
INSERT INTO phe_mean VALUES
    ('Area1', 33.09375), ('Area1', 48.385959999999997), ('Area1', 64.834950000000006),
    ('Area1', 67.984750000000005), ('Area1', 22.935559999999999), ('Area1', 71.235870000000006),
    ('Area1', 38.784649999999999), ('Area1', 82.379270000000005),
    ('Area2', 5555.6666599999999), ('Area2', 6666.7777699999997), ('Area2', 4444.8888800000004),
    ('Area2', 2222.9999899999998), ('Area2', 3333.88888), ('Area2', 5555.4444400000002),
    ('Area2', 6666.3333300000004), ('Area2', 7777.4444400000002), ('Area2', 5555.9999900000003),
    ('Area2', 8888.3333299999995), ('Area2', 2222.55555), ('Area2', 4444.3333300000004),
    ('Area2', 6666.2222199999997), ('Area2', 4444.1111099999998), ('Area2', 4444.2222199999997),
    ('Area2', 5555.1111099999998), ('Area2', 7777.2222199999997), ('Area2', 9999.7777700000006);

WITH expected(area, v, l95, u95, l998, u998) AS (VALUES
    ('Area1', 53.704345000000011::float8, 36.168325241336504::float8, 71.240364758663517::float8, 18.216705294788838::float8, 89.191984705211183::float8), -- row 2
    ('Area2', 5678.9629577777778, 4625.7900224529722, 6732.1358931025834, 3859.0770997295967, 7498.8488158259588),  -- row 3
    ('(all)', 3948.1141538461534, 2666.9956767458489, 5229.2326309464579, 1801.9535385474737, 6094.274769144833)     -- row 4 "No grouping"
), got AS (
    SELECT coalesce(area, '(all)') AS area, kpi.mean_ci(v) AS c95, kpi.mean_ci(v, 0.998) AS c998
    FROM phe_mean GROUP BY GROUPING SETS ((area), ())
)
SELECT area, round((c95).value::numeric, 8) AS value,
       round((c95).lower::numeric, 8) AS lower95, round((c95).upper::numeric, 8) AS upper95,
       round((c998).lower::numeric, 8) AS lower998, round((c998).upper::numeric, 8) AS upper998,
       abs((c95).value - v) <= 1e-9 * v AND abs((c95).lower - l95) <= 1e-9 * l95
       AND abs((c95).upper - u95) <= 1e-9 * u95 AND abs((c998).lower - l998) <= 1e-9 * l998
       AND abs((c998).upper - u998) <= 1e-9 * u998 AS ok
FROM got JOIN expected USING (area) ORDER BY area;

-- the scalar form from summary statistics agrees with the aggregate
SELECT round((kpi.mean_ci(avg(v), stddev_samp(v), count(*))).lower::numeric, 8) AS lower95,
       round((kpi.mean_ci(avg(v), stddev_samp(v), count(*))).upper::numeric, 8) AS upper95
FROM phe_mean WHERE area = 'Area1';

-- one value: a mean without an interval; none: NULL
SELECT kpi.mean_ci(v) AS one FROM (VALUES (5.0::float8)) AS t(v);
SELECT kpi.mean_ci(v) IS NULL AS none FROM phe_mean WHERE false;

-- Directly standardised rates by Dobson's method.
-- testdata_DSR_ISR.xlsx, sheet testdata_multiarea (events, population per
-- age band) with the European Standard Population 2013 (esp2013 in
-- data-raw/LoadTestdata.R), and sheet testdata_1976 with its own standard;
-- expectations from sheet testresults_DSR rows 2, 3, 4 (per 10,000) and
-- 6, 7, 8, 9 (per 100,000), checked by testDSRs.R.  The 1976 row's 99.8%
-- columns in that sheet are not used by testDSRs.R (and are 10× too big).
CREATE TEMP TABLE phe_dsr (area text, band int, events float8, pop float8, std float8);
INSERT INTO phe_dsr
SELECT area, band, events, pop,
       (ARRAY[5000,5500,5500,5500,6000,6000,6500,7000,7000,7000,7000,6500,6000,5500,5000,4000,2500,1500,1000])[band]
FROM (VALUES
    ('testdata_big', ARRAY[127,25,18,21,12,27,48,27,29,32,32,34,45,65,38,68,74,82,91]::float8[]),
    ('testdata_small', ARRAY[12,4,3,2,3,4,8,2,2,3,4,5,6,8,5,6,5,5,4]::float8[]),
    ('testdata_tiny', ARRAY[0,0,NULL,0,0,0,1,0,0,0,0,0,1,0,0,1,1,2,3]::float8[])  -- a NULL count, as in the sheet
) AS a(area, ev),
LATERAL (SELECT band, ev[band] AS events,
                (ARRAY[636,558,609,543,384,594,669,843,660,576,606,522,426,273,300,288,153,123,207])[band] AS pop
         FROM generate_series(1, 19) AS band) AS b;
INSERT INTO phe_dsr
SELECT 'testdata_1976', band,
       (ARRAY[127,25,18,21,12,27,48,27,29,32,32,34,45,65,38,68,74,82])[band],
       (ARRAY[636,558,609,543,384,594,669,843,660,576,606,522,426,273,300,288,153,123])[band],
       (ARRAY[8000,7000,7000,7000,7000,7000,7000,7000,7000,7000,7000,6000,5000,4000,3000,2000,1000,1000])[band]
FROM generate_series(1, 18) AS band;

WITH expected(area, per, v, l95, u95, l998, u998) AS (VALUES
    ('testdata_big', 10000::float8, 1043.0247991469423::float8, 971.77090679856803::float8, 1117.894091547925::float8, 932.32878802199036::float8, 1162.0595999522059::float8), -- row 2
    ('testdata_small', 10000, 110.3212025300104, 87.745576753670903, 136.70882227251795, 76.36420357939879, 153.00328948244763),  -- row 3
    ('testdata_tiny', 10000, NULL, NULL, NULL, NULL, NULL),                                                                       -- row 4
    ('testdata_big', 100000, 10430.247991469423, 9717.709067985681, 11178.94091547925, 9323.2878802199029, 11620.595999522058),  -- row 6
    ('testdata_small', 100000, 1103.212025300104, 877.455767536709, 1367.0882227251795, 763.64203579398793, 1530.0328948244762), -- row 7
    ('testdata_tiny', 100000, NULL, NULL, NULL, NULL, NULL),                                                                      -- row 8
    ('testdata_1976', 100000, 8592.0975850223658, 7991.160931442103, 9225.2538803183179, NULL, NULL)                              -- row 9
), got AS (
    SELECT e.area, e.per, e.v, e.l95, e.u95, e.l998, e.u998,
           (SELECT kpi.dsr(events, pop, std, e.per) FROM phe_dsr d WHERE d.area = e.area) AS d95,
           (SELECT kpi.dsr(events, pop, std, e.per, 0.998) FROM phe_dsr d WHERE d.area = e.area) AS d998
    FROM expected e
)
SELECT area, per, round((d95).value::numeric, 8) AS value,
       round((d95).lower::numeric, 8) AS lower95, round((d95).upper::numeric, 8) AS upper95,
       round((d998).lower::numeric, 8) AS lower998, round((d998).upper::numeric, 8) AS upper998,
       CASE WHEN v IS NULL THEN d95 IS NULL AND d998 IS NULL
            ELSE abs((d95).value - v) <= 1e-9 * v AND abs((d95).lower - l95) <= 1e-9 * l95
                 AND abs((d95).upper - u95) <= 1e-9 * u95
                 AND (l998 IS NULL OR (abs((d998).lower - l998) <= 1e-9 * l998
                                       AND abs((d998).upper - u998) <= 1e-9 * u998)) END AS ok
FROM got ORDER BY per, area;

-- the 1976 DSR's 99.8% interval, for the record (the sheet's is 10× off)
SELECT round((kpi.dsr(events, pop, std, 100000, 0.998)).lower::numeric, 6) AS lower998,
       round((kpi.dsr(events, pop, std, 100000, 0.998)).upper::numeric, 6) AS upper998
FROM phe_dsr WHERE area = 'testdata_1976';

-- Comparison with a benchmark (bounds inclusive: amber).
SELECT lower, upper, benchmark, polarity, kpi.compare(lower, upper, benchmark, polarity) AS rag
FROM (VALUES
    (10::float8, 20::float8, 25::float8, 'higher'),  -- wholly below: worse
    (10, 20, 25, 'lower'),                            -- wholly below: better
    (10, 20, 5, 'higher'),                            -- wholly above: better
    (10, 20, 5, 'lower'),
    (10, 20, 10, 'higher'),                           -- on the lower bound: similar
    (10, 20, 20, 'lower'),                            -- on the upper bound: similar
    (10, 20, 15, 'up'),
    (10, 10, 10, 'down'),                             -- a zero-width interval
    (10, 20, 25, 'none')                              -- contextual: never scored
) AS t(lower, upper, benchmark, polarity);

-- the report's looked-after children: 94.86 per 10,000 (say 470 of 49,547
-- children) against England's 71 and the statistical neighbours' 100.9
SELECT round(kpi.rate(470, 49547, 10000)::numeric, 2) AS rate,
       kpi.compare_rate(470, 49547, 10000, 71, 'lower') AS vs_national,
       kpi.compare_rate(470, 49547, 10000, 100.9, 'lower') AS vs_peer,
       kpi.compare(kpi.rate_ci(470, 49547, 10000), 100.9, 'lower') AS vs_peer_ci,
       kpi.compare_rate(470, 49547, 10000, 100.9, 'lower', 0.8) AS vs_peer_80;

-- a proportion against a benchmark: 52.7% of 150 care leavers vs 56%
SELECT kpi.compare_proportion(79, 150, 0.56, 'higher') AS care_leavers,
       kpi.compare_proportion(790, 1500, 0.56, 'higher') AS ten_times_more,
       kpi.compare_proportion(790, 1500, 0.56, 'none') AS contextual;

-- Fingertips recent trend.  Expected markers from an independent
-- recomputation of Fingertips' formulas (TrendMarkerCalculator); the first
-- series is PHEindicatormethods' assign_trend_markers example.
CREATE TEMP TABLE trend_series (series text, period int, value float8, lower float8, upper float8,
                                events float8, denominator float8);
INSERT INTO trend_series VALUES
    ('example', 1, 30.6, 28.98, 32.25, 1367, 44701), ('example', 2, 30.2, 28.63, 31.9, 1332, 44064),
    ('example', 3, 28, 26.44, 29.64, 1199, 42811), ('example', 4, 24.6, 23.15, 26.19, 1023, 41527),
    ('example', 5, 24.67, 23.16, 26.25, 994, 40299),
    ('flat', 1, 10, 8, 12, 50, 1000), ('flat', 2, 11, 9, 13, 50, 1000), ('flat', 3, 9.5, 7.5, 11.5, 52, 1000),
    ('flat', 4, 10.5, 8.5, 12.5, 49, 1000), ('flat', 5, 10.2, 8.2, 12.2, 51, 1000),
    -- significant (chi² 608) but only because of the last point: leaving it out reverses the slope
    ('one outlier', 1, 10, 9.5, 10.5, NULL, NULL), ('one outlier', 2, 10.1, 9.6, 10.6, NULL, NULL),
    ('one outlier', 3, 9.9, 9.4, 10.4, NULL, NULL), ('one outlier', 4, 10, 9.5, 10.5, NULL, NULL),
    ('one outlier', 5, 20, 19.5, 20.5, NULL, NULL),
    ('rising', 1, 10, 9, 11, 100, 1000), ('rising', 2, 12, 11, 13, 130, 1000), ('rising', 3, 14, 13, 15, 160, 1000),
    ('rising', 4, 16, 15, 17, 190, 1000), ('rising', 5, 18, 17, 19, 220, 1000),
    -- seven points: only the last five count (the first two would make it fall)
    ('last five', -1, 90, 89, 91, 900, 1000), ('last five', 0, 80, 79, 81, 800, 1000),
    ('last five', 1, 10, 9, 11, 100, 1000), ('last five', 2, 12, 11, 13, 130, 1000), ('last five', 3, 14, 13, 15, 160, 1000),
    ('last five', 4, 16, 15, 17, 190, 1000), ('last five', 5, 18, 17, 19, 220, 1000),
    ('four points', 1, 10, 9, 11, 100, 1000), ('four points', 2, 12, 11, 13, 130, 1000),
    ('four points', 3, 14, 13, 15, 160, 1000), ('four points', 4, 16, 15, 17, 190, 1000),
    -- a NULL point is skipped: the five valid points still count
    ('gap', 1, 10, 9, 11, 100, 1000), ('gap', 2, 12, 11, 13, 130, 1000), ('gap', 3, NULL, NULL, NULL, NULL, NULL),
    ('gap', 4, 14, 13, 15, 160, 1000), ('gap', 5, 16, 15, 17, 190, 1000), ('gap', 6, 18, 17, 19, 220, 1000),
    -- a zero-width interval has no weight to give; zero events have no log-odds
    ('zero width', 1, 1, 1, 1, 0, 1000), ('zero width', 2, 2, 1, 3, 3, 1000), ('zero width', 3, 3, 2, 4, 8, 1000),
    ('zero width', 4, 4, 3, 5, 12, 1000), ('zero width', 5, 5, 4, 6, 20, 1000);

SELECT series,
       kpi.recent_trend(value, lower, upper ORDER BY period) AS by_interval,
       kpi.recent_trend(events, denominator ORDER BY period) AS by_proportion
FROM trend_series GROUP BY series ORDER BY series;

-- Peers: rank among the statistical neighbours, and quartiles.
CREATE TEMP TABLE neighbours (area text, rate float8);
INSERT INTO neighbours VALUES ('A', 100.9), ('B', 88.2), ('C', 94.86), ('D', 120.4), ('E', 71.0),
                              ('F', 94.86), ('G', 102.3);
SELECT kpi.peer_rank(94.86, rate, 'lower') AS rank_lower,     -- B and E are lower: 3
       kpi.peer_rank(94.86, rate, 'higher') AS rank_higher,   -- A, D, G are higher: 4
       kpi.peer_rank(94.86, rate, 'none') AS rank_none,
       kpi.peer_rank(94.86, rate, 'lower') FILTER (WHERE false) AS no_peers
FROM neighbours;

-- every area ranked among all (ties share a rank, as rank() does)
SELECT n.area, n.rate, (SELECT kpi.peer_rank(n.rate, p.rate, 'higher') FROM neighbours p) AS peer_rank,
       rank() OVER (ORDER BY n.rate DESC) AS sql_rank
FROM neighbours n ORDER BY n.rate DESC, n.area;

WITH cuts AS (
    SELECT percentile_cont(ARRAY[0.25, 0.5, 0.75]) WITHIN GROUP (ORDER BY rate) AS c FROM neighbours
)
SELECT c AS cut_points, area, rate, kpi.quartile(rate, c, 'higher') AS q_higher,
       kpi.quartile(rate, c, 'lower') AS q_lower
FROM neighbours, cuts ORDER BY rate, area;

-- values on the cut points go to the better quartile
SELECT v, kpi.quartile(v, '{1,2,3}', 'higher') AS q_higher, kpi.quartile(v, '{1,2,3}', 'lower') AS q_lower,
       kpi.quartile(v, '{1,2,3}', 'none') AS q_none
FROM unnest(ARRAY[0.5, 1, 1.5, 2, 2.5, 3, 3.5]::float8[]) AS v;
