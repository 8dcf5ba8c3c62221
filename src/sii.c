/*
 * sii.c — the slope index of inequality (SII) and relative index of
 * inequality (RII) across deprivation quantiles, as PHEindicatormethods'
 * phe_sii:
 *
 *   kpi.sii(quantile, population, value, lower, upper [, value_type
 *           [, transform [, multiplier [, level [, repetitions, seed]]]]])
 *       aggregate over the quantiles of an area → kpi.sii
 *
 * The fit.  Quantile i (1 .. n, in order of deprivation) has population
 * share a_i and ridit midpoint b_i = Σ_{j<i} a_j + a_i / 2.  The value v_i
 * (for value_type 'rate' or 'proportion' taken to log v or logit v first,
 * and back again unless transform) is regressed on b by least squares
 * weighted by a: v = α + β b.  SII = multiplier × β, RII = (α + β) / α
 * (inverted when multiplier < 0), intercept α.  With transform the fit is
 * on the log/logit scale and SII = (g⁻¹(α + β) - g⁻¹(α)) × multiplier,
 * RII = g⁻¹(α + β) / g⁻¹(α), intercept g⁻¹(α) × |multiplier|.  Standard
 * errors come from the 95% limits on the same scale:
 * se_i = (g(upper) - g(lower)) / qnorm(0.975) / 2.
 *
 * The intervals.  PHE simulates every interval: it draws each quantile's
 * value from N(g(v_i), se_i), 100,000 times, refits, and takes order
 * statistics.  α and β are linear in the draws, so where the simulated
 * quantity is α or β itself (normal values; anything with transform) its
 * distribution is exactly normal, and kpi gives the exact quantiles
 * instead ('exact' in the result).  The RII of normal values is a ratio of
 * two jointly normal estimates; when the denominator is more than 8.3
 * standard errors from 0 (so it is negative with probability < 1e-16) the
 * quantiles of the ratio solve a quadratic exactly (Fieller's form).  In
 * the other cases (untransformed rates and proportions: lognormal and
 * logit-normal draws; an RII whose denominator may be near 0) there is no
 * closed form, and kpi simulates as PHE does, draw for draw, with R's own
 * random number generator seeded by the `seed` argument (default 1): the
 * same seed gives the same interval, and R's set.seed(seed) followed by
 * phe_sii gives it too (up to rounding in the refits).
 *
 * State, a kpi.state: a header of SII_HDR values (the arguments, NULL-row
 * count), then 5 values per quantile row (quantile, population, value,
 * lower, upper).  Combining appends rows, so it splits in parallel.
 */
#include "postgres.h"

#include <math.h>

#include "distributions.h"
#include "funcapi.h"
#include "kpi.h"
#include "miscadmin.h"
#include "sort.h"
#include "state.h"
#include "stats.h"
#include "utils/builtins.h"
#include "utils/float.h"
#if PG_VERSION_NUM >= 160000
#include "varatt.h"
#endif

PG_FUNCTION_INFO_V1(sii_accum);
PG_FUNCTION_INFO_V1(sii_combine);
PG_FUNCTION_INFO_V1(sii_final);

#define SII_CALLER "kpi.sii"

/* header */
#define SH_LEVEL	0			/* 0: no row yet */
#define SH_TYPE		1			/* ValueType */
#define SH_TRANSFORM 2
#define SH_MULT		3
#define SH_REPS		4
#define SH_SEED		5
#define SH_NULLS	6			/* rows with a NULL value, lower or upper */
#define SH_FIRST_NULL 7			/* smallest such quantile, 0: none */
#define SII_HDR		8
#define SII_ROW		5

#define MAX_QUANTILES 100
#define MIN_QUANTILES 5
#define MIN_REPETITIONS 1000
#define MAX_REPETITIONS 1000000
#define DEFAULT_REPETITIONS 100000
#define DEFAULT_SEED 1
/* a normal denominator this many standard errors from 0: exact ratio */
#define RATIO_SAFE_Z 8.3

typedef enum ValueType
{
	VALUE_NORMAL,
	VALUE_RATE,
	VALUE_PROPORTION
} ValueType;

#define SII_NATTS 10

