/*
 * spc.c — the XmR chart as NHS England's Making Data Count (MDC) defines
 * it (MDC's SPC SQL v2.4, its Excel tool), with the NHSRplotthedots
 * variants as options.  See README "Statistical process control".
 *
 * Partitions.  A rebase (recalculation) period starts a new partition at
 * the first point on or after it.  A baseline of N points makes the first N
 * non-ghosted points a partition of their own whose centre and mean moving
 * range are carried forward into the next partition (MDC's partition 0);
 * the rules that look at runs (shift, two of three) run within a partition,
 * so they are split at the end of the baseline, and the trend rule runs
 * over the whole series (MDC v2.2).  Ghosted points take no part: moving
 * ranges and runs bridge them.
 *
 * Exactness.  Every comparison at an edge — a value against a limit, a 2σ
 * line or the centre, a moving range against 3.267 × its mean, a target
 * against a limit — is decided as the inputs are written in decimal, as
 * kpi.rag decides its band edge (see scoring.c).  The centre is a fraction
 * C = cnum / cden (a sum over a count for the mean; the middle value, or
 * the sum of the two middle values over 2, for the median) and the mean
 * moving range is D / m, so "x above centre + (k/q) × MR̄" is the sign of
 *
 *     q·m·cden·x − q·m·cnum − k·cden·D
 *
 * with integer q and the decimal constants k = 2.66 (limits) or 5.32 (2σ,
 * q = 3).  It is computed in double with a rigorous error margin; only
 * when it lies within the margin (a tie in decimal or a near tie) is it
 * redone exactly with PostgreSQL's numeric on the shortest decimals of the
 * inputs.
 */
#include "postgres.h"

#include <float.h>
#include <math.h>

#include "common/shortest_dec.h"
#include "miscadmin.h"
#include "sort.h"
#include "spc.h"
#include "utils/builtins.h"
#include "utils/fmgrprotos.h"
#if PG_VERSION_NUM >= 160000
#include "varatt.h"
#endif

/* ------------------------------------------------------------ settings */

static bool
text_is(const text *t, const char *word)
{
	int			len = VARSIZE_ANY_EXHDR(t);

	return len == (int) strlen(word) && pg_strncasecmp(VARDATA_ANY(t), word, len) == 0;
}

bool
spc_parse_centre(const text *t)
{
	if (text_is(t, "mean"))
		return false;
	if (text_is(t, "median"))
		return true;
	ereport(ERROR,
			(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
			 errmsg("invalid centre \"%s\"", text_to_cstring(t)),
			 errhint("The centre line is 'mean' (Making Data Count) or 'median'.")));
	return false;
}

SpcScreening
spc_parse_screening(const text *t)
{
	if (text_is(t, "none"))
		return SPC_SCREEN_NONE;
	if (text_is(t, "nhsr") || text_is(t, "NHSRplotthedots"))
		return SPC_SCREEN_NHSR;
	if (text_is(t, "mdc"))
		return SPC_SCREEN_MDC;
	ereport(ERROR,
			(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
			 errmsg("invalid moving-range screening \"%s\"", text_to_cstring(t)),
			 errhint("Screening is 'none' (Making Data Count's default), 'nhsr' (NHSRplotthedots: moving ranges below 3.267 times their mean kept) or 'mdc' (MDC's option: those at most 3.267 times kept, and the screened points leave the mean).")));
	return SPC_SCREEN_NONE;
}

bool
spc_parse_conflict(const text *t)
{
	if (text_is(t, "improvement"))
		return false;
	if (text_is(t, "concern"))
		return true;
	ereport(ERROR,
			(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
			 errmsg("invalid conflict rule \"%s\"", text_to_cstring(t)),
			 errhint("A point that is both improvement and concern shows as 'improvement' (the Excel tool) or 'concern'.")));
	return false;
}

