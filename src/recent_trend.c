/*
 * recent_trend.c — Fingertips' "recent trend" marker over the five most
 * recent points of a series, as aggregates.
 *
 * The rules are those of fingertips-open (commit 6780897),
 * PholioVisualisationWS/Analysis/TrendMarkers/TrendRequest.cs (when a trend
 * can be calculated) and TrendMarkerCalculator.cs (the tests), with the
 * labels of PholioVisualisationWS/Formatting/TrendMarkerLabelProvider.cs:
 *
 *   kpi.recent_trend(value, lower, upper ...)
 *       weighted least squares of value on time 1..5, each point weighted
 *       by 1 / se², se = (upper - lower) / 3.92 from its 95% interval (3.92
 *       as Fingertips writes it); the statistic is slope² / var(slope), a
 *       chi-square with 1 degree of freedom.
 *
 *   kpi.recent_trend(events, denominator ...)
 *       the Cochran–Armitage chi-square test for trend in proportions
 *       (Fingertips' "SPC for proportions").  The direction is the
 *       least-squares slope of the log-odds on time, whose leave-one-out
 *       slopes Fingertips checks; when a proportion in the five points is 0
 *       (no finite log-odds) the Cochran–Armitage slope, the
 *       denominator-weighted least-squares slope of the proportion, is used
 *       instead.
 *
 * Significant: the statistic exceeds 9.54953570608324 (the 99.8% chi-square
 * quantile, Fingertips' ChiSquareConfidence) and the six slopes — of the
 * five points and of the five series that each leave one point out — all
 * count the same sign, a slope below 0 counting as negative and any other as
 * positive (NoOutliersCheck).  Then 'increasing' or 'decreasing' by the sign
 * of the slope of the five points; otherwise 'no significant change'.
 *
 * 'cannot be calculated' (TrendRequest.IsValid): fewer than five rows;
 * fewer than five valid points in the unbroken run that ends with the most
 * recent period (a point is valid when its value — or its count — is known
 * and its denominator is above zero; a suppressed point ends the run, it is
 * not skipped); a point of that run whose count equals its denominator
 * (IsPossibleDivideByZeroErrors); and, a kpi rule, a point of the five with
 * a zero-width interval (its weight would be infinite; Fingertips' division
 * by zero gives NaN and so "no significant change").
 *
 * The forms that take the period also end the run at a missing period: the
 * five most recent points must be five consecutive periods, one step of the
 * series apart (a missing year or month is not closed up).  The step is the
 * series' own, found as kpi.ets finds it: for numbers the smallest distance
 * between two periods; for dates all on the first (or all on the last) day
 * of their months a whole number of months, the smallest; else the smallest
 * number of days (timestamps: of local days when all are at local midnight,
 * else of microseconds).
 *
 * The ordered forms (0.1.0) see the rows in ORDER BY order and keep only
 * the last five; rows with a NULL argument never reach them (their
 * transition functions are strict), so they cannot apply the run and
 * period rules.  The forms with a polarity give Fingertips' labels:
 * "Increasing and getting better", "Decreasing and getting worse" (higher
 * is better; lower swaps better and worse), "Increasing" / "Decreasing"
 * (none), "No significant change", "Cannot be calculated".
 *
 * State of the ordered forms, a kpi.state of 16 values: {points seen, then
 * a ring of the last five points as (a, b, c) triples}.  The order of rows
 * matters, so those aggregates have no combine function and are never
 * split.
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
/* TrendMarkerCalculator.ChiSquareConfidence: qchisq(0.998, 1) */
#define CHI2_998	9.54953570608324
/* TrendMarkerCalculator: (UpperCI95 - LowerCI95) / 3.92 */
#define CI_WIDTH_SE	3.92

typedef enum TrendResult
{
	TREND_CANNOT,
	TREND_NONE,
	TREND_UP,
	TREND_DOWN
} TrendResult;

/* the words of the forms without a polarity */
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

/*
 * The checks of one (value, lower, upper) row, NaN standing for NULL: ERROR
 * for a bad number; true when the point is valid (nothing is NULL).
 */
