/*
 * distributions.h — probability distributions used by kpi's statistics
 * (confidence intervals, trend tests, forecasts).  Names follow R, which the
 * public-health tooling kpi reproduces is written in.
 *
 * Arguments are not validated here: callers check levels and counts and
 * raise the user-facing errors.  Invalid arguments give NaN.
 */
#ifndef KPI_DISTRIBUTIONS_H
#define KPI_DISTRIBUTIONS_H

#include <stdbool.h>
#include <stdint.h>

/* standard normal: P(Z <= x) (or P(Z > x) when !lower_tail), and its inverse */
extern double kpi_pnorm(double x, bool lower_tail);
extern double kpi_qnorm(double p);

/* Student t with df > 0 degrees of freedom (df need not be an integer) */
extern double kpi_pt(double t, double df, bool lower_tail);
extern double kpi_qt(double p, double df);

/* chi-square with df > 0 degrees of freedom */
extern double kpi_pchisq(double x, double df, bool lower_tail);
extern double kpi_qchisq(double p, double df);

/*
 * Normal random numbers exactly as R draws them by default: the Mersenne
 * Twister seeded as set.seed(seed) seeds it, and normals by inversion
 * (R's RNGkind "Mersenne-Twister", "Inversion").  So a simulation that
 * follows an R method draw for draw is reproducible from its seed and can
 * be checked against R.  Not for cryptography.
 */
typedef struct KpiRng
{
	uint32_t	mt[624];
	int			mti;
} KpiRng;

extern void kpi_rng_seed(KpiRng *rng, int32_t seed);	/* set.seed(seed) */
extern double kpi_unif_rand(KpiRng *rng);	/* runif(1): in (0, 1) */
extern double kpi_norm_rand(KpiRng *rng);	/* rnorm(1) */

#endif							/* KPI_DISTRIBUTIONS_H */
