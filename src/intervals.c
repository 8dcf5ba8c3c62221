/*
 * intervals.c — confidence intervals as England's public-health tooling
 * (Fingertips, the PHEindicatormethods R package) computes them:
 *
 *   kpi.wilson_ci    Wilson score interval of a proportion
 *   kpi.poisson_ci   interval of a count: exact (chi-square) below 10
 *                    events, Byar's approximation from 10 up
 *   kpi.rate_ci      the count interval divided by the population × per
 *   kpi.mean_ci      Student-t interval of a mean (scalar and aggregate)
 *   kpi.dsr          directly standardised rate, Dobson's interval
 *
 * Every interval is two-sided and symmetric in probability: at level L
 * each bound misses the true value with probability (1 - L) / 2.
 */
#include "postgres.h"

#include <float.h>
#include <math.h>

#include "access/htup_details.h"
#include "catalog/pg_type.h"
#include "distributions.h"
#include "funcapi.h"
#include "kpi.h"
#include "state.h"
#include "stats.h"
#include "utils/float.h"

PG_FUNCTION_INFO_V1(kpi_wilson_ci);
PG_FUNCTION_INFO_V1(kpi_poisson_ci);
PG_FUNCTION_INFO_V1(kpi_rate_ci);
PG_FUNCTION_INFO_V1(kpi_mean_ci);
PG_FUNCTION_INFO_V1(mean_ci_accum);
PG_FUNCTION_INFO_V1(mean_ci_combine);
PG_FUNCTION_INFO_V1(mean_ci_final);
PG_FUNCTION_INFO_V1(dsr_accum);
PG_FUNCTION_INFO_V1(dsr_combine);
PG_FUNCTION_INFO_V1(dsr_final);

/* the count below which Poisson limits are exact and DSRs are suppressed */
#define SMALL_COUNT 10.0

double
z_for_level(double level)
{
	/* upper (1 - level)/2 quantile, computed from the small tail for accuracy */
	return -kpi_qnorm((1.0 - level) / 2.0);
}

/*
 * Wilson score interval (Wilson 1927; Newcombe & Altman 2000): the roots p
 * of (n + z²) p² - (2x + z²) p + x²/n = 0.  For x <= n/2 the upper root
 * comes from the usual formula and the lower one from the product of the
 * roots, x² / (n (n + z²)), which avoids cancellation when x is small; for
 * x > n/2 the interval is the mirror image of that of n - x, so 0 and n
 * successes give exactly 0 and 1.
 */
static void
wilson_roots(double x, double n, double z, double *lower, double *upper)
{
	double		z2 = z * z;

	*upper = (2.0 * x + z2 + z * sqrt(z2 + 4.0 * x * (1.0 - x / n))) / (2.0 * (n + z2));
	*lower = x == 0 ? 0.0 : (x * x) / (n * (n + z2)) / *upper;
}

Estimate
wilson_interval(double x, double n, double level)
{
	double		z = z_for_level(level);
	Estimate	iv;

	iv.value = x / n;
	if (x <= n / 2)
		wilson_roots(x, n, z, &iv.lower, &iv.upper);
	else
	{
		double		lo;
		double		up;

		wilson_roots(n - x, n, z, &lo, &up);
		iv.lower = 1.0 - up;
		iv.upper = 1.0 - lo;
	}
	return iv;
}

/* Byar's approximation (Breslow & Day 1987), as PHEindicatormethods */
double
byar_lower(double x, double z)
{
	double		b = 1.0 - 1.0 / (9.0 * x) - z / (3.0 * sqrt(x));

	return b > 0 ? x * b * b * b : 0.0;
}

double
byar_upper(double x, double z)
{
	double		x1 = x + 1.0;
	double		b = 1.0 - 1.0 / (9.0 * x1) + z / (3.0 * sqrt(x1));

	return x1 * b * b * b;
}

/*
 * Poisson limits for a count: below 10 events the exact limits from the
 * chi-square distribution, chi2((1-L)/2; 2x)/2 and chi2((1+L)/2; 2x+2)/2
 * (Garwood); from 10 up Byar's approximation.
 */
