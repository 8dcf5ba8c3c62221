-- XmR charts as Making Data Count (MDC) defines them.  Expected values come
-- from outside kpi: the anchors' own published test expectations (cited at
-- each case) and MDC's rules worked by hand (the arithmetic is in the
-- comments).
SET search_path = public, kpi;

-- chart(values, settings): the XmR chart of the values at periods 1, 2, ...
-- rules: L beyond a limit, S shift, T trend, 2 two of three beyond 2σ
CREATE FUNCTION pg_temp.chart(vals float8[], polarity text DEFAULT 'higher', rebase float8[] DEFAULT NULL,
                              baseline int DEFAULT NULL, screening text DEFAULT 'none', centre text DEFAULT 'mean',
                              conflict text DEFAULT 'improvement', shift_n int DEFAULT 7, trend_n int DEFAULT 7)
RETURNS TABLE (i int, v float8, part int, centre numeric, lpl numeric, upl numeric, mr float8, rules text, variation text)
LANGUAGE sql AS $$
    SELECT i, v, (x).partition, round((x).centre::numeric, 4), round((x).lower_limit::numeric, 4),
           round((x).upper_limit::numeric, 4), (x).moving_range,
           concat(CASE WHEN (x).beyond_limits THEN 'L' END, CASE WHEN (x).shift THEN 'S' END,
                  CASE WHEN (x).trend THEN 'T' END, CASE WHEN (x).two_of_three THEN '2' END),
           (x).variation
    FROM (SELECT i::int, v, kpi.xmr(v, i::float8, polarity, rebase, baseline, centre, screening, shift_n, trend_n, conflict) OVER () AS x
          FROM unnest(vals) WITH ORDINALITY AS u(v, i)) s
    ORDER BY i
$$;

-- 1. NHSRplotthedots tests/testthat/test-ptd_spc_standard.R, "it returns
-- expected values", with its snapshot _snaps/ptd_spc_standard.md: y =
-- rnorm(20) after set.seed(123).  r1 (screen_outliers = TRUE): mean
-- 0.1416238, lpl -3.01138, upl 3.294627.  r2 (y[15] = 10, screened):
-- mean 0.6694159, lpl -2.383666, upl 3.722497.  r3 (y[15] = 10, not
-- screened, as MDC and its Excel tool): lpl -4.596625, upl 5.935457.
CREATE TEMP TABLE nhsr AS
SELECT '{-0.56047565,-0.23017749,1.55870831,0.07050839,0.12928774,1.71506499,0.46091621,-1.26506123,-0.68685285,-0.44566197,1.22408180,0.35981383,0.40077145,0.11068272,-0.55584113,1.78691314,0.49785048,-1.96661716,0.70135590,-0.47279141}'::float8[] AS y;
SELECT run, round((x).centre::numeric, 7) AS mean, round((x).lower_limit::numeric, 6) AS lpl, round((x).upper_limit::numeric, 6) AS upl
FROM (SELECT run, i, kpi.xmr(v, i::float8, 'higher', screening => sc) OVER (PARTITION BY run) AS x
      FROM nhsr, LATERAL (VALUES ('r1', y, 'nhsr'), ('r2', y[1:14] || 10::float8 || y[16:20], 'nhsr'),
                                 ('r3', y[1:14] || 10::float8 || y[16:20], 'none')) r(run, ys, sc),
           unnest(ys) WITH ORDINALITY u(v, i)) s
WHERE i = 1 ORDER BY run;
-- the same test file, "it only reports special cause for 2of3 points close
-- to limits when they are on the same side of the mean": 1, -1 eight times,
-- the last two set to 5.5 and -5.5: both common cause
SELECT i, v, rules, variation FROM pg_temp.chart(array_fill(NULL::float8, ARRAY[0]) ||
       (SELECT array_agg(CASE WHEN g = 15 THEN 5.5 WHEN g = 16 THEN -5.5 WHEN g % 2 = 1 THEN 1 ELSE -1 END ORDER BY g)::float8[] FROM generate_series(1, 16) g))
