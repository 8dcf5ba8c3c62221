/*
 * trend_tests.c — is a trend real?  kpi.mann_kendall(y, x) and
 * kpi.theil_sen(y, x), rank-based aggregates over whole series.
 *
 * Both need every point: the state is a kpi.state {x1, y1, x2, y2, ...}
 * (see state.h), appended to in place.  Its text form reads back bit for bit
 * whatever extra_float_digits is, so partial states survive being shipped
 * as text.  Pairs are compared by x, so the order of the points does not
 * matter and partial states combine by concatenation (kpi.state_cat):
 * parallel query and Citus can split these aggregates, though the final
 * step still sees every point.  Final functions only read the state (they
 * sort copies), so the aggregates also work as window functions.
 *
 * x is a number, or elapsed days since 1970-01-01 UTC for date and
 * timestamptz (as for kpi.trend).  Pairs are compared by x, so the rows need
 * not arrive in order.
 *
 * Every loop over the points answers a cancel or statement_timeout within
 * milliseconds; so do the sort and the median (sort.c: PostgreSQL's qsort
 * has no interrupt hook).
 */
#include "postgres.h"

#include <math.h>

#include "access/htup_details.h"
#include "distributions.h"
#include "funcapi.h"
#include "kpi.h"
#include "miscadmin.h"
#include "sort.h"
#include "state.h"
#include "trend.h"
#include "utils/date.h"
#include "utils/timestamp.h"

PG_FUNCTION_INFO_V1(series_accum_float8);
PG_FUNCTION_INFO_V1(series_accum_date);
PG_FUNCTION_INFO_V1(series_accum_timestamptz);
PG_FUNCTION_INFO_V1(mann_kendall_final);
PG_FUNCTION_INFO_V1(theil_sen_final);

typedef struct Point
{
	double		x;
	double		y;
} Point;

typedef struct Series
{
	int64		n;
	const Point *p;
} Series;

/* Theil–Sen keeps every pairwise slope: cap the pairs (80 MB of float8) */
#define THEIL_SEN_MAX_PAIRS ((int64) 10000000)

static void
invalid_series_state(const char *detail)
{
	ereport(ERROR,
			(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
			 errmsg("invalid transition state for a kpi trend test"),
			 errdetail("%s", detail)));
}

/*
 * A state {x1, y1, x2, y2, ...} reaches us through SQL-callable functions,
 * so check its shape: an even number of values, all finite.
 */
static void
check_series_state(const KpiState *st)
{
	if (st->n % 2 != 0)
		invalid_series_state("The state is a kpi.state {x1, y1, x2, y2, ...} of pairs.");
	for (int i = 0; i < st->n; i++)
	{
		if ((i & 0xFFFF) == 0)
			CHECK_FOR_INTERRUPTS();
		if (!isfinite(st->values[i]))
			invalid_series_state("Every x and y must be a finite number.");
	}
}

/*
 * Append (x, y) to the state.  Inside an aggregate the state is the
 * aggregate's own, grown in place, so each append is amortised O(1); called
 * directly from SQL, kpi_state_arg works on a copy, which is checked whole.
 */
static Datum
series_append(FunctionCallInfo fcinfo, double x, double y)
{
	KpiState   *st = kpi_state_arg(fcinfo, 0, -1, "kpi trend test");
	double		xy[2] = {x, y};

	if (!AggCheckCallContext(fcinfo, NULL))
		check_series_state(st);
	else if (st->n % 2 != 0)
		invalid_series_state("The state is a kpi.state {x1, y1, x2, y2, ...} of pairs.");
	/* the size limit (54000) is kpi.state's own, checked by the append */
	PG_RETURN_KPI_STATE(kpi_state_append(fcinfo, st, xy, 2));
}

#define SERIES_ACCUM(fname, getx) \
Datum \
fname(PG_FUNCTION_ARGS) \
{ \
	double		x, \
				y; \
 \
	if (PG_ARGISNULL(1) || PG_ARGISNULL(2)) \
	{ \
		if (PG_ARGISNULL(0)) \
			PG_RETURN_NULL(); \
		PG_RETURN_DATUM(PG_GETARG_DATUM(0)); \
	} \
	y = PG_GETARG_FLOAT8(1); \
	x = getx; \
	check_finite_arg(y, "y"); \
	return series_append(fcinfo, x, y); \
}

