/*
 * spc_sql.c — the SQL faces of the XmR chart (spc.c):
 *
 *   kpi.xmr(value, period, polarity, ...) OVER (PARTITION BY indicator)
 *       a window function: one kpi.xmr_point per row, the row's own point
 *       of its partition's chart.  The points are ordered by period here,
 *       so neither the order rows arrive in nor the window's ORDER BY
 *       changes any answer (the frame is ignored: the chart is the whole
 *       partition's).
 *
 *   kpi.xmr_points(series, polarity, ...)
 *       the same points from a series, one row per point in period order
 *       (with its period and value): no window partitions to sort and
 *       spool, so a LATERAL call per series stays linear.
 *
 *   kpi.xmr_summary(series, polarity, target, ...)
 *       one kpi.xmr_summary row per series: the icons, the latest limits
 *       and the last special cause, for a board table.
 *
 * Settings (polarity, rebase, baseline, centre, screening, shift_n,
 * trend_n, conflict, min_points) hold for a whole partition: constants, or
 * columns constant within an indicator.  The window function refuses a
 * setting that varies within its partition (spc_window_setting_constant).
 */
#include "postgres.h"

#include "access/htup_details.h"
#include "catalog/pg_type.h"
#include "funcapi.h"
#include "miscadmin.h"
#include "sort.h"
#include "spc.h"
#include "utils/array.h"
#include "utils/builtins.h"
#include "utils/date.h"
#include "utils/datum.h"
#include "utils/float.h"
#include "utils/lsyscache.h"
#include "utils/memutils.h"
#include "utils/timestamp.h"
#include "utils/tuplestore.h"
#include "windowapi.h"

PG_FUNCTION_INFO_V1(kpi_xmr_window);
PG_FUNCTION_INFO_V1(kpi_xmr_summary);
PG_FUNCTION_INFO_V1(kpi_xmr_points);

/* argument positions shared by both functions */
#define ARG_REBASE		3
#define ARG_BASELINE	4
#define ARG_CENTRE		5
#define ARG_SCREENING	6
#define ARG_SHIFT_N		7
#define ARG_TREND_N		8
#define ARG_CONFLICT	9

#define XMR_POINT_NATTS		19
#define XMR_SUMMARY_NATTS	15

static int
kind_of_type(Oid type)
{
	switch (type)
	{
		case FLOAT8OID:
			return KPI_PERIOD_FLOAT8;
		case DATEOID:
			return KPI_PERIOD_DATE;
		case TIMESTAMPTZOID:
			return KPI_PERIOD_TIMESTAMPTZ;
	}
	elog(ERROR, "kpi: unexpected period type %u", type);
	return 0;
}

static int
period_cmp_qsort(const void *a, const void *b, void *arg)
{
	return kpi_period_cmp(*(int *) arg, *(const KpiPeriod *) a, *(const KpiPeriod *) b);
}

/*
 * The rebase periods: an array of the period's type, or of any type whose
 * text form reads as one (integers for numeric periods, text, timestamps
 * for dates).  NULL elements are skipped; the result is sorted.
 */
void
spc_rebase_periods(SpcOptions *opt, int kind, Datum arr, bool isnull, Oid arrtype)
{
	ArrayType  *a;
	Oid			elemtype;
	int16		typlen;
	bool		typbyval;
	char		typalign;
	Datum	   *elems;
	bool	   *enulls;
	int			ne;
	int			k = 0;
	Oid			outfunc;
	bool		isvarlena;

	opt->nrebase = 0;
	opt->rebase = NULL;
	if (isnull)
		return;
	a = DatumGetArrayTypeP(arr);
	elemtype = ARR_ELEMTYPE(a);
	if (!OidIsValid(arrtype) || ARR_NDIM(a) > 1)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("rebase must be a one-dimensional array of periods")));
	get_typlenbyvalalign(elemtype, &typlen, &typbyval, &typalign);
	deconstruct_array(a, elemtype, typlen, typbyval, typalign, &elems, &enulls, &ne);
	getTypeOutputInfo(elemtype, &outfunc, &isvarlena);
	opt->rebase = palloc(sizeof(KpiPeriod) * Max(ne, 1));
	for (int i = 0; i < ne; i++)
	{
		Datum		d;

		if ((i & 1023) == 0)
			CHECK_FOR_INTERRUPTS();
		if (enulls[i])
			continue;
		if (elemtype == kpi_period_type(kind))
			d = elems[i];
		else
		{
			char	   *s = OidOutputFunctionCall(outfunc, elems[i]);

			switch (kind)
			{
				case KPI_PERIOD_FLOAT8:
					d = DirectFunctionCall1(float8in, CStringGetDatum(s));
					break;
				case KPI_PERIOD_DATE:
					d = DirectFunctionCall1(date_in, CStringGetDatum(s));
					break;
				default:
					d = DirectFunctionCall3(timestamptz_in, CStringGetDatum(s),
											ObjectIdGetDatum(InvalidOid), Int32GetDatum(-1));
					break;
			}
		}
		opt->rebase[k++] = kpi_period_from_datum(d, kind);
	}
	kpi_sort(opt->rebase, k, sizeof(KpiPeriod), period_cmp_qsort, &kind);
	opt->nrebase = k;
}