void
spc_check_options(const SpcOptions *opt)
{
	if (opt->shift_n < 2 || opt->shift_n > 100)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("shift_n must be between 2 and 100, not %d", opt->shift_n),
				 errhint("Making Data Count uses 7 (6 to 8 are usual).")));
	if (opt->trend_n < 2 || opt->trend_n > 100)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("trend_n must be between 2 and 100, not %d", opt->trend_n),
				 errhint("Making Data Count uses 7 (6 to 8 are usual).")));
	if (opt->min_points < 0)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("min_points must not be negative, not %d", opt->min_points),
				 errhint("Making Data Count gives icons from 15 points.")));
	if (opt->baseline < 0 || opt->baseline == 1)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("baseline must be at least 2 points, not %d", opt->baseline),
				 errhint("Making Data Count's Excel tool allows a baseline of 12 to 20 points; NULL means none.")));
}

const char *
spc_variation_name(SpcVariation v)
{
	static const char *const names[] = {
		"common_cause", "improvement", "concern", "neither_high", "neither_low"
	};

	return names[v];
}

const char *
spc_variation_icon(SpcVariation v, Polarity polarity)
{
	switch (v)
	{
		case SPC_IMPROVEMENT:
			return polarity == POLARITY_LOWER ? "improvement_low" : "improvement_high";
		case SPC_CONCERN:
			return polarity == POLARITY_LOWER ? "concern_high" : "concern_low";
		case SPC_NEITHER_HIGH:
			return "neither_high";
		case SPC_NEITHER_LOW:
			return "neither_low";
		default:
			return "common_cause";
	}
}

const char *
spc_assurance_name(SpcAssurance a)
{
	switch (a)
	{
		case SPC_ASSURANCE_PASS:
			return "pass";
		case SPC_ASSURANCE_HIT_OR_MISS:
			return "hit_or_miss";
		case SPC_ASSURANCE_FAIL:
			return "fail";
		default:
			return NULL;
	}
}

/* ------------------------------------------------------- exact decimals */

static Datum
dec(double v)
{
	char		buf[DOUBLE_SHORTEST_DECIMAL_LEN];

	double_to_shortest_decimal_buf(v, buf);
	return DirectFunctionCall3(numeric_in, CStringGetDatum(buf),
							   ObjectIdGetDatum(InvalidOid), Int32GetDatum(-1));
}

static Datum
dec_str(const char *s)
{
	return DirectFunctionCall3(numeric_in, CStringGetDatum(s),
							   ObjectIdGetDatum(InvalidOid), Int32GetDatum(-1));
}

static Datum
dec_int(int64 v)
{
	return DirectFunctionCall1(int8_numeric, Int64GetDatum(v));
}

#define N_ADD(a, b)	DirectFunctionCall2(numeric_add, (a), (b))
#define N_SUB(a, b)	DirectFunctionCall2(numeric_sub, (a), (b))
#define N_MUL(a, b)	DirectFunctionCall2(numeric_mul, (a), (b))
#define N_ABS(a)	DirectFunctionCall1(numeric_abs, (a))
#define N_SIGN(a)	DatumGetInt32(DirectFunctionCall2(numeric_cmp, (a), dec_int(0)))

/* ------------------------------------------------------------- the chart */

static void set_variation(SpcPointResult *o, const SpcOptions *opt);

/*
 * The statistics behind one set of limits: the centre cnum / cden and the
 * mean moving range d / m (after screening), with the unscreened d0 / m0,
 * the sums of magnitudes the error margins need, and (once an edge case
 * needs them) the same exactly in numeric.
 */
/*
 * A line centre + (k/q) MR̄ of a group as the sign test of its comment at
 * the top: f = a·x − b with a = q·m·cden, b = q·m·cnum + k·cden·D, and the
 * error margin ma·|x| + mb, computed once per group.
 */
typedef struct SpcLine
{
	double		a,
				b,
				ma,
				mb;
} SpcLine;

/* the lines the rules test: the centre, the limits and the 2σ lines */
enum
{
	LINE_CENTRE,
	LINE_UPPER,
	LINE_UPPER2,
	LINE_LOWER,
	LINE_LOWER2,
	NLINES
};

static const struct
{
	int			q;
	double		k;
	const char *kstr;				/* k as written in decimal */
}			line_def[NLINES] = {
	{1, 0, "0"},
	{1, SPC_LIMIT_FACTOR, "2.66"},
	{3, 2 * SPC_LIMIT_FACTOR, "5.32"},
	{1, -SPC_LIMIT_FACTOR, "-2.66"},
	{3, -2 * SPC_LIMIT_FACTOR, "-5.32"}
};

