/*
 * scoring.c — scoring an actual value against a target or a benchmark:
 * kpi.rag, kpi.rag_abs, kpi.gap, kpi.travel, kpi.arrow (policy.c scores
 * with the other policies, reusing rag_band_score and shortest_decimal).
 *
 * The amber band edge is inclusive *as the numbers are written in decimal*.
 * 95.26 against a lower-is-better target of 86.6 is worse by exactly 8.66,
 * which is exactly 10% of 86.6, so it is amber; in binary floating point
 * 95.26 - 86.6 = 8.660000000000011 > 0.1 * 86.6 = 8.66, which would be red.
 *
 * How: each float8 stands for the shortest decimal that reads back to it
 * (what PostgreSQL prints, and what the user typed when they typed at most
 * 15 significant digits).  The comparison is first made in double precision
 * with a rigorous error margin; only when the two sides are within that
 * margin — a tie in decimal, or a near-tie — is it redone exactly on those
 * shortest decimals with PostgreSQL's numeric type.  The common case costs
 * a few floating-point operations; the edge case is exact.
 */
#include "postgres.h"

#include <float.h>
#include <math.h>

#include "common/shortest_dec.h"
#include "glyphs.h"
#include "kpi.h"
#include "utils/builtins.h"
#include "utils/float.h"
#include "utils/fmgrprotos.h"

PG_FUNCTION_INFO_V1(kpi_rag_score);
PG_FUNCTION_INFO_V1(kpi_rag_abs);
PG_FUNCTION_INFO_V1(kpi_gap);
PG_FUNCTION_INFO_V1(kpi_travel);
PG_FUNCTION_INFO_V1(kpi_arrow);

/* The float8 as its shortest round-trip decimal, as a numeric. */
Datum
shortest_decimal(double v)
{
	char		buf[DOUBLE_SHORTEST_DECIMAL_LEN];

	double_to_shortest_decimal_buf(v, buf);
	return DirectFunctionCall3(numeric_in, CStringGetDatum(buf),
							   ObjectIdGetDatum(InvalidOid), Int32GetDatum(-1));
}

/*
 * Exact decimal test of  worse <= band, where
 *   worse = (actual - target) or (target - actual) by polarity, and
 *   band  = tolerance (absolute) or tolerance * |target| (relative).
 */
static bool
within_band_exact(double actual, double target, Polarity polarity,
				  double tolerance, bool absolute)
{
	Datum		a = shortest_decimal(actual);
	Datum		t = shortest_decimal(target);
	Datum		tol = shortest_decimal(tolerance);
	Datum		worse;
	Datum		band;

	if (polarity == POLARITY_HIGHER)
		worse = DirectFunctionCall2(numeric_sub, t, a);
	else
		worse = DirectFunctionCall2(numeric_sub, a, t);

	if (absolute)
		band = tol;
	else
		band = DirectFunctionCall2(numeric_mul, tol,
								   DirectFunctionCall1(numeric_abs, t));

	return DatumGetInt32(DirectFunctionCall2(numeric_cmp, worse, band)) <= 0;
}

/*
 * Green when on or better than the target; amber when worse by at most the
 * band; red beyond.  A relative band around a target of 0 is empty, so any
 * worse value is red.
 */
Rag
rag_band_score(double actual, double target, Polarity polarity, double tolerance,
			   bool absolute)
{
	double		worse;
	double		band;
	double		diff;
	double		margin;

	if (polarity == POLARITY_HIGHER ? actual >= target : actual <= target)
		return RAG_GREEN;

	worse = polarity == POLARITY_HIGHER ? target - actual : actual - target;
	band = absolute ? tolerance : tolerance * fabs(target);
	diff = worse - band;

	/*
	 * Bound on |diff - exact decimal difference|: each input is within half
	 * an ulp of its decimal, and the subtraction, the product and the final
	 * difference each round once.  4 epsilons of the magnitudes involved
	 * covers all of it with room to spare.  Overflow makes the margin
	 * infinite, which sends the case to the exact path.
	 */
	margin = 4.0 * DBL_EPSILON * (fabs(actual) + fabs(target) + band + fabs(tolerance));
	if (diff > margin)
		return RAG_RED;
	if (diff < -margin)
		return RAG_AMBER;

	return within_band_exact(actual, target, polarity, tolerance, absolute)
		? RAG_AMBER : RAG_RED;
}

void
check_tolerance(double tolerance)
{
	if (isnan(tolerance) || isinf(tolerance) || tolerance < 0)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("tolerance must be a finite number greater than or equal to zero"),
				 errhint("A relative tolerance of 0.10 makes the amber band 10%% of the target.")));
}

