BEGIN;
SET search_path = public, kpi;
SELECT plan(1);
SELECT is(kpi.rag(95.26, 86.6, 'lower'), 'amber'::kpi.rag, '95.26 vs 86.6 lower is amber');
SELECT * FROM finish();
ROLLBACK;
