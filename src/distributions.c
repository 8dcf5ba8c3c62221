/*
 * distributions.c — normal, Student t and chi-square distribution functions
 * and their inverses, for kpi's confidence intervals and tests.
 *
 * Published methods (all code here is written from the descriptions):
 *
 *   kpi_pnorm   erfc(), with a first-order correction for the rounding of
 *               x/sqrt(2), so that both tails keep full relative accuracy.
 *   kpi_qnorm   M. J. Wichura (1988), Algorithm AS 241: The percentage points
 *               of the normal distribution, Applied Statistics 37(3),
 *               477-484 (PPND16, about 1e-16 relative).
 *   kpi_pt      the regularized incomplete beta function I_x(a,b), evaluated
 *               by its continued fraction with the modified Lentz method
 *               (W. J. Lentz 1976, as modified by I. J. Thompson & A. R.
 *               Barnett 1986; Press et al., Numerical Recipes, 2nd ed.,
 *               section 6.4); closed forms for df = 1 and df = 2; for
 *               df >= 200 and moderate t, G. W. Hill (1970), Algorithm 395:
 *               Student's t-distribution, Communications of the ACM 13(10),
 *               617-619 (its asymptotic normalizing expansion).
 *   kpi_qt      G. W. Hill (1970), Algorithm 396: Student's t-quantiles,
 *               Communications of the ACM 13(10), 619-620, as the starting
 *               value, then Halley iterations on kpi_pt; closed forms for
 *               df = 1 and df = 2.
 *   kpi_pchisq  the regularized incomplete gamma functions P(a,x) and Q(a,x):
 *               power series for x < a + 1, Legendre's continued fraction
 *               (modified Lentz) otherwise (Press et al., section 6.2).
 *   kpi_qchisq  E. B. Wilson & M. M. Hilferty (1931) starting value, or for
 *               small df in the tails the starting values of D. J. Best &
 *               D. E. Roberts (1975), Algorithm AS 91: The percentage points
 *               of the chi-squared distribution, Applied Statistics 24(3),
 *               385-388; then Halley iterations on kpi_pchisq.
 *
 * For large shape parameters, the prefactors x^a e^-x / Gamma(a+1) and
 * x^a y^b / B(a,b) are not taken as differences of lgamma() values, which
 * would lose about log10(a) digits; they use Stirling's series for the
 * remainder of log Gamma and the deviance a log(a/x) + x - a in the form of
 * C. Loader (2000), "Fast and accurate computation of binomial
 * probabilities", which has no cancellation.
 *
 * The functions are pure: no allocation, no errors.  Arguments outside the
 * domain give NaN; callers validate and raise the user-facing errors.  The
 * root-finding loops check for interrupts, so a slow case can be cancelled.
 *
 * Beyond df = 2e12 the incomplete gamma series and continued fraction need
 * more terms than max_iterations() allows; there the chi-square is normal
 * to within 1e-12 on the Wilson & Hilferty scale, which is what
 * kpi_pchisq and kpi_qchisq use.
 */
#include "postgres.h"

#include <float.h>
#include <math.h>

#include "distributions.h"
#include "miscadmin.h"

#ifndef M_PI
#define M_PI			3.14159265358979323846
#endif
#define LN_SQRT_2PI		0.9189385332046728	/* log(sqrt(2 pi)) */
#define LN_SQRT_PI		0.5723649429247001	/* log(sqrt(pi)) = lgamma(1/2) */
#define SQRT1_2_HI		0.7071067811865476	/* 1/sqrt(2) rounded to double */
#define SQRT1_2_LO		(-4.833646656726457e-17)	/* 1/sqrt(2) - SQRT1_2_HI */
#define TWO_OVER_SQRTPI	1.1283791670955126	/* 2/sqrt(pi) */

/* Lentz's method: stand-in for a zero denominator */
#define TINY			1e-300

/* chi-square df beyond which the Wilson-Hilferty transform is exact enough */
#define CHISQ_WH_DF		2e12

/* ------------------------------------------------------------------------
 * Helpers: Stirling remainder, deviance, log-gamma differences
 * ------------------------------------------------------------------------
 */