WHERE i >= 14;

-- 2. PowerBI-SPC test/Chart Types/i.test.ts, "I Chart can be created":
-- numerators / denominators of 17 months, with PowerBI-SPC's default
-- screening of moving ranges (outliers_in_limits = false, as 'nhsr'):
-- ul99 0.0957, ul95 0.0836, ll95 0.035, ll99 0.0229 (to 4 decimals; it
-- uses 3/1.128 = 2.6596 where MDC uses 2.66, which these 4 decimals do not see)
SELECT round((x).upper_limit::numeric, 4) AS ul99, round((x).upper_2sigma::numeric, 4) AS ul95,
       round((x).lower_2sigma::numeric, 4) AS ll95, round((x).lower_limit::numeric, 4) AS ll99, count(*)
FROM (SELECT kpi.xmr(a / b, i::float8, 'higher', screening => 'nhsr') OVER () AS x
      FROM unnest('{5,7,5,7,7,5,4,9,8,13,8,7,8,7,12,11,8}'::float8[],
                  '{113,132,121,134,116,131,93,138,182,157,100,103,146,108,153,141,134}'::float8[]) WITH ORDINALITY AS u(a, b, i)) s
GROUP BY 1, 2, 3, 4;

-- 3. nhspy-plotthedots tests/unittests/test_pandas_spc_x_calc.py,
-- test_sample1: 1..8, limits fixed after 3 points (our baseline 3): mean 2,
-- lpl -0.66, upl 4.66, outside_limits for 5..8; test_sample2: 16, 9, 4, 2,
-- 1 with n_points 11 (more than the points: all of them): mean 6.4, lpl
-- -3.575, upl 16.375, no point outside
SELECT i, v, part, centre, lpl, upl, rules FROM pg_temp.chart('{1,2,3,4,5,6,7,8}', baseline => 3);
SELECT i, v, part, centre, lpl, upl, rules FROM pg_temp.chart('{16,9,4,2,1}', baseline => 11);

-- 4. The shift rule (MDC: 7 points on one side of the mean).  0.5, 1.5
-- alternating for 7 points then -0.5, -1.5 for 7: mean 0, every moving
-- range 1 (the step 0.5 -> -0.5 too), so the limits are ±2.66 and the 2σ
-- lines ±1.7733: no point is near them.  Both runs are exactly 7: all 14
-- points are a shift.
SELECT i, v, centre, lpl, upl, rules FROM pg_temp.chart('{0.5,1.5,0.5,1.5,0.5,1.5,0.5,-0.5,-1.5,-0.5,-1.5,-0.5,-1.5,-0.5}');
-- one short: 6 above, then 8 below.  Mean (6 - 8) / 14 = -1/7; moving
-- ranges all 1; the 6 are no shift, the 8 are.
SELECT i, v, round(centre, 6) AS centre, rules FROM pg_temp.chart('{0.5,1.5,0.5,1.5,0.5,1.5,-0.5,-1.5,-0.5,-1.5,-0.5,-1.5,-0.5,-1.5}');
-- shift_n = 6 makes the 6 a shift
SELECT string_agg(rules, '|' ORDER BY i) FROM pg_temp.chart('{0.5,1.5,0.5,1.5,0.5,1.5,-0.5,-1.5,-0.5,-1.5,-0.5,-1.5,-0.5,-1.5}', shift_n => 6);

