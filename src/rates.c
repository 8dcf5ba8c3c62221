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
 *    zero; beyond that the errors are integers below 2^(k-54) for sums
 *    below 2^k, which add exactly into lo while lo stays below 2^53: after
 *    R rows added or removed, at least until the sums pass 2^(107 - log2 R),
 *    1.5e23 for 10^9.  So err stays 0 and the sums are exact, however many rows enter
 *    and leave a window frame;
 *  - float8 inputs: the sum is known to within err.  Removing a row in
 *    moving-aggregate (window) mode is the addition of -x; when that leaves
 *    a sum whose bound err is no longer tiny relative to it (a huge value
 *    left the frame and cancelled against itself), the inverse transition
 *    returns SQL NULL, which makes PostgreSQL recompute the frame from
 *    scratch.  So every result is within about 2^-44 (relative) of the exact
 *    sum of the frame's float8 values, and each row costs O(1) otherwise.
 *
 * Correct rounding.  kpi.rate, both aggregates and the rate-valued results
 * in intervals.c return the float8 nearest to the exact quotient
 * numerator × per / denominator (× n for rolling_rate), ties to even, as
 * if computed in exact arithmetic and rounded once (see exact_rate below).
 * A float8 is an integer times a power of two, so this holds for any finite
 * inputs of kpi.rate, and for the aggregates whenever their sums are exact
 * (err = 0): for integral inputs, up to the sizes above.
 *
 * Domain.  Numerators are counts: finite and >= 0.  Denominators are
 * populations: finite and > 0 (a zero population has no rate; filter it or
 * turn it into NULL with NULLIF, and the row is skipped like any row with a
 * NULL argument).  per is finite and > 0 and the same on every row.
 */
#include "postgres.h"

#ifndef HAVE_INT128
#error "kpi needs a compiler with a 128-bit integer type (correctly rounded rates)"
#endif

#include <float.h>
#include <math.h>

#include "kpi.h"
#include "port/pg_bitutils.h"
#include "state.h"
#include "stats.h"
#include "utils/builtins.h"
#include "utils/float.h"
#include "utils/fmgrprotos.h"

PG_FUNCTION_INFO_V1(kpi_rate);
PG_FUNCTION_INFO_V1(rate_accum);
PG_FUNCTION_INFO_V1(rate_accum_inv);
PG_FUNCTION_INFO_V1(rate_combine);
PG_FUNCTION_INFO_V1(rolling_rate_final);
PG_FUNCTION_INFO_V1(pooled_rate_final);
PG_FUNCTION_INFO_V1(rate_ci_accum);
PG_FUNCTION_INFO_V1(rate_ci_accum_inv);
PG_FUNCTION_INFO_V1(rate_compare_accum);
PG_FUNCTION_INFO_V1(rate_compare_accum_inv);
PG_FUNCTION_INFO_V1(rate_ci_combine);
PG_FUNCTION_INFO_V1(rolling_rate_ci_final);
PG_FUNCTION_INFO_V1(pooled_rate_ci_final);
PG_FUNCTION_INFO_V1(compare_rolling_rate_final);
PG_FUNCTION_INFO_V1(compare_pooled_rate_final);

#define RS_N		0
#define RS_NUM		1			/* 1..3: hi, lo, err */
#define RS_DEN		4			/* 4..6: hi, lo, err */
#define RS_PER		7
#define RS_MINP		8
#define RS_LEN		9
/*
 * The interval and comparison forms (kpi.rolling_rate_ci, ...) extend the
 * state with the level, the benchmark and the polarity (-1: none given),
 * each the same on every row, like per.
 */
#define RS_LEVEL	9
#define RS_BENCH	10
#define RS_POL		11
#define RS_CI_LEN	12

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

