/*
 * compare.c — statistical comparison with a benchmark, as Fingertips rates
 * an area against England: kpi.compare, kpi.compare_proportion and
 * kpi.compare_rate.
 *
 * The benchmark inside the confidence interval, bounds included, is
 * "similar" (amber); an interval wholly on the better side of it is
 * significantly better (green), wholly on the worse side significantly
 * worse (red).  Polarity 'none' gives NULL.
 */
#include "postgres.h"

#include "executor/executor.h"
#include "kpi.h"
#include "stats.h"

PG_FUNCTION_INFO_V1(kpi_compare);
PG_FUNCTION_INFO_V1(kpi_compare_ci);
PG_FUNCTION_INFO_V1(kpi_compare_proportion);
PG_FUNCTION_INFO_V1(kpi_compare_rate);

/* green, amber or red: the interval above, around or below the benchmark */
Rag
compare_interval(double lower, double upper, double benchmark, Polarity polarity)
{
	if (benchmark < lower)			/* significantly higher */
		return polarity == POLARITY_HIGHER ? RAG_GREEN : RAG_RED;
	if (benchmark > upper)			/* significantly lower */
		return polarity == POLARITY_HIGHER ? RAG_RED : RAG_GREEN;
	return RAG_AMBER;
}

static void
check_interval(double lower, double upper)
{
	check_finite_arg(lower, "lower bound");
	check_finite_arg(upper, "upper bound");
	if (lower > upper)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("lower bound (%g) must not exceed upper bound (%g)", lower, upper),
				 errhint("Pass the interval as (lower, upper).")));
}

/* kpi.compare(lower, upper, benchmark, polarity) → kpi.rag */
Datum
kpi_compare(PG_FUNCTION_ARGS)
{
	double		lower = PG_GETARG_FLOAT8(0);
	double		upper = PG_GETARG_FLOAT8(1);
	double		benchmark = PG_GETARG_FLOAT8(2);
	Polarity	polarity = polarity_arg(fcinfo, 3);

	check_interval(lower, upper);
	check_finite_arg(benchmark, "benchmark");
	if (polarity == POLARITY_NONE)
		PG_RETURN_NULL();
	PG_RETURN_RAG(compare_interval(lower, upper, benchmark, polarity));
}

/* kpi.compare(kpi.ci, benchmark, polarity) → kpi.rag; NULL bounds give NULL */
Datum
kpi_compare_ci(PG_FUNCTION_ARGS)
{
	HeapTupleHeader ci = PG_GETARG_HEAPTUPLEHEADER(0);
	double		benchmark = PG_GETARG_FLOAT8(1);
	Polarity	polarity = polarity_arg(fcinfo, 2);
	bool		lower_null;
	bool		upper_null;
	Datum		lower = GetAttributeByNum(ci, 1, &lower_null);
	Datum		upper = GetAttributeByNum(ci, 2, &upper_null);

	check_finite_arg(benchmark, "benchmark");
	if (lower_null || upper_null)
		PG_RETURN_NULL();
	check_interval(DatumGetFloat8(lower), DatumGetFloat8(upper));
	if (polarity == POLARITY_NONE)
		PG_RETURN_NULL();
	PG_RETURN_RAG(compare_interval(DatumGetFloat8(lower), DatumGetFloat8(upper),
								   benchmark, polarity));
}

/*
 * kpi.compare_proportion(successes, trials, benchmark, polarity, level):
 * the Wilson interval of successes / trials against a benchmark proportion.
 */
Datum
kpi_compare_proportion(PG_FUNCTION_ARGS)
{
	double		x = PG_GETARG_FLOAT8(0);
	double		n = PG_GETARG_FLOAT8(1);
	double		benchmark = PG_GETARG_FLOAT8(2);
	Polarity	polarity = polarity_arg(fcinfo, 3);
	double		level = PG_GETARG_FLOAT8(4);
	Estimate	iv;

	check_successes(x, n);
	check_finite_arg(benchmark, "benchmark");
	if (benchmark < 0 || benchmark > 1)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("benchmark proportion must be between 0 and 1, not %g", benchmark),
				 errhint("Write a benchmark of 56%% as 0.56.")));
	check_level(level);
	if (polarity == POLARITY_NONE)
		PG_RETURN_NULL();
	iv = wilson_interval(x, n, level);
	PG_RETURN_RAG(compare_interval(iv.lower, iv.upper, benchmark, polarity));
}

/*
 * kpi.compare_rate(events, population, per, benchmark, polarity, level):
 * the rate interval (exact / Byar) against a benchmark rate per `per`.
 */
Datum
kpi_compare_rate(PG_FUNCTION_ARGS)
{
	double		events = PG_GETARG_FLOAT8(0);
	double		population = PG_GETARG_FLOAT8(1);
	double		per = PG_GETARG_FLOAT8(2);
	double		benchmark = PG_GETARG_FLOAT8(3);
	Polarity	polarity = polarity_arg(fcinfo, 4);
	double		level = PG_GETARG_FLOAT8(5);
	Estimate	iv;

	check_rate_args(events, population, per, level);
	check_count(benchmark, "benchmark");
	if (polarity == POLARITY_NONE)
		PG_RETURN_NULL();
	iv = rate_interval(events, population, per, level);
	PG_RETURN_RAG(compare_interval(iv.lower, iv.upper, benchmark, polarity));
}
