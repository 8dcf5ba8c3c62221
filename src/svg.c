/*
 * svg.c — charts as SVG text from a kpi.series:
 *
 *   kpi.svg_sparkline(series, ...)       a small line, no axes
 *   kpi.svg_line(series, ...)            a line chart with a target line, a
 *                                        trajectory, national and peer lines
 *   kpi.svg_xmr(series, polarity, ...)   an XmR chart as Making Data Count
 *                                        draws it (spc.c computes it)
 *   kpi.svg_forecast(history, forecast, lower, upper, ...)
 *                                        history, point forecast, interval band
 *   kpi.svg_variation_icon(icon, ...), kpi.svg_assurance_icon(icon, ...)
 *                                        the MDC icons, kpi's own drawing
 *
 * Safe to embed: the output is ASCII, well-formed XML, one <svg> element in
 * the SVG namespace with a <title> first (the accessible name); no script,
 * no style sheet, no id (two charts on one page cannot clash), no link and
 * no external reference.  Text from the caller (titles) is converted from
 * the server encoding to code points and written as XML: & < > " ' as
 * entities, every non-ASCII character as a numeric reference, characters
 * XML 1.0 forbids (controls, U+FFFE, U+FFFF, bytes that are no character)
 * as U+FFFD.
 *
 * Deterministic: coordinates are written with at most two decimals by
 * integer arithmetic (no locale, no printf of floats), so the same input
 * gives the same bytes on every server.
 *
 * Scaling (README "Charts as SVG" shows the formulas with a worked
 * example): a plot area [x0, x1] x [y0, y1] in pixels; a period p at
 * x0 + (d(p) - dmin) / (dmax - dmin) * (x1 - x0), d the period on a linear
 * scale (kpi_period_days); a value v at y1 - (v - vmin) / (vmax - vmin) *
 * (y1 - y0), vmin and vmax the extremes of everything drawn (values, lines,
 * limits, band).  One period: the middle of the plot; one value: vmin - 1,
 * vmax + 1.
 *
 * Gaps: a ghosted point (NULL value) breaks the line, and so does a missing
 * period: a step from one period to the next more than 1.5 times the
 * median step.
 *
 * Bounded size: above max_points non-ghosted points, the line is
 * downsampled with largest-triangle-three-buckets (Steinarsson 2013) to
 * max_points points, a gap between two kept points still breaks the line,
 * and the SVG says so in its <desc>.
 */
#include "postgres.h"

#include <float.h>
#include <math.h>

#include "catalog/pg_type.h"
#include "kpi.h"
#include "lib/stringinfo.h"
#include "mb/pg_wchar.h"
#include "miscadmin.h"
#include "series.h"
#include "sort.h"
#include "spc.h"
#include "utils/array.h"
#include "utils/builtins.h"
#include "utils/date.h"
#include "utils/lsyscache.h"
#include "utils/timestamp.h"

PG_FUNCTION_INFO_V1(kpi_svg_sparkline);
PG_FUNCTION_INFO_V1(kpi_svg_line);
PG_FUNCTION_INFO_V1(kpi_svg_xmr);
PG_FUNCTION_INFO_V1(kpi_svg_forecast);
PG_FUNCTION_INFO_V1(kpi_svg_variation_icon);
PG_FUNCTION_INFO_V1(kpi_svg_assurance_icon);

#define CHECK_EVERY		65536
#define CHECK_AT(i)		do { if (((i) & (CHECK_EVERY - 1)) == 0) CHECK_FOR_INTERRUPTS(); } while (0)

#define SVG_MIN_SIZE	8
#define SVG_MAX_SIZE	10000
#define SVG_MIN_POINTS	3
#define SVG_MAX_POINTS	100000

/* colours: NHS identity blue for a plain line, MDC's for special causes */
#define COLOUR_LINE			"#005eb8"
#define COLOUR_TEXT			"#231f20"
#define COLOUR_AXIS			"#768692"
#define COLOUR_TARGET		"#d5281b"
#define COLOUR_NATIONAL		"#330072"
#define COLOUR_PEER			"#ae2573"
#define COLOUR_COMMON		"#7b7d7d"
#define COLOUR_IMPROVEMENT	"#289de0"
#define COLOUR_CONCERN		"#e46c0a"
#define COLOUR_NEITHER		"#7030a0"
#define COLOUR_BAND			"#b4d2ec"
#define FONT				"font-family=\"Arial,Helvetica,sans-serif\""

/* ------------------------------------------------------------ writing */

/* v rounded to a multiple of 10^-decimals, trailing zeros dropped */
static void
append_fixed(StringInfo buf, double v, int decimals)
{
	static const int64 pow10[] = {1, 10, 100, 1000, 10000, 100000, 1000000};
	int64		scale = pow10[decimals];
	double		r = rint(v * (double) scale);
	int64		q;
	int64		whole;
	int64		frac;

	if (!isfinite(r) || fabs(r) >= 9.0e15)
	{
		/* beyond exact integers: scientific (the backend's LC_NUMERIC is C) */
		appendStringInfo(buf, "%.6e", v);
		return;
	}
	q = (int64) r;
	if (q < 0)
	{
		appendStringInfoChar(buf, '-');
		q = -q;
	}
	whole = q / scale;
	frac = q % scale;
	appendStringInfo(buf, INT64_FORMAT, whole);
	if (frac != 0)
	{
		char		digits[8];
		int			len = decimals;

		for (int i = decimals - 1; i >= 0; i--)
		{
			digits[i] = '0' + (char) (frac % 10);
			frac /= 10;
		}
		while (len > 0 && digits[len - 1] == '0')
			len--;
		appendStringInfoChar(buf, '.');
		appendBinaryStringInfo(buf, digits, len);
	}
}

/* a pixel coordinate: two decimals at most */
static void
px(StringInfo buf, double v)
{
	append_fixed(buf, v == 0.0 ? 0.0 : v, 2);
}