/*
 * The remainder of Stirling's series,
 *   delta(a) = lgamma(a) - (a - 1/2) log a + a - log sqrt(2 pi),
 * for a > 0.  For a >= 10 the asymptotic series, whose terms are
 * B_2k / (2k (2k-1) a^(2k-1)), is accurate to the last bit with seven terms;
 * below that the definition loses no more than a few units in 1e-15.
 */
static double
stirling_delta(double a)
{
	if (a >= 10.0)
	{
		double		r = 1.0 / a;
		double		r2 = r * r;

		return r * (1.0 / 12 - r2 * (1.0 / 360 - r2 * (1.0 / 1260
					- r2 * (1.0 / 1680 - r2 * (1.0 / 1188
					- r2 * (691.0 / 360360 - r2 * (1.0 / 156)))))));
	}
	return lgamma(a) - (a - 0.5) * log(a) + a - LN_SQRT_2PI;
}

/*
 * The deviance term  a log(a/x) + x - a  (>= 0) for a, x > 0.  Near a = x
 * the direct form cancels; there, with v = (a - x)/(a + x),
 *   a log(a/x) = 2a (v + v^3/3 + v^5/5 + ...)  and  x - a = -v (a + x),
 * so the term is  (a - x) v + 2a (v^3/3 + v^5/5 + ...), all of one sign.
 */
static double
deviance(double a, double x)
{
	if (fabs(a - x) < 0.1 * (a + x))
	{
		double		v = (a - x) / (a + x);
		double		v2 = v * v;
		double		term = 2.0 * a * v;
		double		sum = (a - x) * v;
		int			j;

		for (j = 1; j < 1000; j++)
		{
			double		prev = sum;

			term *= v2;
			sum += term / (2 * j + 1);
			if (sum == prev)
				break;
		}
		return sum;
	}
	return a * log(a / x) + x - a;
}

/*
 * lgamma(a + b) - lgamma(a) for a, b > 0, accurate also when a is large and
 * b is not (the plain difference would cancel): by Stirling's formula it is
 *   (a - 1/2) log(1 + b/a) + b log(a + b) - b + delta(a + b) - delta(a).
 */
static double
lgamma_diff(double a, double b)
{
	if (a >= 10.0)
		return (a - 0.5) * log1p(b / a) + b * log(a + b) - b
			+ stirling_delta(a + b) - stirling_delta(a);
	return lgamma(a + b) - lgamma(a);
}

/* ------------------------------------------------------------------------
 * Normal distribution
 * ------------------------------------------------------------------------
 */

/*
 * erfc(x / sqrt 2).  The quotient is rounded; for large x that error,
 * multiplied by the slope of log erfc (about x), would cost digits in the
 * far tail.  So recover the rounding error d (exactly, by fma, plus the
 * error of the constant) and add the first-order term -2/sqrt(pi) e^-z^2 d.
 */
static double
erfc_scaled_arg(double x)
{
	double		z = x * SQRT1_2_HI;
	double		d = fma(x, SQRT1_2_HI, -z) + x * SQRT1_2_LO;
	double		r = erfc(z);

	if (r == 0.0 || r == 2.0)
		return r;
	return r - TWO_OVER_SQRTPI * exp(-z * z) * d;
}

double
kpi_pnorm(double x, bool lower_tail)
{
	if (isnan(x))
		return NAN;
	if (isinf(x))
		return ((x > 0) == lower_tail) ? 1.0 : 0.0;
	/* P(Z <= x) = erfc(-x/sqrt 2)/2;  P(Z > x) = erfc(x/sqrt 2)/2 */
	return 0.5 * erfc_scaled_arg(lower_tail ? -x : x);
}

