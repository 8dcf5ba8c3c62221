-- T, G, P and U charts.  Expected values from PowerBI-SPC's own tests
-- (test/Chart Types/{p,u,t,g}.test.ts, "<X> Chart can be created"), which
-- give each point's ul99, ul95, ll95, ll99, and from the formulas worked by
-- hand (in the comments).
SET search_path = public, kpi;

-- p chart, p.test.ts: 36 months; PowerBI-SPC prints percentages (x 100).
-- p = sum d / sum n, limits p +- 3 sqrt(p(1-p)/n_i).  The test checks to
-- 2 decimals; every point must agree.
CREATE TEMP TABLE pbi_p AS
SELECT i, d, n, ul99, ul95, ll95, ll99 FROM unnest(
  '{14,12,15,8,16,11,12,14,16,17,5,11,13,10,14,5,12,10,11,5,10,8,11,12,11,18,18,21,14,15,18,22,17,16,20,15}'::float8[],
  '{52,64,70,60,67,69,67,54,79,59,49,61,41,51,56,43,57,48,69,41,40,46,59,62,57,65,75,70,76,69,64,67,84,67,69,78}'::float8[],
  '{38.76,37.07,36.4,37.58,36.72,36.5,36.72,38.44,35.53,37.71,39.28,37.45,40.92,38.93,38.14,40.47,37.99,39.46,36.5,40.92,41.16,39.84,37.71,37.32,37.99,36.95,35.9,36.4,35.8,36.5,37.07,36.72,35.11,36.72,36.5,35.62}'::float8[],
  '{33.05,31.93,31.48,32.26,31.69,31.55,31.69,32.84,30.9,32.35,33.4,32.18,34.49,33.16,32.64,34.19,32.54,33.52,31.55,34.49,34.65,33.77,32.35,32.09,32.54,31.85,31.14,31.48,31.08,31.55,31.93,31.69,30.62,31.69,31.55,30.96}'::float8[],
  '{10.21,11.34,11.79,11,11.57,11.72,11.57,10.43,12.37,10.91,9.87,11.09,8.77,10.1,10.63,9.07,10.73,9.75,11.72,8.77,8.61,9.49,10.91,11.17,10.73,11.42,12.12,11.79,12.19,11.72,11.34,11.57,12.65,11.57,11.72,12.31}'::float8[],
  '{4.5,6.19,6.87,5.69,6.54,6.76,6.54,4.82,7.74,5.55,3.99,5.82,2.34,4.34,5.13,2.8,5.27,3.8,6.76,2.34,2.1,3.42,5.55,5.95,5.27,6.31,7.37,6.87,7.46,6.76,6.19,6.54,8.16,6.54,6.76,7.65}'::float8[])
  WITH ORDINALITY AS u(d, n, ul99, ul95, ll95, ll99, i);
SELECT count(*) AS points,
       count(*) FILTER (WHERE abs(100 * (x).upper_limit - ul99) < 0.005 AND abs(100 * (x).upper_2sigma - ul95) < 0.005
                          AND abs(100 * (x).lower_2sigma - ll95) < 0.005 AND abs(100 * (x).lower_limit - ll99) < 0.005) AS agree,
       round(100 * min((x).centre)::numeric, 4) AS centre_pct
FROM (SELECT *, kpi.p_chart(d, n, (DATE '2011-06-01' + make_interval(months => i::int))::date, 'higher') OVER () AS x FROM pbi_p) s;

