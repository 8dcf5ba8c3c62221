/*
 * policy.c — the kpi.policy type (how an indicator is scored) and
 * kpi.score, which scores a value by it.
 *
 * A board scores each indicator its own way; storing the way in a column
 * lets one expression, kpi.score(actual, target, polarity, policy [, as_of]),
 * score forty different indicators.  The text form:
 *
 *   relative [T]   amber when worse by at most T × |target| (T default 0.10;
 *                  written 0.1 or 10%): kpi.rag
 *   absolute T     amber when worse by at most T in the measure's units
 *                  (percentage points for a percentage): kpi.rag_abs
 *   met            green when on or better than target, red otherwise
 * followed, in any order, by
 *   cumulative     a year-to-date count scored against the target's
 *                  trajectory to as_of (kpi.trajectory: whole months of the
 *                  financial year), not the year-end target
 *   stretch S      BRAG: blue when on or better than the stretch target S
 *                  (pro-rated too when cumulative)
 *
 * Every edge is decided in decimal, as kpi.rag's band edge is (scoring.c):
 * on-or-better tests compare the float8s, whose order is their shortest
 * decimals' order; band tests use rag_band_score; a cumulative policy
 * compares 12 × actual with months × target (and its band) in numeric, so
 * 280.4 against 6/12 of 560.8 is exactly on the trajectory.
 *
 * Storage: 24 bytes by reference (method, flags, tolerance, stretch),
 * padding zeroed and -0 stored as 0, so equal policies are equal bytes.
 */
#include "postgres.h"

#include <ctype.h>
#include <float.h>
#include <math.h>

#include "access/hash.h"
#include "common/shortest_dec.h"
#include "kpi.h"
#include "lib/stringinfo.h"
#include "libpq/pqformat.h"
#include "utils/builtins.h"
#include "utils/date.h"
#include "utils/fmgrprotos.h"

PG_FUNCTION_INFO_V1(policy_in);
PG_FUNCTION_INFO_V1(policy_out);
PG_FUNCTION_INFO_V1(policy_recv);
PG_FUNCTION_INFO_V1(policy_send);
PG_FUNCTION_INFO_V1(policy_eq);
PG_FUNCTION_INFO_V1(policy_ne);
PG_FUNCTION_INFO_V1(policy_cmp);
PG_FUNCTION_INFO_V1(policy_lt);
PG_FUNCTION_INFO_V1(policy_le);
PG_FUNCTION_INFO_V1(policy_gt);
PG_FUNCTION_INFO_V1(policy_ge);
PG_FUNCTION_INFO_V1(policy_hash);
PG_FUNCTION_INFO_V1(policy_hash_extended);
PG_FUNCTION_INFO_V1(kpi_score);

/* periods.c: months elapsed / 12 */
extern Datum kpi_fy_elapsed(PG_FUNCTION_ARGS);

#define METHOD_RELATIVE		1
#define METHOD_ABSOLUTE		2
#define METHOD_MET			3

#define FLAG_CUMULATIVE		0x01
#define FLAG_STRETCH		0x02
#define FLAGS_KNOWN			(FLAG_CUMULATIVE | FLAG_STRETCH)

typedef struct KpiPolicy
{
	uint8		method;
	uint8		flags;
	uint8		pad[6];
	float8		tolerance;		/* 0 for met */
	float8		stretch;		/* 0 without FLAG_STRETCH */
} KpiPolicy;

StaticAssertDecl(sizeof(KpiPolicy) == 24, "kpi.policy is INTERNALLENGTH 24");

#define POLICY_SYNTAX "relative [tolerance], absolute tolerance or met, then optionally cumulative and stretch value, e.g. 'relative 10%', 'absolute 2 stretch 98', 'met cumulative'"

static void
policy_syntax_error(const char *str, const char *detail)
{
	ereport(ERROR,
			(errcode(ERRCODE_INVALID_TEXT_REPRESENTATION),
			 errmsg("invalid input syntax for type kpi.policy: \"%s\"", str),
			 errdetail("%s", detail),
			 errhint("A policy is %s.", POLICY_SYNTAX)));
}

/* the next token (blanks and commas separate tokens), or NULL at the end */
static char *
next_token(char **cursor)
{
	char	   *s = *cursor;
	char	   *start;

	while (*s && (isspace((unsigned char) *s) || *s == ','))
		s++;
	if (*s == '\0')
	{
		*cursor = s;
		return NULL;
	}
	start = s;
	while (*s && !isspace((unsigned char) *s) && *s != ',')
		s++;
	if (*s)
		*s++ = '\0';
	*cursor = s;
	return start;
}

