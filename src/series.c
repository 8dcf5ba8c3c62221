/*
 * series.c — the kpi.series type (see series.h): text and binary I/O, the
 * kpi.series(value, period) aggregate, and the API that readers use to see
 * the points in period order.
 *
 * Text form:  kind{period=value,period=value,...}, e.g.
 *     date{2024-01-01=12.5,2024-02-01=NULL,2024-03-01=13}
 * with kind float8, date or timestamptz; values and float8 periods as the
 * shortest decimal that reads back to the same double (whatever
 * extra_float_digits is), dates as ISO YYYY-MM-DD, timestamps in ISO form
 * in UTC (whatever TimeZone and DateStyle are), NULL for a ghosted point.
 * So the text form reads back to the same value on any server: Citus ships
 * partial aggregate states as text.
 *
 * Binary form: int32 kind, int32 n, then per point the period (int64 for
 * dates and times, float8 for numbers), a byte 1 for a ghosted point or 0
 * followed by the float8 value.
 *
 * The aggregate appends in arrival order and notes whether the periods
 * still strictly increase (rows usually arrive in order); a duplicate seen
 * while they do is reported at once.  The combine function concatenates,
 * so parallel query and Citus can split the aggregate.  The final function
 * returns an exact-size series sorted by period, and that is where a
 * duplicate in unsorted input is found.
 */
#include "postgres.h"

#include <ctype.h>
#include <errno.h>
#include <math.h>

#include "catalog/pg_type.h"
#include "common/hashfn.h"
#include "common/shortest_dec.h"
#include "datatype/timestamp.h"
#include "lib/stringinfo.h"
#include "libpq/pqformat.h"
#include "miscadmin.h"
#include "series.h"
#include "utils/array.h"
#include "utils/builtins.h"
#include "utils/date.h"
#include "utils/datetime.h"
#include "utils/float.h"
#include "utils/timestamp.h"

#include "kpi.h"
#include "sort.h"
#include "storage_order.h"

PG_FUNCTION_INFO_V1(kpi_series_in);
PG_FUNCTION_INFO_V1(kpi_series_out);
PG_FUNCTION_INFO_V1(kpi_series_recv);
PG_FUNCTION_INFO_V1(kpi_series_send);
PG_FUNCTION_INFO_V1(kpi_series_append_float8);
PG_FUNCTION_INFO_V1(kpi_series_append_date);
PG_FUNCTION_INFO_V1(kpi_series_append_timestamptz);
PG_FUNCTION_INFO_V1(kpi_series_combine);
PG_FUNCTION_INFO_V1(kpi_series_final);
PG_FUNCTION_INFO_V1(kpi_series_n);
PG_FUNCTION_INFO_V1(kpi_series_period_type);
PG_FUNCTION_INFO_V1(kpi_series_values);

/* days from the Unix epoch to PostgreSQL's epoch (2000-01-01) */
#define PG_EPOCH_DAYS ((double) (POSTGRES_EPOCH_JDATE - UNIX_EPOCH_JDATE))

/* ---------------------------------------------------------------- periods */

const char *
kpi_period_kind_name(int kind)
{
	switch (kind)
	{
		case KPI_PERIOD_FLOAT8:
			return "float8";
		case KPI_PERIOD_DATE:
			return "date";
		case KPI_PERIOD_TIMESTAMPTZ:
			return "timestamptz";
	}
	return "invalid";
}

Oid
kpi_period_type(int kind)
{
	switch (kind)
	{
		case KPI_PERIOD_FLOAT8:
			return FLOAT8OID;
		case KPI_PERIOD_DATE:
			return DATEOID;
		case KPI_PERIOD_TIMESTAMPTZ:
			return TIMESTAMPTZOID;
	}
	elog(ERROR, "kpi.series: invalid period kind %d", kind);
	return InvalidOid;
}

double
kpi_period_days(int kind, KpiPeriod p)
{
	switch (kind)
	{
		case KPI_PERIOD_FLOAT8:
			return p.x;
		case KPI_PERIOD_DATE:
			return (double) p.t + PG_EPOCH_DAYS;
		default:
			return (double) p.t / (double) USECS_PER_DAY + PG_EPOCH_DAYS;
	}
}

