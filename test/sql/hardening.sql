-- Regressions found by the fuzzer (make fuzz): each input here once gave
-- an internal error, a hang or a wrong answer.
SET search_path = public, kpi;
SET extra_float_digits = 0;

-- how a statement ends: its SQLSTATE and message
CREATE FUNCTION hardening_try(sql text) RETURNS text LANGUAGE plpgsql AS $$
DECLARE st text; msg text; v text;
BEGIN
    EXECUTE sql INTO v;
    RETURN 'ok: ' || coalesce(v, 'NULL');
EXCEPTION WHEN OTHERS THEN
    GET STACKED DIAGNOSTICS st = RETURNED_SQLSTATE, msg = MESSAGE_TEXT;
    RETURN st || ': ' || msg;
END $$;

-- kpi.rag_counts' transition functions called directly with crafted
-- states: clean errors, not internal ones, and no wrapped-around counts
SELECT s AS statement, hardening_try(s) AS outcome
FROM unnest(ARRAY[
    $q$SELECT kpi.rag_counts_accum_inv('{0,0,0,0}', 'green')::text$q$,
    $q$SELECT kpi.rag_counts_accum_inv('{0,0,0,0}', NULL)::text$q$,
    $q$SELECT kpi.rag_counts_accum_inv('{1,1,1,1}', 'red')::text$q$,
    $q$SELECT kpi.rag_counts_accum('{9223372036854775807,9223372036854775807,9223372036854775807,9223372036854775807}', 'amber')::text$q$,
    $q$SELECT kpi.rag_counts_combine('{1,1,1,1}', '{9223372036854775807,0,0,0}')::text$q$,
    $q$SELECT kpi.rag_counts_final('{-1,0,0,0}')::text$q$,
    $q$SELECT kpi.rag_summary_final('{0,-5,0,0}')$q$,
    -- found by make sanitize: a huge count cast to bigint (undefined)
    $q$SELECT kpi.peer_rank_final('{3,1e300,0,1}')::text$q$,
    $q$SELECT kpi.peer_rank_final('{3,NaN,0,1}')::text$q$
]) s;

-- chi-square with huge degrees of freedom: once 40 s per call and not
-- cancellable (qchisq), or wrong (pchisq 0.487 at df 1e15, NaN at 1e300);
-- beyond df 2e12 the Wilson-Hilferty transform is used
SET statement_timeout = '10s';
SELECT round(kpi.pchisq(1e15, 1e15)::numeric, 9) AS p_1e15,
       kpi.pchisq(1e300, 1e300) AS p_1e300,
       round(kpi.pchisq(1.99e12, 1.99e12)::numeric, 10) AS series_side,
       round(kpi.pchisq(2.01e12, 2.01e12)::numeric, 10) AS wh_side,
       kpi.qchisq(0.5, 1e300) / 1e300 AS q_1e300,
       round(kpi.qchisq(4.9e-324, 1e15)::numeric / 1e15, 6) AS q_tiny_p,
       round(kpi.pchisq(kpi.qchisq(0.975, 3e12), 3e12)::numeric, 9) AS round_trip;
RESET statement_timeout;

DROP FUNCTION hardening_try(text);