static inline double
finite_x(double x)
{
	check_finite_arg(x, "x");
	return x;
}

SERIES_ACCUM(series_accum_float8, finite_x(PG_GETARG_FLOAT8(2)))
SERIES_ACCUM(series_accum_date, trend_x_from_date(PG_GETARG_DATEADT(2)))
SERIES_ACCUM(series_accum_timestamptz, trend_x_from_timestamptz(PG_GETARG_TIMESTAMPTZ(2)))

/*
 * The points of the state, checked.  The final functions only read the
 * state and never modify it.
 */
static Series
series_of(FunctionCallInfo fcinfo, const char *caller)
{
	const KpiState *st = kpi_state_arg_ro(fcinfo, 0, -1, caller);
	Series		s;

	check_series_state(st);
	s.n = st->n / 2;
	s.p = (const Point *) st->values;
	return s;
}

/* interrupt check every CHECK_RANGE values of a loop */
#define CHECK_RANGE		65536

/*
 * Σ t(t-1)(2t+5), Σ t(t-1)(t-2) and Σ t(t-1) over the groups of tied values
 * of v (sorted in place).
 */
static void
tie_sums(double *v, int64 n, double *t52, double *t2, double *t1)
{
	*t52 = *t2 = *t1 = 0;
	kpi_sort_doubles(v, n);
	for (int64 i = 0; i < n;)
	{
		int64		j = i + 1;
		double		t;

		if ((i & (CHECK_RANGE - 1)) == 0)
			CHECK_FOR_INTERRUPTS();
		while (j < n && v[j] == v[i])
			j++;
		t = (double) (j - i);
		*t52 += t * (t - 1) * (2 * t + 5);
		*t2 += t * (t - 1) * (t - 2);
		*t1 += t * (t - 1);
		i = j;
	}
}

/*
 * Mann–Kendall: S = Σ_{i<j} sign(x_j - x_i) · sign(y_j - y_i), so pairs tied
 * in x count for nothing.  Variance under H0 with the tie correction for
 * ties in y (t) and in x (u), as for Kendall's S:
 *   Var S = [n(n-1)(2n+5) - Σt(t-1)(2t+5) - Σu(u-1)(2u+5)] / 18
 *         + [Σt(t-1)(t-2)] [Σu(u-1)(u-2)] / [9 n(n-1)(n-2)]
 *         + [Σt(t-1)] [Σu(u-1)] / [2 n(n-1)]
 * which is the usual Mann–Kendall variance when the x are distinct.  With
 * the continuity correction Z = (S - sign S) / sqrt(Var S), two-sided
 * p = 2 P(Z > |z|).  Fewer than 3 points, or no variance: z and p NULL.
 */
Datum
mann_kendall_final(PG_FUNCTION_ARGS)
{
	Series		ser;
	Series	   *s = &ser;
	int64		n;
	int64		S = 0;
	Datum		values[3];
	bool		nulls[3] = {false, false, false};
	double	   *v;
	double		ty52,
				ty2,
				ty1,
				tx52,
				tx2,
				tx1,
				dn,
				var;

	if (PG_ARGISNULL(0))
		PG_RETURN_NULL();
	ser = series_of(fcinfo, "kpi.mann_kendall");
	n = s->n;
	if (n == 0)
		PG_RETURN_NULL();

	for (int64 i = 0; i < n; i++)
	{
		const Point *pi = &s->p[i];

		CHECK_FOR_INTERRUPTS();
		for (int64 j = i + 1; j < n; j++)
		{
			const Point *pj = &s->p[j];
			int			sx = (pj->x > pi->x) - (pj->x < pi->x);
			int			sy = (pj->y > pi->y) - (pj->y < pi->y);

			S += sx * sy;
		}
	}
	values[0] = Int64GetDatum(S);

	dn = (double) n;
	if (n < 3)
	{
		nulls[1] = nulls[2] = true;
		PG_RETURN_DATUM(kpi_result_row(fcinfo, values, nulls, 3));
	}
	v = palloc(n * sizeof(double));
	for (int64 i = 0; i < n; i++)
		v[i] = s->p[i].y;
	tie_sums(v, n, &ty52, &ty2, &ty1);
	for (int64 i = 0; i < n; i++)
		v[i] = s->p[i].x;
	tie_sums(v, n, &tx52, &tx2, &tx1);
	pfree(v);

	var = (dn * (dn - 1) * (2 * dn + 5) - ty52 - tx52) / 18.0
		+ ty2 * tx2 / (9.0 * dn * (dn - 1) * (dn - 2))
		+ ty1 * tx1 / (2.0 * dn * (dn - 1));
	if (!(var > 0))
		nulls[1] = nulls[2] = true;
	else
	{
		double		z = S > 0 ? (S - 1) / sqrt(var) : S < 0 ? (S + 1) / sqrt(var) : 0.0;
		double		p = 2.0 * kpi_pnorm(fabs(z), false);

		values[1] = Float8GetDatum(z);
		values[2] = Float8GetDatum(p > 1.0 ? 1.0 : p);
	}
	PG_RETURN_DATUM(kpi_result_row(fcinfo, values, nulls, 3));
}