typedef Datum (*ArgFetch) (void *ctx, int argno, bool *isnull);

/* the settings at positions 3..9 (and min_points at 10 when given) */
static void
read_options(SpcOptions *opt, int kind, ArgFetch fetch, void *ctx, Oid rebase_type,
			 int min_points_arg)
{
	bool		isnull;
	Datum		d;

	d = fetch(ctx, ARG_REBASE, &isnull);
	spc_rebase_periods(opt, kind, d, isnull, rebase_type);
	d = fetch(ctx, ARG_BASELINE, &isnull);
	opt->baseline = isnull ? 0 : DatumGetInt32(d);
	if (!isnull && opt->baseline == 0)
		opt->baseline = -1;		/* rejected below: 0 is not a baseline */
	d = fetch(ctx, ARG_CENTRE, &isnull);
	opt->median = isnull ? false : spc_parse_centre(DatumGetTextPP(d));
	d = fetch(ctx, ARG_SCREENING, &isnull);
	opt->screening = isnull ? SPC_SCREEN_NONE : spc_parse_screening(DatumGetTextPP(d));
	d = fetch(ctx, ARG_SHIFT_N, &isnull);
	opt->shift_n = isnull ? 7 : DatumGetInt32(d);
	d = fetch(ctx, ARG_TREND_N, &isnull);
	opt->trend_n = isnull ? 7 : DatumGetInt32(d);
	d = fetch(ctx, ARG_CONFLICT, &isnull);
	opt->concern_wins = isnull ? false : spc_parse_conflict(DatumGetTextPP(d));
	opt->min_points = 15;
	if (min_points_arg >= 0)
	{
		d = fetch(ctx, min_points_arg, &isnull);
		if (!isnull)
			opt->min_points = DatumGetInt32(d);
	}
	spc_check_options(opt);
}

static Polarity
read_polarity(Datum d, bool isnull)
{
	if (isnull)
		ereport(ERROR,
				(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
				 errmsg("polarity must not be NULL"),
				 errhint("Write 'higher', 'lower' or 'none'.")));
	return parse_polarity(DatumGetTextPP(d));
}

/* ------------------------------------------------------- window function */

/* equal as values of a type of length typlen (varlenas detoasted first) */
static bool
setting_equal(Datum a, Datum b, bool typbyval, int16 typlen)
{
	if (typlen == -1)
	{
		struct varlena *x = PG_DETOAST_DATUM_PACKED(a);
		struct varlena *y = PG_DETOAST_DATUM_PACKED(b);

		return VARSIZE_ANY_EXHDR(x) == VARSIZE_ANY_EXHDR(y) &&
			memcmp(VARDATA_ANY(x), VARDATA_ANY(y), VARSIZE_ANY_EXHDR(x)) == 0;
	}
	return datumIsEqual(a, b, typbyval, typlen);
}

/*
 * A window function charts its whole partition with the settings of one
 * row, so a setting that varies within a partition is refused rather than
 * silently taken from whichever row came first (a constant, the usual
 * case, is not read at all).
 */