Datum
kpi_period_datum(int kind, KpiPeriod p)
{
	switch (kind)
	{
		case KPI_PERIOD_FLOAT8:
			return Float8GetDatum(p.x);
		case KPI_PERIOD_DATE:
			return DateADTGetDatum((DateADT) p.t);
		default:
			return TimestampTzGetDatum((TimestampTz) p.t);
	}
}

/*
 * The period as text into buf (KPI_PERIOD_BUFLEN bytes): the shortest
 * round-trip decimal, an ISO date, or an ISO timestamp in UTC.  Returns its
 * length.
 */
int
kpi_period_to_buf(int kind, KpiPeriod p, char *buf)
{
	struct pg_tm tm;
	fsec_t		fsec = 0;

	StaticAssertStmt(KPI_PERIOD_BUFLEN >= DOUBLE_SHORTEST_DECIMAL_LEN &&
					 KPI_PERIOD_BUFLEN >= MAXDATELEN + 1, "KPI_PERIOD_BUFLEN too small");
	if (kind == KPI_PERIOD_FLOAT8)
		return double_to_shortest_decimal_buf(p.x, buf);
	if (kind == KPI_PERIOD_DATE)
	{
		j2date((int) p.t + POSTGRES_EPOCH_JDATE, &tm.tm_year, &tm.tm_mon, &tm.tm_mday);
		EncodeDateOnly(&tm, USE_ISO_DATES, buf);
	}
	else
	{
		/* no time zone: UTC, so the text does not depend on TimeZone */
		if (timestamp2tm((Timestamp) p.t, NULL, &tm, &fsec, NULL, NULL) != 0)
			ereport(ERROR,
					(errcode(ERRCODE_DATETIME_VALUE_OUT_OF_RANGE),
					 errmsg("timestamp out of range")));
		tm.tm_isdst = 0;	/* so that the zone (+00) is written */
		EncodeDateTime(&tm, fsec, true, 0, NULL, USE_ISO_DATES, buf);
	}
	return (int) strlen(buf);
}

char *
kpi_period_cstring(int kind, KpiPeriod p)
{
	char		buf[KPI_PERIOD_BUFLEN];

	kpi_period_to_buf(kind, p, buf);
	return pstrdup(buf);
}

/*
 * Month keys: when every day (days since 2000-01-01) is the first of its
 * month, or every one is its month's last, writes each one's month number
 * (year * 12 + month - 1) to months (which may be days itself), sets
 * *month_end and returns true; otherwise returns false, writing nothing.
 * Monthly and quarterly series are keyed either way; their step is then a
 * number of months, not of days.
 */
bool
kpi_month_keys(const int64 *days, int n, int64 *months, bool *month_end)
{
	bool		all_first = true,
				all_last = true;
	int			y,
				mo,
				d;

	for (int i = 0; i < n && (all_first || all_last); i++)
	{
		j2date((int) days[i] + POSTGRES_EPOCH_JDATE, &y, &mo, &d);
		if (d != 1)
			all_first = false;
		if (d != day_tab[isleap(y)][mo - 1])
			all_last = false;
	}
	if (!all_first && !all_last)
		return false;
	for (int i = 0; i < n; i++)
	{
		j2date((int) days[i] + POSTGRES_EPOCH_JDATE, &y, &mo, &d);
		months[i] = (int64) y * 12 + mo - 1;
	}
	*month_end = !all_first;
	return true;
}

static void
check_period_x(double x)
{
	if (isnan(x) || isinf(x))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("period must be a finite number, not %s",
						isnan(x) ? "NaN" : (x > 0 ? "Infinity" : "-Infinity"))));
}

