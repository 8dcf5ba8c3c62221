/*
 * recent_trend.c — Fingertips' "recent trend" marker over the last five
 * points of a series, as ordered aggregates:
 *
 *   kpi.recent_trend(value, lower, upper ORDER BY period)
 *       weighted least squares of value on time, each point weighted by
 *       1 / se², se = (upper - lower) / (2 × 1.959964) from its 95%
 *       interval; the test statistic is slope² / var(slope), a chi-square
 *       with 1 degree of freedom.
 *
 *   kpi.recent_trend(events, denominator ORDER BY period)
 *       the Cochran–Armitage chi-square test for trend in proportions.
 *       The direction is the least-squares slope of the log-odds on time,
 *       as Fingertips computes it; when a proportion in the five points is
 *       0 or 1 (no finite log-odds) the Cochran–Armitage slope, the
 *       denominator-weighted least-squares slope of the proportion, is used
 *       instead.
 *
 * Time is the position of the point in the ORDER BY (1..5): Fingertips'
 * recent trends are for consecutive, equally spaced periods.  The trend is
 * 'increasing' or 'decreasing' when the statistic exceeds the 99.8%
 * chi-square quantile (9.5495) and the slopes of the five series that each
 * leave one point out all have the same sign as the full slope; otherwise
 * 'no significant change'.  Fewer than five points, or a point with a
 * zero-width interval, give 'cannot be calculated'.  Rows with a NULL
 * argument are skipped, as Fingertips uses the five most recent valid
 * points.
 *
 * State, a kpi.state of 16 values: {points seen, then a ring of the last
 * five points as (a, b, c) triples}.  The order of rows matters, so the
 * aggregates have no combine function and are never split.
 */
#include "postgres.h"

#include <math.h>

#include "distributions.h"
#include "kpi.h"
#include "state.h"
#include "stats.h"
#include "catalog/pg_type.h"
#include "miscadmin.h"
#include "utils/builtins.h"

PG_FUNCTION_INFO_V1(recent_trend_accum);
PG_FUNCTION_INFO_V1(recent_trend_prop_accum);
PG_FUNCTION_INFO_V1(recent_trend_final);
PG_FUNCTION_INFO_V1(recent_trend_prop_final);

#define NPOINTS		5
#define RT_LEN		(1 + 3 * NPOINTS)
#define SIGNIFICANCE 0.998

typedef enum TrendResult
{
	TREND_CANNOT,
	TREND_NONE,
	TREND_UP,
	TREND_DOWN
} TrendResult;

static const char *const trend_words[] = {
	"cannot be calculated", "no significant change", "increasing", "decreasing"
};

#define RT_CALLER	"kpi.recent_trend"

/* the state being updated: the aggregate's own, or a copy */
static KpiState *
trend_state(FunctionCallInfo fcinfo)
{
	return kpi_state_arg(fcinfo, 0, RT_LEN, RT_CALLER);
}

/*
 * The number of points seen so far, st[0]: a state can be written by hand
 * (or reach us through Citus as text), so check it is a whole number in
 * range before using it to index the ring.
 */
static double
points_seen(const double *st)
{
	if (!(st[0] >= 0 && st[0] <= 9007199254740992.0 && st[0] == floor(st[0])))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("%s: invalid transition state", RT_CALLER),
				 errdetail("The first value of the state counts the points seen: a whole number from 0 to 2^53, not %g.", st[0])));
	return st[0];
}

static void
push_point(double *st, double a, double b, double c)
{
	int			slot = (int) fmod(points_seen(st), NPOINTS);

	st[1 + 3 * slot] = a;
	st[2 + 3 * slot] = b;
	st[3 + 3 * slot] = c;
	st[0] += 1;
}

/* the last five points, oldest first, into p[5][3]; false if fewer */
static bool
last_points(const double *st, double p[NPOINTS][3])
{
	int			first;

	if (points_seen(st) < NPOINTS)
		return false;
	first = (int) fmod(st[0], NPOINTS);		/* the oldest of the ring */
	for (int i = 0; i < NPOINTS; i++)
	{
		int			slot = (first + i) % NPOINTS;

		for (int j = 0; j < 3; j++)
			p[i][j] = st[1 + 3 * slot + j];
	}
	return true;
}

static text *
trend_text(TrendResult r)
{
	return cstring_to_text(trend_words[r]);
}

static int
sign_of(double x)
{
	return (x > 0) - (x < 0);
}