/* one code point as XML character data or attribute text */
static void
append_code_point(StringInfo buf, pg_wchar c)
{
	switch (c)
	{
		case '&':
			appendStringInfoString(buf, "&amp;");
			return;
		case '<':
			appendStringInfoString(buf, "&lt;");
			return;
		case '>':
			appendStringInfoString(buf, "&gt;");
			return;
		case '"':
			appendStringInfoString(buf, "&quot;");
			return;
		case '\'':
			appendStringInfoString(buf, "&#39;");
			return;
	}
	if (c == '\t' || c == '\n' || c == '\r')
		appendStringInfoChar(buf, ' ');
	else if (c < 0x20 || c == 0x7f)
		appendStringInfoString(buf, "&#xFFFD;");
	else if (c < 0x80)
		appendStringInfoChar(buf, (char) c);
	else if ((c >= 0xD800 && c <= 0xDFFF) || c == 0xFFFE || c == 0xFFFF || c > 0x10FFFF)
		appendStringInfoString(buf, "&#xFFFD;");
	else
		appendStringInfo(buf, "&#%u;", (unsigned int) c);
}

/*
 * Text in the server encoding, escaped for XML and kept ASCII.  The text is
 * converted to UTF-8 (an error there is the server's own: the text is valid
 * in its encoding); in SQL_ASCII, where bytes above 127 mean nothing, each
 * such byte that is not part of valid UTF-8 becomes U+FFFD.
 */
static void
append_text_cut(StringInfo buf, const char *s, int len, int max_chars)
{
	const unsigned char *u;
	int			i = 0;
	int			chars = 0;

	/* (PostgreSQL would reject SQL_ASCII's bytes above 127 that are no UTF-8) */
	if (GetDatabaseEncoding() == PG_SQL_ASCII)
		u = (const unsigned char *) s;
	else
		u = (const unsigned char *) pg_server_to_any(s, len, PG_UTF8);
	if ((const char *) u != s)
		len = strlen((const char *) u);
	while (i < len)
	{
		unsigned char b = u[i];
		int			clen;
		pg_wchar	c;

		CHECK_AT(i);
		if (max_chars > 0 && ++chars > max_chars)
		{
			appendStringInfoString(buf, "...");
			break;
		}
		if (b < 0x80)
		{
			append_code_point(buf, b);
			i++;
			continue;
		}
		clen = pg_utf_mblen(&u[i]);
		if (clen < 2 || i + clen > len || !pg_utf8_islegal(&u[i], clen))
		{
			appendStringInfoString(buf, "&#xFFFD;");
			i++;
			continue;
		}
		c = utf8_to_unicode(&u[i]);
		append_code_point(buf, c);
		i += clen;
	}
}

static void
append_text(StringInfo buf, const char *s, int len)
{
	append_text_cut(buf, s, len, 0);
}

static void
append_cstring(StringInfo buf, const char *s)
{
	append_text(buf, s, strlen(s));
}

static void
append_text_arg(StringInfo buf, const text *t)
{
	append_text(buf, VARDATA_ANY(t), VARSIZE_ANY_EXHDR(t));
}

/* a data value for a label: decimals by the range shown */
static int
label_decimals(double range)
{
	int			d;

	if (!(range > 0) || !isfinite(range))
		return 2;
	d = 2 - (int) floor(log10(range));
	return d < 0 ? 0 : (d > 6 ? 6 : d);
}

/* -------------------------------------------------------- arguments */

static int
size_arg(FunctionCallInfo fcinfo, int argno, int dflt, const char *what)
{
	int			v;

	if (PG_NARGS() <= argno || PG_ARGISNULL(argno))
		return dflt;
	v = PG_GETARG_INT32(argno);
	if (v < SVG_MIN_SIZE || v > SVG_MAX_SIZE)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("%s must be between %d and %d pixels, not %d", what,
						SVG_MIN_SIZE, SVG_MAX_SIZE, v)));
	return v;
}

static int
max_points_arg(FunctionCallInfo fcinfo, int argno, int dflt)
{
	int			v;

	if (PG_NARGS() <= argno || PG_ARGISNULL(argno))
		return dflt;
	v = PG_GETARG_INT32(argno);
	if (v < SVG_MIN_POINTS || v > SVG_MAX_POINTS)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("max_points must be between %d and %d, not %d",
						SVG_MIN_POINTS, SVG_MAX_POINTS, v),
				 errhint("Longer series are downsampled to max_points points (largest-triangle-three-buckets).")));
	return v;
}

/* a finite float8 argument, or absent (NaN) */
static double
line_arg(FunctionCallInfo fcinfo, int argno, const char *what)
{
	double		v;

	if (PG_NARGS() <= argno || PG_ARGISNULL(argno))
		return NAN;
	v = PG_GETARG_FLOAT8(argno);
	check_finite_arg(v, what);
	return v;
}

static const text *
title_arg(FunctionCallInfo fcinfo, int argno)
{
	if (PG_NARGS() <= argno || PG_ARGISNULL(argno))
		return NULL;
	return PG_GETARG_TEXT_PP(argno);
}

static const KpiSeries *
optional_series(FunctionCallInfo fcinfo, int argno, const KpiSeries *main,
				const char *caller, const char *what)
{
	const KpiSeries *s;

	if (PG_NARGS() <= argno || PG_ARGISNULL(argno))
		return NULL;
	s = kpi_series_arg(fcinfo, argno, caller);
	if (main != NULL && s->n > 0 && main->n > 0 && s->kind != main->kind)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("the periods of %s are of type %s, those of the series of type %s",
						what, kpi_period_kind_name(s->kind), kpi_period_kind_name(main->kind)),
				 errhint("Build every series of one chart over periods of one type.")));
	return s;
}

/* ----------------------------------------------------------- scales */

typedef struct Frame
{
	int			width,
				height;
	double		x0,
				x1,
				y0,
				y1;				/* the plot area */
	int			kind;			/* of the periods; 0 before any */
	bool		have_x;
	double		dmin,
				dmax;			/* periods on kpi_period_days' scale */
	KpiPeriod	pmin,
				pmax;
	bool		have_y;
	double		vmin,
				vmax;
} Frame;