/* Wichura's AS 241, PPND16: rational approximations in three regions */
double
kpi_qnorm(double p)
{
	double		q,
				r,
				val;

	if (isnan(p) || p < 0.0 || p > 1.0)
		return NAN;
	if (p == 0.0)
		return -INFINITY;
	if (p == 1.0)
		return INFINITY;

	q = p - 0.5;
	if (fabs(q) <= 0.425)
	{
		r = 0.180625 - q * q;
		return q * (((((((2.5090809287301226727e+3 * r +
						  3.3430575583588128105e+4) * r +
						 6.7265770927008700853e+4) * r +
						4.5921953931549871457e+4) * r +
					   1.3731693765509461125e+4) * r +
					  1.9715909503065514427e+3) * r +
					 1.3314166789178437745e+2) * r +
					3.3871328727963666080e+0) /
			(((((((5.2264952788528545610e+3 * r +
				   2.8729085735721942674e+4) * r +
				  3.9307895800092710610e+4) * r +
				 2.1213794301586595867e+4) * r +
				5.3941960214247511077e+3) * r +
			   6.8718700749205790830e+2) * r +
			  4.2313330701600911252e+1) * r + 1.0);
	}

	/* tails: r = sqrt(-log(smaller tail area)); 1 - p is exact for p > 0.5 */
	r = sqrt(-log(q < 0 ? p : 1.0 - p));
	if (r <= 5.0)
	{
		r -= 1.6;
		val = (((((((7.74545014278341407640e-4 * r +
					 2.27238449892691845833e-2) * r +
					2.41780725177450611770e-1) * r +
				   1.27045825245236838258e+0) * r +
				  3.64784832476320460504e+0) * r +
				 5.76949722146069140550e+0) * r +
				4.63033784615654529590e+0) * r +
			   1.42343711074968357734e+0) /
			(((((((1.05075007164441684324e-9 * r +
				   5.47593808499534494600e-4) * r +
				  1.51986665636164571966e-2) * r +
				 1.48103976427480074590e-1) * r +
				6.89767334985100004550e-1) * r +
			   1.67638483018380384940e+0) * r +
			  2.05319162663775882187e+0) * r + 1.0);
	}
	else
	{
		r -= 5.0;
		val = (((((((2.01033439929228813265e-7 * r +
					 2.71155556874348757815e-5) * r +
					1.24266094738807843860e-3) * r +
				   2.65321895265761230930e-2) * r +
				  2.96560571828504891230e-1) * r +
				 1.78482653991729133580e+0) * r +
				5.46378491116411436990e+0) * r +
			   6.65790464350110377720e+0) /
			(((((((2.04426310338993978564e-15 * r +
				   1.42151175831644588870e-7) * r +
				  1.84631831751005468180e-5) * r +
				 7.86869131145613259100e-4) * r +
				1.48753612908506148525e-2) * r +
			   1.36929880922735805310e-1) * r +
			  5.99832206555887937690e-1) * r + 1.0);
	}
	return q < 0 ? -val : val;
}

/* ------------------------------------------------------------------------
 * Incomplete beta function and Student t
 * ------------------------------------------------------------------------
 */

/*
 * iteration cap of a continued fraction or series in parameter a (up to 50
 * million terms: those loops check for a cancel every 2^16 terms)
 */
static int
max_iterations(double a)
{
	return 1000 + (int) (50.0 * sqrt(fmin(a, 1e12)));
}

/*
 * Continued fraction for I_x(a,b) / (x^a y^b / (a B(a,b))), evaluated
 * forward with the modified Lentz method.  Its terms are
 *   d_2m   = m (b - m) x / ((a + 2m - 1)(a + 2m)),
 *   d_2m+1 = -(a + m)(a + b + m) x / ((a + 2m)(a + 2m + 1));
 * it converges fast for x < (a + 1)/(a + b + 2).
 */