static bool
ci_row_ok(double value, double lower, double upper)
{
	if (!isnan(value))
		check_finite_arg(value, "value");
	if (!isnan(lower))
		check_finite_arg(lower, "lower bound");
	if (!isnan(upper))
		check_finite_arg(upper, "upper bound");
	if (lower > upper)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("lower bound (%g) must not exceed upper bound (%g)", lower, upper),
				 errhint("Pass the 95%% interval as lower, upper.")));
	return !isnan(value) && !isnan(lower) && !isnan(upper);
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
	ci_row_ok(value, lower, upper);
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
 * Fingertips' sign count: a slope below zero is negative, any other
 * (zero, or NaN) positive.
 */
static int
slope_sign(double x)
{
	return x < 0 ? -1 : 1;
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
 * Significant (chi2 above the 99.8% quantile) and no single point decides
 * the direction: the six slopes count the same sign (NoOutliersCheck).
 */
static TrendResult
decide(double chi2, const double slopes[NPOINTS + 1])
{
	int			s = slope_sign(slopes[0]);

	for (int i = 1; i <= NPOINTS; i++)
		if (slope_sign(slopes[i]) != s)
			return TREND_NONE;
	if (!(chi2 > CHI2_998))
		return TREND_NONE;
	return slopes[0] > 0 ? TREND_UP : TREND_DOWN;
}

/* the marker of five (value, lower, upper) points, oldest first */
static TrendResult
ci_trend(const double p[NPOINTS][3])
{
	double		y[NPOINTS];
	double		w[NPOINTS];
	double		slopes[NPOINTS + 1];
	double		chi2;

	for (int i = 0; i < NPOINTS; i++)
	{
		double		se = (p[i][2] - p[i][1]) / CI_WIDTH_SE;

		if (!(se > 0) || !isfinite(1.0 / (se * se)))
			return TREND_CANNOT;
		y[i] = p[i][0];
		w[i] = 1.0 / (se * se);
	}
	slopes[0] = wls_slope(y, w, -1, &chi2);
	for (int i = 0; i < NPOINTS; i++)
		slopes[i + 1] = wls_slope(y, w, i, NULL);
	return decide(chi2, slopes);
}

Datum
recent_trend_final(PG_FUNCTION_ARGS)
{
	const double *st = kpi_state_arg_ro(fcinfo, 0, RT_LEN, RT_CALLER)->values;
	double		p[NPOINTS][3];

	if (!last_points(st, p))
		PG_RETURN_TEXT_P(trend_text(TREND_CANNOT));
	PG_RETURN_TEXT_P(trend_text(ci_trend(p)));
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

/*
 * The marker of five (events, denominator) points, oldest first, each with
 * 0 <= events <= denominator, denominator > 0.
 */
static TrendResult
prop_trend(const double p[NPOINTS][3])
{
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

	for (int i = 0; i < NPOINTS; i++)
	{
		r[i] = p[i][0];
		n[i] = p[i][1];
		/* IsPossibleDivideByZeroErrors: a count equal to its denominator */
		if (r[i] == n[i])
			return TREND_CANNOT;
		big_r += r[i];
		big_n += n[i];
		if (r[i] > 0)
			lo[i] = log(r[i] / (n[i] - r[i]));
		else
			finite_logits = false;
	}
	/* no events at all: every proportion is 0, nothing to test */
	if (big_r == 0)
		return TREND_NONE;

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
	return decide(chi2, slopes);
}

Datum
recent_trend_prop_final(PG_FUNCTION_ARGS)
{
	const double *st = kpi_state_arg_ro(fcinfo, 0, RT_LEN, RT_CALLER)->values;
	double		p[NPOINTS][3];

	if (!last_points(st, p))
		PG_RETURN_TEXT_P(trend_text(TREND_CANNOT));
	PG_RETURN_TEXT_P(trend_text(prop_trend(p)));
}

/* ------------------------------------------------------------------------
 * Period-aware forms (issue 10, and issue 12 for the run, period and
 * polarity rules): kpi.recent_trend(value, lower, upper, period[,
 * polarity]) and kpi.recent_trend(events, denominator, period[,
 * polarity]).  The state is a kpi.state of every row as {period, a, b, c}
 * ({period, a, b, c, tag} with a polarity: tag = 10 × kind + polarity), so
 * the halves of a split aggregate combine by concatenation
 * (kpi.state_cat).  A NULL a, b or c is kept as NaN: a suppressed point,
 * which ends the run of valid points.  The final function orders the rows
 * by period (a period twice is ERROR 21000, as for kpi.series), finds the
 * run of valid consecutive points that ends with the most recent period,
 * and gives the marker of its last five.  A period is kept as a float8:
 * the number, a date's day, or a timestamp's microsecond (exact within 285
 * years of 2000).
 */
#include "series.h"
#include "pgtime.h"
#include "utils/date.h"
#include "utils/datetime.h"
#include "utils/timestamp.h"

PG_FUNCTION_INFO_V1(recent_trend_period_accum);
PG_FUNCTION_INFO_V1(recent_trend_period_final_float8);
PG_FUNCTION_INFO_V1(recent_trend_period_final_date);
PG_FUNCTION_INFO_V1(recent_trend_period_final_timestamptz);
PG_FUNCTION_INFO_V1(recent_trend_prop_period_final_date);
PG_FUNCTION_INFO_V1(recent_trend_prop_period_final_timestamptz);
PG_FUNCTION_INFO_V1(recent_trend_marker_accum);
PG_FUNCTION_INFO_V1(recent_trend_marker_final);
PG_FUNCTION_INFO_V1(recent_trend_marker_prop_final);

#define RTP_WIDTH	4
#define RTM_WIDTH	5

/* Fingertips' labels (TrendMarkerLabelProvider), by polarity */
static const char *
marker_label(TrendResult r, Polarity polarity)
{
	switch (r)
	{
		case TREND_CANNOT:
			return "Cannot be calculated";
		case TREND_NONE:
			return "No significant change";
		case TREND_UP:
			return polarity == POLARITY_HIGHER ? "Increasing and getting better"
				: (polarity == POLARITY_LOWER ? "Increasing and getting worse" : "Increasing");
		case TREND_DOWN:
			return polarity == POLARITY_HIGHER ? "Decreasing and getting worse"
				: (polarity == POLARITY_LOWER ? "Decreasing and getting better" : "Decreasing");
	}
	return NULL;				/* not reached */
}

static int
period_kind_of_arg(FunctionCallInfo fcinfo, int argno)
{
	/* declared types when there is no call expression: Citus's worker_partial_agg */
	Oid			ptype = kpi_arg_type(fcinfo, argno);

	return ptype == DATEOID ? KPI_PERIOD_DATE
		: (ptype == TIMESTAMPTZOID ? KPI_PERIOD_TIMESTAMPTZ : KPI_PERIOD_FLOAT8);
}

static double
arg_or_nan(FunctionCallInfo fcinfo, int argno)
{
	return PG_ARGISNULL(argno) ? NAN : PG_GETARG_FLOAT8(argno);
}

/*
 * The checks of one (events, denominator) row, NaN standing for NULL:
 * ERROR for a bad number; true when the point is valid (both known, the
 * denominator above zero: Fingertips' IsCountValid, IsDenominatorValid).
 */
static bool
prop_row_ok(double events, double denominator)
{
	if (!isnan(events))
		check_count(events, "events");
	if (!isnan(denominator))
	{
		check_finite_arg(denominator, "denominator");
		if (denominator < 0)
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("denominator must not be negative, not %g", denominator),
					 errhint("A zero denominator is a point that cannot be used (it ends the run of valid points).")));
	}
	if (isnan(events) || isnan(denominator) || denominator == 0)
		return false;
	if (events > denominator)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("events (%g) must not exceed the denominator (%g)", events, denominator),
				 errhint("The proportion trend needs events out of a denominator.")));
	return true;
}