-- 5. The trend rule (MDC: 7 points each strictly above the one before,
-- endpoints included, so 6 increases).  5 4 5 4, then 1..7, then 4 5 4 5:
-- mean 64/15 = 4.2667, moving ranges 1 except 4->1 and 7->4 (3): MR̄ 18/14
-- = 1.2857, limits 0.8467 and 7.6867, 2σ lines 1.9867 and 6.5467.  1..7 is
-- a trend; no shift (runs above the mean are short); 7 and 1 are each the
-- only point beyond a 2σ line in their windows.
SELECT i, v, centre, lpl, upl, rules, variation FROM pg_temp.chart('{5,4,5,4,1,2,3,4,5,6,7,4,5,4,5}');
-- one short: 5 4 5 4 5, then 2..7 (6 points: 5 -> 2 is a fall), then 4 5 4 5: no trend
SELECT string_agg(coalesce(nullif(rules, ''), '.'), '' ORDER BY i) AS rules FROM pg_temp.chart('{5,4,5,4,5,2,3,4,5,6,7,4,5,4,5}');
-- a tie breaks a trend: 1 2 3 3 4 5 6 7 ... (3, 3) splits it into 3 and 5 points
SELECT string_agg(coalesce(nullif(rules, ''), '.'), '' ORDER BY i) AS rules FROM pg_temp.chart('{5,4,5,4,1,2,3,3,4,5,6,7,4,5,4}');
-- trend_n = 6 flags the 6
SELECT string_agg(coalesce(nullif(rules, ''), '.'), '' ORDER BY i) AS rules FROM pg_temp.chart('{5,4,5,4,5,2,3,4,5,6,7,4,5,4,5}', trend_n => 6);
-- a falling trend of 7 with polarity 'lower' is improvement
SELECT string_agg(left(variation, 3), ' ' ORDER BY i) FROM pg_temp.chart('{5,4,5,4,7,6,5,4,3,2,1,4,5,4,5}', polarity => 'lower');

