-- test/citus/cases.sql — one case per kpi aggregate (test/citus/run).
--
-- sig: the aggregate (regprocedure text); every aggregate in schema kpi
-- needs one, and checks.sql fails on any without.  data: the data set
-- (setup.sql): the query runs on DATA_s (distributed by another column:
-- it must split), on DATA grouped by area too (pushed down whole) and on
-- local.DATA (the reference).  grp: the grouping; filter: a WHERE clause
-- (the per-series aggregates look at 2 of the 10 indicators, 1,000 series
-- of 40 months, to keep the run short).  fn, args, ord: the call
-- fn(args [ORDER BY ord]).  wrap: how the result is compared (format()
-- with %1$s for the result; default to_jsonb): floats to the tolerance,
-- everything else exactly.  expect: 'split', or 'refused' for the ordered
-- aggregates, which have no combine function (Citus cannot split them:
-- group them by the distribution column, or give the period as an
-- argument).
\set ON_ERROR_STOP 1
CREATE TABLE local.cases (
    id serial PRIMARY KEY, sig text NOT NULL, data text NOT NULL, grp text NOT NULL,
    fn text NOT NULL, args text NOT NULL, ord text, filter text,
    wrap text NOT NULL DEFAULT 'to_jsonb(%1$s)', expect text NOT NULL DEFAULT 'split');

-- accessors of a trend state (its text depends on the order rows came in)
\set trend_wrap 'jsonb_build_array(kpi.n(%1$s), kpi.slope(%1$s), kpi.intercept(%1$s), kpi.r2(%1$s), kpi.slope_se(%1$s))'

