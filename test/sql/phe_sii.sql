-- Slope and relative index of inequality (kpi.sii) against
-- PHEindicatormethods' own expectations: tests/testthat/testSII.R, test
-- "SII and confidence limits calculate correctly", with its data and
-- expected results from tests/testthat/testdata_SII.xlsx (sheet
-- testdata_SII; RecordNo cited per case), at commit 093fd288 (v2.1.0).
-- PHE expects the SII and RII "to match exactly" and the simulated
-- confidence limits within tolerance 0.05; kpi's limits are exact where
-- the simulated quantity is normal, so they agree with PHE's 100,000-draw
-- simulations much more closely than that (rel_diff below).
SET extra_float_digits = 0;
CREATE TEMP TABLE sii_in (dataset text, area text, quantile int, population float8, value float8, lower float8, upper float8);
INSERT INTO sii_in VALUES
  ('normal', 'area1', 1, 7291, 75.9334590103081, 72.7220530546453, 79.1448649659708),
  ('normal', 'area1', 2, 7997, 78.3442382727843, 75.2509802190802, 81.4374963264884),
  ('normal', 'area1', 3, 6105, 83.8360631041654, 80.8697295124759, 86.8023966958549),
  ('normal', 'area1', 4, 7666, 83.6375399664931, 80.157578356036, 87.1175015769501),
  ('normal', 'area1', 5, 5790, 80.4655031529559, 77.1308785969275, 83.8001277089842),
  ('normal', 'area1', 6, 6934, 81.1156759857022, 78.0499986811178, 84.1813532902866),
  ('normal', 'area1', 7, 5918, 81.6930835718562, 79.011578491948, 84.3745886517644),
  ('normal', 'area1', 8, 5974, 84.1900062060987, 81.4457282769343, 86.9342841352631),
  ('normal', 'area1', 9, 7147, 80.5955641081472, 75.827185168894, 85.3639430474004),
  ('normal', 'area1', 10, 7534, 86.2894349578624, 83.2190593454592, 89.3598105702656),
  ('normal', 'area2', 1, 21675, 70.54853186, 70.09853186, 70.99853186),
  ('normal', 'area2', 2, 20065, 71.57155734, 71.12155734, 72.14),
  ('normal', 'area2', 3, 19750, 72.48698671, 72.03698671, 73.21),
  ('normal', 'area2', 4, 24713, 73.51985519, 73.06985519, 73.7),
  ('normal', 'area2', 5, 20112, 73.14605425, 72.69605425, 75.8),
  ('normal', 'area2', 6, 19618, 76.15898712, 75.70898712, 78.76),
  ('normal', 'area2', 7, 22408, 78.65444871, 78.20444871, 79.77),
  ('normal', 'area2', 8, 19752, 80.56476961, 80.11476961, 81.21),
  ('normal', 'area2', 9, 18939, 80.85486627, 80.40486627, 81.30486627),
  ('normal', 'area2', 10, 19312, 79.9711253, 79.5211253, 80.9),
  ('rate', 'area1', 1, 279012, 5.892219689475721, 5.614959662410748, 6.183085357576154),
  ('rate', 'area1', 2, 255993, 4.7345044591063035, 4.475920770781004, 5.0079519402470885),
  ('rate', 'area1', 3, 236961, 3.827634083245766, 3.586926055445024, 4.0844291026854505),
  ('rate', 'area1', 4, 214315, 3.8681380211371112, 3.6140791140579505, 4.1399822998098585),
  ('rate', 'area1', 5, 192812, 3.6771570234217785, 3.4166969870147965, 3.9573934822289045),
  ('rate', 'area1', 6, 183546, 3.1436261209723995, 2.8977176350029272, 3.4103317188858107),
  ('rate', 'area1', 7, 168593, 3.1258711808912585, 2.870493809285979, 3.4038909874130083),
  ('rate', 'area1', 8, 164822, 2.942568346458604, 2.6924041297904315, 3.2159015715579464),
  ('rate', 'area1', 9, 154836, 2.82879950399132, 2.57630573787527, 3.1059621495836955),
  ('rate', 'area1', 10, 138165, 2.7648101907140012, 2.501420619088458, 3.05584866618335),
  ('rate', 'area2', 1, 13837, 4.89675, 4.77675, 4.97675),
  ('rate', 'area2', 2, 14519, 4.5678, 4.4478, 4.6478),
  ('rate', 'area2', 3, 14940, 4.67666, 4.55666, 4.75666),
  ('rate', 'area2', 4, 14599, 4.35666, 4.23666, 4.43666),
  ('rate', 'area2', 5, 12311, 3.9, 3.78, 3.98),
  ('rate', 'area2', 6, 21675, 3.8, 3.6799999999999997, 3.88),
  ('rate', 'area2', 7, 20065, 3.5, 3.38, 3.58),
  ('rate', 'area2', 8, 19750, 3.2, 3.08, 3.2800000000000002),
  ('rate', 'area2', 9, 24713, 3.21, 3.09, 3.29),
  ('rate', 'area2', 10, 20112, 2.8, 2.6799999999999997, 2.88),
  ('proportion', 'area1', 1, 34353, 0.21212121212121202, 0.207830499225555, 0.216476300812899),
  ('proportion', 'area1', 2, 32112, 0.214281265570503, 0.209827711465288, 0.218803170788612),
  ('proportion', 'area1', 3, 27715, 0.204077214504781, 0.19937351725899902, 0.208862933590925),
  ('proportion', 'area1', 4, 25372, 0.19186504808450303, 0.187066648694241, 0.19675673996565),
  ('proportion', 'area1', 5, 23889, 0.174808489262841, 0.170044640703038, 0.17967690552753499),
  ('proportion', 'area1', 6, 23260, 0.16663800515907098, 0.16190410576997, 0.17148199783416998),
  ('proportion', 'area1', 7, 23180, 0.156039689387403, 0.151425075468518, 0.160768288675927),
  ('proportion', 'area1', 8, 24193, 0.146571322283305, 0.142170753783533, 0.151084110529924),
  ('proportion', 'area1', 9, 23609, 0.140370197805921, 0.13599767093637602, 0.144859737537153),
  ('proportion', 'area1', 10, 24488, 0.120875530872264, 0.11685200990738201, 0.125017980504761),
  ('proportion', 'area2', 1, 36111, 0.12079421782836301, 0.117473271937339, 0.12419583434331499),
  ('proportion', 'area2', 2, 31803, 0.117410307203723, 0.11391851782536101, 0.120994510822713),
  ('proportion', 'area2', 3, 26681, 0.11363891908099401, 0.109886239767609, 0.117502836842961),
  ('proportion', 'area2', 4, 24184, 0.105896460469732, 0.102080757108839, 0.10983734511402099),
  ('proportion', 'area2', 5, 23023, 0.10007383920427401, 0.09626388594689321, 0.104017228033421),
  ('proportion', 'area2', 6, 21506, 0.09411327071514931, 0.0902830437346462, 0.09808847293030461),
  ('proportion', 'area2', 7, 22197, 0.08730909582376001, 0.0836665612937408, 0.09109444792373561),
  ('proportion', 'area2', 8, 23679, 0.0836606275602855, 0.08020120762600881, 0.0872551115710111),
  ('proportion', 'area2', 9, 23271, 0.0797559193846418, 0.0763441201710209, 0.0833064392278473),
  ('proportion', 'area2', 10, 23464, 0.0696812137742925, 0.0664933849950753, 0.0730099206057122);
