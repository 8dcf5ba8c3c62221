/*
 * kpi.c — module magic, and the argument checks shared by every capability.
 */
#include "postgres.h"

#include <math.h>

#include "access/htup_details.h"
#include "catalog/pg_proc.h"
#include "fmgr.h"
#include "funcapi.h"
#include "kpi.h"
#include "utils/lsyscache.h"
#include "utils/syscache.h"

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

/*
 * The type of argument argno of the function being called: from the call
 * expression, or, when the caller gave none, the function's declared
 * argument type.  Citus calls an aggregate's transition function through
 * fmgr_info() alone (worker_partial_agg on the workers), so there is no
 * call expression to ask.
 */
Oid
kpi_arg_type(FunctionCallInfo fcinfo, int argno)
{
	Oid			type = get_fn_expr_argtype(fcinfo->flinfo, argno);

	if (!OidIsValid(type) && fcinfo->flinfo && OidIsValid(fcinfo->flinfo->fn_oid))
	{
		HeapTuple	tup = SearchSysCache1(PROCOID, ObjectIdGetDatum(fcinfo->flinfo->fn_oid));

		if (HeapTupleIsValid(tup))
		{
			Form_pg_proc proc = (Form_pg_proc) GETSTRUCT(tup);

			if (argno >= 0 && argno < proc->pronargs)
				type = proc->proargtypes.values[argno];
			ReleaseSysCache(tup);
		}
	}
	return type;
}

/*
 * The result type of the function being called: from the call expression,
 * or its declared result type when there is none (Citus calls an
 * aggregate's final function through fmgr_info() alone, on the
 * coordinator: coord_combine_agg).
 */
Oid
kpi_result_type(FunctionCallInfo fcinfo)
{
	Oid			type = get_fn_expr_rettype(fcinfo->flinfo);

	if (!OidIsValid(type) && fcinfo->flinfo && OidIsValid(fcinfo->flinfo->fn_oid))
		type = get_func_rettype(fcinfo->flinfo->fn_oid);
	return type;
}