static double
beta_cf(double a, double b, double x)
{
	double		c = 1.0,
				d,
				h;
	int			m,
				maxit = max_iterations(fmax(a, b));

	d = 1.0 - (a + b) * x / (a + 1.0);
	if (fabs(d) < TINY)
		d = TINY;
	d = 1.0 / d;
	h = d;
	for (m = 1; m <= maxit; m++)
	{
		double		m2 = 2.0 * m;
		double		aa,
					del;

		if ((m & 0xFFFF) == 0)
			CHECK_FOR_INTERRUPTS();
		aa = m * (b - m) * x / ((a + m2 - 1.0) * (a + m2));
		d = 1.0 + aa * d;
		if (fabs(d) < TINY)
			d = TINY;
		c = 1.0 + aa / c;
		if (fabs(c) < TINY)
			c = TINY;
		d = 1.0 / d;
		h *= d * c;

		aa = -(a + m) * (a + b + m) * x / ((a + m2) * (a + m2 + 1.0));
		d = 1.0 + aa * d;
		if (fabs(d) < TINY)
			d = TINY;
		c = 1.0 + aa / c;
		if (fabs(c) < TINY)
			c = TINY;
		d = 1.0 / d;
		del = d * c;
		h *= del;
		if (fabs(del - 1.0) <= DBL_EPSILON)
			break;
	}
	return h;
}

/*
 * log(x^a y^b / B(a,b)) for b < 10, given log x and log y (x + y = 1).
 * The callers pass logarithms computed from the original argument, so that
 * a log x does not inherit a's multiple of the rounding error of x; and for
 * large a, log B(a,b) is not a difference of two large lgamma() values.
 */
static double
beta_log_prefactor(double a, double b, double lx, double ly)
{
	if (a >= 10.0)
		return a * lx + b * ly - lgamma(b) + lgamma_diff(a, b);
	return a * lx + b * ly - lgamma(a) - lgamma(b) + lgamma(a + b);
}

/*
 * The regularized incomplete beta function I_x(a,b) (lower) or
 * 1 - I_x(a,b) = I_y(b,a) (upper), with y = 1 - x, lx = log x and
 * ly = log y all supplied by the caller; b < 10 (kpi_pt uses b = 1/2).
 */
static double
incomplete_beta(double a, double b, double x, double y,
				double lx, double ly, bool lower)
{
	double		front,
				v;

	if (x <= 0.0)
		return lower ? 0.0 : 1.0;
	if (y <= 0.0)
		return lower ? 1.0 : 0.0;

	front = exp(beta_log_prefactor(a, b, lx, ly));
	if (x < (a + 1.0) / (a + b + 2.0))
	{
		v = front * beta_cf(a, b, x) / a;	/* I_x(a,b) */
		return lower ? v : 1.0 - v;
	}
	v = front * beta_cf(b, a, y) / b;	/* I_y(b,a) */
	return lower ? 1.0 - v : v;
}

/*
 * P(T > t) for t >= 0: (1/2) I_x(df/2, 1/2) with x = df/(df + t^2).
 * Closed forms for df = 1 (Cauchy) and df = 2; Hill's expansion for large
 * df; the normal limit beyond df = 1e20, where the difference is below
 * 1e-16 relative.
 */
static double
t_upper(double t, double df)
{
	double		r,
				lx,
				ly;

	if (isinf(t))
		return 0.0;
	if (df == 1.0)
		return atan2(1.0, t) / M_PI;
	if (df == 2.0)
	{
		/* 1/2 - t / (2 sqrt(2 + t^2)), rearranged to avoid cancellation */
		double		s = (t > 1.0) ? t * sqrt(1.0 + 2.0 / t / t) : sqrt(2.0 + t * t);

		return 1.0 / (s * (s + t));
	}
	if (df > 1e20)
		return kpi_pnorm(t, false);
	if (df >= 200.0 && t < fmin(sqrt(df / 16), 6.3 * pow(df / 1000, 0.45)))
	{
		/*
		 * Large df, moderate t.  Here x = df/(df + t^2) is close to 1, and
		 * the continued fraction, which cancels in terms like 1 - x, loses
		 * up to log10(df/t^2) digits.  Hill's normalizing expansion (CACM
		 * Algorithm 395, 1970) has an error that falls as df^-6 and rises
		 * steeply with t; within this bound on t it stays below 2e-15
		 * relative (measured against 40-digit references), and beyond it
		 * the continued fraction is as good.
		 */
		double		n = df - 0.5;
		double		b = 48.0 * n * n;
		double		z = sqrt(n * log1p(t / df * t));
		double		z2 = z * z;
		double		y;

		y = z + z * (z2 + 3.0) / b
			- z * (((4.0 * z2 + 33.0) * z2 + 240.0) * z2 + 855.0)
			/ (10.0 * b * (b + 0.8 * z2 * z2 + 100.0));
		return kpi_pnorm(y, false);
	}
	if (t > 1e150)
	{
		/*
		 * t^2 would overflow.  Then the tail is c df^(df/2 - 1) t^-df with
		 * c = Gamma((df+1)/2) / (sqrt(pi) Gamma(df/2)), to a relative error
		 * of order df / t^2.
		 */
		return exp(lgamma_diff(df / 2, 0.5) - LN_SQRT_PI
				   + (df / 2 - 1.0) * log(df) - df * log(t));
	}
	r = t / df * t;				/* t^2/df */
	lx = -log1p(r);				/* log(df/(df + t^2)) */
	ly = -log1p(1.0 / r);		/* log(t^2/(df + t^2)) */
	return 0.5 * incomplete_beta(df / 2, 0.5, 1.0 / (1.0 + r), r / (1.0 + r),
								 lx, ly, true);
}

