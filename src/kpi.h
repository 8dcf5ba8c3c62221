/*
 * kpi.h — declarations shared between the kpi source files.
 *
 * The kpi.rag type, the polarity of an indicator, and the argument checks
 * that every scoring function applies the same way.
 */
#ifndef KPI_H
#define KPI_H

#include "postgres.h"
#include "fmgr.h"

#include <math.h>

/*
 * kpi.rag is one byte passed by value.  The codes are ordered so that plain
 * integer comparison is the type's order (red < amber < green < blue); 0 is
 * never a valid value, so a zeroed byte cannot pass for a rating.  Blue
 * (BRAG: a stretch target met) came in 0.2.0 as code 4, after the codes
 * 0.1.0 stored, so stored ratings keep their bytes and their order.
 */
typedef uint8 Rag;

#define RAG_RED		1
#define RAG_AMBER	2
#define RAG_GREEN	3
#define RAG_BLUE	4
#define RAG_IS_VALID(r)	((r) >= RAG_RED && (r) <= RAG_BLUE)

#define DatumGetRag(d)		((Rag) DatumGetChar(d))
#define RagGetDatum(r)		CharGetDatum((char) (r))
#define PG_GETARG_RAG(n)	DatumGetRag(PG_GETARG_DATUM(n))
#define PG_RETURN_RAG(r)	return RagGetDatum(r)

/* "red", "amber", "green" for a valid code */
extern const char *rag_name(Rag r);

/*
 * Which direction is good for an indicator.  POLARITY_NONE marks a
 * contextual measure (a volume, a count of contacts) that is never scored.
 */
typedef enum Polarity
{
	POLARITY_HIGHER,
	POLARITY_LOWER,
	POLARITY_NONE
} Polarity;

/* Parse 'higher' / 'lower' / 'none' and their aliases; ERROR otherwise. */
extern Polarity parse_polarity(const text *polarity);

/* The same for len bytes at s; false when they are no polarity spelling. */
extern bool polarity_from_string(const char *s, int len, Polarity *result);

/* the accepted spellings, for error hints */
extern const char *polarity_spellings(void);

/*
 * The same for argument argno of a function call, caching the last spelling
 * in fn_extra: use this in functions called once per row.  The function
 * must not use fn_extra for anything else.
 */
extern Polarity polarity_arg(FunctionCallInfo fcinfo, int argno);

/* ERROR (22023) unless value is a finite number; what names the argument. */
/*
 * PostgreSQL 18 replaced the suffix pg_attribute_noreturn() by the prefix
 * pg_noreturn (commit 3691edfab97, c.h), which must start the declaration.
 */
#if PG_VERSION_NUM >= 180000
pg_noreturn extern void finite_arg_error(double value, const char *what);
#else
extern void finite_arg_error(double value, const char *what) pg_attribute_noreturn();
#endif

static inline void
check_finite_arg(double value, const char *what)
{
	if (unlikely(isnan(value) || isinf(value)))
		finite_arg_error(value, what);
}


/*
 * scoring.c: the relative (tolerance × |target|) or absolute amber band,
 * decided in decimal; the float8 as its shortest decimal (a numeric Datum);
 * ERROR (22023) unless the tolerance is finite and >= 0.
 */
extern Rag rag_band_score(double actual, double target, Polarity polarity,
						  double tolerance, bool absolute);
extern Datum shortest_decimal(double v);
extern void check_tolerance(double tolerance);
/* 22023 unless 1 <= start_month <= 12 (periods.c) */
extern void check_start_month(int32 start_month);

/* ERROR (22023) unless 0 < level < 1; for confidence levels. */
extern void check_level(double level);

/*
 * The type of an argument, and the result type, of the function being
 * called: from the call expression, or the declared types when the caller
 * gave no expression (Citus calls aggregates' support functions so).
 */
extern Oid	kpi_arg_type(FunctionCallInfo fcinfo, int argno);
extern Oid	kpi_result_type(FunctionCallInfo fcinfo);

/*
 * The function's composite result (its declared row type, e.g. kpi.ci) from
 * natts values; ERROR unless the return type is a row of natts columns.
 */
extern Datum kpi_result_row(FunctionCallInfo fcinfo, const Datum *values,
							const bool *nulls, int natts);

#endif							/* KPI_H */