static void
frame_period(Frame *f, int kind, KpiPeriod p)
{
	double		d = kpi_period_days(kind, p);

	f->kind = kind;
	if (!f->have_x || d < f->dmin)
	{
		f->dmin = d;
		f->pmin = p;
	}
	if (!f->have_x || d > f->dmax)
	{
		f->dmax = d;
		f->pmax = p;
	}
	f->have_x = true;
}

static void
frame_value(Frame *f, double v)
{
	if (isnan(v))
		return;
	if (!f->have_y || v < f->vmin)
		f->vmin = v;
	if (!f->have_y || v > f->vmax)
		f->vmax = v;
	f->have_y = true;
}

static void
frame_series(Frame *f, const KpiSeries *s)
{
	if (s == NULL)
		return;
	for (int i = 0; i < s->n; i++)
	{
		CHECK_AT(i);
		frame_period(f, s->kind, s->points[i].period);
		frame_value(f, s->points[i].value);
	}
}

/* after every frame_*: a value range that is not empty */
static void
frame_done(Frame *f)
{
	if (!f->have_y)
	{
		f->vmin = 0;
		f->vmax = 1;
	}
	else if (f->vmin == f->vmax)
	{
		/* +-1, or a millionth of the value where 1 is below its precision */
		double		v = f->vmin;
		double		d = fabs(v) > 1e15 ? fabs(v) * 1e-6 : 1.0;

		f->vmin = v - d;
		f->vmax = v + d;
		if (isinf(f->vmin))
			f->vmin = -DBL_MAX;
		if (isinf(f->vmax))
			f->vmax = DBL_MAX;
	}
}

/*
 * (v - lo) / (hi - lo) for lo <= v <= hi, lo < hi: by halves where the
 * difference overflows (finite values up to +-DBL_MAX), never 0 / 0
 */
static double
frame_ratio(double v, double lo, double hi)
{
	double		r = hi - lo;

	if (isfinite(r))
		return (v - lo) / r;
	return (v / 2 - lo / 2) / (hi / 2 - lo / 2);
}

static double
frame_x(const Frame *f, double d)
{
	if (!(f->dmax > f->dmin))
		return (f->x0 + f->x1) / 2;
	return f->x0 + frame_ratio(d, f->dmin, f->dmax) * (f->x1 - f->x0);
}

static double
frame_y(const Frame *f, double v)
{
	return f->y1 - frame_ratio(v, f->vmin, f->vmax) * (f->y1 - f->y0);
}

/* ---------------------------------------------- points, gaps, LTTB */

typedef struct Drawn
{
	int			n;				/* points kept */
	int		   *idx;			/* their indexes in the series */
	double	   *x,
			   *y;				/* their pixels */
	bool	   *brk;			/* the line breaks before this kept point */
	int			total;			/* non-ghosted points before downsampling */
	bool		downsampled;
} Drawn;

/*
 * Largest-triangle-three-buckets: keep the first and last of n points and
 * one from each of m - 2 equal buckets between them, the one making the
 * largest triangle with the point kept before and the mean of the next
 * bucket.  Writes the kept positions (0 .. n-1, increasing) to keep[m].
 */
static void
lttb(const double *x, const double *y, int n, int m, int *keep)
{
	double		every = (double) (n - 2) / (m - 2);
	int			a = 0;

	keep[0] = 0;
	for (int i = 0; i < m - 2; i++)
	{
		int			lo = (int) floor(i * every) + 1;
		int			hi = (int) floor((i + 1) * every) + 1;
		int			nlo = hi;
		int			nhi = (int) floor((i + 2) * every) + 1;
		double		ax = 0,
					ay = 0;
		double		best = -1;
		int			besti = lo;

		CHECK_FOR_INTERRUPTS();
		if (nhi > n)
			nhi = n;
		if (i == m - 3)
		{
			nlo = n - 1;
			nhi = n;
		}
		for (int j = nlo; j < nhi; j++)
		{
			ax += x[j];
			ay += y[j];
		}
		ax /= (nhi - nlo);
		ay /= (nhi - nlo);
		if (hi > n - 1)
			hi = n - 1;
		for (int j = lo; j < hi; j++)
		{
			double		area = fabs((x[a] - ax) * (y[j] - y[a]) - (x[a] - x[j]) * (ay - y[a]));

			if (area > best)
			{
				best = area;
				besti = j;
			}
		}
		keep[i + 1] = besti;
		a = besti;
	}
	keep[m - 1] = n - 1;
}

/*
 * The points of s to draw, in pixels, with the breaks of the line: before
 * a point that follows a ghosted one, or a step more than 1.5 times the
 * median step of the series.
 */
static void
drawn_points(const Frame *f, const KpiSeries *s, int max_points, Drawn *out)
{
	int			n = s->n;
	bool	   *brk_at = palloc0(sizeof(bool) * Max(n, 1));
	int		   *live = palloc(sizeof(int) * Max(n, 1));
	double	   *lx = palloc(sizeof(double) * Max(n, 1));
	double	   *ly = palloc(sizeof(double) * Max(n, 1));
	int			nl = 0;
	double		median = 0;

	if (n >= 2)
	{
		double	   *steps = palloc(sizeof(double) * (n - 1));

		/* (a difference of finite periods may be +Infinity: still ordered) */
		for (int i = 1; i < n; i++)
			steps[i - 1] = kpi_period_days(s->kind, s->points[i].period)
				- kpi_period_days(s->kind, s->points[i - 1].period);
		kpi_sort_doubles(steps, n - 1);
		median = steps[(n - 2) / 2];
		pfree(steps);
	}
	for (int i = 0; i < n; i++)
	{
		const KpiPoint *p = &s->points[i];

		CHECK_AT(i);
		if (i > 0)
		{
			double		step = kpi_period_days(s->kind, p->period)
				- kpi_period_days(s->kind, s->points[i - 1].period);

			if (KPI_POINT_GHOSTED(&s->points[i - 1]) || step > 1.5 * median)
				brk_at[i] = true;
		}
		if (KPI_POINT_GHOSTED(p))
		{
			/* a break carried to the next point drawn */
			if (i + 1 < n)
				brk_at[i + 1] = true;
			continue;
		}
		live[nl] = i;
		lx[nl] = frame_x(f, kpi_period_days(s->kind, p->period));
		ly[nl] = frame_y(f, p->value);
		nl++;
	}
	out->total = nl;
	out->downsampled = nl > max_points;
	if (out->downsampled)
	{
		int		   *keep = palloc(sizeof(int) * max_points);

		lttb(lx, ly, nl, max_points, keep);
		out->n = max_points;
		out->idx = palloc(sizeof(int) * max_points);
		out->x = palloc(sizeof(double) * max_points);
		out->y = palloc(sizeof(double) * max_points);
		for (int k = 0; k < max_points; k++)
		{
			out->idx[k] = live[keep[k]];
			out->x[k] = lx[keep[k]];
			out->y[k] = ly[keep[k]];
		}
	}
	else
	{
		out->n = nl;
		out->idx = live;
		out->x = lx;
		out->y = ly;
	}
	/* a break between two kept points when one lies between them */
	out->brk = palloc0(sizeof(bool) * Max(out->n, 1));
	for (int k = 1; k < out->n; k++)
	{
		for (int i = out->idx[k - 1] + 1; i <= out->idx[k]; i++)
		{
			CHECK_AT(i);
			if (brk_at[i])
			{
				out->brk[k] = true;
				break;
			}
		}
	}
}