/* ----------------------------------------------------------------------
 * Correctly rounded quotients
 *
 * A finite float8 is m × 2^e with m an integer of at most 53 bits.  So
 * a × b × c / d is (ma mb mc / md) × 2^(ea + eb + ec - ed): an integer
 * product of at most 159 bits over an integer of at most 53 bits.  The
 * integer quotient, scaled to 57 or 58 bits, plus a sticky bit (was there a
 * remainder?) is rounded once to the precision of the result (53 bits, or
 * fewer for subnormal results), to nearest with ties to even.
 *
 * Fast path: when ma mb mc has at most 53 bits the product is exact in
 * float8, and one IEEE division, which is correctly rounded, does it all.
 * ----------------------------------------------------------------------
 */

/* x = *m × 2^*e with *m odd (or 0); x finite and >= 0 */
static inline void
split_double(double x, uint64 *m, int *e)
{
	uint64		bits;
	int			biased;

	memcpy(&bits, &x, sizeof(bits));
	bits &= ~(UINT64CONST(1) << 63);
	biased = (int) (bits >> 52);
	*m = bits & ((UINT64CONST(1) << 52) - 1);
	if (biased == 0)
		*e = -1074;				/* zero or subnormal */
	else
	{
		*m |= UINT64CONST(1) << 52;
		*e = biased - 1075;
	}
	if (*m != 0)
	{
		int			tz = pg_rightmost_one_pos64(*m);

		*m >>= tz;
		*e += tz;
	}
}

static inline int
bit_length64(uint64 v)
{
	return v == 0 ? 0 : pg_leftmost_one_pos64(v) + 1;
}

/*
 * (q + f) × 2^e, where q has 55 to 63 bits and 0 <= f < 1 is the part of
 * the exact value below q's last bit (sticky: f > 0), rounded to nearest
 * float8, ties to even.  Overflow gives Infinity.
 */
static double
round_scaled(uint64 q, bool sticky, int e)
{
	int			len = bit_length64(q);
	int			top = len - 1 + e;	/* exponent of q's leading bit */
	int			prec = 53;
	int			drop;
	uint64		kept;
	uint64		rest;
	uint64		half;

	Assert(len >= 55 && len <= 63);
	if (top > 1023)
		return get_float8_infinity();
	if (top < -1022)
	{
		prec = 53 - (-1022 - top);	/* subnormal: fewer bits */
		if (prec < 0)
			return 0.0;			/* below half the smallest subnormal */
	}
	drop = len - prec;
	kept = drop < 64 ? q >> drop : 0;
	rest = q & ((UINT64CONST(1) << drop) - 1);
	half = UINT64CONST(1) << (drop - 1);
	if (rest > half || (rest == half && (sticky || (kept & 1))))
		kept++;
	return ldexp((double) kept, e + drop);
}

/* 192-bit unsigned integer, least significant word first */
typedef struct U192
{
	uint64		w[3];
} U192;

static int
bit_length192(const U192 *x)
{
	for (int i = 2; i >= 0; i--)
		if (x->w[i] != 0)
			return 64 * i + bit_length64(x->w[i]);
	return 0;
}

/* bits k .. k+127 of x (x < 2^(k+128)); *sticky |= any bit below k */
static uint128
shift_right192(const U192 *x, int k, bool *sticky)
{
	uint64		out[2];
	int			q = k / 64;
	int			r = k % 64;

	for (int i = 0; i < q; i++)
		if (x->w[i] != 0)
			*sticky = true;
	if (r != 0 && (x->w[q] & ((UINT64CONST(1) << r) - 1)) != 0)
		*sticky = true;
	for (int i = 0; i < 2; i++)
	{
		uint64		lo = i + q < 3 ? x->w[i + q] : 0;
		uint64		hi = i + q + 1 < 3 ? x->w[i + q + 1] : 0;

		out[i] = r == 0 ? lo : (lo >> r) | (hi << (64 - r));
	}
	return ((uint128) out[1] << 64) | out[0];
}