double
kpi_pt(double t, double df, bool lower_tail)
{
	double		tail;

	if (isnan(t) || isnan(df) || df <= 0.0)
		return NAN;
	if (isinf(df))
		return kpi_pnorm(t, lower_tail);
	tail = t_upper(fabs(t), df);	/* P(T > |t|) */
	/* lower tail of a negative t, or upper tail of a positive one */
	if ((t < 0.0) == lower_tail)
		return tail;
	return 1.0 - tail;
}

/* density of t at t; only steers the quantile iteration */
static double
t_density(double t, double df)
{
	return exp(lgamma_diff(df / 2, 0.5) - LN_SQRT_PI - 0.5 * log(df)
			   - (df + 1.0) / 2 * log1p(t / df * t));
}

/*
 * Hill's Algorithm 396: an approximation to the upper t quantile for the
 * two-tailed probability P (0 < P <= 1) and df > 0 degrees of freedom, good
 * to a few digits; kpi_qt polishes it.
 */
static double
hill_qt(double P, double n)
{
	double		a = 1.0 / (n - 0.5);
	double		b = 48.0 / (a * a);
	double		c = ((20700.0 * a / b - 98.0) * a - 16.0) * a + 96.36;
	double		d = ((94.5 / (b + c) - 3.0) / b + 1.0) * sqrt(a * M_PI / 2) * n;
	double		x = d * P;
	double		y = pow(x, 2.0 / n);

	if (y > 0.05 + a)
	{
		/* asymptotic inverse expansion about the normal quantile */
		x = -kpi_qnorm(0.5 * P);
		y = x * x;
		if (n < 5.0)
			c += 0.3 * (n - 4.5) * (x + 0.6);
		c = (((0.05 * d * x - 5.0) * x - 7.0) * x - 2.0) * x + b + c;
		y = (((((0.4 * y + 6.3) * y + 36.0) * y + 94.5) / c - y - 3.0) / b + 1.0) * x;
		y = expm1(a * y * y);
	}
	else
	{
		y = ((1.0 / (((n + 6.0) / (n * y) - 0.089 * d - 0.822) * (n + 2.0) * 3.0)
			  + 0.5 / (n + 4.0)) * y - 1.0) * (n + 1.0) / (n + 2.0) + 1.0 / y;
	}
	return sqrt(n * y);
}

