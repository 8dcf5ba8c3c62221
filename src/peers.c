/*
 * peers.c — where a value stands among its peers: the aggregate
 * kpi.peer_rank(local, peer, polarity) and kpi.quartile(value, cuts,
 * polarity).
 */
#include "postgres.h"

#include <math.h>

#include "catalog/pg_type.h"
#include "kpi.h"
#include "state.h"
#include "utils/array.h"

PG_FUNCTION_INFO_V1(peer_rank_accum);
PG_FUNCTION_INFO_V1(peer_rank_combine);
PG_FUNCTION_INFO_V1(peer_rank_final);
PG_FUNCTION_INFO_V1(kpi_quartile);

/*
 * kpi.peer_rank state, a kpi.state of 4 values: {peer rows, peers
 * strictly better, local value, polarity}.  Counts stay exact in a float8
 * up to 2^53 rows.
 */
#define PR_ROWS		0
#define PR_BETTER	1
#define PR_LOCAL	2
#define PR_POLARITY 3
#define PR_LEN		4

static void
peer_rank_mismatch(const char *what)
{
	ereport(ERROR,
			(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
			 errmsg("kpi.peer_rank: %s must be the same in every row of a group", what),
			 errhint("Group by the local area, or pass its value as a constant.")));
}

Datum
peer_rank_accum(PG_FUNCTION_ARGS)
{
	KpiState   *state = kpi_state_arg(fcinfo, 0, PR_LEN, "kpi.peer_rank");
	double	   *st = state->values;
	double		local = PG_GETARG_FLOAT8(1);
	double		peer = PG_GETARG_FLOAT8(2);
	Polarity	polarity = polarity_arg(fcinfo, 3);

	check_finite_arg(local, "local value");
	check_finite_arg(peer, "peer value");
	if (st[PR_ROWS] == 0)
	{
		st[PR_LOCAL] = local;
		st[PR_POLARITY] = polarity;
	}
	else if (st[PR_LOCAL] != local)
		peer_rank_mismatch("the local value");
	else if (st[PR_POLARITY] != polarity)
		peer_rank_mismatch("polarity");

	st[PR_ROWS] += 1;
	if (polarity == POLARITY_HIGHER ? peer > local : peer < local)
		st[PR_BETTER] += 1;
	PG_RETURN_KPI_STATE(state);
}

Datum
peer_rank_combine(PG_FUNCTION_ARGS)
{
	KpiState   *state = kpi_state_arg(fcinfo, 0, PR_LEN, "kpi.peer_rank");
	double	   *st = state->values;
	const double *o = kpi_state_arg_ro(fcinfo, 1, PR_LEN, "kpi.peer_rank")->values;

	if (o[PR_ROWS] == 0)
		PG_RETURN_KPI_STATE(state);
	if (st[PR_ROWS] == 0)
	{
		memcpy(st, o, sizeof(double) * PR_LEN);
		PG_RETURN_KPI_STATE(state);
	}
	if (st[PR_LOCAL] != o[PR_LOCAL])
		peer_rank_mismatch("the local value");
	if (st[PR_POLARITY] != o[PR_POLARITY])
		peer_rank_mismatch("polarity");
	st[PR_ROWS] += o[PR_ROWS];
	st[PR_BETTER] += o[PR_BETTER];
	PG_RETURN_KPI_STATE(state);
}

/* 1 + peers strictly better; NULL without peers or for polarity none */
Datum
peer_rank_final(PG_FUNCTION_ARGS)
{
	const double *st = kpi_state_arg_ro(fcinfo, 0, PR_LEN, "kpi.peer_rank")->values;

	if (st[PR_ROWS] == 0 || st[PR_POLARITY] == POLARITY_NONE)
		PG_RETURN_NULL();
	/* a crafted state could hold anything: casting it would be undefined */
	if (!(st[PR_BETTER] >= 0 && st[PR_BETTER] < 9e15))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("kpi.peer_rank: invalid transition state")));
	PG_RETURN_INT64((int64) st[PR_BETTER] + 1);
}

/*
 * kpi.quartile(value, cuts, polarity): 1 (best) to 4 (worst) given the
 * three cut points.  A value equal to a cut point goes to the better side:
 * with higher-is-better, 1 + the number of cuts strictly above the value;
 * with lower-is-better, 1 + the number strictly below it.
 */
Datum
kpi_quartile(PG_FUNCTION_ARGS)
{
	double		value = PG_GETARG_FLOAT8(0);
	ArrayType  *cuts = PG_GETARG_ARRAYTYPE_P(1);
	Polarity	polarity = polarity_arg(fcinfo, 2);
	double	   *c;
	int			q = 1;

	check_finite_arg(value, "value");
	if (ARR_ELEMTYPE(cuts) != FLOAT8OID || ARR_NDIM(cuts) != 1 ||
		ARR_DIMS(cuts)[0] != 3 || ARR_HASNULL(cuts))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("quartile cut points must be an array of 3 non-NULL values"),
				 errhint("Use percentile_cont(ARRAY[0.25, 0.5, 0.75]) WITHIN GROUP (ORDER BY value) over the comparison group.")));
	c = (double *) ARR_DATA_PTR(cuts);
	for (int i = 0; i < 3; i++)
		check_finite_arg(c[i], "quartile cut point");
	if (c[0] > c[1] || c[1] > c[2])
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("quartile cut points must be in ascending order, not {%g,%g,%g}",
						c[0], c[1], c[2])));
	if (polarity == POLARITY_NONE)
		PG_RETURN_NULL();
	for (int i = 0; i < 3; i++)
		if (polarity == POLARITY_HIGHER ? c[i] > value : c[i] < value)
			q++;
	PG_RETURN_INT32(q);
}