/* the integral quotient n / d (an integer of 1 to 159 bits / 1 to 53 bits) × 2^e */
static double
round_quotient(const U192 *n, uint64 d, int e)
{
	int			nbits = bit_length192(n);
	int			dbits = bit_length64(d);
	int			shift = dbits + 57 - nbits; /* n × 2^shift has dbits + 57 bits */
	bool		sticky = false;
	uint128		scaled;
	uint64		q;

	if (shift >= 0)
		scaled = (((uint128) n->w[1] << 64) | n->w[0]) << shift;
	else
		scaled = shift_right192(n, -shift, &sticky);
	q = (uint64) (scaled / d);	/* 2^56 < q < 2^58 */
	if (scaled % d != 0)
		sticky = true;
	return round_scaled(q, sticky, e - shift);
}

/*
 * a × b × c / d, correctly rounded, for finite a >= 0 and b, c, d > 0;
 * Infinity when it overflows.  Other arguments (from crafted states) get
 * plain float8 arithmetic.
 */
double
exact_rate(double a, double b, double c, double d)
{
	uint64		ma, mb, mc, md;
	int			ea, eb, ec, ed;
	uint128		ab;
	U192		n;

	if (unlikely(!(isfinite(a) && isfinite(b) && isfinite(c) && isfinite(d) &&
				   a >= 0 && b > 0 && c > 0 && d > 0)))
		return a * b * c / d;
	if (a == 0)
		return 0.0;
	split_double(a, &ma, &ea);
	split_double(b, &mb, &eb);
	split_double(c, &mc, &ec);
	split_double(d, &md, &ed);

	if (bit_length64(ma) + bit_length64(mb) + bit_length64(mc) <= 55)
	{
		/*
		 * The product has at most 55 bits, so at most 53 whenever it fits:
		 * check that it did, without overflow or subnormal loss.
		 */
		double		p = a * b * c;
		uint64		mp;
		int			ep;

		if (isfinite(p) && p >= DBL_MIN)
		{
			split_double(p, &mp, &ep);
			if (mp == ma * mb * mc)
				return p / d;
		}
	}

	ab = (uint128) ma * mb;
	{
		uint128		lo = (uint128) (uint64) ab * mc;
		uint128		hi = (uint128) (uint64) (ab >> 64) * mc + (uint64) (lo >> 64);

		n.w[0] = (uint64) lo;
		n.w[1] = (uint64) hi;
		n.w[2] = (uint64) (hi >> 64);
	}
	return round_quotient(&n, md, ea + eb + ec - ed);
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
	result = exact_rate(num, per, 1.0, den);
	if (unlikely(isinf(result)))
		float_overflow_error();
	PG_RETURN_FLOAT8(result);
}

/* Knuth's TwoSum: a + b = *sum + (returned error), exactly */
static inline double
two_sum(double a, double b, double *sum)
{
	double		s = a + b;
	double		bv = s - a;

	*sum = s;
	return (a - (s - bv)) + (b - bv);
}

/*
 * Add x to the compensated sum s[hi, lo, err].  TwoSum gives the exact
 * rounding error of hi + x, which goes into lo; that addition's own
 * rounding error, also exact by TwoSum, is what err accumulates (rounded
 * up), so err stays 0 exactly as long as hi + lo is the exact sum: for
 * integral inputs, until lo itself passes 2^53.
 */