-- u chart, u.test.ts: 24 months, per 10,000 (x 10000), to 4 decimals
CREATE TEMP TABLE pbi_u AS
SELECT i, c, n, ul99, ll99 FROM unnest(
  '{575,521,585,528,507,519,457,505,494,512,543,506,509,521,549,531,509,528,419,512,495,513,454,490}'::float8[],
  '{310466.8333,282346.7917,309089.7083,287977.3333,297743.375,286988.25,261120.3333,268720.75,284437.875,290449.5,288104.4583,279961.375,289803.9583,275950.5833,290824.4583,285495.75,282515.2083,273927.875,253085.625,262410.7083,275529.25,282405.0833,259530.7917,256235.4583}'::float8[],
  '{20.5349,20.6467,20.5401,20.623,20.5836,20.6271,20.7428,20.7071,20.6378,20.6129,20.6225,20.657,20.6155,20.6745,20.6113,20.6334,20.646,20.6835,20.7823,20.7366,20.6764,20.6465,20.7505,20.7666}'::float8[],
  '{15.9366,15.8248,15.9314,15.8485,15.8879,15.8444,15.7287,15.7644,15.8337,15.8586,15.849,15.8145,15.856,15.797,15.8602,15.8381,15.8255,15.788,15.6892,15.7349,15.7951,15.825,15.721,15.7049}'::float8[])
  WITH ORDINALITY AS u(c, n, ul99, ll99, i);
SELECT count(*) AS points,
       count(*) FILTER (WHERE abs(10000 * (x).upper_limit - ul99) < 0.00005 AND abs(10000 * (x).lower_limit - ll99) < 0.00005) AS agree
FROM (SELECT *, kpi.u_chart(c, n, i::float8, 'lower') OVER () AS x FROM pbi_u) s;

-- t chart, t.test.ts: 67 given times between events; PowerBI-SPC screens
-- moving ranges by default (screening => 'nhsr') and uses 3/1.128 where MDC
-- uses 2.66: ul99 97.268, ul95 54.0812, ll95 0.6402, ll99 0.0221.  Ours
-- (2.66) to 1 decimal for the limits, 2 for the 2-sigma lines:
SELECT DISTINCT round((x).upper_limit::numeric, 1) AS ul99, round((x).upper_2sigma::numeric, 1) AS ul95,
       round((x).lower_2sigma::numeric, 2) AS ll95, round((x).lower_limit::numeric, 2) AS ll99
FROM (SELECT kpi.t_chart(t, i::float8, screening => 'nhsr') OVER () AS x
      FROM unnest('{16,20,5,13,1,26,46,12,12,5,19,4,3,15,14,9,8,15,21,6,3,1,56,117,1,33,9,9,19,12,1,16,13,18,1,35,16,5,21,38,3,25,3,11,13,20,9,3,8,21,24,38,8,13,9,1,30,23,3,7,22,19,11,31,6,1,1}'::float8[])
           WITH ORDINALITY u(t, i)) s;

-- g chart, g.test.ts: 67 counts; mean 2122/67 = 31.671642, upper limit
-- 31.671642 + 3 sqrt(31.671642 × 32.671642) = 128.17 (ul99), 2-sigma line
-- 96.01 (ul95), no lower limit (PowerBI-SPC: 0).  MDC's centre line is
-- 0.693 × 31.671642 = 21.9484 (PowerBI-SPC shows the median).
SELECT DISTINCT round((x).upper_limit::numeric, 2) AS ul99, round((x).upper_2sigma::numeric, 2) AS ul95,
       (x).lower_limit AS ll99, round((x).centre::numeric, 4) AS centre
FROM (SELECT kpi.g_chart(g, i::float8) OVER () AS x
      FROM unnest('{23,39,15,34,1,49,98,29,27,13,45,7,10,27,24,14,20,38,44,11,10,3,113,183,3,47,18,18,33,15,2,38,27,27,1,52,23,7,26,82,5,49,5,17,24,44,26,2,27,46,55,97,22,22,20,4,60,51,7,21,66,36,25,72,15,5,3}'::float8[])
           WITH ORDINALITY u(g, i)) s;
-- 183 is beyond the upper limit; with polarity 'higher' (more cases between
-- events is better) it is improvement
SELECT g, (x).beyond_limits, (x).variation
FROM (SELECT g, kpi.g_chart(g, i::float8) OVER () AS x
      FROM unnest('{23,39,15,34,1,49,98,29,27,13,45,7,10,27,24,14,20,38,44,11,10,3,113,183,3,47,18,18,33,15,2,38,27,27,1,52,23,7,26,82,5,49,5,17,24,44,26,2,27,46,55,97,22,22,20,4,60,51,7,21,66,36,25,72,15,5,3}'::float8[])
           WITH ORDINALITY u(g, i)) s WHERE (x).special_cause;

