/*
 * distributions_sql.c — SQL access to the distribution functions:
 * kpi.pnorm, kpi.qnorm, kpi.pt, kpi.qt, kpi.pchisq, kpi.qchisq.
 *
 * The C functions in distributions.c return NaN for arguments outside their
 * domain; here, where the arguments come from users, they are errors.
 * The CDFs accept an infinite x (giving 0 or 1) and an infinite df (the
 * limiting distribution).
 */
#include "postgres.h"

#include <math.h>

#include "distributions.h"
#include "fmgr.h"

PG_FUNCTION_INFO_V1(kpi_sql_pnorm);
PG_FUNCTION_INFO_V1(kpi_sql_qnorm);
PG_FUNCTION_INFO_V1(kpi_sql_pt);
PG_FUNCTION_INFO_V1(kpi_sql_qt);
PG_FUNCTION_INFO_V1(kpi_sql_pchisq);
PG_FUNCTION_INFO_V1(kpi_sql_qchisq);

static void
check_probability(double p)
{
	if (!(p > 0.0 && p < 1.0))	/* also rejects NaN */
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("probability must be between 0 and 1 exclusive, not %g", p)));
}

static void
check_df(double df)
{
	if (!(df > 0.0))			/* also rejects NaN */
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("degrees of freedom must be positive, not %g", df)));
}

static void
check_not_nan(double x, const char *what)
{
	if (isnan(x))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("%s must not be NaN", what)));
}

Datum
kpi_sql_pnorm(PG_FUNCTION_ARGS)
{
	double		x = PG_GETARG_FLOAT8(0);

	check_not_nan(x, "x");
	PG_RETURN_FLOAT8(kpi_pnorm(x, true));
}

Datum
kpi_sql_qnorm(PG_FUNCTION_ARGS)
{
	double		p = PG_GETARG_FLOAT8(0);

	check_probability(p);
	PG_RETURN_FLOAT8(kpi_qnorm(p));
}

Datum
kpi_sql_pt(PG_FUNCTION_ARGS)
{
	double		t = PG_GETARG_FLOAT8(0);
	double		df = PG_GETARG_FLOAT8(1);

	check_not_nan(t, "t");
	check_df(df);
	PG_RETURN_FLOAT8(kpi_pt(t, df, true));
}

Datum
kpi_sql_qt(PG_FUNCTION_ARGS)
{
	double		p = PG_GETARG_FLOAT8(0);
	double		df = PG_GETARG_FLOAT8(1);

	check_probability(p);
	check_df(df);
	PG_RETURN_FLOAT8(kpi_qt(p, df));
}

Datum
kpi_sql_pchisq(PG_FUNCTION_ARGS)
{
	double		x = PG_GETARG_FLOAT8(0);
	double		df = PG_GETARG_FLOAT8(1);

	check_not_nan(x, "x");
	check_df(df);
	PG_RETURN_FLOAT8(kpi_pchisq(x, df, true));
}

Datum
kpi_sql_qchisq(PG_FUNCTION_ARGS)
{
	double		p = PG_GETARG_FLOAT8(0);
	double		df = PG_GETARG_FLOAT8(1);

	check_probability(p);
	check_df(df);
	PG_RETURN_FLOAT8(kpi_qchisq(p, df));
}
