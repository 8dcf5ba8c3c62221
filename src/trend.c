/*
 * trend.c — the kpi.trend state type, the kpi.trend and kpi.rollup
 * aggregates, and the accessors that read a line off a state.
 *
 * A trend state is a fixed-size (96-byte) pass-by-reference base type, so
 * that parallel query and Citus can split the aggregate and ship partial
 * states (Citus ships them as text).  It holds the count, the means and the
 * co-moments of x and y:
 *
 *     mx = mean(x - x0)            sxx = sum((x - mean x)^2)
 *     my = mean(y - y0)            syy = sum((y - mean y)^2)
 *                                  sxy = sum((x - mean x) (y - mean y))
 *
 * updated one row at a time with Welford's method (the co-moment form of
 * the Youngs–Cramer updates that PostgreSQL's regr_* aggregates use), and
 * merged with the pairwise formulas of Chan, Golub and LeVeque.  x0 and y0
 * are the first x and y seen: measuring from them keeps the means small, so
 * x values such as epoch seconds (1.7e9) or y values with a tiny spread
 * around a large level lose no precision.  Co-moments do not depend on the
 * offsets, so states with different offsets merge by shifting their means.
 *
 * Date and time trends measure x in days since 1970-01-01 00:00 UTC (see
 * trend.h); the state remembers which kind of x it was built from and
 * refuses to merge with another kind.
 *
 * Moving-aggregate mode: the inverse transition undoes a row with the
 * reverse Welford step.  Floating-point removal is not exact, so it gives
 * up (returns NULL, and PostgreSQL recomputes the frame from scratch) when
 *   - a co-moment falls below 1/1024 of the largest value it had since the
 *     last fresh start (cancellation would cost more than ~10 bits),
 *   - more than max(8n, 512) rows were removed since the last fresh start,
 *     which bounds the accumulation of rounding errors,
 *   - or the row removed was the one with the largest x (xmax is kept for
 *     kpi.reaches; frames ordered by descending x recompute every row).
 * In a frame ordered by x the count rule recomputes one frame per 8 frames,
 * so a row still costs O(1) on average.  As the frame moves, the offsets x0
 * and y0 follow the means (moved by exactly representable amounts), so the
 * means stay small and precise however far the data walk.  The bookkeeping fields (peaks and the
 * removal count) are not part of the value: text and binary output leave
 * them out and input resets them.
 *
 * In an aggregate the state lives in the aggregate memory context and the
 * transition and combine functions update it in place; called directly from
 * SQL they work on a copy.  Accessors never modify a state.
 */
#include "postgres.h"

#include <float.h>
#include <math.h>

#include "access/htup_details.h"
#include "common/hashfn.h"
#include "common/int.h"
#include "common/shortest_dec.h"
#include "funcapi.h"
#include "kpi.h"
#include "distributions.h"
#include "libpq/pqformat.h"
#include "storage_order.h"
#include "trend.h"
#include "utils/builtins.h"
#include "utils/date.h"
#include "utils/float.h"
#include "utils/timestamp.h"

PG_FUNCTION_INFO_V1(trend_in);
PG_FUNCTION_INFO_V1(trend_out);
PG_FUNCTION_INFO_V1(trend_recv);
PG_FUNCTION_INFO_V1(trend_send);
PG_FUNCTION_INFO_V1(trend_accum_float8);
PG_FUNCTION_INFO_V1(trend_accum_date);
PG_FUNCTION_INFO_V1(trend_accum_timestamptz);
PG_FUNCTION_INFO_V1(trend_accum_inv_float8);
PG_FUNCTION_INFO_V1(trend_accum_inv_date);
PG_FUNCTION_INFO_V1(trend_accum_inv_timestamptz);
PG_FUNCTION_INFO_V1(trend_combine);
PG_FUNCTION_INFO_V1(trend_n);
PG_FUNCTION_INFO_V1(trend_x_type);
PG_FUNCTION_INFO_V1(trend_last_date);
PG_FUNCTION_INFO_V1(trend_slope);
PG_FUNCTION_INFO_V1(trend_slope_per);
PG_FUNCTION_INFO_V1(trend_slope_se);
PG_FUNCTION_INFO_V1(trend_slope_p);
PG_FUNCTION_INFO_V1(trend_intercept);
PG_FUNCTION_INFO_V1(trend_r2);
PG_FUNCTION_INFO_V1(trend_predict_float8);
PG_FUNCTION_INFO_V1(trend_predict_date);
PG_FUNCTION_INFO_V1(trend_predict_timestamptz);
PG_FUNCTION_INFO_V1(trend_forecast_float8);
PG_FUNCTION_INFO_V1(trend_forecast_date);
PG_FUNCTION_INFO_V1(trend_forecast_timestamptz);
PG_FUNCTION_INFO_V1(trend_reaches);
PG_FUNCTION_INFO_V1(trend_reaches_at);