/* the period as the datum of its kind, checked finite */
KpiPeriod
kpi_period_from_datum(Datum d, int kind)
{
	KpiPeriod	p;

	switch (kind)
	{
		case KPI_PERIOD_FLOAT8:
			p.x = DatumGetFloat8(d);
			check_period_x(p.x);
			/* one period, one spelling: -0 is 0 */
			if (p.x == 0)
				p.x = 0;
			break;
		case KPI_PERIOD_DATE:
			{
				DateADT		date = DatumGetDateADT(d);

				if (DATE_NOT_FINITE(date))
					ereport(ERROR,
							(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
							 errmsg("period must be a finite date, not %s",
									DATE_IS_NOBEGIN(date) ? "-infinity" : "infinity")));
				p.t = date;
				break;
			}
		default:
			{
				TimestampTz ts = DatumGetTimestampTz(d);

				if (TIMESTAMP_NOT_FINITE(ts))
					ereport(ERROR,
							(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
							 errmsg("period must be a finite timestamp, not %s",
									TIMESTAMP_IS_NOBEGIN(ts) ? "-infinity" : "infinity")));
				p.t = ts;
				break;
			}
	}
	return p;
}

KpiPeriod
kpi_period_arg(FunctionCallInfo fcinfo, int argno, int kind)
{
	if (PG_ARGISNULL(argno))
		ereport(ERROR,
				(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
				 errmsg("period must not be NULL"),
				 errhint("Every point of a series needs its period; a NULL value (not period) is a ghosted point.")));
	return kpi_period_from_datum(PG_GETARG_DATUM(argno), kind);
}

/* ----------------------------------------------------------- the values */

static void
check_count(int64 n)
{
	if (n < 0 || n > KPI_SERIES_MAX_POINTS)
		ereport(ERROR,
				(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
				 errmsg("kpi.series cannot hold " INT64_FORMAT " points", n),
				 errdetail("A kpi.series holds at most %d points.", KPI_SERIES_MAX_POINTS)));
}

static KpiSeries *
series_alloc(int kind, int n, int capacity)
{
	KpiSeries  *s;
	Size		size;

	check_count(capacity);
	size = KPI_SERIES_HDRSZ + (Size) capacity * sizeof(KpiPoint);
	s = palloc0(size);
	SET_VARSIZE(s, size);
	s->n = n;
	s->kind = kind;
	s->flags = KPI_SERIES_SORTED;
	return s;
}

static void
duplicate_period_error(int kind, KpiPeriod p)
{
	ereport(ERROR,
			(errcode(ERRCODE_CARDINALITY_VIOLATION),
			 errmsg("a series cannot have two points for one period"),
			 errdetail("Period %s appears more than once.", kpi_period_cstring(kind, p)),
			 errhint("Give each period one row (aggregate the rows of period %s first, or pick one of them).",
					 kpi_period_cstring(kind, p))));
}

static int
point_cmp(const void *a, const void *b, void *arg)
{
	return kpi_period_cmp(*(const int *) arg, ((const KpiPoint *) a)->period,
						  ((const KpiPoint *) b)->period);
}

void
kpi_points_sort(int kind, KpiPoint *points, int n)
{
	bool		sorted = true;

	for (int i = 1; i < n && sorted; i++)
	{
		if ((i & 0xFFFF) == 0)
			CHECK_FOR_INTERRUPTS();
		if (kpi_period_cmp(kind, points[i - 1].period, points[i].period) >= 0)
			sorted = false;
	}
	if (sorted)
		return;
	kpi_sort(points, n, sizeof(KpiPoint), point_cmp, &kind);
	for (int i = 1; i < n; i++)
		if (kpi_period_cmp(kind, points[i - 1].period, points[i].period) == 0)
			duplicate_period_error(kind, points[i].period);
}

/*
 * A series reaches C only from the type's own input functions and from the
 * aggregate, both of which check the points; the header is checked again
 * here because a crafted varlena is cheap to check.
 */
static void
check_header(const KpiSeries *s, const char *caller)
{
	if (VARSIZE(s) < KPI_SERIES_HDRSZ || !KPI_PERIOD_KIND_VALID(s->kind) ||
		s->n < 0 || s->n > KPI_SERIES_CAPACITY(s))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("%s: invalid kpi.series value", caller)));
}

