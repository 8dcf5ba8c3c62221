/*
 * life_expectancy.c — period life expectancy as England's public-health
 * tooling computes it (PHEindicatormethods' phe_life_expectancy, which
 * OHID uses for Fingertips):
 *
 *   kpi.life_expectancy(start_age, deaths, population [, at_age [, level]])
 *       aggregate over the 20 PHE age bands of a group → kpi.life_expectancy
 *       (life expectancy at birth, or at the start of the band at_age)
 *   kpi.life_table(start_age, deaths, population [, level])
 *       the same for every band's starting age → kpi.life_expectancy[]
 *
 * The abridged life table is Chiang's method II with the 90+ band closed
 * as PHE does (Silcocks, Jenner & Reza 2001):
 *
 *   bands    0, 1-4, 5-9, ..., 85-89, 90+  (n = 1, 4, 5, ..., 5)
 *   a        0.1 for age 0, 0.5 otherwise
 *   M        deaths / population
 *   q        M n / (1 + M n (1 - a)), or 1 when a n M > 1; 1 for 90+
 *   l        l(0) = 100000, l(i+1) = l(i) (1 - q(i));  d(i) = l(i) - l(i+1)
 *   L        n (l(i+1) + a d(i));  for 90+ l / M
 *   e(x)     Σ L from x up / l(x)
 *   var q    q² (1 - q) / deaths  (0 when d = 0)
 *   var e(x) (Σ_{i>=x, i<90+} l(i)² ((1 - a) n + e(i+1))² var q(i)
 *             + l(90)² / (deaths(90) M(90)²)) / l(x)²
 *   limits   e ± z se
 *
 * PHE's suppression rules give NULL numbers and a readable reason in the
 * result's `suppressed` column, never an ERROR, so one bad area does not
 * kill a report: a NULL deaths or population, negative deaths, a
 * population <= 0, a band missing or given twice, more deaths than
 * population in a band, a total population of 5,000 or less, no deaths in
 * the 90+ band (all of a group's values NULL); and a value whose 95%
 * interval is wider than 20 years (z(0.975) se > 10: that value NULL, its
 * limits kept, as PHE).  A start age that is not one of the 20 bands is an
 * ERROR: it is a mistake in the query, not in the data.
 *
 * State, a kpi.state of LE_LEN values: deaths, populations and row counts
 * per band, counts of rows breaking each row rule, and the level and at_age
 * index (set by the first row; level 0 means no row yet).  Every part is a
 * sum, so states combine (parallel query, Citus) by adding.
 */
#include "postgres.h"

#include <math.h>

#include "catalog/pg_type.h"
#include "funcapi.h"
#include "kpi.h"
#include "state.h"
#include "stats.h"
#include "utils/array.h"
#include "utils/builtins.h"
#include "utils/float.h"
#include "utils/lsyscache.h"
#include "utils/typcache.h"

PG_FUNCTION_INFO_V1(life_expectancy_accum);
PG_FUNCTION_INFO_V1(life_table_accum);
PG_FUNCTION_INFO_V1(life_expectancy_combine);
PG_FUNCTION_INFO_V1(life_expectancy_final);
PG_FUNCTION_INFO_V1(life_table_final);

#define NBANDS		20
#define RADIX		100000.0
#define MIN_TOTAL_POPULATION 5000.0	/* groups at or below are suppressed */
#define MAX_HALF_WIDTH 10.0			/* of the 95% interval, in years */

static const int band_start[NBANDS] = {
	0, 1, 5, 10, 15, 20, 25, 30, 35, 40, 45, 50, 55, 60, 65, 70, 75, 80, 85, 90
};

/* state layout */
#define LE_DEATHS	0			/* 20 values */
#define LE_POP		(LE_DEATHS + NBANDS)
#define LE_ROWS		(LE_POP + NBANDS)
#define LE_NULLS	(LE_ROWS + NBANDS)	/* rows with NULL deaths or population */
#define LE_NEG_DEATHS (LE_NULLS + 1)
#define LE_BAD_POP	(LE_NEG_DEATHS + 1)	/* population <= 0 */
#define LE_OVER_POP (LE_BAD_POP + 1)	/* deaths > population */
#define LE_LEVEL	(LE_OVER_POP + 1)
#define LE_AT		(LE_LEVEL + 1)	/* band index of at_age; -1: every band */
#define LE_LEN		(LE_AT + 1)

