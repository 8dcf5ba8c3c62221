/*
 * funnel.c — funnel plots as PHEindicatormethods draws them
 * (calculate_funnel_limits, assign_funnel_significance):
 *
 *   kpi.funnel_significance(numerator, denominator, average, statistic)
 *       PHE's label for one area against the average of all of them:
 *       'High (0.001)', 'High (0.025)', 'Low (0.001)', 'Low (0.025)',
 *       'Not significant' (and for dsrs with fewer than 10 events 'Not
 *       applicable for events less than 10 for dsrs')
 *   kpi.funnel_limits(statistic, average, min_denominator,
 *                     max_denominator [, multiplier [, ratio_type
 *                     [, years_of_data]]])
 *       the 100 points of PHE's control limits along the denominator axis
 *   kpi.funnel_point(numerator, rate, denominator, rate_type, multiplier
 *                    [, years_of_data])
 *       where an area's rate is drawn on a rate funnel
 *
 * Proportions: the 95% and 99.8% limits around the average proportion p
 * at denominator n are PHE's sigma_adjustment (the roots of the Wilson
 * score equation solved for the observed proportion).  Ratios and rates:
 * the exact Poisson limits of the observed count (chi-square below 10
 * events, Byar's from 10 up) against the benchmark (1 for ratios, the
 * average rate for rates) for significance; for the plotted limits PHE's
 * Poisson means found by its 23-step bisection on a truncated Poisson
 * series (poisson_funnel in R/utils.R), reproduced step for step so the
 * points agree with PHE's.
 *
 * The axis is PHE's: from 0 (when the largest denominator is more than
 * twice the smallest) or the smallest rounded down, to the largest rounded
 * up, to "neat" values (signif.floor / signif.ceiling, which count the
 * characters R prints for a number: 100000 prints as 1e+05), then 100
 * geometrically spaced whole numbers.
 */
#include "postgres.h"

#include <math.h>

#include "distributions.h"
#include "funcapi.h"
#include "kpi.h"
#include "miscadmin.h"
#include "stats.h"
#include "utils/builtins.h"
#include "utils/float.h"
#if PG_VERSION_NUM >= 160000
#include "varatt.h"
#endif
#include "access/htup_details.h"

PG_FUNCTION_INFO_V1(kpi_funnel_significance);
PG_FUNCTION_INFO_V1(kpi_funnel_limits);
PG_FUNCTION_INFO_V1(kpi_funnel_point);

typedef enum FunnelStatistic
{
	FUNNEL_PROPORTION,
	FUNNEL_RATIO,
	FUNNEL_RATE,
	FUNNEL_DSR
} FunnelStatistic;

static FunnelStatistic
parse_statistic(text *t, bool allow_dsr)
{
	char	   *s = text_to_cstring(t);

	if (pg_strcasecmp(s, "proportion") == 0)
		return FUNNEL_PROPORTION;
	if (pg_strcasecmp(s, "ratio") == 0)
		return FUNNEL_RATIO;
	if (pg_strcasecmp(s, "rate") == 0 || pg_strcasecmp(s, "crude") == 0)
		return FUNNEL_RATE;
	if (allow_dsr && pg_strcasecmp(s, "dsr") == 0)
		return FUNNEL_DSR;
	ereport(ERROR,
			(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
			 errmsg("invalid funnel statistic: \"%s\"", s),
			 allow_dsr ? errhint("Use 'proportion', 'ratio', 'rate' (a crude rate) or 'dsr'.")
			 : errhint("Use 'proportion', 'ratio' or 'rate'.")));
	pg_unreachable();
}

/*
 * The statistic of argument argno, parsed once per distinct spelling at a
 * call site (it is usually a constant): cached in fn_extra.
 */
typedef struct StatisticCache
{
	int			len;
	FunnelStatistic stat;
	char		spelling[16];
} StatisticCache;

