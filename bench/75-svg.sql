-- bench/75-svg.sql — charts as SVG: 8,000 series of 36 months in one query,
-- kpi.svg_sparkline (SVG) against kpi.sparkline (block characters) over
-- the same kpi.series, and the XmR chart as SVG; best of 3, serial plans.
-- Reports the time ratio and the output size.
\set ON_ERROR_STOP on
SET client_min_messages = notice;
SET max_parallel_workers_per_gather = 0;
SET jit = off;
SET work_mem = '512MB';

DROP TABLE IF EXISTS bench_svg;
SELECT setseed(0.5);
CREATE TABLE bench_svg AS
SELECT k, (DATE '2022-01-01' + make_interval(months => j - 1))::date AS m,
       CASE WHEN j % 29 = k % 29 THEN NULL ELSE 50 + k % 17 + 6 * random() END AS v
FROM generate_series(1, 8000) k, generate_series(1, 36) j;
VACUUM ANALYZE bench_svg;
CREATE TABLE pg_temp.series AS SELECT k, kpi.series(v, m) AS s FROM bench_svg GROUP BY k;

CREATE FUNCTION pg_temp.best_of_3(q text) RETURNS float8 LANGUAGE plpgsql AS $$
DECLARE
    best float8 := 'Infinity';
    t0 timestamptz;
BEGIN
    FOR i IN 1..3 LOOP
        t0 := clock_timestamp();
        EXECUTE q;
        best := least(best, extract(epoch FROM clock_timestamp() - t0)::float8 * 1000);
    END LOOP;
    RETURN best;
END $$;

DO $$
DECLARE
    t_text float8; t_svg float8; t_xmr float8; t_agg float8; t_text_agg float8;
    b_text bigint; b_svg bigint; b_xmr bigint;
BEGIN
    t_text := pg_temp.best_of_3('SELECT sum(length(kpi.sparkline(s))) FROM pg_temp.series');
    t_svg := pg_temp.best_of_3('SELECT sum(length(kpi.svg_sparkline(s))) FROM pg_temp.series');
    t_xmr := pg_temp.best_of_3($q$SELECT sum(length(kpi.svg_xmr(s, 'higher'))) FROM pg_temp.series$q$);
    t_text_agg := pg_temp.best_of_3('SELECT sum(length(x)) FROM (SELECT kpi.sparkline(v, m) AS x FROM bench_svg GROUP BY k) q');
    t_agg := pg_temp.best_of_3('SELECT sum(length(x)) FROM (SELECT kpi.svg_sparkline(v, m) AS x FROM bench_svg GROUP BY k) q');
    SELECT sum(octet_length(kpi.sparkline(s))), sum(octet_length(kpi.svg_sparkline(s))),
           sum(octet_length(kpi.svg_xmr(s, 'higher')))
      INTO b_text, b_svg, b_xmr FROM pg_temp.series;
    RAISE NOTICE 'Charts for 8,000 series of 36 months (one query each)';
    RAISE NOTICE '  %', rpad('query', 52) || lpad('ms', 9) || lpad('x text', 8) || lpad('bytes/series', 14);
    RAISE NOTICE '  %', rpad('kpi.sparkline(series), block characters', 52) || lpad(round(t_text::numeric, 1)::text, 9)
                        || lpad('1.0', 8) || lpad((b_text / 8000)::text, 14);
    RAISE NOTICE '  %', rpad('kpi.svg_sparkline(series)', 52) || lpad(round(t_svg::numeric, 1)::text, 9)
                        || lpad(round((t_svg / t_text)::numeric, 1)::text, 8) || lpad((b_svg / 8000)::text, 14);
    RAISE NOTICE '  %', rpad('kpi.svg_xmr(series, ''higher'')', 52) || lpad(round(t_xmr::numeric, 1)::text, 9)
                        || lpad(round((t_xmr / t_text)::numeric, 1)::text, 8) || lpad((b_xmr / 8000)::text, 14);
    RAISE NOTICE '  %', rpad('kpi.sparkline(v, m) GROUP BY k (from the rows)', 52) || lpad(round(t_text_agg::numeric, 1)::text, 9)
                        || lpad('', 8) || lpad('', 14);
    RAISE NOTICE '  %', rpad('kpi.svg_sparkline(v, m) GROUP BY k (from the rows)', 52) || lpad(round(t_agg::numeric, 1)::text, 9)
                        || lpad(round((t_agg / t_text_agg)::numeric, 1)::text, 8) || lpad('', 14);
END $$;
DROP TABLE bench_svg;
