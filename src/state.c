/*
 * state.c — the kpi.state type: text and binary I/O, and helpers for
 * aggregates whose transition state is a vector of float8 (see state.h).
 *
 * Text form: {v1,v2,...}, each value as the shortest decimal that reads back
 * to the same double (what float8out prints at extra_float_digits >= 1, but
 * independent of that setting).  Binary form: int32 count, then each value
 * as pq_sendfloat8.
 *
 * Size: every path that makes a state (both inputs, kpi.state_cat, the
 * transition functions) refuses more than KPI_STATE_MAX_VALUES values with
 * the same error, and what it returns to SQL is exactly the size of its
 * values.  Loops over the values answer a cancel or statement_timeout
 * every KPI_STATE_CHECK_EVERY values (a few milliseconds of work).
 */
#include "postgres.h"

#include <ctype.h>
#include <errno.h>
#include <math.h>

#include "common/hashfn.h"
#include "common/shortest_dec.h"
#include "lib/stringinfo.h"
#include "libpq/pqformat.h"
#include "miscadmin.h"
#include "state.h"
#include "storage_order.h"
#include "catalog/pg_type.h"
#include "utils/array.h"
#include "utils/builtins.h"
#include "utils/float.h"
#include "miscadmin.h"

/* see state.h: the text and the stored form of the largest state fit */
StaticAssertDecl(KPI_STATE_MAX_TEXT < MaxAllocSize - 64 * 1024 * 1024,
				 "the text form of the largest kpi.state must fit a COPY line");
StaticAssertDecl(KPI_STATE_HDRSZ + (Size) KPI_STATE_MAX_VALUES * sizeof(double) < MaxAllocSize / 2,
				 "the largest kpi.state must leave room for a tuple and TOAST compression");

/* values between interrupt checks (2^16: well under a millisecond each) */
#define KPI_STATE_CHECK_EVERY	65536
#define CHECK_EVERY(i)	do { if (((i) & (KPI_STATE_CHECK_EVERY - 1)) == 0) CHECK_FOR_INTERRUPTS(); } while (0)

PG_FUNCTION_INFO_V1(kpi_state_in);
PG_FUNCTION_INFO_V1(kpi_state_out);
PG_FUNCTION_INFO_V1(kpi_state_recv);
PG_FUNCTION_INFO_V1(kpi_state_send);
PG_FUNCTION_INFO_V1(kpi_state_values);

void
kpi_state_check_count(int64 n)
{
	if (n < 0 || n > KPI_STATE_MAX_VALUES)
		ereport(ERROR,
				(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
				 errmsg("kpi.state cannot hold " INT64_FORMAT " values", n),
				 errdetail("A kpi.state holds at most %d values, so that its text form fits PostgreSQL's 1 GB limit.",
						   KPI_STATE_MAX_VALUES),
				 errhint("Aggregate fewer rows at a time, e.g. per group or per period.")));
}

/*
 * A state of capacity values, the first n in use.  The values are not
 * zeroed (the callers fill them; zeroing 320 MB would be a pause no cancel
 * can interrupt); spare capacity is, so no stray bytes travel with it.
 */
static KpiState *
state_alloc(int n, int capacity)
{
	KpiState   *s;

	kpi_state_check_count(capacity);
	s = palloc(KPI_STATE_HDRSZ + (Size) capacity * sizeof(double));
	SET_VARSIZE(s, KPI_STATE_HDRSZ + (Size) capacity * sizeof(double));
	s->n = n;
	if (capacity > n)
		memset(s->values + n, 0, (Size) (capacity - n) * sizeof(double));
	return s;
}

KpiState *
kpi_state_new(int n)
{
	KpiState   *s = state_alloc(n, n);

	memset(s->values, 0, (Size) n * sizeof(double));
	return s;
}

static void
check_state(const KpiState *s, int n, const char *caller)
{
	if (s->n < 0 || s->n > KPI_STATE_CAPACITY(s) || (n >= 0 && s->n != n))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("%s: invalid transition state", caller),
				 n >= 0 ? errdetail("The state must hold %d values, not %d.", n, s->n) : 0));
}