const KpiSeries *
kpi_series_arg(FunctionCallInfo fcinfo, int argno, const char *caller)
{
	KpiSeries  *s = (KpiSeries *) PG_DETOAST_DATUM(PG_GETARG_DATUM(argno));
	KpiSeries  *copy;

	check_header(s, caller);
	if (s->flags & KPI_SERIES_SORTED)
		return s;
	copy = series_alloc(s->kind, s->n, s->n);
	memcpy(copy->points, s->points, s->n * sizeof(KpiPoint));
	kpi_points_sort(copy->kind, copy->points, copy->n);
	return copy;
}

/* ------------------------------------------------------------- text I/O */

static void
append_double(StringInfo buf, double v)
{
	char		num[DOUBLE_SHORTEST_DECIMAL_LEN];

	double_to_shortest_decimal_buf(v, num);
	appendStringInfoString(buf, num);
}

Datum
kpi_series_out(PG_FUNCTION_ARGS)
{
	const KpiSeries *s = kpi_series_arg(fcinfo, 0, "kpi.series");
	StringInfoData buf;

	initStringInfo(&buf);
	appendStringInfoString(&buf, kpi_period_kind_name(s->kind));
	appendStringInfoChar(&buf, '{');
	for (int i = 0; i < s->n; i++)
	{
		if ((i & 0xFFFF) == 0)
			CHECK_FOR_INTERRUPTS();
		if (i > 0)
			appendStringInfoChar(&buf, ',');
		appendStringInfoString(&buf, kpi_period_cstring(s->kind, s->points[i].period));
		appendStringInfoChar(&buf, '=');
		if (KPI_POINT_GHOSTED(&s->points[i]))
			appendStringInfoString(&buf, "NULL");
		else
			append_double(&buf, s->points[i].value);
	}
	appendStringInfoChar(&buf, '}');
	PG_RETURN_CSTRING(buf.data);
}

static void
series_syntax_error(const char *str, const char *why)
{
	ereport(ERROR,
			(errcode(ERRCODE_INVALID_TEXT_REPRESENTATION),
			 errmsg("invalid input syntax for type kpi.series: \"%s\"", str),
			 errdetail("%s", why),
			 errhint("A kpi.series is written kind{period=value,...}, kind float8, date or timestamptz, e.g. date{2024-01-01=12.5,2024-02-01=NULL}.")));
}

/* a period written in text, by kind; soft errors are not needed here */
static KpiPeriod
period_from_text(const char *str, int kind, char *tok)
{
	Datum		d;

	switch (kind)
	{
		case KPI_PERIOD_FLOAT8:
			{
				char	   *end;

				errno = 0;
				d = Float8GetDatum(strtod(tok, &end));
				if (end == tok || *end != '\0' ||
					(errno == ERANGE && (DatumGetFloat8(d) == 0.0 || isinf(DatumGetFloat8(d)))))
					series_syntax_error(str, "A period is not a number.");
				break;
			}
		case KPI_PERIOD_DATE:
			d = DirectFunctionCall1(date_in, CStringGetDatum(tok));
			break;
		default:
			d = DirectFunctionCall3(timestamptz_in, CStringGetDatum(tok),
									ObjectIdGetDatum(InvalidOid), Int32GetDatum(-1));
			break;
	}
	return kpi_period_from_datum(d, kind);
}

static char *
trim(char *s)
{
	char	   *e;

	while (isspace((unsigned char) *s))
		s++;
	e = s + strlen(s);
	while (e > s && isspace((unsigned char) e[-1]))
		*--e = '\0';
	return s;
}