/* the first band breaking each row rule, for the reason text: 1 + index */
#define LE_FIRST_NULL	(LE_LEN)
#define LE_FIRST_NEG	(LE_LEN + 1)
#define LE_FIRST_BADPOP (LE_LEN + 2)
#define LE_FIRST_OVER	(LE_LEN + 3)
#define LE_STATE_LEN	(LE_LEN + 4)

#define LE_CALLER "kpi.life_expectancy"

/* columns of kpi.life_expectancy */
#define LE_NATTS 7

static int
band_index(int32 age)
{
	for (int i = 0; i < NBANDS; i++)
		if (band_start[i] == age)
			return i;
	return -1;
}

static const char *
band_name(int i)
{
	static const char *const names[NBANDS] = {
		"0", "1-4", "5-9", "10-14", "15-19", "20-24", "25-29", "30-34",
		"35-39", "40-44", "45-49", "50-54", "55-59", "60-64", "65-69",
		"70-74", "75-79", "80-84", "85-89", "90+"
	};

	return (i >= 0 && i < NBANDS) ? names[i] : "?";
}

static void
remember_first(double *st, int slot, int band)
{
	if (st[slot] == 0 || st[slot] > band + 1)
		st[slot] = band + 1;
}

/*
 * One row into the state: (state, start_age, deaths, population, then
 * at_age in argument at_argno and level in level_argno when present).
 * at_argno < 0: kpi.life_table's rows, for every band.
 */
static Datum
accum_row(FunctionCallInfo fcinfo, int at_argno, int level_argno)
{
	KpiState   *state = kpi_state_arg(fcinfo, 0, LE_STATE_LEN, LE_CALLER);
	double	   *st = state->values;
	int32		age;
	int			band;
	int			at = at_argno < 0 ? -1 : 0;
	double		level = 0.95;

	if (PG_ARGISNULL(1))
		ereport(ERROR,
				(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
				 errmsg("kpi.life_expectancy: start_age must not be NULL"),
				 errhint("Each row is one of the 20 PHE age bands: 0, 1, 5, 10, ..., 85, 90.")));
	age = PG_GETARG_INT32(1);
	band = band_index(age);
	if (band < 0)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("kpi.life_expectancy: %d is not the start of a PHE age band", age),
				 errhint("The 20 bands start at 0, 1, 5, 10, 15, ..., 85 and 90 (90 and over).")));

	if (at_argno > 0 && PG_NARGS() > at_argno)
	{
		int32		at_age;

		if (PG_ARGISNULL(at_argno))
			ereport(ERROR,
					(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
					 errmsg("kpi.life_expectancy: at_age must not be NULL"),
					 errhint("Use kpi.life_table for every age.")));
		at_age = PG_GETARG_INT32(at_argno);
		at = band_index(at_age);
		if (at < 0)
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("kpi.life_expectancy: at_age %d is not the start of a PHE age band", at_age),
					 errhint("Life expectancy is given at 0, 1, 5, 10, 15, ..., 85 or 90.")));
	}
	if (PG_NARGS() > level_argno)
	{
		if (PG_ARGISNULL(level_argno))
			ereport(ERROR,
					(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
					 errmsg("kpi.life_expectancy: level must not be NULL")));
		level = PG_GETARG_FLOAT8(level_argno);
		check_level(level);
	}

	if (st[LE_LEVEL] == 0)
	{
		st[LE_LEVEL] = level;
		st[LE_AT] = at;
	}
	else if (st[LE_LEVEL] != level || st[LE_AT] != at)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("kpi.life_expectancy: %s must be the same for every age band",
						st[LE_LEVEL] != level ? "level" : "at_age")));

	st[LE_ROWS + band] += 1;
	if (PG_ARGISNULL(2) || PG_ARGISNULL(3))
	{
		st[LE_NULLS] += 1;
		remember_first(st, LE_FIRST_NULL, band);
	}
	else
	{
		double		deaths = PG_GETARG_FLOAT8(2);
		double		pop = PG_GETARG_FLOAT8(3);

		check_finite_arg(deaths, "deaths");
		check_finite_arg(pop, "population");
		if (deaths < 0)
		{
			st[LE_NEG_DEATHS] += 1;
			remember_first(st, LE_FIRST_NEG, band);
		}
		if (pop <= 0)
		{
			st[LE_BAD_POP] += 1;
			remember_first(st, LE_FIRST_BADPOP, band);
		}
		if (deaths > pop)
		{
			st[LE_OVER_POP] += 1;
			remember_first(st, LE_FIRST_OVER, band);
		}
		st[LE_DEATHS + band] += deaths;
		st[LE_POP + band] += pop;
		if (isinf(st[LE_DEATHS + band]) || isinf(st[LE_POP + band]))
			float_overflow_error();
	}
	PG_RETURN_KPI_STATE(state);
}