KpiState *
kpi_state_arg(FunctionCallInfo fcinfo, int argno, int n, const char *caller)
{
	KpiState   *s;

	/*
	 * New or grown states are allocated in the current (per-call) context:
	 * the executor copies a transition value it did not already hold into
	 * the aggregate context and frees the previous one, so allocating there
	 * ourselves would leave the block behind until the group ends.
	 */
	if (PG_ARGISNULL(argno))
		return kpi_state_new(n < 0 ? 0 : n);

	if (AggCheckCallContext(fcinfo, NULL))
	{
		/* our own state (detoasting a plain in-memory value does not copy) */
		s = PG_GETARG_KPI_STATE(argno);
	}
	else
		s = (KpiState *) PG_DETOAST_DATUM_COPY(PG_GETARG_DATUM(argno));
	check_state(s, n, caller);
	return s;
}

const KpiState *
kpi_state_arg_ro(FunctionCallInfo fcinfo, int argno, int n, const char *caller)
{
	const KpiState *s = PG_GETARG_KPI_STATE(argno);

	check_state(s, n, caller);
	return s;
}

KpiState *
kpi_state_append(FunctionCallInfo fcinfo, KpiState *state,
				 const double *values, int count)
{
	int			need;

	kpi_state_check_count((int64) state->n + count);
	need = state->n + count;
	if (!AggCheckCallContext(fcinfo, NULL))
	{
		/* called from SQL: the result may be stored, so no spare capacity */
		if (need != KPI_STATE_CAPACITY(state))
		{
			KpiState   *exact = state_alloc(need, need);

			memcpy(exact->values, state->values, state->n * sizeof(double));
			exact->n = state->n;
			state = exact;
		}
	}
	else if (need > KPI_STATE_CAPACITY(state))
	{
		/* grow geometrically, in the current context (see kpi_state_arg) */
		int			capacity = Max(need, Min(2 * KPI_STATE_CAPACITY(state) + 8,
											 KPI_STATE_MAX_VALUES));
		KpiState   *grown = state_alloc(state->n, capacity);

		memcpy(grown->values, state->values, state->n * sizeof(double));
		state = grown;
	}
	memcpy(state->values + state->n, values, count * sizeof(double));
	state->n = need;
	return state;
}

/* past blanks; a long run of them answers a cancel */
static char *
skip_spaces(char *p)
{
	for (int64 i = 1; isspace((unsigned char) *p); i++, p++)
		CHECK_EVERY(i);
	return p;
}

Datum
kpi_state_in(PG_FUNCTION_ARGS)
{
	char	   *str = PG_GETARG_CSTRING(0);
	char	   *p = str;
	int64		listed = 0;
	int			count = 0;
	KpiState   *s = NULL;

	p = skip_spaces(p);
	if (*p++ != '{')
		goto syntax_error;
	p = skip_spaces(p);
	if (*p == '}')
		p++;
	else
	{
		/*
		 * Count the listed values first (one more than the commas), so that
		 * an input over the limit fails at once with its true count, and
		 * the state is allocated once, at its exact size.
		 */
		listed = 1;
		for (const char *c = p; (c = strchr(c, ',')) != NULL; c++)
			CHECK_EVERY(++listed);
		kpi_state_check_count(listed);
		s = state_alloc((int) listed, (int) listed);
		for (;;)
		{
			char	   *end;
			double		v;

			CHECK_EVERY(count);
			errno = 0;
			v = strtod(p, &end);
			if (end == p || (errno == ERANGE && (v == 0.0 || isinf(v))))
				goto syntax_error;
			if (count >= listed)
				goto syntax_error;
			s->values[count++] = v;
			p = skip_spaces(end);
			if (*p == ',')
			{
				p = skip_spaces(p + 1);
				continue;
			}
			if (*p == '}')
			{
				p++;
				break;
			}
			goto syntax_error;
		}
	}
	p = skip_spaces(p);
	if (*p != '\0' || count != listed)
		goto syntax_error;

	if (count == 0)
		s = state_alloc(0, 0);
	s->n = count;
	PG_RETURN_KPI_STATE(s);

syntax_error:
	ereport(ERROR,
			(errcode(ERRCODE_INVALID_TEXT_REPRESENTATION),
			 errmsg("invalid input syntax for type kpi.state: \"%s\"", str),
			 errdetail("A kpi.state is written {v1,v2,...} with float8 values.")));
	PG_RETURN_NULL();
}