/* is kept point k alone (no line into or out of it)? */
static bool
drawn_alone(const Drawn *d, int k)
{
	bool		in = k > 0 && !d->brk[k];
	bool		out = k + 1 < d->n && !d->brk[k + 1];

	return !in && !out;
}

/* one step of a path's d: a move ('M') or a line ('L') to (x, y) */
static void
append_path_point(StringInfo buf, char step, double x, double y)
{
	appendStringInfoChar(buf, step);
	px(buf, x);
	appendStringInfoChar(buf, ' ');
	px(buf, y);
}

/*
 * The end of a <path>'s d, and its stroke: colour and width, then any other
 * attributes (extra, "" for none), then the dash pattern if any.
 */
static void
append_path_stroke(StringInfo buf, const char *colour, const char *width,
				   const char *extra, const char *dash)
{
	appendStringInfo(buf, "\" fill=\"none\" stroke=\"%s\" stroke-width=\"%s\"%s%s%s%s/>",
					 colour, width, extra, dash ? " stroke-dasharray=\"" : "", dash ? dash : "",
					 dash ? "\"" : "");
}

/*
 * A <path> from (x, y) straight across ('H') or down ('V') to "to"; the
 * caller ends it (append_path_stroke).
 */
static void
append_straight_path(StringInfo buf, double x, double y, char direction, double to)
{
	appendStringInfoString(buf, "<path d=\"");
	append_path_point(buf, 'M', x, y);
	appendStringInfoChar(buf, direction);
	px(buf, to);
}

/* the path of the line through the kept points, breaking at gaps */
static void
append_path_d(StringInfo buf, const Drawn *d)
{
	for (int k = 0; k < d->n; k++)
	{
		CHECK_AT(k);
		append_path_point(buf, (k == 0 || d->brk[k]) ? 'M' : 'L', d->x[k], d->y[k]);
	}
}

static void
append_line_path(StringInfo buf, const Drawn *d, const char *colour, const char *width,
				 const char *dash)
{
	int			segments = 0;

	for (int k = 1; k < d->n; k++)
		if (!d->brk[k])
			segments++;
	if (segments == 0)
		return;					/* lone points only: their dots show them */
	appendStringInfoString(buf, "<path d=\"");
	append_path_d(buf, d);
	append_path_stroke(buf, colour, width, " stroke-linejoin=\"round\" stroke-linecap=\"round\"", dash);
}

static void
append_circle(StringInfo buf, double x, double y, const char *r, const char *colour)
{
	appendStringInfoString(buf, "<circle cx=\"");
	px(buf, x);
	appendStringInfoString(buf, "\" cy=\"");
	px(buf, y);
	appendStringInfo(buf, "\" r=\"%s\" fill=\"%s\"/>", r, colour);
}

/* ------------------------------------------------------ the document */

static void
svg_open(StringInfo buf, int width, int height, const char *kind_title,
		 const text *title, const char *summary)
{
	appendStringInfo(buf,
					 "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\" role=\"img\">",
					 width, height, width, height);
	appendStringInfoString(buf, "<title>");
	if (title)
	{
		append_text_arg(buf, title);
		appendStringInfoString(buf, ": ");
	}
	appendStringInfoString(buf, kind_title);
	if (summary && *summary)
	{
		appendStringInfoString(buf, ", ");
		appendStringInfoString(buf, summary);
	}
	appendStringInfoString(buf, "</title>");
}

static void
svg_desc_downsampled(StringInfo buf, const Drawn *d)
{
	if (d->downsampled)
		appendStringInfo(buf, "<desc>downsampled from %d to %d points (largest-triangle-three-buckets)</desc>",
						 d->total, d->n);
}

/* "N points, latest V (period)" for a title: what a screen reader says */
static char *
series_summary(const KpiSeries *s)
{
	StringInfoData b;
	int			last = -1;
	int			live = 0;

	for (int i = 0; i < s->n; i++)
		if (!KPI_POINT_GHOSTED(&s->points[i]))
		{
			last = i;
			live++;
		}
	initStringInfo(&b);
	if (last < 0)
	{
		appendStringInfoString(&b, "no data");
		return b.data;
	}
	appendStringInfo(&b, "%d point%s, latest ", live, live == 1 ? "" : "s");
	append_fixed(&b, s->points[last].value, 6);
	appendStringInfoString(&b, " (");
	appendStringInfoString(&b, kpi_period_cstring(s->kind, s->points[last].period));
	appendStringInfoChar(&b, ')');
	return b.data;
}

static void
append_label(StringInfo buf, double x, double y, const char *anchor, int size,
			 const char *colour, const char *text_ascii)
{
	appendStringInfoString(buf, "<text x=\"");
	px(buf, x);
	appendStringInfoString(buf, "\" y=\"");
	px(buf, y);
	appendStringInfo(buf, "\" font-size=\"%d\" " FONT " fill=\"%s\"%s%s%s>",
					 size, colour, anchor ? " text-anchor=\"" : "", anchor ? anchor : "",
					 anchor ? "\"" : "");
	append_cstring(buf, text_ascii);
	appendStringInfoString(buf, "</text>");
}