Estimate
poisson_interval(double x, double level)
{
	Estimate	iv;

	iv.value = x;
	if (x < SMALL_COUNT)
	{
		double		alpha = 1.0 - level;

		iv.lower = x == 0 ? 0.0 : kpi_qchisq(alpha / 2.0, 2.0 * x) / 2.0;
		iv.upper = kpi_qchisq(1.0 - alpha / 2.0, 2.0 * x + 2.0) / 2.0;
	}
	else
	{
		double		z = z_for_level(level);

		iv.lower = byar_lower(x, z);
		iv.upper = byar_upper(x, z);
	}
	if (isnan(iv.lower) || isnan(iv.upper))
		elog(ERROR, "kpi: chi-square quantile failed for %g events", x);
	return iv;
}

Datum
interval_datum(FunctionCallInfo fcinfo, Estimate iv, bool with_value)
{
	Datum		values[3];
	bool		nulls[3] = {false, false, false};
	int			i = 0;

	if (with_value)
	{
		nulls[i] = isnan(iv.value);
		values[i++] = Float8GetDatum(iv.value);
	}
	nulls[i] = isnan(iv.lower);
	values[i++] = Float8GetDatum(iv.lower);
	nulls[i] = isnan(iv.upper);
	values[i++] = Float8GetDatum(iv.upper);
	PG_RETURN_DATUM(kpi_result_row(fcinfo, values, nulls, i));
}

void
check_successes(double successes, double trials)
{
	check_count(successes, "successes");
	check_positive(trials, "trials");
	if (successes > trials)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("successes (%g) must not exceed trials (%g)", successes, trials),
				 errhint("A proportion is successes out of trials: check the argument order.")));
}

/* kpi.wilson_ci(successes, trials, level) → kpi.ci, as proportions */
Datum
kpi_wilson_ci(PG_FUNCTION_ARGS)
{
	double		x = PG_GETARG_FLOAT8(0);
	double		n = PG_GETARG_FLOAT8(1);
	double		level = PG_GETARG_FLOAT8(2);

	check_successes(x, n);
	check_level(level);
	return interval_datum(fcinfo, wilson_interval(x, n, level), false);
}

/* kpi.poisson_ci(events, level) → kpi.ci, as counts */
Datum
kpi_poisson_ci(PG_FUNCTION_ARGS)
{
	double		x = PG_GETARG_FLOAT8(0);
	double		level = PG_GETARG_FLOAT8(1);

	check_count(x, "events");
	check_level(level);
	return interval_datum(fcinfo, poisson_interval(x, level), false);
}

/* the rate interval: Poisson limits of the count / population × per */
Estimate
rate_interval(double events, double population, double per, double level)
{
	Estimate	iv = poisson_interval(events, level);

	/* each correctly rounded: the count's limit × per / population */
	iv.value = exact_rate(events, per, 1.0, population);
	iv.lower = exact_rate(iv.lower, per, 1.0, population);
	iv.upper = exact_rate(iv.upper, per, 1.0, population);
	if (isinf(iv.upper) || isinf(iv.value))
		float_overflow_error();
	return iv;
}

void
check_rate_args(double events, double population, double per, double level)
{
	check_count(events, "events");
	check_positive(population, "population");
	check_positive(per, "per");
	check_level(level);
}

/* kpi.rate_ci(events, population, per, level) → kpi.ci, per `per` */
Datum
kpi_rate_ci(PG_FUNCTION_ARGS)
{
	double		events = PG_GETARG_FLOAT8(0);
	double		population = PG_GETARG_FLOAT8(1);
	double		per = PG_GETARG_FLOAT8(2);
	double		level = PG_GETARG_FLOAT8(3);

	check_rate_args(events, population, per, level);
	return interval_datum(fcinfo, rate_interval(events, population, per, level), false);
}

/*
 * Student-t interval of a mean: mean ± t(1 - (1-L)/2; n-1) × sd / √n, as
 * PHEindicatormethods' phe_mean.  NULL bounds below two observations.
 */
static Estimate
t_interval(double mean, double sd, double n, double level)
{
	Estimate	iv;

	iv.value = mean;
	if (n < 2)
		iv.lower = iv.upper = get_float8_nan();
	else
	{
		double		half = -kpi_qt((1.0 - level) / 2.0, n - 1.0) * sd / sqrt(n);

		iv.lower = mean - half;
		iv.upper = mean + half;
	}
	return iv;
}

/* kpi.mean_ci(mean, sd, n, level) → kpi.ci; NULL when n < 2 */
Datum
kpi_mean_ci(PG_FUNCTION_ARGS)
{
	double		mean = PG_GETARG_FLOAT8(0);
	double		sd = PG_GETARG_FLOAT8(1);
	double		n = PG_GETARG_FLOAT8(2);
	double		level = PG_GETARG_FLOAT8(3);

	check_finite_arg(mean, "mean");
	check_count(sd, "standard deviation");
	check_count(n, "n");
	check_level(level);
	if (n < 2)
		PG_RETURN_NULL();
	return interval_datum(fcinfo, t_interval(mean, sd, n, level), false);
}