static FunnelStatistic
statistic_arg(FunctionCallInfo fcinfo, int argno)
{
	text	   *t = PG_GETARG_TEXT_PP(argno);
	int			len = VARSIZE_ANY_EXHDR(t);
	StatisticCache *cache = fcinfo->flinfo->fn_extra;

	if (cache && cache->len == len && memcmp(cache->spelling, VARDATA_ANY(t), len) == 0)
		return cache->stat;
	if (cache == NULL)
		cache = fcinfo->flinfo->fn_extra =
			MemoryContextAllocZero(fcinfo->flinfo->fn_mcxt, sizeof(StatisticCache));
	cache->stat = parse_statistic(t, true);
	cache->len = len <= (int) sizeof(cache->spelling) ? len : -1;
	if (cache->len >= 0)
		memcpy(cache->spelling, VARDATA_ANY(t), len);
	return cache->stat;
}

/*
 * PHE's sigma_adjustment(p, population, average_proportion, side, 1): the
 * proportion at which the Wilson interval at level 2p - 1 of a count out
 * of n just reaches the average.  Written as PHE writes it; both sides at
 * once, since they share everything but the sign of the square root.
 */
static void
sigma_adjustment_pair(double q, double n, double avg, double *low, double *high)
{
	double		q2 = q * q;
	double		first = avg * (n / q2 + 1);
	double		t = -8 * avg * (n / q2 + 1);
	double		adj = sqrt(t * t - 64 * (1 / q2 + 1 / n) * avg *
						   (n * (avg * (n / q2 + 2) - 1) + q2 * (avg - 1)));
	double		last = 1 / q2 + 1 / n;

	*low = (first - adj / 8) / last / n;
	*high = (first + adj / 8) / last / n;
}

/* the two normal quantiles PHE's proportion limits use, computed once */
static double q975 = 0,
			q999 = 0;

static inline void
init_quantiles(void)
{
	if (q975 == 0)
	{
		q999 = kpi_qnorm(0.999);
		q975 = kpi_qnorm(0.975);
	}
}

static double
sigma_adjustment(double p, double n, double avg, bool high)
{
	double		lo,
				hi;

	init_quantiles();
	sigma_adjustment_pair(p == 0.975 ? q975 : p == 0.999 ? q999 : kpi_qnorm(p), n, avg, &lo, &hi);
	return high ? hi : lo;
}

/*
 * PHE's funnel_ratio_significance(obs, expected, p, side): the Poisson
 * limit at level p of the observed count, divided by expected.
 */
static double
ratio_limit(double obs, double expected, double p, bool high)
{
	double		stat;

	if (obs == 0 && !high)
		stat = 0;
	else if (obs < 10)
		stat = high ? kpi_qchisq(0.5 + p / 2, 2 * obs + 2) / 2
			: kpi_qchisq(1 - (0.5 + p / 2), 2 * obs) / 2;
	else
	{
		/* the quantile depends only on p (0.95 or 0.998): computed once */
		static double z95 = 0,
					z998 = 0;
		double		z;
		double		o = high ? obs + 1 : obs;
		double		b;

		if (p == 0.95)
			z = z95 != 0 ? z95 : (z95 = kpi_qnorm(0.5 + p / 2));
		else if (p == 0.998)
			z = z998 != 0 ? z998 : (z998 = kpi_qnorm(0.5 + p / 2));
		else
			z = kpi_qnorm(0.5 + p / 2);
		b = 1 - 1 / (9 * o) + (high ? z : -z) / 3 / sqrt(o);

		stat = o * (b * b * b);
	}
	return stat / expected;
}

static const char *const labels[] = {
	"High (0.001)", "High (0.025)", "Low (0.001)", "Low (0.025)", "Not significant",
	"Not applicable for events less than 10 for dsrs"
};

