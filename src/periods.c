/*
 * periods.c — financial years, quarters, report labels and target
 * trajectories.
 *
 * A financial year starts on the first day of start_month (UK public
 * bodies: April, the default) and is named after the calendar years it
 * spans, '2024/25'.  With start_month = 1 it is a calendar year and is named
 * '2024'.  Everything here is month-based, as these reports are: the share
 * of the year elapsed at a date is the number of whole months up to the end
 * of that date's month, over 12 (30 September 2024 → 6/12 = 0.5 of 2024/25).
 *
 * Month names are English and fixed, not taken from lc_time, so every
 * function is IMMUTABLE.
 */
#include "postgres.h"

#include <math.h>

#include "catalog/pg_type.h"
#include "kpi.h"
#include "utils/builtins.h"
#include "utils/date.h"
#include "utils/datetime.h"
#include "utils/fmgrprotos.h"

PG_FUNCTION_INFO_V1(kpi_fy);
PG_FUNCTION_INFO_V1(kpi_fy_start);
PG_FUNCTION_INFO_V1(kpi_fy_end);
PG_FUNCTION_INFO_V1(kpi_fy_end_period);
PG_FUNCTION_INFO_V1(kpi_fy_quarter);
PG_FUNCTION_INFO_V1(kpi_fy_quarter_label);
PG_FUNCTION_INFO_V1(kpi_rolling_year_label);
PG_FUNCTION_INFO_V1(kpi_fy_elapsed);
PG_FUNCTION_INFO_V1(kpi_trajectory);
PG_FUNCTION_INFO_V1(kpi_fy_month);
PG_FUNCTION_INFO_V1(kpi_month_number);
PG_FUNCTION_INFO_V1(kpi_prior_period);

static const char *const month_abbrev[12] =
{"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};

typedef struct FyDate
{
	int			year;			/* calendar year of the date */
	int			month;			/* 1..12 */
	int			fy_year;		/* calendar year in which its financial year starts */
	int			fy_month;		/* 1..12: month of the financial year */
} FyDate;

void
check_start_month(int32 start_month)
{
	if (start_month < 1 || start_month > 12)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("start_month must be between 1 and 12, not %d", start_month),
				 errhint("UK financial years start in April: start_month 4.")));
}

static FyDate
fy_of(DateADT d, int32 start_month)
{
	FyDate		f;
	int			day;

	check_start_month(start_month);
	if (DATE_NOT_FINITE(d))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("the date must be finite, not %s",
						DATE_IS_NOBEGIN(d) ? "-infinity" : "infinity")));
	j2date(d + POSTGRES_EPOCH_JDATE, &f.year, &f.month, &day);
	f.fy_year = f.month >= start_month ? f.year : f.year - 1;
	f.fy_month = (f.month - start_month + 12) % 12 + 1;
	return f;
}

/*
 * Argument argno as a date.  The period functions are declared for date,
 * timestamp and timestamptz with the same C function; a timestamp is taken
 * at its date, a timestamptz at its date in the session's TimeZone (which
 * is why those overloads are STABLE).  Without call information (a direct
 * call from C) the argument is a date.
 */
static DateADT
date_arg(FunctionCallInfo fcinfo, int argno)
{
	Oid			type = fcinfo->flinfo ? get_fn_expr_argtype(fcinfo->flinfo, argno) : InvalidOid;

	if (type == TIMESTAMPOID)
		return DatumGetDateADT(DirectFunctionCall1(timestamp_date, PG_GETARG_DATUM(argno)));
	if (type == TIMESTAMPTZOID)
		return DatumGetDateADT(DirectFunctionCall1(timestamptz_date, PG_GETARG_DATUM(argno)));
	return PG_GETARG_DATEADT(argno);
}

/* '2024/25', or '2024' for calendar years (start_month 1) */
static char *
fy_name(int fy_year, int32 start_month)
{
	if (start_month == 1)
		return psprintf("%d", fy_year);
	return psprintf("%d/%02d", fy_year, ((fy_year + 1) % 100 + 100) % 100);
}

/* the date, or ERROR when it is beyond the range of type date */
static DateADT
make_date_checked(int year, int month, int day, int offset)
{
	DateADT		d;

	if (!IS_VALID_JULIAN(year, month, day))
		ereport(ERROR,
				(errcode(ERRCODE_DATETIME_VALUE_OUT_OF_RANGE),
				 errmsg("date out of range")));
	d = date2j(year, month, day) - POSTGRES_EPOCH_JDATE + offset;
	if (!IS_VALID_DATE(d))
		ereport(ERROR,
				(errcode(ERRCODE_DATETIME_VALUE_OUT_OF_RANGE),
				 errmsg("date out of range")));
	return d;
}