double
kpi_qt(double p, double df)
{
	double		q,
				t,
				lo = 0.0,
				hi = INFINITY;
	int			i;

	if (isnan(p) || isnan(df) || df <= 0.0 || p < 0.0 || p > 1.0)
		return NAN;
	if (p == 0.0)
		return -INFINITY;
	if (p == 1.0)
		return INFINITY;
	if (p == 0.5)
		return 0.0;
	if (isinf(df) || df > 1e20)
		return kpi_qnorm(p);

	q = (p < 0.5) ? p : 1.0 - p;	/* smaller tail, exact */

	if (df == 1.0)
	{
		/* tan(pi (p - 1/2)); near the centre directly, else as 1/tan(pi q) */
		if (q > 0.25)
			return tan(M_PI * (p - 0.5));
		t = 1.0 / tan(M_PI * q);
		return (p < 0.5) ? -t : t;
	}
	if (df == 2.0)
	{
		t = (1.0 - 2.0 * q) / sqrt(2.0 * q * (1.0 - q));
		return (p < 0.5) ? -t : t;
	}

	/*
	 * Solve P(T > t) = q for t > 0 by Halley's method, from Hill's start.
	 * g(t) = q - P(T > t) increases with slope f(t), the density, and
	 * g''/g' = -(df + 1) t / (df + t^2).  A bracket guards against steps
	 * out of range.
	 */
	if (df < 1.0)
	{
		/* heavy tail: invert the leading term of P(T > t), see t_upper */
		t = exp((lgamma_diff(df / 2, 0.5) - LN_SQRT_PI
				 + (df / 2 - 1.0) * log(df) - log(q)) / df);
		if (isinf(t))
			return (p < 0.5) ? -t : t;
	}
	else
		t = hill_qt(2.0 * q, df);
	if (!(t > 0.0) || isinf(t))
		t = fmax(-kpi_qnorm(q), 1.0);
	for (i = 0; i < 100; i++)
	{
		double		g;
		double		dens,
					step,
					tnew;

		CHECK_FOR_INTERRUPTS();
		g = q - t_upper(t, df);
		if (g == 0.0)
			break;
		if (g > 0.0)
			hi = t;
		else
			lo = t;
		dens = t_density(t, df);
		step = g / dens;
		step /= 1.0 + 0.5 * step * (df + 1.0) * t / (df + t * t);
		tnew = t - step;
		if (fabs(step) <= 1e-13 * t)
		{
			/* converged: the error left after a step this small is far less */
			t = tnew;
			break;
		}
		if (!(tnew > lo && tnew < hi))
			tnew = isinf(hi) ? 2.0 * t : 0.5 * (lo + hi);
		t = tnew;
	}
	return (p < 0.5) ? -t : t;
}

/* ------------------------------------------------------------------------
 * Incomplete gamma function and chi-square
 * ------------------------------------------------------------------------
 */

/* log(x^a e^-x / Gamma(a + 1)) for a, x > 0 */
static double
gamma_log_prefactor(double a, double x)
{
	if (a >= 10.0)
		/* Gamma(a+1) = sqrt(2 pi a) (a/e)^a e^delta(a) */
		return -deviance(a, x) - stirling_delta(a) - 0.5 * log(a) - LN_SQRT_2PI;
	return a * log(x) - x - lgamma(a + 1.0);
}

/*
 * The regularized incomplete gamma function P(a,x) (lower) or
 * Q(a,x) = 1 - P(a,x) (upper), for a > 0, x >= 0.
 */
static double
incomplete_gamma(double a, double x, bool lower)
{
	double		front;
	int			maxit,
				i;

	if (x <= 0.0)
		return lower ? 0.0 : 1.0;
	if (isinf(x))
		return lower ? 1.0 : 0.0;

	front = exp(gamma_log_prefactor(a, x));
	maxit = max_iterations(a);
	if (x < a + 1.0)
	{
		/* P = front * sum_n x^n / ((a+1)(a+2)...(a+n)) */
		double		sum = 1.0,
					term = 1.0,
					p;

		for (i = 1; i <= maxit; i++)
		{
			if ((i & 0xFFFF) == 0)
				CHECK_FOR_INTERRUPTS();
			term *= x / (a + i);
			sum += term;
			if (term <= sum * (DBL_EPSILON / 2))
				break;
		}
		p = front * sum;
		return lower ? p : 1.0 - p;
	}
	else
	{
		/*
		 * Q = (x^a e^-x / Gamma(a)) / (x + 1 - a - 1(1 - a)/(x + 3 - a -
		 * 2(2 - a)/(x + 5 - a - ...))), by the modified Lentz method.
		 */
		double		b = x + 1.0 - a,
					c = 1.0 / TINY,
					d = 1.0 / b,
					h = d,
					q;

		for (i = 1; i <= maxit; i++)
		{
			double		an = -i * (i - a),
						del;

			if ((i & 0xFFFF) == 0)
				CHECK_FOR_INTERRUPTS();
			b += 2.0;
			d = an * d + b;
			if (fabs(d) < TINY)
				d = TINY;
			c = b + an / c;
			if (fabs(c) < TINY)
				c = TINY;
			d = 1.0 / d;
			del = d * c;
			h *= del;
			if (fabs(del - 1.0) <= DBL_EPSILON)
				break;
		}
		q = a * front * h;
		return lower ? 1.0 - q : q;
	}
}