/* a label as text (its length known: no strlen per row) */
static inline Datum
label_datum(int label)
{
	static const int lens[] = {12, 12, 11, 11, 15, 47};

	StaticAssertStmt(lengthof(lens) == lengthof(labels), "one length per label");
	Assert(strlen(labels[label]) == lens[label]);
	return PointerGetDatum(cstring_to_text_with_len(labels[label], lens[label]));
}

Datum
kpi_funnel_significance(PG_FUNCTION_ARGS)
{
	FunnelStatistic stat;
	double		num,
				den,
				avg;
	int			label;

	if (PG_ARGISNULL(3))
		PG_RETURN_NULL();
	stat = statistic_arg(fcinfo, 3);
	if (PG_ARGISNULL(0))
		PG_RETURN_NULL();
	num = PG_GETARG_FLOAT8(0);
	check_count(num, "numerator");
	/* PHE: a dsr from fewer than 10 events is not assessed */
	if (stat == FUNNEL_DSR && num < 10)
		PG_RETURN_DATUM(label_datum(5));
	if (PG_ARGISNULL(1) || PG_ARGISNULL(2))
		PG_RETURN_NULL();
	den = PG_GETARG_FLOAT8(1);
	avg = PG_GETARG_FLOAT8(2);
	check_positive(den, "denominator");
	check_finite_arg(avg, "average");

	if (stat == FUNNEL_PROPORTION)
	{
		double		x,
					lo999,
					hi999,
					lo975,
					hi975;

		if (num > den)
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("numerator (%g) must not exceed denominator (%g) for a proportion", num, den)));
		if (!(avg >= 0 && avg <= 1))
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("average must be a proportion between 0 and 1, not %g", avg),
					 errhint("The average is sum(numerator) / sum(denominator) over all the areas.")));
		x = num / den;
		/* PHE's order of tests; the 95% pair only when the 99.8% low fails */
		init_quantiles();
		sigma_adjustment_pair(q999, den, avg, &lo999, &hi999);
		if (x < lo999)
			label = 2;
		else
		{
			sigma_adjustment_pair(q975, den, avg, &lo975, &hi975);
			if (x < lo975)
				label = 3;
			else if (x > hi999)
				label = 0;
			else if (x > hi975)
				label = 1;
			else
				label = 4;
		}
	}
	else
	{
		/* ratios against 1 (or another reference), rates against the average */
		if (!(avg >= 0))
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("average must not be negative, not %g", avg)));
		if (avg < ratio_limit(num, den, 0.998, false))
			label = 0;
		else if (avg < ratio_limit(num, den, 0.95, false))
			label = 1;
		else if (avg > ratio_limit(num, den, 0.998, true))
			label = 2;
		else if (avg > ratio_limit(num, den, 0.95, true))
			label = 3;
		else
			label = 4;
	}
	PG_RETURN_DATUM(label_datum(label));
}

/*
 * The number of characters R's as.character() gives a whole number
 * (|x| < 1e15): fixed notation unless scientific is narrower, e.g. 100000
 * is "1e+05" (5), 120000 is "120000" (6).
 */
static int
r_nchar_whole(double x)
{
	char		buf[64];
	int			fixed;
	int			sig;
	int			expo;
	int			sci;

	snprintf(buf, sizeof(buf), "%.0f", fabs(x));
	fixed = strlen(buf) + (x < 0);
	/* significant digits: strip trailing zeros */
	sig = strlen(buf);
	while (sig > 1 && buf[sig - 1] == '0')
		sig--;
	expo = strlen(buf) - 1;
	sci = (sig > 1 ? sig + 1 : 1) + (expo >= 100 ? 5 : 4) + (x < 0);
	return fixed <= sci ? fixed : sci;
}

static double
signif_floor(double x)
{
	double		n;

	if (x == 0)
		return 0;
	n = r_nchar_whole(floor(x * 0.95)) - 1;
	return floor(x * 0.95 / pow(10, n)) * pow(10, n);
}