/* (state, start_age, deaths, population [, at_age [, level]]) */
Datum
life_expectancy_accum(PG_FUNCTION_ARGS)
{
	return accum_row(fcinfo, 4, 5);
}

/* (state, start_age, deaths, population [, level]) */
Datum
life_table_accum(PG_FUNCTION_ARGS)
{
	return accum_row(fcinfo, -1, 4);
}

static void
combine_first(double *st, const double *o, int slot)
{
	if (o[slot] != 0 && (st[slot] == 0 || o[slot] < st[slot]))
		st[slot] = o[slot];
}

Datum
life_expectancy_combine(PG_FUNCTION_ARGS)
{
	KpiState   *state = kpi_state_arg(fcinfo, 0, LE_STATE_LEN, LE_CALLER);
	double	   *st = state->values;
	const double *o = kpi_state_arg_ro(fcinfo, 1, LE_STATE_LEN, LE_CALLER)->values;

	if (o[LE_LEVEL] == 0)
		PG_RETURN_KPI_STATE(state);
	if (st[LE_LEVEL] == 0)
	{
		memcpy(st, o, sizeof(double) * LE_STATE_LEN);
		PG_RETURN_KPI_STATE(state);
	}
	if (st[LE_LEVEL] != o[LE_LEVEL] || st[LE_AT] != o[LE_AT])
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("kpi.life_expectancy: %s must be the same for every age band",
						st[LE_LEVEL] != o[LE_LEVEL] ? "level" : "at_age")));
	for (int i = 0; i <= LE_OVER_POP; i++)
		st[i] += o[i];
	combine_first(st, o, LE_FIRST_NULL);
	combine_first(st, o, LE_FIRST_NEG);
	combine_first(st, o, LE_FIRST_BADPOP);
	combine_first(st, o, LE_FIRST_OVER);
	PG_RETURN_KPI_STATE(state);
}

/* One row of the life table, as returned. */
typedef struct LifeRow
{
	double		value;
	double		lower;
	double		upper;
	double		population_used;	/* population of this band and above */
	double		deaths_used;
	const char *suppressed;		/* NULL: not suppressed */
} LifeRow;

/*
 * A state's values, checked: a state may be written by hand or arrive as
 * text, so the parts used as indexes or counts must be what accum makes.
 */
static const double *
checked_state(FunctionCallInfo fcinfo)
{
	const double *st = kpi_state_arg_ro(fcinfo, 0, LE_STATE_LEN, LE_CALLER)->values;
	bool		ok = st[LE_LEVEL] > 0 && st[LE_LEVEL] < 1 &&
		st[LE_AT] >= -1 && st[LE_AT] < NBANDS && st[LE_AT] == floor(st[LE_AT]);

	for (int i = 0; ok && i < LE_LEN; i++)
		ok = !isnan(st[i]) && !isinf(st[i]);
	for (int i = LE_FIRST_NULL; ok && i < LE_STATE_LEN; i++)
		ok = st[i] >= 0 && st[i] <= NBANDS && st[i] == floor(st[i]);
	for (int i = LE_ROWS; ok && i <= LE_OVER_POP; i++)
		ok = st[i] >= 0;
	if (!ok)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("%s: invalid transition state", LE_CALLER)));
	return st;
}