/* one row into the state: {period, a, b, c[, tag]} */
static Datum
accum_row(FunctionCallInfo fcinfo, int pargno, bool proportions, int width, int tag_polarity)
{
	int			kind = period_kind_of_arg(fcinfo, pargno);
	KpiPeriod	p = kpi_period_arg(fcinfo, pargno, kind);
	double		row[RTM_WIDTH];
	KpiState   *st = kpi_state_arg(fcinfo, 0, -1, RT_CALLER);

	if (st->n % width != 0)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("%s: invalid transition state", RT_CALLER),
				 errdetail("The state holds rows of %d values.", width)));
	row[0] = kind == KPI_PERIOD_FLOAT8 ? p.x : (double) p.t;
	/* NaN stands for NULL in the state: a NaN argument is an error */
	for (int i = 1; i <= (proportions ? 2 : 3); i++)
		if (!PG_ARGISNULL(i))
			check_finite_arg(PG_GETARG_FLOAT8(i),
							 i == 1 ? (proportions ? "events" : "value")
							 : (i == 2 ? (proportions ? "denominator" : "lower bound") : "upper bound"));
	row[1] = arg_or_nan(fcinfo, 1);
	row[2] = arg_or_nan(fcinfo, 2);
	row[3] = proportions ? 0 : arg_or_nan(fcinfo, 3);
	if (proportions)
		prop_row_ok(row[1], row[2]);
	else
		ci_row_ok(row[1], row[2], row[3]);
	row[4] = 10 * kind + tag_polarity;
	PG_RETURN_KPI_STATE(kpi_state_append(fcinfo, st, row, width));
}