CREATE TEMP TABLE sii_expected (test text, record int, area text, sii float8, sii_lower float8, sii_upper float8, rii float8, rii_lower float8, rii_upper float8, intercept float8);
INSERT INTO sii_expected VALUES
  ('normal', 1, 'area1', 6.934616473668819, 3.127594617650817, 10.7586873680794, 1.0888180804446217, 1.0383690591642838, 1.1412993360251238, NULL),
  ('normal', 11, 'area2', 12.547846636351798, 11.936156426792138, 13.163020132396579, 1.180885620848795, 1.1713706914325628, 1.1904396357244886, NULL),
  ('normal, 99%', 21, 'area1', 6.934616473668819, 1.9243274437391116, 11.99208403800279, 1.0888180804446217, 1.0234148326541768, 1.1587677685047233, NULL),
  ('normal, 99%', 31, 'area2', 12.547846636351798, 11.743647833205888, 13.34720365245395, 1.180885620848795, 1.168320603472105, 1.1934312559878586, NULL),
  ('normal, quintiles', 61, 'area1', 7.919334147100874, NULL, NULL, 1.1037116952527257, NULL, NULL, NULL),
  ('normal, quintiles', 66, 'area2', 3.6215563376545648, NULL, NULL, 1.0513892712719326, NULL, NULL, NULL),
  ('normal, intercept', 246, 'area1', 6.934616473668819, 3.127594617650817, 10.7586873680794, 1.0888180804446217, 1.0383690591642838, 1.1412993360251238, 78.07663078231671),
  ('normal, intercept', 256, 'area2', 12.547846636351798, 11.936156426792138, 13.163020132396579, 1.180885620848795, 1.1713706914325628, 1.1904396357244886, 69.36895579356593),
  ('rate', 71, 'area1', -3.2752012326471758, -3.5868233016744155, -2.9653170017272723, 0.40600068953980034, 0.36888170199068804, 0.44624776652446996, NULL),
  ('rate', 81, 'area2', -2.287678902778742, -2.3985255584029543, -2.1761883614121236, 0.5352517697987614, 0.5173431258491631, 0.5537394889497282, NULL),
  ('rate, intercept', 266, 'area1', -3.2752012326471758, -3.5868233016744155, -2.9653170017272723, 0.40600068953980034, 0.36888170199068804, 0.44624776652446996, 5.513813189631011),
  ('rate, intercept', 276, 'area2', -2.287678902778742, -2.3985255584029543, -2.1761883614121236, 0.5352517697987614, 0.5173431258491631, 0.5537394889497282, 4.922404764808173),
  ('proportion', 91, 'area1', -0.10720032333730493, -0.11220857220984691, -0.1021798062145461, 0.5334015306465507, 0.5171273196358018, 0.5501538412913004, NULL),
  ('proportion', 101, 'area2', -0.0581854710713103, -0.06216629570885849, -0.05417454773129435, 0.5470128461555435, 0.5237145074007454, 0.5714617043537692, NULL),
  ('proportion, intercept', 286, 'area1', -0.10720032333730493, -0.11220857220984691, -0.1021798062145461, 0.5334015306465507, 0.5171273196358018, 0.5501538412913004, 0.22974855336720032),
  ('proportion, intercept', 296, 'area2', -0.0581854710713103, -0.06216629570885849, -0.05417454773129435, 0.5470128461555435, 0.5237145074007454, 0.5714617043537692, 0.12844839103602843),
  ('proportion x 100', 111, 'area1', -10.720032333730494, -11.22085722098469, -10.21798062145461, 0.5334015306465507, 0.5171273196358018, 0.5501538412913004, NULL),
  ('proportion x 100', 121, 'area2', -5.81854710713103, -6.216629570885849, -5.4174547731294345, 0.5470128461555435, 0.5237145074007454, 0.5714617043537692, NULL),
  ('proportion x -100', 131, 'area1', 10.720032333730494, 10.21798062145461, 11.22085722098469, 1.874760274474414, 1.8176733941416052, 1.933759757083172, NULL),
  ('proportion x -100', 141, 'area2', 5.81854710713103, 5.4174547731294345, 6.216629570885849, 1.8281106321873277, 1.7498985362997128, 1.909437271392602, NULL),
  ('rate, log', 306, 'area1', -3.15590713895456, -3.4809615490242884, -2.833237344763632, 0.4418848436076823, 0.4082744080360723, 0.4785663265006931, 5.65458060546947),
  ('rate, log', 316, 'area2', -2.2954691808474057, -2.423223688852598, -2.168075785150564, 0.5446144759737053, 0.527074544156842, 0.5627749745405388, 5.040716183843519),
  ('rate, log, x -1', 386, 'area1', 3.15590713895456, 2.833237344763632, 3.4809615490242884, 2.2630330378288055, 2.0895745158504204, 2.449333047374468, 5.65458060546947),
  ('rate, log, x -1', 396, 'area2', 2.2954691808474057, 2.168075785150564, 2.423223688852598, 1.8361612555599447, 1.7769091470643676, 1.8972648386950541, 5.040716183843519),
  ('rate, log, 98%', 406, 'area1', -3.15590713895456, -3.544280996599922, -2.7745074687289164, 0.4418848436076823, 0.4020907792516821, 0.48562375212051656, 5.65458060546947),
  ('rate, log, 98%', 416, 'area2', -2.2954691808474057, -2.4467391886512893, -2.144561280153136, 0.5446144759737053, 0.523917441953303, 0.5662021595789917, 5.040716183843519),
  ('proportion, logit', 326, 'area1', -0.1096462611125906, -0.11490838449464633, -0.10443087776045443, 0.5341775743253946, 0.5185333850074628, 0.5501741213468927, 0.2353821007088711),
  ('proportion, logit', 336, 'area2', -0.05970061643992898, -0.06392425493727208, -0.05546135190988595, 0.5472074426131981, 0.524843254382713, 0.5707105710428643, 0.1318498183461289),
  ('proportion, logit, x -1', 346, 'area1', 0.1096462611125906, 0.10443087776045443, 0.11490838449464633, 1.8720366560930344, 1.8176063925941832, 1.9285161359197882, 0.2353821007088711),
  ('proportion, logit, x -1', 356, 'area2', 0.05970061643992898, 0.05546135190988595, 0.06392425493727208, 1.827460524338784, 1.752201642546574, 1.9053307661849175, 0.1318498183461289);