Datum
kpi_state_out(PG_FUNCTION_ARGS)
{
	const KpiState *s = kpi_state_arg_ro(fcinfo, 0, -1, "kpi.state");
	StringInfoData buf;
	char		num[DOUBLE_SHORTEST_DECIMAL_LEN];

	initStringInfo(&buf);
	appendStringInfoChar(&buf, '{');
	for (int i = 0; i < s->n; i++)
	{
		CHECK_EVERY(i);
		if (i > 0)
			appendStringInfoChar(&buf, ',');
		if (isnan(s->values[i]))
			appendStringInfoString(&buf, "NaN");
		else if (isinf(s->values[i]))
			appendStringInfoString(&buf, s->values[i] > 0 ? "Infinity" : "-Infinity");
		else
		{
			double_to_shortest_decimal_buf(s->values[i], num);
			appendStringInfoString(&buf, num);
		}
	}
	appendStringInfoChar(&buf, '}');
	PG_RETURN_CSTRING(buf.data);
}

Datum
kpi_state_recv(PG_FUNCTION_ARGS)
{
	StringInfo	buf = (StringInfo) PG_GETARG_POINTER(0);
	int32		n = pq_getmsgint(buf, 4);
	KpiState   *s;

	if (n < 0 || (int64) n * 8 != buf->len - buf->cursor)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_BINARY_REPRESENTATION),
				 errmsg("invalid binary value for type kpi.state"),
				 errdetail("The value count does not match the message length.")));
	kpi_state_check_count(n);
	s = state_alloc(n, n);
	for (int i = 0; i < n; i++)
	{
		CHECK_EVERY(i);
		s->values[i] = pq_getmsgfloat8(buf);
	}
	PG_RETURN_KPI_STATE(s);
}

Datum
kpi_state_send(PG_FUNCTION_ARGS)
{
	const KpiState *s = kpi_state_arg_ro(fcinfo, 0, -1, "kpi.state");
	StringInfoData buf;

	pq_begintypsend(&buf);
	enlargeStringInfo(&buf, 4 + (Size) s->n * 8);
	pq_sendint32(&buf, s->n);
	for (int i = 0; i < s->n; i++)
	{
		CHECK_EVERY(i);
		pq_sendfloat8(&buf, s->values[i]);
	}
	PG_RETURN_BYTEA_P(pq_endtypsend(&buf));
}

/* kpi.state → float8[], for looking inside a state */
Datum
kpi_state_values(PG_FUNCTION_ARGS)
{
	const KpiState *s = kpi_state_arg_ro(fcinfo, 0, -1, "kpi.state");
	Size		nbytes;
	ArrayType  *a;

	if (s->n == 0)
		PG_RETURN_ARRAYTYPE_P(construct_empty_array(FLOAT8OID));

	/*
	 * A one-dimensional float8 array without NULLs is a header and then the
	 * values as they lie in the state (what construct_array builds, one
	 * Datum at a time, without a cancel check): copy them in slices.
	 */
	nbytes = ARR_OVERHEAD_NONULLS(1) + (Size) s->n * sizeof(double);
	a = (ArrayType *) palloc(nbytes);
	memset(a, 0, ARR_OVERHEAD_NONULLS(1));
	SET_VARSIZE(a, nbytes);
	a->ndim = 1;
	a->dataoffset = 0;
	a->elemtype = FLOAT8OID;
	ARR_DIMS(a)[0] = s->n;
	ARR_LBOUND(a)[0] = 1;
	for (int i = 0; i < s->n; i += KPI_STATE_CHECK_EVERY)
	{
		CHECK_FOR_INTERRUPTS();
		memcpy((double *) ARR_DATA_PTR(a) + i, s->values + i,
			   Min(KPI_STATE_CHECK_EVERY, s->n - i) * sizeof(double));
	}
	PG_RETURN_ARRAYTYPE_P(a);
}