void
spc_window_setting_constant(FunctionCallInfo fcinfo, WindowObject winobj, int argno,
							int64 nrows, const char *name, const char *caller)
{
	Oid			type;
	int16		typlen;
	bool		typbyval;
	bool		first_null,
				isnull,
				isout;
	Datum		first,
				d;

	if (argno >= PG_NARGS() || nrows < 2 || get_fn_expr_arg_stable(fcinfo->flinfo, argno))
		return;
	type = get_fn_expr_argtype(fcinfo->flinfo, argno);
	get_typlenbyval(type, &typlen, &typbyval);
	first = WinGetFuncArgInPartition(winobj, argno, 0, WINDOW_SEEK_HEAD, false, &first_null, &isout);
	if (!first_null)
		first = datumCopy(first, typbyval, typlen);		/* the next row replaces it */
	for (int64 j = 1; j < nrows; j++)
	{
		if ((j & 1023) == 0)
			CHECK_FOR_INTERRUPTS();
		d = WinGetFuncArgInPartition(winobj, argno, (int) j, WINDOW_SEEK_HEAD, false, &isnull, &isout);
		if (isnull != first_null || (!isnull && !setting_equal(first, d, typbyval, typlen)))
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("%s must be the same in every row of a window partition", name),
					 errdetail("Rows 1 and " INT64_FORMAT " of the partition give different values.", j + 1),
					 errhint("%s charts each window partition with one set of settings: partition by the indicator (PARTITION BY ...), or give %s as a constant.",
							 caller, name)));
	}
}

typedef struct XmrPartition
{
	bool		ready;
	int			n;
	int		   *slot;			/* row position in the partition -> point */
	SpcPointResult *res;
} XmrPartition;

typedef struct RowPoint
{
	KpiPoint	pt;
	int			row;
} RowPoint;

static int
rowpoint_cmp(const void *a, const void *b, void *arg)
{
	return kpi_period_cmp(*(int *) arg, ((const RowPoint *) a)->pt.period,
						  ((const RowPoint *) b)->pt.period);
}

static Datum
window_fetch(void *ctx, int argno, bool *isnull)
{
	return WinGetFuncArgCurrent((WindowObject) ctx, argno, isnull);
}

static void
xmr_partition_compute(FunctionCallInfo fcinfo, WindowObject winobj, XmrPartition *part)
{
	MemoryContext partcxt = GetMemoryChunkContext(part);
	int			kind = kind_of_type(get_fn_expr_argtype(fcinfo->flinfo, 1));
	int64		nrows = WinGetPartitionRowCount(winobj);
	RowPoint   *rp;
	KpiPoint   *pts;
	SpcOptions	opt;
	bool		isnull;
	Datum		d;

	if (nrows > KPI_SERIES_MAX_POINTS)
		ereport(ERROR,
				(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
				 errmsg("kpi.xmr cannot chart more than %d points", KPI_SERIES_MAX_POINTS)));
	memset(&opt, 0, sizeof(opt));
	d = WinGetFuncArgCurrent(winobj, 2, &isnull);
	opt.polarity = read_polarity(d, isnull);
	read_options(&opt, kind, window_fetch, winobj, get_fn_expr_argtype(fcinfo->flinfo, ARG_REBASE), -1);
	{
		static const char *const setting[] = {
			"polarity", "rebase", "baseline", "centre", "screening", "shift_n", "trend_n", "conflict"
		};

		for (int a = 2; a <= ARG_CONFLICT; a++)
			spc_window_setting_constant(fcinfo, winobj, a, nrows, setting[a - 2], "kpi.xmr");
	}

	/*
	 * The periods, then the values: each pass reads the partition's rows in
	 * order, one step at a time (reading two arguments of one row goes back
	 * a row in the window's buffer).
	 */
	rp = palloc(sizeof(RowPoint) * Max(nrows, 1));
	for (int64 j = 0; j < nrows; j++)
	{
		bool		isout;
		Datum		p;

		if ((j & 1023) == 0)
			CHECK_FOR_INTERRUPTS();
		p = WinGetFuncArgInPartition(winobj, 1, (int) j, WINDOW_SEEK_HEAD, false, &isnull, &isout);
		if (isnull)
			ereport(ERROR,
					(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
					 errmsg("period must not be NULL"),
					 errhint("Every point of a chart needs its period; a NULL value (not period) is a ghosted point.")));
		rp[j].pt.period = kpi_period_from_datum(p, kind);
		rp[j].row = (int) j;
	}
	for (int64 j = 0; j < nrows; j++)
	{
		bool		isout;
		Datum		v;

		if ((j & 1023) == 0)
			CHECK_FOR_INTERRUPTS();
		v = WinGetFuncArgInPartition(winobj, 0, (int) j, WINDOW_SEEK_HEAD, false, &isnull, &isout);
		if (isnull)
			rp[j].pt.value = get_float8_nan();
		else
		{
			rp[j].pt.value = DatumGetFloat8(v);
			check_finite_arg(rp[j].pt.value, "value");
		}
	}
	/* rows often arrive in period order (a window ORDER BY period): no sort then */
	for (int64 j = 1; j < nrows; j++)
		if (kpi_period_cmp(kind, rp[j - 1].pt.period, rp[j].pt.period) >= 0)
		{
			kpi_sort(rp, nrows, sizeof(RowPoint), rowpoint_cmp, &kind);
			break;
		}
	pts = palloc(sizeof(KpiPoint) * Max(nrows, 1));
	for (int64 j = 0; j < nrows; j++)
		pts[j] = rp[j].pt;
	kpi_points_sort(kind, pts, (int) nrows);	/* sorted: only finds duplicates */

	part->n = (int) nrows;
	part->res = MemoryContextAlloc(partcxt, sizeof(SpcPointResult) * Max(nrows, 1));
	part->slot = MemoryContextAlloc(partcxt, sizeof(int) * Max(nrows, 1));
	for (int64 j = 0; j < nrows; j++)
		part->slot[rp[j].row] = (int) j;
	spc_xmr(kind, pts, (int) nrows, &opt, part->res, NULL, NULL);
	part->ready = true;
}

