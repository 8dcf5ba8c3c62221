-- kpi 0.1.0 -> 0.2.0.
--
-- Generated from sql/updates/kpi--0.1.0--0.2.0/*.sql by the Makefile: edit
-- those, not this file.  One file per capability, as sql/parts/ (whose files
-- describe 0.2.0 as a fresh install); every object that a part adds or
-- changes is added or changed here too, and test/safety/upgrade.sh proves
-- that an updated 0.1.0 equals a fresh 0.2.0.  A capability that is new in
-- 0.2.0 (nothing of it existed in 0.1.0) is a symbolic link to its part, so
-- the two scripts cannot drift apart.  Qualified as the install
-- script is: nothing here can be captured through the search_path.

\echo Use "ALTER EXTENSION kpi UPDATE TO '0.2.0'" to load this file. \quit
