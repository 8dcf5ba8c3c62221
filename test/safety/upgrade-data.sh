#!/usr/bin/env bash
# Stored data across ALTER EXTENSION kpi UPDATE from 0.1.0: ratings keep
# their bytes and order (blue came after green), the comparison operators
# moved to pg_catalog keep their OIDs (indexes, constraints and views that
# use them stay valid), SQL written for 0.1.0 (OPERATOR(kpi.=)) still runs,
# and kpi.rag_counts keeps 0.1.0's four columns: a stored value reads the
# same after the update, a dump of it restores into 0.2.0 (0.2.0 once added
# a column blue, and the dump's "(1000,1000,1000,0)" failed to load: the
# table was lost), and a blue rating counts as green (kpi.brag_counts counts
# it apart).
source "$(dirname "$0")/lib.bash"

db=kpi_upgrade_data
q -d postgres -c "DROP DATABASE IF EXISTS $db" 2>/dev/null
"$KPI_BIN/createdb" $db
q -d $db <<'SQL' >/dev/null
CREATE EXTENSION kpi VERSION '0.1.0';
CREATE TABLE board (id int PRIMARY KEY, r kpi.rag CHECK (r OPERATOR(kpi.>=) 'red'), counts kpi.rag_counts);
INSERT INTO board SELECT i, (ARRAY['red', 'amber', 'green'])[1 + i % 3]::kpi.rag, NULL FROM generate_series(1, 3000) i;
UPDATE board SET counts = (SELECT kpi.rag_counts(r) FROM board) WHERE id = 1;
CREATE INDEX board_r ON board (r);
CREATE VIEW board_red AS SELECT id FROM board WHERE r OPERATOR(kpi.=) 'red';
ANALYZE board;
SQL
# 0.1.0's catalog served by this library, before the update
[ "$(qa -d $db -c "SELECT kpi.rag_counts(r)::text FROM board")" = '(1000,1000,1000,0)' ] \
    || fail "kpi.rag_counts in a 0.1.0 catalog with the new library: $(qa -d $db -c "SELECT kpi.rag_counts(r)::text FROM board" 2>&1)"
got=$(qa -d $db -c "SELECT kpi.rag_counts(r)::text FROM (VALUES ('blue'::kpi.rag), ('red'), (NULL)) v(r)" 2>&1)
[ "$got" = '(1,0,1,1)' ] || fail "a blue rating in 0.1.0's kpi.rag_counts with the new library: $got (want it counted as green)"
pass "before the update, the new library serves 0.1.0's kpi.rag_counts (a blue rating counts as green)"

# a dump of the 0.1.0 database, never updated, restored into a fresh one
# (which gets 0.2.0): the stored kpi.rag_counts value loads
"$KPI_BIN/pg_dump" -Fc -d $db -f "$KPI_TMP/upgrade-data.dump"
q -d postgres -c "DROP DATABASE IF EXISTS ${db}_restored" 2>/dev/null
"$KPI_BIN/createdb" ${db}_restored
"$KPI_BIN/pg_restore" --exit-on-error -d ${db}_restored "$KPI_TMP/upgrade-data.dump" \
    || fail "a 0.1.0 dump with a stored kpi.rag_counts does not restore into 0.2.0"
got=$(qa -d ${db}_restored -c "SELECT e.extversion || ' ' || count(b.*) || ' ' || (SELECT counts::text FROM board WHERE id = 1)
                               FROM pg_extension e, board b WHERE e.extname = 'kpi' GROUP BY e.extversion")
[ "$got" = '0.2.0 3000 (1000,1000,1000,0)' ] || fail "a 0.1.0 dump restored into 0.2.0: $got (want 0.2.0 3000 (1000,1000,1000,0))"
q -d postgres -c "DROP DATABASE ${db}_restored"
pass "a 0.1.0 dump restores into 0.2.0 with its stored kpi.rag_counts value"

before=$(qa -d $db -c "SELECT md5(string_agg(id || ':' || r::text || ':' || kpi.rag_send(r)::text, ',' ORDER BY id)) FROM board")
q -d $db -c 'ALTER EXTENSION kpi UPDATE' >/dev/null || fail "ALTER EXTENSION kpi UPDATE failed with data stored"
after=$(qa -d $db -c "SELECT md5(string_agg(id || ':' || r::text || ':' || kpi.rag_send(r)::text, ',' ORDER BY id)) FROM board")
[ "$before" = "$after" ] || fail "stored ratings changed across the update"
pass "3000 stored ratings read back the same (text and binary) after the update"

[ "$(qa -d $db -c 'SELECT count(*) FROM board_red')" = 1000 ] || fail "a 0.1.0 view with OPERATOR(kpi.=) answers differently"
qa -d $db -c "SELECT pg_get_viewdef('board_red')" | grep -q "r = 'red'::kpi.rag" \
    || fail "the view does not print the moved operator as plain =: $(qa -d $db -c "SELECT pg_get_viewdef('board_red')")"
plan=$(qa -d $db -c 'SET enable_seqscan = off' -c "EXPLAIN (COSTS OFF) SELECT count(*) FROM board WHERE r = 'green'")
grep -q 'board_r' <<<"$plan" || fail "the 0.1.0 index is not used by plain = after the update: $plan"
[ "$(qa -d $db -c 'SET enable_seqscan = off' -c "SELECT count(*) FROM board WHERE r = 'green'")" = 1000 ] || fail "index scan counts wrong"
[ "$(qa -d $db -c "SELECT count(*) FROM board WHERE r OPERATOR(kpi.=) 'amber' AND r < 'blue'")" = 1000 ] \
    || fail "OPERATOR(kpi.=) or blue's order after green is wrong"
q -d $db -c "INSERT INTO board VALUES (0, 'blue', NULL)" >/dev/null || fail "the 0.1.0 CHECK constraint refuses blue"
pass "the 0.1.0 view, index and CHECK constraint work through the moved operators; blue sorts after green"

[ "$(qa -d $db -c "SELECT counts::text FROM board WHERE id = 1")" = '(1000,1000,1000,0)' ] \
    || fail "a stored 0.1.0 kpi.rag_counts reads as $(qa -d $db -c "SELECT counts::text FROM board WHERE id = 1")"
[ "$(qa -d $db -c "SELECT kpi.rag_counts(r)::text FROM board")" = '(1000,1000,1001,0)' ] || fail "rag_counts after the update (blue counts as green)"
[ "$(qa -d $db -c "SELECT kpi.brag_counts(r)::text FROM board")" = '(1000,1000,1000,0,1)' ] || fail "brag_counts after the update"
pass "a stored 0.1.0 kpi.rag_counts reads the same after the update; kpi.rag_counts counts the new blue row as green, kpi.brag_counts apart"
q -d postgres -c "DROP DATABASE $db"
