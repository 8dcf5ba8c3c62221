/*
 * ets.c — exponential smoothing forecasts over a kpi.series: the additive
 * error ETS models ETS(A,N,N), (A,A,N), (A,Ad,N), (A,N,A), (A,A,A),
 * (A,Ad,A) of Hyndman et al. (2008) / FPP3 §8.5, and seasonal naive.
 *
 * Conventions (README, "Forecasts"):
 *  - beta and gamma are the state-space smoothing parameters of R ets and
 *    statsmodels ETSModel: b_t = phi b_{t-1} + beta e_t, s_t = s_{t-m} +
 *    gamma e_t.  Holt's beta* (statsmodels Holt, R HoltWinters) is
 *    beta / alpha.
 *  - season0[1..m] are the initial seasonal states in time order: season0[i]
 *    is the seasonal term of the i-th period of the series (s_{i-m} in FPP3's
 *    notation; R's fit$states[1, ] lists them newest first).
 *  - The series is placed on a regular grid of periods (a number step, a
 *    whole number of months for dates on the first or the last day of their
 *    months, else a whole number of days).  A period of the grid that the
 *    series lacks, or a ghosted point, has no observation: the states move
 *    on by the model's prediction (the error counts as 0) and the period
 *    takes no part in the SSE or in n, as in the state-space treatment of
 *    missing values.
 *
 * Estimation: the free smoothing parameters are found by Nelder-Mead (with
 * restarts) inside R ets's "usual" bounds; for each candidate the free
 * initial states are solved exactly, because the one-step errors of a
 * linear (additive) model are affine in the initial states: e(x0) = e(c) +
 * E z, where column j of E is the error path of the model run from the unit
 * state a_j on zero data.  So the SSE minimised over the initial states is a
 * least-squares problem (normal equations, Cholesky), and the search runs
 * over at most four parameters.  The reported fit is a plain run of the
 * recursion from the chosen states.
 */
#include "postgres.h"

#include <float.h>
#include <math.h>

#include "catalog/pg_type.h"
#include "funcapi.h"
#include "miscadmin.h"
#include "utils/array.h"
#include "utils/builtins.h"
#include "utils/date.h"
#include "utils/datetime.h"

#include "distributions.h"
#include "kpi.h"
#include "series.h"

PG_FUNCTION_INFO_V1(kpi_ets);
PG_FUNCTION_INFO_V1(kpi_ets_forecast);
PG_FUNCTION_INFO_V1(kpi_ets_fitted);
PG_FUNCTION_INFO_V1(kpi_ets_horizon);

/* periods a grid may have (the series' points plus the missing ones) */
#define ETS_MAX_SLOTS		1000000
/* the longest season: weekly data over a year */
#define ETS_MAX_SEASON		52
/* the longest forecast */
#define ETS_MAX_H			100000

/* R ets's "usual" bounds (forecast::ets lower/upper) */
#define ETS_LO				1e-4
#define ETS_HI				0.9999
#define ETS_PHI_LO			0.8
#define ETS_PHI_HI			0.98

typedef enum EtsTrend
{
	ETS_TREND_NONE,
	ETS_TREND_ADD,
	ETS_TREND_DAMPED
} EtsTrend;

typedef struct EtsSpec
{
	bool		snaive;
	EtsTrend	trend;
	bool		seasonal;
	int			m;				/* season length (seasonal, snaive), else 0 */
} EtsSpec;

/* the series on its regular grid */
typedef struct EtsGrid
{
	int			kind;			/* KPI_PERIOD_FLOAT8 or KPI_PERIOD_DATE */
	int			n;				/* periods on the grid */
	int			nobs;			/* of them with a value */
	double	   *y;				/* n values, NaN where none */
	double		x0, xstep;		/* float8 periods */
	bool		monthly;		/* dates: a whole number of months apart */
	bool		month_end;		/* ... keyed on the last day of the month */
	int			mon0, mstep;	/* month index (year*12 + month-1), step */
	int			day0, dstep;	/* dates a whole number of days apart */
	int			default_m;		/* 12 for monthly, 4 for quarterly, else 0 */
} EtsGrid;

/* what the caller gave (NaN: estimate) */
typedef struct EtsGiven
{
	double		alpha, beta, gamma, phi;
	double		level0, trend0;
	double	   *season0;		/* m values, or NULL */
	int			nseason0;
	bool		sm_bounds;		/* statsmodels' region instead of R's */
} EtsGiven;

typedef struct EtsFit
{
	EtsSpec		spec;
	double		alpha, beta, gamma, phi;	/* NaN where not in the model */
	double	   *x0;				/* initial states: l, b, s[0..m-1] */
	double	   *xn;				/* final states, same layout; s in the
								 * order of the next m periods */
	double	   *fitted;			/* per grid period; NaN where none */
	double		sse;
	int			nobs;
	int			npar;			/* estimated parameters + initial states */
	int			nres;			/* residuals (snaive: fewer than nobs) */
} EtsFit;

/* ------------------------------------------------------------ the grid */

static int
gcd_int(int a, int b)
{
	while (b != 0)
	{
		int			t = a % b;

		a = b;
		b = t;
	}
	return a;
}

static void
grid_too_long(void)
{
	ereport(ERROR,
			(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
			 errmsg("a forecast series can span at most %d periods", ETS_MAX_SLOTS)));
}

static void
grid_from_series(const KpiSeries *s, EtsGrid *g, const char *caller)
{
	int			n = s->n;
	int		   *slot;

	memset(g, 0, sizeof(*g));
	g->kind = s->kind;
	if (s->kind == KPI_PERIOD_TIMESTAMPTZ)
		ereport(ERROR,
				(errcode(ERRCODE_FEATURE_NOT_SUPPORTED),
				 errmsg("%s takes a series of float8 or date periods, not timestamptz", caller),
				 errdetail("Forecasts step through calendar periods and name them as dates, and a timestamptz's date depends on the time zone."),
				 errhint("Build the series over dates in the time zone you mean: kpi.series(value, (period AT TIME ZONE 'Europe/London')::date), or period::date for the session's TimeZone.")));
	if (n == 0)
	{
		g->n = 0;
		g->y = NULL;
		return;
	}
	slot = palloc(sizeof(int) * n);

	if (s->kind == KPI_PERIOD_FLOAT8)
	{
		double		first = s->points[0].period.x;
		double		step = 0;

		for (int i = 1; i < n; i++)
		{
			double		d = s->points[i].period.x - s->points[i - 1].period.x;

			if (i == 1 || d < step)
				step = d;
		}
		if (n == 1 || !isfinite(step) || step <= 0)
			step = 1;
		g->x0 = first;
		g->xstep = step;
		for (int i = 0; i < n; i++)
		{
			double		r = (s->points[i].period.x - first) / step;
			double		k = rint(r);

			if (!isfinite(r) || k > ETS_MAX_SLOTS)
				grid_too_long();
			if (fabs(r - k) > 1e-9 * Max(k, 1.0))
				ereport(ERROR,
						(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
						 errmsg("%s needs evenly spaced periods", caller),
						 errdetail("Period %s is not a whole number of steps of %s after %s.",
								   kpi_period_cstring(s->kind, s->points[i].period),
								   kpi_period_cstring(KPI_PERIOD_FLOAT8, (KpiPeriod) {.x = step}),
								   kpi_period_cstring(s->kind, s->points[0].period))));
			slot[i] = (int) k;
		}
	}
	else
	{
		int64	   *days = palloc(sizeof(int64) * n);
		bool		month_end;

		for (int i = 0; i < n; i++)
			days[i] = s->points[i].period.t;
		if (n > 1 && kpi_month_keys(days, n, days, &month_end))
		{
			int			step = 0;

			g->monthly = true;
			g->month_end = month_end;
			for (int i = 0; i < n; i++)
				slot[i] = (int) days[i];
			for (int i = 1; i < n; i++)
				step = gcd_int(step, slot[i] - slot[i - 1]);
			g->mon0 = slot[0];
			g->mstep = step;
			for (int i = n - 1; i >= 0; i--)
			{
				if ((slot[i] - slot[0]) / step > ETS_MAX_SLOTS)
					grid_too_long();
				slot[i] = (slot[i] - slot[0]) / step;
			}
			g->default_m = step == 1 ? 12 : (step == 3 ? 4 : 0);
		}
		else
		{
			int64		step = 0;

			for (int i = 1; i < n; i++)
			{
				int64		a = step,
							b = s->points[i].period.t - s->points[i - 1].period.t;

				while (b != 0)
				{
					int64		t = a % b;

					a = b;
					b = t;
				}
				step = a;
			}
			if (step == 0)
				step = 1;
			g->day0 = (int) s->points[0].period.t;
			g->dstep = (int) step;
			for (int i = 0; i < n; i++)
			{
				int64		k = (s->points[i].period.t - s->points[0].period.t) / step;

				if (k > ETS_MAX_SLOTS)
					grid_too_long();
				slot[i] = (int) k;
			}
			g->default_m = step == 7 ? 52 : 0;
		}
	}

	g->n = slot[n - 1] + 1;
	if (g->n > ETS_MAX_SLOTS)
		grid_too_long();
	if (g->n - n > n)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("%s needs regularly spaced periods", caller),
				 errdetail("On the series' step the %d points leave %d periods missing, more than there are points.",
						   n, g->n - n),
				 errhint("Give one point per period; a period without a value may be a NULL value.")));
	g->y = palloc(sizeof(double) * g->n);
	for (int i = 0; i < g->n; i++)
		g->y[i] = NAN;
	g->nobs = 0;
	for (int i = 0; i < n; i++)
	{
		g->y[slot[i]] = s->points[i].value;
		if (!KPI_POINT_GHOSTED(&s->points[i]))
			g->nobs++;
	}
	pfree(slot);
}