/* a finite number, or a percentage when percent_ok ("10%" → 0.1); false if not */
static bool
parse_number(const char *tok, bool percent_ok, double *result)
{
	int			len = strlen(tok);
	char	   *end;
	double		v;

	if (len == 0 || !(isdigit((unsigned char) tok[0]) || tok[0] == '-' || tok[0] == '+' || tok[0] == '.'))
		return false;
	if (percent_ok && tok[len - 1] == '%')
	{
		/* divide in decimal, then round once: 33.3% is the float8 nearest 0.333 */
		char	   *digits = pnstrdup(tok, len - 1);
		Datum		n;

		v = strtod(digits, &end);
		if (end == digits || *end != '\0' || isnan(v) || isinf(v))
			return false;
		n = DirectFunctionCall3(numeric_in, CStringGetDatum(digits),
								ObjectIdGetDatum(InvalidOid), Int32GetDatum(-1));
		n = DirectFunctionCall2(numeric_div, n, DirectFunctionCall1(int4_numeric, Int32GetDatum(100)));
		*result = DatumGetFloat8(DirectFunctionCall1(numeric_float8, n));
		return true;
	}
	errno = 0;
	v = strtod(tok, &end);
	if (end == tok || *end != '\0' || isnan(v) || isinf(v) || errno == ERANGE)
		return false;
	*result = v;
	return true;
}

Datum
policy_in(PG_FUNCTION_ARGS)
{
	const char *str = PG_GETARG_CSTRING(0);
	char	   *copy = pstrdup(str);
	char	   *cursor = copy;
	char	   *tok;
	KpiPolicy  *p = palloc0(sizeof(KpiPolicy));
	double		v;

	tok = next_token(&cursor);
	if (tok == NULL)
		policy_syntax_error(str, "The policy is empty.");
	if (pg_strcasecmp(tok, "relative") == 0)
	{
		p->method = METHOD_RELATIVE;
		p->tolerance = 0.10;
	}
	else if (pg_strcasecmp(tok, "absolute") == 0)
		p->method = METHOD_ABSOLUTE;
	else if (pg_strcasecmp(tok, "met") == 0)
		p->method = METHOD_MET;
	else
		policy_syntax_error(str, "A policy starts with relative, absolute or met.");

	tok = next_token(&cursor);
	if (p->method != METHOD_MET && tok != NULL && parse_number(tok, true, &v))
	{
		p->tolerance = v;
		tok = next_token(&cursor);
	}
	else if (p->method != METHOD_MET && tok != NULL &&
			 (isdigit((unsigned char) tok[0]) || tok[0] == '-' || tok[0] == '+' || tok[0] == '.'))
		policy_syntax_error(str, "The tolerance must be a finite number or percentage: relative 0.1, relative 10%, absolute 2.");
	else if (p->method == METHOD_ABSOLUTE)
		policy_syntax_error(str, "An absolute policy needs its tolerance, in the measure's units: absolute 2.");
	if (p->method != METHOD_MET && (p->tolerance < 0))
		policy_syntax_error(str, "The tolerance must be zero or more.");

	for (; tok != NULL; tok = next_token(&cursor))
	{
		if (pg_strcasecmp(tok, "cumulative") == 0 && !(p->flags & FLAG_CUMULATIVE))
			p->flags |= FLAG_CUMULATIVE;
		else if (pg_strcasecmp(tok, "stretch") == 0 && !(p->flags & FLAG_STRETCH))
		{
			tok = next_token(&cursor);
			if (tok == NULL || !parse_number(tok, false, &v))
				policy_syntax_error(str, "stretch needs the stretch target, a finite number: stretch 98.");
			p->flags |= FLAG_STRETCH;
			p->stretch = v;
		}
		else
			policy_syntax_error(str, psprintf("Unexpected \"%s\" (cumulative and stretch may each appear once).", tok));
	}
	/* one stored form per policy: no -0 */
	if (p->tolerance == 0)
		p->tolerance = 0;
	if (p->stretch == 0)
		p->stretch = 0;
	PG_RETURN_POINTER(p);
}

static void
append_number(StringInfo buf, double v)
{
	char		digits[DOUBLE_SHORTEST_DECIMAL_LEN];

	double_to_shortest_decimal_buf(v, digits);
	appendStringInfoString(buf, digits);
}

/* a stored policy, checked: the binary input and crafted datums can hold anything */
static const KpiPolicy *
policy_arg(FunctionCallInfo fcinfo, int argno)
{
	const KpiPolicy *p = (const KpiPolicy *) PG_GETARG_POINTER(argno);

	if (p->method < METHOD_RELATIVE || p->method > METHOD_MET || (p->flags & ~FLAGS_KNOWN) ||
		isnan(p->tolerance) || isinf(p->tolerance) || p->tolerance < 0 ||
		isnan(p->stretch) || isinf(p->stretch))
		elog(ERROR, "invalid kpi.policy value");
	return p;
}