typedef struct SpcGroup
{
	int			lo,
				hi;				/* the partition's points [lo, hi) */
	int			count;			/* points in the centre */
	double		cnum;
	int64		cden;
	double		absx;			/* sum of |x| in cnum */
	double		d;
	int			m;
	double		d0;
	int			m0;
	double		absd;			/* sum of |x_i| + |x_i-1| over the moving ranges */
	bool		has_limits;
	SpcLine		line[NLINES];
	bool		d0_ready;
	bool		exact_ready;
	Datum		cnum_n;
	Datum		d_n;
	Datum		d0_n;
} SpcGroup;

typedef struct SpcWork
{
	const KpiPoint *pts;
	int			n;
	const SpcOptions *opt;
	int		   *prev;			/* previous non-ghosted point in the partition, or -1 */
	bool	   *mr_kept;		/* moving range used in the mean MR */
	bool	   *in_centre;		/* point used in the centre */
	SpcGroup   *groups;
	int			ngroups;
} SpcWork;

/* |x_i − x_prev| exactly */
static Datum
exact_mr(const SpcWork *w, int i)
{
	return N_ABS(N_SUB(dec(w->pts[i].value), dec(w->pts[w->prev[i]].value)));
}

/* the unscreened moving-range sum d0 exactly (screening needs only this) */
static void
group_exact_d0(SpcWork *w, SpcGroup *g)
{
	Datum		d0 = dec_int(0);

	if (g->d0_ready)
		return;
	for (int i = g->lo; i < g->hi; i++)
		if (!KPI_POINT_GHOSTED(&w->pts[i]) && w->prev[i] >= 0)
			d0 = N_ADD(d0, exact_mr(w, i));
	g->d0_n = d0;
	g->d0_ready = true;
}

/* the centre's numerator cnum and the kept moving-range sum d exactly */
static void
group_exact(SpcWork *w, SpcGroup *g)
{
	Datum		d = dec_int(0),
				c = dec_int(0);

	if (g->exact_ready)
		return;
	for (int i = g->lo; i < g->hi; i++)
		if (!KPI_POINT_GHOSTED(&w->pts[i]) && w->prev[i] >= 0 && w->mr_kept[i])
			d = N_ADD(d, exact_mr(w, i));
	if (!w->opt->median)
	{
		for (int i = g->lo; i < g->hi; i++)
			if (w->in_centre[i])
				c = N_ADD(c, dec(w->pts[i].value));
	}
	else
	{
		/* the middle value(s), found again in double (exact: no arithmetic) */
		int			k = 0;
		double	   *v;

		for (int i = g->lo; i < g->hi; i++)
			k += w->in_centre[i];
		v = palloc(sizeof(double) * Max(k, 1));
		k = 0;
		for (int i = g->lo; i < g->hi; i++)
			if (w->in_centre[i])
				v[k++] = w->pts[i].value;
		kpi_sort_doubles(v, k);
		if (k % 2 == 1)
			c = dec(v[k / 2]);
		else if (k > 0)
			c = N_ADD(dec(v[k / 2 - 1]), dec(v[k / 2]));
		pfree(v);
	}
	g->cnum_n = c;
	g->d_n = d;
	g->exact_ready = true;
}

/* the sign tests of the lines of group g (after group_compute) */
static void
group_lines(SpcGroup *g)
{
	double		cden = (double) g->cden;
	double		eps = 16.0 * DBL_EPSILON * (double) (g->count + g->m + 8);

	for (int li = 0; li < NLINES; li++)
	{
		double		k = line_def[li].k;
		double		qm = (k == 0) ? 1.0 : (double) line_def[li].q * g->m;
		SpcLine    *l = &g->line[li];

		l->a = qm * cden;
		l->b = qm * g->cnum + k * cden * g->d;
		l->ma = eps * l->a;
		l->mb = eps * (qm * g->absx + fabs(k) * cden * (g->d + g->absd));
	}
}

/*
 * The sign of x − (centre + (k/q) MR̄) for line li of group g, exactly in
 * decimal: in double when it is clear of the error margin, else in numeric.
 */