Datum
kpi_fy(PG_FUNCTION_ARGS)
{
	int32		start_month = PG_GETARG_INT32(1);
	FyDate		f = fy_of(date_arg(fcinfo, 0), start_month);

	PG_RETURN_TEXT_P(cstring_to_text(fy_name(f.fy_year, start_month)));
}

Datum
kpi_fy_start(PG_FUNCTION_ARGS)
{
	int32		start_month = PG_GETARG_INT32(1);
	FyDate		f = fy_of(date_arg(fcinfo, 0), start_month);

	PG_RETURN_DATEADT(make_date_checked(f.fy_year, start_month, 1, 0));
}

Datum
kpi_fy_end(PG_FUNCTION_ARGS)
{
	int32		start_month = PG_GETARG_INT32(1);
	FyDate		f = fy_of(date_arg(fcinfo, 0), start_month);

	/* the day before the next financial year starts */
	PG_RETURN_DATEADT(make_date_checked(f.fy_year + 1, start_month, 1, -1));
}

/*
 * The period holding the last month of the financial year, keyed as d is,
 * for series of periods of `months` months (1 monthly, 3 quarterly) whose
 * latest period is d:
 *   - d the first day of its month (month-start keys): the first day of
 *     the period that starts in or before the year's last month, counting
 *     whole periods from d (1 March for months; 1 January for quarters
 *     keyed 1 April, 1 July, ...);
 *   - any other day (month-end keys, daily or weekly data): the period
 *     that ends in or after the year's last month, keyed on its last day;
 *     for months or quarters ending in March that is kpi.fy_end(d).
 * d's financial year is the one holding d's month: a series keyed on
 * month starts reaches its year end at 1 March, not at 31 March, a month
 * past its March point.
 */
Datum
kpi_fy_end_period(PG_FUNCTION_ARGS)
{
	int32		start_month = PG_GETARG_INT32(1);
	int32		months = PG_GETARG_INT32(2);
	DateADT		d = date_arg(fcinfo, 0);
	FyDate		f = fy_of(d, start_month);
	int			day;
	int			mon;
	int			end_mon;
	int			y;
	int			m;

	if (months < 1 || months > 12 || 12 % months != 0)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("months must be 1, 2, 3, 4, 6 or 12, not %d", months),
				 errhint("Monthly periods are 1 month long, quarters 3.")));
	j2date(d + POSTGRES_EPOCH_JDATE, &y, &m, &day);
	mon = f.year * 12 + f.month - 1;
	/* the financial year's last month, as a month index */
	end_mon = f.fy_year * 12 + start_month - 1 + 11;
	if (day == 1)
	{
		mon += (end_mon - mon) / months * months;
		y = mon >= 0 ? mon / 12 : -((11 - mon) / 12);
		PG_RETURN_DATEADT(make_date_checked(y, mon - y * 12 + 1, 1, 0));
	}
	mon += (end_mon - mon + months - 1) / months * months;
	/* the day before the next month starts */
	mon++;
	y = mon >= 0 ? mon / 12 : -((11 - mon) / 12);
	PG_RETURN_DATEADT(make_date_checked(y, mon - y * 12 + 1, 1, -1));
}

Datum
kpi_fy_quarter(PG_FUNCTION_ARGS)
{
	FyDate		f = fy_of(date_arg(fcinfo, 0), PG_GETARG_INT32(1));

	PG_RETURN_INT32((f.fy_month - 1) / 3 + 1);
}

/*
 * style 'short' → '2024/25 Q2' (the report's headings),
 * style 'dash'  → '2024/25 - Q2' (the report's period column).
 */
Datum
kpi_fy_quarter_label(PG_FUNCTION_ARGS)
{
	char	   *style = text_to_cstring(PG_GETARG_TEXT_PP(1));
	int32		start_month = PG_GETARG_INT32(2);
	FyDate		f = fy_of(date_arg(fcinfo, 0), start_month);
	const char *sep;

	if (pg_strcasecmp(style, "short") == 0)
		sep = " ";
	else if (pg_strcasecmp(style, "dash") == 0)
		sep = " - ";
	else
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("unknown quarter label style \"%s\"", style),
				 errhint("Use 'short' for 2024/25 Q2 or 'dash' for 2024/25 - Q2.")));
	PG_RETURN_TEXT_P(cstring_to_text(psprintf("%s%sQ%d", fy_name(f.fy_year, start_month),
											  sep, (f.fy_month - 1) / 3 + 1)));
}