typedef struct TrendState
{
	int32		kind;			/* TrendXKind */
	int32		nremoved;		/* bookkeeping: rows removed since a fresh start */
	int64		n;				/* number of rows */
	double		x0;				/* offset of x (the first x seen) */
	double		y0;				/* offset of y (the first y seen) */
	double		xmax;			/* largest x - x0 */
	double		mx;				/* mean of x - x0 */
	double		my;				/* mean of y - y0 */
	double		sxx;			/* co-moments about the means */
	double		syy;
	double		sxy;
	double		pxx;			/* bookkeeping: largest sxx, syy since a fresh start */
	double		pyy;
} TrendState;

StaticAssertDecl(sizeof(TrendState) == 96, "kpi.trend is declared with INTERNALLENGTH = 96");

#define PG_GETARG_TREND(n)	((TrendState *) PG_GETARG_POINTER(n))

/* give up on an inverse step when a co-moment falls below peak / 1024 */
#define TREND_CANCEL_RATIO	(1.0 / 1024.0)

/*
 * ... or after max(8n, 512) removals.  Written without 8 * n, which would
 * overflow for the counts a state read from text may claim, and capped so
 * that the int32 counter cannot overflow.
 */
static inline bool
trend_removed_enough(int32 nremoved, int64 n)
{
	return nremoved >= PG_INT32_MAX - 1 || (nremoved >= 512 && nremoved / 8 >= n);
}

/* text format: (kind,n=..,x0=..,y0=..,xmax=..,mx=..,my=..,sxx=..,syy=..,sxy=..) */
#define TREND_NFIELDS 8
static const char *const trend_field_names[TREND_NFIELDS] =
{"x0", "y0", "xmax", "mx", "my", "sxx", "syy", "sxy"};

#define TREND_BINARY_VERSION 1

static const char *
kind_name(int32 kind)
{
	switch (kind)
	{
		case TREND_X_FLOAT8:
			return "float8";
		case TREND_X_DATE:
			return "date";
		case TREND_X_TIMESTAMPTZ:
			return "timestamptz";
	}
	return "?";
}

static double *
trend_fields(TrendState *s)
{
	return &s->x0;
}

/* ----------------------------------------------------------------------
 * Validation: states reach C from text, binary and SQL calls
 * ----------------------------------------------------------------------
 */

/*
 * NULL if the state's value is consistent; otherwise a sentence saying why
 * not.  Rounding can make the computed co-moments break Cauchy–Schwarz by a
 * few ulps, hence the slack.
 */
static const char *
trend_invalid_reason(const TrendState *s)
{
	const double *f = &s->x0;

	if (s->kind != TREND_X_FLOAT8 && s->kind != TREND_X_DATE &&
		s->kind != TREND_X_TIMESTAMPTZ)
		return "The x kind must be float8, date or timestamptz.";
	if (s->n < 0)
		return "The count must not be negative.";
	for (int i = 0; i < TREND_NFIELDS; i++)
		if (!isfinite(f[i]))
			return "Every field must be a finite number.";
	if (s->sxx < 0 || s->syy < 0)
		return "The sums of squares sxx and syy must not be negative.";
	if (s->n == 0)
	{
		for (int i = 0; i < TREND_NFIELDS; i++)
			if (f[i] != 0)
				return "An empty trend (n=0) has every other field 0.";
	}
	else if (s->n == 1)
	{
		if (s->sxx != 0 || s->syy != 0 || s->sxy != 0 || s->mx != s->xmax)
			return "A trend of one point has zero co-moments and xmax = mx.";
	}
	else
	{
		/*
		 * The largest x is at least the mean, and no x lies further from
		 * the mean than sqrt(sxx).  The slack (10^-6 relative) is far more
		 * than the rounding of any state the aggregates build.
		 */
		double		slack = 1e-6 * (fabs(s->xmax) + fabs(s->mx));

		if (s->mx - s->xmax > slack)
			return "The largest x (xmax) must not be below the mean x (mx).";
		if (s->xmax - s->mx > sqrt(s->sxx) * (1.0 + 1e-6) + slack)
			return "The largest x (xmax) must not be further above the mean x (mx) than sqrt(sxx).";
	}
	if (s->sxy * s->sxy > s->sxx * s->syy * (1.0 + 1e-9))
		return "sxy^2 must not exceed sxx * syy.";
	return NULL;
}

/* the state as an argument of a SQL-callable function: trust nothing */
static TrendState *
trend_arg(FunctionCallInfo fcinfo, int argno)
{
	TrendState *s = PG_GETARG_TREND(argno);

	if (unlikely(s->kind != TREND_X_FLOAT8 && s->kind != TREND_X_DATE &&
				 s->kind != TREND_X_TIMESTAMPTZ) || unlikely(s->n < 0))
		ereport(ERROR,
				(errcode(ERRCODE_DATA_CORRUPTED),
				 errmsg("invalid kpi.trend value")));
	return s;
}

/* ----------------------------------------------------------------------
 * Text and binary I/O
 * ----------------------------------------------------------------------
 */