Datum
kpi_series_in(PG_FUNCTION_ARGS)
{
	char	   *str = PG_GETARG_CSTRING(0);
	char	   *copy = pstrdup(str);
	char	   *p = copy;
	char	   *close;
	int			kind = 0;
	int			count = 0;
	int			capacity = 8;
	KpiSeries  *s;

	while (isspace((unsigned char) *p))
		p++;
	for (int k = KPI_PERIOD_FLOAT8; k <= KPI_PERIOD_TIMESTAMPTZ; k++)
	{
		const char *name = kpi_period_kind_name(k);
		size_t		len = strlen(name);

		/* "timestamptz" before "timestamp..." is not an issue: names differ */
		if (pg_strncasecmp(p, name, len) == 0 &&
			(isspace((unsigned char) p[len]) || p[len] == '{'))
		{
			kind = k;
			p += len;
			break;
		}
	}
	if (kind == 0)
		series_syntax_error(str, "The kind of period (float8, date or timestamptz) comes first.");
	while (isspace((unsigned char) *p))
		p++;
	if (*p++ != '{')
		series_syntax_error(str, "The points are written between { and }.");
	close = strrchr(p, '}');
	if (close == NULL || *trim(close + 1) != '\0')
		series_syntax_error(str, "Nothing may follow the closing }.");
	*close = '\0';

	s = series_alloc(kind, 0, capacity);
	if (*trim(p) != '\0')
	{
		for (;;)
		{
			char	   *comma = strchr(p, ',');
			char	   *eq;
			char	   *vtok;
			KpiPoint	pt;

			if ((count & 0xFFFF) == 0)
				CHECK_FOR_INTERRUPTS();
			if (comma)
				*comma = '\0';
			eq = strrchr(p, '=');
			if (eq == NULL)
				series_syntax_error(str, "Each point is written period=value.");
			*eq = '\0';
			pt.period = period_from_text(str, kind, trim(p));
			vtok = trim(eq + 1);
			if (pg_strcasecmp(vtok, "NULL") == 0)
				pt.value = get_float8_nan();
			else
			{
				char	   *end;

				errno = 0;
				pt.value = strtod(vtok, &end);
				if (end == vtok || *end != '\0' ||
					(errno == ERANGE && (pt.value == 0.0 || isinf(pt.value))))
					series_syntax_error(str, "A value is a number or NULL.");
				check_finite_arg(pt.value, "value");
			}
			if (count == capacity)
			{
				KpiSeries  *grown;

				check_count((int64) capacity * 2);
				grown = series_alloc(kind, count, capacity * 2);
				memcpy(grown->points, s->points, count * sizeof(KpiPoint));
				s = grown;
				capacity *= 2;
			}
			s->points[count++] = pt;
			if (!comma)
				break;
			p = comma + 1;
		}
	}
	kpi_points_sort(kind, s->points, count);
	/* exact size */
	{
		KpiSeries  *exact = series_alloc(kind, count, count);

		memcpy(exact->points, s->points, count * sizeof(KpiPoint));
		PG_RETURN_POINTER(exact);
	}
}

/* ----------------------------------------------------------- binary I/O */

Datum
kpi_series_recv(PG_FUNCTION_ARGS)
{
	StringInfo	buf = (StringInfo) PG_GETARG_POINTER(0);
	int32		kind = pq_getmsgint(buf, 4);
	int32		n = pq_getmsgint(buf, 4);
	KpiSeries  *s;

	if (!KPI_PERIOD_KIND_VALID(kind) || n < 0 || n > KPI_SERIES_MAX_POINTS ||
		(int64) n * 9 > buf->len - buf->cursor)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_BINARY_REPRESENTATION),
				 errmsg("invalid binary value for type kpi.series"),
				 errdetail("The kind or the point count is out of range.")));
	s = series_alloc(kind, n, n);
	for (int i = 0; i < n; i++)
	{
		KpiPoint   *pt = &s->points[i];
		int			ghosted;

		if ((i & 0xFFFF) == 0)
			CHECK_FOR_INTERRUPTS();
		if (kind == KPI_PERIOD_FLOAT8)
			pt->period = kpi_period_from_datum(Float8GetDatum(pq_getmsgfloat8(buf)), kind);
		else
		{
			int64		t = pq_getmsgint64(buf);

			if (kind == KPI_PERIOD_DATE &&
				(t < PG_INT32_MIN || t > PG_INT32_MAX || !IS_VALID_DATE((DateADT) t)))
				ereport(ERROR,
						(errcode(ERRCODE_INVALID_BINARY_REPRESENTATION),
						 errmsg("invalid binary value for type kpi.series"),
						 errdetail("A date is out of range.")));
			if (kind == KPI_PERIOD_TIMESTAMPTZ && !IS_VALID_TIMESTAMP(t))
				ereport(ERROR,
						(errcode(ERRCODE_INVALID_BINARY_REPRESENTATION),
						 errmsg("invalid binary value for type kpi.series"),
						 errdetail("A timestamp is out of range.")));
			pt->period = kpi_period_from_datum(kind == KPI_PERIOD_DATE
										   ? DateADTGetDatum((DateADT) t)
										   : TimestampTzGetDatum(t), kind);
		}
		ghosted = pq_getmsgbyte(buf);
		if (ghosted == 1)
			pt->value = get_float8_nan();
		else if (ghosted == 0)
		{
			pt->value = pq_getmsgfloat8(buf);
			check_finite_arg(pt->value, "value");
		}
		else
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_BINARY_REPRESENTATION),
					 errmsg("invalid binary value for type kpi.series"),
					 errdetail("A point's ghosted flag must be 0 or 1.")));
	}
	if (buf->cursor != buf->len)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_BINARY_REPRESENTATION),
				 errmsg("invalid binary value for type kpi.series"),
				 errdetail("The message is longer than its points.")));
	kpi_points_sort(kind, s->points, n);
	PG_RETURN_POINTER(s);
}

