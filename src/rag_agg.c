/*
 * rag_agg.c — counting aggregates over kpi.rag: kpi.rag_counts,
 * kpi.brag_counts and kpi.rag_summary.
 *
 * All three share one transition state, a bigint array holding the number
 * of unrated (NULL), red, amber and green inputs, and of blue ones in a
 * fifth element: the state starts as 0.1.0's bigint[4] and grows to five
 * elements when the first blue rating (0.2.0) arrives, so the aggregates'
 * initial conditions, and states that 0.1.0 shipped, stay valid.  A real
 * array type rather than `internal` lets parallel query and Citus split the
 * aggregate and ship partial states as text without a serialize step.  The
 * same functions serve moving-aggregate (window) mode, where a row leaving
 * the frame is subtracted exactly.
 *
 * kpi.rag_counts keeps 0.1.0's four columns (red, amber, green, unrated), so
 * values stored by 0.1.0 dump, restore and update unchanged; a blue rating
 * has met the green target and counts as green there, so red + amber +
 * green + unrated is still the number of rows.  kpi.brag_counts has a fifth
 * column, blue, and counts blue apart from green.
 */
#include "postgres.h"

#include "access/htup_details.h"
#include "common/int.h"
#include "catalog/pg_type.h"
#include "funcapi.h"
#include "kpi.h"
#include "lib/stringinfo.h"
#include "utils/array.h"
#include "utils/builtins.h"

PG_FUNCTION_INFO_V1(rag_counts_accum);
PG_FUNCTION_INFO_V1(rag_counts_accum_inv);
PG_FUNCTION_INFO_V1(rag_counts_combine);
PG_FUNCTION_INFO_V1(rag_counts_final);
PG_FUNCTION_INFO_V1(brag_counts_final);
PG_FUNCTION_INFO_V1(rag_summary_final);

#define COUNT_UNRATED	0		/* slot of NULL inputs; slots 1..4 are the codes */
#define N_COUNTS_OLD	4		/* no blue slot */
#define N_COUNTS		5

/*
 * The state arrives through SQL-callable functions, so check its shape
 * before touching its data.
 */
static int64 *
counts_of(ArrayType *state, const char *caller, int *n)
{
	int64	   *counts;
	bool		ok;

	ok = ARR_NDIM(state) == 1 &&
		(ARR_DIMS(state)[0] == N_COUNTS || ARR_DIMS(state)[0] == N_COUNTS_OLD) &&
		!ARR_HASNULL(state) && ARR_ELEMTYPE(state) == INT8OID;
	*n = ok ? ARR_DIMS(state)[0] : 0;
	counts = ok ? (int64 *) ARR_DATA_PTR(state) : NULL;
	for (int i = 0; ok && i < *n; i++)
		ok = counts[i] >= 0;
	if (!ok)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("%s: invalid transition state", caller),
				 errdetail("The state of kpi.rag_counts is a bigint array of 4 or 5 counts, none NULL or negative.")));
	return counts;
}

/* a five-element copy of a four-element state (blue 0) */
static ArrayType *
grown(const int64 *counts)
{
	Datum		elems[N_COUNTS];

	for (int i = 0; i < N_COUNTS_OLD; i++)
		elems[i] = Int64GetDatum(counts[i]);
	elems[RAG_BLUE] = Int64GetDatum(0);
	return construct_array(elems, N_COUNTS, INT8OID, sizeof(int64), FLOAT8PASSBYVAL, TYPALIGN_DOUBLE);
}

/* count + more, refusing to wrap around (only a crafted state gets there) */
static int64
count_add(int64 count, int64 more)
{
	int64		sum;

	if (pg_add_s64_overflow(count, more, &sum))
		ereport(ERROR,
				(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
				 errmsg("kpi.rag_counts: count out of range for type bigint")));
	return sum;
}

/*
 * Inside an aggregate the state belongs to us and is updated in place (as
 * PostgreSQL's own int8 and float8 accumulators do); called directly from
 * SQL, work on a copy.
 */
static ArrayType *
state_for_update(FunctionCallInfo fcinfo, int argno)
{
	if (AggCheckCallContext(fcinfo, NULL))
		return PG_GETARG_ARRAYTYPE_P(argno);
	return PG_GETARG_ARRAYTYPE_P_COPY(argno);
}

/* slot 1..3 for a rating, COUNT_UNRATED for NULL */
static int
slot_of(FunctionCallInfo fcinfo, int argno)
{
	Rag			r;

	if (PG_ARGISNULL(argno))
		return COUNT_UNRATED;
	r = PG_GETARG_RAG(argno);
	if (!RAG_IS_VALID(r))
		elog(ERROR, "invalid kpi.rag code %d", (int) r);
	return r;
}