static inline void
sum_add(double *s, double x)
{
	double		hi;
	double		e = two_sum(s[SUM_HI], x, &hi);

	if (unlikely(isinf(hi)))
		float_overflow_error();
	s[SUM_HI] = hi;
	if (e != 0.0)
	{
		double		lo;
		double		lost = two_sum(s[SUM_LO], e, &lo);

		s[SUM_LO] = lo;
		if (lost != 0.0)
			s[SUM_ERR] += fabs(lost) * (1.0 + DBL_EPSILON);
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

/* the same for the interval and comparison forms */
static KpiState *
rate_ci_state(FunctionCallInfo fcinfo)
{
	return kpi_state_arg(fcinfo, 0, RS_CI_LEN, RS_CALLER);
}

/*
 * Validate one row and record per and min_periods, which must be the same
 * on every row.
 */
static void
rate_row_minp(FunctionCallInfo fcinfo, double *st, double *num, double *den, int minp_argno)
{
	double		per = PG_GETARG_FLOAT8(3);
	double		minp = 1;

	*num = PG_GETARG_FLOAT8(1);
	*den = PG_GETARG_FLOAT8(2);
	check_count(*num, "numerator");
	check_positive(*den, "denominator");
	check_positive(per, "per");
	if (minp_argno > 0)
	{
		int32		m = PG_GETARG_INT32(minp_argno);

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

/* kpi.rolling_rate / kpi.pooled_rate: min_periods, if any, is argument 4 */
static void
rate_row(FunctionCallInfo fcinfo, double *st, double *num, double *den)
{
	rate_row_minp(fcinfo, st, num, den, PG_NARGS() > 4 ? 4 : -1);
}

/* add the row to a state (after rate_row's checks) */
static void
state_add(double *st, double num, double den)
{
	st[RS_N] += 1;
	sum_add(st + RS_NUM, num);
	sum_add(st + RS_DEN, den);
}

/*
 * Remove the row from a state (after rate_row's checks): false when the
 * removal would leave a sum less accurate than promised, so that the
 * caller returns NULL and PostgreSQL recomputes the frame.
 */
static bool
state_remove(double *st, double num, double den)
{
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
		return true;
	}
	sum_add(st + RS_NUM, -num);
	sum_add(st + RS_DEN, -den);
	return sum_is_accurate(st + RS_NUM) && sum_is_accurate(st + RS_DEN);
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
	state_add(st, num, den);
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
	if (!state_remove(st, num, den))
		PG_RETURN_NULL();
	PG_RETURN_KPI_STATE(state);
}

/* merge other into st (states of the same length) */
static void
state_merge(double *st, const double *other, int len)
{
	if (other[RS_N] == 0)
		return;
	if (st[RS_N] == 0)
	{
		memcpy(st, other, sizeof(double) * len);
		return;
	}
	if (st[RS_PER] != other[RS_PER] || st[RS_MINP] != other[RS_MINP])
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("%s must be the same for every row of a rate",
						st[RS_PER] != other[RS_PER] ? "per" : "min_periods")));
	if (len > RS_LEN && (st[RS_LEVEL] != other[RS_LEVEL] || st[RS_BENCH] != other[RS_BENCH] ||
						 st[RS_POL] != other[RS_POL]))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("%s must be the same for every row of a rate",
						st[RS_LEVEL] != other[RS_LEVEL] ? "level"
						: (st[RS_BENCH] != other[RS_BENCH] ? "benchmark" : "polarity"))));
	st[RS_N] += other[RS_N];
	sum_merge(st + RS_NUM, other + RS_NUM);
	sum_merge(st + RS_DEN, other + RS_DEN);
}

Datum
rate_combine(PG_FUNCTION_ARGS)
{
	KpiState   *state = rate_state(fcinfo);

	state_merge(state->values, kpi_state_arg_ro(fcinfo, 1, RS_LEN, RS_CALLER)->values, RS_LEN);
	PG_RETURN_KPI_STATE(state);
}

Datum
rate_ci_combine(PG_FUNCTION_ARGS)
{
	KpiState   *state = rate_ci_state(fcinfo);

	state_merge(state->values, kpi_state_arg_ro(fcinfo, 1, RS_CI_LEN, RS_CALLER)->values, RS_CI_LEN);
	PG_RETURN_KPI_STATE(state);
}

