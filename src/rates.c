/*
 * rates.c — rates per population: kpi.rate, and the aggregates
 * kpi.rolling_rate (sum of numerators / average denominator × per) and
 * kpi.pooled_rate (sum / sum × per), also usable as window functions.
 *
 * Both aggregates share one transition state, a kpi.state of 9 values:
 *
 *   [0] n            rows in the group or frame
 *   [1] num_sum      numerator sum, high part      \
 *   [2] num_comp     numerator sum, low part        > compensated sum
 *   [3] num_err      bound on |error| of hi + lo   /
 *   [4..6]           the same for the denominators
 *   [7] per          the multiplier (0 until the first row)
 *   [8] min_periods  fewer rows than this give NULL
 *
 * A real type rather than `internal` lets parallel query and Citus split
 * the aggregates without serialisation functions; kpi.state rather than
 * float8[] because its text form is exact whatever extra_float_digits is
 * (Citus ships partial states as text).
 *
 * Accuracy.  Each sum is kept as an unevaluated pair hi + lo (Neumaier's
 * compensated summation, with Knuth's branch-free TwoSum): every addition
 * puts its exact rounding error into lo.  The only inexact step is the
 * addition into lo itself, and err accumulates a rigorous bound on those
 * roundings.  Hence:
 *
 *  - integral inputs: while the sums stay below 2^53 every TwoSum error is
 *    zero, err stays 0, and the sums are exact, however many rows enter and
 *    leave a window frame;
 *  - float8 inputs: the sum is known to within err.  Removing a row in
 *    moving-aggregate (window) mode is the addition of -x; when that leaves
 *    a sum whose bound err is no longer tiny relative to it (a huge value
 *    left the frame and cancelled against itself), the inverse transition
 *    returns SQL NULL, which makes PostgreSQL recompute the frame from
 *    scratch.  So every result is within about 2^-44 (relative) of the exact
 *    sum of the frame's float8 values, and each row costs O(1) otherwise.
 *
 * Domain.  Numerators are counts: finite and >= 0.  Denominators are
 * populations: finite and > 0 (a zero population has no rate; filter it or
 * turn it into NULL with NULLIF, and the row is skipped like any row with a
 * NULL argument).  per is finite and > 0 and the same on every row.
 */
#include "postgres.h"

#include <float.h>
#include <math.h>

#include "kpi.h"
#include "state.h"
#include "stats.h"
#include "utils/float.h"

PG_FUNCTION_INFO_V1(kpi_rate);
PG_FUNCTION_INFO_V1(rate_accum);
PG_FUNCTION_INFO_V1(rate_accum_inv);
PG_FUNCTION_INFO_V1(rate_combine);
PG_FUNCTION_INFO_V1(rolling_rate_final);
PG_FUNCTION_INFO_V1(pooled_rate_final);

#define RS_N		0
#define RS_NUM		1			/* 1..3: hi, lo, err */
#define RS_DEN		4			/* 4..6: hi, lo, err */
#define RS_PER		7
#define RS_MINP		8
#define RS_LEN		9

#define SUM_HI		0
#define SUM_LO		1
#define SUM_ERR		2

/*
 * After a removal, recompute unless the error bound is at most this
 * fraction of the remaining sum.  2^-44 leaves room for the few roundings
 * of the final division within a 1e-12 relative error.
 */
#define RECOMPUTE_TOLERANCE	(1.0 / 17592186044416.0)	/* 2^-44 */

void
check_count(double value, const char *what)
{
	check_finite_arg(value, what);
	if (value < 0)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("%s must not be negative, not %g", what, value),
				 errhint("Counts of events are zero or more.")));
}

void
check_positive(double value, const char *what)
{
	check_finite_arg(value, what);
	if (value == 0)
		ereport(ERROR,
				(errcode(ERRCODE_DIVISION_BY_ZERO),
				 errmsg("%s must be greater than zero", what),
				 errhint("Filter out such rows, or use NULLIF(%s, 0) to get NULL instead.", what)));
	if (value < 0)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("%s must be greater than zero, not %g", what, value)));
}

/* kpi.rate(numerator, denominator, per) = numerator / denominator × per */
Datum
kpi_rate(PG_FUNCTION_ARGS)
{
	double		num = PG_GETARG_FLOAT8(0);
	double		den = PG_GETARG_FLOAT8(1);
	double		per = PG_GETARG_FLOAT8(2);
	double		result;

	check_count(num, "numerator");
	check_positive(den, "denominator");
	check_positive(per, "per");
	result = num / den * per;
	if (unlikely(isinf(result)))
		float_overflow_error();
	PG_RETURN_FLOAT8(result);
}

/*
 * Add x to the compensated sum s[hi, lo, err].  TwoSum gives the exact
 * rounding error of hi + x; adding it into lo may round, by at most
 * DBL_EPSILON/2 × |lo|, which err accumulates (doubled, for margin).
 */
static inline void
sum_add(double *s, double x)
{
	double		hi = s[SUM_HI] + x;
	double		xv = hi - s[SUM_HI];
	double		e = (s[SUM_HI] - (hi - xv)) + (x - xv);

	if (unlikely(isinf(hi)))
		float_overflow_error();
	s[SUM_HI] = hi;
	if (e != 0.0)
	{
		s[SUM_LO] += e;
		s[SUM_ERR] += DBL_EPSILON * fabs(s[SUM_LO]);
	}
}

/* Merge compensated sum o into s. */
static inline void
sum_merge(double *s, const double *o)
{
	sum_add(s, o[SUM_HI]);
	sum_add(s, o[SUM_LO]);
	s[SUM_ERR] += o[SUM_ERR];
}

