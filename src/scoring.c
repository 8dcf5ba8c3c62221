/*
 * scoring.c — scoring an actual value against a target or a benchmark:
 * kpi.rag, kpi.rag_abs, kpi.gap, kpi.travel, kpi.arrow.
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
static Datum
decimal_of(double v)
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
	Datum		a = decimal_of(actual);
	Datum		t = decimal_of(target);
	Datum		tol = decimal_of(tolerance);
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
static Rag
score(double actual, double target, Polarity polarity, double tolerance,
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

static void
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
	PG_RETURN_RAG(score(actual, target, polarity, tolerance, absolute));
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
 * kpi.travel(previous, latest, polarity): direction of travel.
 * improving / worsening / unchanged, or increasing / decreasing / unchanged
 * for a measure with polarity none.
 */
Datum
kpi_travel(PG_FUNCTION_ARGS)
{
	double		previous = PG_GETARG_FLOAT8(0);
	double		latest = PG_GETARG_FLOAT8(1);
	Polarity	polarity = polarity_arg(fcinfo, 2);
	const char *word;

	check_finite_arg(previous, "previous value");
	check_finite_arg(latest, "latest value");

	if (latest == previous)
		word = "unchanged";
	else if (polarity == POLARITY_NONE)
		word = latest > previous ? "increasing" : "decreasing";
	else if ((latest > previous) == (polarity == POLARITY_HIGHER))
		word = "improving";
	else
		word = "worsening";
	PG_RETURN_TEXT_P(cstring_to_text(word));
}

/* kpi.arrow(previous, latest): ▲ up, ▼ down, ▶ unchanged (^ v > in ASCII) */
static KpiGlyphs arrows = KPI_GLYPHS(3,
	{"\xE2\x96\xB2", "\xE2\x96\xBC", "\xE2\x96\xB6"},	/* U+25B2, U+25BC, U+25B6 */
	{"^", "v", ">"});

Datum
kpi_arrow(PG_FUNCTION_ARGS)
{
	double		previous = PG_GETARG_FLOAT8(0);
	double		latest = PG_GETARG_FLOAT8(1);

	check_finite_arg(previous, "previous value");
	check_finite_arg(latest, "latest value");

	PG_RETURN_TEXT_P(cstring_to_text(kpi_glyphs(&arrows)[latest > previous ? 0 : latest < previous ? 1 : 2]));
}