/* (state, a, b[, c], period): the period is the last argument */
Datum
recent_trend_period_accum(PG_FUNCTION_ARGS)
{
	int			pargno = PG_NARGS() - 1;

	return accum_row(fcinfo, pargno, pargno == 3, RTP_WIDTH, 0);
}

/* (state, a, b[, c], period, polarity) */
Datum
recent_trend_marker_accum(PG_FUNCTION_ARGS)
{
	int			polno = PG_NARGS() - 1;

	if (PG_ARGISNULL(polno))
		ereport(ERROR,
				(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
				 errmsg("polarity must not be NULL"),
				 errhint("Pass higher, lower or none (%s).", polarity_spellings())));
	return accum_row(fcinfo, polno - 1, polno == 4, RTM_WIDTH, (int) polarity_arg(fcinfo, polno));
}

/*
 * The periods of the sorted rows as slots on the series' own grid (module
 * comment); false for float8 periods, whose distances are compared as
 * numbers.
 */
static bool
period_slots(int kind, const KpiPoint *pts, int n, int64 *slot)
{
	bool		all_midnight = true,
				month_end;

	if (kind == KPI_PERIOD_FLOAT8)
		return false;
	for (int i = 0; i < n; i++)
	{
		if (kind == KPI_PERIOD_DATE)
			slot[i] = pts[i].period.t;
		else
		{
			struct pg_tm tm;
			fsec_t		fsec;
			int			tz;

			if (timestamp2tm((TimestampTz) pts[i].period.t, &tz, &tm, &fsec, NULL, NULL) != 0)
				ereport(ERROR,
						(errcode(ERRCODE_DATETIME_VALUE_OUT_OF_RANGE),
						 errmsg("timestamp out of range")));
			if (tm.tm_hour != 0 || tm.tm_min != 0 || tm.tm_sec != 0 || fsec != 0)
				all_midnight = false;
			slot[i] = date2j(tm.tm_year, tm.tm_mon, tm.tm_mday) - POSTGRES_EPOCH_JDATE;
		}
	}
	if (kind == KPI_PERIOD_TIMESTAMPTZ && !all_midnight)
	{
		for (int i = 0; i < n; i++)
			slot[i] = pts[i].period.t;
		return true;
	}
	(void) kpi_month_keys(slot, n, slot, &month_end);
	return true;
}

/*
 * The marker of a period form's state: rows of width values, periods of
 * kind; *polarity gets the rows' polarity (width RTM_WIDTH).
 */