double
kpi_pchisq(double x, double df, bool lower_tail)
{
	if (isnan(x) || isnan(df) || df < 0.0)
		return NAN;
	if (df == 0.0 || isinf(df))
	{
		/* point mass at 0, or all mass at infinity */
		bool		below = (df == 0.0) ? (x >= 0.0) : isinf(x) && x > 0;

		return (below == lower_tail) ? 1.0 : 0.0;
	}
	if (x <= 0.0)
		return lower_tail ? 0.0 : 1.0;
	if (df > CHISQ_WH_DF)
	{
		/*
		 * (X/df)^(1/3) is normal, mean 1 - c, variance c, c = 2/(9 df);
		 * (X/df)^(1/3) - 1 without cancellation
		 */
		double		c = 2.0 / (9.0 * df);
		double		d = expm1(log1p((x - df) / df) / 3.0);

		return kpi_pnorm((d + c) / sqrt(c), lower_tail);
	}
	return incomplete_gamma(df / 2, x / 2, lower_tail);
}

double
kpi_qchisq(double p, double df)
{
	double		a,
				y,
				q,
				lo = 0.0,
				hi = INFINITY;
	bool		lower;
	int			i;

	if (isnan(p) || isnan(df) || df < 0.0 || p < 0.0 || p > 1.0)
		return NAN;
	if (df == 0.0)
		return 0.0;
	if (p == 0.0)
		return 0.0;
	if (p == 1.0 || isinf(df))
		return INFINITY;
	if (df > CHISQ_WH_DF)
	{
		double		c = 2.0 / (9.0 * df);
		double		w = 1.0 - c + kpi_qnorm(p) * sqrt(c);

		return df * w * w * w;
	}

	/* work on y = x/2, a Gamma(a) variable, in the smaller tail */
	a = df / 2;
	lower = (p < 0.5);
	q = lower ? p : 1.0 - p;

	/* starting value */
	{
		double		z = kpi_qnorm(p);
		double		c = 2.0 / (9.0 * df);
		double		w = 1.0 - c + z * sqrt(c);

		y = a * w * w * w;		/* Wilson-Hilferty */
		if (lower && (df < -1.24 * log(p) || !(y > 0.0)))
		{
			/* small p: P(a,y) ~ y^a / Gamma(a + 1) */
			y = exp((log(p) + lgamma(a + 1.0)) / a);
			if (y == 0.0)
				return 0.0;		/* the quantile underflows */
		}
		else if (!lower && y > 1.1 * df + 3.0)
		{
			/* large p: Q(a,y) ~ y^(a-1) e^-y / Gamma(a); two fixed-point steps */
			y = -(log(q) - (a - 1.0) * log(y) + lgamma(a));
			if (y > 0.0)
				y = -(log(q) - (a - 1.0) * log(y) + lgamma(a));
		}
		if (!(y > 0.0) || isinf(y))
			y = a;
	}

	/*
	 * Halley's method on g(y) = +-(P(a,y) - p), oriented to increase with
	 * y, whose slope is the Gamma(a) density y^(a-1) e^-y / Gamma(a) =
	 * (a/y) * prefactor and whose g''/g' is (a - 1)/y - 1.  A bracket
	 * guards against steps out of range: then bisect, or, while an end is
	 * still 0 or infinite, divide or multiply by a constant factor.
	 */
	for (i = 0; i < 200; i++)
	{
		double		g,
					dens,
					step,
					ynew;

		CHECK_FOR_INTERRUPTS();
		g = lower ? incomplete_gamma(a, y, true) - q : q - incomplete_gamma(a, y, false);
		if (g == 0.0)
			break;
		if (g > 0.0)
			hi = y;
		else
			lo = y;
		dens = a / y * exp(gamma_log_prefactor(a, y));
		step = g / dens;
		step /= 1.0 - 0.5 * step * ((a - 1.0) / y - 1.0);
		ynew = y - step;
		if (fabs(step) <= 1e-13 * y)
		{
			/* converged: the error left after a step this small is far less */
			y = ynew;
			break;
		}
		if (!(ynew > lo && ynew < hi))
		{
			if (isinf(hi))
				ynew = 2.0 * y;
			else if (lo == 0.0)
				ynew = hi / 16.0;
			else
				ynew = 0.5 * (lo + hi);
		}
		y = ynew;
	}
	return 2.0 * y;
}

