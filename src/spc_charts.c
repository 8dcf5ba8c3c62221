/*
 * spc_charts.c — the other SPC charts, as window functions over a
 * partition ordered by period (as kpi.xmr, spc_sql.c):
 *
 *   kpi.t_chart(event_at)           MDC SQL's T chart: days between events,
 *                                   transformed y = days^(1/3.6); mean and
 *                                   mean MR of y; lines back-transformed:
 *                                   centre mean^3.6, limits
 *                                   (mean ± 2.66 MR̄)^3.6, no lower limit
 *                                   when mean − 2.66 MR̄ < 0.
 *   kpi.g_chart(cases, period)      MDC SQL's G chart: cases between events;
 *                                   upper limit ḡ + 3 √(ḡ(ḡ + 1)), no lower
 *                                   limit; the centre line (and the shift
 *                                   rule) at 0.693 ḡ, the geometric median.
 *   kpi.p_chart(events, denominator, period)
 *                                   PowerBI-SPC's p chart: p̄ = Σd / Σn,
 *                                   limits p̄ ± 3 √(p̄(1 − p̄)/nᵢ) within [0, 1],
 *                                   2σ lines ± 2 √(...).
 *   kpi.u_chart(events, exposure, period)
 *                                   PowerBI-SPC's u chart: ū = Σc / Σn,
 *                                   limits ū ± 3 √(ū / nᵢ), the lower at least 0.
 *
 * A rebase period starts a new partition at the first point on or after
 * it, as for kpi.xmr: each partition has its own centre and limits, the
 * shift and two-of-three rules run within a partition and the trend across
 * them (MDC v2.2).  The rules are MDC's four (spc_rules_float), decided in
 * float8: these lines involve square roots and powers, which no decimal
 * input lies on exactly.  T and G charts have no two-of-three rule on a
 * side without a 2σ line (G: none; T: both, on the transformed scale).
 */
#include "postgres.h"

#include <math.h>

#include "access/htup_details.h"
#include "catalog/pg_type.h"
#include "funcapi.h"
#include "miscadmin.h"
#include "sort.h"
#include "spc.h"
#include "utils/builtins.h"
#include "utils/float.h"
#include "utils/memutils.h"
#include "windowapi.h"

PG_FUNCTION_INFO_V1(kpi_t_chart);
PG_FUNCTION_INFO_V1(kpi_g_chart);
PG_FUNCTION_INFO_V1(kpi_p_chart);
PG_FUNCTION_INFO_V1(kpi_u_chart);

#define SPC_POINT_NATTS 12

typedef enum ChartKind
{
	CHART_T,
	CHART_G,
	CHART_P,
	CHART_U
} ChartKind;

typedef struct ChartRow
{
	KpiPeriod	period;
	double		a;				/* cases, events */
	double		b;				/* denominator, exposure */
	bool		isnull;
	int			row;
} ChartRow;

typedef struct ChartPartition
{
	bool		ready;
	int		   *slot;			/* row position -> index in period order */
	double	   *y,
			   *centre,
			   *lower,
			   *upper,
			   *lower2,
			   *upper2;
	SpcPointResult *res;
} ChartPartition;


static int
chartrow_cmp(const void *x, const void *y, void *arg)
{
	return kpi_period_cmp(*(const int *) arg, ((const ChartRow *) x)->period,
						  ((const ChartRow *) y)->period);
}

static int
kind_of(Oid type)
{
	return type == DATEOID ? KPI_PERIOD_DATE
		: (type == TIMESTAMPTZOID ? KPI_PERIOD_TIMESTAMPTZ : KPI_PERIOD_FLOAT8);
}

static void
check_count_arg(double v, const char *what, bool positive)
{
	check_finite_arg(v, what);
	if (positive ? !(v > 0) : v < 0)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("%s must be %s, not %g", what, positive ? "greater than zero" : "zero or more", v)));
}