static TrendResult
period_trend(FunctionCallInfo fcinfo, int width, int kind, bool proportions, Polarity *polarity)
{
	const KpiState *st = kpi_state_arg_ro(fcinfo, 0, -1, RT_CALLER);
	int			n = st->n / width;
	KpiPoint   *pts;
	int64	   *slot;
	bool		by_slot;
	double		step = 0;
	int			run;
	int			newest;
	double		p[NPOINTS][3];

	if (st->n % width != 0)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("%s: invalid transition state", RT_CALLER),
				 errdetail("The state holds rows of %d values.", width)));
	if (width == RTM_WIDTH && n > 0)
	{
		double		tag = st->values[RTM_WIDTH - 1];

		for (int i = 1; i < n; i++)
			if (st->values[RTM_WIDTH * i + RTM_WIDTH - 1] != tag)
				ereport(ERROR,
						(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
						 errmsg("%s: the polarity must be the same on every row", RT_CALLER),
						 errhint("One trend is of one indicator: group by the indicator.")));
		if (!(tag == floor(tag) && tag >= 10 * KPI_PERIOD_FLOAT8 && tag <= 10 * KPI_PERIOD_TIMESTAMPTZ + 9))
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("%s: invalid transition state", RT_CALLER),
					 errdetail("The last value of a row is 10 * the period kind + the polarity.")));
		kind = (int) tag / 10;
		*polarity = (Polarity) ((int) tag % 10);
		if (*polarity != POLARITY_HIGHER && *polarity != POLARITY_LOWER && *polarity != POLARITY_NONE)
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("%s: invalid transition state", RT_CALLER),
					 errdetail("The last value of a row is 10 * the period kind + the polarity.")));
	}
	else if (width == RTM_WIDTH)
		*polarity = POLARITY_NONE;

	/* sort the rows' numbers by period; kpi_points_sort names a duplicate */
	pts = palloc(sizeof(KpiPoint) * Max(n, 1));
	for (int i = 0; i < n; i++)
	{
		double		v = st->values[width * i];

		if (kind == KPI_PERIOD_FLOAT8)
			pts[i].period = kpi_period_from_datum(Float8GetDatum(v), kind);
		else
		{
			if (!(fabs(v) <= 9007199254740992.0 && v == floor(v)))
				ereport(ERROR,
						(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
						 errmsg("%s: invalid transition state", RT_CALLER),
						 errdetail("A period of a date or time is a whole number.")));
			pts[i].period.t = (int64) v;
			if (kind == KPI_PERIOD_DATE ? !IS_VALID_DATE(pts[i].period.t)
				: !IS_VALID_TIMESTAMP(pts[i].period.t))
				ereport(ERROR,
						(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
						 errmsg("%s: invalid transition state", RT_CALLER),
						 errdetail("A period is outside the range of its type.")));
		}
		pts[i].value = i;
	}
	kpi_points_sort(kind, pts, n);

	/* TrendRequest.IsValid: "Not enough data points" */
	if (n < NPOINTS)
		return TREND_CANNOT;

	/* the series' step: the smallest distance between two periods */
	slot = palloc(sizeof(int64) * n);
	by_slot = period_slots(kind, pts, n, slot);
	for (int i = 1; i < n; i++)
	{
		double		dist = by_slot ? (double) (slot[i] - slot[i - 1])
			: pts[i].period.x - pts[i - 1].period.x;

		if (i == 1 || dist < step)
			step = dist;
	}

	/*
	 * The run of valid points, one step apart, that ends with the most
	 * recent row (TrendRequest.GetValidDataList); a count equal to its
	 * denominator anywhere in it: cannot be calculated.
	 */
	run = 0;
	for (int i = n - 1; i >= 0; i--)
	{
		const double *row = &st->values[width * (int) pts[i].value];
		bool		valid;

		CHECK_FOR_INTERRUPTS();
		if (i < n - 1)
		{
			bool		next = by_slot ? slot[i + 1] - slot[i] == (int64) step
				: pts[i + 1].period.x - pts[i].period.x <= step * (1 + 1e-9);

			if (!next)
				break;
		}
		valid = proportions ? prop_row_ok(row[1], row[2]) : ci_row_ok(row[1], row[2], row[3]);
		if (!valid)
			break;
		if (proportions && row[1] == row[2])
			return TREND_CANNOT;
		run++;
	}
	if (run < NPOINTS)
		return TREND_CANNOT;

	newest = n - 1;
	for (int i = 0; i < NPOINTS; i++)
	{
		const double *row = &st->values[width * (int) pts[newest - (NPOINTS - 1) + i].value];

		for (int j = 0; j < 3; j++)
			p[i][j] = row[1 + j];
	}
	return proportions ? prop_trend(p) : ci_trend(p);
}

static Datum
period_final(FunctionCallInfo fcinfo, int kind, bool proportions)
{
	PG_RETURN_TEXT_P(trend_text(period_trend(fcinfo, RTP_WIDTH, kind, proportions, NULL)));
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

/* the forms with a polarity: the kind and polarity are in each row's tag */
static Datum
marker_final(FunctionCallInfo fcinfo, bool proportions)
{
	Polarity	polarity = POLARITY_NONE;
	TrendResult r = period_trend(fcinfo, RTM_WIDTH, KPI_PERIOD_FLOAT8, proportions, &polarity);

	PG_RETURN_TEXT_P(cstring_to_text(marker_label(r, polarity)));
}

Datum
recent_trend_marker_final(PG_FUNCTION_ARGS)
{
	return marker_final(fcinfo, false);
}

Datum
recent_trend_marker_prop_final(PG_FUNCTION_ARGS)
{
	return marker_final(fcinfo, true);
}