static int
cmp_line(SpcWork *w, SpcGroup *g, double x, int li)
{
	const SpcLine *l = &g->line[li];
	double		f = l->a * x - l->b;
	double		margin = l->ma * fabs(x) + l->mb;

	if (f > margin)
		return 1;
	if (f < -margin)
		return -1;

	group_exact(w, g);
	{
		double		k = line_def[li].k;
		Datum		qmn = (k == 0) ? dec_int(1) : dec_int((int64) line_def[li].q * g->m);
		Datum		cdn = dec_int(g->cden);
		Datum		lhs = N_MUL(N_MUL(qmn, cdn), dec(x));
		Datum		rhs = N_MUL(qmn, g->cnum_n);

		if (k != 0)
			rhs = N_ADD(rhs, N_MUL(N_MUL(dec_str(line_def[li].kstr), cdn), g->d_n));
		return N_SIGN(N_SUB(lhs, rhs));
	}
}

/*
 * The sign of mr_i − 3.267 × (d0 / m0), exactly: the moving range of point
 * i against the moving-range chart's limit of group g.
 */
static int
mr_sign(SpcWork *w, SpcGroup *g, int i)
{
	double		mr = fabs(w->pts[i].value - w->pts[w->prev[i]].value);
	double		f = (double) g->m0 * mr - SPC_MR_LIMIT_FACTOR * g->d0;
	double		mag = (double) g->m0 * (fabs(w->pts[i].value) + fabs(w->pts[w->prev[i]].value)) +
		SPC_MR_LIMIT_FACTOR * (g->d0 + g->absd);
	double		margin = 16.0 * DBL_EPSILON * (double) (g->m0 + 8) * mag;

	if (f > margin)
		return 1;
	if (f < -margin)
		return -1;
	group_exact_d0(w, g);
	return N_SIGN(N_SUB(N_MUL(dec_int(g->m0), exact_mr(w, i)),
						N_MUL(dec_str("3.267"), g->d0_n)));
}

/* keep moving range i?  NHSRplotthedots keeps mr < 3.267 MR̄, MDC mr <= 3.267 MR̄ */
static bool
mr_kept(SpcWork *w, SpcGroup *g, int i)
{
	int			sign = mr_sign(w, g, i);

	return w->opt->screening == SPC_SCREEN_NHSR ? sign < 0 : sign <= 0;
}

void
spc_overflow_error(void)
{
	ereport(ERROR,
			(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
			 errmsg("value out of range: overflow"),
			 errdetail("The lines of a chart of these values are beyond the range of float8.")));
}

