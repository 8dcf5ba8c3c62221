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

/* standard normal: P(Z <= x) (or P(Z > x) when !lower_tail), and its inverse */
extern double kpi_pnorm(double x, bool lower_tail);
extern double kpi_qnorm(double p);

/* Student t with df > 0 degrees of freedom (df need not be an integer) */
extern double kpi_pt(double t, double df, bool lower_tail);
extern double kpi_qt(double p, double df);

/* chi-square with df > 0 degrees of freedom */
extern double kpi_pchisq(double x, double df, bool lower_tail);
extern double kpi_qchisq(double p, double df);

#endif							/* KPI_DISTRIBUTIONS_H */