/* value, lower, upper: accumulate one point */
Datum
recent_trend_accum(PG_FUNCTION_ARGS)
{
	KpiState   *state = trend_state(fcinfo);
	double	   *st = state->values;
	double		value = PG_GETARG_FLOAT8(1);
	double		lower = PG_GETARG_FLOAT8(2);
	double		upper = PG_GETARG_FLOAT8(3);

	check_finite_arg(value, "value");
	check_finite_arg(lower, "lower bound");
	check_finite_arg(upper, "upper bound");
	if (lower > upper)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("lower bound (%g) must not exceed upper bound (%g)", lower, upper),
				 errhint("Pass the 95%% interval as lower, upper.")));
	push_point(st, value, lower, upper);
	PG_RETURN_KPI_STATE(state);
}

/* events, denominator: accumulate one point */
Datum
recent_trend_prop_accum(PG_FUNCTION_ARGS)
{
	KpiState   *state = trend_state(fcinfo);
	double	   *st = state->values;
	double		events = PG_GETARG_FLOAT8(1);
	double		denominator = PG_GETARG_FLOAT8(2);

	check_count(events, "events");
	check_positive(denominator, "denominator");
	if (events > denominator)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("events (%g) must not exceed the denominator (%g)", events, denominator),
				 errhint("The proportion trend needs events out of a denominator.")));
	push_point(st, events, denominator, 0.0);
	PG_RETURN_KPI_STATE(state);
}

/*
 * Weighted least-squares slope of y on t over the points not equal to
 * skip (-1: all); *chi2 gets slope² / var(slope) when asked for.
 */
static double
wls_slope(const double *y, const double *w, int skip, double *chi2)
{
	double		sw = 0;
	double		swt = 0;
	double		swy = 0;
	double		sxx = 0;
	double		sxy = 0;
	double		tbar;
	double		ybar;
	double		slope;

	for (int i = 0; i < NPOINTS; i++)
		if (i != skip)
		{
			sw += w[i];
			swt += w[i] * (i + 1);
			swy += w[i] * y[i];
		}
	tbar = swt / sw;
	ybar = swy / sw;
	for (int i = 0; i < NPOINTS; i++)
		if (i != skip)
		{
			double		dt = (i + 1) - tbar;

			sxx += w[i] * dt * dt;
			sxy += w[i] * dt * (y[i] - ybar);
		}
	slope = sxy / sxx;
	if (chi2)
		*chi2 = slope * slope * sxx;	/* var(slope) = 1 / sxx */
	return slope;
}

/*
 * Significant, and no single point decides the direction: every series
 * leaving one point out has a slope of the same sign.
 */
static TrendResult
decide(double chi2, const double slopes[NPOINTS + 1])
{
	int			s = sign_of(slopes[0]);

	if (!(chi2 > kpi_qchisq(SIGNIFICANCE, 1.0)) || s == 0)
		return TREND_NONE;
	for (int i = 1; i <= NPOINTS; i++)
		if (sign_of(slopes[i]) != s)
			return TREND_NONE;
	return s > 0 ? TREND_UP : TREND_DOWN;
}

Datum
recent_trend_final(PG_FUNCTION_ARGS)
{
	const double *st = kpi_state_arg_ro(fcinfo, 0, RT_LEN, RT_CALLER)->values;
	double		p[NPOINTS][3];
	double		y[NPOINTS];
	double		w[NPOINTS];
	double		slopes[NPOINTS + 1];
	double		chi2;
	double		two_z = 2.0 * z_for_level(0.95);

	if (!last_points(st, p))
		PG_RETURN_TEXT_P(trend_text(TREND_CANNOT));
	for (int i = 0; i < NPOINTS; i++)
	{
		double		se = (p[i][2] - p[i][1]) / two_z;

		if (!(se > 0) || !isfinite(1.0 / (se * se)))
			PG_RETURN_TEXT_P(trend_text(TREND_CANNOT));
		y[i] = p[i][0];
		w[i] = 1.0 / (se * se);
	}
	slopes[0] = wls_slope(y, w, -1, &chi2);
	for (int i = 0; i < NPOINTS; i++)
		slopes[i + 1] = wls_slope(y, w, i, NULL);
	PG_RETURN_TEXT_P(trend_text(decide(chi2, slopes)));
}