/* compute the statistics of the group over its partition's points */
static void
group_compute(SpcWork *w, SpcGroup *g)
{
	const KpiPoint *p = w->pts;
	int			nvalid = 0;

	g->d0 = 0;
	g->m0 = 0;
	g->absd = 0;
	g->absx = 0;
	g->d0_ready = false;
	g->exact_ready = false;
	for (int i = g->lo; i < g->hi; i++)
	{
		if (KPI_POINT_GHOSTED(&p[i]))
			continue;
		nvalid++;
		w->in_centre[i] = true;
		if (w->prev[i] >= 0)
		{
			g->d0 += fabs(p[i].value - p[w->prev[i]].value);
			g->absd += fabs(p[i].value) + fabs(p[w->prev[i]].value);
			g->m0++;
			w->mr_kept[i] = true;
		}
	}
	g->d = g->d0;
	g->m = g->m0;

	if (w->opt->screening != SPC_SCREEN_NONE && g->m0 > 0)
	{
		double		d = 0;
		int			m = 0;

		for (int i = g->lo; i < g->hi; i++)
		{
			if (KPI_POINT_GHOSTED(&p[i]) || w->prev[i] < 0)
				continue;
			if (mr_kept(w, g, i))
			{
				d += fabs(p[i].value - p[w->prev[i]].value);
				m++;
			}
		}
		/* every moving range screened (all zero under 'nhsr'): keep them all */
		if (m > 0)
		{
			for (int i = g->lo; i < g->hi; i++)
			{
				if (KPI_POINT_GHOSTED(&p[i]) || w->prev[i] < 0)
					continue;
				w->mr_kept[i] = mr_kept(w, g, i);
				if (w->opt->screening == SPC_SCREEN_MDC && !w->mr_kept[i])
					w->in_centre[i] = false;
			}
			g->d = d;
			g->m = m;
		}
	}

	g->count = 0;
	if (!w->opt->median)
	{
		double		s = 0;

		for (int i = g->lo; i < g->hi; i++)
			if (w->in_centre[i])
			{
				s += p[i].value;
				g->absx += fabs(p[i].value);
				g->count++;
			}
		g->cnum = s;
		g->cden = Max(g->count, 1);
	}
	else
	{
		double	   *v = palloc(sizeof(double) * Max(nvalid, 1));
		int			k = 0;

		for (int i = g->lo; i < g->hi; i++)
			if (w->in_centre[i])
				v[k++] = p[i].value;
		kpi_sort_doubles(v, k);
		g->count = k;
		if (k % 2 == 1)
		{
			g->cnum = v[k / 2];
			g->cden = 1;
			g->absx = fabs(v[k / 2]);
		}
		else if (k > 0)
		{
			g->cnum = v[k / 2 - 1] + v[k / 2];
			g->cden = 2;
			g->absx = fabs(v[k / 2 - 1]) + fabs(v[k / 2]);
		}
		else
		{
			g->cnum = 0;
			g->cden = 1;
		}
		pfree(v);
	}
	g->has_limits = g->m > 0;
	if (!isfinite(g->cnum) || !isfinite(g->d0) || !isfinite(g->absd) || !isfinite(g->absx))
		spc_overflow_error();
	group_lines(g);
}

/* flag runs of points (indices idx[0..k)) whose key is the same non-zero sign */
static void
flag_runs(const int *idx, const int8 *key, int k, int min_len,
		  SpcPointResult *out, uint8 bit_pos, uint8 bit_neg)
{
	int			start = 0;

	for (int j = 1; j <= k; j++)
	{
		if (j < k && key[j] == key[start])
			continue;
		if (key[start] != 0 && j - start >= min_len)
			for (int t = start; t < j; t++)
				out[idx[t]].rules |= key[start] > 0 ? bit_pos : bit_neg;
		start = j;
	}
}