/* ------------------------------------------------ forming result rows */

/* per call site: the result row type (blessed once) and the variation names as text */
typedef struct XmrCallCache
{
	TupleDesc	tupdesc;
	Datum		variation[SPC_VARIATIONS];
} XmrCallCache;

static XmrCallCache *
call_cache(FunctionCallInfo fcinfo, int natts, bool bless)
{
	XmrCallCache *cc = (XmrCallCache *) fcinfo->flinfo->fn_extra;

	if (cc == NULL)
	{
		MemoryContext old = MemoryContextSwitchTo(fcinfo->flinfo->fn_mcxt);
		TupleDesc	tupdesc;

		if (get_call_result_type(fcinfo, NULL, &tupdesc) != TYPEFUNC_COMPOSITE)
			elog(ERROR, "kpi: return type must be a row type");
		if (tupdesc->natts != natts)
			elog(ERROR, "kpi: unexpected number of result columns");
		cc = palloc0(sizeof(XmrCallCache));
		cc->tupdesc = CreateTupleDescCopy(tupdesc);
		if (bless)
			cc->tupdesc = BlessTupleDesc(cc->tupdesc);
		for (int v = 0; v < SPC_VARIATIONS; v++)
			cc->variation[v] = CStringGetTextDatum(spc_variation_name((SpcVariation) v));
		MemoryContextSwitchTo(old);
		fcinfo->flinfo->fn_extra = cc;
	}
	return cc;
}

/* the columns of a kpi.xmr_point from the engine's result (text as C strings) */
static void
xmr_point_values(const XmrCallCache *cc, const SpcPointResult *r, Datum *values, bool *nulls)
{
	memset(nulls, 0, sizeof(bool) * XMR_POINT_NATTS);
	values[0] = Int32GetDatum(r->partition);
	values[1] = BoolGetDatum(r->ghosted);
	values[2] = Float8GetDatum(r->centre);
	values[3] = Float8GetDatum(r->lower);
	values[4] = Float8GetDatum(r->upper);
	values[5] = Float8GetDatum(r->lower2);
	values[6] = Float8GetDatum(r->upper2);
	values[7] = Float8GetDatum(r->lower1);
	values[8] = Float8GetDatum(r->upper1);
	for (int i = 3; i <= 8; i++)
		nulls[i] = !r->has_limits;
	values[9] = Float8GetDatum(r->mr);
	nulls[9] = !r->has_mr;
	values[10] = Float8GetDatum(r->mr_mean);
	values[11] = Float8GetDatum(r->mr_upper);
	nulls[10] = nulls[11] = !r->has_limits;
	values[12] = BoolGetDatum(r->mr_above);
	values[13] = BoolGetDatum((r->rules & (SPC_ASTRO_HIGH | SPC_ASTRO_LOW)) != 0);
	values[14] = BoolGetDatum((r->rules & (SPC_SHIFT_HIGH | SPC_SHIFT_LOW)) != 0);
	values[15] = BoolGetDatum((r->rules & (SPC_TREND_UP | SPC_TREND_DOWN)) != 0);
	values[16] = BoolGetDatum((r->rules & (SPC_TWO3_HIGH | SPC_TWO3_LOW)) != 0);
	values[17] = BoolGetDatum(r->rules != 0);
	if (r->ghosted)
		nulls[18] = true;
	else
		values[18] = cc->variation[r->variation];
}