/* the twelve months ending with the date's month: 'Sep 2023 - Aug 2024' */
Datum
kpi_rolling_year_label(PG_FUNCTION_ARGS)
{
	FyDate		f = fy_of(date_arg(fcinfo, 0), 1);
	int			first_month = f.month % 12 + 1;
	int			first_year = f.month == 12 ? f.year : f.year - 1;

	PG_RETURN_TEXT_P(cstring_to_text(psprintf("%s %d - %s %d",
											  month_abbrev[first_month - 1], first_year,
											  month_abbrev[f.month - 1], f.year)));
}

Datum
kpi_fy_elapsed(PG_FUNCTION_ARGS)
{
	FyDate		f = fy_of(date_arg(fcinfo, 0), PG_GETARG_INT32(1));

	PG_RETURN_FLOAT8(f.fy_month / 12.0);
}

/*
 * baseline + (target - baseline) × months elapsed / 12: the year-end target
 * pro-rated by whole months (560.8 at the end of September → 280.4).
 *
 * Computed as (baseline × (12 - k) + target × k) / 12, a weighted mean, so
 * it never overflows (trajectory(1e308, '2024-09-30', -1e308) is 0), with
 * both products exact (fma gives their rounding errors), the sum in double
 * float8 (hi + lo) and the division by 12 corrected by its exact
 * remainder: the result is exact whenever the exact value is a float8, and
 * otherwise within an ulp of it, in practice correctly rounded.
 */
static double
weighted_twelfths(double target, double baseline, int k)
{
	double		scale = 1.0;
	double		p1, e1, p2, e2, hi, lo, hv, q, rem;

	/* keep target × 11 finite: 2^-8 scaling is exact for such large values */
	if (fabs(target) > 0x1p1000 || fabs(baseline) > 0x1p1000)
	{
		scale = 0x1p8;
		target = ldexp(target, -8);
		baseline = ldexp(baseline, -8);
	}
	p1 = target * k;
	e1 = fma(target, k, -p1);
	p2 = baseline * (12 - k);
	e2 = fma(baseline, 12 - k, -p2);
	/* TwoSum of the two products, plus their errors */
	hi = p1 + p2;
	hv = hi - p1;
	lo = ((p1 - (hi - hv)) + (p2 - hv)) + (e1 + e2);
	/* hi + lo over 12: the remainder of hi / 12 is exact by fma */
	q = hi / 12.0;
	rem = fma(-q, 12.0, hi);
	q += (rem + lo) / 12.0;
	return q * scale;
}

Datum
kpi_trajectory(PG_FUNCTION_ARGS)
{
	double		target = PG_GETARG_FLOAT8(0);
	DateADT		as_of = PG_GETARG_DATEADT(1);
	double		baseline = PG_GETARG_FLOAT8(2);
	FyDate		f = fy_of(as_of, PG_GETARG_INT32(3));
	double		result;

	check_finite_arg(target, "target");
	check_finite_arg(baseline, "baseline");
	if (f.fy_month == 12)
		result = target;		/* exactly the target at year end */
	else
		result = weighted_twelfths(target, baseline, f.fy_month);
	if (isinf(result))
		ereport(ERROR,
				(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
				 errmsg("value out of range: overflow")));
	PG_RETURN_FLOAT8(result);
}

/* the month of the financial year, 1 to 12 (April = 1 by default) */
Datum
kpi_fy_month(PG_FUNCTION_ARGS)
{
	FyDate		f = fy_of(date_arg(fcinfo, 0), PG_GETARG_INT32(1));

	PG_RETURN_INT32(f.fy_month);
}

/*
 * year × 12 + month - 1: consecutive months are consecutive integers, so a
 * window RANGE of 12 PRECEDING reaches the same month a year earlier
 * whatever the day of the month the periods are dated by.
 */
Datum
kpi_month_number(PG_FUNCTION_ARGS)
{
	FyDate		f = fy_of(date_arg(fcinfo, 0), 1);

	PG_RETURN_INT32(f.year * 12 + f.month - 1);
}

/*
 * The same period a year earlier: the same day of the same month, the last
 * day of a month staying the last day (29 February 2024 → 28 February 2023,
 * 28 February 2025 → 29 February 2024), so month- and quarter-end period
 * dates meet their predecessors.
 */
Datum
kpi_prior_period(PG_FUNCTION_ARGS)
{
	DateADT		d = PG_GETARG_DATEADT(0);
	int			year;
	int			month;
	int			day;
	int			last;
	int			last_before;

	if (DATE_NOT_FINITE(d))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("the date must be finite, not %s",
						DATE_IS_NOBEGIN(d) ? "-infinity" : "infinity")));
	j2date(d + POSTGRES_EPOCH_JDATE, &year, &month, &day);
	last = day_tab[isleap(year)][month - 1];
	last_before = day_tab[isleap(year - 1)][month - 1];
	if (day == last || day > last_before)
		day = last_before;
	PG_RETURN_DATEADT(make_date_checked(year - 1, month, day, 0));
}
