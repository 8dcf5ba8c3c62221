/*
 * rag.c — the kpi.rag type: text and binary I/O, comparison, hashing,
 * sort support, and the symbol/label helpers.
 *
 * Binary format: the label as text ("red", "amber", "green"), as PostgreSQL
 * sends enums, so that a client reading binary results without knowing the
 * type still sees a readable value.
 */
#include "postgres.h"

#include "access/hash.h"
#include "glyphs.h"
#include "kpi.h"
#include "lib/stringinfo.h"
#include "libpq/pqformat.h"
#include "mb/pg_wchar.h"
#include "utils/builtins.h"
#include "utils/sortsupport.h"

PG_FUNCTION_INFO_V1(rag_in);
PG_FUNCTION_INFO_V1(rag_out);
PG_FUNCTION_INFO_V1(rag_recv);
PG_FUNCTION_INFO_V1(rag_send);
PG_FUNCTION_INFO_V1(rag_eq);
PG_FUNCTION_INFO_V1(rag_ne);
PG_FUNCTION_INFO_V1(rag_lt);
PG_FUNCTION_INFO_V1(rag_le);
PG_FUNCTION_INFO_V1(rag_gt);
PG_FUNCTION_INFO_V1(rag_ge);
PG_FUNCTION_INFO_V1(rag_cmp);
PG_FUNCTION_INFO_V1(rag_sortsupport);
PG_FUNCTION_INFO_V1(rag_hash);
PG_FUNCTION_INFO_V1(rag_hash_extended);
PG_FUNCTION_INFO_V1(rag_smaller);
PG_FUNCTION_INFO_V1(rag_larger);
PG_FUNCTION_INFO_V1(rag_symbol);
PG_FUNCTION_INFO_V1(rag_label);
PG_FUNCTION_INFO_V1(rag_int);
PG_FUNCTION_INFO_V1(rag_colour);

static const char *const rag_names[] = {NULL, "red", "amber", "green", "blue"};
static const char *const rag_labels[] = {NULL, "Red", "Amber", "Green", "Blue"};
/*
 * The report prints amber as the yellow circle; where the database's
 * encoding has no circles, R, A, G, B (which read back as ratings).
 */
static KpiGlyphs rag_symbols = KPI_GLYPHS(4,
	{"\xF0\x9F\x94\xB4", "\xF0\x9F\x9F\xA1", "\xF0\x9F\x9F\xA2", "\xF0\x9F\x94\xB5"}, {"R", "A", "G", "B"});

/* the circles accepted as input, where the database's encoding has them */
static KpiGlyphs rag_input_circles = KPI_GLYPHS(5,
	{"\xF0\x9F\x94\xB4",		/* U+1F534 red circle */
	 "\xF0\x9F\x9F\xA0",		/* U+1F7E0 orange circle */
	 "\xF0\x9F\x9F\xA1",		/* U+1F7E1 yellow circle */
	 "\xF0\x9F\x9F\xA2",		/* U+1F7E2 green circle */
	 "\xF0\x9F\x94\xB5"},	/* U+1F535 blue circle */
	{"", "", "", "", ""});
static const Rag rag_input_circle_ratings[] = {RAG_RED, RAG_AMBER, RAG_AMBER, RAG_GREEN, RAG_BLUE};

/*
 * Colour codes for BI tools, by palette.  GOV.UK: the GOV.UK Design
 * System's colour palette (govuk-frontend 5, $govuk-colours: red, orange,
 * green, blue).  Fingertips: the colours of its comparisons
 * (fingertipscharts' scale_fill_phe: Worse #C00000, Similar #FFC000,
 * Better #92D050); Fingertips has no BRAG rating, so blue is the blue of its
 * Blue-Orange-Blue scheme (Lower #5555E6).
 */
static const char *const rag_colours_govuk[] = {NULL, "#d4351c", "#f47738", "#00703c", "#1d70b8"};
static const char *const rag_colours_fingertips[] = {NULL, "#C00000", "#FFC000", "#92D050", "#5555E6"};

const char *
rag_name(Rag r)
{
	if (!RAG_IS_VALID(r))
		elog(ERROR, "invalid kpi.rag code %d", (int) r);
	return rag_names[r];
}

typedef struct RagSpelling
{
	const char *text;
	Rag			rag;
} RagSpelling;