static void
chart_compute(FunctionCallInfo fcinfo, WindowObject winobj, ChartPartition *part, ChartKind chart)
{
	MemoryContext partcxt = GetMemoryChunkContext(part);
	/* a T chart of event times has no value; of intervals, one */
	bool		t_intervals = chart == CHART_T &&
		get_fn_expr_argtype(fcinfo->flinfo, 0) == FLOAT8OID;
	int			nvalues = chart == CHART_T ? (t_intervals ? 1 : 0) : (chart == CHART_G ? 1 : 2);
	int			pargno = nvalues;	/* the period follows the values */
	int			kind = kind_of(get_fn_expr_argtype(fcinfo->flinfo, pargno));
	int64		n = WinGetPartitionRowCount(winobj);
	ChartRow   *r;
	SpcOptions	opt;
	bool		isnull;
	Datum		d;
	int			rargno;
	int		   *pno;			/* partition of each point, in period order */
	int			np = 1;
	double	   *psa,
			   *psb;
	int		   *pvalid;

	if (n > KPI_SERIES_MAX_POINTS)
		ereport(ERROR,
				(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
				 errmsg("cannot chart more than %d points", KPI_SERIES_MAX_POINTS)));
	memset(&opt, 0, sizeof(opt));
	d = WinGetFuncArgCurrent(winobj, pargno + 1, &isnull);
	if (isnull)
		ereport(ERROR,
				(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
				 errmsg("polarity must not be NULL")));
	opt.polarity = parse_polarity(DatumGetTextPP(d));
	opt.shift_n = 7;
	opt.trend_n = 7;
	if (chart == CHART_T)
	{
		d = WinGetFuncArgCurrent(winobj, pargno + 2, &isnull);
		opt.screening = isnull ? SPC_SCREEN_NONE : spc_parse_screening(DatumGetTextPP(d));
	}
	/* the rebase periods follow the polarity (and a T chart's screening) */
	rargno = pargno + (chart == CHART_T ? 3 : 2);
	if (rargno < PG_NARGS())
	{
		d = WinGetFuncArgCurrent(winobj, rargno, &isnull);
		spc_rebase_periods(&opt, kind, d, isnull, get_fn_expr_argtype(fcinfo->flinfo, rargno));
	}
	{
		static const char *const names[] = {"kpi.t_chart", "kpi.g_chart", "kpi.p_chart", "kpi.u_chart"};

		spc_window_setting_constant(fcinfo, winobj, pargno + 1, n, "polarity", names[chart]);
		if (chart == CHART_T)
			spc_window_setting_constant(fcinfo, winobj, pargno + 2, n, "screening", names[chart]);
		spc_window_setting_constant(fcinfo, winobj, rargno, n, "rebase", names[chart]);
	}

	r = palloc(sizeof(ChartRow) * Max(n, 1));
	for (int64 j = 0; j < n; j++)
	{
		bool		isout;

		if ((j & 1023) == 0)
			CHECK_FOR_INTERRUPTS();
		d = WinGetFuncArgInPartition(winobj, pargno, (int) j, WINDOW_SEEK_HEAD, false, &isnull, &isout);
		if (isnull)
			ereport(ERROR,
					(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
					 errmsg("%s must not be NULL", chart == CHART_T ? "event time" : "period")));
		r[j].period = kpi_period_from_datum(d, kind);
		r[j].row = (int) j;
		r[j].isnull = false;
		r[j].a = r[j].b = 0;
		for (int a = 0; a < nvalues; a++)
		{
			bool		vnull;
			double		v;

			d = WinGetFuncArgInPartition(winobj, a, (int) j, WINDOW_SEEK_HEAD, false, &vnull, &isout);
			if (vnull)
			{
				r[j].isnull = true;
				continue;
			}
			v = DatumGetFloat8(d);
			if (chart == CHART_G)
				check_count_arg(v, "cases", false);
			else if (chart == CHART_T)
				check_count_arg(v, "time between events", false);
			else if (a == 0)
				check_count_arg(v, "events", false);
			else
				check_count_arg(v, chart == CHART_P ? "denominator" : "exposure", true);
			if (a == 0)
				r[j].a = v;
			else
				r[j].b = v;
		}
		if (chart == CHART_P && !r[j].isnull && r[j].a > r[j].b)
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("events (%g) must not exceed the denominator (%g) in a p chart", r[j].a, r[j].b)));
	}
	kpi_sort(r, n, sizeof(ChartRow), chartrow_cmp, &kind);
	/* a period twice is an error, except between events (two on one day) */
	if (!(chart == CHART_T && !t_intervals))
	{
		KpiPoint   *pts = palloc(sizeof(KpiPoint) * Max(n, 1));

		for (int64 j = 0; j < n; j++)
		{
			pts[j].period = r[j].period;
			pts[j].value = 0;
		}
		kpi_points_sort(kind, pts, (int) n);
	}

	/* partitions: a new one at the first point on or after each rebase period */
	pno = palloc0(sizeof(int) * Max(n, 1));
	{
		int64		j = 0;

		for (int k = 0; k < opt.nrebase; k++)
		{
			while (j < n && kpi_period_cmp(kind, r[j].period, opt.rebase[k]) < 0)
				j++;
			if (j > 0 && j < n)
				pno[j] = 1;		/* starts a partition */
		}
		for (j = 0; j < n; j++)
		{
			np += (j > 0 && pno[j]);
			pno[j] = np - 1;
		}
	}
	psa = palloc0(sizeof(double) * np);
	psb = palloc0(sizeof(double) * np);
	pvalid = palloc0(sizeof(int) * np);

	part->slot = MemoryContextAlloc(partcxt, sizeof(int) * Max(n, 1));
	part->y = MemoryContextAlloc(partcxt, sizeof(double) * Max(n, 1) * 6);
	part->centre = part->y + n;
	part->lower = part->centre + n;
	part->upper = part->lower + n;
	part->lower2 = part->upper + n;
	part->upper2 = part->lower2 + n;
	part->res = MemoryContextAllocZero(partcxt, sizeof(SpcPointResult) * Max(n, 1));
	for (int64 j = 0; j < n; j++)
		part->slot[r[j].row] = (int) j;

	/* the charted value of each point (NaN: no value) */
	for (int64 j = 0; j < n; j++)
	{
		double		y = get_float8_nan();

		switch (chart)
		{
			case CHART_T:
				if (t_intervals)
				{
					if (!r[j].isnull)
						y = r[j].a;
				}
				else if (j > 0)
					y = kpi_period_days(kind, r[j].period) - kpi_period_days(kind, r[j - 1].period);
				break;
			case CHART_G:
				if (!r[j].isnull)
					y = r[j].a;
				break;
			default:
				if (!r[j].isnull)
				{
					y = r[j].a / r[j].b;
					psa[pno[j]] += r[j].a;
					psb[pno[j]] += r[j].b;
				}
				break;
		}
		part->y[j] = y;
		if (!isnan(y))
		{
			pvalid[pno[j]]++;
			if (chart == CHART_G)
				psa[pno[j]] += y;
		}
	}

	if (chart == CHART_T)
	{
		/* MDC: an XmR chart of y^(1/3.6), its lines raised back to 3.6 */
		KpiPoint   *pts = palloc(sizeof(KpiPoint) * Max(n, 1));

		for (int64 j = 0; j < n; j++)
		{
			pts[j].period.t = j;	/* in order: the chart needs no periods */
			pts[j].value = isnan(part->y[j]) ? part->y[j] : pow(part->y[j], 1 / 3.6);
		}
		/* the partitions, as the indices of their first points */
		opt.nrebase = 0;
		opt.rebase = palloc(sizeof(KpiPeriod) * np);
		for (int64 j = 1; j < n; j++)
			if (pno[j] != pno[j - 1])
				opt.rebase[opt.nrebase++].t = j;
		spc_xmr(KPI_PERIOD_TIMESTAMPTZ, pts, (int) n, &opt, part->res, NULL, NULL);
		for (int64 j = 0; j < n; j++)
		{
			const SpcPointResult *o = &part->res[j];
			double		nan = get_float8_nan();

			part->centre[j] = pow(o->centre, 3.6);
			part->upper[j] = o->has_limits ? pow(o->upper, 3.6) : nan;
			part->lower[j] = o->has_limits && o->lower >= 0 ? pow(o->lower, 3.6) : nan;
			part->upper2[j] = o->has_limits ? pow(o->upper2, 3.6) : nan;
			part->lower2[j] = o->has_limits && o->lower2 >= 0 ? pow(o->lower2, 3.6) : nan;
		}
	}
	else if (chart == CHART_G)
	{
		double		nan = get_float8_nan();
		double	   *none = palloc(sizeof(double) * Max(n, 1));

		for (int64 j = 0; j < n; j++)
		{
			double		cbar = pvalid[pno[j]] > 0 ? psa[pno[j]] / pvalid[pno[j]] : nan;

			part->centre[j] = 0.693 * cbar;
			part->upper[j] = cbar + 3 * sqrt(cbar * (cbar + 1));
			part->lower[j] = nan;
			none[j] = nan;
		}
		/* MDC's G chart: beyond the upper limit, shift about 0.693 g, trend */
		spc_rules_float((int) n, part->y, part->centre, part->lower, part->upper,
						none, none, pno, &opt, part->res);
		/* shown, as PowerBI-SPC shows it, but not a rule: g + 2 sqrt(g(g+1)) */
		for (int64 j = 0; j < n; j++)
		{
			double		cbar = pvalid[pno[j]] > 0 ? psa[pno[j]] / pvalid[pno[j]] : nan;

			part->upper2[j] = cbar + 2 * sqrt(cbar * (cbar + 1));
			part->lower2[j] = nan;
		}
	}
	else
	{
		for (int64 j = 0; j < n; j++)
		{
			double		bar = psb[pno[j]] > 0 ? psa[pno[j]] / psb[pno[j]] : get_float8_nan();
			double		sigma;

			if (r[j].isnull)
				sigma = get_float8_nan();
			else if (chart == CHART_P)
				sigma = sqrt(bar * (1 - bar) / r[j].b);
			else
				sigma = sqrt(bar / r[j].b);
			part->centre[j] = bar;
			part->upper[j] = bar + 3 * sigma;
			part->lower[j] = Max(bar - 3 * sigma, 0);
			part->upper2[j] = bar + 2 * sigma;
			part->lower2[j] = Max(bar - 2 * sigma, 0);
			if (chart == CHART_P)
			{
				part->upper[j] = Min(part->upper[j], 1);
				part->upper2[j] = Min(part->upper2[j], 1);
			}
			if (isnan(sigma))
				part->upper[j] = part->lower[j] = part->upper2[j] = part->lower2[j] = get_float8_nan();
		}
		spc_rules_float((int) n, part->y, part->centre, part->lower, part->upper,
						part->lower2, part->upper2, pno, &opt, part->res);
	}
	for (int64 j = 0; j < n; j++)
		if (isinf(part->y[j]) || isinf(part->centre[j]) || isinf(part->upper[j]) ||
			isinf(part->lower[j]) || isinf(part->upper2[j]) || isinf(part->lower2[j]))
			spc_overflow_error();
	part->ready = true;
}