/*
 * kpi.mean_ci(value [, level]) aggregate.  State, a kpi.state of 4 values:
 * {n, mean, m2 (sum of squared deviations), level}, updated by
 * Welford's method and merged by Chan et al.'s formula, both of which keep
 * the variance accurate when the mean is large relative to the spread.
 */
#define MS_N	0
#define MS_MEAN 1
#define MS_M2	2
#define MS_LEVEL 3
#define MS_LEN	4

Datum
mean_ci_accum(PG_FUNCTION_ARGS)
{
	KpiState   *state = kpi_state_arg(fcinfo, 0, MS_LEN, "kpi.mean_ci");
	double	   *st = state->values;
	double		x = PG_GETARG_FLOAT8(1);
	double		level = PG_NARGS() > 2 ? PG_GETARG_FLOAT8(2) : 0.95;
	double		delta;

	check_finite_arg(x, "value");
	check_level(level);
	if (st[MS_N] == 0)
		st[MS_LEVEL] = level;
	else if (st[MS_LEVEL] != level)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("level must be the same for every row of kpi.mean_ci")));

	st[MS_N] += 1;
	delta = x - st[MS_MEAN];
	st[MS_MEAN] += delta / st[MS_N];
	st[MS_M2] += delta * (x - st[MS_MEAN]);
	if (isinf(st[MS_M2]) || isinf(st[MS_MEAN]))
		float_overflow_error();
	PG_RETURN_KPI_STATE(state);
}

Datum
mean_ci_combine(PG_FUNCTION_ARGS)
{
	KpiState   *state = kpi_state_arg(fcinfo, 0, MS_LEN, "kpi.mean_ci");
	double	   *st = state->values;
	const double *o = kpi_state_arg_ro(fcinfo, 1, MS_LEN, "kpi.mean_ci")->values;
	double		n;
	double		delta;

	if (o[MS_N] == 0)
		PG_RETURN_KPI_STATE(state);
	if (st[MS_N] == 0)
	{
		memcpy(st, o, sizeof(double) * MS_LEN);
		PG_RETURN_KPI_STATE(state);
	}
	if (st[MS_LEVEL] != o[MS_LEVEL])
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("level must be the same for every row of kpi.mean_ci")));
	n = st[MS_N] + o[MS_N];
	delta = o[MS_MEAN] - st[MS_MEAN];
	st[MS_M2] += o[MS_M2] + delta * delta * st[MS_N] * o[MS_N] / n;
	st[MS_MEAN] += delta * o[MS_N] / n;
	st[MS_N] = n;
	PG_RETURN_KPI_STATE(state);
}

/* → kpi.ci_value (mean, lower, upper); bounds NULL for a single value */
Datum
mean_ci_final(PG_FUNCTION_ARGS)
{
	const double *st = kpi_state_arg_ro(fcinfo, 0, MS_LEN, "kpi.mean_ci")->values;
	double		n = st[MS_N];
	double		sd;

	if (n == 0)
		PG_RETURN_NULL();
	sd = n > 1 ? sqrt(st[MS_M2] / (n - 1.0)) : 0.0;
	return interval_datum(fcinfo, t_interval(st[MS_MEAN], sd, n, st[MS_LEVEL]), true);
}

/*
 * kpi.dsr(events, population, standard_population, per [, level]):
 * directly standardised rate over the age bands of a group, with Dobson's
 * interval (Dobson et al. 1991), as PHEindicatormethods' calculate_dsr:
 *
 *   O      = Σ events
 *   value  = Σ (events × std / pop) / Σ std × per
 *   var    = Σ (events × (std / pop)²) / (Σ std)²
 *   limits = value + √(var / O) × (Byar(O) - O) × per
 *
 * NULL when O < 10 (PHEindicatormethods suppresses those).  A NULL events
 * value counts as 0 events in its band, as PHEindicatormethods does; the
 * band's standard population still counts.
 *
 * State, a kpi.state of 7 values: {bands, O, Σ weighted rate, Σ variance
 * term, Σ std, per, level}.
 */
#define DS_BANDS	0
#define DS_EVENTS	1
#define DS_WRATE	2
#define DS_VAR		3
#define DS_STD		4
#define DS_PER		5
#define DS_LEVEL	6
#define DS_LEN		7