-- T chart from event dates (MDC): events on 1, 11, 21, 31 Jan, 20 Feb and
-- 1 Mar 2024: 10, 10, 10, 20, 10 days between.  y = days^(1/3.6):
-- 10^(1/3.6) = 1.895735, 20^(1/3.6) = 2.298085; mean 1.976205, MR 0, 0,
-- 0.402350, 0.402350: MR̄ 0.201175; upper limit (1.976205 + 0.535126)^3.6 =
-- 27.5, centre 1.976205^3.6 = 11.6, lower (1.441079)^3.6 = 3.7.  The first
-- event has no interval.
SELECT e, round((x).value::numeric, 4) AS days, round((x).centre::numeric, 1) AS centre,
       round((x).lower_limit::numeric, 1) AS lower, round((x).upper_limit::numeric, 1) AS upper, (x).special_cause
FROM (SELECT e, kpi.t_chart(e) OVER () AS x
      FROM unnest('{2024-01-11,2024-01-01,2024-01-21,2024-01-31,2024-02-20,2024-03-01}'::date[]) e) s ORDER BY e;
-- two events on one day: 0 days between (not an error in a T chart)
SELECT e, (x).value FROM (SELECT e, kpi.t_chart(e) OVER () AS x
      FROM unnest('{2024-01-01,2024-01-05,2024-01-05}'::date[]) e) s ORDER BY e, 2;

-- p chart by hand: 10/100, 20/100, 50/200, 80/400: p = 160/800 = 0.2; at
-- n = 100 σ = sqrt(0.2 × 0.8 / 100) = 0.04, limits 0.08 and 0.32; at 200
-- σ = 0.028284, limits 0.1151 and 0.2849; at 400 σ = 0.02: 0.14 and 0.26
SELECT i, round((x).value::numeric, 4) AS p, round((x).centre::numeric, 4) AS centre, round((x).lower_limit::numeric, 4) AS lower,
       round((x).upper_limit::numeric, 4) AS upper
FROM (SELECT i, kpi.p_chart(d, n, i, 'higher') OVER () AS x FROM (VALUES (1, 10, 100), (2, 20, 100), (3, 50, 200), (4, 80, 400)) t(i, d, n)) s
ORDER BY i;
-- limits stay within [0, 1] (9/10, 10/10, 10/10: p = 29/30, σ = 0.0568,
-- upper 1.137 -> 1); u chart lower limits at least 0 (u = 1, σ = 1)
SELECT DISTINCT round((x).lower_limit::numeric, 4) AS lower, round((x).upper_limit::numeric, 4) AS upper
FROM (SELECT kpi.p_chart(d, 10, i, 'higher') OVER () AS x FROM (VALUES (1, 9), (2, 10), (3, 10)) t(i, d)) s;
SELECT DISTINCT (x).lower_limit FROM (SELECT kpi.u_chart(c, 1, i, 'higher') OVER () AS x FROM (VALUES (1, 1), (2, 0), (3, 2)) t(i, c)) s;
-- order does not matter
SELECT count(*) FILTER (WHERE a IS DISTINCT FROM b) AS differ
FROM (SELECT kpi.p_chart(d, n, i, 'higher') OVER (ORDER BY i) AS a, kpi.p_chart(d, n, i, 'higher') OVER (ORDER BY i DESC) AS b
      FROM pbi_p) s;

-- rebasing, as for kpi.xmr: each partition its own centre and limits.
-- G chart, cases 2, 4, 6 | 10, 20, 30 rebased at period 4: g = 4, centre
-- 0.693 × 4 = 2.772, upper 4 + 3 sqrt(4 × 5) = 17.4164; then g = 20:
-- 13.86 and 20 + 3 sqrt(20 × 21) = 81.4817
SELECT p, round((x).centre::numeric, 4) AS centre, round((x).upper_limit::numeric, 4) AS upper
FROM (SELECT p, kpi.g_chart(v, p, rebase => ARRAY[4]) OVER () AS x
      FROM (VALUES (1, 2.0), (2, 4), (3, 6), (4, 10), (5, 20), (6, 30)) t(p, v)) s ORDER BY p;
