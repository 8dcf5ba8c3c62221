-- kpi demo, part 4: rates per population, rolling rates, and comparison
-- with England that takes chance into account.
--
-- The report prints "Rolling rate of referrals per 10,000 of Under 18
-- Population": 562.33 in September 2024 against England's 544.50.  Its
-- monthly counts are not published, so demo.referrals holds a synthetic
-- but plausible series for a city of about 49,800 children: around 260
-- referrals a month until March 2024, falling after the service's changes
-- in April, and one month (February 2023) missing from the extract.

CREATE TABLE demo.referrals (
    month      date PRIMARY KEY,
    referrals  int  NOT NULL CHECK (referrals >= 0),
    population int  NOT NULL CHECK (population > 0)   -- children under 18
);
INSERT INTO demo.referrals
SELECT m::date,
       CASE WHEN m < '2024-04-01' THEN 252 + (k * 7) % 17
            ELSE 214 - (k * 5) % 11 END,
       49600 + k * 8
FROM generate_series('2022-04-01'::date, '2024-09-01', '1 month') WITH ORDINALITY AS g(m, k)
WHERE m <> '2023-02-01';

-- The 12-month rolling rate per 10,000: referrals in the last twelve
-- calendar months over the average population, shown only when the frame
-- has all twelve months (min_periods), with its 95% interval and the
-- comparison with England (lower is better: fewer referrals).
CREATE VIEW demo.referral_rate AS
SELECT month,
       referrals,
       months_in_frame,
       round((r).value::numeric, 2) AS rate_per_10k,
       round((r).lower::numeric, 2) AS lower,
       round((r).upper::numeric, 2) AS upper,
       544.50 AS england,
       kpi.symbol(vs) AS vs_england
FROM (SELECT month, referrals,
             count(*) OVER w AS months_in_frame,
             kpi.rolling_rate_ci(referrals, population, 10000, 12) OVER w AS r,
             kpi.compare_rolling_rate(referrals, population, 10000, 544.50, 'lower', 12) OVER w AS vs
      FROM demo.referrals
      WINDOW w AS (ORDER BY month RANGE '11 months' PRECEDING)) AS w;

-- The report's rates per 10,000 children against England with 95%
-- intervals.  The report publishes rates, not counts; the counts here are
-- the rates applied to the demo's 49,800 children (rounded to whole
-- children), enough to show how the interval decides "similar".
CREATE VIEW demo.rate_vs_england AS
SELECT kpi, count, children, round(kpi.rate(count, children, 10000)::numeric, 2) AS rate,
       round((kpi.rate_ci(count, children, 10000)).lower::numeric, 2) AS lower,
       round((kpi.rate_ci(count, children, 10000)).upper::numeric, 2) AS upper,
       england,
       kpi.symbol(kpi.rag(kpi.rate(count, children, 10000), england, polarity)) AS within_10pct,
       kpi.symbol(kpi.compare_rate(count, children, 10000, england, polarity)) AS significance
FROM (SELECT DISTINCT i.name AS kpi, i.polarity, v.national AS england, 49800 AS children,
             round(v.latest * 4.98) AS count
      FROM demo.kpi_value v JOIN demo.indicator i USING (indicator_id)
      WHERE i.name LIKE 'Rate of%(per 10,000)' AND v.national IS NOT NULL) AS t;

\echo
\echo '12-month rolling rate of referrals per 10,000 children (synthetic counts; RANGE 11 months, min_periods 12)'
SELECT * FROM demo.referral_rate WHERE month >= '2023-11-01' ORDER BY month;

\echo
\echo 'Rates per 10,000 children against England: the 10% band and the 95% interval'
SELECT * FROM demo.rate_vs_england ORDER BY kpi;