static double
dsr_arg(FunctionCallInfo fcinfo, int argno, const char *what)
{
	if (PG_ARGISNULL(argno))
		ereport(ERROR,
				(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
				 errmsg("kpi.dsr: %s must not be NULL", what),
				 errhint("Every age band needs its population and standard population; a band without events should have 0 (or NULL) events.")));
	return PG_GETARG_FLOAT8(argno);
}

Datum
dsr_accum(PG_FUNCTION_ARGS)
{
	KpiState   *state;
	double	   *st;
	double		events;
	double		pop;
	double		std;
	double		per;
	double		level;
	double		w;

	if (PG_ARGISNULL(0))
		ereport(ERROR,
				(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
				 errmsg("kpi.dsr: transition state must not be NULL"),
				 errhint("Start from the aggregate's initial state, {0,0,0,0,0,0,0}.")));
	state = kpi_state_arg(fcinfo, 0, DS_LEN, "kpi.dsr");
	st = state->values;

	events = PG_ARGISNULL(1) ? 0.0 : PG_GETARG_FLOAT8(1);
	pop = dsr_arg(fcinfo, 2, "population");
	std = dsr_arg(fcinfo, 3, "standard_population");
	per = dsr_arg(fcinfo, 4, "per");
	level = PG_NARGS() > 5 ? dsr_arg(fcinfo, 5, "level") : 0.95;

	check_count(events, "events");
	check_positive(pop, "population");
	check_count(std, "standard_population");
	check_positive(per, "per");
	check_level(level);

	if (st[DS_BANDS] == 0)
	{
		st[DS_PER] = per;
		st[DS_LEVEL] = level;
	}
	else if (st[DS_PER] != per || st[DS_LEVEL] != level)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("kpi.dsr: %s must be the same for every age band",
						st[DS_PER] != per ? "per" : "level")));

	w = std / pop;
	st[DS_BANDS] += 1;
	st[DS_EVENTS] += events;
	st[DS_WRATE] += events * w;
	st[DS_VAR] += events * w * w;
	st[DS_STD] += std;
	if (isinf(st[DS_VAR]) || isinf(st[DS_WRATE]) || isinf(st[DS_STD]))
		float_overflow_error();
	PG_RETURN_KPI_STATE(state);
}

Datum
dsr_combine(PG_FUNCTION_ARGS)
{
	KpiState   *state = kpi_state_arg(fcinfo, 0, DS_LEN, "kpi.dsr");
	double	   *st = state->values;
	const double *o = kpi_state_arg_ro(fcinfo, 1, DS_LEN, "kpi.dsr")->values;

	if (o[DS_BANDS] == 0)
		PG_RETURN_KPI_STATE(state);
	if (st[DS_BANDS] == 0)
	{
		memcpy(st, o, sizeof(double) * DS_LEN);
		PG_RETURN_KPI_STATE(state);
	}
	if (st[DS_PER] != o[DS_PER] || st[DS_LEVEL] != o[DS_LEVEL])
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("kpi.dsr: %s must be the same for every age band",
						st[DS_PER] != o[DS_PER] ? "per" : "level")));
	for (int i = DS_BANDS; i <= DS_STD; i++)
		st[i] += o[i];
	PG_RETURN_KPI_STATE(state);
}

/* → kpi.ci_value (value, lower, upper) per `per`, or NULL below 10 events */
Datum
dsr_final(PG_FUNCTION_ARGS)
{
	const double *st = kpi_state_arg_ro(fcinfo, 0, DS_LEN, "kpi.dsr")->values;
	double		o = st[DS_EVENTS];
	double		per = st[DS_PER];
	double		z;
	double		se;
	Estimate	iv;

	if (st[DS_BANDS] == 0 || o < SMALL_COUNT || st[DS_STD] <= 0)
		PG_RETURN_NULL();

	z = z_for_level(st[DS_LEVEL]);
	/* correctly rounded Σ weighted events × per / Σ std of the float8 sums */
	iv.value = exact_rate(st[DS_WRATE], per, 1.0, st[DS_STD]);
	se = sqrt(st[DS_VAR] / (st[DS_STD] * st[DS_STD]) / o);
	iv.lower = iv.value + se * (byar_lower(o, z) - o) * per;
	iv.upper = iv.value + se * (byar_upper(o, z) - o) * per;
	if (isinf(iv.upper) || isinf(iv.value))
		float_overflow_error();
	return interval_datum(fcinfo, iv, true);
}