void
spc_xmr(int kind, const KpiPoint *points, int n, const SpcOptions *opt,
		SpcPointResult *out, const double *target, SpcAssurance *assurance)
{
	SpcWork		w;
	int		   *pstart = palloc(sizeof(int) * (n + 2));
	bool	   *pcarried = palloc0(sizeof(bool) * (n + 2));
	int			npart = 0;
	int			bend = -1;		/* index of the baseline's last point */
	int		   *idx = palloc(sizeof(int) * Max(n, 1));
	int8	   *key = palloc(sizeof(int8) * Max(n, 1));
	int8	   *side = palloc0(sizeof(int8) * Max(n, 1));
	int8	   *band = palloc0(sizeof(int8) * Max(n, 1));
	int		   *pgroup;

	w.pts = points;
	w.n = n;
	w.opt = opt;
	w.prev = palloc(sizeof(int) * Max(n, 1));
	w.mr_kept = palloc0(sizeof(bool) * Max(n, 1));
	w.in_centre = palloc0(sizeof(bool) * Max(n, 1));
	if (assurance)
		*assurance = SPC_ASSURANCE_NONE;
	if (n == 0)
		return;

	/* --- partitions: the start of the series, the end of a baseline, rebases */
	if (opt->baseline > 0)
	{
		int			seen = 0;

		for (int i = 0; i < n; i++)
			if (!KPI_POINT_GHOSTED(&points[i]) && ++seen == opt->baseline)
			{
				bend = i;
				break;
			}
	}
	pstart[npart++] = 0;
	if (bend >= 0 && bend + 1 < n)
	{
		pcarried[npart] = true;
		pstart[npart++] = bend + 1;
	}
	for (int r = 0, i = 0; r < opt->nrebase; r++)
	{
		while (i < n && kpi_period_cmp(kind, points[i].period, opt->rebase[r]) < 0)
			i++;
		if (i == 0 || i >= n)
			continue;
		if (bend >= 0 && i <= bend)
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("rebase period %s falls inside the baseline",
							kpi_period_cstring(kind, opt->rebase[r])),
					 errdetail("The baseline is the first %d points, up to period %s.",
							   opt->baseline, kpi_period_cstring(kind, points[bend].period)),
					 errhint("Rebase after the baseline, or shorten the baseline.")));
		/* insert in order; a rebase at the end of the baseline recalculates there */
		if (pstart[npart - 1] == i)
			pcarried[npart - 1] = false;
		else if (pstart[npart - 1] < i)
		{
			pcarried[npart] = false;
			pstart[npart++] = i;
		}
		else
		{
			/* before the carried partition's start: cannot happen (i > bend) */
			Assert(false);
		}
	}
	pstart[npart] = n;

	/* --- moving ranges within each partition (bridging ghosted points) */
	for (int p = 0; p < npart; p++)
	{
		int			last = -1;

		for (int i = pstart[p]; i < pstart[p + 1]; i++)
		{
			w.prev[i] = -1;
			if (KPI_POINT_GHOSTED(&points[i]))
				continue;
			w.prev[i] = last;
			last = i;
		}
	}

	/* --- the limits: each partition its own, a carried one the baseline's */
	w.groups = palloc0(sizeof(SpcGroup) * npart);
	w.ngroups = 0;
	pgroup = palloc(sizeof(int) * npart);
	for (int p = 0; p < npart; p++)
	{
		CHECK_FOR_INTERRUPTS();
		if (pcarried[p])
		{
			pgroup[p] = pgroup[p - 1];
			continue;
		}
		w.groups[w.ngroups].lo = pstart[p];
		w.groups[w.ngroups].hi = pstart[p + 1];
		group_compute(&w, &w.groups[w.ngroups]);
		pgroup[p] = w.ngroups++;
	}

	/* --- per point: lines, the single-point rule, sides and bands */
	for (int p = 0; p < npart; p++)
	{
		SpcGroup   *g = &w.groups[pgroup[p]];
		double		centre = g->cnum / (double) g->cden;
		double		mrbar = g->has_limits ? g->d / g->m : 0;
		double		mr_upper = g->m0 > 0 ? SPC_MR_LIMIT_FACTOR * (g->d0 / g->m0) : 0;

		for (int i = pstart[p]; i < pstart[p + 1]; i++)
		{
			SpcPointResult *o = &out[i];
			double		x = points[i].value;

			if ((i & 0xFFFF) == 0)
				CHECK_FOR_INTERRUPTS();
			memset(o, 0, sizeof(*o));
			o->partition = p + 1;
			o->ghosted = KPI_POINT_GHOSTED(&points[i]);
			o->has_limits = g->has_limits;
			o->centre = centre;
			o->mr_mean = mrbar;
			o->mr_upper = mr_upper;
			if (g->has_limits)
			{
				o->upper = centre + SPC_LIMIT_FACTOR * mrbar;
				o->lower = centre - SPC_LIMIT_FACTOR * mrbar;
				o->upper2 = centre + (2 * SPC_LIMIT_FACTOR / 3) * mrbar;
				o->lower2 = centre - (2 * SPC_LIMIT_FACTOR / 3) * mrbar;
				o->upper1 = centre + (SPC_LIMIT_FACTOR / 3) * mrbar;
				o->lower1 = centre - (SPC_LIMIT_FACTOR / 3) * mrbar;
				if (!isfinite(o->upper) || !isfinite(o->lower) || !isfinite(mr_upper))
					spc_overflow_error();
			}
			if (o->ghosted)
				continue;
			if (w.prev[i] >= 0)
			{
				o->has_mr = true;
				o->mr = fabs(x - points[w.prev[i]].value);
				o->mr_above = g->m0 > 0 && mr_sign(&w, g, i) > 0;
			}
			side[i] = (int8) cmp_line(&w, g, x, LINE_CENTRE);

			/*
			 * MR̄ >= 0, so centre <= 2σ line <= upper limit (and the mirror
			 * below): a point beyond a line on one side is beyond the ones
			 * nearer the centre, and on or below the centre it is beyond
			 * none above it.
			 */
			if (g->has_limits && side[i] > 0 && cmp_line(&w, g, x, LINE_UPPER2) > 0)
			{
				if (cmp_line(&w, g, x, LINE_UPPER) > 0)
					o->rules |= SPC_ASTRO_HIGH;
				else
					band[i] = 1;	/* 2σ < x <= upper limit */
			}
			else if (g->has_limits && side[i] < 0 && cmp_line(&w, g, x, LINE_LOWER2) < 0)
			{
				if (cmp_line(&w, g, x, LINE_LOWER) < 0)
					o->rules |= SPC_ASTRO_LOW;
				else
					band[i] = -1;	/* lower limit <= x < 2σ */
			}
		}

		/* --- runs within the partition: shift, and two of three beyond 2σ */
		{
			int			k = 0;

			for (int i = pstart[p]; i < pstart[p + 1]; i++)
				if (!KPI_POINT_GHOSTED(&points[i]))
				{
					idx[k] = i;
					key[k] = side[i];
					k++;
				}
			flag_runs(idx, key, k, opt->shift_n, out, SPC_SHIFT_HIGH, SPC_SHIFT_LOW);
			if (g->has_limits)
				for (int j = 0; j + 2 < k; j++)
				{
					int			a = idx[j],
								b = idx[j + 1],
								c = idx[j + 2];

					for (int s = -1; s <= 1; s += 2)
					{
						if (side[a] != s || side[b] != s || side[c] != s)
							continue;
						if ((band[a] == s) + (band[b] == s) + (band[c] == s) < 2)
							continue;
						for (int t = j; t < j + 3; t++)
							if (band[idx[t]] == s)
								out[idx[t]].rules |= s > 0 ? SPC_TWO3_HIGH : SPC_TWO3_LOW;
					}
				}
		}
	}

	/* --- the trend: over the whole series (it crosses partitions, MDC v2.2) */
	{
		int			k = 0;

		for (int i = 0; i < n; i++)
			if (!KPI_POINT_GHOSTED(&points[i]))
				idx[k++] = i;
		/*
		 * key[j] is the direction of the step into point j; a run of r equal
		 * non-zero steps j0..j0+r-1 covers the r + 1 points j0-1..j0+r-1.
		 */
		for (int j = 1; j < k; j++)
		{
			double		a = points[idx[j - 1]].value,
						b = points[idx[j]].value;

			key[j] = b > a ? 1 : (b < a ? -1 : 0);
		}
		for (int j = 1, start = 1; j <= k; j++)
		{
			if (j < k && key[j] == key[start])
				continue;
			if (start < k && key[start] != 0 && j - start + 1 >= opt->trend_n)
				for (int t = start - 1; t < j; t++)
					out[idx[t]].rules |= key[start] > 0 ? SPC_TREND_UP : SPC_TREND_DOWN;
			start = j;
		}
	}

	/* --- improvement or concern, by polarity */
	for (int i = 0; i < n; i++)
		set_variation(&out[i], opt);

	/*
	 * --- assurance: the target against the limits of the last non-ghosted
	 * point's partition; a target on a limit passes or fails (MDC v2.1)
	 */
	if (assurance && target && opt->polarity != POLARITY_NONE)
	{
		int			last = -1;

		for (int i = n - 1; i >= 0 && last < 0; i--)
			if (!KPI_POINT_GHOSTED(&points[i]))
				last = i;
		if (last >= 0)
		{
			SpcGroup   *g = &w.groups[pgroup[out[last].partition - 1]];

			if (g->has_limits)
			{
				int			up = cmp_line(&w, g, *target, LINE_UPPER);
				int			lo = cmp_line(&w, g, *target, LINE_LOWER);

				if (opt->polarity == POLARITY_HIGHER)
					*assurance = lo <= 0 ? SPC_ASSURANCE_PASS
						: (up >= 0 ? SPC_ASSURANCE_FAIL : SPC_ASSURANCE_HIT_OR_MISS);
				else
					*assurance = up >= 0 ? SPC_ASSURANCE_PASS
						: (lo <= 0 ? SPC_ASSURANCE_FAIL : SPC_ASSURANCE_HIT_OR_MISS);
			}
		}
	}
}