/*
 * The interval and comparison forms' row: rate_row's checks, and the
 * level, benchmark and polarity, the same on every row.
 *
 *   kpi.rolling_rate_ci(numerator, denominator, per [, min_periods [, level]])
 *   kpi.compare_rolling_rate(numerator, denominator, per, benchmark, polarity
 *                            [, min_periods [, level]])
 *
 * (argument numbers count the state as 0).
 */
static void
rate_ci_row(FunctionCallInfo fcinfo, double *st, double *num, double *den, bool compare)
{
	int			nargs = PG_NARGS();
	int			minp_argno = compare ? (nargs > 6 ? 6 : -1) : (nargs > 4 ? 4 : -1);
	int			level_argno = compare ? (nargs > 7 ? 7 : -1) : (nargs > 5 ? 5 : -1);
	double		level = level_argno > 0 ? PG_GETARG_FLOAT8(level_argno) : 0.95;
	double		benchmark = 0;
	double		polarity = -1;
	bool		first = st[RS_PER] == 0;

	check_level(level);
	if (compare)
	{
		benchmark = PG_GETARG_FLOAT8(4);
		check_count(benchmark, "benchmark");
		polarity = (double) polarity_arg(fcinfo, 5);
	}
	rate_row_minp(fcinfo, st, num, den, minp_argno);
	if (first)
	{
		st[RS_LEVEL] = level;
		st[RS_BENCH] = benchmark;
		st[RS_POL] = polarity;
	}
	else if (st[RS_LEVEL] != level || st[RS_BENCH] != benchmark || st[RS_POL] != polarity)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("%s must be the same for every row of a rate",
						st[RS_LEVEL] != level ? "level"
						: (st[RS_BENCH] != benchmark ? "benchmark" : "polarity"))));
}

static Datum
ci_accum(FunctionCallInfo fcinfo, bool compare)
{
	KpiState   *state = rate_ci_state(fcinfo);
	double	   *st = state->values;
	double		num;
	double		den;

	rate_ci_row(fcinfo, st, &num, &den, compare);
	state_add(st, num, den);
	PG_RETURN_KPI_STATE(state);
}

static Datum
ci_accum_inv(FunctionCallInfo fcinfo, bool compare)
{
	KpiState   *state = rate_ci_state(fcinfo);
	double	   *st = state->values;
	double		num;
	double		den;

	rate_ci_row(fcinfo, st, &num, &den, compare);
	if (!state_remove(st, num, den))
		PG_RETURN_NULL();
	PG_RETURN_KPI_STATE(state);
}

Datum
rate_ci_accum(PG_FUNCTION_ARGS)
{
	return ci_accum(fcinfo, false);
}

Datum
rate_ci_accum_inv(PG_FUNCTION_ARGS)
{
	return ci_accum_inv(fcinfo, false);
}

Datum
rate_compare_accum(PG_FUNCTION_ARGS)
{
	return ci_accum(fcinfo, true);
}

Datum
rate_compare_accum_inv(PG_FUNCTION_ARGS)
{
	return ci_accum_inv(fcinfo, true);
}

/*
 * Sums beyond 2^53 are pairs hi + lo (exact while err = 0): their quotient
 * is computed exactly in PostgreSQL's numeric, on integers, then rounded
 * like round_quotient.  Rare, so simplicity beats speed here.
 */
static Datum
numeric_of_uint64(uint64 v)
{
	return DirectFunctionCall1(int8_numeric, Int64GetDatum((int64) v));
}

static Datum
numeric_mul2(Datum a, Datum b)
{
	return DirectFunctionCall2(numeric_mul, a, b);
}

/* x × 2^k, exactly, for k >= 0 */
static Datum
numeric_shift(Datum x, int k)
{
	Datum		base = numeric_of_uint64(2);

	for (; k > 0; k >>= 1)
	{
		if (k & 1)
			x = numeric_mul2(x, base);
		if (k > 1)
			base = numeric_mul2(base, base);
	}
	return x;
}

