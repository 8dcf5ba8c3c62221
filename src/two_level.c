/*
 * two_level.c — Fingertips' comparison with a benchmark at two confidence
 * levels (comparator 17, SingleOverlappingCIsForTwoCILevelsComparer):
 *
 *   kpi.compare_two_level(value, lower_95, upper_95, lower_998, upper_998,
 *                         benchmark, polarity) → text
 *
 * With the bounds inclusive, as Fingertips:
 *
 *   benchmark in [lower_95, upper_95]          'Similar'
 *   benchmark in [lower_998, lower_95]         better at 95% (value above)
 *   benchmark in [upper_95, upper_998]         worse at 95% (value below)
 *   otherwise, value < benchmark               worse at 99.8%; else better
 *
 * "Better" and "worse" are for polarity higher; polarity lower swaps them
 * (Fingertips' AdjustForPolarity, RagLowIsGood); polarity none (BOB, blue
 * orange blue: no preferred direction) gives Fingertips' BOB wording,
 * 'Higher'/'Highest' and 'Lower'/'Lowest'.  The labels are those of
 * Fingertips' legend: 'Better 99.8%', 'Better 95%', 'Similar', 'Worse 95%',
 * 'Worse 99.8%'.  The comparisons are of the numbers as given (no
 * arithmetic), so a benchmark written equal to a bound is on it.
 */
#include "postgres.h"

#include "kpi.h"
#include "utils/builtins.h"

PG_FUNCTION_INFO_V1(kpi_compare_two_level);

typedef enum TwoLevel
{
	TL_BEST,
	TL_BETTER,
	TL_SAME,
	TL_WORSE,
	TL_WORST
} TwoLevel;

static const char *const rag_words[] = {"Better 99.8%", "Better 95%", "Similar", "Worse 95%", "Worse 99.8%"};
static const char *const bob_words[] = {"Highest", "Higher", "Similar", "Lower", "Lowest"};

Datum
kpi_compare_two_level(PG_FUNCTION_ARGS)
{
	double		value = PG_GETARG_FLOAT8(0);
	double		lo95 = PG_GETARG_FLOAT8(1);
	double		up95 = PG_GETARG_FLOAT8(2);
	double		lo998 = PG_GETARG_FLOAT8(3);
	double		up998 = PG_GETARG_FLOAT8(4);
	double		benchmark = PG_GETARG_FLOAT8(5);
	Polarity	polarity = polarity_arg(fcinfo, 6);
	TwoLevel	result;

	check_finite_arg(value, "value");
	check_finite_arg(lo95, "lower_95");
	check_finite_arg(up95, "upper_95");
	check_finite_arg(lo998, "lower_998");
	check_finite_arg(up998, "upper_998");
	check_finite_arg(benchmark, "benchmark");
	if (!(lo998 <= lo95 && lo95 <= up95 && up95 <= up998))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("the 95%% interval [%g, %g] must lie within the 99.8%% interval [%g, %g]",
						lo95, up95, lo998, up998),
				 errhint("Pass the bounds as (value, lower_95, upper_95, lower_998, upper_998, benchmark, polarity).")));

	/* Fingertips' order of tests, higher is better */
	if (benchmark <= up95 && benchmark >= lo95)
		result = TL_SAME;
	else if (benchmark <= lo95 && benchmark >= lo998)
		result = TL_BETTER;
	else if (benchmark <= up998 && benchmark >= up95)
		result = TL_WORSE;
	else if (value < benchmark)
		result = TL_WORST;
	else
		result = TL_BEST;

	if (polarity == POLARITY_NONE)
		PG_RETURN_TEXT_P(cstring_to_text(bob_words[result]));
	if (polarity == POLARITY_LOWER)
		result = (TwoLevel) (TL_WORST - result);
	PG_RETURN_TEXT_P(cstring_to_text(rag_words[result]));
}