-- 6. Beyond a limit, and exactly on it.  9.1 8.6 7.7 7.9 18.3: sum 51.6,
-- mean 10.32; moving ranges 0.5 0.9 0.2 10.4, MR̄ 12/4 = 3; upper limit
-- 10.32 + 2.66 × 3 = 18.3 exactly.  18.3 is on the limit, not beyond
-- (every anchor's test is strict).  In float8 the limit is
-- 18.299999999999997, and a naive comparison flags it.
SELECT i, v, rules FROM pg_temp.chart('{9.1,8.6,7.7,7.9,18.3}') WHERE i = 5;
SELECT 18.3::float8 > (9.1::float8 + 8.6 + 7.7 + 7.9 + 18.3) / 5 + 2.66 * ((0.5::float8 + 0.9 + 0.2 + 10.4) / 4) AS naive_float8_says_beyond;
-- 18.31 is beyond
SELECT i, v, rules, variation FROM pg_temp.chart('{9.1,8.6,7.7,7.9,18.31}') WHERE i = 5;

-- 7. On the centre line: it breaks a shift.  0.2 six times, then 0.1 0.1
-- 0.1 0.15 0.1 0.1 0.1: sum 1.95 over 13 = 0.15 exactly, so 0.15 is on the
-- mean and the seven low points are two runs of 3.  (Summed in period
-- order in float8, the mean is 0.15000000000000002 and 0.15 looks below
-- it: a naive shift of 7.)
-- (0.1 and 0.2 are beyond the limits: MR̄ 0.2 / 12, limits 0.15 ± 0.0443.)
SELECT i, v, rules FROM pg_temp.chart('{0.2,0.2,0.2,0.2,0.2,0.2,0.1,0.1,0.1,0.15,0.1,0.1,0.1}') WHERE i >= 7;

-- 8. Two of three beyond 2σ on the same side (MDC v2.1: a band point has
-- 2σ line < x <= upper limit; two band points within three consecutive
-- points, all three on that side of the mean; only the band points are
-- flagged).  0 1 0 1 0 1 0 1 0 1, then 2.6 2.4 2.6:
--   sum 12.6, mean 12.6 / 13 = 0.969231
--   moving ranges 1 × 9, 1.6, 0.2, 0.2: MR̄ 11 / 12 = 0.916667
--   2σ line 0.969231 + (2/3)(2.66)(0.916667) = 2.594786; limit 3.407564
--   2.6 and 2.6 are in the band, 2.4 is not, all three above the mean
SELECT i, v, rules, variation FROM pg_temp.chart('{0,1,0,1,0,1,0,1,0,1,2.6,2.4,2.6}') WHERE i >= 10;
-- one short: 2.6 2.4 2.5 (mean 0.961538, MR̄ 10.9 / 12 = 0.908333, 2σ
-- line 2.572329): only the first 2.6 is in the band
SELECT i, v, rules FROM pg_temp.chart('{0,1,0,1,0,1,0,1,0,1,2.6,2.4,2.5}') WHERE i >= 11;
-- (the third point on the other side of the mean is NHSRplotthedots' case
-- in 1.)  Beyond the limit a point is not a band point: 2.6 2.4 9 has mean
-- 19/13 = 1.461538, MR̄ 17.4/12 = 1.45, 2σ line 4.032872, limit 5.318538:
-- 9 is beyond the limit, 2.6 and 2.4 are below the 2σ line: only L
SELECT i, v, rules FROM pg_temp.chart('{0,1,0,1,0,1,0,1,0,1,2.6,2.4,9}') WHERE i >= 11;
-- with polarity 'lower' the same points are concern
SELECT i, rules, variation FROM pg_temp.chart('{0,1,0,1,0,1,0,1,0,1,2.6,2.4,2.6}', polarity => 'lower') WHERE i IN (11, 13);

-- 9. Ghosted points: a NULL keeps its place, takes no part, and moving
-- ranges and runs bridge it.  The shift case of 4 with a NULL inside the
-- first run: still 7 above (the run bridges the gap); the point after the
-- gap has a moving range to the point before it.
SELECT i, v, mr, rules, variation FROM pg_temp.chart('{0.5,1.5,0.5,NULL,1.5,0.5,1.5,0.5,-0.5,-1.5,-0.5,-1.5,-0.5,-1.5,-0.5}') WHERE i BETWEEN 3 AND 6;

-- 10. Rebasing at a period starts a new partition with its own limits; the
-- shift rule runs within it, the trend rule across (MDC v2.2).
--   1..4 = 10 12 10 12 (mean 11, MR̄ 2, limits 5.68 and 16.32), rebase at 5:
--   20 22 20 22 (mean 21, same MR̄: 15.68 and 26.32)
SELECT i, v, part, centre, lpl, upl, mr, rules FROM pg_temp.chart('{10,12,10,12,20,22,20,22}', rebase => '{5}');
-- a rebase period between points starts the partition at the next point;
-- periods before the first point or after the last do nothing
SELECT string_agg(part::text, '' ORDER BY i) FROM pg_temp.chart('{10,12,10,12,20,22,20,22}', rebase => '{-3,4.5,99}');
-- a trend across a rebase: 1..4 then rebase, 5..7: one trend of 7
SELECT string_agg(coalesce(nullif(rules, ''), '.'), '' ORDER BY i) AS rules, string_agg(part::text, '' ORDER BY i) AS parts
FROM pg_temp.chart('{1,2,3,4,5,6,7}', rebase => '{5}');

-- 11. Baselines: the first N points fix the limits, carried into the next
-- partition (MDC's partition 0); the shift rule is split at its end.
--   baseline 4 of 10 12 10 12 | 14 16 14 16 14 16 14: centre 11, MR̄ 2 carried:
--   upper limit 16.32, so nothing beyond; the 7 points after the baseline are
--   all above 11: a shift (within the second partition); the 16s are in the
--   2σ band (14.5467, 16.32] two in three: two of three.
SELECT i, v, part, centre, lpl, upl, rules FROM pg_temp.chart('{10,12,10,12,14,16,14,16,14,16,14}', baseline => 4);
-- a run of 7 above the centre that spans the end of the baseline is split
-- (3 + 4): no shift
SELECT string_agg(coalesce(nullif(rules, ''), '.'), '' ORDER BY i) AS rules
FROM pg_temp.chart('{10,9,10,9,12,13,12,13,12,13,12}', baseline => 7);
-- the same without a baseline: the limits come from all 11 points (mean
-- 125/11 = 11.3636, MR̄ 12/10 = 1.2, lower 2σ line 9.2356): 7 points above
-- the mean, and the 9s are two of three below 2σ
SELECT string_agg(coalesce(nullif(rules, ''), '.'), '' ORDER BY i) AS rules
FROM pg_temp.chart('{10,9,10,9,12,13,12,13,12,13,12}');
-- a rebase right after the baseline recalculates there instead of carrying
SELECT string_agg(part::text, '' ORDER BY i) AS parts, string_agg(centre::text, ' ' ORDER BY i) AS centres
FROM pg_temp.chart('{10,12,10,12,14,16,14,16}', baseline => 4, rebase => '{5}');

-- 12. Polarity: the same high shift is improvement ('higher'), concern
-- ('lower') or neither_high ('none'); the low shift is the reverse
SELECT p, string_agg(DISTINCT variation, ',') FILTER (WHERE i <= 7) AS high_run,
       string_agg(DISTINCT variation, ',') FILTER (WHERE i > 7) AS low_run
FROM unnest(ARRAY['higher', 'lower', 'none', 'up', 'down']) p,
     pg_temp.chart('{0.5,1.5,0.5,1.5,0.5,1.5,0.5,-0.5,-1.5,-0.5,-1.5,-0.5,-1.5,-0.5}', polarity => p)
GROUP BY p ORDER BY p;

-- 13. A point both improvement and concern: a rising trend of 7 below the
-- mean of a series whose high points come first.  10 11 10 11 10 11 10,
-- then 1..7: mean (73 + 28)/14 = 7.2143; 1..7 are a trend up (improvement
-- for 'higher') and 1..7 are all below the mean: a shift low (concern).
-- The Excel tool shows improvement (the default), MDC's SQL samples concern.
SELECT c, string_agg(left(variation, 4), ' ' ORDER BY i) FILTER (WHERE i > 7) AS low_trend
FROM unnest(ARRAY['improvement', 'concern']) c, pg_temp.chart('{10,11,10,11,10,11,10,1,2,3,4,5,6,7}', conflict => c)
GROUP BY c ORDER BY c;

-- 14. Screening the moving ranges, at the edge.  0 and 6.733 alternating
-- (nine moving ranges of 6.733), then 36.136 (a moving range of 29.403):
-- MR̄ = (9 × 6.733 + 29.403) / 10 = 90 / 10 = 9, and 3.267 × 9 = 29.403:
-- the last moving range is exactly on the screening limit.
--   none: all kept, MR̄ 9, centre 46.3/11... = (5 × 6.733 + 36.136)/11 = 6.3455
--   nhsr: kept only below the limit (strict): MR̄ 60.597 / 9 = 6.733, same mean
--   mdc:  kept at the limit (<=): as none
SELECT s, round(centre, 4) AS centre, round(upl, 4) AS upl, round(lpl, 4) AS lpl
FROM unnest(ARRAY['none', 'nhsr', 'mdc']) s, pg_temp.chart('{0,6.733,0,6.733,0,6.733,0,6.733,0,6.733,36.136}', screening => s)
WHERE i = 1 ORDER BY s;
-- mr_above (the moving-range chart's own flag) is strict: not at the limit
SELECT i, (x).moving_range, (x).mr_upper_limit, (x).mr_above
FROM (SELECT i, kpi.xmr(v, i::float8, 'higher') OVER () AS x
      FROM unnest('{0,6.733,0,6.733,0,6.733,0,6.733,0,6.733,36.136}'::float8[]) WITH ORDINALITY u(v, i)) s WHERE i = 11;
--   beyond the limit (36.2: MR 29.467, MR̄ 9.0064, limit 29.4238): nhsr
--   and mdc drop it; mdc also drops the point from the mean:
--   (5 × 6.733) / 10 = 3.3665, MR̄ 6.733
SELECT s, round(centre, 4) AS centre, round(upl, 4) AS upl
FROM unnest(ARRAY['none', 'nhsr', 'mdc']) s, pg_temp.chart('{0,6.733,0,6.733,0,6.733,0,6.733,0,6.733,36.2}', screening => s)
WHERE i = 1 ORDER BY s;

-- 15. The median centre: 1 2 3 4 100 → median 3, MR̄ (1+1+1+96)/4 = 24.75
SELECT DISTINCT centre, lpl, upl FROM pg_temp.chart('{1,2,3,4,100}', centre => 'median');
-- even count: the middle two averaged, and a point exactly on it breaks a shift
SELECT DISTINCT centre FROM pg_temp.chart('{1,2,3,4}', centre => 'median');

-- 16. The per-series summary (kpi.xmr_summary): the variation icon from the
-- latest point, the assurance icon from the target against the latest
-- limits, NULL below 15 points
CREATE TEMP TABLE board AS
SELECT 'shift up' AS name, kpi.series(v, i::float8) AS s
FROM unnest('{5,4,5,4,5,4,5,4,6,7,6,7,6,7,6}'::float8[]) WITH ORDINALITY u(v, i)
UNION ALL
SELECT 'flat', kpi.series(v, i::float8) FROM unnest('{5,4,5,4,5,4,5,4,5,4,5,4,5,4,5}'::float8[]) WITH ORDINALITY u(v, i)
UNION ALL
SELECT 'short', kpi.series(v, i::float8) FROM unnest('{5,4,5,4,5,4,5,4,5,4,5,4,5,4}'::float8[]) WITH ORDINALITY u(v, i);
SELECT name, p, (kpi.xmr_summary(s, p)).*
FROM board, unnest(ARRAY['higher', 'lower', 'none']) p ORDER BY name, p;
-- assurance: the flat series has mean 4.5333, MR̄ 1, limits 1.8733 and
-- 7.1933: below both, between, above both
SELECT t, p, (kpi.xmr_summary(s, p, t)).assurance
FROM board, unnest(ARRAY['higher', 'lower']) p, unnest(ARRAY[1, 4, 8]::float8[]) t
WHERE name = 'flat' ORDER BY p, t;
-- a target exactly on a limit in decimal: 9.1 8.6 7.7 7.9 18.3 has upper
-- limit 18.3 (case 6): higher is better, target 18.3 fails (on the limit);
-- the float8 limit 18.299999999999997 would also say fail, so the lower
-- case: lower limit 10.32 - 7.98 = 2.34, float8 2.339999999999998: a target
-- of 2.34 passes (target <= lower limit) only when decided exactly.
SELECT t, (kpi.xmr_summary(kpi.series(v, i::float8), 'higher', t, min_points => 0)).assurance
FROM unnest('{9.1,8.6,7.7,7.9,18.3}'::float8[]) WITH ORDINALITY u(v, i), unnest(ARRAY[2.34, 2.35, 18.29, 18.3]::float8[]) t
GROUP BY t ORDER BY t;
-- min_points: the 'short' series gets icons with min_points => 14
SELECT (kpi.xmr_summary(s, 'higher', 6, min_points => 14)).variation, (kpi.xmr_summary(s, 'higher', 6, min_points => 14)).assurance
FROM board WHERE name = 'short';
-- ghosted points are counted apart; the latest is the last non-ghosted
SELECT (kpi.xmr_summary('float8{1=5,2=4,3=5,4=NULL,5=4,6=NULL}'::kpi.series, 'higher', min_points => 0)).*;

-- 17. Order does not matter: rows in any order, any window ORDER BY, the
-- same chart; the series aggregate likewise
CREATE TEMP TABLE pts AS
SELECT k, d::date AS month, CASE WHEN k = 3 AND d = '2024-06-01' THEN NULL ELSE round((sin(k * 7 + extract(month FROM d)) * 10 + k)::numeric, 1)::float8 END AS v
FROM generate_series(1, 5) k, generate_series('2023-01-01'::date, '2025-06-01', '1 month') d;
SELECT count(*) AS rows,
       count(*) FILTER (WHERE a IS DISTINCT FROM b OR a IS DISTINCT FROM c) AS differ
FROM (SELECT k, month,
             kpi.xmr(v, month, 'higher', rebase => ARRAY[DATE '2024-07-01']) OVER (PARTITION BY k) AS a,
             kpi.xmr(v, month, 'higher', rebase => ARRAY[DATE '2024-07-01']) OVER (PARTITION BY k ORDER BY month DESC) AS b,
             kpi.xmr(v, month, 'higher', rebase => ARRAY[DATE '2024-07-01']) OVER (PARTITION BY k ORDER BY v NULLS FIRST, month) AS c
      FROM (SELECT * FROM pts ORDER BY random()) r) s;
SELECT count(*) AS series, count(*) FILTER (WHERE a IS DISTINCT FROM b) AS differ
FROM (SELECT k, kpi.xmr_summary(kpi.series(v, month ORDER BY month), 'higher', 5) AS a,
             kpi.xmr_summary(kpi.series(v, month ORDER BY month DESC), 'higher', 5) AS b
      FROM pts GROUP BY k) s;
-- the summary agrees with the per-point chart's latest point
SELECT count(*) AS series, count(*) FILTER (WHERE s.latest_centre IS DISTINCT FROM w.centre OR s.latest_sc IS DISTINCT FROM w.special_cause) AS differ
FROM (SELECT k, (kpi.xmr_summary(kpi.series(v, month), 'higher')).centre AS latest_centre,
             (kpi.xmr_summary(kpi.series(v, month), 'higher')).special_cause AS latest_sc FROM pts GROUP BY k) s
JOIN (SELECT DISTINCT ON (k) k, (x).centre, (x).special_cause
      FROM (SELECT k, month, v, kpi.xmr(v, month, 'higher') OVER (PARTITION BY k) x FROM pts) q
      WHERE v IS NOT NULL ORDER BY k, month DESC) w USING (k);
-- periods as moments and as dates give the same chart
SELECT count(*) FILTER (WHERE (a).upper_limit IS DISTINCT FROM (b).upper_limit OR (a).variation IS DISTINCT FROM (b).variation) AS differ
FROM (SELECT kpi.xmr(v, month, 'higher') OVER (PARTITION BY k) a,
             kpi.xmr(v, month::timestamptz, 'higher') OVER (PARTITION BY k) b FROM pts) s;

-- 18. The 2σ and 1σ lines by hand, and a point exactly on a 2σ line (a
-- band point has 2σ line < x <= limit, MDC v2.1).  0 2.6 0 2.6 0 2.6 0
-- 2.6, then 10 4.85 11.6:
--   sum 36.85, mean 36.85 / 11 = 3.35
--   moving ranges 2.6 × 7, 7.4, 5.15, 6.75: MR̄ 37.5 / 10 = 3.75
--   limits 3.35 ∓ 2.66 × 3.75 = -6.625 and 13.325
--   2σ lines 3.35 ∓ (2/3)(2.66)(3.75) = 3.35 ∓ 6.65 = -3.3 and 10
--   1σ lines 3.35 ∓ (1/3)(2.66)(3.75) = 3.35 ∓ 3.325 = 0.025 and 6.675
-- 10 is on the upper 2σ line, so not in the band: 11.6 is the only band
-- point of 10 4.85 11.6, no two of three.  The first eight points are all
-- below 3.35: a shift.
SELECT DISTINCT round((x).lower_limit::numeric, 6) AS lpl, round((x).lower_2sigma::numeric, 6) AS l2s,
       round((x).lower_1sigma::numeric, 6) AS l1s, round((x).centre::numeric, 6) AS centre,
       round((x).upper_1sigma::numeric, 6) AS u1s, round((x).upper_2sigma::numeric, 6) AS u2s,
       round((x).upper_limit::numeric, 6) AS upl, (x).mr_mean
FROM (SELECT kpi.xmr(v, i::float8, 'higher') OVER () AS x
      FROM unnest('{0,2.6,0,2.6,0,2.6,0,2.6,10,4.85,11.6}'::float8[]) WITH ORDINALITY u(v, i)) s;
SELECT string_agg(coalesce(nullif(rules, ''), '.'), '' ORDER BY i) AS rules FROM pg_temp.chart('{0,2.6,0,2.6,0,2.6,0,2.6,10,4.85,11.6}');
-- 10.01 instead: mean 36.86 / 11 = 3.350909, MR̄ 37.52 / 10 = 3.752, upper
-- 2σ line 3.350909 + 6.653653 = 10.004562: 10.01 and 11.6 are band points
-- with 4.85 above the mean between them: two of three
SELECT string_agg(coalesce(nullif(rules, ''), '.'), '' ORDER BY i) AS rules FROM pg_temp.chart('{0,2.6,0,2.6,0,2.6,0,2.6,10.01,4.85,11.6}');
-- a point exactly on the upper limit is in the band (not beyond it).  0 1 0
-- 1 0 1 0 1, then 7.5 2.35 8.7: sum 22.55, mean 2.05; moving ranges 1 × 7,
-- 6.5, 5.15, 6.35: MR̄ 25 / 10 = 2.5; upper limit 2.05 + 6.65 = 8.7, 2σ line
-- 2.05 + 4.433333 = 6.483333: 7.5 and 8.7 are band points, 2.35 is above
-- the mean: two of three, no L
SELECT i, v, upl, rules FROM pg_temp.chart('{0,1,0,1,0,1,0,1,7.5,2.35,8.7}') WHERE i >= 9;
-- 8.71: mean 22.56 / 11 = 2.050909, MR̄ 25.01 / 10 = 2.501, upper limit
-- 2.050909 + 6.65266 = 8.703569: 8.71 is beyond, so not a band point, and
-- 7.5 is alone in the band
SELECT i, v, rules FROM pg_temp.chart('{0,1,0,1,0,1,0,1,7.5,2.35,8.71}') WHERE i >= 9;
-- a point exactly on the lower limit: case 6 mirrored, -9.1 -8.6 -7.7 -7.9
-- -18.3 has mean -10.32, MR̄ 3, lower limit -10.32 - 7.98 = -18.3: not
-- beyond (float8 gives -18.299999999999997 and flags it); -18.31 is
SELECT i, v, lpl, rules, variation FROM pg_temp.chart('{-9.1,-8.6,-7.7,-7.9,-18.3}') WHERE i = 5;
SELECT -18.3::float8 < (-9.1::float8 - 8.6 - 7.7 - 7.9 - 18.3) / 5 - 2.66 * ((0.5::float8 + 0.9 + 0.2 + 10.4) / 4) AS naive_float8_says_beyond;
SELECT i, v, rules, variation FROM pg_temp.chart('{-9.1,-8.6,-7.7,-7.9,-18.31}') WHERE i = 5;

-- 19. The variation icons of a series ending low (16 had those ending
-- high): 5 4 5 4 5 4 5 4, then 3 2 3 2 3 2 3: mean 54 / 15 = 3.6, every
-- moving range 1, limits 0.94 and 6.26, 2σ lines 1.8267 and 5.3733 (no
-- point beyond them); the first 8 points are a shift above, the last 7 a
-- shift below.  The latest point is low: concern_low ('higher'),
-- improvement_low ('lower'), neither_low ('none'); 8 + 7 special points
SELECT p, (s).points, (s).centre, (s).lower_limit, (s).upper_limit, (s).variation, (s).improvement, (s).concern
FROM (SELECT p, kpi.xmr_summary(kpi.series(v, i::float8), p) AS s
      FROM unnest('{5,4,5,4,5,4,5,4,3,2,3,2,3,2,3}'::float8[]) WITH ORDINALITY u(v, i), unnest(ARRAY['higher', 'lower', 'none']) p
      GROUP BY p) q ORDER BY p;
-- min_points counts the points that are not ghosted: the 'short' series
-- (14 points) with a ghosted point added at period 16 still has no icons
-- (15 periods, 14 points); the 'flat' series (15 points) with one has them
SELECT name, (s).points, (s).ghosted, (s).variation, (s).assurance
FROM (SELECT name, kpi.xmr_summary(kpi.series_append(s, NULL, 16::float8), 'higher', 6) AS s
      FROM board WHERE name IN ('short', 'flat')) q ORDER BY name;