/* the reason text for rule slot (1 + band index in the state) */
static const char *
with_band(const char *what, double first)
{
	return psprintf("%s (age band %s)", what, band_name((int) first - 1));
}

/*
 * The reason the whole group is suppressed, in PHE's order of checks, or
 * NULL.  A band missing or given twice is PHE's "not 20 age bands".
 */
static const char *
group_suppression(const double *st)
{
	double		total = 0;

	if (st[LE_NULLS] > 0)
		return with_band("deaths or population is NULL", st[LE_FIRST_NULL]);
	if (st[LE_NEG_DEATHS] > 0)
		return with_band("negative deaths", st[LE_FIRST_NEG]);
	if (st[LE_BAD_POP] > 0)
		return with_band("population zero or less", st[LE_FIRST_BADPOP]);
	for (int i = 0; i < NBANDS; i++)
	{
		if (st[LE_ROWS + i] == 0)
			return psprintf("not 20 age bands (age band %s missing)", band_name(i));
		if (st[LE_ROWS + i] > 1)
			return psprintf("not 20 age bands (age band %s given more than once)", band_name(i));
	}
	if (st[LE_OVER_POP] > 0)
		return with_band("more deaths than population", st[LE_FIRST_OVER]);
	for (int i = 0; i < NBANDS; i++)
		total += st[LE_POP + i];
	if (total <= MIN_TOTAL_POPULATION)
		return "total population 5,000 or less";
	if (st[LE_DEATHS + NBANDS - 1] == 0)
		return "no deaths in the 90+ age band";
	return NULL;
}

/*
 * The life table of a checked state: rows[i] for band i.  The arithmetic
 * follows PHEindicatormethods' expression for expression, so that results
 * agree with it to the last bits or nearly.
 */
static void
life_table(const double *st, LifeRow *rows)
{
	const double *deaths = st + LE_DEATHS;
	const double *pop = st + LE_POP;
	const char *group = group_suppression(st);
	double		z = z_for_level(st[LE_LEVEL]);
	double		z95 = z_for_level(0.95);
	double		q[NBANDS];
	double		l[NBANDS];
	double		e[NBANDS];
	double		se[NBANDS];
	double		cum_pop = 0;
	double		cum_deaths = 0;

	for (int i = NBANDS - 1; i >= 0; i--)
	{
		cum_pop += pop[i];
		cum_deaths += deaths[i];
		rows[i].population_used = cum_pop;
		rows[i].deaths_used = cum_deaths;
		rows[i].value = rows[i].lower = rows[i].upper = get_float8_nan();
		rows[i].suppressed = group;
	}
	if (group)
		return;

	/* q and l */
	for (int i = 0; i < NBANDS; i++)
	{
		double		m = deaths[i] / pop[i];

		if (i == NBANDS - 1)
			q[i] = 1.0;
		else
		{
			double		n = band_start[i + 1] - band_start[i];
			double		a = i == 0 ? 0.1 : 0.5;

			q[i] = deaths[i] <= pop[i] / n / a ? m * n / (1 + m * n * (1 - a)) : 1.0;
		}
		l[i] = i == 0 ? RADIX : l[i - 1] * (1 - q[i - 1]);
	}

	/* L, T and e from the top band down, then the variance sums */
	{
		double		t = 0;
		double		var_sum = 0;

		for (int i = NBANDS - 1; i >= 0; i--)
		{
			double		m = deaths[i] / pop[i];
			double		w;

			if (i == NBANDS - 1)
			{
				t += l[i] / m;
				/* Silcocks: (l/2)² × 4 / (deaths M²) */
				w = (l[i] / 2) * (l[i] / 2) * (4 / (deaths[i] * (m * m)));
			}
			else
			{
				double		n = band_start[i + 1] - band_start[i];
				double		a = i == 0 ? 0.1 : 0.5;
				double		d = l[i] - l[i + 1];
				double		varq = d == 0 ? 0 : (q[i] * q[i]) * (1 - q[i]) / deaths[i];
				double		k = (1 - a) * n + e[i + 1];

				t += n * (l[i + 1] + a * d);
				w = varq * (l[i] * l[i]) * (k * k);
			}
			var_sum += w;
			e[i] = l[i] == 0 ? 0 : t / l[i];
			se[i] = sqrt(var_sum / (l[i] * l[i]));
		}
	}

	for (int i = 0; i < NBANDS; i++)
	{
		LifeRow    *r = &rows[i];

		if (l[i] == 0)
		{
			/* q capped at 1 in a younger band: nobody reaches this age */
			r->suppressed = "no survivors to this age (a band's death rate is too high)";
			continue;
		}
		r->value = e[i];
		r->lower = e[i] - z * se[i];
		r->upper = e[i] + z * se[i];
		if (!(z95 * se[i] <= MAX_HALF_WIDTH))
		{
			r->value = get_float8_nan();
			r->suppressed = "95% confidence interval wider than 20 years";
		}
	}
}