/* Cochran–Armitage slope: Σ r (t - t̄) with t̄ weighted by the denominators */
static double
ca_slope(const double r[NPOINTS], const double n[NPOINTS], int skip)
{
	double		sn = 0;
	double		snt = 0;
	double		tbar;
	double		s = 0;

	for (int i = 0; i < NPOINTS; i++)
		if (i != skip)
		{
			sn += n[i];
			snt += n[i] * (i + 1);
		}
	tbar = snt / sn;
	for (int i = 0; i < NPOINTS; i++)
		if (i != skip)
			s += r[i] * ((i + 1) - tbar);
	return s;
}

/* least-squares slope of the log-odds on time */
static double
logit_slope(const double lo[NPOINTS], int skip)
{
	double		k = 0;
	double		st = 0;
	double		sy = 0;
	double		sxx = 0;
	double		sxy = 0;

	for (int i = 0; i < NPOINTS; i++)
		if (i != skip)
		{
			k += 1;
			st += i + 1;
			sy += lo[i];
		}
	for (int i = 0; i < NPOINTS; i++)
		if (i != skip)
		{
			double		dt = (i + 1) - st / k;

			sxx += dt * dt;
			sxy += dt * (lo[i] - sy / k);
		}
	return sxy / sxx;
}

Datum
recent_trend_prop_final(PG_FUNCTION_ARGS)
{
	const double *st = kpi_state_arg_ro(fcinfo, 0, RT_LEN, RT_CALLER)->values;
	double		p[NPOINTS][3];
	double		r[NPOINTS];
	double		n[NPOINTS];
	double		lo[NPOINTS];
	double		slopes[NPOINTS + 1];
	double		big_r = 0;
	double		big_n = 0;
	double		tbar;
	double		num = 0;
	double		den = 0;
	double		pbar;
	double		chi2;
	bool		finite_logits = true;

	if (!last_points(st, p))
		PG_RETURN_TEXT_P(trend_text(TREND_CANNOT));
	for (int i = 0; i < NPOINTS; i++)
	{
		r[i] = p[i][0];
		n[i] = p[i][1];
		big_r += r[i];
		big_n += n[i];
		if (r[i] > 0 && r[i] < n[i])
			lo[i] = log(r[i] / (n[i] - r[i]));
		else
			finite_logits = false;
	}
	/* no events, or nothing but events: every proportion is 0, or 1 */
	if (big_r == 0 || big_r == big_n)
		PG_RETURN_TEXT_P(trend_text(TREND_NONE));

	/* chi² = (Σ r (t - t̄))² / (p̄ (1 - p̄) Σ n (t - t̄)²), t̄ weighted by n */
	tbar = 0;
	for (int i = 0; i < NPOINTS; i++)
		tbar += n[i] * (i + 1);
	tbar /= big_n;
	for (int i = 0; i < NPOINTS; i++)
	{
		double		dt = (i + 1) - tbar;

		num += r[i] * dt;
		den += n[i] * dt * dt;
	}
	pbar = big_r / big_n;
	chi2 = num * num / (pbar * (1.0 - pbar) * den);

	for (int i = -1; i < NPOINTS; i++)
		slopes[i + 1] = finite_logits ? logit_slope(lo, i) : ca_slope(r, n, i);
	PG_RETURN_TEXT_P(trend_text(decide(chi2, slopes)));
}

/* ------------------------------------------------------------------------
 * Period-aware forms (issue 10): kpi.recent_trend(value, lower, upper,
 * period) and kpi.recent_trend(events, denominator, period).  The state is
 * a kpi.state of every row as {period, a, b, c}, so the halves of a split
 * aggregate combine by concatenation (kpi.state_cat).  The final function
 * orders the rows by period (a period twice is ERROR 21000, as for
 * kpi.series), feeds them in that order to the ordered forms' transition
 * function, which checks each row as it always does, and reads the result
 * with their final function.  A period is kept as a float8: the number, a
 * date's day, or a timestamp's microsecond (exact within 285 years of 2000).
 */
#include "series.h"
#include "utils/date.h"
#include "utils/timestamp.h"

PG_FUNCTION_INFO_V1(recent_trend_period_accum);
PG_FUNCTION_INFO_V1(recent_trend_period_final_float8);
PG_FUNCTION_INFO_V1(recent_trend_period_final_date);
PG_FUNCTION_INFO_V1(recent_trend_period_final_timestamptz);
PG_FUNCTION_INFO_V1(recent_trend_prop_period_final_date);
PG_FUNCTION_INFO_V1(recent_trend_prop_period_final_timestamptz);

