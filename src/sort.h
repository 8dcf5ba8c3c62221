/*
 * sort.h — sorting that answers a cancel (see sort.c).
 */
#ifndef KPI_SORT_H
#define KPI_SORT_H

typedef int (*KpiSortCmp) (const void *a, const void *b, void *arg);

extern void kpi_sort(void *base, int64 n, size_t size, KpiSortCmp cmp, void *arg);
extern void kpi_select(void *base, int64 n, int64 k, size_t size, KpiSortCmp cmp, void *arg);
extern void kpi_sort_doubles(double *v, int64 n);
extern void kpi_select_double(double *v, int64 n, int64 k);

#endif							/* KPI_SORT_H */