/* the date of grid period i (i may be past the end, for forecasts) */
static DateADT
grid_date(const EtsGrid *g, int64 i)
{
	int64		jd;

	if (g->monthly)
	{
		int64		mi = (int64) g->mon0 + i * g->mstep + (g->month_end ? 1 : 0);
		int64		y = mi >= 0 ? mi / 12 : -((-mi + 11) / 12);
		int			mo = (int) (mi - y * 12) + 1;

		if (y > 6000000 || y < -4713 || !IS_VALID_JULIAN((int) y, mo, 1))
			goto out_of_range;
		jd = date2j((int) y, mo, 1) - (g->month_end ? 1 : 0);
	}
	else
		jd = (int64) g->day0 + i * g->dstep + POSTGRES_EPOCH_JDATE;
	if (jd < 0 || jd > PG_INT32_MAX || !IS_VALID_DATE(jd - POSTGRES_EPOCH_JDATE))
		goto out_of_range;
	return (DateADT) (jd - POSTGRES_EPOCH_JDATE);

out_of_range:
	ereport(ERROR,
			(errcode(ERRCODE_DATETIME_VALUE_OUT_OF_RANGE),
			 errmsg("forecast period out of range for type date")));
	return 0;
}

static double
grid_x(const EtsGrid *g, int64 i)
{
	return g->x0 + (double) i * g->xstep;
}

/* ------------------------------------------------------------ arguments */

static void
parse_model(text *t, bool *is_auto, EtsSpec *spec)
{
	char	   *raw = text_to_cstring(t);
	char		buf[32];
	int			len = 0;

	for (char *p = raw; *p && len < (int) sizeof(buf) - 1; p++)
		if (*p != ' ' && *p != ',' && *p != '(' && *p != ')')
			buf[len++] = pg_ascii_toupper((unsigned char) *p);
	buf[len] = '\0';
	if (strncmp(buf, "ETS", 3) == 0 && len > 3)
		memmove(buf, buf + 3, len - 2);

	memset(spec, 0, sizeof(*spec));
	*is_auto = false;
	if (strcmp(buf, "AUTO") == 0)
		*is_auto = true;
	else if (strcmp(buf, "SNAIVE") == 0)
		spec->snaive = true;
	else if (strcmp(buf, "ANN") == 0)
		;
	else if (strcmp(buf, "AAN") == 0)
		spec->trend = ETS_TREND_ADD;
	else if (strcmp(buf, "AADN") == 0)
		spec->trend = ETS_TREND_DAMPED;
	else if (strcmp(buf, "ANA") == 0)
		spec->seasonal = true;
	else if (strcmp(buf, "AAA") == 0)
		spec->trend = ETS_TREND_ADD, spec->seasonal = true;
	else if (strcmp(buf, "AADA") == 0)
		spec->trend = ETS_TREND_DAMPED, spec->seasonal = true;
	else
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("unknown forecast model \"%s\"", raw),
				 errhint("Use auto, ANN, AAN, AAdN, ANA, AAA, AAdA or snaive (ETS(A,A,N) and similar spellings work too).")));
	pfree(raw);
}

static const char *
spec_name(const EtsSpec *s)
{
	static const char *names[2][3] = {{"ANN", "AAN", "AAdN"}, {"ANA", "AAA", "AAdA"}};

	if (s->snaive)
		return "snaive";
	return names[s->seasonal ? 1 : 0][s->trend];
}

static double
given_param(FunctionCallInfo fcinfo, int argno, const char *what)
{
	double		v;

	if (PG_ARGISNULL(argno))
		return NAN;
	v = PG_GETARG_FLOAT8(argno);
	check_finite_arg(v, what);
	return v;
}

/*
 * The common arguments, from argno on: model, season, alpha, beta, gamma,
 * phi, level0, trend0, season0.
 */
typedef struct EtsArgs
{
	bool		is_auto;
	EtsSpec		spec;
	int			season;			/* given season length, or 0 */
	EtsGiven	given;
} EtsArgs;

static void
read_args(FunctionCallInfo fcinfo, int argno, EtsArgs *a)
{
	if (PG_ARGISNULL(argno))
	{
		a->is_auto = true;
		memset(&a->spec, 0, sizeof(a->spec));
	}
	else
		parse_model(PG_GETARG_TEXT_PP(argno), &a->is_auto, &a->spec);
	a->season = 0;
	if (!PG_ARGISNULL(argno + 1))
	{
		int32		m = PG_GETARG_INT32(argno + 1);

		if (m < 2 || m > ETS_MAX_SEASON)
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("season length must be between 2 and %d, not %d", ETS_MAX_SEASON, m),
					 errhint("12 for monthly data, 4 for quarterly, 7 for daily data with a weekly pattern.")));
		a->season = m;
	}
	a->given.alpha = given_param(fcinfo, argno + 2, "alpha");
	a->given.beta = given_param(fcinfo, argno + 3, "beta");
	a->given.gamma = given_param(fcinfo, argno + 4, "gamma");
	a->given.phi = given_param(fcinfo, argno + 5, "phi");
	a->given.level0 = given_param(fcinfo, argno + 6, "level0");
	a->given.trend0 = given_param(fcinfo, argno + 7, "trend0");
	a->given.season0 = NULL;
	a->given.nseason0 = 0;
	if (!PG_ARGISNULL(argno + 8))
	{
		ArrayType  *arr = PG_GETARG_ARRAYTYPE_P(argno + 8);
		Datum	   *elems;
		bool	   *nulls;
		int			ne;

		if (ARR_NDIM(arr) > 1)
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("season0 must be a one-dimensional array")));
		deconstruct_array(arr, FLOAT8OID, sizeof(float8), FLOAT8PASSBYVAL, TYPALIGN_DOUBLE,
						  &elems, &nulls, &ne);
		a->given.season0 = palloc(sizeof(double) * Max(ne, 1));
		for (int i = 0; i < ne; i++)
		{
			if (nulls[i])
				ereport(ERROR,
						(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
						 errmsg("season0 cannot contain NULL")));
			a->given.season0[i] = DatumGetFloat8(elems[i]);
			check_finite_arg(a->given.season0[i], "season0");
		}
		a->given.nseason0 = ne;
	}
}

static void
param_range_error(const char *what, double v, const char *range)
{
	ereport(ERROR,
			(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
			 errmsg("%s must be %s, not %g", what, range, v)));
}

static void
not_in_model(const char *what, const EtsSpec *s)
{
	ereport(ERROR,
			(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
			 errmsg("model %s has no %s", spec_name(s), what)));
}

/* given values that the model has no use for, and given values out of range */
static void
check_given(const EtsSpec *s, const EtsGiven *g)
{
	bool		trend = s->trend != ETS_TREND_NONE;

	if (s->snaive)
	{
		if (!isnan(g->alpha) || !isnan(g->beta) || !isnan(g->gamma) || !isnan(g->phi) ||
			!isnan(g->level0) || !isnan(g->trend0) || g->season0)
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("model snaive has no parameters or states to give")));
		return;
	}
	if (!trend && !isnan(g->beta))
		not_in_model("beta", s);
	if (!trend && !isnan(g->trend0))
		not_in_model("trend0", s);
	if (s->trend != ETS_TREND_DAMPED && !isnan(g->phi))
		not_in_model("phi", s);
	if (!s->seasonal && !isnan(g->gamma))
		not_in_model("gamma", s);
	if (!s->seasonal && g->season0)
		not_in_model("season0", s);
	if (!isnan(g->alpha) && !(g->alpha >= 0 && g->alpha <= 1))
		param_range_error("alpha", g->alpha, "between 0 and 1");
	if (!isnan(g->beta) && !(g->beta >= 0 && g->beta <= 1))
		param_range_error("beta", g->beta, "between 0 and 1");
	if (!isnan(g->gamma) && !(g->gamma >= 0 && g->gamma <= 1))
		param_range_error("gamma", g->gamma, "between 0 and 1");
	if (!isnan(g->phi) && !(g->phi > 0 && g->phi <= 1))
		param_range_error("phi", g->phi, "greater than 0 and at most 1");
	if (g->season0 && g->nseason0 != s->m)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("season0 must have one value per season (%d), not %d", s->m, g->nseason0)));
}