/* the frame of a full chart: heading, the value axis, the first and last period */
static void
chart_frame(StringInfo buf, Frame *f, const text *title)
{
	StringInfoData num;
	int			dec = label_decimals(f->vmax - f->vmin);

	appendStringInfo(buf, "<rect width=\"%d\" height=\"%d\" fill=\"#ffffff\"/>", f->width, f->height);
	if (title)
	{
		appendStringInfo(buf, "<text x=\"4\" y=\"14\" font-size=\"12\" font-weight=\"bold\" " FONT " fill=\"%s\">",
						 COLOUR_TEXT);
		/*
		 * cut to what fits: 12 px bold Arial averages under 7 px a
		 * character; the <title> keeps the whole text
		 */
		append_text_cut(buf, VARDATA_ANY(title), VARSIZE_ANY_EXHDR(title),
						Max((f->width - 8) / 7 - 3, 1));
		appendStringInfoString(buf, "</text>");
	}
	/* the plot area's left and bottom edges */
	append_straight_path(buf, f->x0 - 4, f->y0, 'V', f->y1 + 4);
	appendStringInfoChar(buf, 'H');
	px(buf, f->x1 + 4);
	append_path_stroke(buf, COLOUR_AXIS, "1", "", NULL);
	initStringInfo(&num);
	append_fixed(&num, f->vmax, dec);
	append_label(buf, f->x0 - 6, f->y0 + 4, "end", 10, COLOUR_TEXT, num.data);
	resetStringInfo(&num);
	append_fixed(&num, f->vmin, dec);
	append_label(buf, f->x0 - 6, f->y1 + 4, "end", 10, COLOUR_TEXT, num.data);
	if (f->have_x)
	{
		append_label(buf, f->x0, f->y1 + 16, "start", 10, COLOUR_TEXT,
					 kpi_period_cstring(f->kind, f->pmin));
		if (f->dmax > f->dmin)
			append_label(buf, f->x1, f->y1 + 16, "end", 10, COLOUR_TEXT,
						 kpi_period_cstring(f->kind, f->pmax));
	}
}

/* a horizontal reference line across the plot, labelled at its right end */
static void
ref_line(StringInfo buf, const Frame *f, double v, const char *colour, const char *dash,
		 const char *label)
{
	double		y;
	StringInfoData l;

	if (isnan(v))
		return;
	y = frame_y(f, v);
	append_straight_path(buf, f->x0, y, 'H', f->x1);
	append_path_stroke(buf, colour, "1.5", "", dash);
	initStringInfo(&l);
	appendStringInfo(&l, "%s ", label);
	append_fixed(&l, v, label_decimals(f->vmax - f->vmin));
	append_label(buf, f->x1, y - 3, "end", 9, colour, l.data);
}

static void
frame_init(Frame *f, int width, int height, bool full)
{
	memset(f, 0, sizeof(*f));
	f->width = width;
	f->height = height;
	if (full)
	{
		/* room for the heading, the value labels and the period labels */
		f->x0 = 48;
		f->x1 = width - 8;
		f->y0 = 22;
		f->y1 = height - 22;
	}
	else
	{
		f->x0 = 2;
		f->x1 = width - 2;
		f->y0 = 2;
		f->y1 = height - 2;
	}
	if (f->x1 <= f->x0 || f->y1 <= f->y0)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("a chart of %d x %d pixels has no room to plot", width, height),
				 errhint("A full chart needs at least 57 x 45 pixels.")));
}

static Datum
svg_result(StringInfo buf)
{
	appendStringInfoString(buf, "</svg>");
	return PointerGetDatum(cstring_to_text_with_len(buf->data, buf->len));
}

/* markers on every kept point, if few enough to read; alone ones always */
static void
line_markers(StringInfo buf, const Drawn *d, const char *colour, int all_below)
{
	for (int k = 0; k < d->n; k++)
		if (d->n <= all_below || drawn_alone(d, k))
			append_circle(buf, d->x[k], d->y[k], "2.5", colour);
}

/*
 * The trajectory if any (dashed, in the target's colour) under the
 * history's line and its markers: svg_line's and svg_forecast's
 */
static void
history_lines(StringInfo buf, const Frame *f, const Drawn *d, const KpiSeries *traj,
			  int max_points)
{
	if (traj)
	{
		Drawn		td;

		drawn_points(f, traj, max_points, &td);
		append_line_path(buf, &td, COLOUR_TARGET, "1.5", "6 3");
	}
	append_line_path(buf, d, COLOUR_LINE, "2", NULL);
	line_markers(buf, d, COLOUR_LINE, 60);
}

/* ------------------------------------------------------- sparkline */

/*
 * kpi.svg_sparkline(s, width = 120, height = 24, title = NULL,
 *                   max_points = 200)
 */
Datum
kpi_svg_sparkline(PG_FUNCTION_ARGS)
{
	const KpiSeries *s;
	int			width,
				height,
				max_points;
	const text *title;
	Frame		f;
	Drawn		d;
	StringInfoData buf;

	if (PG_ARGISNULL(0))
		PG_RETURN_NULL();
	s = kpi_series_arg(fcinfo, 0, "kpi.svg_sparkline");
	width = size_arg(fcinfo, 1, 120, "width");
	height = size_arg(fcinfo, 2, 24, "height");
	title = title_arg(fcinfo, 3);
	max_points = max_points_arg(fcinfo, 4, 200);

	frame_init(&f, width, height, false);
	frame_series(&f, s);
	frame_done(&f);
	drawn_points(&f, s, max_points, &d);

	initStringInfo(&buf);
	svg_open(&buf, width, height, "sparkline", title, series_summary(s));
	svg_desc_downsampled(&buf, &d);
	append_line_path(&buf, &d, COLOUR_LINE, "1.5", NULL);
	/* the latest point, and any point standing alone */
	for (int k = 0; k < d.n; k++)
		if (k == d.n - 1 || drawn_alone(&d, k))
			append_circle(&buf, d.x[k], d.y[k], "2", COLOUR_LINE);
	PG_RETURN_DATUM(svg_result(&buf));
}

