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
 * ORDER BY inside the call.  The state is a float8[] of the values in
 * order, NULLs included (a real type, appended to in place as an expanded
 * array); order matters, so there is no combine function: the aggregate is
 * never split.  The final function only reads the state, so it works as a window
 * function too (a growing sparkline).
 */
#include "postgres.h"

#include <math.h>

#include "catalog/pg_type.h"
#include "kpi.h"
#include "lib/stringinfo.h"
#include "utils/array.h"
#include "utils/builtins.h"

PG_FUNCTION_INFO_V1(sparkline_accum);
PG_FUNCTION_INFO_V1(sparkline_final);
PG_FUNCTION_INFO_V1(sparkline_array);

/* U+2581 .. U+2588 in UTF-8: E2 96 81 .. E2 96 88 */
static const char *const bars[8] =
{"\xe2\x96\x81", "\xe2\x96\x82", "\xe2\x96\x83", "\xe2\x96\x84",
"\xe2\x96\x85", "\xe2\x96\x86", "\xe2\x96\x87", "\xe2\x96\x88"};

#define MIDDLE_BAR 3

/*
 * Append the value (or a NULL) to the state array in place: inside an
 * aggregate the state is a read-write expanded array in the aggregate's
 * memory context, so each row costs amortised O(1).
 */
Datum
sparkline_accum(PG_FUNCTION_ARGS)
{
	MemoryContext aggctx;
	Datum		state;
	ExpandedArrayHeader *eah;
	int			idx;
	int64		next;
	double		v = 0;
	bool		in_agg = AggCheckCallContext(fcinfo, &aggctx);

	/* called directly from SQL: append to a copy, in the caller's context */
	if (!in_agg)
		aggctx = CurrentMemoryContext;
	if (!PG_ARGISNULL(1))
	{
		v = PG_GETARG_FLOAT8(1);
		check_finite_arg(v, "value");
	}
	if (PG_ARGISNULL(0))
		state = EOHPGetRWDatum(&construct_empty_expanded_array(FLOAT8OID, aggctx, NULL)->hdr);
	else if (in_agg && VARATT_IS_EXTERNAL_EXPANDED_RW(DatumGetPointer(PG_GETARG_DATUM(0))))
		state = PG_GETARG_DATUM(0);
	else
		state = expand_array(PG_GETARG_DATUM(0), aggctx, NULL);

	eah = (ExpandedArrayHeader *) DatumGetEOHP(state);
	if (eah->element_type != FLOAT8OID || eah->ndims > 1)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("invalid transition state for kpi.sparkline"),
				 errdetail("The state is a one-dimensional float8 array.")));
	next = eah->ndims == 0 ? 1 : (int64) eah->lbound[0] + eah->dims[0];
	/* 3 bytes of output per point: stay far below the 1 GB text limit */
	if (next > 64 * 1024 * 1024 || (eah->ndims > 0 && eah->dims[0] >= 64 * 1024 * 1024))
		ereport(ERROR,
				(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
				 errmsg("too many points for a sparkline")));
	idx = (int) next;
	PG_RETURN_DATUM(array_set_element(state, 1, &idx, Float8GetDatum(v), PG_ARGISNULL(1),
									  -1, sizeof(float8), FLOAT8PASSBYVAL, TYPALIGN_DOUBLE));
}

static text *
draw(const double *v, const bool *isnull, int n)
{
	StringInfoData buf;
	double		lo = 0,
				hi = 0;
	bool		any = false;

	for (int i = 0; i < n; i++)
	{
		if (isnull[i])
			continue;
		if (!any || v[i] < lo)
			lo = v[i];
		if (!any || v[i] > hi)
			hi = v[i];
		any = true;
	}
	initStringInfo(&buf);
	for (int i = 0; i < n; i++)
	{
		int			bar;

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

static text *draw_array(ArrayType *a);

Datum
sparkline_final(PG_FUNCTION_ARGS)
{
	if (PG_ARGISNULL(0))
		PG_RETURN_NULL();
	PG_RETURN_TEXT_P(draw_array(PG_GETARG_ARRAYTYPE_P(0)));
}

static text *
draw_array(ArrayType *a)
{
	Datum	   *elems;
	bool	   *nulls;
	int			n;
	double	   *v;

	if (ARR_NDIM(a) > 1)
		ereport(ERROR,
				(errcode(ERRCODE_ARRAY_SUBSCRIPT_ERROR),
				 errmsg("kpi.sparkline needs a one-dimensional array")));
	if (ARR_ELEMTYPE(a) != FLOAT8OID)
		elog(ERROR, "kpi.sparkline: not a float8 array");
	deconstruct_array(a, FLOAT8OID, sizeof(float8), FLOAT8PASSBYVAL, TYPALIGN_DOUBLE,
					  &elems, &nulls, &n);
	v = palloc(Max(n, 1) * sizeof(double));
	for (int i = 0; i < n; i++)
	{
		v[i] = nulls[i] ? 0 : DatumGetFloat8(elems[i]);
		if (!nulls[i])
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