/* ------------------------------------------------------------ the filter */

/* state layout: [0] level, [1] trend, [2 .. 2+m-1] seasons by position */
#define ST_L 0
#define ST_B 1
#define ST_S 2

/*
 * One run of the recursion from the states x (updated in place to the final
 * states, seasons by grid position t mod m); fitted and resid per period
 * when not NULL.  Returns the SSE.
 */
static double
ets_run(const EtsSpec *s, const EtsGrid *g, double alpha, double beta, double gamma,
		double phi, double *x, double *fitted)
{
	double		l = x[ST_L],
				b = x[ST_B];
	double	   *ss = x + ST_S;
	int			m = s->seasonal ? s->m : 1;
	double		sse = 0;
	int			k = 0;

	for (int t = 0; t < g->n; t++)
	{
		double		pb = s->trend == ETS_TREND_NONE ? 0 : phi * b;
		double		sv = s->seasonal ? ss[k] : 0;
		double		yhat = l + pb + sv;

		if (fitted)
			fitted[t] = yhat;
		if (!isnan(g->y[t]))
		{
			double		e = g->y[t] - yhat;

			sse += e * e;
			l = l + pb + alpha * e;
			if (s->trend != ETS_TREND_NONE)
				b = pb + beta * e;
			if (s->seasonal)
				ss[k] = sv + gamma * e;
		}
		else
		{
			l = l + pb;
			b = pb;
		}
		if (++k == m)
			k = 0;
	}
	x[ST_L] = l;
	x[ST_B] = s->trend == ETS_TREND_NONE ? 0 : b;
	/* the seasons in the order of the next m periods: position g->n mod m first */
	if (s->seasonal)
	{
		double	   *tmp = palloc(sizeof(double) * m);

		for (int j = 0; j < m; j++)
			tmp[j] = ss[(g->n + j) % m];
		memcpy(ss, tmp, sizeof(double) * m);
		pfree(tmp);
	}
	return sse;
}

/* ------------------------------------------------------ the estimation */

/*
 * The concentrated problem: free smoothing parameters (in the order alpha,
 * beta, gamma, phi) and free initial states.
 */
typedef struct EtsProblem
{
	const EtsSpec *spec;
	const EtsGrid *g;
	const EtsGiven *given;
	int			K;				/* state length 2 + m */
	int			nfree;			/* free smoothing parameters */
	int			which[4];		/* 0 alpha, 1 beta, 2 gamma, 3 phi */
	int			q;				/* free initial states */
	double	   *c;				/* the fixed part of the initial states */
	double	   *A;				/* q unit directions, K each */
	/* work space */
	double	   *X;				/* (q + 1) states of K */
	double	   *G;				/* q x q normal matrix */
	double	   *h;				/* q */
	double	   *z;				/* q: the solution */
	double	   *e;				/* q + 1 errors of one period */
	int			evals;
	/* the seasonal shortcut (concentrated_sse_seasonal) */
	bool		fast;
	int			fast_level,		/* the level is free: 1, else 0 */
				fast_trend;		/* the trend is free: 1, else 0 */
	double	   *w;				/* 4 n error paths */
	double	   *Lt;				/* m x m lagged sums */
} EtsProblem;

typedef struct EtsParamSet
{
	double		alpha, beta, gamma, phi;
} EtsParamSet;

/* u in R^nfree to parameters, inside the usual bounds (sin^2 maps onto [lo, hi]) */
static bool
params_from_u(const EtsProblem *P, const double *u, EtsParamSet *ps)
{
	const EtsGiven *gv = P->given;
	int			j = 0;
	double		lo,
				hi;

	ps->alpha = gv->alpha;
	ps->beta = P->spec->trend != ETS_TREND_NONE ? gv->beta : 0;
	ps->gamma = P->spec->seasonal ? gv->gamma : 0;
	ps->phi = P->spec->trend == ETS_TREND_DAMPED ? gv->phi : 1;

	if (isnan(ps->alpha))
	{
		double		sn = sin(u[j++]);

		lo = ETS_LO;
		hi = ETS_HI;
		if (gv->sm_bounds)
		{
			/* beta / alpha and gamma + alpha within [1e-4, 0.9999] */
			if (!isnan(ps->beta) && ps->beta / ETS_HI > lo)
				lo = ps->beta / ETS_HI;
			if (!isnan(ps->beta) && ps->beta > 0 && ps->beta / ETS_LO < hi)
				hi = ps->beta / ETS_LO;
			if (!isnan(ps->gamma) && ETS_LO - ps->gamma > lo)
				lo = ETS_LO - ps->gamma;
			if (!isnan(ps->gamma) && ETS_HI - ps->gamma < hi)
				hi = ETS_HI - ps->gamma;
		}
		else
		{
			if (!isnan(ps->beta) && ps->beta > lo)
				lo = ps->beta;
			if (!isnan(ps->gamma) && 1 - ps->gamma < hi)
				hi = 1 - ps->gamma;
		}
		if (lo > hi)
			return false;
		ps->alpha = lo + (hi - lo) * sn * sn;
	}
	if (isnan(ps->beta))
	{
		double		sn = sin(u[j++]);

		if (gv->sm_bounds)
		{
			lo = ETS_LO * ps->alpha;
			hi = ETS_HI * ps->alpha;
		}
		else
		{
			lo = ETS_LO;
			hi = Min(ETS_HI, ps->alpha);
		}
		if (lo > hi)
			return false;
		ps->beta = lo + (hi - lo) * sn * sn;
	}
	if (isnan(ps->gamma))
	{
		double		sn = sin(u[j++]);

		if (gv->sm_bounds)
		{
			lo = ETS_LO - ps->alpha;
			hi = ETS_HI - ps->alpha;
		}
		else
		{
			lo = ETS_LO;
			hi = Min(ETS_HI, 1 - ps->alpha);
		}
		if (lo > hi)
			return false;
		ps->gamma = lo + (hi - lo) * sn * sn;
	}
	if (isnan(ps->phi))
	{
		double		sn = sin(u[j++]);

		ps->phi = ETS_PHI_LO + (ETS_PHI_HI - ETS_PHI_LO) * sn * sn;
	}
	return true;
}

/* the inverse map for a start value at fraction f of the range */
static double
u_at(double f)
{
	return asin(sqrt(f));
}

/*
 * Solve G z = -h in place by Cholesky (G symmetric, upper part used);
 * directions the data cannot tell apart get z = 0.  Returns z'Gz.
 */
static double
solve_normal(int q, double *G, const double *h, double *z)
{
	double		maxd = 0;
	double		quad = 0;

	for (int i = 0; i < q; i++)
		maxd = Max(maxd, G[i * q + i]);
	/* factor G = R'R, R upper, stored over G's upper triangle */
	for (int j = 0; j < q; j++)
	{
		double		d = G[j * q + j];

		for (int k = 0; k < j; k++)
			d -= G[k * q + j] * G[k * q + j];
		if (!(d > 1e-13 * maxd))
		{
			/* a dependent direction: drop it */
			G[j * q + j] = 0;
			for (int i = j + 1; i < q; i++)
				G[j * q + i] = 0;
			continue;
		}
		d = sqrt(d);
		G[j * q + j] = d;
		for (int i = j + 1; i < q; i++)
		{
			double		v = G[j * q + i];

			for (int k = 0; k < j; k++)
				v -= G[k * q + j] * G[k * q + i];
			G[j * q + i] = v / d;
		}
	}
	/* R'w = -h, then R z = w; quad = w'w */
	for (int j = 0; j < q; j++)
	{
		double		v = -h[j];

		if (G[j * q + j] == 0)
		{
			z[j] = 0;
			continue;
		}
		for (int k = 0; k < j; k++)
			v -= G[k * q + j] * z[k];
		z[j] = v / G[j * q + j];
		quad += z[j] * z[j];
	}
	for (int j = q - 1; j >= 0; j--)
	{
		double		v = z[j];

		if (G[j * q + j] == 0)
		{
			z[j] = 0;
			continue;
		}
		for (int k = j + 1; k < q; k++)
			v -= G[j * q + k] * z[k];
		z[j] = v / G[j * q + j];
	}
	return quad;
}