static void
append_double(StringInfo buf, const char *name, double v)
{
	char		num[DOUBLE_SHORTEST_DECIMAL_LEN];

	/* the shortest decimal that reads back to exactly v, whatever extra_float_digits says */
	double_to_shortest_decimal_buf(v, num);
	appendStringInfo(buf, ",%s=%s", name, num);
}

Datum
trend_out(PG_FUNCTION_ARGS)
{
	TrendState *s = trend_arg(fcinfo, 0);
	StringInfoData buf;

	initStringInfo(&buf);
	appendStringInfo(&buf, "(%s,n=" INT64_FORMAT, kind_name(s->kind), s->n);
	for (int i = 0; i < TREND_NFIELDS; i++)
		append_double(&buf, trend_field_names[i], trend_fields(s)[i]);
	appendStringInfoChar(&buf, ')');
	PG_RETURN_CSTRING(buf.data);
}

static void
trend_syntax_error(const char *input, const char *detail)
{
	ereport(ERROR,
			(errcode(ERRCODE_INVALID_TEXT_REPRESENTATION),
			 errmsg("invalid input syntax for type kpi.trend: \"%s\"", input),
			 errdetail("%s", detail),
			 errhint("A kpi.trend reads like (date,n=6,x0=...,y0=...,xmax=...,mx=...,my=...,sxx=...,syy=...,sxy=...), as kpi.trend values print.")));
}

static const char *
skip_blanks(const char *p)
{
	while (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r')
		p++;
	return p;
}

/* expect "name=" after optional blanks; returns the position after '=' */
static const char *
expect_name(const char *input, const char *p, const char *name)
{
	size_t		len = strlen(name);

	p = skip_blanks(p);
	if (*p != ',')
		trend_syntax_error(input, psprintf("Expected \",\" before \"%s\".", name));
	p = skip_blanks(p + 1);
	if (strncmp(p, name, len) != 0)
		trend_syntax_error(input, psprintf("Expected the field \"%s\".", name));
	p = skip_blanks(p + len);
	if (*p != '=')
		trend_syntax_error(input, psprintf("Expected \"=\" after \"%s\".", name));
	return skip_blanks(p + 1);
}

Datum
trend_in(PG_FUNCTION_ARGS)
{
	char	   *input = PG_GETARG_CSTRING(0);
	TrendState *s = palloc0(sizeof(TrendState));
	const char *p = skip_blanks(input);
	const char *reason;
	char	   *end;
	size_t		len;

	if (*p != '(')
		trend_syntax_error(input, "A kpi.trend starts with \"(\".");
	p = skip_blanks(p + 1);
	len = strcspn(p, " \t\r\n,)");
	if (len == 6 && strncmp(p, "float8", 6) == 0)
		s->kind = TREND_X_FLOAT8;
	else if (len == 4 && strncmp(p, "date", 4) == 0)
		s->kind = TREND_X_DATE;
	else if (len == 11 && strncmp(p, "timestamptz", 11) == 0)
		s->kind = TREND_X_TIMESTAMPTZ;
	else
		trend_syntax_error(input, "The x kind must be float8, date or timestamptz.");
	p += len;

	p = expect_name(input, p, "n");
	if (*p < '0' || *p > '9')
		trend_syntax_error(input, "The count n must be a non-negative integer.");
	errno = 0;
	{
		long long	n = strtoll(p, &end, 10);

		if (errno != 0 || end == p)
			trend_syntax_error(input, "The count n must be a non-negative integer.");
		s->n = (int64) n;
	}
	p = end;

	for (int i = 0; i < TREND_NFIELDS; i++)
	{
		double		v;

		p = expect_name(input, p, trend_field_names[i]);
		errno = 0;
		v = strtod(p, &end);
		if (end == p || (errno == ERANGE && (v == 0 || isinf(v))) || !isfinite(v))
			trend_syntax_error(input,
							   psprintf("The field \"%s\" must be a finite number.",
										trend_field_names[i]));
		trend_fields(s)[i] = v;
		p = end;
	}
	p = skip_blanks(p);
	if (*p != ')')
		trend_syntax_error(input, "A kpi.trend ends with \")\".");
	p = skip_blanks(p + 1);
	if (*p != '\0')
		trend_syntax_error(input, "Nothing may follow the closing \")\".");

	reason = trend_invalid_reason(s);
	if (reason)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_TEXT_REPRESENTATION),
				 errmsg("invalid kpi.trend value: \"%s\"", input),
				 errdetail("%s", reason)));
	s->pxx = s->sxx;
	s->pyy = s->syy;
	PG_RETURN_POINTER(s);
}

/* binary: version byte, kind byte, int8 n, then the 8 float8 fields */
Datum
trend_send(PG_FUNCTION_ARGS)
{
	TrendState *s = trend_arg(fcinfo, 0);
	StringInfoData buf;

	pq_begintypsend(&buf);
	pq_sendbyte(&buf, TREND_BINARY_VERSION);
	pq_sendbyte(&buf, (uint8) s->kind);
	pq_sendint64(&buf, s->n);
	for (int i = 0; i < TREND_NFIELDS; i++)
		pq_sendfloat8(&buf, trend_fields(s)[i]);
	PG_RETURN_BYTEA_P(pq_endtypsend(&buf));
}

