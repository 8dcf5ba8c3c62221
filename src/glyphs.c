/*
 * glyphs.c — kpi's symbols in the database's encoding (see glyphs.h).
 */
#include "postgres.h"

#include "catalog/namespace.h"
#include "mb/pg_wchar.h"
#include "utils/memutils.h"

#include "glyphs.h"

/*
 * utf8 in the server encoding, in TopMemoryContext, or NULL when a
 * character has no equivalent there (or no conversion exists).
 */
static char *
to_server(const char *utf8, int encoding)
{
	int			len = strlen(utf8);
	int			destlen = (len + 1) * MAX_CONVERSION_GROWTH + 1;	/* what the conversion asks for */
	unsigned char *dest = MemoryContextAllocZero(TopMemoryContext, destlen + 1);
	Oid			proc = FindDefaultConversionProc(PG_UTF8, encoding);

	if (!OidIsValid(proc))
		return NULL;
#if PG_VERSION_NUM >= 140000
	/* conversion functions can report how far they got instead of failing */
	if (pg_do_encoding_conversion_buf(proc, PG_UTF8, encoding,
									  (unsigned char *) utf8, len,
									  dest, destlen, true) != len)
		return NULL;
#else
	{
		MemoryContext cxt = CurrentMemoryContext;
		volatile bool ok = true;

		/* only the conversion itself runs here: no resource to clean up */
		PG_TRY();
		{
			unsigned char *s = pg_do_encoding_conversion((unsigned char *) utf8, len,
														  PG_UTF8, encoding);

			strlcpy((char *) dest, (char *) s, destlen);
		}
		PG_CATCH();
		{
			ErrorData  *edata;

			MemoryContextSwitchTo(cxt);
			edata = CopyErrorData();
			if (edata->sqlerrcode != ERRCODE_UNTRANSLATABLE_CHARACTER)
				PG_RE_THROW();
			FlushErrorState();
			FreeErrorData(edata);
			ok = false;
		}
		PG_END_TRY();
		if (!ok)
			return NULL;
	}
#endif
	return (char *) dest;
}

const char *const *
kpi_glyphs(KpiGlyphs *g)
{
	int			encoding = GetDatabaseEncoding();

	if (g->ready && g->encoding == encoding)
		return g->server;

	g->fallback = false;
	for (int i = 0; i < g->count; i++)
	{
		if (encoding == PG_UTF8)
			g->server[i] = g->utf8[i];
		else if (encoding == PG_SQL_ASCII || (g->server[i] = to_server(g->utf8[i], encoding)) == NULL)
		{
			g->fallback = true;
			break;
		}
	}
	if (g->fallback)
		for (int i = 0; i < g->count; i++)
			g->server[i] = g->ascii[i];
	g->encoding = encoding;
	g->ready = true;
	return g->server;
}