Datum
kpi_series_send(PG_FUNCTION_ARGS)
{
	const KpiSeries *s = kpi_series_arg(fcinfo, 0, "kpi.series");
	StringInfoData buf;

	pq_begintypsend(&buf);
	pq_sendint32(&buf, s->kind);
	pq_sendint32(&buf, s->n);
	for (int i = 0; i < s->n; i++)
	{
		const KpiPoint *pt = &s->points[i];

		if ((i & 0xFFFF) == 0)
			CHECK_FOR_INTERRUPTS();
		if (s->kind == KPI_PERIOD_FLOAT8)
			pq_sendfloat8(&buf, pt->period.x);
		else
			pq_sendint64(&buf, pt->period.t);
		if (KPI_POINT_GHOSTED(pt))
			pq_sendbyte(&buf, 1);
		else
		{
			pq_sendbyte(&buf, 0);
			pq_sendfloat8(&buf, pt->value);
		}
	}
	PG_RETURN_BYTEA_P(pq_endtypsend(&buf));
}

/* ------------------------------------------------------------ aggregate */

/*
 * The state to update: the aggregate's own (updated in place), or a copy
 * when called directly from SQL.  New and grown states are allocated in
 * the current context: the executor moves a new transition value into the
 * aggregate context and frees the old one (as kpi_state_arg does).
 */
static KpiSeries *
series_state(FunctionCallInfo fcinfo, int argno, int kind, const char *caller)
{
	KpiSeries  *s;

	if (PG_ARGISNULL(argno))
		return series_alloc(kind, 0, 8);
	if (AggCheckCallContext(fcinfo, NULL))
		s = (KpiSeries *) PG_DETOAST_DATUM(PG_GETARG_DATUM(argno));
	else
		s = (KpiSeries *) PG_DETOAST_DATUM_COPY(PG_GETARG_DATUM(argno));
	check_header(s, caller);
	if (kind != 0 && s->kind != kind)
		ereport(ERROR,
				(errcode(ERRCODE_DATATYPE_MISMATCH),
				 errmsg("cannot add a point with a %s period to a kpi.series over %s periods",
						kpi_period_kind_name(kind), kpi_period_kind_name(s->kind))));
	return s;
}

/* an exact-size copy (what a function called from SQL returns) */
static KpiSeries *
series_exact(const KpiSeries *s)
{
	KpiSeries  *e = series_alloc(s->kind, s->n, s->n);

	e->flags = s->flags;
	memcpy(e->points, s->points, s->n * sizeof(KpiPoint));
	return e;
}