Datum
trend_recv(PG_FUNCTION_ARGS)
{
	StringInfo	buf = (StringInfo) PG_GETARG_POINTER(0);
	TrendState *s = palloc0(sizeof(TrendState));
	const char *reason;
	int			version;

	if (buf->len - buf->cursor != 2 + 8 + 8 * TREND_NFIELDS)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_BINARY_REPRESENTATION),
				 errmsg("invalid binary kpi.trend value"),
				 errdetail("A binary kpi.trend is %d bytes long, not %d.",
						   2 + 8 + 8 * TREND_NFIELDS, buf->len - buf->cursor)));
	version = pq_getmsgbyte(buf);
	if (version != TREND_BINARY_VERSION)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_BINARY_REPRESENTATION),
				 errmsg("invalid binary kpi.trend value"),
				 errdetail("Unknown format version %d.", version)));
	s->kind = pq_getmsgbyte(buf);
	s->n = pq_getmsgint64(buf);
	for (int i = 0; i < TREND_NFIELDS; i++)
		trend_fields(s)[i] = pq_getmsgfloat8(buf);
	reason = trend_invalid_reason(s);
	if (reason)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_BINARY_REPRESENTATION),
				 errmsg("invalid binary kpi.trend value"),
				 errdetail("%s", reason)));
	s->pxx = s->sxx;
	s->pyy = s->syy;
	PG_RETURN_POINTER(s);
}

/* ----------------------------------------------------------------------
 * Transition, inverse transition, combine
 * ----------------------------------------------------------------------
 */

static pg_noinline void
kind_mismatch(int32 have, int32 got, bool combining)
{
	if (combining)
		ereport(ERROR,
				(errcode(ERRCODE_DATATYPE_MISMATCH),
				 errmsg("cannot combine a kpi.trend over %s x with one over %s x",
						kind_name(have), kind_name(got)),
				 errhint("Build every state with the same type of x (float8, date or timestamptz).")));
	ereport(ERROR,
			(errcode(ERRCODE_DATATYPE_MISMATCH),
			 errmsg("cannot add a row with %s x to a kpi.trend over %s x",
					kind_name(got), kind_name(have)),
			 errhint("Build every state with the same type of x (float8, date or timestamptz).")));
}

/*
 * The state to update: in place inside an aggregate (it lives in the
 * aggregate's memory context), otherwise a copy.
 */
static inline TrendState *
trend_for_update(FunctionCallInfo fcinfo, int32 kind, bool combining)
{
	TrendState *s = trend_arg(fcinfo, 0);

	if (!AggCheckCallContext(fcinfo, NULL))
	{
		TrendState *copy = palloc(sizeof(TrendState));

		memcpy(copy, s, sizeof(TrendState));
		s = copy;
	}
	if (unlikely(s->kind != kind))
		kind_mismatch(s->kind, kind, combining);
	return s;
}

static pg_noinline void
trend_overflow(void)
{
	ereport(ERROR,
			(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
			 errmsg("value out of range: overflow"),
			 errdetail("The sums of squares of the trend exceed the float8 range.")));
}

static pg_noinline void
trend_count_overflow(void)
{
	ereport(ERROR,
			(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
			 errmsg("value out of range: overflow"),
			 errdetail("A kpi.trend holds at most %lld points.", (long long) PG_INT64_MAX)));
}

/* add one point (Welford) */
static inline void
trend_add(TrendState *s, double x, double y)
{
	double		dx,
				dy,
				n;

	if (s->n == 0)
	{
		s->x0 = x;
		s->y0 = y;
		s->n = 1;
		s->nremoved = 0;
		s->mx = s->my = s->xmax = 0;
		s->sxx = s->syy = s->sxy = s->pxx = s->pyy = 0;
		return;
	}
	if (unlikely(s->n == PG_INT64_MAX))
		trend_count_overflow();
	x -= s->x0;
	y -= s->y0;
	n = (double) ++s->n;
	dx = x - s->mx;
	dy = y - s->my;
	s->mx += dx / n;
	s->my += dy / n;
	s->sxx += dx * (x - s->mx);
	s->syy += dy * (y - s->my);
	s->sxy += dx * (y - s->my);
	if (x > s->xmax)
		s->xmax = x;
	if (s->sxx > s->pxx)
		s->pxx = s->sxx;
	if (s->syy > s->pyy)
		s->pyy = s->syy;
	if (unlikely(isinf(s->sxx) || isinf(s->syy) || isinf(s->sxy) ||
				 isinf(s->mx) || isinf(s->my)))
		trend_overflow();
}

/*
 * Remove one point (reverse Welford); false when the removal would lose
 * precision and the frame must be recomputed.  The state is left untouched
 * then.
 */