-- the arguments of each case, as in testSII.R
CREATE TEMP TABLE sii_cases (test text, dataset text, quantiles int, value_type text,
                             transform bool, multiplier float8, level float8);
INSERT INTO sii_cases VALUES
  ('normal', 'normal', 10, 'normal', false, 1, 0.95),
  ('normal, 99%', 'normal', 10, 'normal', false, 1, 0.99),
  ('normal, quintiles', 'normal', 5, 'normal', false, 1, 0.95),
  ('normal, intercept', 'normal', 10, 'normal', false, 1, 0.95),
  ('rate', 'rate', 10, 'rate', false, 1, 0.95),
  ('rate, intercept', 'rate', 10, 'rate', false, 1, 0.95),
  ('proportion', 'proportion', 10, 'proportion', false, 1, 0.95),
  -- "test proportion with intercept" runs value_type = 1 (rate) on the proportions
  ('proportion, intercept', 'proportion', 10, 'rate', false, 1, 0.95),
  ('proportion x 100', 'proportion', 10, 'proportion', false, 100, 0.95),
  ('proportion x -100', 'proportion', 10, 'proportion', false, -100, 0.95),
  ('rate, log', 'rate', 10, 'rate', true, 1, 0.95),
  ('rate, log, x -1', 'rate', 10, 'rate', true, -1, 0.95),
  ('rate, log, 98%', 'rate', 10, 'rate', true, 1, 0.98),
  ('proportion, logit', 'proportion', 10, 'proportion', true, 1, 0.95),
  ('proportion, logit, x -1', 'proportion', 10, 'proportion', true, -1, 0.95);