/* the pair hi + lo as X × 2^*e with X an integer numeric */
static Datum
numeric_of_pair(const double *s, int *e)
{
	uint64		mh, ml;
	int			eh, el;
	Datum		hi;
	Datum		lo;

	split_double(fabs(s[SUM_HI]), &mh, &eh);
	split_double(fabs(s[SUM_LO]), &ml, &el);
	if (ml == 0)
		el = eh;
	*e = Min(eh, el);
	hi = numeric_shift(numeric_of_uint64(mh), eh - *e);
	if (s[SUM_HI] < 0)
		hi = DirectFunctionCall1(numeric_uminus, hi);
	if (ml == 0)
		return hi;
	lo = numeric_shift(numeric_of_uint64(ml), el - *e);
	return DirectFunctionCall2(s[SUM_LO] < 0 ? numeric_sub : numeric_add, hi, lo);
}

/* (num hi + lo) × n × per / (den hi + lo), all positive, exact sums */
static double
exact_rate_of_sums(const double *num, double n, double per, const double *den)
{
	uint64		mn, mp;
	int			en, ep, enum_, eden;
	int			shift;
	Datum		nn = numeric_of_pair(num, &enum_);
	Datum		dd = numeric_of_pair(den, &eden);
	Datum		q;
	Datum		r;
	uint64		qi;
	double		lg;

	split_double(n, &mn, &en);
	split_double(per, &mp, &ep);
	nn = numeric_mul2(nn, numeric_mul2(numeric_of_uint64(mn), numeric_of_uint64(mp)));
	enum_ += en + ep;

	/* scale so that the integer quotient has about 57 bits */
	lg = log2(sum_value(num)) + log2(n) + log2(per) - log2(sum_value(den)) - (enum_ - eden);
	shift = 57 - (int) floor(lg);
	if (shift >= 0)
		nn = numeric_shift(nn, shift);
	else
		dd = numeric_shift(dd, -shift);
	q = DirectFunctionCall2(numeric_div_trunc, nn, dd);
	r = DirectFunctionCall2(numeric_mod, nn, dd);
	qi = (uint64) DatumGetInt64(DirectFunctionCall1(numeric_int8, q));
	if (bit_length64(qi) < 55 || bit_length64(qi) > 63)
		elog(ERROR, "kpi: exact rate quotient out of range");
	return round_scaled(qi, DatumGetInt32(DirectFunctionCall1(numeric_sign, r)) != 0,
						enum_ - eden - shift);
}

static inline bool
is_integral(double x)
{
	return floor(x) == x;
}

/*
 * (num hi + lo) × n × per / (den hi + lo): correctly rounded when the sums
 * are exact: single float8 values (always so for integral inputs below
 * 2^53), or exact pairs of integers.  Otherwise (float8 inputs whose sums
 * rounded) the sums are known only to within err, and plain arithmetic
 * will do.  ERROR on overflow.
 */
static double
rate_of_sums(const double *num, double n, double per, const double *den)
{
	double		result;

	if (num[SUM_LO] == 0 && den[SUM_LO] == 0)
		result = exact_rate(num[SUM_HI], per, n, den[SUM_HI]);
	else if (num[SUM_ERR] == 0 && den[SUM_ERR] == 0 &&
			 is_integral(num[SUM_HI]) && is_integral(num[SUM_LO]) &&
			 is_integral(den[SUM_HI]) && is_integral(den[SUM_LO]) &&
			 num[SUM_HI] > 0 && den[SUM_HI] > 0 && n >= 1 && n <= 9007199254740992.0 &&
			 is_integral(n) && isfinite(per) && per > 0 &&
			 sum_value(num) > 0 && sum_value(den) > 0 &&
			 isfinite(sum_value(num)) && isfinite(sum_value(den)))
		result = exact_rate_of_sums(num, n, per, den);
	else
	{
		double		nsum = sum_value(num);
		double		dsum = sum_value(den);
		double		scaled = nsum * n * per;

		if (likely(isfinite(scaled)))
			result = scaled / dsum;
		else
			result = nsum / dsum * n * per;
	}
	if (unlikely(isinf(result)))
		float_overflow_error();
	return result;
}