static double
signif_ceiling(double x)
{
	double		n;

	if (x == 0)
		return 0;
	n = r_nchar_whole(ceil(x * 1.05)) - 2;
	return ceil(x * 1.05 / pow(10, n)) * pow(10, n);
}

/* PHE's poisson_cis: P(x_a <= X <= x_b) for X ~ Poisson(z), by its series */
static double
poisson_cis(double z, double x_a, double x_b)
{
	double		q = 1,
				tot = 0,
				s = 0,
				k = 0;

	while (k <= z || q > tot * 1e-10)
	{
		tot += q;
		if (k >= x_a && k <= x_b)
			s += q;
		if (tot > 1e30)
		{
			s /= 1e30;
			tot /= 1e30;
			q /= 1e30;
		}
		k += 1;
		q = q * z / k;
		if (((int64) k & 4095) == 0)
			CHECK_FOR_INTERRUPTS();
	}
	return s / tot;
}

/* PHE's poisson_funnel: the Poisson mean at which obs is at tail p */
static double
poisson_funnel(double obs, double p, bool high)
{
	double		v = 0.5,
				dv = 0.5;

	while (dv > 1e-7)
	{
		dv /= 2;
		if (high ? poisson_cis((1 + obs) * v / (1 - v), 0, obs) < p
			: poisson_cis((1 + obs) * v / (1 - v), obs, 10000000000.0) > p)
			v -= dv;
		else
			v += dv;
	}
	return (1 + obs) * v / (1 - v);
}

#define FL_NATTS 10
#define FL_POINTS 100
#define MAX_POISSON_AXIS 1e5		/* PHE's series costs O(events) per point */
#define MAX_PROPORTION_AXIS 1e14	/* R prints whole numbers exactly below 1e15 */

/* all the points, computed at the first call */
typedef struct FunnelPoints
{
	double		out[FL_POINTS][FL_NATTS];
} FunnelPoints;

