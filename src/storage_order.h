/*
 * storage_order.h — what kpi's own value types (kpi.state, kpi.trend,
 * kpi.series) share for equality, the btree storage order and hashing
 * (sql/parts/80-equality.sql and 55-series.sql declare the functions).
 *
 * Each type decides what its value is and in which order its parts are
 * compared (state.c, trend.c, series.c say so); the pieces here are the
 * same for all three: the total order of one double, the first difference
 * of two runs of doubles, the form in which a double is hashed, and the
 * nine SQL-callable support functions built from the type's own compare,
 * equality and hash.
 *
 * These orders and hashes are stored: btree indexes keep values in the
 * order, hash indexes and hash partitions place them by the hash.  Changing
 * what any of them returns for a value needs a REINDEX of every such index
 * and re-partitioning, so do not.
 */
#ifndef KPI_STORAGE_ORDER_H
#define KPI_STORAGE_ORDER_H

#include "postgres.h"

#include <math.h>

#include "fmgr.h"
#include "utils/float.h"

/*
 * The total order of one double: -Infinity < ... < -0 < 0 < ... < Infinity
 * < NaN, every NaN equal to every NaN.  Two doubles compare 0 exactly when
 * they print alike: bit for bit, but for NaNs.
 */
static inline int
kpi_double_storage_cmp(double a, double b)
{
	if (isnan(a) || isnan(b))
		return isnan(a) ? (isnan(b) ? 0 : 1) : -1;
	if (a != b)
		return a < b ? -1 : 1;
	if (a == 0 && signbit(a) != signbit(b))
		return signbit(a) ? -1 : 1;
	return 0;
}

/*
 * The first difference of a[0..n-1] and b[0..n-1] in that order, 0 if
 * none; checks for interrupts every 65536 values.
 */
extern int	kpi_doubles_storage_cmp(const double *a, const double *b, int n);

/* a double as it is hashed: every NaN as PostgreSQL's one NaN, so that equal values hash alike */
static inline double
kpi_double_hash_form(double v)
{
	return isnan(v) ? get_float8_nan() : v;
}

/*
 * KPI_STORAGE_ORDER_FUNCTIONS(prefix, argtype, getarg, cmp, eq, hash)
 * defines the nine functions a type's SQL support names: prefix_eq,
 * prefix_ne, prefix_lt, prefix_le, prefix_ge, prefix_gt, prefix_cmp
 * (btree support), prefix_hash and prefix_hash_extended (hash support),
 * from the type's own
 *
 *   argtype getarg(FunctionCallInfo fcinfo, int argno)  the argument, detoasted
 *   int     cmp(argtype a, argtype b)     -1, 0 or 1 in the storage order
 *   bool    eq(argtype a, argtype b)      the same as cmp(a, b) == 0
 *   uint64  hash(argtype v, uint64 seed)  equal values hash alike
 *
 * The arguments are fetched in order, the first first; = and <> use only
 * eq (kpi.state's skips the order with one memcmp).  prefix_hash is the low
 * 32 bits of hash(v, 0), as hash operator classes require.  Write the macro
 * at file level, followed by a semicolon.
 */
#define KPI_STORAGE_ORDER_FUNCTIONS(prefix, argtype, getarg, cmp, eq, hash) \
static int \
prefix##_compare_args(FunctionCallInfo fcinfo, bool equality_only) \
{ \
	argtype		a = getarg(fcinfo, 0); \
	argtype		b = getarg(fcinfo, 1); \
 \
	if (equality_only) \
		return eq(a, b) ? 0 : 1; \
	return cmp(a, b); \
} \
 \
PG_FUNCTION_INFO_V1(prefix##_eq); \
PG_FUNCTION_INFO_V1(prefix##_ne); \
PG_FUNCTION_INFO_V1(prefix##_lt); \
PG_FUNCTION_INFO_V1(prefix##_le); \
PG_FUNCTION_INFO_V1(prefix##_ge); \
PG_FUNCTION_INFO_V1(prefix##_gt); \
PG_FUNCTION_INFO_V1(prefix##_cmp); \
PG_FUNCTION_INFO_V1(prefix##_hash); \
PG_FUNCTION_INFO_V1(prefix##_hash_extended); \
 \
Datum prefix##_eq(PG_FUNCTION_ARGS) { PG_RETURN_BOOL(prefix##_compare_args(fcinfo, true) == 0); } \
Datum prefix##_ne(PG_FUNCTION_ARGS) { PG_RETURN_BOOL(prefix##_compare_args(fcinfo, true) != 0); } \
Datum prefix##_lt(PG_FUNCTION_ARGS) { PG_RETURN_BOOL(prefix##_compare_args(fcinfo, false) < 0); } \
Datum prefix##_le(PG_FUNCTION_ARGS) { PG_RETURN_BOOL(prefix##_compare_args(fcinfo, false) <= 0); } \
Datum prefix##_ge(PG_FUNCTION_ARGS) { PG_RETURN_BOOL(prefix##_compare_args(fcinfo, false) >= 0); } \
Datum prefix##_gt(PG_FUNCTION_ARGS) { PG_RETURN_BOOL(prefix##_compare_args(fcinfo, false) > 0); } \
Datum prefix##_cmp(PG_FUNCTION_ARGS) { PG_RETURN_INT32(prefix##_compare_args(fcinfo, false)); } \
 \
Datum \
prefix##_hash(PG_FUNCTION_ARGS) \
{ \
	PG_RETURN_INT32((int32) (uint32) hash(getarg(fcinfo, 0), 0)); \
} \
 \
Datum \
prefix##_hash_extended(PG_FUNCTION_ARGS) \
{ \
	PG_RETURN_INT64((int64) hash(getarg(fcinfo, 0), (uint64) PG_GETARG_INT64(1))); \
} \
extern Datum prefix##_hash_extended(PG_FUNCTION_ARGS)

#endif							/* KPI_STORAGE_ORDER_H */