static inline double
sum_value(const double *s)
{
	return s[SUM_HI] + s[SUM_LO];
}

/* true when the sum is known to within the recomputation tolerance */
static inline bool
sum_is_accurate(const double *s)
{
	return s[SUM_ERR] == 0.0 ||
		s[SUM_ERR] <= RECOMPUTE_TOLERANCE * fabs(sum_value(s));
}

#define RS_CALLER	"kpi rate aggregate"

/* the state being updated: the aggregate's own, or a copy */
static KpiState *
rate_state(FunctionCallInfo fcinfo)
{
	return kpi_state_arg(fcinfo, 0, RS_LEN, RS_CALLER);
}

/*
 * Validate one row and record per and min_periods, which must be the same
 * on every row.
 */
static void
rate_row(FunctionCallInfo fcinfo, double *st, double *num, double *den)
{
	double		per = PG_GETARG_FLOAT8(3);
	double		minp = 1;

	*num = PG_GETARG_FLOAT8(1);
	*den = PG_GETARG_FLOAT8(2);
	check_count(*num, "numerator");
	check_positive(*den, "denominator");
	check_positive(per, "per");
	if (PG_NARGS() > 4)
	{
		int32		m = PG_GETARG_INT32(4);

		if (m < 1)
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("min_periods must be at least 1, not %d", m)));
		minp = m;
	}

	if (st[RS_PER] == 0)
	{
		st[RS_PER] = per;
		st[RS_MINP] = minp;
	}
	else if (st[RS_PER] != per || st[RS_MINP] != minp)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("%s must be the same for every row of a rate",
						st[RS_PER] != per ? "per" : "min_periods")));
}

/* kpi.rolling_rate / kpi.pooled_rate transition: add one row */
Datum
rate_accum(PG_FUNCTION_ARGS)
{
	KpiState   *state = rate_state(fcinfo);
	double	   *st = state->values;
	double		num;
	double		den;

	rate_row(fcinfo, st, &num, &den);
	st[RS_N] += 1;
	sum_add(st + RS_NUM, num);
	sum_add(st + RS_DEN, den);
	PG_RETURN_KPI_STATE(state);
}

/*
 * Inverse transition (window frames): remove one row.  Returns NULL, so
 * that PostgreSQL recomputes the frame, when the removal would leave a sum
 * less accurate than promised.
 */
Datum
rate_accum_inv(PG_FUNCTION_ARGS)
{
	KpiState   *state = rate_state(fcinfo);
	double	   *st = state->values;
	double		num;
	double		den;

	rate_row(fcinfo, st, &num, &den);
	if (st[RS_N] < 1)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("kpi rate aggregate: cannot remove a row from an empty state"),
				 errdetail("The inverse transition function undoes a row the state has counted.")));

	st[RS_N] -= 1;
	if (st[RS_N] == 0)
	{
		/* an empty frame: the sums are exactly zero again */
		for (int i = RS_NUM; i < RS_PER; i++)
			st[i] = 0.0;
		PG_RETURN_KPI_STATE(state);
	}
	sum_add(st + RS_NUM, -num);
	sum_add(st + RS_DEN, -den);
	if (!sum_is_accurate(st + RS_NUM) || !sum_is_accurate(st + RS_DEN))
		PG_RETURN_NULL();
	PG_RETURN_KPI_STATE(state);
}

Datum
rate_combine(PG_FUNCTION_ARGS)
{
	KpiState   *state = rate_state(fcinfo);
	double	   *st = state->values;
	const double *other = kpi_state_arg_ro(fcinfo, 1, RS_LEN, RS_CALLER)->values;

	if (other[RS_N] == 0)
		PG_RETURN_KPI_STATE(state);
	if (st[RS_N] == 0)
	{
		memcpy(st, other, sizeof(double) * RS_LEN);
		PG_RETURN_KPI_STATE(state);
	}
	if (st[RS_PER] != other[RS_PER] || st[RS_MINP] != other[RS_MINP])
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("%s must be the same for every row of a rate",
						st[RS_PER] != other[RS_PER] ? "per" : "min_periods")));
	st[RS_N] += other[RS_N];
	sum_merge(st + RS_NUM, other + RS_NUM);
	sum_merge(st + RS_DEN, other + RS_DEN);
	PG_RETURN_KPI_STATE(state);
}

/* numerator sum / denominator sum × scale, or NULL; never modifies state */
static Datum
rate_final(FunctionCallInfo fcinfo, bool rolling)
{
	const double *st = kpi_state_arg_ro(fcinfo, 0, RS_LEN, RS_CALLER)->values;
	double		num;
	double		den;
	double		result;

	if (st[RS_N] == 0 || st[RS_N] < st[RS_MINP])
		PG_RETURN_NULL();

	/*
	 * sum / (sum / n) × per.  Multiplying first makes a single rounding
	 * for integral inputs (the product is exact below 2^53), so the result
	 * is then the correctly rounded rate.
	 */
	num = sum_value(st + RS_NUM) * (rolling ? st[RS_N] : 1.0) * st[RS_PER];
	den = sum_value(st + RS_DEN);
	if (likely(isfinite(num)))
		result = num / den;
	else
		result = sum_value(st + RS_NUM) / den * (rolling ? st[RS_N] : 1.0) * st[RS_PER];
	if (unlikely(isinf(result)))
		float_overflow_error();
	PG_RETURN_FLOAT8(result);
}

Datum
rolling_rate_final(PG_FUNCTION_ARGS)
{
	return rate_final(fcinfo, true);
}

Datum
pooled_rate_final(PG_FUNCTION_ARGS)
{
	return rate_final(fcinfo, false);
}