/*
 * kpi.state_cat(a, b): the values of a followed by those of b — the combine
 * function of aggregates whose state is the list of points seen.  Updates a
 * in place (growing it) when it belongs to the aggregate.  A NULL is no
 * values (both NULL: NULL).
 */
PG_FUNCTION_INFO_V1(kpi_state_cat);

Datum
kpi_state_cat(PG_FUNCTION_ARGS)
{
	KpiState   *a;
	const KpiState *b;

	if (!AggCheckCallContext(fcinfo, NULL))
	{
		/*
		 * Called from SQL: one allocation of the exact size (the result may
		 * be stored), each input copied once.
		 */
		const KpiState *x = PG_ARGISNULL(0) ? NULL : kpi_state_arg_ro(fcinfo, 0, -1, "kpi.state_cat");
		const KpiState *y = PG_ARGISNULL(1) ? NULL : kpi_state_arg_ro(fcinfo, 1, -1, "kpi.state_cat");
		int			nx = x ? x->n : 0,
					ny = y ? y->n : 0;
		KpiState   *s;

		if (x == NULL && y == NULL)
			PG_RETURN_NULL();
		kpi_state_check_count((int64) nx + ny);
		s = state_alloc(nx + ny, nx + ny);
		if (nx > 0)
			memcpy(s->values, x->values, nx * sizeof(double));
		if (ny > 0)
			memcpy(s->values + nx, y->values, ny * sizeof(double));
		PG_RETURN_KPI_STATE(s);
	}
	if (PG_ARGISNULL(1))
	{
		if (PG_ARGISNULL(0))
			PG_RETURN_NULL();
		PG_RETURN_DATUM(PG_GETARG_DATUM(0));
	}
	a = kpi_state_arg(fcinfo, 0, -1, "kpi.state_cat");
	b = kpi_state_arg_ro(fcinfo, 1, -1, "kpi.state_cat");
	PG_RETURN_KPI_STATE(kpi_state_append(fcinfo, a, b->values, b->n));
}

/*
 * Equality, ordering and hashing of kpi.state (DISTINCT, GROUP BY, UNION,
 * indexes, and the row lookups of logical replication with REPLICA
 * IDENTITY FULL, which use the type's default equality).
 *
 * Two states are equal exactly when their text forms are: the same count
 * and, value by value, the same double bit for bit, except that every NaN
 * equals every NaN (text prints them all as NaN).  So -0 and 0 differ, as
 * {-0} and {0} do.  Spare capacity is never looked at.  The order is only a
 * storage order (value by value, a prefix first; -0 before 0, NaN last): it
 * says nothing about the aggregates' results.
 */
static int
state_cmp(const KpiState *a, const KpiState *b)
{
	int			c = kpi_doubles_storage_cmp(a->values, b->values, Min(a->n, b->n));

	if (c != 0)
		return c;
	return a->n < b->n ? -1 : (a->n > b->n ? 1 : 0);
}

static bool
state_eq(const KpiState *a, const KpiState *b)
{
	if (a->n != b->n)
		return false;
	/* the common case, no NaN that differs only in its bits, is one memcmp */
	if (memcmp(a->values, b->values, a->n * sizeof(double)) == 0)
		return true;
	return state_cmp(a, b) == 0;
}

/* 64-bit hash of the text-equal class: NaNs are hashed as one NaN */
static uint64
state_hash(const KpiState *s, uint64 seed)
{
	double		chunk[1024];
	uint64		h = hash_bytes_uint32_extended((uint32) s->n, seed);

	for (int i = 0; i < s->n; i += lengthof(chunk))
	{
		int			m = Min(s->n - i, (int) lengthof(chunk));

		for (int j = 0; j < m; j++)
			chunk[j] = kpi_double_hash_form(s->values[i + j]);
		h = hash_combine64(h, hash_bytes_extended((const unsigned char *) chunk,
												  m * sizeof(double), seed));
		CHECK_FOR_INTERRUPTS();
	}
	return h;
}

#define STATE_ARG(fcinfo, argno) kpi_state_arg_ro(fcinfo, argno, -1, "kpi.state")

KPI_STORAGE_ORDER_FUNCTIONS(kpi_state, const KpiState *, STATE_ARG, state_cmp, state_eq, state_hash);