static ValueType
parse_value_type(text *t)
{
	char	   *s = text_to_cstring(t);

	if (pg_strcasecmp(s, "normal") == 0)
		return VALUE_NORMAL;
	if (pg_strcasecmp(s, "rate") == 0)
		return VALUE_RATE;
	if (pg_strcasecmp(s, "proportion") == 0)
		return VALUE_PROPORTION;
	ereport(ERROR,
			(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
			 errmsg("kpi.sii: invalid value_type: \"%s\"", s),
			 errhint("Use 'normal' (e.g. life expectancy), 'rate' (log scale) or 'proportion' (logit scale, values 0 to 1).")));
	pg_unreachable();
}

static void
not_null_arg(FunctionCallInfo fcinfo, int argno, const char *what)
{
	if (PG_ARGISNULL(argno))
		ereport(ERROR,
				(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
				 errmsg("kpi.sii: %s must not be NULL", what)));
}

static void
value_in_domain(ValueType type, double x, const char *what)
{
	check_finite_arg(x, what);
	if (type == VALUE_RATE && !(x > 0))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("kpi.sii: %s of a rate must be greater than zero, not %g", what, x),
				 errhint("Rates are modelled on the log scale; use value_type 'normal' for values that can be 0 or negative.")));
	if (type == VALUE_PROPORTION && !(x > 0 && x < 1))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("kpi.sii: %s of a proportion must be between 0 and 1 exclusive, not %g", what, x),
				 errhint("Proportions are modelled on the logit scale, as 0 to 1 (not percentages); 0 and 1 have no logit.")));
}

/*
 * (state, quantile, population, value, lower, upper, value_type,
 * transform, multiplier, level, repetitions, seed); the shorter forms
 * stop after any of value_type, transform, multiplier, level.
 */