/*
 * median of v[0..n-1] (n > 0), reordering v: a selection, O(n), rather than
 * a sort.  A zero median is +0, whatever the order of -0 and +0 in v.
 */
static double
median_of(double *v, int64 n)
{
	int64		k = n / 2;
	double		below;

	kpi_select_double(v, n, k);
	if (n % 2 == 1)
		return v[k] + 0.0;
	/* the value a sort would put at k - 1: the largest of v[0..k-1] */
	below = v[0];
	for (int64 i = 1; i < k; i++)
	{
		if ((i & (CHECK_RANGE - 1)) == 0)
			CHECK_FOR_INTERRUPTS();
		if (v[i] > below)
			below = v[i];
	}
	return below / 2 + v[k] / 2 + 0.0;
}

/*
 * Theil–Sen: slope = median of (y_j - y_i) / (x_j - x_i) over the pairs
 * with x_i ≠ x_j; intercept = median of y_i - slope · x_i.  NULL when no
 * two points have different x.
 */
Datum
theil_sen_final(PG_FUNCTION_ARGS)
{
	Series		ser;
	Series	   *s = &ser;
	int64		n,
				m = 0;
	double	   *slopes;
	double	   *resid;
	double		b;
	Datum		values[2];
	bool		nulls[2] = {false, false};

	if (PG_ARGISNULL(0))
		PG_RETURN_NULL();
	ser = series_of(fcinfo, "kpi.theil_sen");
	n = s->n;
	if (n < 2)
		PG_RETURN_NULL();
	if ((double) n * (double) (n - 1) / 2 > (double) THEIL_SEN_MAX_PAIRS)
		ereport(ERROR,
				(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
				 errmsg("kpi.theil_sen supports at most %d points, not " INT64_FORMAT,
						(int) floor(sqrt(2.0 * THEIL_SEN_MAX_PAIRS)), n),
				 errdetail("It takes the median of all pairwise slopes."),
				 errhint("Aggregate the series first (e.g. monthly means), or use kpi.trend for a least-squares line.")));

	slopes = palloc_extended((Size) (n * (n - 1) / 2) * sizeof(double), MCXT_ALLOC_HUGE);
	for (int64 i = 0; i < n; i++)
	{
		CHECK_FOR_INTERRUPTS();
		for (int64 j = i + 1; j < n; j++)
		{
			double		dx = s->p[j].x - s->p[i].x;

			if (dx != 0)
			{
				double		q = (s->p[j].y - s->p[i].y) / dx;

				if (!isfinite(q))
					ereport(ERROR,
							(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
							 errmsg("value out of range: overflow"),
							 errdetail("A pairwise slope of kpi.theil_sen exceeds the float8 range.")));
				slopes[m++] = q;
			}
		}
	}
	if (m == 0)
	{
		pfree(slopes);
		PG_RETURN_NULL();
	}
	b = median_of(slopes, m);
	pfree(slopes);

	resid = palloc(n * sizeof(double));
	for (int64 i = 0; i < n; i++)
		resid[i] = s->p[i].y - b * s->p[i].x;
	values[0] = Float8GetDatum(b);
	values[1] = Float8GetDatum(median_of(resid, n));
	pfree(resid);
	PG_RETURN_DATUM(kpi_result_row(fcinfo, values, nulls, 2));
}
