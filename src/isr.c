/*
 * isr.c — indirect standardisation as PHEindicatormethods'
 * calculate_ISRatio and calculate_ISRate:
 *
 *   kpi.isr_ratio(observed, population, reference_events,
 *                 reference_population [, refvalue [, level]])
 *       the indirectly standardised ratio (an SMR when the events are
 *       deaths) × refvalue (default 1; 100 for an SMR "per 100")
 *   kpi.isr_rate(observed, population, reference_events,
 *                reference_population, per [, level])
 *       the indirectly standardised rate per `per`
 *
 * Aggregates over the age bands (or other strata) of an area:
 *
 *   E        Σ reference_events / reference_population × population
 *   O        Σ observed
 *   ratio    O / E × refvalue
 *   rate     O / E × (Σ reference_events / Σ reference_population) × per
 *   limits   the Poisson limits of O (exact below 10, Byar from 10 up,
 *            kpi.poisson_ci) divided by E and scaled the same way
 *
 * As PHE, a NULL observed, population or reference_events counts as 0 (so
 * an area's observed total can be given on one row, PHE's
 * observed_totals); a NULL reference_population is an error.
 *
 * State, a kpi.state of IS_LEN values: {rows, O, E, Σ reference_events,
 * Σ reference_population, refvalue or per, level, kind}; sums, so it
 * combines.
 */
#include "postgres.h"

#include <math.h>

#include "kpi.h"
#include "state.h"
#include "stats.h"
#include "utils/builtins.h"
#include "utils/float.h"

PG_FUNCTION_INFO_V1(isr_ratio_accum);
PG_FUNCTION_INFO_V1(isr_rate_accum);
PG_FUNCTION_INFO_V1(isr_combine);
PG_FUNCTION_INFO_V1(isr_final);

#define IS_ROWS		0
#define IS_OBS		1
#define IS_EXP		2
#define IS_REF_EVENTS 3
#define IS_REF_POP	4
#define IS_SCALE	5
#define IS_LEVEL	6
#define IS_KIND		7			/* 1 ratio, 2 rate */
#define IS_LEN		8

#define KIND_RATIO	1
#define KIND_RATE	2

#define IS_NATTS	7

static const char *
isr_caller(double kind)
{
	return kind == KIND_RATE ? "kpi.isr_rate" : "kpi.isr_ratio";
}

static double
zero_if_null(FunctionCallInfo fcinfo, int argno, const char *what)
{
	double		x;

	if (PG_ARGISNULL(argno))
		return 0;
	x = PG_GETARG_FLOAT8(argno);
	check_count(x, what);
	return x;
}

static Datum
isr_accum(FunctionCallInfo fcinfo, int kind)
{
	const char *caller = isr_caller(kind);
	KpiState   *state = kpi_state_arg(fcinfo, 0, IS_LEN, caller);
	double	   *st = state->values;
	double		obs = zero_if_null(fcinfo, 1, "observed");
	double		pop = zero_if_null(fcinfo, 2, "population");
	double		ref_events = zero_if_null(fcinfo, 3, "reference_events");
	double		ref_pop;
	double		scale = 1;
	double		level = 0.95;
	int			scale_arg = 5;
	int			level_arg = 6;

	if (PG_ARGISNULL(4))
		ereport(ERROR,
				(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
				 errmsg("%s: reference_population must not be NULL", caller),
				 errhint("Every band needs the reference population its reference rate is taken over.")));
	ref_pop = PG_GETARG_FLOAT8(4);
	check_positive(ref_pop, "reference_population");

	if (PG_NARGS() > scale_arg)
	{
		if (PG_ARGISNULL(scale_arg))
			ereport(ERROR,
					(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
					 errmsg("%s: %s must not be NULL", caller, kind == KIND_RATE ? "per" : "refvalue")));
		scale = PG_GETARG_FLOAT8(scale_arg);
		check_positive(scale, kind == KIND_RATE ? "per" : "refvalue");
	}
	if (PG_NARGS() > level_arg)
	{
		if (PG_ARGISNULL(level_arg))
			ereport(ERROR,
					(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
					 errmsg("%s: level must not be NULL", caller)));
		level = PG_GETARG_FLOAT8(level_arg);
		check_level(level);
	}

	if (st[IS_ROWS] == 0)
	{
		st[IS_SCALE] = scale;
		st[IS_LEVEL] = level;
		st[IS_KIND] = kind;
	}
	else if (st[IS_SCALE] != scale || st[IS_LEVEL] != level || st[IS_KIND] != kind)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("%s: %s must be the same for every band", caller,
						st[IS_LEVEL] != level ? "level" : (kind == KIND_RATE ? "per" : "refvalue"))));

	st[IS_ROWS] += 1;
	st[IS_OBS] += obs;
	st[IS_EXP] += ref_events / ref_pop * pop;
	st[IS_REF_EVENTS] += ref_events;
	st[IS_REF_POP] += ref_pop;
	for (int i = IS_OBS; i <= IS_REF_POP; i++)
		if (isinf(st[i]))
			float_overflow_error();
	PG_RETURN_KPI_STATE(state);
}