/* the body of kpi.rag and kpi.rag_abs: (actual, target, polarity, tolerance) */
static Datum
rag_with_band(FunctionCallInfo fcinfo, bool absolute)
{
	double		actual = PG_GETARG_FLOAT8(0);
	double		target = PG_GETARG_FLOAT8(1);
	Polarity	polarity = polarity_arg(fcinfo, 2);
	double		tolerance = PG_GETARG_FLOAT8(3);

	check_finite_arg(actual, "actual value");
	check_finite_arg(target, "target");
	check_tolerance(tolerance);
	if (polarity == POLARITY_NONE)
		PG_RETURN_NULL();
	PG_RETURN_RAG(rag_band_score(actual, target, polarity, tolerance, absolute));
}

/* kpi.rag(actual, target, polarity, tolerance) — relative band */
Datum
kpi_rag_score(PG_FUNCTION_ARGS)
{
	return rag_with_band(fcinfo, false);
}

/* kpi.rag_abs(actual, target, polarity, tolerance) — absolute band */
Datum
kpi_rag_abs(PG_FUNCTION_ARGS)
{
	return rag_with_band(fcinfo, true);
}

/*
 * kpi.gap(actual, target, polarity): (actual - target) / |target|, signed so
 * that a positive gap is better than the target.  NULL for a target of 0
 * (no relative gap) and for polarity none.
 */
Datum
kpi_gap(PG_FUNCTION_ARGS)
{
	double		actual = PG_GETARG_FLOAT8(0);
	double		target = PG_GETARG_FLOAT8(1);
	Polarity	polarity = polarity_arg(fcinfo, 2);
	double		gap;

	check_finite_arg(actual, "actual value");
	check_finite_arg(target, "target");
	if (polarity == POLARITY_NONE || target == 0.0)
		PG_RETURN_NULL();

	gap = (polarity == POLARITY_HIGHER ? actual - target : target - actual) / fabs(target);
	if (unlikely(isinf(gap)))
		float_overflow_error();
	PG_RETURN_FLOAT8(gap);
}

/*
 * Whether |latest - previous| < tolerance, decided on the shortest decimals
 * of the three (as the band edge of kpi.rag is): a change of exactly the
 * tolerance counts as a change.  Fast in double precision unless near the
 * edge.
 */
static bool
change_below(double previous, double latest, double tolerance)
{
	double		change = fabs(latest - previous);
	double		margin = 4.0 * DBL_EPSILON * (fabs(previous) + fabs(latest) + tolerance);
	Datum		exact;

	if (tolerance == 0.0)
		return false;
	if (change - tolerance > margin)
		return false;
	if (change - tolerance < -margin)
		return true;
	exact = DirectFunctionCall1(numeric_abs,
								DirectFunctionCall2(numeric_sub, shortest_decimal(latest),
													shortest_decimal(previous)));
	return DatumGetInt32(DirectFunctionCall2(numeric_cmp, exact, shortest_decimal(tolerance))) < 0;
}

/* -1 down, 0 unchanged, 1 up; with the optional tolerance argument at argno */
static int
change_of(FunctionCallInfo fcinfo, int argno)
{
	double		previous = PG_GETARG_FLOAT8(0);
	double		latest = PG_GETARG_FLOAT8(1);

	check_finite_arg(previous, "previous value");
	check_finite_arg(latest, "latest value");
	if (PG_NARGS() > argno)
	{
		double		tolerance = PG_GETARG_FLOAT8(argno);

		check_tolerance(tolerance);
		if (change_below(previous, latest, tolerance))
			return 0;
	}
	return latest > previous ? 1 : (latest < previous ? -1 : 0);
}

/*
 * kpi.travel(previous, latest, polarity [, tolerance]): direction of travel.
 * improving / worsening / unchanged, or increasing / decreasing / unchanged
 * for a measure with polarity none.  A change smaller than tolerance (in the
 * measure's units) is unchanged.
 */
Datum
kpi_travel(PG_FUNCTION_ARGS)
{
	Polarity	polarity = polarity_arg(fcinfo, 2);
	int			change = change_of(fcinfo, 3);
	const char *word;

	if (change == 0)
		word = "unchanged";
	else if (polarity == POLARITY_NONE)
		word = change > 0 ? "increasing" : "decreasing";
	else if ((change > 0) == (polarity == POLARITY_HIGHER))
		word = "improving";
	else
		word = "worsening";
	PG_RETURN_TEXT_P(cstring_to_text(word));
}

/* kpi.arrow(previous, latest [, tolerance]): ▲ up, ▼ down, ▶ unchanged (^ v > in ASCII) */
static KpiGlyphs arrows = KPI_GLYPHS(3,
	{"\xE2\x96\xB2", "\xE2\x96\xBC", "\xE2\x96\xB6"},	/* U+25B2, U+25BC, U+25B6 */
	{"^", "v", ">"});

Datum
kpi_arrow(PG_FUNCTION_ARGS)
{
	int			change = change_of(fcinfo, 2);

	PG_RETURN_TEXT_P(cstring_to_text(kpi_glyphs(&arrows)[change > 0 ? 0 : change < 0 ? 1 : 2]));
}