CREATE TEMP TABLE sii_got AS
SELECT c.test, r.area, (r.s).*
FROM sii_cases c,
     LATERAL (SELECT area, kpi.sii(quantile, population, value, lower, upper,
                                   c.value_type, c.transform, c.multiplier, c.level) AS s
              FROM sii_in WHERE dataset = c.dataset AND quantile <= c.quantiles
              GROUP BY area) AS r;

CREATE FUNCTION rel_diff(got float8, want float8) RETURNS numeric
    LANGUAGE sql IMMUTABLE AS $$ SELECT round((abs(got - want) / abs(want))::numeric, 4) $$;

-- point estimates: to 1e-9 relative (PHE fits by lm's QR, kpi by the
-- normal equations)
SELECT e.record, e.test, e.area,
       rel_diff(g.sii, e.sii) <= 1e-9 AND rel_diff(g.rii, e.rii) <= 1e-9
         AND (e.intercept IS NULL OR rel_diff(g.intercept, e.intercept) <= 1e-9) AS estimates_as_phe,
       g.sii_ci, g.rii_ci, g.suppressed
FROM sii_expected e JOIN sii_got g USING (test, area)
ORDER BY e.record;

-- limits: the relative difference from PHE's simulated limits, and PHE's
-- own test (within 0.05)
SELECT e.record, e.test, e.area,
       rel_diff(g.sii_lower, e.sii_lower) AS sii_lower, rel_diff(g.sii_upper, e.sii_upper) AS sii_upper,
       rel_diff(g.rii_lower, e.rii_lower) AS rii_lower, rel_diff(g.rii_upper, e.rii_upper) AS rii_upper,
       coalesce(rel_diff(g.sii_lower, e.sii_lower), 0) <= 0.05 AND coalesce(rel_diff(g.sii_upper, e.sii_upper), 0) <= 0.05
         AND coalesce(rel_diff(g.rii_lower, e.rii_lower), 0) <= 0.05 AND coalesce(rel_diff(g.rii_upper, e.rii_upper), 0) <= 0.05
         AS within_phe_tolerance
