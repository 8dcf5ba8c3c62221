/*
 * glyphs.h — the symbols kpi prints (RAG circles, arrows, sparkline bars)
 * in the database's encoding.
 *
 * kpi's sources spell symbols in UTF-8.  A text result must be valid in
 * the server encoding, so a family of symbols is converted to it on first
 * use (once per backend); when one of the family has no equivalent there,
 * the whole family prints its ASCII spellings instead, so one scale never
 * mixes two scripts.  SQL_ASCII gives non-ASCII bytes no meaning, so it
 * always gets the ASCII spellings.  docs/safety.md, "Server encodings".
 */
#ifndef KPI_GLYPHS_H
#define KPI_GLYPHS_H

#include "postgres.h"

#define KPI_GLYPHS_MAX 8

typedef struct KpiGlyphs
{
	int			count;
	const char *utf8[KPI_GLYPHS_MAX];	/* the symbols, in UTF-8 */
	const char *ascii[KPI_GLYPHS_MAX];	/* their ASCII spellings */
	/* filled by kpi_glyphs() */
	bool		ready;			/* server[] is filled */
	int			encoding;		/* for this encoding */
	bool		fallback;		/* server[] holds the ASCII spellings */
	const char *server[KPI_GLYPHS_MAX];
} KpiGlyphs;

#define KPI_GLYPHS(n, ...) {(n), __VA_ARGS__, false, 0, false, {NULL}}

/* The family in the database's encoding: converted whole, or ASCII whole. */
extern const char *const *kpi_glyphs(KpiGlyphs *g);

#endif							/* KPI_GLYPHS_H */