Datum
policy_out(PG_FUNCTION_ARGS)
{
	const KpiPolicy *p = policy_arg(fcinfo, 0);
	StringInfoData buf;

	initStringInfo(&buf);
	switch (p->method)
	{
		case METHOD_RELATIVE:
			appendStringInfoString(&buf, "relative ");
			append_number(&buf, p->tolerance);
			break;
		case METHOD_ABSOLUTE:
			appendStringInfoString(&buf, "absolute ");
			append_number(&buf, p->tolerance);
			break;
		default:
			appendStringInfoString(&buf, "met");
	}
	if (p->flags & FLAG_CUMULATIVE)
		appendStringInfoString(&buf, " cumulative");
	if (p->flags & FLAG_STRETCH)
	{
		appendStringInfoString(&buf, " stretch ");
		append_number(&buf, p->stretch);
	}
	PG_RETURN_CSTRING(buf.data);
}

/* binary: method, flags (one byte each), tolerance, stretch (float8) */
Datum
policy_recv(PG_FUNCTION_ARGS)
{
	StringInfo	buf = (StringInfo) PG_GETARG_POINTER(0);
	KpiPolicy  *p = palloc0(sizeof(KpiPolicy));

	p->method = pq_getmsgbyte(buf);
	p->flags = pq_getmsgbyte(buf);
	p->tolerance = pq_getmsgfloat8(buf);
	p->stretch = pq_getmsgfloat8(buf);
	if (p->method < METHOD_RELATIVE || p->method > METHOD_MET || (p->flags & ~FLAGS_KNOWN) ||
		isnan(p->tolerance) || isinf(p->tolerance) || p->tolerance < 0 ||
		isnan(p->stretch) || isinf(p->stretch) ||
		(p->method == METHOD_MET && p->tolerance != 0) ||
		(!(p->flags & FLAG_STRETCH) && p->stretch != 0))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_BINARY_REPRESENTATION),
				 errmsg("invalid binary value for type kpi.policy")));
	if (p->tolerance == 0)
		p->tolerance = 0;
	if (p->stretch == 0)
		p->stretch = 0;
	PG_RETURN_POINTER(p);
}

Datum
policy_send(PG_FUNCTION_ARGS)
{
	const KpiPolicy *p = policy_arg(fcinfo, 0);
	StringInfoData buf;

	pq_begintypsend(&buf);
	pq_sendbyte(&buf, p->method);
	pq_sendbyte(&buf, p->flags);
	pq_sendfloat8(&buf, p->tolerance);
	pq_sendfloat8(&buf, p->stretch);
	PG_RETURN_BYTEA_P(pq_endtypsend(&buf));
}

/* equality is byte equality (one stored form per policy); the order only serves indexes */
static int
policy_compare(FunctionCallInfo fcinfo)
{
	return memcmp(PG_GETARG_POINTER(0), PG_GETARG_POINTER(1), sizeof(KpiPolicy));
}

Datum
policy_cmp(PG_FUNCTION_ARGS)
{
	int			c = policy_compare(fcinfo);

	PG_RETURN_INT32(c < 0 ? -1 : (c > 0 ? 1 : 0));
}

#define POLICY_CMP_FUNC(name, op) \
Datum \
name(PG_FUNCTION_ARGS) \
{ \
	PG_RETURN_BOOL(policy_compare(fcinfo) op 0); \
}

POLICY_CMP_FUNC(policy_eq, ==)
POLICY_CMP_FUNC(policy_ne, !=)
POLICY_CMP_FUNC(policy_lt, <)
POLICY_CMP_FUNC(policy_le, <=)
POLICY_CMP_FUNC(policy_gt, >)
POLICY_CMP_FUNC(policy_ge, >=)

Datum
policy_hash(PG_FUNCTION_ARGS)
{
	return hash_any((const unsigned char *) PG_GETARG_POINTER(0), sizeof(KpiPolicy));
}

Datum
policy_hash_extended(PG_FUNCTION_ARGS)
{
	return hash_any_extended((const unsigned char *) PG_GETARG_POINTER(0), sizeof(KpiPolicy),
							 PG_GETARG_INT64(1));
}

/* on or better than the comparator, which direction is good telling */
static inline bool
on_or_better(double actual, double comparator, Polarity polarity)
{
	return polarity == POLARITY_HIGHER ? actual >= comparator : actual <= comparator;
}