Datum
rag_counts_accum(PG_FUNCTION_ARGS)
{
	ArrayType  *state;
	int64	   *counts;
	int			n;
	int			slot;

	if (PG_ARGISNULL(0))
		ereport(ERROR,
				(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
				 errmsg("kpi.rag_counts: transition state must not be NULL")));
	state = state_for_update(fcinfo, 0);
	counts = counts_of(state, "kpi.rag_counts", &n);
	slot = slot_of(fcinfo, 1);
	if (slot >= n)
	{
		state = grown(counts);
		counts = (int64 *) ARR_DATA_PTR(state);
	}
	counts[slot] = count_add(counts[slot], 1);
	PG_RETURN_ARRAYTYPE_P(state);
}

Datum
rag_counts_accum_inv(PG_FUNCTION_ARGS)
{
	ArrayType  *state;
	int64	   *counts;
	int			n;
	int			slot;

	if (PG_ARGISNULL(0))
		ereport(ERROR,
				(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
				 errmsg("kpi.rag_counts: transition state must not be NULL")));
	state = state_for_update(fcinfo, 0);
	counts = counts_of(state, "kpi.rag_counts", &n);
	slot = slot_of(fcinfo, 1);
	/* reachable from SQL: the function can be called with any array */
	if (slot >= n || counts[slot] <= 0)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("kpi.rag_counts: removing a row that was never counted"),
				 errdetail("The transition state holds no %s rating.",
						   slot == COUNT_UNRATED ? "unrated" : rag_name((Rag) slot))));
	counts[slot]--;
	PG_RETURN_ARRAYTYPE_P(state);
}

Datum
rag_counts_combine(PG_FUNCTION_ARGS)
{
	ArrayType  *state = state_for_update(fcinfo, 0);
	int			n;
	int			n_other;
	int64	   *counts = counts_of(state, "kpi.rag_counts", &n);
	int64	   *other = counts_of(PG_GETARG_ARRAYTYPE_P(1), "kpi.rag_counts", &n_other);

	if (n_other > n)
	{
		state = grown(counts);
		counts = (int64 *) ARR_DATA_PTR(state);
	}
	for (int i = 0; i < n_other; i++)
		counts[i] = count_add(counts[i], other[i]);
	PG_RETURN_ARRAYTYPE_P(state);
}

/* kpi.rag_counts: red, amber, green (blue included), unrated */
Datum
rag_counts_final(PG_FUNCTION_ARGS)
{
	int			n;
	int64	   *counts = counts_of(PG_GETARG_ARRAYTYPE_P(0), "kpi.rag_counts", &n);
	Datum		values[N_COUNTS_OLD];
	bool		nulls[N_COUNTS_OLD] = {false, false, false, false};
	int64		blue = n > RAG_BLUE ? counts[RAG_BLUE] : 0;

	values[0] = Int64GetDatum(counts[RAG_RED]);
	values[1] = Int64GetDatum(counts[RAG_AMBER]);
	values[2] = Int64GetDatum(count_add(counts[RAG_GREEN], blue));
	values[3] = Int64GetDatum(counts[COUNT_UNRATED]);
	PG_RETURN_DATUM(kpi_result_row(fcinfo, values, nulls, N_COUNTS_OLD));
}

/* kpi.brag_counts: red, amber, green, unrated, blue */
Datum
brag_counts_final(PG_FUNCTION_ARGS)
{
	int			n;
	int64	   *counts = counts_of(PG_GETARG_ARRAYTYPE_P(0), "kpi.brag_counts", &n);
	Datum		values[N_COUNTS];
	bool		nulls[N_COUNTS] = {false, false, false, false, false};

	values[0] = Int64GetDatum(counts[RAG_RED]);
	values[1] = Int64GetDatum(counts[RAG_AMBER]);
	values[2] = Int64GetDatum(counts[RAG_GREEN]);
	values[3] = Int64GetDatum(counts[COUNT_UNRATED]);
	values[4] = Int64GetDatum(n > RAG_BLUE ? counts[RAG_BLUE] : 0);
	PG_RETURN_DATUM(kpi_result_row(fcinfo, values, nulls, N_COUNTS));
}

/*
 * "3 Red, 4 Amber, 4 Green", with ", 1 Blue" and ", 2 Unrated" appended
 * when there are any
 */
Datum
rag_summary_final(PG_FUNCTION_ARGS)
{
	int			n;
	int64	   *counts = counts_of(PG_GETARG_ARRAYTYPE_P(0), "kpi.rag_summary", &n);
	StringInfoData buf;

	initStringInfo(&buf);
	appendStringInfo(&buf, INT64_FORMAT " Red, " INT64_FORMAT " Amber, " INT64_FORMAT " Green",
					 counts[RAG_RED], counts[RAG_AMBER], counts[RAG_GREEN]);
	if (n > RAG_BLUE && counts[RAG_BLUE] > 0)
		appendStringInfo(&buf, ", " INT64_FORMAT " Blue", counts[RAG_BLUE]);
	if (counts[COUNT_UNRATED] > 0)
		appendStringInfo(&buf, ", " INT64_FORMAT " Unrated", counts[COUNT_UNRATED]);
	PG_RETURN_TEXT_P(cstring_to_text_with_len(buf.data, buf.len));
}
