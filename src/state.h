/*
 * state.h — kpi.state, the transition state of kpi's float aggregates.
 *
 * A varlena vector of float8 whose text form is the shortest decimal of each
 * value, so it reads back bit for bit whatever extra_float_digits is.  That
 * matters because Citus ships partial aggregate states between nodes as
 * text, and a float8[] prints only 15 significant digits when
 * extra_float_digits <= 0.
 *
 * Inside an aggregate the vector may carry spare capacity (for aggregates
 * that append); only the first n values are the state.  Every state that
 * leaves a function called from SQL (and so may be stored) is exact.
 */
#ifndef KPI_STATE_H
#define KPI_STATE_H

#include "postgres.h"
#include "fmgr.h"
#include "utils/memutils.h"

typedef struct KpiState
{
	int32		vl_len_;		/* varlena header: do not touch directly */
	int32		n;				/* values in use */
	double		values[FLEXIBLE_ARRAY_MEMBER];
} KpiState;

#define KPI_STATE_HDRSZ			offsetof(KpiState, values)
#define KPI_STATE_CAPACITY(s)	((int) ((VARSIZE(s) - KPI_STATE_HDRSZ) / sizeof(double)))

/*
 * The most values a kpi.state holds, on every path (text and binary input,
 * kpi.state_cat, the aggregates), so that every accepted value goes out and
 * back in through text and binary COPY: a value prints in at most
 * KPI_STATE_TEXT_PER_VALUE bytes ("-2.2250738585072014e-308,"), so the text
 * form of the largest state is at most 1,000,000,002 bytes, under
 * PostgreSQL's 1 GB limit on a string (with room for other columns on a
 * COPY line), and its stored form is 320 MB.
 */
#define KPI_STATE_MAX_VALUES	40000000
#define KPI_STATE_TEXT_PER_VALUE 25
#define KPI_STATE_MAX_TEXT		((Size) KPI_STATE_MAX_VALUES * KPI_STATE_TEXT_PER_VALUE + 2)


#define DatumGetKpiState(d)		((KpiState *) PG_DETOAST_DATUM(d))
#define PG_GETARG_KPI_STATE(n)	DatumGetKpiState(PG_GETARG_DATUM(n))
#define PG_RETURN_KPI_STATE(s)	PG_RETURN_POINTER(s)

/* A zeroed state of n values (capacity n), in CurrentMemoryContext. */
extern KpiState *kpi_state_new(int n);

/* ERROR (54000) unless a state of n values is within KPI_STATE_MAX_VALUES */
extern void kpi_state_check_count(int64 n);

/*
 * Argument argno as a state of exactly n values (n < 0: any number), ready
 * to be updated: inside an aggregate the state is the aggregate's own and is
 * returned as is; called directly from SQL it is copied first.  A NULL
 * argument gives a new zeroed state of n values.
 * ERROR when the state has the wrong number of values (caller names the
 * function in the message).
 */
extern KpiState *kpi_state_arg(FunctionCallInfo fcinfo, int argno, int n,
							   const char *caller);

/* Read-only access to argument argno, checked to hold n values (n < 0: any). */
extern const KpiState *kpi_state_arg_ro(FunctionCallInfo fcinfo, int argno, int n,
										const char *caller);

/*
 * Append values to a state from kpi_state_arg; returns the state, which may
 * have moved.  Inside an aggregate the state grows geometrically (the grown
 * copy is in the current context, and the executor moves it into the
 * aggregate context); called from SQL, the result is exactly the size of
 * its values, as it may be stored.
 */
extern KpiState *kpi_state_append(FunctionCallInfo fcinfo, KpiState *state,
								  const double *values, int count);

#endif							/* KPI_STATE_H */