FROM sii_expected e JOIN sii_got g USING (test, area)
ORDER BY e.record;

-- The seeded simulation draws as R does: R 4.2.2's set.seed(seed) and
-- rnorm, through a base-R transcription of PHE's SimulationFunc
-- (R/utils.R: the draws matrix, solve(m %*% t(m)) %*% m, sort, the order
-- statistics round(reps * (1 - cv)) and round(reps * cv)), gave these
-- limits (sii_lower, sii_upper, rii_lower, rii_upper).  kpi agrees to
-- rounding (1e-12 relative): the same draws, the same order statistics.
CREATE TEMP TABLE r_reference (dataset text, area text, value_type text, multiplier float8,
                               level float8, repetitions int, seed int, limits float8[]);
INSERT INTO r_reference VALUES
  ('rate', 'area1', 'rate', 1, 0.95, 100000, 1,
   ARRAY[-3.58446904365838925, -2.96433106337448660, 0.36916716535060418, 0.44620229695301161]),
  ('proportion', 'area1', 'proportion', -100, 0.95, 100000, 1,
   ARRAY[10.2183584389082629, 11.2187816658817283, 1.8173401184569518, 1.9337060806661508]),
  ('proportion', 'area2', 'proportion', 1, 0.99, 10000, 42,
   ARRAY[-0.063496482217627173, -0.052911665801433888, 0.516013121632100003, 0.579098539942770163]);
SELECT r.dataset, r.area, r.seed, (s).sii_ci,
       bool_and(abs(v.got - v.want) <= 1e-12 * abs(v.want)) AS limits_as_r
FROM r_reference r,
     LATERAL (SELECT kpi.sii(quantile, population, value, lower, upper, r.value_type, false,
                             r.multiplier, r.level, r.repetitions, r.seed) AS s
              FROM sii_in WHERE dataset = r.dataset AND area = r.area) AS k,
     LATERAL unnest(ARRAY[(s).sii_lower, (s).sii_upper, (s).rii_lower, (s).rii_upper], r.limits) AS v(got, want)
GROUP BY r.dataset, r.area, r.seed, (s).sii_ci ORDER BY r.dataset, r.area;

-- the same seed, the same limits; another seed, other limits
SELECT count(DISTINCT (s).sii_lower) FILTER (WHERE seed = 7) AS distinct_with_seed_7,
       count(DISTINCT (s).sii_lower) AS distinct_with_seeds_7_and_8
FROM (SELECT seed, kpi.sii(quantile, population, value, lower, upper, 'rate', false, 1, 0.95, 1000, seed) AS s
      FROM sii_in, (VALUES (1, 7), (2, 7), (3, 8)) AS t(run, seed)
      WHERE dataset = 'rate' AND area = 'area2' GROUP BY run, seed) AS x;

-- The RII of normal values is exact only when its denominator is far from
-- 0; here the intercept is close to 0 (values around 0), so it is
-- simulated, and says so.
SELECT (s).sii_ci, (s).rii_ci, round((s).sii::numeric, 6) AS sii
FROM (SELECT kpi.sii(quantile, population, value - 80, lower - 80, upper - 80) AS s
      FROM sii_in WHERE dataset = 'normal' AND area = 'area1') AS x;
-- hand check of the fit: values 1..5 on equal populations give b = 0.1,
-- 0.3, ..., 0.9 and the line v = 0.5 + 5 b: SII 5, RII (0.5 + 5) / 0.5 = 11
SELECT round((s).sii::numeric, 12) AS sii, round((s).rii::numeric, 12) AS rii,
       round((s).intercept::numeric, 12) AS intercept