-- p chart, the hand example above rebased at period 3: p = 30/200 = 0.15,
-- σ = sqrt(0.15 × 0.85 / 100) = 0.035707, limits 0.0429 and 0.2571; then
-- p = 130/600 = 0.216667, at n = 200 σ = 0.029131 (0.1293, 0.3041), at
-- n = 400 σ = 0.020599 (0.1549, 0.2785)
SELECT i, round((x).centre::numeric, 4) AS centre, round((x).lower_limit::numeric, 4) AS lower,
       round((x).upper_limit::numeric, 4) AS upper
FROM (SELECT i, kpi.p_chart(d, n, i, 'higher', rebase => ARRAY[3]) OVER () AS x
      FROM (VALUES (1, 10, 100), (2, 20, 100), (3, 50, 200), (4, 80, 400)) t(i, d, n)) s ORDER BY i;
-- u chart, the same counts as rates: u = 0.15, σ = sqrt(0.15 / 100) =
-- 0.038730 (0.0338, 0.2662); then u = 0.216667, at 200 σ = 0.032914
-- (0.1179, 0.3154), at 400 σ = 0.023274 (0.1468, 0.2865)
SELECT i, round((x).centre::numeric, 4) AS centre, round((x).lower_limit::numeric, 4) AS lower,
       round((x).upper_limit::numeric, 4) AS upper
FROM (SELECT i, kpi.u_chart(d, n, i, 'higher', rebase => ARRAY[3]) OVER () AS x
      FROM (VALUES (1, 10, 100), (2, 20, 100), (3, 50, 200), (4, 80, 400)) t(i, d, n)) s ORDER BY i;
-- T chart of events rebased at 20 Jan: 4, 4, 4 days, then 8, 20, 20 days.
-- First partition: y constant, MR 0, every line 4.  Second (from the event
-- of 21 Jan, whose 8 days are its first point): y = 8^(1/3.6) = 1.781797,
-- 20^(1/3.6) = 2.298085 twice; mean 2.125989, centre 2.125989^3.6 = 15.11;
-- MR 0.516288, 0: MR̄ 0.258144; upper (2.125989 + 2.66 × 0.258144)^3.6 =
-- 2.812652^3.6 = 41.40
SELECT e, round((x).value::numeric, 4) AS days, round((x).centre::numeric, 2) AS centre,
       round((x).upper_limit::numeric, 2) AS upper
FROM (SELECT e, kpi.t_chart(e, rebase => ARRAY[DATE '2024-01-20']) OVER () AS x
      FROM unnest('{2024-01-01,2024-01-05,2024-01-09,2024-01-13,2024-01-21,2024-02-10,2024-03-01}'::date[]) e) s ORDER BY e;
-- the trend crosses a rebase (MDC v2.2), the shift does not.  Cases 1..7
-- rising, rebased at period 5 (4 + 3 points): one trend of 7
SELECT string_agg((x).trend::text, ' ' ORDER BY p) AS trend
FROM (SELECT p, kpi.g_chart(p, p, rebase => ARRAY[5]) OVER () AS x FROM generate_series(1, 7) p) s;
-- cases 4, 4, 4, 4 | 6, 6, 6: unrebased, g = 34/7 = 4.857 and the centre
-- 0.693 g = 3.366, so all 7 are above it: a shift.  Rebased at period 5
-- the centres are 2.772 and 4.158: every point is still above its centre,
-- but in runs of 4 and 3, so no shift
SELECT string_agg((x).shift::text, ' ' ORDER BY p) AS shift
FROM (SELECT p, kpi.g_chart(CASE WHEN p < 5 THEN 4 ELSE 6 END, p) OVER () AS x FROM generate_series(1, 7) p) s;
SELECT string_agg((x).shift::text, ' ' ORDER BY p) AS shift
FROM (SELECT p, kpi.g_chart(CASE WHEN p < 5 THEN 4 ELSE 6 END, p, rebase => ARRAY[5]) OVER () AS x FROM generate_series(1, 7) p) s;
