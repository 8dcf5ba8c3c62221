/*
 * sort.c — sorting and selection that answer a cancel or statement_timeout.
 *
 * PostgreSQL's qsort and qsort_arg have no interrupt hook, and kpi sorts
 * inputs of millions of values (series points, samples, chart rows).  This
 * is introsort (median-of-three quicksort, insertion sort for short ranges,
 * heapsort when the partitions stay lopsided for too long, so O(n log n)
 * whatever the input) with an interrupt check per partition of more than
 * CHECK_RANGE elements and every CHECK_RANGE steps of the heapsort, i.e.
 * every few milliseconds; kpi_select is the matching introselect.  Like
 * qsort it is not stable: callers whose keys can tie break ties themselves.
 */
#include "postgres.h"

#include "miscadmin.h"
#include "sort.h"

#define CHECK_RANGE		65536
#define INSERTION_MAX	16

typedef struct
{
	char	   *base;
	size_t		size;
	KpiSortCmp	cmp;
	void	   *arg;
	char	   *pivot;			/* room for one element */
} Sorter;

#define ELEM(s, i)	((s)->base + (size_t) (i) * (s)->size)
#define CMP(s, i, j) ((s)->cmp(ELEM(s, i), ELEM(s, j), (s)->arg))

static inline void
swap_elems(const Sorter *s, int64 i, int64 j)
{
	char	   *a = ELEM(s, i),
			   *b = ELEM(s, j);

	for (size_t k = 0; k < s->size; k++)
	{
		char		t = a[k];

		a[k] = b[k];
		b[k] = t;
	}
}

static void
insertion_sort(const Sorter *s, int64 lo, int64 hi)
{
	for (int64 i = lo + 1; i <= hi; i++)
		for (int64 j = i; j > lo && CMP(s, j - 1, j) > 0; j--)
			swap_elems(s, j - 1, j);
}

static void
sift_down(const Sorter *s, int64 off, int64 root, int64 n)
{
	for (;;)
	{
		int64		child = 2 * root + 1;

		if (child >= n)
			return;
		if (child + 1 < n && CMP(s, off + child + 1, off + child) > 0)
			child++;
		if (!(CMP(s, off + child, off + root) > 0))
			return;
		swap_elems(s, off + root, off + child);
		root = child;
	}
}

/* heapsort of elements lo..hi */
static void
heap_sort(const Sorter *s, int64 lo, int64 hi)
{
	int64		n = hi - lo + 1;

	for (int64 i = n / 2 - 1; i >= 0; i--)
	{
		if ((i & (CHECK_RANGE - 1)) == 0)
			CHECK_FOR_INTERRUPTS();
		sift_down(s, lo, i, n);
	}
	for (int64 end = n - 1; end > 0; end--)
	{
		if ((end & (CHECK_RANGE - 1)) == 0)
			CHECK_FOR_INTERRUPTS();
		swap_elems(s, lo, lo + end);
		sift_down(s, lo, 0, end);
	}
}

/*
 * Hoare partition of lo..hi (hi - lo >= 2) around the median of its first,
 * middle and last elements: returns j, lo <= j < hi, with every element of
 * lo..j <= every element of j+1..hi.
 */
static int64
partition(const Sorter *s, int64 lo, int64 hi)
{
	int64		mid = lo + (hi - lo) / 2;
	int64		i = lo - 1,
				j = hi + 1;

	if (CMP(s, mid, lo) < 0)
		swap_elems(s, mid, lo);
	if (CMP(s, hi, lo) < 0)
		swap_elems(s, hi, lo);
	if (CMP(s, hi, mid) < 0)
		swap_elems(s, hi, mid);
	memcpy(s->pivot, ELEM(s, mid), s->size);
	for (uint32 steps = 1;; steps++)
	{
		/* the first partitions of millions take a while on their own */
		if ((steps & (CHECK_RANGE - 1)) == 0)
			CHECK_FOR_INTERRUPTS();
		do
			i++;
		while (s->cmp(ELEM(s, i), s->pivot, s->arg) < 0);
		do
			j--;
		while (s->cmp(ELEM(s, j), s->pivot, s->arg) > 0);
		if (i >= j)
			return j;
		swap_elems(s, i, j);
	}
}

/* how many lopsided partitions before the heapsort: 2 log2(n) */
static int
depth_limit(int64 n)
{
	int			d = 0;

	for (; n > 1; n >>= 1)
		d += 2;
	return d;
}

static void
sort_range(const Sorter *s, int64 lo, int64 hi, int depth)
{
	while (hi - lo >= INSERTION_MAX)
	{
		int64		j;

		if (hi - lo >= CHECK_RANGE)
			CHECK_FOR_INTERRUPTS();
		if (depth-- == 0)
		{
			heap_sort(s, lo, hi);
			return;
		}
		j = partition(s, lo, hi);
		/* recurse into the smaller part, loop on the larger */
		if (j - lo < hi - j)
		{
			sort_range(s, lo, j, depth);
			lo = j + 1;
		}
		else
		{
			sort_range(s, j + 1, hi, depth);
			hi = j;
		}
	}
	insertion_sort(s, lo, hi);
}

/* sort base[0..n-1] ascending by cmp (which gets arg as its third argument) */
void
kpi_sort(void *base, int64 n, size_t size, KpiSortCmp cmp, void *arg)
{
	Sorter		s = {base, size, cmp, arg, NULL};

	if (n < 2)
		return;
	s.pivot = palloc(size);
	sort_range(&s, 0, n - 1, depth_limit(n));
	pfree(s.pivot);
}

/*
 * Reorder base[0..n-1] so that element k is the one a sort would put there,
 * with every element before it <= it <= every element after it.
 */
void
kpi_select(void *base, int64 n, int64 k, size_t size, KpiSortCmp cmp, void *arg)
{
	Sorter		s = {base, size, cmp, arg, NULL};
	int64		lo = 0,
				hi = n - 1;
	int			depth = depth_limit(n);

	Assert(k >= 0 && k < n);
	s.pivot = palloc(size);
	while (hi - lo >= INSERTION_MAX)
	{
		int64		j;

		if (hi - lo >= CHECK_RANGE)
			CHECK_FOR_INTERRUPTS();
		if (depth-- == 0)
		{
			heap_sort(&s, lo, hi);
			break;
		}
		j = partition(&s, lo, hi);
		if (k <= j)
			hi = j;
		else
			lo = j + 1;
	}
	if (hi - lo < INSERTION_MAX)
		insertion_sort(&s, lo, hi);
	pfree(s.pivot);
}

/* finite doubles (or at least no NaN): < is a total order */
static int
double_cmp(const void *a, const void *b, void *arg)
{
	double		x = *(const double *) a,
				y = *(const double *) b;

	return (x > y) - (x < y);
}

void
kpi_sort_doubles(double *v, int64 n)
{
	kpi_sort(v, n, sizeof(double), double_cmp, NULL);
}

void
kpi_select_double(double *v, int64 n, int64 k)
{
	kpi_select(v, n, k, sizeof(double), double_cmp, NULL);
}