/* ------------------------------------------------------- line chart */

/*
 * kpi.svg_line(s, title, target, trajectory, national, peer, width = 480,
 *              height = 200, max_points = 500)
 */
Datum
kpi_svg_line(PG_FUNCTION_ARGS)
{
	const KpiSeries *s;
	const KpiSeries *traj;
	const text *title;
	double		target,
				national,
				peer;
	int			width,
				height,
				max_points;
	Frame		f;
	Drawn		d;
	StringInfoData buf;

	if (PG_ARGISNULL(0))
		PG_RETURN_NULL();
	s = kpi_series_arg(fcinfo, 0, "kpi.svg_line");
	title = title_arg(fcinfo, 1);
	target = line_arg(fcinfo, 2, "target");
	traj = optional_series(fcinfo, 3, s, "kpi.svg_line", "the trajectory");
	national = line_arg(fcinfo, 4, "national_value");
	peer = line_arg(fcinfo, 5, "peer_value");
	width = size_arg(fcinfo, 6, 480, "width");
	height = size_arg(fcinfo, 7, 200, "height");
	max_points = max_points_arg(fcinfo, 8, 500);

	frame_init(&f, width, height, true);
	frame_series(&f, s);
	frame_series(&f, traj);
	frame_value(&f, target);
	frame_value(&f, national);
	frame_value(&f, peer);
	frame_done(&f);
	drawn_points(&f, s, max_points, &d);

	initStringInfo(&buf);
	svg_open(&buf, width, height, "line chart", title, series_summary(s));
	svg_desc_downsampled(&buf, &d);
	chart_frame(&buf, &f, title);
	ref_line(&buf, &f, national, COLOUR_NATIONAL, "2 2", "National");
	ref_line(&buf, &f, peer, COLOUR_PEER, "4 2", "Peers");
	ref_line(&buf, &f, target, COLOUR_TARGET, "6 3", "Target");
	history_lines(&buf, &f, &d, traj, max_points);
	PG_RETURN_DATUM(svg_result(&buf));
}

/* ------------------------------------------------------- XmR chart */

/* the rebase periods, read as kpi.xmr reads them */
static void
svg_rebase(FunctionCallInfo fcinfo, int argno, int kind, SpcOptions *opt)
{
	bool		isnull = PG_NARGS() <= argno || PG_ARGISNULL(argno);

	spc_rebase_periods(opt, kind, isnull ? (Datum) 0 : PG_GETARG_DATUM(argno), isnull,
					   get_fn_expr_argtype(fcinfo->flinfo, argno));
}

static const char *
variation_colour(uint8 v)
{
	switch (v)
	{
		case SPC_IMPROVEMENT:
			return COLOUR_IMPROVEMENT;
		case SPC_CONCERN:
			return COLOUR_CONCERN;
		case SPC_NEITHER_HIGH:
		case SPC_NEITHER_LOW:
			return COLOUR_NEITHER;
	}
	return COLOUR_COMMON;
}

/* one line of an XmR chart (centre, a limit), per partition over the kept points */
static void
xmr_line(StringInfo buf, const Drawn *d, const SpcPointResult *res, int which,
		 const char *colour, const char *width, const char *dash)
{
	bool		any = false;

	for (int k = 0; k < d->n; k++)
	{
		const SpcPointResult *r = &res[d->idx[k]];
		double		v;
		bool		start;

		CHECK_AT(k);
		if (!r->has_limits)
			continue;
		v = which == 0 ? r->centre : (which < 0 ? r->lower : r->upper);
		if (isnan(v))
			continue;
		start = k == 0 || res[d->idx[k - 1]].partition != r->partition ||
			!res[d->idx[k - 1]].has_limits;
		if (!any)
			appendStringInfoString(buf, "<path d=\"");
		any = true;
		append_path_point(buf, start ? 'M' : 'L', d->x[k], v);	/* v already in pixels */
	}
	if (any)
		append_path_stroke(buf, colour, width, "", dash);
}

/*
 * kpi.svg_xmr(s, polarity, title, target, rebase, width = 480,
 *             height = 200, max_points = 500, centre = 'mean')
 */