static int
numeric_compare(Datum a, Datum b)
{
	return DatumGetInt32(DirectFunctionCall2(numeric_cmp, a, b));
}

static Datum
numeric_times(Datum a, int32 k)
{
	return DirectFunctionCall2(numeric_mul, a, DirectFunctionCall1(int4_numeric, Int32GetDatum(k)));
}

/*
 * A cumulative policy at month `months` of 12: 12 × actual against
 * months × target (and × stretch), exactly, on the shortest decimals.
 */
static Rag
score_cumulative(const KpiPolicy *p, double actual, double target, Polarity polarity, int months)
{
	Datum		a = numeric_times(shortest_decimal(actual), 12);
	Datum		t = numeric_times(shortest_decimal(target), months);
	int			c = numeric_compare(a, t);
	Datum		worse;
	Datum		band;
	Rag			r;

	if (polarity == POLARITY_HIGHER ? c >= 0 : c <= 0)
	{
		r = RAG_GREEN;
		if (p->flags & FLAG_STRETCH)
		{
			c = numeric_compare(a, numeric_times(shortest_decimal(p->stretch), months));
			if (polarity == POLARITY_HIGHER ? c >= 0 : c <= 0)
				r = RAG_BLUE;
		}
		return r;
	}
	if (p->method == METHOD_MET)
		return RAG_RED;
	worse = polarity == POLARITY_HIGHER ? DirectFunctionCall2(numeric_sub, t, a)
		: DirectFunctionCall2(numeric_sub, a, t);
	if (p->method == METHOD_ABSOLUTE)
		band = numeric_times(shortest_decimal(p->tolerance), 12);
	else
		band = DirectFunctionCall2(numeric_mul, shortest_decimal(p->tolerance),
								   DirectFunctionCall1(numeric_abs, t));
	return numeric_compare(worse, band) <= 0 ? RAG_AMBER : RAG_RED;
}

/*
 * kpi.score(actual, target, polarity, policy, as_of DEFAULT NULL,
 * start_month DEFAULT 4) → kpi.rag.  Not STRICT, so a misspelt polarity is
 * an error even in a row without a value, and so is a start_month outside
 * 1-12 whatever the policy; NULL actual, target, polarity, policy or
 * start_month gives NULL, as kpi.rag and the period functions do.
 */
Datum
kpi_score(PG_FUNCTION_ARGS)
{
	const KpiPolicy *p;
	Polarity	polarity = POLARITY_NONE;
	double		actual;
	double		target;
	int			months = 12;
	Rag			r;

	if (!PG_ARGISNULL(2))
		polarity = polarity_arg(fcinfo, 2);
	if (PG_ARGISNULL(3))
		PG_RETURN_NULL();
	p = policy_arg(fcinfo, 3);
	/* checked whatever the policy, as the period functions check it */
	if (!PG_ARGISNULL(5))
		check_start_month(PG_GETARG_INT32(5));
	if (p->flags & FLAG_CUMULATIVE)
	{
		if (PG_ARGISNULL(4))
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("a cumulative policy needs the date of the period (as_of)"),
					 errhint("Pass the period's last day, e.g. kpi.score(actual, target, polarity, policy, DATE '2024-09-30').")));
		if (PG_ARGISNULL(5))
			PG_RETURN_NULL();
		months = (int) rint(DatumGetFloat8(DirectFunctionCall2(kpi_fy_elapsed, PG_GETARG_DATUM(4),
															   PG_GETARG_DATUM(5))) * 12.0);
	}
	if (PG_ARGISNULL(0) || PG_ARGISNULL(1) || PG_ARGISNULL(2) || PG_ARGISNULL(5))
		PG_RETURN_NULL();
	actual = PG_GETARG_FLOAT8(0);
	target = PG_GETARG_FLOAT8(1);
	check_finite_arg(actual, "actual value");
	check_finite_arg(target, "target");
	if (polarity == POLARITY_NONE)
		PG_RETURN_NULL();

	if (p->flags & FLAG_CUMULATIVE)
		PG_RETURN_RAG(score_cumulative(p, actual, target, polarity, months));

	if (p->method == METHOD_MET)
		r = on_or_better(actual, target, polarity) ? RAG_GREEN : RAG_RED;
	else
		r = rag_band_score(actual, target, polarity, p->tolerance, p->method == METHOD_ABSOLUTE);
	if (r == RAG_GREEN && (p->flags & FLAG_STRETCH) && on_or_better(actual, p->stretch, polarity))
		r = RAG_BLUE;
	PG_RETURN_RAG(r);
}
