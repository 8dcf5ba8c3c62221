/*
 * series.h — kpi.series, a series of (period, value) points that knows its
 * periods, and the C API the series-reading capabilities share (SPC charts,
 * sparklines, forecasts, charts).
 *
 * A period is a float8 (a year, a week number, any number), a date or a
 * timestamptz; one series holds one kind.  A value is a finite float8, or
 * NULL: a "ghosted" point (Making Data Count's term) that keeps its place
 * in the series but takes no part in any calculation.  A period appears at
 * most once in a series.
 *
 * Readers never depend on the order rows reached the aggregate: they call
 * kpi_series_arg(), which gives the points sorted by period (sorting a copy
 * when the value is not already sorted) and raises the duplicate-period
 * error (21000) there if a period appears twice.
 *
 * Layout: a varlena header, the count, the kind, a flags word, then the
 * points, 16 bytes each.  While an aggregate builds a series the value may
 * carry spare capacity after the n points in use; every value the
 * aggregate returns, and every value read from text or binary, is exact
 * size and sorted.
 */
#ifndef KPI_SERIES_H
#define KPI_SERIES_H

#include "postgres.h"
#include "fmgr.h"
#include "utils/datetime.h"
#include "utils/memutils.h"

#include <math.h>

typedef enum KpiPeriodKind
{
	KPI_PERIOD_FLOAT8 = 1,
	KPI_PERIOD_DATE = 2,
	KPI_PERIOD_TIMESTAMPTZ = 3
} KpiPeriodKind;

#define KPI_PERIOD_KIND_VALID(k)	((k) >= KPI_PERIOD_FLOAT8 && (k) <= KPI_PERIOD_TIMESTAMPTZ)

/*
 * x for float8 periods; t for dates (a DateADT: days since 2000-01-01) and
 * timestamptz (a TimestampTz: microseconds since 2000-01-01 00:00 UTC).
 */
typedef union KpiPeriod
{
	double		x;
	int64		t;
} KpiPeriod;

typedef struct KpiPoint
{
	KpiPeriod	period;
	double		value;			/* NaN: ghosted (the value was NULL) */
} KpiPoint;

#define KPI_POINT_GHOSTED(p)	isnan((p)->value)

typedef struct KpiSeries
{
	int32		vl_len_;		/* varlena header: do not touch directly */
	int32		n;				/* points in use */
	int32		kind;			/* KpiPeriodKind */
	int32		flags;			/* KPI_SERIES_SORTED */
	KpiPoint	points[FLEXIBLE_ARRAY_MEMBER];
} KpiSeries;

/* the periods strictly increase (so no period appears twice) */
#define KPI_SERIES_SORTED	0x1

#define KPI_SERIES_HDRSZ		offsetof(KpiSeries, points)
#define KPI_SERIES_CAPACITY(s)	((int) ((VARSIZE(s) - KPI_SERIES_HDRSZ) / sizeof(KpiPoint)))
/*
 * At most 10 million points, so that the text form of any series (at most
 * about 60 bytes a point) stays within PostgreSQL's 1 GB limit.
 */
#define KPI_SERIES_MAX_POINTS	10000000

/*
 * Argument argno as a series sorted by period, read-only: the argument
 * itself when it is sorted, else a sorted copy.  ERROR (21000) when a
 * period appears twice, with a hint naming it; caller names the function
 * in other errors.
 */
extern const KpiSeries *kpi_series_arg(FunctionCallInfo fcinfo, int argno,
									   const char *caller);

/* Sort points by period in place; ERROR (21000) on a duplicate period. */
extern void kpi_points_sort(int kind, KpiPoint *points, int n);

/* -1, 0, 1 as period a is before, equal to or after period b */
static inline int
kpi_period_cmp(int kind, KpiPeriod a, KpiPeriod b)
{
	if (kind == KPI_PERIOD_FLOAT8)
		return a.x < b.x ? -1 : (a.x > b.x ? 1 : 0);
	return a.t < b.t ? -1 : (a.t > b.t ? 1 : 0);
}

/*
 * A period as a number on a linear scale, for arithmetic (spacing, drawing,
 * fitting): the number itself for float8 periods; for dates and times the
 * days since 1970-01-01 00:00 UTC, as kpi.trend measures x.
 */
extern double kpi_period_days(int kind, KpiPeriod p);

/* A period as a Datum of its SQL type (float8, date or timestamptz). */
extern Datum kpi_period_datum(int kind, KpiPeriod p);

/* The SQL type of a kind's periods (FLOAT8OID, DATEOID, TIMESTAMPTZOID). */
extern Oid	kpi_period_type(int kind);

/* "float8", "date", "timestamptz" */
extern const char *kpi_period_kind_name(int kind);

/*
 * A period as text, as the series' text form writes it: shortest decimal,
 * ISO date, ISO timestamp in UTC.
 */
/* room for any period as text (a shortest decimal, an ISO date or timestamp) */
#define KPI_PERIOD_BUFLEN	(MAXDATELEN + 1)
extern int	kpi_period_to_buf(int kind, KpiPeriod p, char *buf);
extern char *kpi_period_cstring(int kind, KpiPeriod p);
extern bool kpi_month_keys(const int64 *days, int n, int64 *months, bool *month_end);

/* A Datum of the kind's SQL type as a period; ERROR (22023) when not finite. */
extern KpiPeriod kpi_period_from_datum(Datum d, int kind);

/*
 * The period of argument argno, of type date, timestamptz or float8 by
 * kind; ERROR (22023) when infinite or NaN, (22004) when NULL.
 */
extern KpiPeriod kpi_period_arg(FunctionCallInfo fcinfo, int argno, int kind);

#endif							/* KPI_SERIES_H */