/* ------------------------------------------- the rules on given lines */

static void
set_variation(SpcPointResult *o, const SpcOptions *opt)
{
	bool		high = (o->rules & SPC_HIGH_RULES) != 0;
	bool		low = (o->rules & SPC_LOW_RULES) != 0;

	o->variation = SPC_COMMON_CAUSE;
	if (!high && !low)
		return;
	if (opt->polarity == POLARITY_NONE)
		o->variation = high ? SPC_NEITHER_HIGH : SPC_NEITHER_LOW;
	else
	{
		bool		improvement = opt->polarity == POLARITY_HIGHER ? high : low;
		bool		concern = opt->polarity == POLARITY_HIGHER ? low : high;

		if (improvement && concern)
			o->variation = opt->concern_wins ? SPC_CONCERN : SPC_IMPROVEMENT;
		else
			o->variation = improvement ? SPC_IMPROVEMENT : SPC_CONCERN;
	}
}

void
spc_rules_float(int n, const double *y, const double *centre,
				const double *lower, const double *upper,
				const double *lower2, const double *upper2,
				const int *part, const SpcOptions *opt, SpcPointResult *out)
{
	int		   *idx = palloc(sizeof(int) * Max(n, 1));
	int8	   *key = palloc0(sizeof(int8) * Max(n, 1));
	int8	   *side = palloc0(sizeof(int8) * Max(n, 1));
	int8	   *band = palloc0(sizeof(int8) * Max(n, 1));
	int			k = 0;

	for (int i = 0; i < n; i++)
	{
		out[i].rules = 0;
		if (isnan(y[i]))
			continue;
		idx[k++] = i;
		side[i] = y[i] > centre[i] ? 1 : (y[i] < centre[i] ? -1 : 0);
		if (!isnan(upper[i]) && y[i] > upper[i])
			out[i].rules |= SPC_ASTRO_HIGH;
		else if (!isnan(upper2[i]) && y[i] > upper2[i])
			band[i] = 1;
		if (!isnan(lower[i]) && y[i] < lower[i])
			out[i].rules |= SPC_ASTRO_LOW;
		else if (!isnan(lower2[i]) && y[i] < lower2[i])
			band[i] = -1;
	}
	/* the shift, within each partition */
	for (int j0 = 0, j1; j0 < k; j0 = j1)
	{
		for (j1 = j0 + 1; j1 < k && (part == NULL || part[idx[j1]] == part[idx[j0]]); j1++)
			;
		for (int j = j0; j < j1; j++)
			key[j] = side[idx[j]];
		flag_runs(idx + j0, key + j0, j1 - j0, opt->shift_n, out, SPC_SHIFT_HIGH, SPC_SHIFT_LOW);
	}
	/* two of three, within a partition */
	for (int j = 0; j + 2 < k; j++)
		for (int s = -1; s <= 1; s += 2)
		{
			int			a = idx[j],
						b = idx[j + 1],
						c = idx[j + 2];

			if (part != NULL && part[a] != part[c])
				continue;
			if (side[a] != s || side[b] != s || side[c] != s)
				continue;
			if ((band[a] == s) + (band[b] == s) + (band[c] == s) < 2)
				continue;
			for (int t = j; t < j + 3; t++)
				if (band[idx[t]] == s)
					out[idx[t]].rules |= s > 0 ? SPC_TWO3_HIGH : SPC_TWO3_LOW;
		}
	/* the trend, as in spc_xmr: across partitions */
	for (int j = 1; j < k; j++)
		key[j] = y[idx[j]] > y[idx[j - 1]] ? 1 : (y[idx[j]] < y[idx[j - 1]] ? -1 : 0);
	for (int j = 1, start = 1; j <= k; j++)
	{
		if (j < k && key[j] == key[start])
			continue;
		if (start < k && key[start] != 0 && j - start + 1 >= opt->trend_n)
			for (int t = start - 1; t < j; t++)
				out[idx[t]].rules |= key[start] > 0 ? SPC_TREND_UP : SPC_TREND_DOWN;
		start = j;
	}
	for (int i = 0; i < n; i++)
		set_variation(&out[i], opt);
}