/* room for count more points, growing geometrically; may move the series */
static KpiSeries *
series_reserve(KpiSeries *s, int count)
{
	int64		need = (int64) s->n + count;

	check_count(need);
	if (need > KPI_SERIES_CAPACITY(s))
	{
		int			capacity = (int) Max(need, Min(2 * (int64) KPI_SERIES_CAPACITY(s) + 8,
												   KPI_SERIES_MAX_POINTS));
		KpiSeries  *grown = series_alloc(s->kind, s->n, capacity);

		grown->flags = s->flags;
		memcpy(grown->points, s->points, s->n * sizeof(KpiPoint));
		s = grown;
	}
	return s;
}

static Datum
series_append(FunctionCallInfo fcinfo, int kind)
{
	KpiPoint	pt;
	KpiSeries  *s;

	pt.period = kpi_period_arg(fcinfo, 2, kind);
	if (PG_ARGISNULL(1))
		pt.value = get_float8_nan();
	else
	{
		pt.value = PG_GETARG_FLOAT8(1);
		check_finite_arg(pt.value, "value");
	}
	s = series_reserve(series_state(fcinfo, 0, kind, "kpi.series"), 1);
	if (s->n > 0 && (s->flags & KPI_SERIES_SORTED))
	{
		int			c = kpi_period_cmp(kind, s->points[s->n - 1].period, pt.period);

		if (c == 0)
			duplicate_period_error(kind, pt.period);
		if (c > 0)
			s->flags &= ~KPI_SERIES_SORTED;
	}
	s->points[s->n++] = pt;
	if (!AggCheckCallContext(fcinfo, NULL))
		s = series_exact(s);
	PG_RETURN_POINTER(s);
}

Datum
kpi_series_append_float8(PG_FUNCTION_ARGS)
{
	return series_append(fcinfo, KPI_PERIOD_FLOAT8);
}

Datum
kpi_series_append_date(PG_FUNCTION_ARGS)
{
	return series_append(fcinfo, KPI_PERIOD_DATE);
}

Datum
kpi_series_append_timestamptz(PG_FUNCTION_ARGS)
{
	return series_append(fcinfo, KPI_PERIOD_TIMESTAMPTZ);
}

/* kpi.series_combine(a, b): the points of both (the combine function) */
Datum
kpi_series_combine(PG_FUNCTION_ARGS)
{
	KpiSeries  *a;
	const KpiSeries *b;
	bool		sorted;

	if (PG_ARGISNULL(1))
	{
		if (PG_ARGISNULL(0))
			PG_RETURN_NULL();
		PG_RETURN_DATUM(PG_GETARG_DATUM(0));
	}
	if (PG_ARGISNULL(0))
		PG_RETURN_DATUM(PG_GETARG_DATUM(1));
	b = (const KpiSeries *) PG_DETOAST_DATUM(PG_GETARG_DATUM(1));
	check_header(b, "kpi.series_combine");
	a = series_state(fcinfo, 0, 0, "kpi.series_combine");
	if (a->kind != b->kind)
		ereport(ERROR,
				(errcode(ERRCODE_DATATYPE_MISMATCH),
				 errmsg("cannot combine a kpi.series over %s periods with one over %s periods",
						kpi_period_kind_name(a->kind), kpi_period_kind_name(b->kind))));
	sorted = (a->flags & KPI_SERIES_SORTED) && (b->flags & KPI_SERIES_SORTED);
	if (sorted && a->n > 0 && b->n > 0)
	{
		int			c = kpi_period_cmp(a->kind, a->points[a->n - 1].period, b->points[0].period);

		if (c == 0)
			duplicate_period_error(a->kind, b->points[0].period);
		sorted = c < 0;
	}
	a = series_reserve(a, b->n);
	memcpy(a->points + a->n, b->points, b->n * sizeof(KpiPoint));
	a->n += b->n;
	a->flags = sorted ? KPI_SERIES_SORTED : 0;
	if (!AggCheckCallContext(fcinfo, NULL))
		a = series_exact(a);
	PG_RETURN_POINTER(a);
}

/*
 * The aggregate's result: the points sorted by period, exact size.  A new
 * value, so the state itself is never modified (the aggregate can also run
 * as a window function).
 */