INSERT INTO local.cases (sig, data, grp, fn, args, ord, wrap, expect) VALUES
-- ratings (0.1.0; brag_counts 0.2.0)
('kpi.worst(kpi.rag)',        'ind', 'region, kpi', 'kpi.worst',       'rating', NULL, DEFAULT, DEFAULT),
('kpi.best(kpi.rag)',         'ind', 'region, kpi', 'kpi.best',        'kpi.rag(value, target, polarity)', NULL, DEFAULT, DEFAULT),
('kpi.rag_counts(kpi.rag)',   'ind', 'region, kpi', 'kpi.rag_counts',  'rating', NULL, DEFAULT, DEFAULT),
('kpi.rag_summary(kpi.rag)',  'ind', 'region, kpi', 'kpi.rag_summary', 'rating', NULL, DEFAULT, DEFAULT),
('kpi.brag_counts(kpi.rag)',  'ind', 'region, kpi', 'kpi.brag_counts', 'rating', NULL, DEFAULT, DEFAULT),
-- rates, intervals, peers (0.1.0)
('kpi.rolling_rate(double precision,double precision,double precision)',         'ind', 'region, kpi', 'kpi.rolling_rate', 'numerator, denominator, 1000', NULL, DEFAULT, DEFAULT),
('kpi.rolling_rate(double precision,double precision,double precision,integer)', 'ind', 'region, kpi', 'kpi.rolling_rate', 'numerator, denominator, 1000, 12', NULL, DEFAULT, DEFAULT),
('kpi.pooled_rate(double precision,double precision,double precision)',          'ind', 'region, kpi', 'kpi.pooled_rate',  'numerator, denominator, 100', NULL, DEFAULT, DEFAULT),
('kpi.pooled_rate(double precision,double precision,double precision,integer)',  'ind', 'region, kpi', 'kpi.pooled_rate',  'numerator, denominator, 100, 12', NULL, DEFAULT, DEFAULT),
('kpi.mean_ci(double precision)',                   'ind', 'region, kpi', 'kpi.mean_ci',   'value', NULL, DEFAULT, DEFAULT),
('kpi.mean_ci(double precision,double precision)',  'ind', 'region, kpi', 'kpi.mean_ci',   'value, 0.9', NULL, DEFAULT, DEFAULT),
('kpi.peer_rank(double precision,double precision,text)', 'ind', 'region, kpi', 'kpi.peer_rank', 'target, value, polarity', NULL, DEFAULT, DEFAULT),
('kpi.rolling_rate_ci(double precision,double precision,double precision)',                          'ind', 'region, kpi', 'kpi.rolling_rate_ci', 'numerator, denominator, 100', NULL, DEFAULT, DEFAULT),
('kpi.rolling_rate_ci(double precision,double precision,double precision,integer)',                  'ind', 'region, kpi', 'kpi.rolling_rate_ci', 'numerator, denominator, 100, 12', NULL, DEFAULT, DEFAULT),
('kpi.rolling_rate_ci(double precision,double precision,double precision,integer,double precision)', 'ind', 'region, kpi', 'kpi.rolling_rate_ci', 'numerator, denominator, 100, 12, 0.998', NULL, DEFAULT, DEFAULT),
('kpi.pooled_rate_ci(double precision,double precision,double precision)',                           'ind', 'region, kpi', 'kpi.pooled_rate_ci', 'numerator, denominator, 100', NULL, DEFAULT, DEFAULT),
('kpi.pooled_rate_ci(double precision,double precision,double precision,integer)',                   'ind', 'region, kpi', 'kpi.pooled_rate_ci', 'numerator, denominator, 100, 12', NULL, DEFAULT, DEFAULT),
('kpi.pooled_rate_ci(double precision,double precision,double precision,integer,double precision)',  'ind', 'region, kpi', 'kpi.pooled_rate_ci', 'numerator, denominator, 100, 12, 0.998', NULL, DEFAULT, DEFAULT),
('kpi.compare_rolling_rate(double precision,double precision,double precision,double precision,text)',                          'ind', 'region, kpi', 'kpi.compare_rolling_rate', 'numerator, denominator, 100, target, polarity', NULL, DEFAULT, DEFAULT),
('kpi.compare_rolling_rate(double precision,double precision,double precision,double precision,text,integer)',                  'ind', 'region, kpi', 'kpi.compare_rolling_rate', 'numerator, denominator, 100, target, polarity, 12', NULL, DEFAULT, DEFAULT),
('kpi.compare_rolling_rate(double precision,double precision,double precision,double precision,text,integer,double precision)', 'ind', 'region, kpi', 'kpi.compare_rolling_rate', 'numerator, denominator, 100, target, polarity, 12, 0.998', NULL, DEFAULT, DEFAULT),
('kpi.compare_pooled_rate(double precision,double precision,double precision,double precision,text)',                           'ind', 'region, kpi', 'kpi.compare_pooled_rate', 'numerator, denominator, 100, target, polarity', NULL, DEFAULT, DEFAULT),
('kpi.compare_pooled_rate(double precision,double precision,double precision,double precision,text,integer)',                   'ind', 'region, kpi', 'kpi.compare_pooled_rate', 'numerator, denominator, 100, target, polarity, 12', NULL, DEFAULT, DEFAULT),
('kpi.compare_pooled_rate(double precision,double precision,double precision,double precision,text,integer,double precision)',  'ind', 'region, kpi', 'kpi.compare_pooled_rate', 'numerator, denominator, 100, target, polarity, 12, 0.998', NULL, DEFAULT, DEFAULT),
-- Fingertips' trend marker (0.2.0): the period forms with a polarity
('kpi.recent_trend(double precision,double precision,double precision,double precision,text)',           'ind', 'area, kpi', 'kpi.recent_trend', 'value, lower, upper, mi, polarity', NULL, DEFAULT, DEFAULT),
('kpi.recent_trend(double precision,double precision,double precision,date,text)',                       'ind', 'area, kpi', 'kpi.recent_trend', 'value, lower, upper, month, polarity', NULL, DEFAULT, DEFAULT),
('kpi.recent_trend(double precision,double precision,double precision,timestamp with time zone,text)',   'ind', 'area, kpi', 'kpi.recent_trend', 'value, lower, upper, mt, polarity', NULL, DEFAULT, DEFAULT),
('kpi.recent_trend(double precision,double precision,double precision,text)',                            'ind', 'area, kpi', 'kpi.recent_trend', 'numerator, denominator, mi, polarity', NULL, DEFAULT, DEFAULT),
('kpi.recent_trend(double precision,double precision,date,text)',                                        'ind', 'area, kpi', 'kpi.recent_trend', 'numerator, denominator, month, polarity', NULL, DEFAULT, DEFAULT),
('kpi.recent_trend(double precision,double precision,timestamp with time zone,text)',                    'ind', 'area, kpi', 'kpi.recent_trend', 'numerator, denominator, mt, polarity', NULL, DEFAULT, DEFAULT),
('kpi.dsr(double precision,double precision,double precision,double precision)',                  'bands', 'area, year', 'kpi.dsr', 'deaths, population, std_population, 100000', NULL, DEFAULT, DEFAULT),
('kpi.dsr(double precision,double precision,double precision,double precision,double precision)', 'bands', 'area, year', 'kpi.dsr', 'deaths, population, std_population, 100000, 0.998', NULL, DEFAULT, DEFAULT),
-- recent trends: the ordered forms (0.1.0) cannot split; the forms with the period (0.2.0) can
('kpi.recent_trend(double precision,double precision,double precision)', 'ind', 'area, kpi', 'kpi.recent_trend', 'value, lower, upper', 'month', DEFAULT, 'refused'),
('kpi.recent_trend(double precision,double precision)',                  'ind', 'area, kpi', 'kpi.recent_trend', 'numerator, denominator', 'month', DEFAULT, 'refused'),
('kpi.recent_trend(double precision,double precision,double precision,date)',                     'ind', 'area, kpi', 'kpi.recent_trend', 'value, lower, upper, month', NULL, DEFAULT, DEFAULT),
('kpi.recent_trend(double precision,double precision,double precision,timestamp with time zone)', 'ind', 'area, kpi', 'kpi.recent_trend', 'value, lower, upper, mt', NULL, DEFAULT, DEFAULT),
('kpi.recent_trend(double precision,double precision,double precision,double precision)',         'ind', 'area, kpi', 'kpi.recent_trend', 'value, lower, upper, mi', NULL, DEFAULT, DEFAULT),
('kpi.recent_trend(double precision,double precision,date)',                     'ind', 'area, kpi', 'kpi.recent_trend', 'numerator, denominator, month', NULL, DEFAULT, DEFAULT),
('kpi.recent_trend(double precision,double precision,timestamp with time zone)', 'ind', 'area, kpi', 'kpi.recent_trend', 'numerator, denominator, mt', NULL, DEFAULT, DEFAULT),
-- trends (0.1.0)
('kpi.trend(double precision,double precision)',           'ind', 'area, kpi', 'kpi.trend', 'value, mi', NULL, :'trend_wrap', DEFAULT),
('kpi.trend(double precision,date)',                       'ind', 'area, kpi', 'kpi.trend', 'value, month', NULL, :'trend_wrap', DEFAULT),
('kpi.trend(double precision,timestamp with time zone)',   'ind', 'area, kpi', 'kpi.trend', 'value, mt', NULL, :'trend_wrap', DEFAULT),
('kpi.rollup(kpi.trend)',                                  'trends', 'region, kpi', 'kpi.rollup', 't', NULL, :'trend_wrap', DEFAULT),
('kpi.mann_kendall(double precision,double precision)',         'ind', 'area, kpi', 'kpi.mann_kendall', 'value, mi', NULL, DEFAULT, DEFAULT),
('kpi.mann_kendall(double precision,date)',                     'ind', 'area, kpi', 'kpi.mann_kendall', 'value, month', NULL, DEFAULT, DEFAULT),
('kpi.mann_kendall(double precision,timestamp with time zone)', 'ind', 'area, kpi', 'kpi.mann_kendall', 'value, mt', NULL, DEFAULT, DEFAULT),
('kpi.theil_sen(double precision,double precision)',            'ind', 'area, kpi', 'kpi.theil_sen', 'value, mi', NULL, DEFAULT, DEFAULT),
('kpi.theil_sen(double precision,date)',                        'ind', 'area, kpi', 'kpi.theil_sen', 'value, month', NULL, DEFAULT, DEFAULT),
('kpi.theil_sen(double precision,timestamp with time zone)',    'ind', 'area, kpi', 'kpi.theil_sen', 'value, mt', NULL, DEFAULT, DEFAULT),
-- sparklines: the ordered form (0.1.0) cannot split; the forms with the period (0.2.0) can
('kpi.sparkline(double precision)',                             'ind', 'area, kpi', 'kpi.sparkline', 'value', 'month', DEFAULT, 'refused'),
('kpi.sparkline(double precision,double precision)',            'ind', 'area, kpi', 'kpi.sparkline', 'value, mi', NULL, DEFAULT, DEFAULT),
('kpi.sparkline(double precision,date)',                        'ind', 'area, kpi', 'kpi.sparkline', 'value, month', NULL, DEFAULT, DEFAULT),
('kpi.sparkline(double precision,timestamp with time zone)',    'ind', 'area, kpi', 'kpi.sparkline', 'value, mt', NULL, DEFAULT, DEFAULT),
('kpi.svg_sparkline(double precision,double precision)',         'ind', 'area, kpi', 'kpi.svg_sparkline', 'value, mi', NULL, DEFAULT, DEFAULT),
('kpi.svg_sparkline(double precision,date)',                     'ind', 'area, kpi', 'kpi.svg_sparkline', 'value, month', NULL, DEFAULT, DEFAULT),
('kpi.svg_sparkline(double precision,timestamp with time zone)', 'ind', 'area, kpi', 'kpi.svg_sparkline', 'value, mt', NULL, DEFAULT, DEFAULT),
-- series (0.2.0): the state SPC and ETS work on
('kpi.series(double precision,double precision)',            'ind', 'area, kpi', 'kpi.series', 'value, mi', NULL, DEFAULT, DEFAULT),
('kpi.series(double precision,date)',                        'ind', 'area, kpi', 'kpi.series', 'value, month', NULL, DEFAULT, DEFAULT),
('kpi.series(double precision,timestamp with time zone)',    'ind', 'area, kpi', 'kpi.series', 'value, mt', NULL, DEFAULT, DEFAULT),
-- public health (0.2.0)
('kpi.life_expectancy(integer,double precision,double precision)',                          'bands', 'area, year', 'kpi.life_expectancy', 'age, deaths, population', NULL, DEFAULT, DEFAULT),
('kpi.life_expectancy(integer,double precision,double precision,integer)',                  'bands', 'area, year', 'kpi.life_expectancy', 'age, deaths, population, 65', NULL, DEFAULT, DEFAULT),
('kpi.life_expectancy(integer,double precision,double precision,integer,double precision)', 'bands', 'area, year', 'kpi.life_expectancy', 'age, deaths, population, 65, 0.998', NULL, DEFAULT, DEFAULT),
('kpi.life_table(integer,double precision,double precision)',                  'bands', 'area, year', 'kpi.life_table', 'age, deaths, population', NULL, DEFAULT, DEFAULT),
('kpi.life_table(integer,double precision,double precision,double precision)', 'bands', 'area, year', 'kpi.life_table', 'age, deaths, population, 0.9', NULL, DEFAULT, DEFAULT),
('kpi.isr_ratio(double precision,double precision,double precision,double precision)',                                    'bands', 'area, year', 'kpi.isr_ratio', 'deaths, population, england_deaths, england_population', NULL, DEFAULT, DEFAULT),
('kpi.isr_ratio(double precision,double precision,double precision,double precision,double precision)',                   'bands', 'area, year', 'kpi.isr_ratio', 'deaths, population, england_deaths, england_population, 100', NULL, DEFAULT, DEFAULT),
('kpi.isr_ratio(double precision,double precision,double precision,double precision,double precision,double precision)',  'bands', 'area, year', 'kpi.isr_ratio', 'deaths, population, england_deaths, england_population, 100, 0.998', NULL, DEFAULT, DEFAULT),
('kpi.isr_rate(double precision,double precision,double precision,double precision,double precision)',                    'bands', 'area, year', 'kpi.isr_rate', 'deaths, population, england_deaths, england_population, 100000', NULL, DEFAULT, DEFAULT),
('kpi.isr_rate(double precision,double precision,double precision,double precision,double precision,double precision)',   'bands', 'area, year', 'kpi.isr_rate', 'deaths, population, england_deaths, england_population, 100000, 0.998', NULL, DEFAULT, DEFAULT),
('kpi.sii(integer,double precision,double precision,double precision,double precision)',                                          'deciles', 'area', 'kpi.sii', 'decile, population, value, lower, upper', NULL, DEFAULT, DEFAULT),
('kpi.sii(integer,double precision,double precision,double precision,double precision,text)',                                     'deciles', 'area', 'kpi.sii', 'decile, population, value, lower, upper, ''normal''', NULL, DEFAULT, DEFAULT),
('kpi.sii(integer,double precision,double precision,double precision,double precision,text,boolean)',                             'deciles', 'area', 'kpi.sii', 'decile, population, value, lower, upper, ''rate'', true', NULL, DEFAULT, DEFAULT),
('kpi.sii(integer,double precision,double precision,double precision,double precision,text,boolean,double precision)',            'deciles', 'area', 'kpi.sii', 'decile, population, value, lower, upper, ''rate'', true, -1', NULL, DEFAULT, DEFAULT),
('kpi.sii(integer,double precision,double precision,double precision,double precision,text,boolean,double precision,double precision)', 'deciles', 'area', 'kpi.sii', 'decile, population, value, lower, upper, ''normal'', false, 1, 0.998', NULL, DEFAULT, DEFAULT),
('kpi.sii(integer,double precision,double precision,double precision,double precision,text,boolean,double precision,double precision,integer,integer)', 'deciles', 'area', 'kpi.sii', 'decile, population, value, lower, upper, ''rate'', false, 1, 0.95, 1000, 7', NULL, DEFAULT, DEFAULT);

UPDATE local.cases SET filter = $$kpi IN ('KPI 01', 'KPI 02')$$ WHERE data = 'ind' AND grp = 'area, kpi';
UPDATE local.cases SET filter = 'year >= 2022' WHERE data = 'bands';
