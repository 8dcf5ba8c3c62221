/*
 * polarity.c — the one place where an indicator's polarity text is parsed.
 *
 * Every function that takes a polarity calls parse_polarity(), and the
 * kpi.polarity type (polarity_type.c) reads with polarity_from_string(), so
 * the accepted spellings are the same everywhere.
 */
#include "postgres.h"

#include "kpi.h"
#include "utils/builtins.h"
#if PG_VERSION_NUM >= 160000
#include "varatt.h"
#endif

typedef struct PolarityName
{
	const char *name;
	int			len;
	Polarity	polarity;
} PolarityName;

#define NAME(s) s, sizeof(s) - 1

/*
 * Compared case-insensitively, after dropping surrounding blanks.  Besides
 * kpi's own words: Fingertips' polarity field ("RAG - High is good", "RAG -
 * Low is good", "BOB - Blue orange blue" for an indicator with no preferred
 * direction, "Not applicable") and Power BI's KPI visual ("High is good",
 * "Low is good").
 */
static const PolarityName polarity_names[] = {
	{NAME("higher"), POLARITY_HIGHER},
	{NAME("lower"), POLARITY_LOWER},
	{NAME("none"), POLARITY_NONE},
	{NAME("higher_is_better"), POLARITY_HIGHER},
	{NAME("up"), POLARITY_HIGHER},
	{NAME("lower_is_better"), POLARITY_LOWER},
	{NAME("down"), POLARITY_LOWER},
	{NAME("high"), POLARITY_HIGHER},
	{NAME("low"), POLARITY_LOWER},
	{NAME("higher is better"), POLARITY_HIGHER},
	{NAME("lower is better"), POLARITY_LOWER},
	{NAME("high is good"), POLARITY_HIGHER},
	{NAME("low is good"), POLARITY_LOWER},
	{NAME("high_is_good"), POLARITY_HIGHER},
	{NAME("low_is_good"), POLARITY_LOWER},
	{NAME("rag - high is good"), POLARITY_HIGHER},
	{NAME("rag - low is good"), POLARITY_LOWER},
	{NAME("neutral"), POLARITY_NONE},
	{NAME("not applicable"), POLARITY_NONE},
	{NAME("bob - blue orange blue"), POLARITY_NONE},
};

#define POLARITY_SPELLINGS "higher, high, up, higher_is_better, higher is better, high is good, RAG - High is good; " \
	"lower, low, down, lower_is_better, lower is better, low is good, RAG - Low is good; " \
	"none, neutral, not applicable, BOB - Blue orange blue"

static inline bool
is_blank(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

bool
polarity_from_string(const char *s, int len, Polarity *result)
{
	while (len > 0 && is_blank(*s))
	{
		s++;
		len--;
	}
	while (len > 0 && is_blank(s[len - 1]))
		len--;

	/* case-insensitive, exact length: no prefixes */
	for (size_t i = 0; i < lengthof(polarity_names); i++)
	{
		if (polarity_names[i].len == len &&
			pg_strncasecmp(s, polarity_names[i].name, len) == 0)
		{
			*result = polarity_names[i].polarity;
			return true;
		}
	}
	return false;
}

const char *
polarity_spellings(void)
{
	return POLARITY_SPELLINGS;
}

/*
 * Per-call-site cache of the spellings seen so far.  A polarity usually
 * comes from a column with two or three distinct values, so with a few
 * slots parsing becomes a length check and a memcmp per row.
 */
#define POLARITY_CACHE_LEN		24
#define POLARITY_CACHE_SLOTS	4

typedef struct PolaritySlot
{
	int			len;
	Polarity	polarity;
	char		spelling[POLARITY_CACHE_LEN];
} PolaritySlot;

typedef struct PolarityCache
{
	int			used;
	int			next;			/* slot to overwrite when full */
	PolaritySlot slots[POLARITY_CACHE_SLOTS];
} PolarityCache;

Polarity
parse_polarity(const text *polarity)
{
	Polarity	result;

	if (polarity_from_string(VARDATA_ANY(polarity), VARSIZE_ANY_EXHDR(polarity), &result))
		return result;

	ereport(ERROR,
			(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
			 errmsg("invalid polarity: \"%s\"", text_to_cstring(polarity)),
			 errhint("Use 'higher' or 'lower', or 'none' for a measure that is not scored (also accepted: " POLARITY_SPELLINGS ").")));
	pg_unreachable();
}

/* memcmp for a few bytes, without the call */
static inline bool
spelling_equal(const char *a, const char *b, int len)
{
	for (int i = 0; i < len; i++)
	{
		if (a[i] != b[i])
			return false;
	}
	return true;
}

Polarity
polarity_arg(FunctionCallInfo fcinfo, int argno)
{
	struct varlena *polarity = (struct varlena *) PG_GETARG_POINTER(argno);
	const char *s;
	int			len;
	PolarityCache *cache = (PolarityCache *) fcinfo->flinfo->fn_extra;
	PolaritySlot *slot;
	Polarity	result;

	/* a short inline value needs no detoasting (PG_GETARG_TEXT_PP would call out) */
	if (unlikely(VARATT_IS_EXTERNAL(polarity) || VARATT_IS_COMPRESSED(polarity)))
		polarity = pg_detoast_datum_packed(polarity);
	s = VARDATA_ANY(polarity);
	len = VARSIZE_ANY_EXHDR(polarity);

	if (likely(cache != NULL))
	{
		for (int i = 0; i < cache->used; i++)
		{
			slot = &cache->slots[i];
			if (slot->len == len && spelling_equal(slot->spelling, s, len))
				return slot->polarity;
		}
	}

	result = parse_polarity((text *) polarity);	/* errors out on a bad spelling */

	if (len > 0 && len <= POLARITY_CACHE_LEN)
	{
		if (cache == NULL)
		{
			cache = MemoryContextAllocZero(fcinfo->flinfo->fn_mcxt, sizeof(PolarityCache));
			fcinfo->flinfo->fn_extra = cache;
		}
		if (cache->used < POLARITY_CACHE_SLOTS)
			slot = &cache->slots[cache->used++];
		else
		{
			slot = &cache->slots[cache->next];
			cache->next = (cache->next + 1) % POLARITY_CACHE_SLOTS;
		}
		slot->len = len;
		slot->polarity = result;
		memcpy(slot->spelling, s, len);
	}
	return result;
}