Datum
kpi_svg_xmr(PG_FUNCTION_ARGS)
{
	const KpiSeries *s;
	const text *title;
	double		target;
	int			width,
				height,
				max_points;
	SpcOptions	opt;
	SpcPointResult *res;
	SpcPointResult *ys;
	Frame		f;
	Drawn		d;
	StringInfoData buf;

	if (PG_ARGISNULL(0))
		PG_RETURN_NULL();
	s = kpi_series_arg(fcinfo, 0, "kpi.svg_xmr");
	if (PG_ARGISNULL(1))
		ereport(ERROR,
				(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
				 errmsg("polarity must not be NULL"),
				 errhint("Write 'higher', 'lower' or 'none'.")));
	memset(&opt, 0, sizeof(opt));
	opt.polarity = parse_polarity(PG_GETARG_TEXT_PP(1));
	title = title_arg(fcinfo, 2);
	target = line_arg(fcinfo, 3, "target");
	svg_rebase(fcinfo, 4, s->kind, &opt);
	width = size_arg(fcinfo, 5, 480, "width");
	height = size_arg(fcinfo, 6, 200, "height");
	max_points = max_points_arg(fcinfo, 7, 500);
	opt.median = (PG_NARGS() > 8 && !PG_ARGISNULL(8)) ? spc_parse_centre(PG_GETARG_TEXT_PP(8)) : false;
	opt.screening = SPC_SCREEN_NONE;
	opt.shift_n = 7;
	opt.trend_n = 7;
	opt.min_points = 15;
	spc_check_options(&opt);

	res = palloc0(sizeof(SpcPointResult) * Max(s->n, 1));
	spc_xmr(s->kind, s->points, s->n, &opt, res, NULL, NULL);

	frame_init(&f, width, height, true);
	frame_series(&f, s);
	for (int i = 0; i < s->n; i++)
	{
		CHECK_AT(i);
		if (res[i].has_limits)
		{
			frame_value(&f, res[i].lower);
			frame_value(&f, res[i].upper);
			frame_value(&f, res[i].centre);
		}
	}
	frame_value(&f, target);
	frame_done(&f);
	drawn_points(&f, s, max_points, &d);

	/* the lines in pixels: centre, lower and upper of each point's partition */
	ys = palloc(sizeof(SpcPointResult) * Max(s->n, 1));
	for (int i = 0; i < s->n; i++)
	{
		ys[i] = res[i];
		ys[i].centre = frame_y(&f, res[i].centre);
		ys[i].lower = isnan(res[i].lower) ? NAN : frame_y(&f, res[i].lower);
		ys[i].upper = isnan(res[i].upper) ? NAN : frame_y(&f, res[i].upper);
	}

	initStringInfo(&buf);
	svg_open(&buf, width, height, "XmR chart", title, series_summary(s));
	svg_desc_downsampled(&buf, &d);
	chart_frame(&buf, &f, title);
	ref_line(&buf, &f, target, COLOUR_TARGET, "6 3", "Target");
	/* rebases: a dotted line between the partitions */
	for (int k = 1; k < d.n; k++)
	{
		if (res[d.idx[k]].partition != res[d.idx[k - 1]].partition)
		{
			double		x = (d.x[k - 1] + d.x[k]) / 2;

			append_straight_path(&buf, x, f.y0, 'V', f.y1);
			append_path_stroke(&buf, COLOUR_AXIS, "1", "", "1 2");
		}
	}
	xmr_line(&buf, &d, ys, 0, COLOUR_TEXT, "1.5", NULL);
	xmr_line(&buf, &d, ys, -1, COLOUR_AXIS, "1", "5 3");
	xmr_line(&buf, &d, ys, 1, COLOUR_AXIS, "1", "5 3");
	append_line_path(&buf, &d, COLOUR_COMMON, "1.5", NULL);
	for (int k = 0; k < d.n; k++)
	{
		CHECK_AT(k);
		append_circle(&buf, d.x[k], d.y[k], d.n > 100 ? "1.5" : "3",
					  variation_colour(res[d.idx[k]].variation));
	}
	PG_RETURN_DATUM(svg_result(&buf));
}

/* ------------------------------------------------------- forecast */

/*
 * kpi.svg_forecast(history, forecast, lower, upper, title, target,
 *                  width = 480, height = 200, max_points = 500, trajectory)
 */
Datum
kpi_svg_forecast(PG_FUNCTION_ARGS)
{
	const KpiSeries *h;
	const KpiSeries *fc;
	const KpiSeries *lo;
	const KpiSeries *hi;
	const KpiSeries *traj;
	const text *title;
	double		target;
	int			width,
				height,
				max_points;
	Frame		f;
	Drawn		d,
				fd,
				ld,
				hd;
	StringInfoData buf;

	if (PG_ARGISNULL(0))
		PG_RETURN_NULL();
	h = kpi_series_arg(fcinfo, 0, "kpi.svg_forecast");
	fc = optional_series(fcinfo, 1, h, "kpi.svg_forecast", "the forecast");
	lo = optional_series(fcinfo, 2, h, "kpi.svg_forecast", "the lower bound");
	hi = optional_series(fcinfo, 3, h, "kpi.svg_forecast", "the upper bound");
	if ((lo == NULL) != (hi == NULL))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("a prediction interval needs both its lower and its upper bound")));
	title = title_arg(fcinfo, 4);
	target = line_arg(fcinfo, 5, "target");
	width = size_arg(fcinfo, 6, 480, "width");
	height = size_arg(fcinfo, 7, 200, "height");
	max_points = max_points_arg(fcinfo, 8, 500);
	traj = optional_series(fcinfo, 9, h, "kpi.svg_forecast", "the trajectory");

	frame_init(&f, width, height, true);
	frame_series(&f, h);
	frame_series(&f, traj);
	frame_series(&f, fc);
	frame_series(&f, lo);
	frame_series(&f, hi);
	frame_value(&f, target);
	frame_done(&f);
	drawn_points(&f, h, max_points, &d);

	initStringInfo(&buf);
	svg_open(&buf, width, height, "forecast chart", title, series_summary(h));
	svg_desc_downsampled(&buf, &d);
	chart_frame(&buf, &f, title);
	if (lo && hi)
	{
		drawn_points(&f, lo, max_points, &ld);
		drawn_points(&f, hi, max_points, &hd);
		if (ld.n > 0 && hd.n > 0)
		{
			/* the band: the upper bound forwards, the lower bound back */
			appendStringInfoString(&buf, "<path d=\"");
			for (int k = 0; k < hd.n; k++)
				append_path_point(&buf, k == 0 ? 'M' : 'L', hd.x[k], hd.y[k]);
			for (int k = ld.n - 1; k >= 0; k--)
				append_path_point(&buf, 'L', ld.x[k], ld.y[k]);
			appendStringInfo(&buf, "Z\" fill=\"%s\" fill-opacity=\"0.6\" stroke=\"none\"/>", COLOUR_BAND);
		}
	}
	ref_line(&buf, &f, target, COLOUR_TARGET, "6 3", "Target");
	history_lines(&buf, &f, &d, traj, max_points);
	if (fc)
	{
		drawn_points(&f, fc, max_points, &fd);
		if (fd.n > 0)
		{
			/* from the last point of the history into the forecast */
			appendStringInfoString(&buf, "<path d=\"");
			if (d.n > 0)
				append_path_point(&buf, 'M', d.x[d.n - 1], d.y[d.n - 1]);
			for (int k = 0; k < fd.n; k++)
				append_path_point(&buf, (k == 0 && d.n == 0) || fd.brk[k] ? 'M' : 'L', fd.x[k], fd.y[k]);
			append_path_stroke(&buf, COLOUR_LINE, "2", "", "5 3");
		}
	}
	PG_RETURN_DATUM(svg_result(&buf));
}

/* ---------------------------------------------------------- icons */