Datum
sii_accum(PG_FUNCTION_ARGS)
{
	KpiState   *state = kpi_state_arg(fcinfo, 0, -1, SII_CALLER);
	int			nargs = PG_NARGS();
	double		hdr[SII_HDR] = {0};
	double		row[SII_ROW];
	int32		quantile;

	if (state->n == 0)
		state = kpi_state_append(fcinfo, state, hdr, SII_HDR);
	else if (state->n < SII_HDR || (state->n - SII_HDR) % SII_ROW != 0)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("%s: invalid transition state", SII_CALLER)));

	hdr[SH_TYPE] = VALUE_NORMAL;
	hdr[SH_MULT] = 1;
	hdr[SH_LEVEL] = 0.95;
	hdr[SH_REPS] = DEFAULT_REPETITIONS;
	hdr[SH_SEED] = DEFAULT_SEED;
	if (nargs > 6)
	{
		not_null_arg(fcinfo, 6, "value_type");
		hdr[SH_TYPE] = parse_value_type(PG_GETARG_TEXT_PP(6));
	}
	if (nargs > 7)
	{
		not_null_arg(fcinfo, 7, "transform");
		hdr[SH_TRANSFORM] = PG_GETARG_BOOL(7) ? 1 : 0;
		if (hdr[SH_TRANSFORM] && hdr[SH_TYPE] == VALUE_NORMAL)
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("kpi.sii: transform needs value_type 'rate' or 'proportion'"),
					 errhint("Normal values are fitted as they are.")));
	}
	if (nargs > 8)
	{
		not_null_arg(fcinfo, 8, "multiplier");
		hdr[SH_MULT] = PG_GETARG_FLOAT8(8);
		check_finite_arg(hdr[SH_MULT], "multiplier");
		if (hdr[SH_MULT] == 0)
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("kpi.sii: multiplier must not be 0"),
					 errhint("Use 1 for the SII in the value's units, a negative value to reverse its direction.")));
	}
	if (nargs > 9)
	{
		not_null_arg(fcinfo, 9, "level");
		hdr[SH_LEVEL] = PG_GETARG_FLOAT8(9);
		check_level(hdr[SH_LEVEL]);
	}
	if (nargs > 11)
	{
		int32		reps;

		not_null_arg(fcinfo, 10, "repetitions");
		not_null_arg(fcinfo, 11, "seed");
		reps = PG_GETARG_INT32(10);
		if (reps < MIN_REPETITIONS || reps > MAX_REPETITIONS)
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("kpi.sii: repetitions must be between %d and %d, not %d",
							MIN_REPETITIONS, MAX_REPETITIONS, reps),
					 errhint("PHE uses 100,000.")));
		hdr[SH_REPS] = reps;
		hdr[SH_SEED] = PG_GETARG_INT32(11);
	}
	/* enough repetitions for an order statistic in each tail */
	if (rint(hdr[SH_REPS] * (1 - (hdr[SH_LEVEL] + (1 - hdr[SH_LEVEL]) / 2))) < 1)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("kpi.sii: %g repetitions are too few for a %g interval", hdr[SH_REPS], hdr[SH_LEVEL]),
				 errhint("The simulation needs at least one draw beyond each limit.")));

	not_null_arg(fcinfo, 1, "quantile");
	quantile = PG_GETARG_INT32(1);
	if (quantile < 1 || quantile > MAX_QUANTILES)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("kpi.sii: quantile must be between 1 and %d, not %d", MAX_QUANTILES, quantile),
				 errhint("Number the quantiles 1 (most deprived) to n (least deprived).")));
	if (PG_ARGISNULL(2))
		ereport(ERROR,
				(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
				 errmsg("kpi.sii: population must not be NULL"),
				 errhint("Every quantile needs its population, as in PHE.")));
	row[0] = quantile;
	row[1] = PG_GETARG_FLOAT8(2);
	check_finite_arg(row[1], "population");
	if (!(row[1] > 0))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("kpi.sii: population must be greater than zero, not %g", row[1])));

	{
		double	   *st = state->values;

		if (st[SH_LEVEL] == 0)
		{
			double		nulls = st[SH_NULLS];
			double		first = st[SH_FIRST_NULL];

			memcpy(st, hdr, sizeof(hdr));
			st[SH_NULLS] = nulls;
			st[SH_FIRST_NULL] = first;
		}
		else
		{
			for (int i = SH_LEVEL; i <= SH_SEED; i++)
				if (st[i] != hdr[i])
					ereport(ERROR,
							(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
							 errmsg("kpi.sii: value_type, transform, multiplier, level, repetitions and seed must be the same for every quantile")));
		}

		if (PG_ARGISNULL(3) || PG_ARGISNULL(4) || PG_ARGISNULL(5))
		{
			st[SH_NULLS] += 1;
			if (st[SH_FIRST_NULL] == 0 || quantile < st[SH_FIRST_NULL])
				st[SH_FIRST_NULL] = quantile;
			PG_RETURN_KPI_STATE(state);
		}
	}

	row[2] = PG_GETARG_FLOAT8(3);
	row[3] = PG_GETARG_FLOAT8(4);
	row[4] = PG_GETARG_FLOAT8(5);
	value_in_domain((ValueType) hdr[SH_TYPE], row[2], "value");
	value_in_domain((ValueType) hdr[SH_TYPE], row[3], "lower");
	value_in_domain((ValueType) hdr[SH_TYPE], row[4], "upper");
	if (row[3] > row[4])
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("kpi.sii: lower (%g) must not exceed upper (%g)", row[3], row[4])));

	if ((state->n - SII_HDR) / SII_ROW >= MAX_QUANTILES)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("kpi.sii: more than %d quantiles in a group", MAX_QUANTILES),
				 errhint("Give one row per quantile of each area, with GROUP BY the area.")));
	state = kpi_state_append(fcinfo, state, row, SII_ROW);
	PG_RETURN_KPI_STATE(state);
}

Datum
sii_combine(PG_FUNCTION_ARGS)
{
	KpiState   *state = kpi_state_arg(fcinfo, 0, -1, SII_CALLER);
	const KpiState *other = kpi_state_arg_ro(fcinfo, 1, -1, SII_CALLER);
	double	   *st;
	const double *o = other->values;

	if (state->n < SII_HDR || (state->n - SII_HDR) % SII_ROW != 0 ||
		other->n < SII_HDR || (other->n - SII_HDR) % SII_ROW != 0)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("%s: invalid transition state", SII_CALLER)));
	st = state->values;
	if (o[SH_LEVEL] != 0 && st[SH_LEVEL] != 0)
	{
		for (int i = SH_LEVEL; i <= SH_SEED; i++)
			if (st[i] != o[i])
				ereport(ERROR,
						(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
						 errmsg("kpi.sii: value_type, transform, multiplier, level, repetitions and seed must be the same for every quantile")));
	}
	else if (st[SH_LEVEL] == 0)
		memcpy(st, o, sizeof(double) * (SH_SEED + 1));
	st[SH_NULLS] += o[SH_NULLS];
	if (o[SH_FIRST_NULL] != 0 && (st[SH_FIRST_NULL] == 0 || o[SH_FIRST_NULL] < st[SH_FIRST_NULL]))
		st[SH_FIRST_NULL] = o[SH_FIRST_NULL];
	if ((state->n - SII_HDR) / SII_ROW + (other->n - SII_HDR) / SII_ROW > MAX_QUANTILES)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("kpi.sii: more than %d quantiles in a group", MAX_QUANTILES),
				 errhint("Give one row per quantile of each area, with GROUP BY the area.")));
	state = kpi_state_append(fcinfo, state, o + SII_HDR, other->n - SII_HDR);
	PG_RETURN_KPI_STATE(state);
}

