SELECT kpi.rag(95.26, 86.6, 'lower');
