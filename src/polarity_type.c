/*
 * polarity_type.c — the kpi.polarity type: an indicator's polarity as a
 * column type, so that a misspelt polarity is refused when the row is
 * loaded rather than when a board query scores it.
 *
 * One byte passed by value, like kpi.rag: 1 higher, 2 lower, 3 none (0 is
 * never valid).  It reads every spelling the text form reads (polarity.c)
 * and prints the canonical word; the binary form is that word, as for
 * kpi.rag.  An implicit cast to text hands it to every function that takes
 * a text polarity, so each such function takes either.
 */
#include "postgres.h"

#include "access/hash.h"
#include "kpi.h"
#include "lib/stringinfo.h"
#include "libpq/pqformat.h"
#include "utils/builtins.h"

PG_FUNCTION_INFO_V1(polarity_in);
PG_FUNCTION_INFO_V1(polarity_out);
PG_FUNCTION_INFO_V1(polarity_recv);
PG_FUNCTION_INFO_V1(polarity_send);
PG_FUNCTION_INFO_V1(polarity_text);
PG_FUNCTION_INFO_V1(polarity_eq);
PG_FUNCTION_INFO_V1(polarity_ne);
PG_FUNCTION_INFO_V1(polarity_lt);
PG_FUNCTION_INFO_V1(polarity_le);
PG_FUNCTION_INFO_V1(polarity_gt);
PG_FUNCTION_INFO_V1(polarity_ge);
PG_FUNCTION_INFO_V1(polarity_cmp);
PG_FUNCTION_INFO_V1(polarity_hash);
PG_FUNCTION_INFO_V1(polarity_hash_extended);

/* stored code = Polarity + 1 */
#define CODE_OF(p)		((uint8) ((p) + 1))
#define CODE_VALID(c)	((c) >= 1 && (c) <= 3)
#define GETARG_CODE(n)	((uint8) DatumGetChar(PG_GETARG_DATUM(n)))
#define RETURN_CODE(c)	return CharGetDatum((char) (c))

static const char *const polarity_words[] = {NULL, "higher", "lower", "none"};

static const char *
word_of(uint8 code)
{
	if (!CODE_VALID(code))
		elog(ERROR, "invalid kpi.polarity code %d", (int) code);
	return polarity_words[code];
}

Datum
polarity_in(PG_FUNCTION_ARGS)
{
	const char *str = PG_GETARG_CSTRING(0);
	Polarity	p;

	if (!polarity_from_string(str, strlen(str), &p))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_TEXT_REPRESENTATION),
				 errmsg("invalid input syntax for type kpi.polarity: \"%s\"", str),
				 errdetail("A polarity says which direction is good: higher, lower, or none for a measure that is not scored."),
				 errhint("Accepted spellings (any case, surrounding blanks ignored): %s.", polarity_spellings())));
	RETURN_CODE(CODE_OF(p));
}

Datum
polarity_out(PG_FUNCTION_ARGS)
{
	PG_RETURN_CSTRING(pstrdup(word_of(GETARG_CODE(0))));
}

Datum
polarity_recv(PG_FUNCTION_ARGS)
{
	StringInfo	buf = (StringInfo) PG_GETARG_POINTER(0);
	int			len = buf->len - buf->cursor;
	const char *word = pq_getmsgbytes(buf, len);

	for (int c = 1; c <= 3; c++)
	{
		if ((int) strlen(polarity_words[c]) == len && memcmp(word, polarity_words[c], len) == 0)
			RETURN_CODE(c);
	}
	ereport(ERROR,
			(errcode(ERRCODE_INVALID_BINARY_REPRESENTATION),
			 errmsg("invalid binary value for type kpi.polarity"),
			 errdetail("The binary form of a kpi.polarity is one of the words higher, lower or none, in lower case.")));
	pg_unreachable();
}

Datum
polarity_send(PG_FUNCTION_ARGS)
{
	const char *word = word_of(GETARG_CODE(0));
	StringInfoData buf;

	pq_begintypsend(&buf);
	pq_sendbytes(&buf, word, strlen(word));
	PG_RETURN_BYTEA_P(pq_endtypsend(&buf));
}

/* the implicit cast to text: the canonical word */
Datum
polarity_text(PG_FUNCTION_ARGS)
{
	PG_RETURN_TEXT_P(cstring_to_text(word_of(GETARG_CODE(0))));
}

#define POLARITY_CMP_FUNC(name, op) \
Datum \
name(PG_FUNCTION_ARGS) \
{ \
	PG_RETURN_BOOL(GETARG_CODE(0) op GETARG_CODE(1)); \
}

POLARITY_CMP_FUNC(polarity_eq, ==)
POLARITY_CMP_FUNC(polarity_ne, !=)
POLARITY_CMP_FUNC(polarity_lt, <)
POLARITY_CMP_FUNC(polarity_le, <=)
POLARITY_CMP_FUNC(polarity_gt, >)
POLARITY_CMP_FUNC(polarity_ge, >=)

Datum
polarity_cmp(PG_FUNCTION_ARGS)
{
	PG_RETURN_INT32((int32) GETARG_CODE(0) - (int32) GETARG_CODE(1));
}

Datum
polarity_hash(PG_FUNCTION_ARGS)
{
	return hash_uint32((uint32) GETARG_CODE(0));
}

Datum
polarity_hash_extended(PG_FUNCTION_ARGS)
{
	return hash_uint32_extended((uint32) GETARG_CODE(0), PG_GETARG_INT64(1));
}