static TupleDesc
chart_tupdesc(FunctionCallInfo fcinfo)
{
	TupleDesc	tupdesc = (TupleDesc) fcinfo->flinfo->fn_extra;

	if (tupdesc == NULL)
	{
		MemoryContext old = MemoryContextSwitchTo(fcinfo->flinfo->fn_mcxt);

		if (get_call_result_type(fcinfo, NULL, &tupdesc) != TYPEFUNC_COMPOSITE ||
			tupdesc->natts != SPC_POINT_NATTS)
			elog(ERROR, "kpi: unexpected result type of an SPC chart");
		tupdesc = BlessTupleDesc(CreateTupleDescCopy(tupdesc));
		MemoryContextSwitchTo(old);
		fcinfo->flinfo->fn_extra = tupdesc;
	}
	return tupdesc;
}

static Datum
chart_point(FunctionCallInfo fcinfo, ChartKind chart)
{
	WindowObject winobj = PG_WINDOW_OBJECT();
	ChartPartition *part = (ChartPartition *) WinGetPartitionLocalMemory(winobj, sizeof(ChartPartition));
	TupleDesc	tupdesc = chart_tupdesc(fcinfo);
	Datum		values[SPC_POINT_NATTS];
	bool		nulls[SPC_POINT_NATTS];
	int			i;
	const SpcPointResult *r;
	double		lines[5];

	if (!part->ready)
		chart_compute(fcinfo, winobj, part, chart);
	i = part->slot[WinGetCurrentPosition(winobj)];
	r = &part->res[i];
	memset(nulls, 0, sizeof(nulls));
	values[0] = Float8GetDatum(part->y[i]);
	nulls[0] = isnan(part->y[i]);
	lines[0] = part->centre[i];
	lines[1] = part->lower[i];
	lines[2] = part->upper[i];
	lines[3] = part->lower2[i];
	lines[4] = part->upper2[i];
	for (int k = 0; k < 5; k++)
	{
		values[1 + k] = Float8GetDatum(lines[k]);
		nulls[1 + k] = isnan(lines[k]);
	}
	values[6] = BoolGetDatum((r->rules & (SPC_ASTRO_HIGH | SPC_ASTRO_LOW)) != 0);
	values[7] = BoolGetDatum((r->rules & (SPC_SHIFT_HIGH | SPC_SHIFT_LOW)) != 0);
	values[8] = BoolGetDatum((r->rules & (SPC_TREND_UP | SPC_TREND_DOWN)) != 0);
	values[9] = BoolGetDatum((r->rules & (SPC_TWO3_HIGH | SPC_TWO3_LOW)) != 0);
	values[10] = BoolGetDatum(r->rules != 0);
	if (nulls[0])
		nulls[11] = true;
	else
		values[11] = CStringGetTextDatum(spc_variation_name(r->variation));
	PG_RETURN_DATUM(HeapTupleGetDatum(heap_form_tuple(tupdesc, values, nulls)));
}

Datum
kpi_t_chart(PG_FUNCTION_ARGS)
{
	return chart_point(fcinfo, CHART_T);
}

Datum
kpi_g_chart(PG_FUNCTION_ARGS)
{
	return chart_point(fcinfo, CHART_G);
}

Datum
kpi_p_chart(PG_FUNCTION_ARGS)
{
	return chart_point(fcinfo, CHART_P);
}

Datum
kpi_u_chart(PG_FUNCTION_ARGS)
{
	return chart_point(fcinfo, CHART_U);
}