/*
 * The SSE at parameters ps with the free initial states solved; the
 * solution in P->z.
 */
static double
concentrated_sse(EtsProblem *P, const EtsParamSet *ps)
{
	const EtsSpec *s = P->spec;
	const EtsGrid *g = P->g;
	int			K = P->K,
				q = P->q,
				nc = q + 1;
	int			m = s->seasonal ? s->m : 1;
	bool		trend = s->trend != ETS_TREND_NONE;
	double		phi = trend ? ps->phi : 0;
	double		s0 = 0;
	double	   *X = P->X,
			   *G = P->G,
			   *h = P->h,
			   *e = P->e;
	int			k = 0;

	P->evals++;
	CHECK_FOR_INTERRUPTS();
	memcpy(X, P->c, sizeof(double) * K);
	memcpy(X + K, P->A, sizeof(double) * K * q);
	memset(G, 0, sizeof(double) * q * q);
	memset(h, 0, sizeof(double) * q);

	for (int t = 0; t < g->n; t++)
	{
		bool		obs = !isnan(g->y[t]);

		for (int c = 0; c < nc; c++)
		{
			double	   *x = X + c * K;
			double		pb = phi * x[ST_B];
			double		sv = x[ST_S + k];
			double		yhat = x[ST_L] + pb + sv;

			if (obs)
			{
				double		ec = (c == 0 ? g->y[t] : 0) - yhat;

				e[c] = ec;
				x[ST_L] += pb + ps->alpha * ec;
				x[ST_B] = pb + ps->beta * ec;
				x[ST_S + k] = sv + ps->gamma * ec;
			}
			else
			{
				x[ST_L] += pb;
				x[ST_B] = pb;
			}
		}
		if (obs)
		{
			s0 += e[0] * e[0];
			for (int i = 0; i < q; i++)
			{
				double		ei = e[i + 1];

				h[i] += ei * e[0];
				for (int j = i; j < q; j++)
					G[i * q + j] += ei * e[j + 1];
			}
		}
		if (++k == m)
			k = 0;
	}
	if (q == 0)
		return s0;
	{
		/* not inside Max(): a macro would solve twice */
		double		sse = s0 - solve_normal(q, G, h, P->z);

		return sse > 0 ? sse : 0;
	}
}

/*
 * The same for a seasonal model with free initial seasons and no missing
 * period, in O(n m) instead of O(n m^2): the model is time-invariant, so
 * the error path of a unit initial season s_i is the path r of a unit s_0
 * delayed by i periods, and the normal equations of the season columns
 * (s_i - s_{m-1}) are lagged sums of r with itself and with the other
 * columns' paths.
 */
static double
concentrated_sse_seasonal(EtsProblem *P, const EtsParamSet *ps)
{
	const EtsGrid *g = P->g;
	int			n = g->n,
				m = P->spec->m,
				k = m - 1,
				q = P->q;
	bool		trend = P->spec->trend != ETS_TREND_NONE;
	int			nl = P->fast_level,
				nb = P->fast_trend,
				s0c = nl + nb;
	double		phi = trend ? ps->phi : 0;
	double	   *e0 = P->w,
			   *ea = P->w + n,
			   *eb = P->w + 2 * n,
			   *r = P->w + 3 * n;
	double	   *G = P->G,
			   *h = P->h;
	double	   *X = P->X;		/* 4 states of K */
	int			K = P->K;
	double		sum0 = 0;
	int			pos = 0;

	P->evals++;
	CHECK_FOR_INTERRUPTS();
	/* four runs: the data from c, a unit level, a unit trend, a unit s_0 */
	memset(X, 0, sizeof(double) * 4 * K);
	memcpy(X, P->c, sizeof(double) * K);
	X[K + ST_L] = 1;
	X[2 * K + ST_B] = 1;
	X[3 * K + ST_S] = 1;
	for (int t = 0; t < n; t++)
	{
		for (int c = 0; c < 4; c++)
		{
			double	   *x = X + c * K;
			double		pb = phi * x[ST_B];
			double		sv = x[ST_S + pos];
			double		ec = (c == 0 ? g->y[t] : 0) - (x[ST_L] + pb + sv);

			x[ST_L] += pb + ps->alpha * ec;
			x[ST_B] = pb + ps->beta * ec;
			x[ST_S + pos] = sv + ps->gamma * ec;
			P->w[c * n + t] = ec;
		}
		if (++pos == m)
			pos = 0;
	}
	memset(G, 0, sizeof(double) * q * q);
	memset(h, 0, sizeof(double) * q);
	for (int t = 0; t < n; t++)
	{
		sum0 += e0[t] * e0[t];
		if (nl)
		{
			G[0] += ea[t] * ea[t];
			h[0] += ea[t] * e0[t];
			if (nb)
				G[1] += ea[t] * eb[t];
		}
		if (nb)
		{
			G[nl * q + nl] += eb[t] * eb[t];
			h[nl] += eb[t] * e0[t];
		}
	}
	/* lagged sums with r: sum_{t>=i} x_t r_{t-i}, i = 0 .. m-1 */
	{
		double		xe[ETS_MAX_SEASON],
					xa[ETS_MAX_SEASON],
					xb[ETS_MAX_SEASON];
		double	   *Lt = P->Lt;		/* Lt[d * m + j] = sum_{u=0}^{n-1-j} r_u r_{u+d} */

		for (int i = 0; i < m; i++)
		{
			double		se = 0,
						sa = 0,
						sb = 0;

			for (int t = i; t < n; t++)
			{
				se += e0[t] * r[t - i];
				sa += ea[t] * r[t - i];
				sb += eb[t] * r[t - i];
			}
			xe[i] = se;
			xa[i] = sa;
			xb[i] = sb;
		}
		for (int d = 0; d < m; d++)
		{
			double		acc = 0;

			for (int u = 0; u + d < n; u++)
			{
				int			j = n - 1 - u;

				acc += r[u] * r[u + d];
				if (j >= d && j <= k)
					Lt[d * m + j] = acc;
			}
		}
		for (int i = 0; i < k; i++)
		{
			int			ci = s0c + i;

			h[ci] = xe[i] - xe[k];
			if (nl)
				G[ci] = xa[i] - xa[k];
			if (nb)
				G[nl * q + ci] = xb[i] - xb[k];
			for (int j = i; j < k; j++)
			{
				/* R(a,b), a <= b: Lt[(b - a) * m + b] */
				double		rij = Lt[(j - i) * m + j],
							rik = Lt[(k - i) * m + k],
							rjk = Lt[(k - j) * m + k],
							rkk = Lt[k];

				G[ci * q + s0c + j] = rij - rik - rjk + rkk;
			}
		}
	}
	{
		/* not inside Max(): a macro would solve twice */
		double		sse = sum0 - solve_normal(q, G, h, P->z);

		return sse > 0 ? sse : 0;
	}
}

static double
objective(EtsProblem *P, const double *u)
{
	EtsParamSet ps;

	if (!params_from_u(P, u, &ps))
		return INFINITY;
	return P->fast ? concentrated_sse_seasonal(P, &ps) : concentrated_sse(P, &ps);
}

/*
 * Nelder-Mead (Lagarias et al. 1998 coefficients) from u (size d), simplex
 * step `step`, until the values agree to ftol (relative) on a small
 * simplex or maxevals; u is replaced by the best point.  Returns its value.
 */
