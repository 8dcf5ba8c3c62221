/*
 * spc.h — the XmR chart engine (spc.c) shared by the SQL entry points
 * (spc_sql.c): per-point limits, rules and variation, and the per-series
 * icons, as NHS England's Making Data Count (MDC) defines them.
 */
#ifndef KPI_SPC_H
#define KPI_SPC_H

#include "postgres.h"

#include "kpi.h"
#include "series.h"

typedef enum SpcScreening
{
	SPC_SCREEN_NONE,			/* MDC's default and its Excel tool */
	SPC_SCREEN_NHSR,			/* NHSRplotthedots: MR < 3.267 MR̄ kept, mean unchanged */
	SPC_SCREEN_MDC				/* MDC SQL's option: MR <= 3.267 MR̄ kept, and the
								 * screened points leave the mean */
} SpcScreening;

typedef struct SpcOptions
{
	Polarity	polarity;
	bool		median;			/* centre line: median instead of mean */
	SpcScreening screening;
	bool		concern_wins;	/* a point both improvement and concern */
	int			shift_n;
	int			trend_n;
	int			min_points;		/* non-ghosted points before icons */
	int			baseline;		/* 0: none; else the first N points fix the limits */
	int			nrebase;
	KpiPeriod  *rebase;			/* sorted periods that start a new partition */
} SpcOptions;

/* rule bits */
#define SPC_ASTRO_HIGH	0x01
#define SPC_ASTRO_LOW	0x02
#define SPC_SHIFT_HIGH	0x04
#define SPC_SHIFT_LOW	0x08
#define SPC_TREND_UP	0x10
#define SPC_TREND_DOWN	0x20
#define SPC_TWO3_HIGH	0x40
#define SPC_TWO3_LOW	0x80
#define SPC_HIGH_RULES	(SPC_ASTRO_HIGH | SPC_SHIFT_HIGH | SPC_TREND_UP | SPC_TWO3_HIGH)
#define SPC_LOW_RULES	(SPC_ASTRO_LOW | SPC_SHIFT_LOW | SPC_TREND_DOWN | SPC_TWO3_LOW)

typedef enum SpcVariation
{
	SPC_COMMON_CAUSE,
	SPC_IMPROVEMENT,
	SPC_CONCERN,
	SPC_NEITHER_HIGH,
	SPC_NEITHER_LOW
} SpcVariation;

#define SPC_VARIATIONS	(SPC_NEITHER_LOW + 1)

typedef struct SpcPointResult
{
	int			partition;		/* 1, 2, ...: a new one at each rebase and after a baseline */
	bool		ghosted;
	bool		has_limits;		/* the partition's limits exist (two points or more) */
	bool		has_mr;			/* this point has a moving range */
	bool		mr_above;		/* moving range above 3.267 × its mean */
	uint8		rules;			/* SPC_* bits */
	uint8		variation;		/* SpcVariation; common cause for a ghosted point */
	double		centre;
	double		mr;
	double		mr_mean;		/* mean moving range the limits use */
	double		mr_upper;		/* 3.267 × the partition's unscreened mean MR */
	double		lower,
				upper;			/* process limits: centre ∓ 2.66 MR̄ */
	double		lower2,
				upper2;			/* centre ∓ (2/3) 2.66 MR̄ */
	double		lower1,
				upper1;			/* centre ∓ (1/3) 2.66 MR̄ */
} SpcPointResult;

typedef enum SpcAssurance
{
	SPC_ASSURANCE_NONE,
	SPC_ASSURANCE_PASS,
	SPC_ASSURANCE_HIT_OR_MISS,
	SPC_ASSURANCE_FAIL
} SpcAssurance;

/* Parse the text settings; ERROR (22023) with the accepted spellings. */
extern bool spc_parse_centre(const text *t);
extern SpcScreening spc_parse_screening(const text *t);
extern bool spc_parse_conflict(const text *t);
extern void spc_check_options(const SpcOptions *opt);

/*
 * The XmR chart of n points sorted by period (ghosted points included):
 * fills out[n].  When target is not NULL, *assurance is set from the
 * partition of the last non-ghosted point.
 */
extern void spc_xmr(int kind, const KpiPoint *points, int n, const SpcOptions *opt,
					SpcPointResult *out, const double *target, SpcAssurance *assurance);

/*
 * ERROR (22023) unless window-function argument argno, a setting called
 * name, is the same in every one of the partition's nrows rows (NULL equal
 * to NULL).  A constant argument is not read.  caller names the function.
 */
struct WindowObjectData;
extern void spc_window_setting_constant(FunctionCallInfo fcinfo,
										struct WindowObjectData *winobj,
										int argno, int64 nrows,
										const char *name, const char *caller);

/* ERROR (22003): a chart's lines overflow float8 */
#if PG_VERSION_NUM >= 180000
pg_noreturn extern void spc_overflow_error(void);
#else
extern void spc_overflow_error(void) pg_attribute_noreturn();
#endif

/* the names the SQL results use */
extern const char *spc_variation_name(SpcVariation v);
/* the variation icon of a point, named as NHS England's icon files */
extern const char *spc_variation_icon(SpcVariation v, Polarity polarity);
extern const char *spc_assurance_name(SpcAssurance a);

/* numbers of the MDC method */
#define SPC_LIMIT_FACTOR	2.66	/* process limits: ± 2.66 × mean MR */
#define SPC_MR_LIMIT_FACTOR	3.267	/* moving-range chart: 3.267 × mean MR */

#endif							/* KPI_SPC_H */

/*
 * The four rules on a chart whose lines are given per point in float8 (the
 * T, G, P and U charts, spc_charts.c): y[i] against centre[i], the limits
 * lower[i]/upper[i] (NaN: none on that side) and the 2-sigma lines
 * lower2[i]/upper2[i] (NaN: no two-of-three rule on that side).  NaN y is
 * a ghosted point.  part[i] is point i's partition (NULL: one): the shift
 * and two-of-three rules run within a partition, the trend across them,
 * as in spc_xmr.  Fills rules and variation of out[].
 */
extern void spc_rules_float(int n, const double *y, const double *centre,
							const double *lower, const double *upper,
							const double *lower2, const double *upper2,
							const int *part, const SpcOptions *opt, SpcPointResult *out);

/*
 * The rebase periods of argument arr (an array of the period's type, or of
 * any type whose text reads as one), sorted into opt->rebase.
 */
extern void spc_rebase_periods(SpcOptions *opt, int kind, Datum arr, bool isnull, Oid arrtype);