Datum
kpi_xmr_window(PG_FUNCTION_ARGS)
{
	WindowObject winobj = PG_WINDOW_OBJECT();
	XmrPartition *part = (XmrPartition *) WinGetPartitionLocalMemory(winobj, sizeof(XmrPartition));
	const SpcPointResult *r;
	Datum		values[XMR_POINT_NATTS];
	bool		nulls[XMR_POINT_NATTS];
	XmrCallCache *cc = call_cache(fcinfo, XMR_POINT_NATTS, true);
	int64		pos;

	if (!part->ready)
		xmr_partition_compute(fcinfo, winobj, part);
	pos = WinGetCurrentPosition(winobj);
	r = &part->res[part->slot[pos]];

	xmr_point_values(cc, r, values, nulls);
	PG_RETURN_DATUM(HeapTupleGetDatum(heap_form_tuple(cc->tupdesc, values, nulls)));
}

/* -------------------------------------------------------------- summary */

static Datum
fcinfo_fetch(void *ctx, int argno, bool *isnull)
{
	FunctionCallInfo fcinfo = (FunctionCallInfo) ctx;

	*isnull = PG_ARGISNULL(argno);
	return *isnull ? (Datum) 0 : PG_GETARG_DATUM(argno);
}

Datum
kpi_xmr_summary(PG_FUNCTION_ARGS)
{
	const KpiSeries *s;
	SpcOptions	opt;
	SpcPointResult *res;
	SpcAssurance assurance;
	double		target;
	Datum		values[XMR_SUMMARY_NATTS];
	bool		nulls[XMR_SUMMARY_NATTS];
	int			valid = 0,
				last = -1,
				last_sc = -1,
				since = 0,
				improvement = 0,
				concern = 0;

	if (PG_ARGISNULL(0))
		PG_RETURN_NULL();
	s = kpi_series_arg(fcinfo, 0, "kpi.xmr_summary");
	memset(&opt, 0, sizeof(opt));
	opt.polarity = read_polarity(PG_ARGISNULL(1) ? (Datum) 0 : PG_GETARG_DATUM(1), PG_ARGISNULL(1));
	if (!PG_ARGISNULL(2))
	{
		target = PG_GETARG_FLOAT8(2);
		check_finite_arg(target, "target");
	}
	read_options(&opt, s->kind, fcinfo_fetch, fcinfo, get_fn_expr_argtype(fcinfo->flinfo, ARG_REBASE), 10);

	res = palloc(sizeof(SpcPointResult) * Max(s->n, 1));
	spc_xmr(s->kind, s->points, s->n, &opt, res, PG_ARGISNULL(2) ? NULL : &target, &assurance);

	for (int i = 0; i < s->n; i++)
	{
		if (res[i].ghosted)
			continue;
		valid++;
		last = i;
		since++;
		if (res[i].rules != 0)
		{
			last_sc = i;
			since = 0;
		}
		if (res[i].variation == SPC_IMPROVEMENT)
			improvement++;
		else if (res[i].variation == SPC_CONCERN)
			concern++;
	}

	memset(nulls, 0, sizeof(nulls));
	values[0] = Int32GetDatum(valid);
	values[1] = Int32GetDatum(s->n - valid);
	values[2] = Int32GetDatum(s->n > 0 ? res[s->n - 1].partition : 0);
	if (last < 0)
	{
		for (int i = 3; i <= 12; i++)
			nulls[i] = true;
	}
	else
	{
		const SpcPointResult *r = &res[last];

		values[3] = Float8GetDatum(s->points[last].value);
		values[4] = Float8GetDatum(r->centre);
		values[5] = Float8GetDatum(r->lower);
		values[6] = Float8GetDatum(r->upper);
		values[7] = Float8GetDatum(r->mr_mean);
		nulls[5] = nulls[6] = nulls[7] = !r->has_limits;
		values[8] = BoolGetDatum(r->rules != 0);
		if (valid >= opt.min_points)
			values[9] = CStringGetTextDatum(spc_variation_icon(r->variation, opt.polarity));
		else
			nulls[9] = true;
		if (valid >= opt.min_points && assurance != SPC_ASSURANCE_NONE)
			values[10] = CStringGetTextDatum(spc_assurance_name(assurance));
		else
			nulls[10] = true;
		if (last_sc >= 0)
		{
			values[11] = CStringGetTextDatum(kpi_period_cstring(s->kind, s->points[last_sc].period));
			values[12] = Int32GetDatum(since);
		}
		else
			nulls[11] = nulls[12] = true;
	}
	values[13] = Int32GetDatum(improvement);
	values[14] = Int32GetDatum(concern);
	PG_RETURN_DATUM(kpi_result_row(fcinfo, values, nulls, XMR_SUMMARY_NATTS));
}

