/*
 * sparkline.c — kpi.sparkline(value ORDER BY x): a series drawn with the
 * eight block characters ▁▂▃▄▅▆▇█, one per row, for text reports (the
 * report's Trend column).
 *
 * Scaling: the smallest value of the series is ▁ and the largest █; a value
 * v is bar round((v - min) / (max - min) × 7).  NULL draws a space (a gap).
 * A constant series has no scale: every point is the middle bar ▄, so a
 * flat line reads as flat rather than as all-low or all-high.
 *
 * The order of the bars is the order the rows reach the aggregate, so write
 * ORDER BY inside the call.  The state is a kpi.state of the values in
 * order (see state.h), a NULL kept as NaN: the values are checked finite,
 * so NaN is free to mark a gap.  Order matters, so there is no combine
 * function: the aggregate is never split.  The final function only reads
 * the state, so it works as a window function too (a growing sparkline).
 *
 * A state holds at most KPI_STATE_MAX_VALUES points (40 million: 120 MB of
 * bars); the loops over them answer a cancel every CHECK_EVERY points.
 */
#include "postgres.h"

#include <math.h>

#include "catalog/pg_type.h"
#include "kpi.h"
#include "lib/stringinfo.h"
#include "glyphs.h"
#include "miscadmin.h"
#include "state.h"
#include "utils/array.h"
#include "utils/arrayaccess.h"
#include "utils/builtins.h"
#include "utils/float.h"

PG_FUNCTION_INFO_V1(sparkline_accum);
PG_FUNCTION_INFO_V1(sparkline_final);
PG_FUNCTION_INFO_V1(sparkline_array);

/* points between interrupt checks: well under a millisecond of work */
#define CHECK_EVERY		65536
#define CHECK_AT(i)		do { if (((i) & (CHECK_EVERY - 1)) == 0) CHECK_FOR_INTERRUPTS(); } while (0)

/* U+2581 .. U+2588 (E2 96 81 .. E2 96 88 in UTF-8); the digits 1 .. 8 in ASCII */
static KpiGlyphs bar_glyphs = KPI_GLYPHS(8,
	{"\xe2\x96\x81", "\xe2\x96\x82", "\xe2\x96\x83", "\xe2\x96\x84",
	 "\xe2\x96\x85", "\xe2\x96\x86", "\xe2\x96\x87", "\xe2\x96\x88"},
	{"1", "2", "3", "4", "5", "6", "7", "8"});

#define MIDDLE_BAR 3

/*
 * The state reaches us through SQL-callable functions: every value must be
 * finite, or NaN for a gap.
 */
static void
check_sparkline_state(const KpiState *st)
{
	for (int i = 0; i < st->n; i++)
	{
		CHECK_AT(i);
		if (isinf(st->values[i]))
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("invalid transition state for kpi.sparkline"),
					 errdetail("Every value must be a finite number, or NaN for a NULL.")));
	}
}

/*
 * Append the value (NaN for a NULL) to the state.  Inside an aggregate the
 * state is the aggregate's own, grown in place, so each row costs amortised
 * O(1); called directly from SQL, kpi_state_arg works on a copy, which is
 * checked whole.
 */
Datum
sparkline_accum(PG_FUNCTION_ARGS)
{
	KpiState   *st;
	double		v = get_float8_nan();

	if (!PG_ARGISNULL(1))
	{
		v = PG_GETARG_FLOAT8(1);
		check_finite_arg(v, "value");
	}
	st = kpi_state_arg(fcinfo, 0, -1, "kpi.sparkline");
	if (!AggCheckCallContext(fcinfo, NULL))
		check_sparkline_state(st);
	/* the size limit (54000) is kpi.state's own, checked by the append */
	PG_RETURN_KPI_STATE(kpi_state_append(fcinfo, st, &v, 1));
}