FROM (SELECT kpi.sii(q, 100, q, q - 0.1, q + 0.1) AS s FROM generate_series(1, 5) AS q) AS x;

-- Suppression: NULL values with the reason, not errors
SELECT t.test, (s).*
FROM (VALUES ('a NULL value'), ('duplicated quantile'), ('missing quantile'), ('four quantiles')) AS t(test),
     LATERAL (SELECT kpi.sii(quantile, population, CASE WHEN t.test = 'a NULL value' AND quantile = 3 THEN NULL ELSE value END,
                             lower, upper) AS s
              FROM (SELECT quantile, population, value, lower, upper FROM sii_in
                    WHERE dataset = 'normal' AND area = 'area1'
                      AND NOT (t.test = 'missing quantile' AND quantile = 4)
                      AND NOT (t.test = 'four quantiles' AND quantile > 4)
                    UNION ALL
                    SELECT 2, 100, 80, 79, 81 WHERE t.test = 'duplicated quantile') AS d) AS k
ORDER BY t.test;

-- The state: exact as text; partial states combined equal the whole
CREATE AGGREGATE pg_temp.sii_partial(int4, float8, float8, float8, float8) (
    SFUNC = kpi.sii_accum, STYPE = kpi.state);
CREATE AGGREGATE pg_temp.sii_combined(kpi.state) (
    SFUNC = kpi.sii_combine, STYPE = kpi.state, FINALFUNC = kpi.sii_final);
SELECT kpi.state_send(whole::text::kpi.state) = kpi.state_send(whole) AS text_exact,
       (SELECT pg_temp.sii_combined(part::text::kpi.state)
        FROM (SELECT pg_temp.sii_partial(quantile, population, value, lower, upper) AS part
              FROM sii_in WHERE dataset = 'normal' AND area = 'area1' GROUP BY quantile % 3) AS p)
         = kpi.sii_final(whole) AS combined_equals_whole
FROM (SELECT pg_temp.sii_partial(quantile, population, value, lower, upper) AS whole
      FROM sii_in WHERE dataset = 'normal' AND area = 'area1') AS w;

-- Parallel plans split the aggregate and give the serial answer exactly
-- (the final function sorts the rows by quantile before any arithmetic)
CREATE TABLE sii_big AS
SELECT a AS area, s.quantile, s.population + a, s.value + a % 7 AS value, s.lower + a % 7 AS lower,
       s.upper + a % 7 AS upper
FROM generate_series(1, 4000) AS a, sii_in AS s WHERE s.dataset = 'normal' AND s.area = 'area2';
ALTER TABLE sii_big RENAME COLUMN "?column?" TO population;
ANALYZE sii_big;
CREATE FUNCTION plan_has(query text, node text) RETURNS bool LANGUAGE plpgsql AS $$
DECLARE
    line text;
BEGIN
    FOR line IN EXECUTE 'EXPLAIN (COSTS OFF) ' || query LOOP
        IF line LIKE '%' || node || '%' THEN
            RETURN true;
        END IF;
    END LOOP;
    RETURN false;
END $$;
CREATE VIEW sii_by_area AS
SELECT area, kpi.sii(quantile, population, value, lower, upper) AS s FROM sii_big GROUP BY area;
SET max_parallel_workers_per_gather = 0;
CREATE TEMP TABLE sii_serial AS SELECT * FROM sii_by_area;
SET parallel_setup_cost = 0;
SET parallel_tuple_cost = 0;
SET min_parallel_table_scan_size = 0;
SET max_parallel_workers_per_gather = 2;
SELECT plan_has('SELECT * FROM sii_by_area', 'Partial HashAggregate')
       OR plan_has('SELECT * FROM sii_by_area', 'Partial GroupAggregate') AS parallel_is_partial;
SELECT count(*) AS areas, bool_and(p.s = s.s) AS parallel_equals_serial
FROM sii_serial s JOIN sii_by_area p USING (area);
RESET parallel_setup_cost;
RESET parallel_tuple_cost;
RESET min_parallel_table_scan_size;
RESET max_parallel_workers_per_gather;
DROP VIEW sii_by_area;
DROP TABLE sii_big;
DROP FUNCTION plan_has(text, text);