/* one quantile, ready for the fit */
typedef struct Quantile
{
	double		q;
	double		pop;
	double		value;			/* on the modelling scale: g(v) */
	double		se;				/* of g(v) */
	double		fitted;			/* what is regressed: g(v), or back again */
	double		sqrt_a;
	double		c_alpha;		/* α = Σ c_alpha v, β = Σ c_beta v */
	double		c_beta;
} Quantile;

static int
quantile_cmp(const void *a, const void *b, void *arg)
{
	double		x = ((const Quantile *) a)->q;
	double		y = ((const Quantile *) b)->q;

	return x < y ? -1 : x > y;
}

static double
g_forward(ValueType type, double v)
{
	switch (type)
	{
		case VALUE_RATE:
			return log(v);
		case VALUE_PROPORTION:
			return log(v / (1 - v));
		default:
			return v;
	}
}

static double
g_inverse(ValueType type, double y)
{
	switch (type)
	{
		case VALUE_RATE:
			return exp(y);
		case VALUE_PROPORTION:
			return exp(y) / (1 + exp(y));
		default:
			return y;
	}
}

/*
 * The quantiles of the ratio N / D of jointly normal N and D at the lower
 * and upper tail probability of level, when D is far from 0; false when it
 * is not (then simulate).
 */
static bool
ratio_limits(double mn, double md, double vn, double vd, double cov, double z,
			 double *lo, double *hi)
{
	double		a;
	double		b;
	double		c;
	double		disc;

	if (!(vd > 0))
		return false;
	if (md < 0)
	{
		mn = -mn;
		md = -md;
	}
	if (md / sqrt(vd) <= RATIO_SAFE_Z || md / sqrt(vd) <= z)
		return false;
	/* (r md - mn)² = z² (vn - 2 r cov + r² vd) */
	a = md * md - z * z * vd;
	b = md * mn - z * z * cov;
	c = mn * mn - z * z * vn;
	disc = b * b - a * c;
	if (!(disc >= 0))
		return false;
	*lo = (b - sqrt(disc)) / a;
	*hi = (b + sqrt(disc)) / a;
	return true;
}