/* numerator sum / denominator sum × scale, or NULL; never modifies state */
static Datum
rate_final(FunctionCallInfo fcinfo, bool rolling)
{
	const double *st = kpi_state_arg_ro(fcinfo, 0, RS_LEN, RS_CALLER)->values;

	if (st[RS_N] == 0 || st[RS_N] < st[RS_MINP])
		PG_RETURN_NULL();
	PG_RETURN_FLOAT8(rate_of_sums(st + RS_NUM, rolling ? st[RS_N] : 1.0, st[RS_PER], st + RS_DEN));
}

/*
 * The rate of an interval form's state and its interval: the Poisson
 * limits (exact below 10 events, Byar from 10 up) of the numerator sum, as
 * kpi.poisson_ci gives them, each × n × per / the denominator sum as the
 * rate is (so the rolling form's limits are kpi.rate_ci(sum, mean
 * denominator, per)'s, without rounding the mean first).  false when the
 * result is NULL (no rows, fewer than min_periods).
 */
static bool
rate_ci_of_state(const double *st, bool rolling, Estimate *iv)
{
	double		n = rolling ? st[RS_N] : 1.0;
	double		limit[3] = {0, 0, 0};
	Estimate	counts;

	if (st[RS_N] == 0 || st[RS_N] < st[RS_MINP])
		return false;
	check_level(st[RS_LEVEL]);		/* a hand-made state */
	iv->value = rate_of_sums(st + RS_NUM, n, st[RS_PER], st + RS_DEN);
	counts = poisson_interval(sum_value(st + RS_NUM), st[RS_LEVEL]);
	limit[SUM_HI] = counts.lower;
	iv->lower = rate_of_sums(limit, n, st[RS_PER], st + RS_DEN);
	limit[SUM_HI] = counts.upper;
	iv->upper = rate_of_sums(limit, n, st[RS_PER], st + RS_DEN);
	return true;
}

static Datum
rate_ci_final(FunctionCallInfo fcinfo, bool rolling)
{
	const double *st = kpi_state_arg_ro(fcinfo, 0, RS_CI_LEN, RS_CALLER)->values;
	Estimate	iv;

	if (!rate_ci_of_state(st, rolling, &iv))
		PG_RETURN_NULL();
	return interval_datum(fcinfo, iv, true);
}

/* the interval against the benchmark, as kpi.compare_rate; NULL for polarity none */
static Datum
compare_final(FunctionCallInfo fcinfo, bool rolling)
{
	const double *st = kpi_state_arg_ro(fcinfo, 0, RS_CI_LEN, RS_CALLER)->values;
	Estimate	iv;
	double		pol = st[RS_POL];

	if (!(pol == POLARITY_HIGHER || pol == POLARITY_LOWER || pol == POLARITY_NONE))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("%s: invalid transition state", RS_CALLER),
				 errdetail("The comparison's state holds a polarity of 0, 1 or 2, not %g.", pol)));
	if (!rate_ci_of_state(st, rolling, &iv) || pol == POLARITY_NONE)
		PG_RETURN_NULL();
	PG_RETURN_RAG(compare_interval(iv.lower, iv.upper, st[RS_BENCH], (Polarity) pol));
}

Datum
rolling_rate_ci_final(PG_FUNCTION_ARGS)
{
	return rate_ci_final(fcinfo, true);
}

Datum
pooled_rate_ci_final(PG_FUNCTION_ARGS)
{
	return rate_ci_final(fcinfo, false);
}

Datum
compare_rolling_rate_final(PG_FUNCTION_ARGS)
{
	return compare_final(fcinfo, true);
}

Datum
compare_pooled_rate_final(PG_FUNCTION_ARGS)
{
	return compare_final(fcinfo, false);
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