static text *
draw(const double *v, const bool *isnull, int n)
{
	StringInfoData buf;
	double		lo = 0,
				hi = 0;
	bool		any = false;
	const char *const *bars = kpi_glyphs(&bar_glyphs);

	for (int i = 0; i < n; i++)
	{
		CHECK_AT(i);
		if (isnull[i])
			continue;
		if (!any || v[i] < lo)
			lo = v[i];
		if (!any || v[i] > hi)
			hi = v[i];
		any = true;
	}
	initStringInfo(&buf);
	enlargeStringInfo(&buf, 3 * n);
	for (int i = 0; i < n; i++)
	{
		int			bar;

		CHECK_AT(i);
		if (isnull[i])
		{
			appendStringInfoChar(&buf, ' ');
			continue;
		}
		if (hi == lo)
			bar = MIDDLE_BAR;
		else
		{
			/*
			 * hi - lo may overflow: then halve first (exact for such large
			 * values).  Never halve otherwise: halving a subnormal range
			 * can round it to 0 and make the ratio NaN.
			 */
			double		range = hi - lo;
			double		r = isfinite(range) ? (v[i] - lo) / range
				: (v[i] / 2 - lo / 2) / (hi / 2 - lo / 2);

			bar = (int) rint(r * 7);
			bar = Max(0, Min(7, bar));
		}
		appendStringInfoString(&buf, bars[bar]);
	}
	return cstring_to_text_with_len(buf.data, buf.len);
}

Datum
sparkline_final(PG_FUNCTION_ARGS)
{
	const KpiState *st;
	bool	   *nulls;

	if (PG_ARGISNULL(0))
		PG_RETURN_NULL();
	st = kpi_state_arg_ro(fcinfo, 0, -1, "kpi.sparkline");
	check_sparkline_state(st);
	nulls = palloc(Max(st->n, 1) * sizeof(bool));
	for (int i = 0; i < st->n; i++)
	{
		CHECK_AT(i);
		nulls[i] = isnan(st->values[i]);
	}
	PG_RETURN_TEXT_P(draw(st->values, nulls, st->n));
}

static text *
draw_array(ArrayType *a)
{
	array_iter	it;
	bool	   *nulls;
	int			n;
	double	   *v;

	if (ARR_NDIM(a) > 1)
		ereport(ERROR,
				(errcode(ERRCODE_ARRAY_SUBSCRIPT_ERROR),
				 errmsg("kpi.sparkline needs a one-dimensional array")));
	if (ARR_ELEMTYPE(a) != FLOAT8OID)
		elog(ERROR, "kpi.sparkline: not a float8 array");
	/* array_iter_next rather than deconstruct_array, for the cancel checks */
	n = ArrayGetNItems(ARR_NDIM(a), ARR_DIMS(a));
	v = palloc(Max(n, 1) * sizeof(double));
	nulls = palloc(Max(n, 1) * sizeof(bool));
	array_iter_setup(&it, (AnyArrayType *) a);
	for (int i = 0; i < n; i++)
	{
		CHECK_AT(i);
		v[i] = DatumGetFloat8(array_iter_next(&it, &nulls[i], i, sizeof(float8),
											  FLOAT8PASSBYVAL, TYPALIGN_DOUBLE));
		if (nulls[i])
			v[i] = 0;
		else
			check_finite_arg(v[i], "value");
	}
	return draw(v, nulls, n);
}

/* kpi.sparkline(float8[]): the same drawing for an array, in array order */
Datum
sparkline_array(PG_FUNCTION_ARGS)
{
	PG_RETURN_TEXT_P(draw_array(PG_GETARG_ARRAYTYPE_P(0)));
}

/* ------------------------------------------------------------------------
 * Period-aware forms (issue 10): the bars in period order, whatever the
 * order rows arrive in.  The aggregate kpi.sparkline(value, period) builds a
 * kpi.series (series.c), so it has a combine function and can be split.
 */
#include "series.h"

PG_FUNCTION_INFO_V1(sparkline_series);

/* kpi.sparkline(kpi.series) and the final function of kpi.sparkline(value, period) */
Datum
sparkline_series(PG_FUNCTION_ARGS)
{
	const KpiSeries *s;
	double	   *v;
	bool	   *nulls;

	if (PG_ARGISNULL(0))
		PG_RETURN_NULL();
	s = kpi_series_arg(fcinfo, 0, "kpi.sparkline");	/* at most 10M points */
	v = palloc(Max(s->n, 1) * sizeof(double));
	nulls = palloc(Max(s->n, 1) * sizeof(bool));
	for (int i = 0; i < s->n; i++)
	{
		CHECK_AT(i);
		nulls[i] = KPI_POINT_GHOSTED(&s->points[i]);
		v[i] = nulls[i] ? 0 : s->points[i].value;
	}
	PG_RETURN_TEXT_P(draw(v, nulls, s->n));
}