static inline bool
trend_remove(TrendState *s, double x, double y)
{
	double		n1,
				mx,
				my,
				sxx,
				syy,
				sxy;

	if (s->n <= 2)
		return false;			/* recomputing 1 row is as cheap and exact */
	x -= s->x0;
	y -= s->y0;
	if (x >= s->xmax)
		return false;			/* the largest x leaves: find the next one */
	if (trend_removed_enough(s->nremoved, s->n))
		return false;
	n1 = (double) (s->n - 1);
	mx = s->mx - (x - s->mx) / n1;
	my = s->my - (y - s->my) / n1;
	sxx = s->sxx - (x - mx) * (x - s->mx);
	syy = s->syy - (y - my) * (y - s->my);
	sxy = s->sxy - (x - mx) * (y - s->my);
	if (sxx < s->pxx * TREND_CANCEL_RATIO || syy < s->pyy * TREND_CANCEL_RATIO)
		return false;
	s->n--;
	s->nremoved++;
	s->mx = mx;
	s->my = my;
	s->sxx = sxx;
	s->syy = syy;
	s->sxy = sxy;

	/*
	 * In a moving frame the data walk away from the offsets, and a mean far
	 * from its offset is rounded to a precision coarser than the spread.
	 * Move the offsets to the means when they are more than one standard
	 * deviation away.  new x0 = fl(x0 + mx) and d = fl(new x0 - x0) make
	 * new x0 = x0 + d exactly (Fast2Sum, as |x0| >= |mx| once the first
	 * move is made), so no information is lost.
	 */
	if (mx * mx > sxx / n1)
	{
		double		x0 = s->x0 + mx;
		double		d = x0 - s->x0;

		s->x0 = x0;
		s->mx -= d;
		s->xmax -= d;
	}
	if (my * my > syy / n1)
	{
		double		y0 = s->y0 + my;
		double		d = y0 - s->y0;

		s->y0 = y0;
		s->my -= d;
	}
	return true;
}

#define TREND_ACCUM(fname, kind, getx) \
Datum \
fname(PG_FUNCTION_ARGS) \
{ \
	TrendState *s = trend_for_update(fcinfo, kind, false); \
	double		y = PG_GETARG_FLOAT8(1); \
	double		x = getx; \
 \
	check_finite_arg(y, "y"); \
	trend_add(s, x, y); \
	PG_RETURN_POINTER(s); \
}

static inline double
finite_x(double x)
{
	check_finite_arg(x, "x");
	return x;
}

TREND_ACCUM(trend_accum_float8, TREND_X_FLOAT8, finite_x(PG_GETARG_FLOAT8(2)))
TREND_ACCUM(trend_accum_date, TREND_X_DATE, trend_x_from_date(PG_GETARG_DATEADT(2)))
TREND_ACCUM(trend_accum_timestamptz, TREND_X_TIMESTAMPTZ,
			trend_x_from_timestamptz(PG_GETARG_TIMESTAMPTZ(2)))

#define TREND_ACCUM_INV(fname, kind, getx) \
Datum \
fname(PG_FUNCTION_ARGS) \
{ \
	TrendState *s = trend_for_update(fcinfo, kind, false); \
	double		y = PG_GETARG_FLOAT8(1); \
	double		x = getx; \
 \
	if (!trend_remove(s, x, y)) \
		PG_RETURN_NULL(); \
	PG_RETURN_POINTER(s); \
}

TREND_ACCUM_INV(trend_accum_inv_float8, TREND_X_FLOAT8, PG_GETARG_FLOAT8(2))
TREND_ACCUM_INV(trend_accum_inv_date, TREND_X_DATE, trend_x_from_date(PG_GETARG_DATEADT(2)))
TREND_ACCUM_INV(trend_accum_inv_timestamptz, TREND_X_TIMESTAMPTZ,
				trend_x_from_timestamptz(PG_GETARG_TIMESTAMPTZ(2)))

/*
 * Merge two states (the combine function of kpi.trend and the transition
 * of kpi.rollup).  STRICT: PostgreSQL copies the first non-NULL state in.
 */
Datum
trend_combine(PG_FUNCTION_ARGS)
{
	TrendState *b = trend_arg(fcinfo, 1);
	TrendState *a = trend_for_update(fcinfo, b->kind, true);
	int64		total;
	double		na,
				nb,
				n,
				shift_x,
				shift_y,
				dx,
				dy,
				f;

	if (b->n == 0)
		PG_RETURN_POINTER(a);
	if (a->n == 0)
	{
		memcpy(a, b, sizeof(TrendState));
		a->nremoved = 0;
		PG_RETURN_POINTER(a);
	}
	if (unlikely(pg_add_s64_overflow(a->n, b->n, &total)))
		trend_count_overflow();
	na = (double) a->n;
	nb = (double) b->n;
	n = na + nb;
	/* b's means measured from a's offsets */
	shift_x = b->x0 - a->x0;
	shift_y = b->y0 - a->y0;
	dx = (b->mx + shift_x) - a->mx;
	dy = (b->my + shift_y) - a->my;
	f = na * nb / n;

	a->n = total;
	a->mx += dx * (nb / n);
	a->my += dy * (nb / n);
	a->sxx += b->sxx + dx * dx * f;
	a->syy += b->syy + dy * dy * f;
	a->sxy += b->sxy + dx * dy * f;
	if (b->xmax + shift_x > a->xmax)
		a->xmax = b->xmax + shift_x;
	a->pxx = Max(Max(a->pxx, b->pxx), a->sxx);
	a->pyy = Max(Max(a->pyy, b->pyy), a->syy);
	a->nremoved = 0;
	if (unlikely(!isfinite(a->sxx) || !isfinite(a->syy) || !isfinite(a->sxy) ||
				 !isfinite(a->mx) || !isfinite(a->my) || !isfinite(a->xmax)))
		trend_overflow();
	PG_RETURN_POINTER(a);
}