static double
nelder_mead(EtsProblem *P, double *u, int d, double step, double ftol, int maxevals)
{
	int			np = d + 1;
	double	   *S = palloc(sizeof(double) * np * d);
	double	   *f = palloc(sizeof(double) * np);
	double	   *cen = palloc(sizeof(double) * d);
	double	   *xr = palloc(sizeof(double) * d);
	double	   *xe = palloc(sizeof(double) * d);
	int			evals = 0;
	double		best;

	for (int i = 0; i < np; i++)
	{
		memcpy(S + i * d, u, sizeof(double) * d);
		if (i > 0)
			S[i * d + (i - 1)] += step;
		f[i] = objective(P, S + i * d);
		evals++;
	}
	for (;;)
	{
		int			lo = 0,
					hi = 0,
					nh = 0;
		double		fr;

		for (int i = 1; i < np; i++)
		{
			if (f[i] < f[lo])
				lo = i;
			if (f[i] > f[hi])
				hi = i;
		}
		nh = hi == 0 ? 1 : 0;
		for (int i = 0; i < np; i++)
			if (i != hi && f[i] > f[nh])
				nh = i;
		/* converged: values agree to 1e-12 relative, and the simplex is small */
		if (evals >= maxevals)
			break;
		if (isfinite(f[hi]) && f[hi] - f[lo] <= ftol * fabs(f[lo]))
		{
			double		size = 0;

			for (int i = 0; i < np; i++)
				for (int j = 0; j < d; j++)
					size = Max(size, fabs(S[i * d + j] - S[lo * d + j]));
			if (size < (ftol > 1e-9 ? 1e-3 : 1e-4) || f[hi] - f[lo] <= 1e-15 * fabs(f[lo]))
				break;
		}
		for (int j = 0; j < d; j++)
		{
			cen[j] = 0;
			for (int i = 0; i < np; i++)
				if (i != hi)
					cen[j] += S[i * d + j];
			cen[j] /= d;
		}
		for (int j = 0; j < d; j++)
			xr[j] = cen[j] + (cen[j] - S[hi * d + j]);
		fr = objective(P, xr);
		evals++;
		if (fr < f[lo])
		{
			double		fe;

			for (int j = 0; j < d; j++)
				xe[j] = cen[j] + 2 * (cen[j] - S[hi * d + j]);
			fe = objective(P, xe);
			evals++;
			if (fe < fr)
			{
				memcpy(S + hi * d, xe, sizeof(double) * d);
				f[hi] = fe;
			}
			else
			{
				memcpy(S + hi * d, xr, sizeof(double) * d);
				f[hi] = fr;
			}
		}
		else if (fr < f[nh])
		{
			memcpy(S + hi * d, xr, sizeof(double) * d);
			f[hi] = fr;
		}
		else
		{
			/* contract: outside if the reflection helped, else inside */
			bool		outside = fr < f[hi];
			double		fc;

			for (int j = 0; j < d; j++)
				xe[j] = outside ? cen[j] + 0.5 * (xr[j] - cen[j])
					: cen[j] + 0.5 * (S[hi * d + j] - cen[j]);
			fc = objective(P, xe);
			evals++;
			if (fc < (outside ? fr : f[hi]))
			{
				memcpy(S + hi * d, xe, sizeof(double) * d);
				f[hi] = fc;
			}
			else
			{
				/* shrink towards the best */
				for (int i = 0; i < np; i++)
				{
					if (i == lo)
						continue;
					for (int j = 0; j < d; j++)
						S[i * d + j] = S[lo * d + j] + 0.5 * (S[i * d + j] - S[lo * d + j]);
					f[i] = objective(P, S + i * d);
					evals++;
				}
			}
		}
	}
	{
		int			lo = 0;

		for (int i = 1; i < np; i++)
			if (f[i] < f[lo])
				lo = i;
		memcpy(u, S + lo * d, sizeof(double) * d);
		best = f[lo];
	}
	pfree(S);
	pfree(f);
	pfree(cen);
	pfree(xr);
	pfree(xe);
	return best;
}

/* the number of parameters a model estimates, given what is given */
static int
count_free(const EtsSpec *s, const EtsGiven *gv, int *nsmooth)
{
	int			n = 0,
				q = 0;

	if (s->snaive)
	{
		*nsmooth = 0;
		return 0;
	}
	n += isnan(gv->alpha);
	if (s->trend != ETS_TREND_NONE)
		n += isnan(gv->beta);
	if (s->seasonal)
		n += isnan(gv->gamma);
	if (s->trend == ETS_TREND_DAMPED)
		n += isnan(gv->phi);
	q += isnan(gv->level0);
	if (s->trend != ETS_TREND_NONE)
		q += isnan(gv->trend0);
	if (s->seasonal && gv->season0 == NULL)
		q += s->m - 1;
	*nsmooth = n;
	return n + q;
}

static void
fit_snaive(const EtsSpec *s, const EtsGrid *g, EtsFit *f)
{
	int			m = s->m;

	f->fitted = palloc(sizeof(double) * g->n);
	f->sse = 0;
	f->nres = 0;
	for (int t = 0; t < g->n; t++)
	{
		f->fitted[t] = t >= m ? g->y[t - m] : NAN;
		if (!isnan(f->fitted[t]) && !isnan(g->y[t]))
		{
			double		e = g->y[t] - f->fitted[t];

			f->sse += e * e;
			f->nres++;
		}
	}
	f->alpha = f->beta = f->gamma = f->phi = NAN;
	f->x0 = NULL;
	f->xn = NULL;
	f->npar = 0;
	f->nobs = g->nobs;
}

/*
 * Fit one model.  Returns false (no fit) when the series has too few
 * values for it and quiet is set; else an ERROR.
 */
