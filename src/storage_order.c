/*
 * storage_order.c — the run-of-doubles comparison that kpi.state's and
 * kpi.trend's storage orders share (storage_order.h).
 */
#include "postgres.h"

#include "miscadmin.h"

#include "storage_order.h"

int
kpi_doubles_storage_cmp(const double *a, const double *b, int n)
{
	for (int i = 0; i < n; i++)
	{
		int			c = kpi_double_storage_cmp(a[i], b[i]);

		if (c != 0)
			return c;
		if ((i & 0xFFFF) == 0xFFFF)
			CHECK_FOR_INTERRUPTS();
	}
	return 0;
}
