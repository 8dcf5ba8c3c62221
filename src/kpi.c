/*
 * kpi.c — module magic, and the argument checks shared by every capability.
 */
#include "postgres.h"

#include <math.h>

#include "access/htup_details.h"
#include "fmgr.h"
#include "funcapi.h"
#include "kpi.h"

#if PG_VERSION_NUM >= 180000
PG_MODULE_MAGIC_EXT(.name = "kpi", .version = "0.2.0");
#else
PG_MODULE_MAGIC;
#endif

void
finite_arg_error(double value, const char *what)
{
	ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("%s must be a finite number, not %s", what,
						isnan(value) ? "NaN" : (value > 0 ? "Infinity" : "-Infinity")),
				 errhint("Filter out or replace NaN and infinite values before calling kpi functions.")));
	pg_unreachable();
}

void
check_level(double level)
{
	if (!(level > 0.0 && level < 1.0))	/* also rejects NaN */
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("confidence level must be between 0 and 1 exclusive, not %g", level),
				 errhint("Write 95%% confidence as 0.95.")));
}

Datum
kpi_result_row(FunctionCallInfo fcinfo, const Datum *values, const bool *nulls,
			   int natts)
{
	TupleDesc	tupdesc;

	if (get_call_result_type(fcinfo, NULL, &tupdesc) != TYPEFUNC_COMPOSITE)
		elog(ERROR, "kpi: return type must be a row type");
	if (tupdesc->natts != natts)
		elog(ERROR, "kpi: unexpected number of result columns");
	tupdesc = BlessTupleDesc(tupdesc);
	return HeapTupleGetDatum(heap_form_tuple(tupdesc, (Datum *) values, (bool *) nulls));
}