/*
 * kpi's own drawing of Making Data Count's icons, on a 100 x 100 grid: a
 * ring in the variation's colour, a run of points inside it (flat for
 * common cause, rising for high, falling for low) and a letter: H or L
 * for a special cause high or low; P (pass), F (fail) or ? (hit or miss)
 * for assurance, with the target as a red dashed line that the points
 * stay above (pass), below (fail) or cross (hit or miss).
 */
typedef struct IconDef
{
	const char *name;
	const char *colour;
	const char *letter;			/* NULL: none */
	int			slope;			/* -1 falling, 0 flat, 1 rising */
	bool		target;			/* assurance: the target line */
	const char *title;
} IconDef;

static const IconDef variation_icons[] = {
	{"common_cause", COLOUR_COMMON, NULL, 0, false, "Common cause variation"},
	{"improvement_high", COLOUR_IMPROVEMENT, "H", 1, false, "Special cause variation: improvement (high)"},
	{"improvement_low", COLOUR_IMPROVEMENT, "L", -1, false, "Special cause variation: improvement (low)"},
	{"concern_high", COLOUR_CONCERN, "H", 1, false, "Special cause variation: concern (high)"},
	{"concern_low", COLOUR_CONCERN, "L", -1, false, "Special cause variation: concern (low)"},
	{"neither_high", COLOUR_NEITHER, "H", 1, false, "Special cause variation: neither improvement nor concern (high)"},
	{"neither_low", COLOUR_NEITHER, "L", -1, false, "Special cause variation: neither improvement nor concern (low)"},
};

static const IconDef assurance_icons[] = {
	{"pass", COLOUR_IMPROVEMENT, "P", 0, true, "Assurance: the process will consistently pass the target"},
	{"fail", COLOUR_CONCERN, "F", 0, true, "Assurance: the process will consistently fail the target"},
	{"hit_or_miss", COLOUR_COMMON, "?", 0, true, "Assurance: the process will hit and miss the target"},
};

static Datum
draw_icon(FunctionCallInfo fcinfo, const IconDef *defs, int ndefs, const char *what)
{
	text	   *t;
	char	   *name;
	const IconDef *def = NULL;
	int			size;
	const text *title;
	StringInfoData buf;

	if (PG_ARGISNULL(0))
		PG_RETURN_NULL();
	t = PG_GETARG_TEXT_PP(0);
	name = text_to_cstring(t);
	for (int i = 0; i < ndefs; i++)
		if (strcmp(name, defs[i].name) == 0)
			def = &defs[i];
	if (def == NULL)
	{
		StringInfoData names;

		initStringInfo(&names);
		for (int i = 0; i < ndefs; i++)
			appendStringInfo(&names, "%s%s", i ? ", " : "", defs[i].name);
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("unknown %s icon", what),
				 errhint("The %s icons are %s (as kpi.xmr_summary names them).", what, names.data)));
	}
	size = size_arg(fcinfo, 1, 32, "size");
	title = title_arg(fcinfo, 2);

	initStringInfo(&buf);
	appendStringInfo(&buf,
					 "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" viewBox=\"0 0 100 100\" role=\"img\"><title>",
					 size, size);
	if (title)
	{
		append_text_arg(&buf, title);
		appendStringInfoString(&buf, ": ");
	}
	appendStringInfoString(&buf, def->title);
	appendStringInfoString(&buf, "</title>");
	appendStringInfo(&buf, "<circle cx=\"50\" cy=\"50\" r=\"45\" fill=\"#ffffff\" stroke=\"%s\" stroke-width=\"8\"/>",
					 def->colour);
	if (def->target)
		appendStringInfo(&buf, "<path d=\"M16 64H84\" fill=\"none\" stroke=\"%s\" stroke-width=\"4\" stroke-dasharray=\"6 4\"/>",
						 COLOUR_TARGET);
	{
		/* five points: x 24 .. 76; y flat 66, rising 78 -> 54, falling 54 -> 78 */
		static const int xs[5] = {24, 37, 50, 63, 76};
		static const int flat[5] = {66, 70, 64, 69, 66};
		static const int rise[5] = {78, 74, 68, 60, 54};
		const int  *ys = def->slope == 0 ? flat : rise;
		int			yy[5];

		for (int i = 0; i < 5; i++)
			yy[i] = def->slope < 0 ? rise[4 - i] : ys[i];
		if (def->target)
			for (int i = 0; i < 5; i++)
				yy[i] = (def->name[0] == 'p') ? yy[i] - 12 : (def->name[0] == 'f' ? yy[i] + 10 : yy[i] - 2);
		appendStringInfo(&buf, "<path d=\"M%d %dL%d %dL%d %dL%d %dL%d %d\" fill=\"none\" stroke=\"%s\" stroke-width=\"4\"/>",
						 xs[0], yy[0], xs[1], yy[1], xs[2], yy[2], xs[3], yy[3], xs[4], yy[4],
						 COLOUR_COMMON);
		for (int i = 0; i < 5; i++)
			appendStringInfo(&buf, "<circle cx=\"%d\" cy=\"%d\" r=\"6\" fill=\"%s\"/>", xs[i], yy[i],
							 (def->slope != 0 && i >= 3) ? def->colour : COLOUR_COMMON);
	}
	if (def->letter)
		appendStringInfo(&buf, "<text x=\"50\" y=\"%d\" font-size=\"30\" font-weight=\"bold\" " FONT " fill=\"%s\" text-anchor=\"middle\">%s</text>",
						 40, def->colour,
						 strcmp(def->letter, "?") == 0 ? "?" : def->letter);
	PG_RETURN_DATUM(svg_result(&buf));
}

/* kpi.svg_variation_icon(icon, size = 32, title = NULL) */
Datum
kpi_svg_variation_icon(PG_FUNCTION_ARGS)
{
	return draw_icon(fcinfo, variation_icons, lengthof(variation_icons), "variation");
}

/* kpi.svg_assurance_icon(icon, size = 32, title = NULL) */
Datum
kpi_svg_assurance_icon(PG_FUNCTION_ARGS)
{
	return draw_icon(fcinfo, assurance_icons, lengthof(assurance_icons), "assurance");
}
