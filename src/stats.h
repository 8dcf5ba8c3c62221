/*
 * stats.h — shared pieces of kpi's statistics: rates, confidence intervals,
 * comparison with benchmarks, recent trends and peer ranks.
 */
#ifndef KPI_STATS_H
#define KPI_STATS_H

#include "postgres.h"
#include "fmgr.h"
#include "kpi.h"

/* A point estimate with its interval (lower, upper). */
typedef struct Estimate
{
	double		value;
	double		lower;
	double		upper;
} Estimate;

/* z such that P(-z < Z < z) = level, for 0 < level < 1 */
extern double z_for_level(double level);

/* Wilson score interval of successes out of trials (proportions). */
extern Estimate wilson_interval(double successes, double trials, double level);

/* Estimate for a Poisson count: exact below 10 events, Byar from 10 up. */
extern Estimate poisson_interval(double events, double level);

/* Byar's approximation to the Poisson limits (any events > 0). */
extern double byar_lower(double events, double z);
extern double byar_upper(double events, double z);

/* Rate interval: Poisson limits of events / population × per. */
extern Estimate rate_interval(double events, double population, double per, double level);

/*
 * a × b × c / d correctly rounded (as if computed exactly and rounded
 * once), for finite a >= 0 and b, c, d > 0; Infinity on overflow.
 */
extern double exact_rate(double a, double b, double c, double d);

/* Argument checks shared by the interval functions (ERROR otherwise). */
extern void check_count(double value, const char *what);	/* finite, >= 0 */
extern void check_positive(double value, const char *what); /* finite, > 0 */
extern void check_successes(double successes, double trials);
extern void check_rate_args(double events, double population, double per, double level);

/*
 * compare.c: an interval against a benchmark, as kpi.compare does (green
 * when the interval lies wholly on the better side, red on the worse,
 * amber when it holds the benchmark); not for polarity none.
 */
extern Rag	compare_interval(double lower, double upper, double benchmark, Polarity polarity);

/* Build a kpi.ci (lower, upper) or kpi.ci_value (value, lower, upper). */
extern Datum interval_datum(FunctionCallInfo fcinfo, Estimate iv, bool with_value);

#endif							/* KPI_STATS_H */