/* ----------------------------------------------------- points of a series */

#define XMR_POINTS_NATTS	(XMR_POINT_NATTS + 2)

/* kpi.xmr_points has no value and period arguments: its settings start at 2 */
static Datum
series_points_fetch(void *ctx, int argno, bool *isnull)
{
	return fcinfo_fetch(ctx, argno - 1, isnull);
}

Datum
kpi_xmr_points(PG_FUNCTION_ARGS)
{
	ReturnSetInfo *rsinfo = (ReturnSetInfo *) fcinfo->resultinfo;
	const KpiSeries *s;
	SpcOptions	opt;
	SpcPointResult *res;
	XmrCallCache *cc;
	Tuplestorestate *store;
	MemoryContext old;
	Datum		values[XMR_POINTS_NATTS];
	bool		nulls[XMR_POINTS_NATTS];

	if (rsinfo == NULL || !IsA(rsinfo, ReturnSetInfo) ||
		(rsinfo->allowedModes & SFRM_Materialize) == 0)
		ereport(ERROR,
				(errcode(ERRCODE_FEATURE_NOT_SUPPORTED),
				 errmsg("set-valued function called in context that cannot accept a set")));

	/* the row type is read once per call site (the executor frees setDesc) */
	cc = call_cache(fcinfo, XMR_POINTS_NATTS, false);
	old = MemoryContextSwitchTo(rsinfo->econtext->ecxt_per_query_memory);
	store = tuplestore_begin_heap((rsinfo->allowedModes & SFRM_Materialize_Random) != 0, false, work_mem);
	rsinfo->returnMode = SFRM_Materialize;
	rsinfo->setResult = store;
	rsinfo->setDesc = CreateTupleDescCopy(cc->tupdesc);
	MemoryContextSwitchTo(old);

	/* a NULL series has no points, as kpi.xmr_summary of NULL is NULL */
	if (PG_ARGISNULL(0))
		return (Datum) 0;
	s = kpi_series_arg(fcinfo, 0, "kpi.xmr_points");
	memset(&opt, 0, sizeof(opt));
	opt.polarity = read_polarity(PG_ARGISNULL(1) ? (Datum) 0 : PG_GETARG_DATUM(1), PG_ARGISNULL(1));
	read_options(&opt, s->kind, series_points_fetch, fcinfo,
				 get_fn_expr_argtype(fcinfo->flinfo, ARG_REBASE - 1), -1);
	if (s->n == 0)
		return (Datum) 0;

	res = palloc(sizeof(SpcPointResult) * s->n);
	spc_xmr(s->kind, s->points, s->n, &opt, res, NULL, NULL);
	for (int i = 0; i < s->n; i++)
	{
		union
		{
			int32		align;		/* a varlena header is 4-byte aligned */
			char		data[VARHDRSZ + KPI_PERIOD_BUFLEN];
		}			period;

		if ((i & 1023) == 0)
			CHECK_FOR_INTERRUPTS();
		xmr_point_values(cc, &res[i], values + 2, nulls + 2);
		/* the period's text in a stack buffer: tuplestore_putvalues copies it */
		SET_VARSIZE(period.data, VARHDRSZ + kpi_period_to_buf(s->kind, s->points[i].period,
															   period.data + VARHDRSZ));
		values[0] = PointerGetDatum(period.data);
		nulls[0] = false;
		values[1] = Float8GetDatum(s->points[i].value);
		nulls[1] = res[i].ghosted;
		tuplestore_putvalues(store, cc->tupdesc, values, nulls);
	}
	return (Datum) 0;
}