static bool
fit_model(const EtsSpec *s, const EtsGrid *g, const EtsGiven *gv, EtsFit *f, bool quiet)
{
	int			nsmooth;
	int			npar = count_free(s, gv, &nsmooth);
	int			need = s->snaive ? s->m + 1 : npar + 1;
	EtsProblem	P;
	EtsParamSet ps;
	int			K;

	memset(f, 0, sizeof(*f));
	f->spec = *s;
	if (g->nobs < need || (s->snaive && g->n <= s->m))
	{
		if (quiet)
			return false;
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("model %s needs at least %d values, the series has %d",
						spec_name(s), need, g->nobs)));
	}
	if (s->snaive)
	{
		fit_snaive(s, g, f);
		if (f->nres == 0)
		{
			if (quiet)
				return false;
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("model snaive needs two values one season apart")));
		}
		return true;
	}

	K = ST_S + (s->seasonal ? s->m : 1);	/* a zero season slot otherwise */
	memset(&P, 0, sizeof(P));
	P.spec = s;
	P.g = g;
	P.given = gv;
	P.K = K;
	P.nfree = nsmooth;
	P.q = npar - nsmooth;
	P.c = palloc0(sizeof(double) * K);
	P.A = palloc0(sizeof(double) * K * Max(P.q, 1));

	/* the fixed part: given states, else a rough start (first value, 0, 0) */
	{
		int			j = 0;
		double		first = 0;

		for (int t = 0; t < g->n; t++)
			if (!isnan(g->y[t]))
			{
				first = g->y[t];
				break;
			}
		P.c[ST_L] = isnan(gv->level0) ? first : gv->level0;
		if (isnan(gv->level0))
			P.A[j++ * K + ST_L] = 1;
		if (s->trend != ETS_TREND_NONE)
		{
			P.c[ST_B] = isnan(gv->trend0) ? 0 : gv->trend0;
			if (isnan(gv->trend0))
				P.A[j++ * K + ST_B] = 1;
		}
		if (s->seasonal)
		{
			if (gv->season0)
				memcpy(P.c + ST_S, gv->season0, sizeof(double) * s->m);
			else
				for (int i = 0; i < s->m - 1; i++)
				{
					/* seasons summing to zero: s_i free, s_{m-1} = -sum */
					P.A[j * K + ST_S + i] = 1;
					P.A[j * K + ST_S + s->m - 1] = -1;
					j++;
				}
		}
		Assert(j == P.q);
	}
	P.X = palloc(sizeof(double) * K * (P.q + 1));
	P.G = palloc(sizeof(double) * Max(P.q, 1) * Max(P.q, 1));
	P.h = palloc(sizeof(double) * Max(P.q, 1));
	P.z = palloc0(sizeof(double) * Max(P.q, 1));
	P.e = palloc(sizeof(double) * (P.q + 1));
	if (s->seasonal && gv->season0 == NULL && g->nobs == g->n)
	{
		P.fast = true;
		P.fast_level = isnan(gv->level0) ? 1 : 0;
		P.fast_trend = s->trend != ETS_TREND_NONE && isnan(gv->trend0) ? 1 : 0;
		P.w = palloc(sizeof(double) * 4 * g->n);
		P.Lt = palloc0(sizeof(double) * s->m * s->m);
		if (P.q + 1 < 4)
		{
			pfree(P.X);
			P.X = palloc(sizeof(double) * K * 4);
		}
	}

	if (nsmooth == 0)
	{
		double		u[1] = {0};

		if (!params_from_u(&P, u, &ps))
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("the given parameters are outside the bounds")));
		(void) concentrated_sse(&P, &ps);
	}
	else
	{
		/*
		 * A coarse grid over the parameters' ranges (5 levels each, 3 for
		 * four parameters), then Nelder-Mead with restarts from each of the
		 * ETS_STARTS best grid points; the best end wins.  The SSE surface
		 * of these models often has a second minimum (a fast level with a
		 * fast trend against a slow trend), so one start is not enough.
		 */
#define ETS_STARTS 4
		static const double fr5[5] = {0.01, 0.25, 0.5, 0.75, 0.99};
		static const double fr3[3] = {0.05, 0.5, 0.95};
		int			d = nsmooth;
		int			levels = d == 4 ? 3 : 5;
		const double *fr = d == 4 ? fr3 : fr5;
		int			ngrid = 1;
		double		u[4],
					top[ETS_STARTS][4],
					ftop[ETS_STARTS],
					fbest = INFINITY,
					ubest[4];
		int			ntop = 0;

		for (int i = 0; i < d; i++)
			ngrid *= levels;
		for (int c = 0; c < ngrid; c++)
		{
			int			r = c;
			double		v;
			int			pos;

			for (int i = 0; i < d; i++)
			{
				u[i] = u_at(fr[r % levels]);
				r /= levels;
			}
			v = objective(&P, u);
			if (!isfinite(v))
				continue;
			/* keep the ETS_STARTS smallest, sorted */
			pos = ntop < ETS_STARTS ? ntop : ETS_STARTS;
			while (pos > 0 && v < ftop[pos - 1])
				pos--;
			if (pos >= ETS_STARTS)
				continue;
			for (int j = Min(ntop, ETS_STARTS - 1); j > pos; j--)
			{
				ftop[j] = ftop[j - 1];
				memcpy(top[j], top[j - 1], sizeof(double) * d);
			}
			ftop[pos] = v;
			memcpy(top[pos], u, sizeof(double) * d);
			if (ntop < ETS_STARTS)
				ntop++;
		}
		if (ntop == 0)
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("the given parameters leave no room for the others within the bounds"),
					 errhint("alpha must be at least beta and at most 1 - gamma.")));
		/* each start to a loose tolerance; then the best one polished */
		for (int st = 0; st < ntop; st++)
		{
			double		fcur;

			memcpy(u, top[st], sizeof(double) * d);
			fcur = nelder_mead(&P, u, d, 0.25, 1e-7, 200 * d);
			if (fcur < fbest)
			{
				fbest = fcur;
				memcpy(ubest, u, sizeof(double) * d);
			}
		}
		memcpy(u, ubest, sizeof(double) * d);
		for (int restart = 0; restart < 4; restart++)
		{
			double		fnew = nelder_mead(&P, u, d, 0.05, 1e-11, 200 * d);

			if (!(fnew < fbest - 1e-10 * fabs(fbest)))
			{
				if (fnew < fbest)
				{
					fbest = fnew;
					memcpy(ubest, u, sizeof(double) * d);
				}
				break;
			}
			fbest = fnew;
			memcpy(ubest, u, sizeof(double) * d);
		}
		memcpy(u, ubest, sizeof(double) * d);
		if (!params_from_u(&P, u, &ps))
			elog(ERROR, "kpi ets: optimiser left the bounds");
		(void) concentrated_sse(&P, &ps);
	}

	/* the initial states, and a plain run of the recursion from them */
	f->x0 = palloc(sizeof(double) * K);
	memcpy(f->x0, P.c, sizeof(double) * K);
	for (int j = 0; j < P.q; j++)
		for (int i = 0; i < K; i++)
			f->x0[i] += P.z[j] * P.A[j * K + i];
	f->xn = palloc(sizeof(double) * K);
	memcpy(f->xn, f->x0, sizeof(double) * K);
	f->fitted = palloc(sizeof(double) * g->n);
	f->alpha = ps.alpha;
	f->beta = s->trend != ETS_TREND_NONE ? ps.beta : NAN;
	f->gamma = s->seasonal ? ps.gamma : NAN;
	f->phi = s->trend == ETS_TREND_DAMPED ? ps.phi : (s->trend == ETS_TREND_ADD ? 1 : NAN);
	f->sse = ets_run(s, g, ps.alpha, s->trend != ETS_TREND_NONE ? ps.beta : 0,
					 s->seasonal ? ps.gamma : 0,
					 s->trend != ETS_TREND_NONE ? ps.phi : 0, f->xn, f->fitted);
	f->npar = npar;
	f->nobs = g->nobs;
	f->nres = g->nobs;

	pfree(P.c);
	pfree(P.A);
	pfree(P.X);
	pfree(P.G);
	pfree(P.h);
	pfree(P.z);
	pfree(P.e);
	return true;
}

/* information criteria (statsmodels' full Gaussian log-likelihood) */
static double
fit_loglik(const EtsFit *f)
{
	double		n = f->nres;

	return -0.5 * n * (log(2 * M_PI * f->sse / n) + 1);
}

static double
fit_aicc(const EtsFit *f)
{
	double		k = f->npar + 1;
	double		n = f->nres;

	if (n - k - 1 <= 0 || !(f->sse > 0))
		return NAN;
	return -2 * fit_loglik(f) + 2 * k + 2 * k * (k + 1) / (n - k - 1);
}

/* the season length a seasonal model would use; 0 when none */
static int
season_for(const EtsArgs *a, const EtsGrid *g)
{
	return a->season ? a->season : g->default_m;
}

static void
check_season(int m, const EtsGrid *g, const EtsSpec *s)
{
	if (m == 0)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("model %s needs a season length", spec_name(s)),
				 errhint("Give season => 12 (or the number of periods in a season); monthly and quarterly dates default to 12 and 4.")));
	if (m > g->n / 2)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("season length %d is more than half the series (%d periods)", m, g->n),
				 errhint("A seasonal model needs at least two full seasons.")));
}

/*
 * The fit the arguments ask for: one model, or with auto the smallest AICc
 * among ANN, AAN, AAdN and (with a season length and at least two full
 * seasons) ANA, AAA, AAdA.
 */
static void
fit_series(const EtsArgs *a, const EtsGrid *g, EtsFit *f)
{
	int			m = season_for(a, g);

	if (!a->is_auto)
	{
		EtsSpec		s = a->spec;

		if (s.seasonal || s.snaive)
		{
			check_season(m, g, &s);
			s.m = m;
		}
		check_given(&s, &a->given);
		fit_model(&s, g, &a->given, f, false);
		return;
	}
	else
	{
		static const EtsTrend trends[3] = {ETS_TREND_NONE, ETS_TREND_ADD, ETS_TREND_DAMPED};
		bool		seasonal_ok = m >= 2 && g->n >= 2 * m;
		double		best = INFINITY;
		bool		any = false;
		EtsFit		cand;

		if (a->season && !seasonal_ok)
			check_season(m, g, &a->spec);
		for (int sea = 0; sea < (seasonal_ok ? 2 : 1); sea++)
			for (int t = 0; t < 3; t++)
			{
				EtsSpec		s = {false, trends[t], sea == 1, sea == 1 ? m : 0};
				double		v;

				/* a given parameter restricts auto to the models that have it */
				if ((!isnan(a->given.beta) || !isnan(a->given.trend0)) && s.trend == ETS_TREND_NONE)
					continue;
				if (!isnan(a->given.phi) && s.trend != ETS_TREND_DAMPED)
					continue;
				if ((!isnan(a->given.gamma) || a->given.season0) && !s.seasonal)
					continue;
				check_given(&s, &a->given);
				if (!fit_model(&s, g, &a->given, &cand, true))
					continue;
				v = fit_aicc(&cand);
				if (!any || v < best || (isnan(best) && !isnan(v)))
				{
					*f = cand;
					best = v;
					any = true;
				}
			}
		if (!any)
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("too few values to fit a forecast model: the series has %d", g->nobs),
					 errhint("Simple exponential smoothing (ANN) needs at least 3 values.")));
	}
}

/* sigma^2: 'unbiased' SSE/(n - p) as R ets, or 'mle' SSE/n as statsmodels */
static bool
parse_variance(FunctionCallInfo fcinfo, int argno)
{
	char	   *v;

	if (PG_ARGISNULL(argno))
		return false;
	v = text_to_cstring(PG_GETARG_TEXT_PP(argno));
	if (pg_strcasecmp(v, "unbiased") == 0 || pg_strcasecmp(v, "r") == 0)
		return false;
	if (pg_strcasecmp(v, "mle") == 0 || pg_strcasecmp(v, "statsmodels") == 0)
		return true;
	ereport(ERROR,
			(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
			 errmsg("unknown variance estimate \"%s\"", v),
			 errhint("Use 'unbiased' (SSE/(n - p), as R forecast::ets) or 'mle' (SSE/n, as statsmodels).")));
	return false;
}

