-- kpi: KPI scoring for performance reports.
--
-- Generated from sql/parts/*.sql by the Makefile: edit those, not this file.
-- Every object lives in the schema kpi.  Every function, operator and type
-- reference is schema-qualified, so neither this script nor later calls can
-- be captured by objects planted elsewhere on the search_path.

\echo Use "CREATE EXTENSION kpi" to load this file. \quit
