-- Charts as SVG: errors with their SQLSTATE, escaping, safety of the
-- markup (parsed by PostgreSQL's own XML parser, libxml2), determinism,
-- size bounds.
BEGIN;
SET search_path = public, kpi;
-- the XML parser is libxml2's: a server built without it (--with-libxml)
-- cannot check the markup, so the file is skipped there
CREATE FUNCTION pg_temp.has_libxml() RETURNS boolean LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_catalog.xml_is_well_formed_document('<a/>');
    RETURN true;
EXCEPTION WHEN feature_not_supported THEN
    RETURN false;
END $$;
SELECT pg_temp.has_libxml() AS has_libxml \gset
\if :has_libxml
\else
SELECT plan(1);
SELECT skip('this server is built without libxml (--with-libxml), which the SVG checks parse with', 1);
SELECT * FROM finish();
ROLLBACK;
\quit
\endif
SELECT plan(60);

CREATE FUNCTION pg_temp.ns() RETURNS text[] LANGUAGE sql AS $$ SELECT ARRAY[ARRAY['s', 'http://www.w3.org/2000/svg']] $$;
-- the number of nodes an XPath finds in an SVG (parsed as an XML document)
CREATE FUNCTION pg_temp.count_of(svg text, path text) RETURNS int LANGUAGE sql AS $$
    SELECT (pg_catalog.xpath('count(' || path || ')', XMLPARSE(DOCUMENT svg), pg_temp.ns()))[1]::text::numeric::int $$;
CREATE FUNCTION pg_temp.text_of(svg text, path text) RETURNS text LANGUAGE sql AS $$
    SELECT (pg_catalog.xpath(path, XMLPARSE(DOCUMENT svg), pg_temp.ns()))[1]::text $$;

-- 36 months with a step (for an XmR chart with special causes and a rebase)
CREATE TEMP TABLE months AS
SELECT (DATE '2022-04-01' + pg_catalog.make_interval(months => i))::date AS m,
       CASE WHEN i = 20 THEN NULL WHEN i < 18 THEN 70 + (i * 7 % 5) ELSE 78 + (i * 3 % 4) END::float8 AS v
FROM pg_catalog.generate_series(0, 35) i;

-- every kind of chart, with hostile text wherever text is taken
CREATE TEMP TABLE charts AS
SELECT * FROM (VALUES
  ('sparkline', kpi.svg_sparkline('date{2024-01-01=1,2024-02-01=NULL,2024-03-01=3,2024-04-01=2}', title => '<script>alert(1)</script>')),
  ('line', kpi.svg_line('float8{2019=5,2020=6,2021=NULL,2022=4,2023=7}', title => '"&<b onload=x>''', target => 6.5,
                        trajectory => 'float8{2022=5,2023=6,2024=7}', national_value => 5.5, peer_value => 4.5)),
  ('xmr', (SELECT kpi.svg_xmr(kpi.series(v, m), 'higher', ']]><script xlink:href="http://evil/x.js"/>', 80, ARRAY['2023-10-01'::date]) FROM months)),
  ('forecast', kpi.svg_forecast('float8{1=1,2=2,3=3}', 'float8{4=4,5=5}', 'float8{4=3,5=3.5}', 'float8{4=5,5=6.5}',
                                title => 'caf' || pg_catalog.chr(233) || ' ' || pg_catalog.chr(8364) || ' ' || pg_catalog.chr(128512))),
  ('variation', kpi.svg_variation_icon('concern_low', title => '<script>')),
  ('assurance', kpi.svg_assurance_icon('hit_or_miss', 40, '&amp;'))
) c(chart, svg);

-- well-formed: each parses as an XML document whose root is an svg element
-- in the SVG namespace with a title as its first child
SELECT is((SELECT pg_catalog.count(*)::int FROM charts WHERE pg_catalog.xml_is_well_formed_document(svg)), 6, 'svg: every chart is a well-formed XML document');
SELECT is((SELECT pg_catalog.count(*)::int FROM charts WHERE pg_temp.count_of(svg, '/s:svg') = 1), 6, 'svg: the root is an svg element in the SVG namespace');
SELECT is((SELECT pg_catalog.count(*)::int FROM charts WHERE pg_temp.count_of(svg, '/s:svg/*[1][self::s:title]') = 1), 6, 'svg: a title first, for screen readers');
-- nothing active, nothing external, no id to clash with another chart on the page
SELECT is((SELECT pg_catalog.sum(pg_temp.count_of(svg, '//s:script|//s:foreignObject|//s:a|//s:image|//s:use|//s:style'))::int FROM charts), 0, 'svg: no script, foreignObject, link, image, use or style element');
SELECT is((SELECT pg_catalog.sum(pg_temp.count_of(svg, '//@*[local-name()=''href'' or local-name()=''id'' or local-name()=''style'' or starts-with(local-name(), ''on'')]'))::int FROM charts), 0,
          'svg: no href, id, style or event-handler attribute');
SELECT is((SELECT pg_catalog.sum(pg_temp.count_of(svg, '//s:*[not(self::s:svg or self::s:title or self::s:desc or self::s:rect or self::s:path or self::s:circle or self::s:text)]'))::int FROM charts), 0,
          'svg: only svg, title, desc, rect, path, circle and text elements');
SELECT is((SELECT pg_catalog.count(*)::int FROM charts WHERE svg ~ '^[ -~]*$'), 6, 'svg: the output is printable ASCII');
SELECT is((SELECT pg_catalog.count(*)::int FROM charts WHERE pg_catalog.strpos(svg, 'url(') > 0 OR pg_temp.count_of(svg, '//@*[contains(., ''evil'')]') > 0), 0, 'svg: no url(), and the hostile URL is in no attribute');

-- escaping: the caller's text reads back as written, and injected nothing
SELECT is(pg_temp.text_of(svg, '/s:svg/s:title/text()'), '&lt;script&gt;alert(1)&lt;/script&gt;: sparkline, 3 points, latest 2 (2024-04-01)', 'svg: title escaped')
FROM charts WHERE chart = 'sparkline';
SELECT is(pg_temp.count_of(svg, '//s:b'), 0, 'svg: a tag in the title is no element') FROM charts WHERE chart = 'line';
SELECT is(pg_temp.text_of(svg, '/s:svg/s:text[1]/text()'), '"&amp;&lt;b onload=x&gt;''', 'svg: heading escaped (reads back as written)') FROM charts WHERE chart = 'line';
SELECT ok(pg_catalog.strpos(svg, '&quot;&amp;&lt;b onload=x&gt;&#39;') > 0, 'svg: " & < > '' written as entities') FROM charts WHERE chart = 'line';
SELECT ok(pg_catalog.strpos(svg, ']]&gt;&lt;script xlink:href=&quot;') > 0, 'svg: ]]> cannot end anything') FROM charts WHERE chart = 'xmr';
SELECT ok(pg_catalog.strpos(svg, 'caf&#233; &#8364; &#128512;: forecast chart') > 0, 'svg: non-ASCII characters as numeric references') FROM charts WHERE chart = 'forecast';
SELECT is(pg_temp.text_of(svg, '/s:svg/s:title/text()'), '&amp;amp;: Assurance: the process will hit and miss the target', 'svg: an entity in the title is escaped again') FROM charts WHERE chart = 'assurance';
SELECT ok(pg_catalog.strpos(kpi.svg_sparkline('float8{1=1}', title => 'a' || pg_catalog.chr(1) || 'b' || pg_catalog.chr(10) || 'c'), '<title>a&#xFFFD;b c: ') > 0,
          'svg: a control character becomes U+FFFD, a newline a space');

-- what an XmR chart shows: the rebase, special causes in MDC's colours
SELECT is(pg_temp.count_of(svg, '//s:path[@stroke-dasharray=''1 2'']'), 1, 'svg_xmr: one rebase line') FROM charts WHERE chart = 'xmr';
SELECT is(pg_temp.count_of(svg, '//s:circle'), 35, 'svg_xmr: a marker per non-ghosted point') FROM charts WHERE chart = 'xmr';
-- without the rebase the step is a shift: 18 months of concern before it, 17 of improvement after (kpi.xmr's own variation column)
SELECT is(pg_temp.count_of(kpi.svg_xmr(kpi.series(v, m), 'higher'), '//s:circle[@fill=''#289de0'']'), 17, 'svg_xmr: improvement points blue') FROM months;
SELECT is(pg_temp.count_of(kpi.svg_xmr(kpi.series(v, m), 'higher'), '//s:circle[@fill=''#e46c0a'']'), 18, 'svg_xmr: concern points orange') FROM months;
SELECT is(pg_temp.count_of(svg, '//s:circle[@fill=''#7b7d7d'']'), 35, 'svg_xmr: rebased, every point common cause (grey)') FROM charts WHERE chart = 'xmr';
SELECT is(pg_temp.count_of(kpi.svg_xmr(kpi.series(v, m), 'lower'), '//s:circle[@fill=''#289de0'']'), 18,
          'svg_xmr: polarity lower turns improvement into concern') FROM months;
SELECT is(pg_temp.count_of(kpi.svg_xmr(kpi.series(v, m), 'higher'), '//s:path[@stroke-dasharray=''1 2'']'), 0, 'svg_xmr: no rebase, no rebase line') FROM months;

-- the centre line and the process limits where MDC puts them, by hand:
-- 16 points alternating 10, 12 have mean 11 and every moving range 2, so
-- the limits are 11 -+ 2.66 * 2 = 5.68 and 16.32.  The plot (480 x 200)
-- spans y 22 .. 178 for 5.68 .. 16.32: the centre at 178 - 5.32/10.64 * 156
-- = 100, the limits at 178 and 22, from x 48 to 472, with no special cause
CREATE TEMP TABLE zigzag AS
SELECT g::float8 AS p, (CASE WHEN g % 2 = 1 THEN 10 ELSE 12 END + CASE WHEN g > 16 THEN 10 ELSE 0 END)::float8 AS v
FROM pg_catalog.generate_series(1, 32) g;
SELECT ok(pg_temp.text_of(svg, '//s:path[@stroke=''#231f20'']/@d') ~ '^M48 100(L[0-9.]+ 100){14}L472 100$', 'svg_xmr: the centre line at the mean')
FROM (SELECT kpi.svg_xmr(kpi.series(v, p), 'higher') AS svg FROM zigzag WHERE p <= 16) q;
SELECT ok(pg_temp.text_of(svg, '//s:path[@stroke-dasharray=''5 3''][1]/@d') ~ '^M48 178(L[0-9.]+ 178){14}L472 178$'
          AND pg_temp.text_of(svg, '//s:path[@stroke-dasharray=''5 3''][2]/@d') ~ '^M48 22(L[0-9.]+ 22){14}L472 22$',
          'svg_xmr: the lower and upper process limits at mean -+ 2.66 mean moving range')
FROM (SELECT kpi.svg_xmr(kpi.series(v, p), 'higher') AS svg FROM zigzag WHERE p <= 16) q;
SELECT is(pg_temp.count_of(svg, '//s:circle[@fill=''#7b7d7d'']'), 16, 'svg_xmr: common cause points grey')
FROM (SELECT kpi.svg_xmr(kpi.series(v, p), 'higher') AS svg FROM zigzag WHERE p <= 16) q;
-- rebased at period 17 (the second 16 points 10 higher): limits per
-- partition, 5.68 .. 16.32 and 15.68 .. 26.32 on a scale of 5.68 .. 26.32:
-- centres at 178 - 5.32/20.64 * 156 = 137.79 and 178 - 15.32/20.64 * 156 =
-- 62.21, the line broken between x 253.16 (period 16) and 266.84 (17), the
-- rebase dotted half way, at x 260
SELECT ok(pg_temp.text_of(svg, '//s:path[@stroke=''#231f20'']/@d') ~ '^M48 137\.79(L[0-9.]+ 137\.79){14}L253\.16 137\.79M266\.84 62\.21(L[0-9.]+ 62\.21){14}L472 62\.21$',
          'svg_xmr: rebased, a centre line per partition')
FROM (SELECT kpi.svg_xmr(kpi.series(v, p), 'higher', rebase => ARRAY[17]) AS svg FROM zigzag) q;
SELECT is(pg_temp.text_of(svg, '//s:path[@stroke-dasharray=''1 2'']/@d'), 'M260 22V178', 'svg_xmr: the rebase line between the partitions')
FROM (SELECT kpi.svg_xmr(kpi.series(v, p), 'higher', rebase => ARRAY[17]) AS svg FROM zigzag) q;
-- not rebased, with no polarity: the step is special cause (16 points
-- below the mean, 16 above, each a shift of 7 or more), neither
-- improvement nor concern: purple
SELECT is(pg_temp.count_of(svg, '//s:circle[@fill=''#7030a0'']'), 32, 'svg_xmr: polarity none, special causes purple (neither)')
FROM (SELECT kpi.svg_xmr(kpi.series(v, p), 'none') AS svg FROM zigzag) q;

-- every icon: its ring in the variation's colour, its letter, its points
SELECT is(pg_catalog.string_agg(pg_catalog.concat_ws(' ', i,
              pg_temp.text_of(svg, '/s:svg/s:circle[1]/@stroke'), pg_temp.text_of(svg, '//s:text/text()'),
              pg_temp.count_of(svg, '//s:circle[@r=''6'']'), pg_temp.count_of(svg, '//s:path[@stroke=''#d5281b'']')), ', ' ORDER BY i),
          'common_cause #7b7d7d 5 0, concern_high #e46c0a H 5 0, concern_low #e46c0a L 5 0, improvement_high #289de0 H 5 0, '
          'improvement_low #289de0 L 5 0, neither_high #7030a0 H 5 0, neither_low #7030a0 L 5 0',
          'svg_variation_icon: every icon, its colour and letter, five points, no target')
FROM (SELECT i, kpi.svg_variation_icon(i) AS svg
      FROM pg_catalog.unnest(ARRAY['common_cause', 'improvement_high', 'improvement_low', 'concern_high', 'concern_low',
                                   'neither_high', 'neither_low']) i) q;
SELECT is(pg_catalog.string_agg(pg_catalog.concat_ws(' ', i,
              pg_temp.text_of(svg, '/s:svg/s:circle[1]/@stroke'), pg_temp.text_of(svg, '//s:text/text()'),
              pg_temp.count_of(svg, '//s:circle[@r=''6'']'), pg_temp.count_of(svg, '//s:path[@stroke=''#d5281b'']')), ', ' ORDER BY i),
          'fail #e46c0a F 5 1, hit_or_miss #7b7d7d ? 5 1, pass #289de0 P 5 1',
          'svg_assurance_icon: every icon, its colour and letter, five points and the target')
FROM (SELECT i, kpi.svg_assurance_icon(i) AS svg FROM pg_catalog.unnest(ARRAY['pass', 'fail', 'hit_or_miss']) i) q;
SELECT is((SELECT pg_catalog.count(*)::int FROM pg_catalog.unnest(ARRAY['common_cause', 'improvement_high', 'improvement_low', 'concern_high',
                                                                        'concern_low', 'neither_high', 'neither_low']) i
           WHERE pg_catalog.xml_is_well_formed_document(kpi.svg_variation_icon(i, 16, '"&<x>'))
             AND pg_temp.count_of(kpi.svg_variation_icon(i, 16, '"&<x>'), '//s:x') = 0)
        + (SELECT pg_catalog.count(*)::int FROM pg_catalog.unnest(ARRAY['pass', 'fail', 'hit_or_miss']) i
           WHERE pg_catalog.xml_is_well_formed_document(kpi.svg_assurance_icon(i, 16, '"&<x>'))
             AND pg_temp.count_of(kpi.svg_assurance_icon(i, 16, '"&<x>'), '//s:x') = 0), 10,
          'svg icons: all ten well-formed with a hostile title');
SELECT throws_ok($$SELECT kpi.svg_assurance_icon('passed')$$, '22023', 'unknown assurance icon', 'svg: unknown assurance icon');

-- determinism: the same input, the same bytes, whatever the row order, in parallel or not
SELECT is((SELECT kpi.svg_sparkline(v, m) FROM (SELECT * FROM months ORDER BY v DESC NULLS FIRST) q),
          (SELECT kpi.svg_sparkline(v, m) FROM (SELECT * FROM months ORDER BY m) q), 'svg_sparkline: the row order does not matter');
SELECT is((SELECT kpi.svg_xmr(kpi.series(v, m), 'higher') FROM (SELECT * FROM months ORDER BY v) q),
          (SELECT kpi.svg_xmr(kpi.series(v, m), 'higher') FROM (SELECT * FROM months ORDER BY m DESC) q), 'svg_xmr: the row order does not matter');
CREATE TEMP TABLE big AS SELECT g % 50 AS k, g::float8 AS p, pg_catalog.sin(g)::float8 AS v FROM pg_catalog.generate_series(1, 200000) g;
ANALYZE big;
CREATE TEMP TABLE serial_out AS SELECT k, kpi.svg_sparkline(v, p) AS s FROM big GROUP BY k;
SET LOCAL parallel_setup_cost = 0; SET LOCAL parallel_tuple_cost = 0; SET LOCAL min_parallel_table_scan_size = 0;
SET LOCAL max_parallel_workers_per_gather = 2;
SELECT is((SELECT pg_catalog.count(*)::int FROM (SELECT k, kpi.svg_sparkline(v, p) AS s FROM big GROUP BY k) par JOIN serial_out USING (k) WHERE par.s = serial_out.s), 50,
          'svg_sparkline aggregate: a parallel plan gives the serial bytes');
RESET max_parallel_workers_per_gather;

-- bounded size: long series are downsampled (largest-triangle-three-buckets) and say so
CREATE TEMP TABLE long AS SELECT kpi.series(pg_catalog.sin(g / 10.0)::float8, g::float8) AS s FROM pg_catalog.generate_series(1, 100000) g;
SELECT ok(pg_catalog.length(kpi.svg_sparkline(s)) < 6000, 'svg_sparkline: 100,000 points in under 6 kB') FROM long;
SELECT ok(pg_catalog.strpos(kpi.svg_sparkline(s), '<desc>downsampled from 100000 to 200 points (largest-triangle-three-buckets)</desc>') > 0, 'svg_sparkline: says it is downsampled') FROM long;
SELECT ok(pg_catalog.length(kpi.svg_line(s)) < 12000, 'svg_line: 100,000 points in under 12 kB') FROM long;
SELECT ok(pg_catalog.length(kpi.svg_xmr(s, 'higher')) < 64000, 'svg_xmr: 100,000 points in under 64 kB') FROM long;
SELECT is(pg_temp.count_of(kpi.svg_xmr(s, 'higher', max_points => 50), '//s:circle'), 50, 'svg_xmr: max_points markers') FROM long;
SELECT ok(pg_catalog.strpos(kpi.svg_sparkline('float8{1=1,2=2}'), '<desc>') = 0, 'svg_sparkline: no desc when nothing is left out');

-- extremes: no NaN or infinity reaches a coordinate
SELECT is(pg_catalog.count(*)::int, 0, 'svg: no nan or inf in charts of extreme values and periods')
FROM (VALUES (kpi.svg_line('float8{-1.7e308=1.7e308,1.7e308=-1.7e308}', target => 0)),
             (kpi.svg_sparkline('float8{1=1.7976931348623157e308}')),
             (kpi.svg_sparkline('float8{1=-1.7976931348623157e308,2=-1.7976931348623157e308}')),
             (kpi.svg_xmr('float8{1=1e300,2=-1e300,3=1e300}', 'higher')),
             (kpi.svg_forecast('float8{1=0}', 'float8{2=5e-324}', 'float8{2=0}', 'float8{2=1e-323}'))) t(svg)
WHERE svg ~* 'nan|inf' OR NOT pg_catalog.xml_is_well_formed_document(svg);
-- a range of one subnormal step still spans the plot: {0, 5e-324} -> y 22 and 2
SELECT ok(pg_catalog.strpos(kpi.svg_sparkline('float8{1=0,2=5e-324}'), 'd="M2 22L118 2"') > 0, 'svg: a subnormal range spans the plot');
-- one huge value: a range of a millionth of it each side, the point in the middle
SELECT ok(pg_catalog.strpos(kpi.svg_sparkline('float8{1=1e20,2=1e20}'), 'd="M2 12L118 12"') > 0, 'svg: a constant huge series is a flat line at mid height');
SELECT ok(pg_catalog.strpos(kpi.svg_sparkline('float8{1=5,2=5}'), 'd="M2 12L118 12"') > 0, 'svg: a constant series is a flat line at mid height');

-- NULL in, NULL out; errors with their SQLSTATE
SELECT ok(kpi.svg_sparkline(NULL) IS NULL AND kpi.svg_line(NULL) IS NULL AND kpi.svg_xmr(NULL, 'higher') IS NULL
          AND kpi.svg_forecast(NULL, NULL) IS NULL AND kpi.svg_variation_icon(NULL) IS NULL AND kpi.svg_assurance_icon(NULL) IS NULL,
          'svg: NULL series or icon gives NULL');
SELECT throws_ok($$SELECT kpi.svg_sparkline('float8{1=1}', width => 7)$$, '22023', 'width must be between 8 and 10000 pixels, not 7', 'svg: width too small');
SELECT throws_ok($$SELECT kpi.svg_line('float8{1=1}', height => 10001)$$, '22023', 'height must be between 8 and 10000 pixels, not 10001', 'svg: height too large');
SELECT throws_ok($$SELECT kpi.svg_line('float8{1=1}', width => 40)$$, '22023', 'a chart of 40 x 200 pixels has no room to plot', 'svg: a full chart too small');
SELECT throws_ok($$SELECT kpi.svg_sparkline('float8{1=1}', max_points => 2)$$, '22023', 'max_points must be between 3 and 100000, not 2', 'svg: max_points too small');
SELECT throws_ok($$SELECT kpi.svg_line('float8{1=1}', target => 'NaN')$$, '22023', NULL, 'svg: NaN target');
SELECT throws_ok($$SELECT kpi.svg_line('float8{1=1}', peer_value => 'Infinity')$$, '22023', NULL, 'svg: infinite peer value');
SELECT throws_ok($$SELECT kpi.svg_line('float8{1=1}', trajectory => 'date{2024-01-01=1}')$$, '22023',
                 'the periods of the trajectory are of type date, those of the series of type float8', 'svg: trajectory of another period type');
SELECT throws_ok($$SELECT kpi.svg_forecast('float8{1=1}', 'float8{2=2}', lower => 'float8{2=1}')$$, '22023',
                 'a prediction interval needs both its lower and its upper bound', 'svg: half an interval');
SELECT throws_ok($$SELECT kpi.svg_xmr('float8{1=1}', NULL)$$, '22004', 'polarity must not be NULL', 'svg_xmr: NULL polarity');
SELECT throws_ok($$SELECT kpi.svg_xmr('float8{1=1}', 'sideways')$$, '22023', NULL, 'svg_xmr: unknown polarity');
SELECT throws_ok($$SELECT kpi.svg_xmr('float8{1=1}', 'higher', rebase => ARRAY[[1,2],[3,4]])$$, '22023', 'rebase must be a one-dimensional array of periods', 'svg_xmr: 2-D rebase');
SELECT throws_ok($$SELECT kpi.svg_variation_icon('improvement')$$, '22023', 'unknown variation icon', 'svg: unknown variation icon');
SELECT throws_ok($$SELECT kpi.svg_assurance_icon('pass', 4)$$, '22023', 'size must be between 8 and 10000 pixels, not 4', 'svg: icon too small');

SELECT * FROM finish();
ROLLBACK;