Datum
kpi_series_final(PG_FUNCTION_ARGS)
{
	const KpiSeries *s;
	KpiSeries  *result;

	if (PG_ARGISNULL(0))
		PG_RETURN_NULL();
	s = (const KpiSeries *) PG_DETOAST_DATUM(PG_GETARG_DATUM(0));
	check_header(s, "kpi.series");
	result = series_alloc(s->kind, s->n, s->n);
	memcpy(result->points, s->points, s->n * sizeof(KpiPoint));
	if (!(s->flags & KPI_SERIES_SORTED))
		kpi_points_sort(result->kind, result->points, result->n);
	PG_RETURN_POINTER(result);
}

/* ------------------------------------------------------------ accessors */

Datum
kpi_series_n(PG_FUNCTION_ARGS)
{
	const KpiSeries *s = kpi_series_arg(fcinfo, 0, "kpi.n");

	PG_RETURN_INT32(s->n);
}

Datum
kpi_series_period_type(PG_FUNCTION_ARGS)
{
	const KpiSeries *s = kpi_series_arg(fcinfo, 0, "kpi.period_type");

	PG_RETURN_TEXT_P(cstring_to_text(kpi_period_kind_name(s->kind)));
}

/* the values in period order, NULL for a ghosted point */
Datum
kpi_series_values(PG_FUNCTION_ARGS)
{
	const KpiSeries *s = kpi_series_arg(fcinfo, 0, "kpi.series_values");
	Datum	   *elems = palloc(Max(s->n, 1) * sizeof(Datum));
	bool	   *nulls = palloc(Max(s->n, 1) * sizeof(bool));
	int			dims[1] = {s->n};
	int			lbs[1] = {1};

	for (int i = 0; i < s->n; i++)
	{
		nulls[i] = KPI_POINT_GHOSTED(&s->points[i]);
		elems[i] = Float8GetDatum(nulls[i] ? 0 : s->points[i].value);
	}
	if (s->n == 0)
		PG_RETURN_ARRAYTYPE_P(construct_empty_array(FLOAT8OID));
	PG_RETURN_ARRAYTYPE_P(construct_md_array(elems, nulls, 1, dims, lbs, FLOAT8OID,
											 sizeof(float8), FLOAT8PASSBYVAL,
											 TYPALIGN_DOUBLE));
}

/* ------------------------------------------- equality, order and hashing */

/*
 * Two series are equal when their text forms are: the same kind and the
 * same points in period order (values compared bit for bit but for the
 * ghosts, which are all alike).  The btree order is a storage order: by
 * kind, then point by point (period, then value, a ghost after every
 * value), then the shorter first.
 */
static int
series_cmp(const KpiSeries *a, const KpiSeries *b)
{
	int			n = Min(a->n, b->n);

	if (a->kind != b->kind)
		return a->kind < b->kind ? -1 : 1;
	for (int i = 0; i < n; i++)
	{
		int			c = kpi_period_cmp(a->kind, a->points[i].period, b->points[i].period);

		if (c == 0)
			c = kpi_double_storage_cmp(a->points[i].value, b->points[i].value);
		if (c != 0)
			return c;
	}
	return a->n < b->n ? -1 : (a->n > b->n ? 1 : 0);
}

static bool
series_eq(const KpiSeries *a, const KpiSeries *b)
{
	return series_cmp(a, b) == 0;
}

/* a hash of the kind and the points, every ghost hashed alike */
static uint64
series_hash(const KpiSeries *s, uint64 seed)
{
	uint64		h = hash_bytes_uint32_extended((uint32) s->kind, seed);

	for (int i = 0; i < s->n; i++)
	{
		KpiPoint	pt = s->points[i];

		pt.value = kpi_double_hash_form(pt.value);	/* a ghost's NaN */
		h = hash_combine64(h, hash_bytes_extended((const unsigned char *) &pt,
												  sizeof(pt), seed));
	}
	return h;
}

#define SERIES_ARG(fcinfo, argno) kpi_series_arg(fcinfo, argno, "kpi.series")

KPI_STORAGE_ORDER_FUNCTIONS(kpi_series, const KpiSeries *, SERIES_ARG, series_cmp, series_eq, series_hash);