/* ----------------------------------------------------------------------
 * Accessors
 * ----------------------------------------------------------------------
 */

/* true when the state defines a line (two distinct x) */
static inline bool
has_line(const TrendState *s)
{
	return s->n >= 2 && s->sxx > 0;
}

static inline double
slope_of(const TrendState *s)
{
	return s->sxy / s->sxx;
}

/* fitted y at x (absolute x, in the trend's units) */
static inline double
fitted_at(const TrendState *s, double x)
{
	return s->y0 + s->my + slope_of(s) * ((x - s->x0) - s->mx);
}

/* residual sum of squares, never negative */
static inline double
sse_of(const TrendState *s)
{
	double		sse = s->syy - s->sxy * s->sxy / s->sxx;

	return sse > 0 ? sse : 0;
}

static void
require_time_kind(const TrendState *s, const char *func)
{
	if (s->kind == TREND_X_FLOAT8)
		ereport(ERROR,
				(errcode(ERRCODE_DATATYPE_MISMATCH),
				 errmsg("%s needs a trend over date or timestamptz x, not float8 x", func),
				 errhint("For a trend over numbers use kpi.slope(trend) and kpi.reaches(trend, target).")));
}

static void
require_float_kind(const TrendState *s, const char *func)
{
	if (s->kind != TREND_X_FLOAT8)
		ereport(ERROR,
				(errcode(ERRCODE_DATATYPE_MISMATCH),
				 errmsg("%s: this trend is over %s x, so x must be a %s", func,
						kind_name(s->kind), kind_name(s->kind)),
				 errhint("Pass x as a date or timestamptz, e.g. DATE '2025-03-31'.")));
}

Datum
trend_n(PG_FUNCTION_ARGS)
{
	PG_RETURN_INT64(trend_arg(fcinfo, 0)->n);
}

Datum
trend_x_type(PG_FUNCTION_ARGS)
{
	PG_RETURN_TEXT_P(cstring_to_text(kind_name(trend_arg(fcinfo, 0)->kind)));
}

/*
 * The latest date of a trend over dates (its largest x), NULL when it has
 * no points: the as_of of kpi.trend_year_end.  Dates are whole days, and
 * the state keeps the largest x exactly (an inverse transition that
 * removes it gives up), so rounding only undoes the offset's addition.
 */
Datum
trend_last_date(PG_FUNCTION_ARGS)
{
	TrendState *s = trend_arg(fcinfo, 0);
	double		d;

	if (s->kind != TREND_X_DATE)
		ereport(ERROR,
				(errcode(ERRCODE_DATATYPE_MISMATCH),
				 errmsg("kpi.last_date needs a trend over date x, not %s x", kind_name(s->kind)),
				 errhint("Give the latest period yourself, e.g. kpi.trend_year_end(trend, ..., as_of => DATE '2024-09-01').")));
	if (s->n == 0)
		PG_RETURN_NULL();
	d = rint(s->x0 + s->xmax - TREND_PG_EPOCH_DAYS);
	if (!(d >= (double) DATETIME_MIN_JULIAN - POSTGRES_EPOCH_JDATE &&
		  d < (double) DATE_END_JULIAN - POSTGRES_EPOCH_JDATE))
		ereport(ERROR,
				(errcode(ERRCODE_DATETIME_VALUE_OUT_OF_RANGE),
				 errmsg("date out of range")));
	PG_RETURN_DATEADT((DateADT) d);
}

Datum
trend_slope(PG_FUNCTION_ARGS)
{
	TrendState *s = trend_arg(fcinfo, 0);

	if (!has_line(s))
		PG_RETURN_NULL();
	PG_RETURN_FLOAT8(slope_of(s));
}

/*
 * Days in an interval: a month is the mean Gregorian month, 365.2425 / 12
 * = 30.436875 days, so '1 year' is 365.2425 days and '1 month' one twelfth
 * of it; days and times are taken as they are (a day is 24 hours).
 */
static double
interval_days(const Interval *iv)
{
	return (double) iv->month * (365.2425 / 12.0) + (double) iv->day +
		(double) iv->time / (double) USECS_PER_DAY;
}