/*
 * R's default random number generator (src/main/RNG.c): MT19937 (M.
 * Matsumoto & T. Nishimura 1998), seeded as set.seed() does it (50 rounds
 * of the LCG seed = 69069 seed + 1 to scramble, then one more round per
 * word of the state), uniforms as MT19937's [0,1) real, kept off 0 and 1,
 * and normals by inversion of a 2^27-scaled pair of uniforms.
 */
#define MT_N 624
#define MT_M 397

void
kpi_rng_seed(KpiRng *rng, int32_t seed)
{
	uint32_t	s = (uint32_t) seed;

	for (int j = 0; j < 50; j++)
		s = 69069 * s + 1;
	/* R fills 625 words, the first of which is the position (reset to 624) */
	s = 69069 * s + 1;
	for (int j = 0; j < MT_N; j++)
	{
		s = 69069 * s + 1;
		rng->mt[j] = s;
	}
	rng->mti = MT_N;
}

static double
mt_genrand(KpiRng *rng)
{
	static const uint32_t mag01[2] = {0x0, 0x9908b0dfU};
	uint32_t   *mt = rng->mt;
	uint32_t	y;

	if (rng->mti >= MT_N)
	{
		int			kk;

		for (kk = 0; kk < MT_N - MT_M; kk++)
		{
			y = (mt[kk] & 0x80000000U) | (mt[kk + 1] & 0x7fffffffU);
			mt[kk] = mt[kk + MT_M] ^ (y >> 1) ^ mag01[y & 0x1];
		}
		for (; kk < MT_N - 1; kk++)
		{
			y = (mt[kk] & 0x80000000U) | (mt[kk + 1] & 0x7fffffffU);
			mt[kk] = mt[kk + (MT_M - MT_N)] ^ (y >> 1) ^ mag01[y & 0x1];
		}
		y = (mt[MT_N - 1] & 0x80000000U) | (mt[0] & 0x7fffffffU);
		mt[MT_N - 1] = mt[MT_M - 1] ^ (y >> 1) ^ mag01[y & 0x1];
		rng->mti = 0;
	}
	y = mt[rng->mti++];
	y ^= (y >> 11);
	y ^= (y << 7) & 0x9d2c5680U;
	y ^= (y << 15) & 0xefc60000U;
	y ^= (y >> 18);
	return (double) y * 2.3283064365386963e-10;
}

double
kpi_unif_rand(KpiRng *rng)
{
	const double i2_32m1 = 2.328306437080797e-10;	/* 1 / (2^32 - 1) */
	double		x = mt_genrand(rng);

	if (x <= 0.0)
		return 0.5 * i2_32m1;
	if (1.0 - x <= 0.0)
		return 1.0 - 0.5 * i2_32m1;
	return x;
}

double
kpi_norm_rand(KpiRng *rng)
{
	const double big = 134217728;	/* 2^27 */
	double		u = kpi_unif_rand(rng);

	u = (int) (big * u) + kpi_unif_rand(rng);
	return kpi_qnorm(u / big);
}