#define RTP_WIDTH	4

/* (state, a, b[, c], period): the period is the last argument */
Datum
recent_trend_period_accum(PG_FUNCTION_ARGS)
{
	int			pargno = PG_NARGS() - 1;
	Oid			ptype = get_fn_expr_argtype(fcinfo->flinfo, pargno);
	int			kind = ptype == DATEOID ? KPI_PERIOD_DATE
		: (ptype == TIMESTAMPTZOID ? KPI_PERIOD_TIMESTAMPTZ : KPI_PERIOD_FLOAT8);
	KpiPeriod	p = kpi_period_from_datum(PG_GETARG_DATUM(pargno), kind);
	double		row[RTP_WIDTH];
	KpiState   *st = kpi_state_arg(fcinfo, 0, -1, RT_CALLER);

	if (st->n % RTP_WIDTH != 0)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("%s: invalid transition state", RT_CALLER),
				 errdetail("The state holds (period, a, b, c) rows of 4 values.")));
	row[0] = kind == KPI_PERIOD_FLOAT8 ? p.x : (double) p.t;
	row[1] = PG_GETARG_FLOAT8(1);
	row[2] = PG_GETARG_FLOAT8(2);
	row[3] = pargno == 4 ? PG_GETARG_FLOAT8(3) : 0;
	PG_RETURN_KPI_STATE(kpi_state_append(fcinfo, st, row, RTP_WIDTH));
}

static Datum
period_final(FunctionCallInfo fcinfo, int kind, bool proportions)
{
	const KpiState *st = kpi_state_arg_ro(fcinfo, 0, -1, RT_CALLER);
	int			n = st->n / RTP_WIDTH;
	KpiPoint   *pts;
	Datum		ordered;

	if (st->n % RTP_WIDTH != 0)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("%s: invalid transition state", RT_CALLER),
				 errdetail("The state holds (period, a, b, c) rows of 4 values.")));
	/* sort the rows' numbers by period; kpi_points_sort names a duplicate */
	pts = palloc(sizeof(KpiPoint) * Max(n, 1));
	for (int i = 0; i < n; i++)
	{
		double		p = st->values[RTP_WIDTH * i];

		if (kind == KPI_PERIOD_FLOAT8)
			pts[i].period = kpi_period_from_datum(Float8GetDatum(p), kind);
		else
		{
			if (!(fabs(p) <= 9007199254740992.0 && p == floor(p)))
				ereport(ERROR,
						(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
						 errmsg("%s: invalid transition state", RT_CALLER),
						 errdetail("A period of a date or time is a whole number.")));
			pts[i].period.t = (int64) p;
		}
		pts[i].value = i;
	}
	kpi_points_sort(kind, pts, n);

	ordered = PointerGetDatum(kpi_state_new(RT_LEN));
	for (int i = 0; i < n; i++)
	{
		const double *row = &st->values[RTP_WIDTH * (int) pts[i].value];

		CHECK_FOR_INTERRUPTS();
		if (proportions)
			ordered = DirectFunctionCall3(recent_trend_prop_accum, ordered,
										  Float8GetDatum(row[1]), Float8GetDatum(row[2]));
		else
			ordered = DirectFunctionCall4(recent_trend_accum, ordered, Float8GetDatum(row[1]),
										  Float8GetDatum(row[2]), Float8GetDatum(row[3]));
	}
	return proportions ? DirectFunctionCall1(recent_trend_prop_final, ordered)
		: DirectFunctionCall1(recent_trend_final, ordered);
}

Datum
recent_trend_period_final_float8(PG_FUNCTION_ARGS)
{
	return period_final(fcinfo, KPI_PERIOD_FLOAT8, false);
}

Datum
recent_trend_period_final_date(PG_FUNCTION_ARGS)
{
	return period_final(fcinfo, KPI_PERIOD_DATE, false);
}

Datum
recent_trend_period_final_timestamptz(PG_FUNCTION_ARGS)
{
	return period_final(fcinfo, KPI_PERIOD_TIMESTAMPTZ, false);
}

Datum
recent_trend_prop_period_final_date(PG_FUNCTION_ARGS)
{
	return period_final(fcinfo, KPI_PERIOD_DATE, true);
}

Datum
recent_trend_prop_period_final_timestamptz(PG_FUNCTION_ARGS)
{
	return period_final(fcinfo, KPI_PERIOD_TIMESTAMPTZ, true);
}