/* (state, observed, population, reference_events, reference_population [, refvalue [, level]]) */
Datum
isr_ratio_accum(PG_FUNCTION_ARGS)
{
	return isr_accum(fcinfo, KIND_RATIO);
}

/* (state, observed, population, reference_events, reference_population, per [, level]) */
Datum
isr_rate_accum(PG_FUNCTION_ARGS)
{
	return isr_accum(fcinfo, KIND_RATE);
}

static const double *
checked_state(FunctionCallInfo fcinfo, int argno)
{
	const double *st = kpi_state_arg_ro(fcinfo, argno, IS_LEN, "kpi.isr_ratio")->values;
	bool		ok = st[IS_ROWS] == 0 ||
		((st[IS_KIND] == KIND_RATIO || st[IS_KIND] == KIND_RATE) &&
		 st[IS_LEVEL] > 0 && st[IS_LEVEL] < 1 && st[IS_SCALE] > 0 && !isinf(st[IS_SCALE]));

	for (int i = IS_ROWS; ok && i <= IS_REF_POP; i++)
		ok = st[i] >= 0 && !isinf(st[i]);	/* also rejects NaN */
	if (!ok)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("%s: invalid transition state", isr_caller(st[IS_KIND]))));
	return st;
}

Datum
isr_combine(PG_FUNCTION_ARGS)
{
	KpiState   *state = kpi_state_arg(fcinfo, 0, IS_LEN, "kpi.isr_ratio");
	double	   *st = state->values;
	const double *o = checked_state(fcinfo, 1);

	if (o[IS_ROWS] == 0)
		PG_RETURN_KPI_STATE(state);
	if (st[IS_ROWS] == 0)
	{
		memcpy(st, o, sizeof(double) * IS_LEN);
		PG_RETURN_KPI_STATE(state);
	}
	if (st[IS_SCALE] != o[IS_SCALE] || st[IS_LEVEL] != o[IS_LEVEL] || st[IS_KIND] != o[IS_KIND])
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("%s: the states to combine differ in level, per or refvalue", isr_caller(st[IS_KIND]))));
	for (int i = IS_ROWS; i <= IS_REF_POP; i++)
		st[i] += o[i];
	PG_RETURN_KPI_STATE(state);
}

/* → kpi.isr (observed, expected, reference_rate, value, lower, upper, method) */
Datum
isr_final(PG_FUNCTION_ARGS)
{
	const double *st = checked_state(fcinfo, 0);
	double		o = st[IS_OBS];
	double		e = st[IS_EXP];
	double		scale;
	double		ref_rate = NAN;
	Estimate	iv;
	Datum		values[IS_NATTS];
	bool		nulls[IS_NATTS] = {false};
	double		nums[6];

	if (st[IS_ROWS] == 0)
		PG_RETURN_NULL();
	if (st[IS_KIND] == KIND_RATE)
	{
		ref_rate = st[IS_REF_EVENTS] / st[IS_REF_POP] * st[IS_SCALE];
		scale = ref_rate;
	}
	else
		scale = st[IS_SCALE];

	iv = poisson_interval(o, st[IS_LEVEL]);
	if (e > 0)
	{
		/* PHE's order of operations: O / E × scale */
		iv.value = o / e * scale;
		iv.lower = iv.lower / e * scale;
		iv.upper = iv.upper / e * scale;
		if (isinf(iv.upper) || isinf(iv.value))
			float_overflow_error();
	}
	else
		iv.value = iv.lower = iv.upper = NAN;	/* no expected events */

	nums[0] = o;
	nums[1] = e;
	nums[2] = ref_rate;
	nums[3] = iv.value;
	nums[4] = iv.lower;
	nums[5] = iv.upper;
	for (int k = 0; k < 6; k++)
	{
		nulls[k] = isnan(nums[k]);
		values[k] = Float8GetDatum(nums[k]);
	}
	values[6] = CStringGetTextDatum(o < 10 ? "Exact" : "Byars");
	PG_RETURN_DATUM(kpi_result_row(fcinfo, values, nulls, IS_NATTS));
}