/* Accepted text input, compared case-insensitively after trimming blanks. */
static const RagSpelling rag_spellings[] = {
	{"red", RAG_RED},
	{"r", RAG_RED},
	{"amber", RAG_AMBER},
	{"a", RAG_AMBER},
	{"yellow", RAG_AMBER},
	{"y", RAG_AMBER},
	{"green", RAG_GREEN},
	{"g", RAG_GREEN},
	{"blue", RAG_BLUE},
	{"b", RAG_BLUE},
};

static inline bool
is_blank(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

/* Returns 0 when the text is not a RAG spelling. */
static Rag
rag_parse(const char *s, int len)
{
	const char *const *circles;

	while (len > 0 && is_blank(*s))
	{
		s++;
		len--;
	}
	while (len > 0 && is_blank(s[len - 1]))
		len--;

	for (size_t i = 0; i < lengthof(rag_spellings); i++)
	{
		const char *spelling = rag_spellings[i].text;

		if ((int) strlen(spelling) == len && pg_strncasecmp(s, spelling, len) == 0)
			return rag_spellings[i].rag;
	}
	/*
	 * The circles in the database's encoding; in SQL_ASCII, whose bytes
	 * mean nothing to PostgreSQL, their UTF-8 bytes (what a client there
	 * most likely sends, and what 0.1.0 read).  Output stays ASCII there.
	 */
	circles = kpi_glyphs(&rag_input_circles);
	if (rag_input_circles.fallback && GetDatabaseEncoding() == PG_SQL_ASCII)
		circles = rag_input_circles.utf8;
	if (!rag_input_circles.fallback || circles == rag_input_circles.utf8)
		for (int i = 0; i < rag_input_circles.count; i++)
			if ((int) strlen(circles[i]) == len && memcmp(s, circles[i], len) == 0)
				return rag_input_circle_ratings[i];
	return 0;
}

Datum
rag_in(PG_FUNCTION_ARGS)
{
	const char *str = PG_GETARG_CSTRING(0);
	Rag			r = rag_parse(str, strlen(str));

	if (r == 0)
	{
		const char *const *circles = kpi_glyphs(&rag_input_circles);

		ereport(ERROR,
				(errcode(ERRCODE_INVALID_TEXT_REPRESENTATION),
				 errmsg("invalid input syntax for type kpi.rag: \"%s\"", str),
				 errdetail("A RAG rating is red, amber, green or blue."),
				 rag_input_circles.fallback
				 ? errhint("Accepted spellings are red, r, amber, a, yellow, y, green, g, blue, b (any case).")
				 : errhint("Accepted spellings are red, r, amber, a, yellow, y, green, g, blue, b (any case) and the circles %s %s %s %s %s.",
						   circles[0], circles[1], circles[2], circles[3], circles[4])));
	}
	PG_RETURN_RAG(r);
}

Datum
rag_out(PG_FUNCTION_ARGS)
{
	Rag			r = PG_GETARG_RAG(0);

	if (!RAG_IS_VALID(r))
		elog(ERROR, "invalid kpi.rag code %d", (int) r);
	PG_RETURN_CSTRING(pstrdup(rag_names[r]));
}

Datum
rag_recv(PG_FUNCTION_ARGS)
{
	StringInfo	buf = (StringInfo) PG_GETARG_POINTER(0);
	int			len = buf->len - buf->cursor;
	const char *label = pq_getmsgbytes(buf, len);

	for (int r = RAG_RED; r <= RAG_BLUE; r++)
	{
		if ((int) strlen(rag_names[r]) == len && memcmp(label, rag_names[r], len) == 0)
			PG_RETURN_RAG(r);
	}
	ereport(ERROR,
			(errcode(ERRCODE_INVALID_BINARY_REPRESENTATION),
			 errmsg("invalid binary value for type kpi.rag"),
			 errdetail("The binary form of a kpi.rag is one of the labels red, amber, green or blue, in lower case.")));
	pg_unreachable();
}

Datum
rag_send(PG_FUNCTION_ARGS)
{
	Rag			r = PG_GETARG_RAG(0);
	StringInfoData buf;

	if (!RAG_IS_VALID(r))
		elog(ERROR, "invalid kpi.rag code %d", (int) r);
	pq_begintypsend(&buf);
	pq_sendbytes(&buf, rag_names[r], strlen(rag_names[r]));
	PG_RETURN_BYTEA_P(pq_endtypsend(&buf));
}

/* Comparison: the codes are ordered, so compare them as integers. */

#define RAG_CMP_FUNC(name, op) \
Datum \
name(PG_FUNCTION_ARGS) \
{ \
	PG_RETURN_BOOL(PG_GETARG_RAG(0) op PG_GETARG_RAG(1)); \
}

RAG_CMP_FUNC(rag_eq, ==)
RAG_CMP_FUNC(rag_ne, !=)
RAG_CMP_FUNC(rag_lt, <)
RAG_CMP_FUNC(rag_le, <=)
RAG_CMP_FUNC(rag_gt, >)
RAG_CMP_FUNC(rag_ge, >=)

Datum
rag_cmp(PG_FUNCTION_ARGS)
{
	PG_RETURN_INT32((int32) PG_GETARG_RAG(0) - (int32) PG_GETARG_RAG(1));
}

static int
rag_fastcmp(Datum a, Datum b, SortSupport ssup)
{
	return (int) DatumGetRag(a) - (int) DatumGetRag(b);
}

Datum
rag_sortsupport(PG_FUNCTION_ARGS)
{
	SortSupport ssup = (SortSupport) PG_GETARG_POINTER(0);

	ssup->comparator = rag_fastcmp;
	PG_RETURN_VOID();
}

Datum
rag_hash(PG_FUNCTION_ARGS)
{
	return hash_uint32((uint32) PG_GETARG_RAG(0));
}

Datum
rag_hash_extended(PG_FUNCTION_ARGS)
{
	return hash_uint32_extended((uint32) PG_GETARG_RAG(0), PG_GETARG_INT64(1));
}

/* Transition functions of kpi.worst and kpi.best (also their combine). */
Datum
rag_smaller(PG_FUNCTION_ARGS)
{
	Rag			a = PG_GETARG_RAG(0);
	Rag			b = PG_GETARG_RAG(1);

	PG_RETURN_RAG(a < b ? a : b);
}

Datum
rag_larger(PG_FUNCTION_ARGS)
{
	Rag			a = PG_GETARG_RAG(0);
	Rag			b = PG_GETARG_RAG(1);

	PG_RETURN_RAG(a > b ? a : b);
}

Datum
rag_symbol(PG_FUNCTION_ARGS)
{
	Rag			r = PG_GETARG_RAG(0);

	if (!RAG_IS_VALID(r))
		elog(ERROR, "invalid kpi.rag code %d", (int) r);
	PG_RETURN_TEXT_P(cstring_to_text(kpi_glyphs(&rag_symbols)[r - 1]));
}

Datum
rag_label(PG_FUNCTION_ARGS)
{
	Rag			r = PG_GETARG_RAG(0);

	if (!RAG_IS_VALID(r))
		elog(ERROR, "invalid kpi.rag code %d", (int) r);
	PG_RETURN_TEXT_P(cstring_to_text(rag_labels[r]));
}

/* the cast to integer, a sort key for BI tools: red 1, amber 2, green 3, blue 4 */
Datum
rag_int(PG_FUNCTION_ARGS)
{
	Rag			r = PG_GETARG_RAG(0);

	if (!RAG_IS_VALID(r))
		elog(ERROR, "invalid kpi.rag code %d", (int) r);
	PG_RETURN_INT32((int32) r);
}

/* kpi.colour(rating, palette): the palette's colour code for the rating */
Datum
rag_colour(PG_FUNCTION_ARGS)
{
	Rag			r = PG_GETARG_RAG(0);
	char	   *palette = text_to_cstring(PG_GETARG_TEXT_PP(1));
	const char *const *colours;

	if (!RAG_IS_VALID(r))
		elog(ERROR, "invalid kpi.rag code %d", (int) r);
	if (pg_strcasecmp(palette, "govuk") == 0 || pg_strcasecmp(palette, "gov.uk") == 0)
		colours = rag_colours_govuk;
	else if (pg_strcasecmp(palette, "fingertips") == 0)
		colours = rag_colours_fingertips;
	else
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("unknown palette \"%s\"", palette),
				 errhint("Use 'govuk' (the GOV.UK Design System) or 'fingertips'.")));
	PG_RETURN_TEXT_P(cstring_to_text(colours[r]));
}