/* 'usual': R ets's usual bounds; 'statsmodels': ETSModel's default ones */
static bool
parse_bounds(FunctionCallInfo fcinfo, int argno)
{
	char	   *v;

	if (PG_ARGISNULL(argno))
		return false;
	v = text_to_cstring(PG_GETARG_TEXT_PP(argno));
	if (pg_strcasecmp(v, "usual") == 0 || pg_strcasecmp(v, "r") == 0)
		return false;
	if (pg_strcasecmp(v, "statsmodels") == 0)
		return true;
	ereport(ERROR,
			(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
			 errmsg("unknown parameter bounds \"%s\"", v),
			 errhint("Use 'usual' (R forecast::ets) or 'statsmodels' (ETSModel's defaults).")));
	return false;
}

static double
fit_sigma2(const EtsFit *f, bool mle)
{
	if (f->spec.snaive)
		return f->sse / f->nres;	/* R forecast: mean of squared residuals */
	if (mle)
		return f->sse / f->nres;
	return f->nres > f->npar ? f->sse / (f->nres - f->npar) : NAN;
}

/* ------------------------------------------------------------ SQL: model */

static Datum
float8_array(const double *v, int n)
{
	Datum	   *d = palloc(sizeof(Datum) * Max(n, 1));

	for (int i = 0; i < n; i++)
		d[i] = Float8GetDatum(v[i]);
	return PointerGetDatum(construct_array(d, n, FLOAT8OID, sizeof(float8),
										   FLOAT8PASSBYVAL, TYPALIGN_DOUBLE));
}

#define ETS_MODEL_NATTS 22

static inline void
put_f8(Datum *values, bool *nulls, int i, double v)
{
	nulls[i] = isnan(v);
	values[i] = Float8GetDatum(v);
}

/*
 * kpi.ets(s, model, season, alpha, beta, gamma, phi, level0, trend0,
 * season0) -> kpi.ets_model
 */
Datum
kpi_ets(PG_FUNCTION_ARGS)
{
	const KpiSeries *s;
	EtsGrid		g;
	EtsArgs		a;
	EtsFit		f;
	Datum		values[ETS_MODEL_NATTS];
	bool		nulls[ETS_MODEL_NATTS];
	int			i = 0;
	bool		trend,
				sea;

	if (PG_ARGISNULL(0))
		PG_RETURN_NULL();
	s = kpi_series_arg(fcinfo, 0, "kpi.ets");
	read_args(fcinfo, 1, &a);
	a.given.sm_bounds = parse_bounds(fcinfo, 10);
	grid_from_series(s, &g, "kpi.ets");
	fit_series(&a, &g, &f);
	trend = !f.spec.snaive && f.spec.trend != ETS_TREND_NONE;
	sea = !f.spec.snaive && f.spec.seasonal;

	memset(nulls, 0, sizeof(nulls));
	values[i++] = CStringGetTextDatum(spec_name(&f.spec));
	nulls[i] = f.spec.m == 0;
	values[i++] = Int32GetDatum(f.spec.m);
	values[i++] = Int32GetDatum(f.nobs);
	values[i++] = Int32GetDatum(g.n - g.nobs);
	put_f8(values, nulls, i++, f.alpha);
	put_f8(values, nulls, i++, f.beta);
	put_f8(values, nulls, i++, f.gamma);
	put_f8(values, nulls, i++, f.spec.trend == ETS_TREND_DAMPED ? f.phi : NAN);
	put_f8(values, nulls, i++, f.x0 ? f.x0[ST_L] : NAN);
	put_f8(values, nulls, i++, trend ? f.x0[ST_B] : NAN);
	nulls[i] = !sea;
	values[i++] = sea ? float8_array(f.x0 + ST_S, f.spec.m) : (Datum) 0;
	put_f8(values, nulls, i++, f.xn ? f.xn[ST_L] : NAN);
	put_f8(values, nulls, i++, trend ? f.xn[ST_B] : NAN);
	nulls[i] = !sea;
	values[i++] = sea ? float8_array(f.xn + ST_S, f.spec.m) : (Datum) 0;
	put_f8(values, nulls, i++, f.sse);
	put_f8(values, nulls, i++, fit_sigma2(&f, false));
	put_f8(values, nulls, i++, fit_sigma2(&f, true));
	values[i++] = Int32GetDatum(f.npar);
	if (f.spec.snaive)
	{
		for (int k = 0; k < 4; k++)
			nulls[i++] = true;
	}
	else
	{
		double		ll = fit_loglik(&f),
					k = f.npar + 1;

		put_f8(values, nulls, i++, ll);
		put_f8(values, nulls, i++, -2 * ll + 2 * k);
		put_f8(values, nulls, i++, fit_aicc(&f));
		put_f8(values, nulls, i++, -2 * ll + log((double) f.nres) * k);
	}
	Assert(i == ETS_MODEL_NATTS);
	PG_RETURN_DATUM(kpi_result_row(fcinfo, values, nulls, ETS_MODEL_NATTS));
}

/* --------------------------------------------------------- SQL: forecast */

/*
 * Point forecasts and variance factors c_1..c_h (FPP3 Table 8.8, in the
 * general form of Hyndman et al. 2008 §6.3: c_h = 1 + sum_{j<h} c_j'^2 with
 * c_j' = alpha + beta (phi + ... + phi^j) + gamma [j a multiple of m]).
 * Seasonal naive: the latest value of the season position, and c = the
 * number of seasons back it lies (k + 1 without missing values).
 */
static void
forecast_all(const EtsFit *f, const EtsGrid *g, int h, double *mean, double *factor)
{
	const EtsSpec *s = &f->spec;

	if (s->snaive)
	{
		for (int k = 1; k <= h; k++)
		{
			int64		target = (int64) g->n - 1 + k;
			int64		j = target - (int64) s->m * (((int64) k - 1) / s->m + 1);

			if ((k & 1023) == 0)
				CHECK_FOR_INTERRUPTS();
			/* a missing value: the season before (bounded by the series) */
			while (j >= 0 && isnan(g->y[j]))
				j -= s->m;
			mean[k - 1] = j >= 0 ? g->y[j] : NAN;
			factor[k - 1] = j >= 0 ? (double) ((target - j) / s->m) : NAN;
		}
	}
	else
	{
		bool		trend = s->trend != ETS_TREND_NONE;
		double		phi = trend ? f->phi : 0;
		double		beta = trend ? f->beta : 0;
		double		gamma = s->seasonal ? f->gamma : 0;
		double		phisum = 0,		/* phi + ... + phi^k */
					pk = 1,
					c = 1;

		for (int k = 1; k <= h; k++)
		{
			if ((k & 1023) == 0)
				CHECK_FOR_INTERRUPTS();
			if (k > 1)
			{
				/* c_j' for j = k - 1, where phisum still holds phi + ... + phi^(k-1) */
				double		cj = f->alpha + beta * phisum +
					(s->seasonal && (k - 1) % s->m == 0 ? gamma : 0);

				c += cj * cj;
			}
			pk *= phi;
			phisum += pk;
			mean[k - 1] = f->xn[ST_L] + (trend ? phisum * f->xn[ST_B] : 0) +
				(s->seasonal ? f->xn[ST_S + (k - 1) % s->m] : 0);
			factor[k - 1] = c;
		}
	}
}

typedef struct EtsRows
{
	int			nrows;
	int			natts;
	double	   *v;				/* nrows x natts, NaN = NULL */
	bool		date;			/* column 1 date (else column 2 x) */
	int32	   *ints;			/* step per row, or NULL */
	DateADT    *dates;
} EtsRows;

#define FC_NATTS 7

/*
 * kpi.ets_forecast(s, h, level, model, season, alpha, beta, gamma, phi,
 * level0, trend0, season0, variance) -> setof (step, period, x, forecast,
 * lower, upper, se)
 */