Datum
trend_slope_per(PG_FUNCTION_ARGS)
{
	TrendState *s = trend_arg(fcinfo, 0);
	Interval   *per = PG_GETARG_INTERVAL_P(1);

	require_time_kind(s, "kpi.slope(trend, interval)");
#ifdef INTERVAL_NOT_FINITE
	if (INTERVAL_NOT_FINITE(per))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("the interval must be finite")));
#endif
	if (!has_line(s))
		PG_RETURN_NULL();
	PG_RETURN_FLOAT8(slope_of(s) * interval_days(per));
}

Datum
trend_slope_se(PG_FUNCTION_ARGS)
{
	TrendState *s = trend_arg(fcinfo, 0);

	if (!has_line(s) || s->n < 3)
		PG_RETURN_NULL();
	PG_RETURN_FLOAT8(sqrt(sse_of(s) / (double) (s->n - 2) / s->sxx));
}

Datum
trend_slope_p(PG_FUNCTION_ARGS)
{
	TrendState *s = trend_arg(fcinfo, 0);
	double		se,
				t;

	if (!has_line(s) || s->n < 3 || s->syy == 0)
		PG_RETURN_NULL();
	se = sqrt(sse_of(s) / (double) (s->n - 2) / s->sxx);
	if (se == 0)
		PG_RETURN_FLOAT8(0.0);	/* a perfect, non-flat line */
	t = fabs(slope_of(s) / se);
	PG_RETURN_FLOAT8(2.0 * kpi_pt(t, (double) (s->n - 2), false));
}

Datum
trend_intercept(PG_FUNCTION_ARGS)
{
	TrendState *s = trend_arg(fcinfo, 0);

	if (!has_line(s))
		PG_RETURN_NULL();
	PG_RETURN_FLOAT8(fitted_at(s, 0.0));
}

Datum
trend_r2(PG_FUNCTION_ARGS)
{
	TrendState *s = trend_arg(fcinfo, 0);

	/* as regr_r2: undefined without x spread, 1 for a constant y */
	if (!has_line(s))
		PG_RETURN_NULL();
	if (s->syy == 0)
		PG_RETURN_FLOAT8(1.0);
	PG_RETURN_FLOAT8((s->sxy * s->sxy) / (s->sxx * s->syy));
}

static double
predict_x_arg(FunctionCallInfo fcinfo, TrendState *s, int32 argkind, const char *func)
{
	if (argkind == TREND_X_FLOAT8)
	{
		double		x = PG_GETARG_FLOAT8(1);

		require_float_kind(s, func);
		check_finite_arg(x, "x");
		return x;
	}
	if (s->kind == TREND_X_FLOAT8)
		ereport(ERROR,
				(errcode(ERRCODE_DATATYPE_MISMATCH),
				 errmsg("%s: this trend is over float8 x, so x must be a float8", func),
				 errhint("Pass the x value in the units the trend was built with.")));
	/* date and timestamptz share one scale (days since 1970-01-01 UTC) */
	if (argkind == TREND_X_DATE)
		return trend_x_from_date(PG_GETARG_DATEADT(1));
	return trend_x_from_timestamptz(PG_GETARG_TIMESTAMPTZ(1));
}

static Datum
predict_common(FunctionCallInfo fcinfo, int32 argkind)
{
	TrendState *s = trend_arg(fcinfo, 0);
	double		x = predict_x_arg(fcinfo, s, argkind, "kpi.predict");

	if (!has_line(s))
		PG_RETURN_NULL();
	PG_RETURN_FLOAT8(fitted_at(s, x));
}

Datum
trend_predict_float8(PG_FUNCTION_ARGS)
{
	return predict_common(fcinfo, TREND_X_FLOAT8);
}

Datum
trend_predict_date(PG_FUNCTION_ARGS)
{
	return predict_common(fcinfo, TREND_X_DATE);
}

Datum
trend_predict_timestamptz(PG_FUNCTION_ARGS)
{
	return predict_common(fcinfo, TREND_X_TIMESTAMPTZ);
}

/*
 * Forecast with the Student-t prediction interval for a new observation:
 *     yhat ± t(1 - (1-level)/2, n-2) · s · sqrt(1 + 1/n + (x - mean x)^2 / sxx)
 * where s^2 = SSE / (n-2).  The bounds are NULL below three points.
 */