static Datum
life_row_datum(TupleDesc tupdesc, int i, const LifeRow *r)
{
	Datum		values[LE_NATTS];
	bool		nulls[LE_NATTS] = {false};
	double		nums[5] = {r->value, r->lower, r->upper, r->population_used, r->deaths_used};

	values[0] = Int32GetDatum(band_start[i]);
	for (int k = 0; k < 5; k++)
	{
		nulls[k + 1] = isnan(nums[k]) || isinf(nums[k]);
		values[k + 1] = Float8GetDatum(nums[k]);
	}
	nulls[6] = r->suppressed == NULL;
	values[6] = nulls[6] ? (Datum) 0 : CStringGetTextDatum(r->suppressed);
	return HeapTupleGetDatum(heap_form_tuple(tupdesc, values, nulls));
}

/* → kpi.life_expectancy at birth or at the band of at_age */
Datum
life_expectancy_final(PG_FUNCTION_ARGS)
{
	const double *st = checked_state(fcinfo);
	LifeRow		rows[NBANDS];
	TupleDesc	tupdesc;
	int			at = (int) st[LE_AT];

	if (get_call_result_type(fcinfo, NULL, &tupdesc) != TYPEFUNC_COMPOSITE ||
		tupdesc->natts != LE_NATTS)
		elog(ERROR, "kpi: return type must be kpi.life_expectancy");
	tupdesc = BlessTupleDesc(tupdesc);
	life_table(st, rows);
	PG_RETURN_DATUM(life_row_datum(tupdesc, at < 0 ? 0 : at, &rows[at < 0 ? 0 : at]));
}

/* → kpi.life_expectancy[], one element per band */
Datum
life_table_final(PG_FUNCTION_ARGS)
{
	const double *st = checked_state(fcinfo);
	LifeRow		rows[NBANDS];
	Datum		elems[NBANDS];
	Oid			elemtype = get_element_type(kpi_result_type(fcinfo));
	TupleDesc	tupdesc;
	int16		typlen;
	bool		typbyval;
	char		typalign;

	if (!OidIsValid(elemtype))
		elog(ERROR, "kpi: return type must be kpi.life_expectancy[]");
	tupdesc = lookup_rowtype_tupdesc_copy(elemtype, -1);
	if (tupdesc->natts != LE_NATTS)
		elog(ERROR, "kpi: return type must be kpi.life_expectancy[]");
	tupdesc = BlessTupleDesc(tupdesc);
	life_table(st, rows);
	for (int i = 0; i < NBANDS; i++)
		elems[i] = life_row_datum(tupdesc, i, &rows[i]);
	get_typlenbyvalalign(elemtype, &typlen, &typbyval, &typalign);
	PG_RETURN_ARRAYTYPE_P(construct_array(elems, NBANDS, elemtype, typlen, typbyval, typalign));
}