Datum
kpi_ets_forecast(PG_FUNCTION_ARGS)
{
	FuncCallContext *funcctx;
	EtsRows    *rows;

	if (SRF_IS_FIRSTCALL())
	{
		MemoryContext oldcxt;
		TupleDesc	tupdesc;
		const KpiSeries *s;
		EtsGrid		g;
		EtsArgs		a;
		EtsFit		f;
		int32		h;
		double		level,
					z,
					sigma2;
		double	   *means,
				   *factors;
		bool		mle;

		funcctx = SRF_FIRSTCALL_INIT();
		oldcxt = MemoryContextSwitchTo(funcctx->multi_call_memory_ctx);
		if (get_call_result_type(fcinfo, NULL, &tupdesc) != TYPEFUNC_COMPOSITE ||
			tupdesc->natts != FC_NATTS)
			elog(ERROR, "kpi.ets_forecast: unexpected result columns");
		funcctx->tuple_desc = BlessTupleDesc(tupdesc);
		rows = palloc0(sizeof(EtsRows));
		funcctx->user_fctx = rows;
		funcctx->max_calls = 0;
		if (!PG_ARGISNULL(0) && !PG_ARGISNULL(1))
		{
			h = PG_GETARG_INT32(1);
			if (h < 0 || h > ETS_MAX_H)
				ereport(ERROR,
						(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
						 errmsg("forecast horizon must be between 0 and %d steps, not %d", ETS_MAX_H, h)));
			level = PG_ARGISNULL(2) ? 0.95 : PG_GETARG_FLOAT8(2);
			check_level(level);
			mle = parse_variance(fcinfo, 12);
			s = kpi_series_arg(fcinfo, 0, "kpi.ets_forecast");
			read_args(fcinfo, 3, &a);
			a.given.sm_bounds = parse_bounds(fcinfo, 13);
			grid_from_series(s, &g, "kpi.ets_forecast");
			fit_series(&a, &g, &f);
			sigma2 = fit_sigma2(&f, mle);
			z = kpi_qnorm(0.5 + level / 2);
			rows->nrows = h;
			rows->natts = FC_NATTS;
			rows->date = g.kind == KPI_PERIOD_DATE;
			rows->v = palloc(sizeof(double) * FC_NATTS * Max(h, 1));
			rows->dates = palloc(sizeof(DateADT) * Max(h, 1));
			means = palloc(sizeof(double) * Max(h, 1));
			factors = palloc(sizeof(double) * Max(h, 1));
			forecast_all(&f, &g, h, means, factors);
			for (int k = 1; k <= h; k++)
			{
				double	   *r = rows->v + (k - 1) * FC_NATTS;
				double		mean = means[k - 1],
							se = sqrt(sigma2 * factors[k - 1]);

				r[0] = k;
				if (rows->date)
				{
					rows->dates[k - 1] = grid_date(&g, (int64) g.n - 1 + k);
					r[2] = NAN;
				}
				else
					r[2] = grid_x(&g, (int64) g.n - 1 + k);
				r[3] = mean;
				r[4] = mean - z * se;
				r[5] = mean + z * se;
				r[6] = se;
			}
			funcctx->max_calls = h;
		}
		MemoryContextSwitchTo(oldcxt);
	}
	funcctx = SRF_PERCALL_SETUP();
	rows = funcctx->user_fctx;
	if (funcctx->call_cntr < funcctx->max_calls)
	{
		int			k = (int) funcctx->call_cntr;
		const double *r = rows->v + k * FC_NATTS;
		Datum		values[FC_NATTS];
		bool		nulls[FC_NATTS];

		values[0] = Int32GetDatum(k + 1);
		nulls[0] = false;
		nulls[1] = !rows->date;
		values[1] = rows->date ? DateADTGetDatum(rows->dates[k]) : (Datum) 0;
		for (int j = 2; j < FC_NATTS; j++)
			put_f8(values, nulls, j, r[j]);
		SRF_RETURN_NEXT(funcctx, HeapTupleGetDatum(heap_form_tuple(funcctx->tuple_desc, values, nulls)));
	}
	SRF_RETURN_DONE(funcctx);
}

#define FIT_NATTS 5

/*
 * kpi.ets_fitted(s, model, season, alpha, beta, gamma, phi, level0,
 * trend0, season0) -> setof (period, x, value, fitted, residual): one row
 * per period of the grid, missing periods included (value NULL).
 */
Datum
kpi_ets_fitted(PG_FUNCTION_ARGS)
{
	FuncCallContext *funcctx;
	EtsRows    *rows;

	if (SRF_IS_FIRSTCALL())
	{
		MemoryContext oldcxt;
		TupleDesc	tupdesc;
		const KpiSeries *s;
		EtsGrid		g;
		EtsArgs		a;
		EtsFit		f;

		funcctx = SRF_FIRSTCALL_INIT();
		oldcxt = MemoryContextSwitchTo(funcctx->multi_call_memory_ctx);
		if (get_call_result_type(fcinfo, NULL, &tupdesc) != TYPEFUNC_COMPOSITE ||
			tupdesc->natts != FIT_NATTS)
			elog(ERROR, "kpi.ets_fitted: unexpected result columns");
		funcctx->tuple_desc = BlessTupleDesc(tupdesc);
		rows = palloc0(sizeof(EtsRows));
		funcctx->user_fctx = rows;
		funcctx->max_calls = 0;
		if (!PG_ARGISNULL(0))
		{
			s = kpi_series_arg(fcinfo, 0, "kpi.ets_fitted");
			read_args(fcinfo, 1, &a);
			a.given.sm_bounds = parse_bounds(fcinfo, 10);
			grid_from_series(s, &g, "kpi.ets_fitted");
			fit_series(&a, &g, &f);
			rows->nrows = g.n;
			rows->date = g.kind == KPI_PERIOD_DATE;
			rows->v = palloc(sizeof(double) * FIT_NATTS * Max(g.n, 1));
			rows->dates = palloc(sizeof(DateADT) * Max(g.n, 1));
			for (int t = 0; t < g.n; t++)
			{
				double	   *r = rows->v + t * FIT_NATTS;

				if (rows->date)
					rows->dates[t] = grid_date(&g, t);
				r[1] = rows->date ? NAN : grid_x(&g, t);
				r[2] = g.y[t];
				r[3] = f.fitted[t];
				r[4] = g.y[t] - f.fitted[t];
			}
			funcctx->max_calls = g.n;
		}
		MemoryContextSwitchTo(oldcxt);
	}
	funcctx = SRF_PERCALL_SETUP();
	rows = funcctx->user_fctx;
	if (funcctx->call_cntr < funcctx->max_calls)
	{
		int			k = (int) funcctx->call_cntr;
		const double *r = rows->v + k * FIT_NATTS;
		Datum		values[FIT_NATTS];
		bool		nulls[FIT_NATTS];

		nulls[0] = !rows->date;
		values[0] = rows->date ? DateADTGetDatum(rows->dates[k]) : (Datum) 0;
		for (int j = 1; j < FIT_NATTS; j++)
			put_f8(values, nulls, j, r[j]);
		SRF_RETURN_NEXT(funcctx, HeapTupleGetDatum(heap_form_tuple(funcctx->tuple_desc, values, nulls)));
	}
	SRF_RETURN_DONE(funcctx);
}

/* ---------------------------------------------------------- SQL: horizon */

#define HZ_NATTS 4

/*
 * kpi.ets_horizon(s, start_month) -> (as_of date, year_end date, steps int,
 * latest float8): the series' last period, the period of its grid that
 * holds the last month of that financial year (its first day for
 * month-start keys, its last day for month-end keys), the steps from one to
 * the other, and the value at as_of.
 */
Datum
kpi_ets_horizon(PG_FUNCTION_ARGS)
{
	const KpiSeries *s;
	EtsGrid		g;
	int32		sm;
	int			last_mon,
				end_mon,
				steps;
	Datum		values[HZ_NATTS];
	bool		nulls[HZ_NATTS];

	s = kpi_series_arg(fcinfo, 0, "kpi.ets_year_end");
	sm = PG_GETARG_INT32(1);
	if (sm < 1 || sm > 12)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("start_month must be between 1 and 12, not %d", sm)));
	grid_from_series(s, &g, "kpi.ets_year_end");
	if (g.n == 0)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("kpi.ets_year_end needs a series with at least one point")));
	if (g.kind != KPI_PERIOD_DATE || !g.monthly || g.mstep > 12 || 12 % g.mstep != 0)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("kpi.ets_year_end needs monthly or quarterly periods keyed on the first or the last day of the month"),
				 errhint("Key each month on its first day (2024-09-01) or its last (2024-09-30).")));
	last_mon = g.mon0 + (g.n - 1) * g.mstep;
	/* the financial year's last month: start month + 11 of the year holding last_mon */
	end_mon = last_mon - ((last_mon % 12) + 1 - sm + 12) % 12 + 11;
	/* month-start keys: the period that starts in or before the end month */
	if (g.month_end)
		steps = (end_mon - last_mon + g.mstep - 1) / g.mstep;
	else
		steps = (end_mon - last_mon) / g.mstep;
	memset(nulls, 0, sizeof(nulls));
	values[0] = DateADTGetDatum(grid_date(&g, g.n - 1));
	values[1] = DateADTGetDatum(grid_date(&g, (int64) g.n - 1 + steps));
	values[2] = Int32GetDatum(steps);
	put_f8(values, nulls, 3, g.y[g.n - 1]);
	PG_RETURN_DATUM(kpi_result_row(fcinfo, values, nulls, HZ_NATTS));
}
