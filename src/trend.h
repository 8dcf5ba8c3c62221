/*
 * trend.h — declarations shared by the trend state (trend.c) and the
 * whole-series trend tests (trend_tests.c).
 *
 * Date and time trends are calendar-exact: x is elapsed time measured in
 * days since 1970-01-01 00:00 UTC (the Unix epoch), so a trend over
 * timestamptz values gives the same line as one over
 * extract(epoch from ts) / 86400.  A date counts as midnight UTC of that
 * day, so date and timestamptz trends share one scale.
 */
#ifndef KPI_TREND_H
#define KPI_TREND_H

#include "postgres.h"

#include "datatype/timestamp.h"
#include "utils/date.h"

/* kinds of x a trend was built from; never mixed within one state */
typedef enum TrendXKind
{
	TREND_X_FLOAT8 = 1,
	TREND_X_DATE = 2,
	TREND_X_TIMESTAMPTZ = 3
} TrendXKind;

/* days from the Unix epoch to PostgreSQL's epoch (2000-01-01) */
#define TREND_PG_EPOCH_DAYS ((double) (POSTGRES_EPOCH_JDATE - UNIX_EPOCH_JDATE))

/* a date as days since 1970-01-01; ERROR for infinite dates */
static inline double
trend_x_from_date(DateADT d)
{
	if (DATE_NOT_FINITE(d))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("x must be a finite date, not %s",
						DATE_IS_NOBEGIN(d) ? "-infinity" : "infinity")));
	return (double) d + TREND_PG_EPOCH_DAYS;
}

/* a timestamptz as (fractional) days since 1970-01-01 00:00 UTC */
static inline double
trend_x_from_timestamptz(TimestampTz t)
{
	if (TIMESTAMP_NOT_FINITE(t))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("x must be a finite timestamp, not %s",
						TIMESTAMP_IS_NOBEGIN(t) ? "-infinity" : "infinity")));
	return (double) t / (double) USECS_PER_DAY + TREND_PG_EPOCH_DAYS;
}

#endif							/* KPI_TREND_H */