static Datum
forecast_common(FunctionCallInfo fcinfo, int32 argkind)
{
	TrendState *s = trend_arg(fcinfo, 0);
	double		x = predict_x_arg(fcinfo, s, argkind, "kpi.forecast");
	double		level = PG_GETARG_FLOAT8(2);
	Datum		values[3];
	bool		nulls[3] = {false, false, false};
	double		yhat;

	check_level(level);

	if (!has_line(s))
		PG_RETURN_NULL();
	yhat = fitted_at(s, x);
	values[0] = Float8GetDatum(yhat);
	if (s->n < 3)
		nulls[1] = nulls[2] = true;
	else
	{
		double		df = (double) (s->n - 2);
		double		sigma = sqrt(sse_of(s) / df);
		double		dx = (x - s->x0) - s->mx;
		double		q = kpi_qt(1.0 - (1.0 - level) / 2.0, df);
		double		half = q * sigma * sqrt(1.0 + 1.0 / (double) s->n + dx * dx / s->sxx);

		if (isnan(q))
			elog(ERROR, "kpi.forecast: t quantile failed for df %g", df);
		values[1] = Float8GetDatum(yhat - half);
		values[2] = Float8GetDatum(yhat + half);
	}
	PG_RETURN_DATUM(kpi_result_row(fcinfo, values, nulls, 3));
}

Datum
trend_forecast_float8(PG_FUNCTION_ARGS)
{
	return forecast_common(fcinfo, TREND_X_FLOAT8);
}

Datum
trend_forecast_date(PG_FUNCTION_ARGS)
{
	return forecast_common(fcinfo, TREND_X_DATE);
}

Datum
trend_forecast_timestamptz(PG_FUNCTION_ARGS)
{
	return forecast_common(fcinfo, TREND_X_TIMESTAMPTZ);
}

/*
 * The x at which the fitted line reaches target, looking forward from the
 * latest observation: false when the line is flat, undefined, or crossed the
 * target before the latest x (it is moving away from the target now).
 */
static bool
reaches_x(TrendState *s, double target, double *xr)
{
	double		b;
	double		x;

	check_finite_arg(target, "target");
	if (!has_line(s))
		return false;
	b = slope_of(s);
	if (b == 0)
		return false;
	x = s->mx + (target - s->y0 - s->my) / b;	/* relative to x0 */
	if (!isfinite(x) || x < s->xmax)
		return false;
	*xr = x;
	return true;
}

Datum
trend_reaches(PG_FUNCTION_ARGS)
{
	TrendState *s = trend_arg(fcinfo, 0);
	double		x;

	if (!reaches_x(s, PG_GETARG_FLOAT8(1), &x))
		PG_RETURN_NULL();
	PG_RETURN_FLOAT8(s->x0 + x);
}

Datum
trend_reaches_at(PG_FUNCTION_ARGS)
{
	TrendState *s = trend_arg(fcinfo, 0);
	double		x,
				usec;

	require_time_kind(s, "kpi.reaches_at");
	if (!reaches_x(s, PG_GETARG_FLOAT8(1), &x))
		PG_RETURN_NULL();
	/* days since 1970-01-01 UTC to microseconds since 2000-01-01 UTC */
	usec = rint(((s->x0 - TREND_PG_EPOCH_DAYS) + x) * (double) USECS_PER_DAY);
	if (!(usec >= (double) MIN_TIMESTAMP && usec < (double) END_TIMESTAMP))
		PG_RETURN_TIMESTAMPTZ(DT_NOEND);	/* beyond the calendar: infinity */
	PG_RETURN_TIMESTAMPTZ((TimestampTz) usec);
}

/* ----------------------------------------------------------------------
 * Equality, ordering and hashing (DISTINCT, GROUP BY, UNION, indexes, and
 * logical replication's row lookups under REPLICA IDENTITY FULL)
 * ----------------------------------------------------------------------
 *
 * Two trends are equal exactly when their text forms are: the same kind,
 * count and fields, bit for bit (so -0 and 0 differ, as they print).  The
 * bookkeeping fields are not part of the value and are never looked at.
 * Two states of the same points gathered in another order have other
 * offsets, so they can describe the same line and still differ.  The order
 * (kind, n, then the fields in text order; -0 before 0) is only a storage
 * order: it does not compare slopes.
 */
static int
trend_cmp_states(TrendState *a, TrendState *b)
{
	if (a->kind != b->kind)
		return a->kind < b->kind ? -1 : 1;
	if (a->n != b->n)
		return a->n < b->n ? -1 : 1;
	return kpi_doubles_storage_cmp(trend_fields(a), trend_fields(b), TREND_NFIELDS);
}

static bool
trend_eq_states(TrendState *a, TrendState *b)
{
	return trend_cmp_states(a, b) == 0;
}

/* hash of the value's bytes: kind, n and the fields (NaN, never stored, as one NaN) */
static uint64
trend_hash_value(TrendState *s, uint64 seed)
{
	unsigned char bytes[4 + 8 + 8 * TREND_NFIELDS];
	int32		kind = s->kind;

	memcpy(bytes, &kind, 4);
	memcpy(bytes + 4, &s->n, 8);
	for (int i = 0; i < TREND_NFIELDS; i++)
	{
		double		v = kpi_double_hash_form(trend_fields(s)[i]);

		memcpy(bytes + 12 + 8 * i, &v, 8);
	}
	return hash_bytes_extended(bytes, sizeof(bytes), seed);
}

KPI_STORAGE_ORDER_FUNCTIONS(trend, TrendState *, trend_arg, trend_cmp_states, trend_eq_states, trend_hash_value);
