/*
 * polarity.c — the one place where an indicator's polarity text is parsed.
 *
 * Every function that takes a polarity calls parse_polarity(), so the
 * accepted spellings and the error are the same everywhere.
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
	Polarity	polarity;
} PolarityName;

static const PolarityName polarity_names[] = {
	{"higher", POLARITY_HIGHER},
	{"higher_is_better", POLARITY_HIGHER},
	{"up", POLARITY_HIGHER},
	{"lower", POLARITY_LOWER},
	{"lower_is_better", POLARITY_LOWER},
	{"down", POLARITY_LOWER},
	{"none", POLARITY_NONE},
};

Polarity
parse_polarity(const text *polarity)
{
	const char *s = VARDATA_ANY(polarity);
	int			len = VARSIZE_ANY_EXHDR(polarity);

	/* case-insensitive, exact length: no prefixes, no surrounding blanks */
	for (size_t i = 0; i < lengthof(polarity_names); i++)
	{
		const char *name = polarity_names[i].name;

		if ((int) strlen(name) == len && pg_strncasecmp(s, name, len) == 0)
			return polarity_names[i].polarity;
	}

	ereport(ERROR,
			(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
			 errmsg("invalid polarity: \"%s\"", text_to_cstring(polarity)),
			 errhint("Use 'higher' or 'lower' (aliases higher_is_better, up, lower_is_better, down), or 'none' for a measure that is not scored.")));
	pg_unreachable();
}