Datum
sii_final(PG_FUNCTION_ARGS)
{
	const KpiState *state = kpi_state_arg_ro(fcinfo, 0, -1, SII_CALLER);
	const double *st = state->values;
	int			n;
	Quantile   *qs;
	ValueType	type;
	bool		transform;
	double		mult,
				level,
				reps,
				cv,
				z,
				z95;
	int32		seed;
	double		total = 0,
				cum = 0;
	double		sa = 0,
				sab = 0,
				sabb = 0,
				det;
	double		alpha = 0,
				beta = 0,
				var_a = 0,
				var_b = 0,
				cov_ab = 0;
	Datum		values[SII_NATTS];
	bool		nulls[SII_NATTS];
	double		sii = NAN,
				sii_lo = NAN,
				sii_hi = NAN,
				rii = NAN,
				rii_lo = NAN,
				rii_hi = NAN,
				intercept = NAN;
	bool		sii_sim = false,
				rii_sim = false;
	const char *suppressed = NULL;

	if (state->n < SII_HDR || (state->n - SII_HDR) % SII_ROW != 0 ||
		(state->n - SII_HDR) / SII_ROW > MAX_QUANTILES ||
		!(st[SH_LEVEL] > 0 && st[SH_LEVEL] < 1) ||
		!(st[SH_TYPE] == VALUE_NORMAL || st[SH_TYPE] == VALUE_RATE || st[SH_TYPE] == VALUE_PROPORTION) ||
		!(st[SH_TRANSFORM] == 0 || st[SH_TRANSFORM] == 1) ||
		!(st[SH_REPS] >= MIN_REPETITIONS && st[SH_REPS] <= MAX_REPETITIONS) ||
		st[SH_REPS] != floor(st[SH_REPS]) ||
		!(st[SH_SEED] >= PG_INT32_MIN && st[SH_SEED] <= PG_INT32_MAX) ||
		st[SH_SEED] != floor(st[SH_SEED]) ||
		isnan(st[SH_MULT]) || isinf(st[SH_MULT]) || st[SH_MULT] == 0 ||
		!(st[SH_NULLS] >= 0))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("%s: invalid transition state", SII_CALLER)));

	type = (ValueType) st[SH_TYPE];
	transform = st[SH_TRANSFORM] != 0;
	mult = st[SH_MULT];
	level = st[SH_LEVEL];
	reps = st[SH_REPS];
	seed = (int32) st[SH_SEED];
	cv = level + (1 - level) / 2;
	z = kpi_qnorm(cv);
	z95 = kpi_qnorm(0.975);

	n = (state->n - SII_HDR) / SII_ROW;
	qs = palloc0(sizeof(Quantile) * Max(n, 1));
	for (int i = 0; i < n; i++)
	{
		const double *r = st + SII_HDR + i * SII_ROW;
		Quantile   *q = &qs[i];

		q->q = r[0];
		q->pop = r[1];
		/* a hand-made state is checked as the rows were */
		if (!(r[0] >= 1 && r[0] <= MAX_QUANTILES && r[0] == floor(r[0]) && r[1] > 0 && !isinf(r[1])))
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("%s: invalid transition state", SII_CALLER)));
		value_in_domain(type, r[2], "value");
		value_in_domain(type, r[3], "lower");
		value_in_domain(type, r[4], "upper");
		q->value = g_forward(type, r[2]);
		q->se = (g_forward(type, r[4]) - g_forward(type, r[3])) / z95 / 2;
		if (!(q->se >= 0))
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("%s: invalid transition state", SII_CALLER)));
		q->fitted = transform ? q->value : g_inverse(type, q->value);
		total += q->pop;
	}
	kpi_sort(qs, n, sizeof(Quantile), quantile_cmp, NULL);

	if (st[SH_NULLS] > 0)
		suppressed = psprintf("value, lower or upper is NULL (quantile %d)", (int) st[SH_FIRST_NULL]);
	else
	{
		for (int i = 1; i < n && !suppressed; i++)
			if (qs[i].q == qs[i - 1].q)
				suppressed = psprintf("quantile %d given more than once", (int) qs[i].q);
		for (int i = 0; i < n && !suppressed; i++)
			if (qs[i].q != i + 1)
				suppressed = psprintf("quantile %d missing", i + 1);
		if (!suppressed && n < MIN_QUANTILES)
			suppressed = psprintf("fewer than %d quantiles", MIN_QUANTILES);
	}
	if (isinf(total))
		float_overflow_error();

	if (!suppressed)
	{
		/* shares, ridit midpoints and the weighted normal equations */
		for (int i = 0; i < n; i++)
		{
			Quantile   *q = &qs[i];
			double		a = q->pop / total;
			double		b = a / 2 + cum;

			cum += a;
			q->sqrt_a = sqrt(a);
			q->c_alpha = a;		/* finished below */
			q->c_beta = b;
			sa += a;
			sab += a * b;
			sabb += a * b * b;
		}
		det = sa * sabb - sab * sab;
		for (int i = 0; i < n; i++)
		{
			Quantile   *q = &qs[i];
			double		a = q->c_alpha;
			double		b = q->c_beta;

			q->c_alpha = (sabb * a - sab * a * b) / det;
			q->c_beta = (sa * a * b - sab * a) / det;
			alpha += q->c_alpha * q->fitted;
			beta += q->c_beta * q->fitted;
			var_a += q->c_alpha * q->c_alpha * q->se * q->se;
			var_b += q->c_beta * q->c_beta * q->se * q->se;
			cov_ab += q->c_alpha * q->c_beta * q->se * q->se;
		}

		if (!transform)
		{
			sii = mult * beta;
			rii = (alpha + beta) / alpha;
			if (mult < 0)
				rii = 1 / rii;
			intercept = alpha;
			if (type == VALUE_NORMAL)
			{
				double		h = z * sqrt(var_b);

				sii_lo = mult * (mult > 0 ? beta - h : beta + h);
				sii_hi = mult * (mult > 0 ? beta + h : beta - h);
				/* RII = N / D: (α + β) / α, or α / (α + β) inverted */
				if (mult > 0)
					rii_sim = !ratio_limits(alpha + beta, alpha, var_a + 2 * cov_ab + var_b,
											var_a, var_a + cov_ab, z, &rii_lo, &rii_hi);
				else
					rii_sim = !ratio_limits(alpha, alpha + beta, var_a,
											var_a + 2 * cov_ab + var_b, var_a + cov_ab, z,
											&rii_lo, &rii_hi);
			}
			else
				sii_sim = rii_sim = true;
		}
		else
		{
			/* PHE's back-transformation around the fit at x = 1/2 */
			double		x1 = alpha + beta;
			double		xh = (alpha + x1) / 2;
			double		h = z * sqrt(var_b);
			double		bl = beta - h;
			double		bu = beta + h;
			double		int_l = g_inverse(type, xh - bl / 2);
			double		int_u = g_inverse(type, xh - bu / 2);
			double		x1_l = g_inverse(type, xh + bl / 2);
			double		x1_u = g_inverse(type, xh + bu / 2);
			double		g0 = g_inverse(type, alpha);
			double		g1 = g_inverse(type, x1);

			sii = (g1 - g0) * mult;
			rii = mult < 0 ? 1 / (g1 / g0) : g1 / g0;
			intercept = g0 * fabs(mult);
			if (mult < 0)
			{
				sii_lo = (x1_u - int_u) * mult;
				sii_hi = (x1_l - int_l) * mult;
				rii_lo = 1 / (x1_u / int_u);
				rii_hi = 1 / (x1_l / int_l);
			}
			else
			{
				sii_lo = (x1_l - int_l) * mult;
				sii_hi = (x1_u - int_u) * mult;
				rii_lo = x1_l / int_l;
				rii_hi = x1_u / int_u;
			}
		}

		if (sii_sim || rii_sim)
		{
			/* PHE's SimulationFunc, draw for draw */
			int			nreps = (int) reps;
			double	   *sims = palloc(sizeof(double) * nreps);
			double	   *riis = palloc(sizeof(double) * nreps);
			double	   *y = palloc(sizeof(double) * n);
			KpiRng		rng;
			int			pos_lo = (int) rint(reps * (1 - cv));
			int			pos_hi = (int) rint(reps * cv);

			kpi_rng_seed(&rng, seed);
			for (int r = 0; r < nreps; r++)
			{
				double		pa = 0,
							pb = 0;

				if ((r & 1023) == 0)
					CHECK_FOR_INTERRUPTS();
				for (int i = 0; i < n; i++)
				{
					/* rnorm draws nothing for a zero sd */
					double		draw = qs[i].se == 0 ? qs[i].value
						: qs[i].value + qs[i].se * kpi_norm_rand(&rng);

					y[i] = g_inverse(type, draw);
				}
				for (int i = 0; i < n; i++)
				{
					pa += qs[i].c_alpha * y[i];
					pb += qs[i].c_beta * y[i];
				}
				sims[r] = pb * mult;
				riis[r] = mult < 0 ? 1 / ((pb + pa) / pa) : (pb + pa) / pa;
			}
			if (sii_sim)
			{
				kpi_sort_doubles(sims, nreps);
				sii_lo = sims[pos_lo - 1];
				sii_hi = sims[pos_hi - 1];
			}
			if (rii_sim)
			{
				kpi_sort_doubles(riis, nreps);
				rii_lo = riis[pos_lo - 1];
				rii_hi = riis[pos_hi - 1];
			}
		}
	}

	{
		double		nums[7] = {sii, sii_lo, sii_hi, rii, rii_lo, rii_hi, intercept};
		char	   *sim_text = psprintf("simulated: %d repetitions, seed %d", (int) reps, seed);

		for (int k = 0; k < 7; k++)
		{
			nulls[k] = isnan(nums[k]) || isinf(nums[k]);
			values[k] = Float8GetDatum(nums[k]);
		}
		nulls[7] = nulls[8] = suppressed != NULL;
		values[7] = CStringGetTextDatum(sii_sim ? sim_text : "exact");
		values[8] = CStringGetTextDatum(rii_sim ? sim_text : "exact");
		nulls[9] = suppressed == NULL;
		values[9] = suppressed ? CStringGetTextDatum(suppressed) : (Datum) 0;
	}
	PG_RETURN_DATUM(kpi_result_row(fcinfo, values, nulls, SII_NATTS));
}