static void
compute_limits(FunctionCallInfo fcinfo, FunnelPoints *pts)
{
	FunnelStatistic stat;
	double		av,
				min_den,
				max_den,
				mult,
				years;
	bool		isr = false;
	double		axis_min,
				axis_max;
	double		axis[FL_POINTS];

	for (int i = 0; i < 7; i++)
		if (PG_ARGISNULL(i) && i != 5)
			ereport(ERROR,
					(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
					 errmsg("kpi.funnel_limits: only ratio_type may be NULL")));
	stat = parse_statistic(PG_GETARG_TEXT_PP(0), false);
	av = PG_GETARG_FLOAT8(1);
	min_den = PG_GETARG_FLOAT8(2);
	max_den = PG_GETARG_FLOAT8(3);
	mult = PG_GETARG_FLOAT8(4);
	years = PG_GETARG_FLOAT8(6);
	check_finite_arg(av, "average");
	check_positive(min_den, "min_denominator");
	check_positive(max_den, "max_denominator");
	check_positive(mult, "multiplier");
	check_positive(years, "years_of_data");
	if (min_den > max_den)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("kpi.funnel_limits: min_denominator (%g) must not exceed max_denominator (%g)", min_den, max_den)));
	if (stat == FUNNEL_RATIO)
	{
		char	   *rt;

		if (PG_ARGISNULL(5))
			ereport(ERROR,
					(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
					 errmsg("kpi.funnel_limits: ratios need ratio_type 'count' or 'isr'")));
		rt = text_to_cstring(PG_GETARG_TEXT_PP(5));
		if (pg_strcasecmp(rt, "isr") == 0)
			isr = true;
		else if (pg_strcasecmp(rt, "count") != 0)
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("kpi.funnel_limits: invalid ratio_type: \"%s\"", rt),
					 errhint("Use 'count' (limits of the ratio minus 1) or 'isr' (ratio x 100).")));
	}
	if (stat == FUNNEL_PROPORTION && !(av >= 0 && av <= 1))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("average must be a proportion between 0 and 1, not %g", av)));
	if (stat == FUNNEL_RATE && !(av > 0))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("average must be a rate greater than zero, not %g", av),
				 errhint("The average is sum(events) / sum(denominator), per unit of denominator.")));

	/* PHE's axis */
	if (max_den > 2 * min_den)
		axis_min = 0;
	else if (stat == FUNNEL_RATE)
		axis_min = signif_floor(min_den / years) * years;
	else
		axis_min = signif_floor(min_den);
	if (stat == FUNNEL_RATE)
	{
		axis_max = signif_ceiling(max_den / years) * years;
		axis_min = floor(axis_min * av);
		axis_max = ceil(axis_max * av);
	}
	else
		axis_max = signif_ceiling(max_den);
	if (!(axis_max <= (stat == FUNNEL_PROPORTION ? MAX_PROPORTION_AXIS : MAX_POISSON_AXIS)))
		ereport(ERROR,
				(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
				 errmsg("kpi.funnel_limits: the axis would reach %g, beyond %g", axis_max,
						stat == FUNNEL_PROPORTION ? MAX_PROPORTION_AXIS : MAX_POISSON_AXIS),
				 stat == FUNNEL_PROPORTION ? 0 :
				 errhint("PHE's Poisson limits are sums of series whose length grows with the count of events.")));
	axis[0] = Max(1, axis_min);
	for (int j = 2; j <= FL_POINTS; j++)
	{
		int			offset = stat == FUNNEL_RATIO ? j - 1 : j;
		double		prev = axis[j - 2];

		axis[j - 1] = Max(rint(pow(axis_max / prev, 1.0 / (101 - offset)) * prev), prev + 1);
	}

	for (int j = 0; j < FL_POINTS; j++)
	{
		double		x = axis[j];
		double	   *out = pts->out[j];

		CHECK_FOR_INTERRUPTS();
		out[0] = x;
		if (stat == FUNNEL_PROPORTION)
		{
			out[1] = out[3] = out[5] = out[7] = x;
			/* PHE clips at 0 and at a literal 100 whatever the multiplier */
			out[2] = Max(0, sigma_adjustment(0.975, x, av, false) * mult);
			out[4] = Min(100, sigma_adjustment(0.975, x, av, true) * mult);
			out[6] = Max(0, sigma_adjustment(0.999, x, av, false) * mult);
			out[8] = Min(100, sigma_adjustment(0.999, x, av, true) * mult);
			out[9] = av * mult;
		}
		else
		{
			/* (at, limit) pairs: lower 95, upper 95, lower 99.8, upper 99.8 */
			static const double tails[4] = {0.025, 0.025, 0.001, 0.001};
			static const bool high[4] = {true, false, true, false};

			for (int k = 0; k < 4; k++)
			{
				double		mean = poisson_funnel(x, tails[k], high[k]);

				if (stat == FUNNEL_RATIO)
				{
					double		limit = x / mean;

					out[1 + 2 * k] = mean;
					out[2 + 2 * k] = isr ? limit * 100 : limit - 1;
				}
				else
				{
					double		pop = mean / av;

					out[1 + 2 * k] = pop / years;
					out[2 + 2 * k] = x / pop * mult;
				}
			}
			out[9] = stat == FUNNEL_RATE ? av * mult : NAN;
		}
	}
}

Datum
kpi_funnel_limits(PG_FUNCTION_ARGS)
{
	FuncCallContext *funcctx;
	FunnelPoints *pts;

	if (SRF_IS_FIRSTCALL())
	{
		MemoryContext oldcxt;
		TupleDesc	tupdesc;

		funcctx = SRF_FIRSTCALL_INIT();
		oldcxt = MemoryContextSwitchTo(funcctx->multi_call_memory_ctx);
		if (get_call_result_type(fcinfo, NULL, &tupdesc) != TYPEFUNC_COMPOSITE ||
			tupdesc->natts != FL_NATTS)
			elog(ERROR, "kpi.funnel_limits: unexpected result columns");
		funcctx->tuple_desc = BlessTupleDesc(tupdesc);
		pts = palloc(sizeof(FunnelPoints));
		compute_limits(fcinfo, pts);
		funcctx->user_fctx = pts;
		funcctx->max_calls = FL_POINTS;
		MemoryContextSwitchTo(oldcxt);
	}
	funcctx = SRF_PERCALL_SETUP();
	pts = funcctx->user_fctx;
	if (funcctx->call_cntr < funcctx->max_calls)
	{
		const double *out = pts->out[funcctx->call_cntr];
		Datum		values[FL_NATTS];
		bool		nulls[FL_NATTS];

		for (int k = 0; k < FL_NATTS; k++)
		{
			nulls[k] = isnan(out[k]);
			values[k] = Float8GetDatum(out[k]);
		}
		SRF_RETURN_NEXT(funcctx, HeapTupleGetDatum(heap_form_tuple(funcctx->tuple_desc, values, nulls)));
	}
	SRF_RETURN_DONE(funcctx);
}

/*
 * kpi.funnel_point(numerator, rate, denominator, rate_type, multiplier,
 * years_of_data) → (rate_chart, denominator_derived): PHE's
 * calculate_funnel_points, the point at which one area's rate is drawn on
 * a rate funnel (events per year against kpi.funnel_limits' *_at axis):
 *
 *   dsr     rate_chart = rate, denominator_derived = per × events / rate
 *           / years; both NULL below 10 events (PHE does not plot them)
 *   crude   rate_chart = rate, denominator_derived = per × events / rate
 *           / years, or denominator / years for 0 events (which then
 *           needs the denominator)
 */
Datum
kpi_funnel_point(PG_FUNCTION_ARGS)
{
	double		num,
				rate,
				mult,
				years;
	bool		dsr;
	char	   *rt;
	Datum		values[2] = {(Datum) 0, (Datum) 0};
	bool		nulls[2] = {false, false};
	double		chart,
				den;

	if (PG_ARGISNULL(0) || PG_ARGISNULL(3) || PG_ARGISNULL(4) || PG_ARGISNULL(5))
		PG_RETURN_NULL();
	num = PG_GETARG_FLOAT8(0);
	mult = PG_GETARG_FLOAT8(4);
	years = PG_GETARG_FLOAT8(5);
	check_count(num, "numerator");
	check_positive(mult, "multiplier");
	check_positive(years, "years_of_data");
	rt = text_to_cstring(PG_GETARG_TEXT_PP(3));
	if (pg_strcasecmp(rt, "dsr") == 0)
		dsr = true;
	else if (pg_strcasecmp(rt, "crude") == 0)
		dsr = false;
	else
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("kpi.funnel_point: invalid rate_type: \"%s\"", rt),
				 errhint("Use 'dsr' or 'crude'.")));

	if (dsr && num < 10)
		nulls[0] = nulls[1] = true;
	else if (!dsr && num == 0)
	{
		if (PG_ARGISNULL(2))
			ereport(ERROR,
					(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
					 errmsg("kpi.funnel_point: a crude rate of 0 events needs its denominator")));
		den = PG_GETARG_FLOAT8(2);
		check_positive(den, "denominator");
		chart = PG_ARGISNULL(1) ? 0 : PG_GETARG_FLOAT8(1);
		check_finite_arg(chart, "rate");
		values[0] = Float8GetDatum(chart);
		values[1] = Float8GetDatum(den / years);
	}
	else
	{
		if (PG_ARGISNULL(1))
			PG_RETURN_NULL();
		rate = PG_GETARG_FLOAT8(1);
		check_positive(rate, "rate");
		den = (mult * num / rate) / years;
		if (isinf(den))
			float_overflow_error();
		values[0] = Float8GetDatum(rate);
		values[1] = Float8GetDatum(den);
	}
	PG_RETURN_DATUM(kpi_result_row(fcinfo, values, nulls, 2));
}
