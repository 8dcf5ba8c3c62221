#!/usr/bin/env bash
# kpi.state's one size limit on binary input, and round trips of the
# largest state through text and binary COPY (issue 9, items 1 and 6).
# test/pgtap/state_size.sql covers the other paths (text input,
# kpi.state_cat, the transition functions, an aggregate) with the same
# limit and error.
#
# On 0.1.0 binary input accepted 134,217,726 values but text input only
# 67,108,864, so a table holding a bigger state dumped (pg_dump writes text)
# and then restored empty.  Now every path stops at 40,000,000 values,
# whose text form is at most 1,000,000,002 bytes (25 a value, see
# src/state.h): under PostgreSQL's 1 GB limit, so every accepted state
# goes out and back in.  Here the largest state of the shortest text
# ("0", 80 MB of text) goes round; KPI_STATE_LIMIT_FULL=1 also sends the
# largest state of the longest text (-2.2250738585072014e-308, 1 GB of text:
# minutes and some 4 GB of memory, so not by default).
source "$(dirname "$0")/lib.bash"

db=kpi_state_limits
work=$KPI_TMP/state-limits
mkdir -p "$work"
q -d postgres -c "DROP DATABASE IF EXISTS $db" 2>/dev/null
"$KPI_BIN/createdb" $db
q -d $db -c 'CREATE EXTENSION kpi' -c 'CREATE TABLE t (name text, s kpi.state)'

max=40000000

# a binary COPY stream of one row (name, s) where s holds $1 zeros
# (its count says ${2:-$1})
binary_row() {
    local n=$1 said=${2:-$1}
    perl -e 'my $name = "bin$ARGV[0]";
             print "PGCOPY\n\377\r\n\0", pack("N N n", 0, 0, 2), pack("N", length $name), $name,
                   pack("N N", 4 + 8 * $ARGV[0], $ARGV[1])' "$n" "$said"
    head -c $((8 * n)) /dev/zero
    perl -e 'print pack("n", 0xffff)'
}

# binary input: exactly the limit is accepted, one more refused with 54000
binary_row $max | q -d $db -c 'COPY t FROM STDIN (FORMAT binary)' \
    || fail "binary input of $max values was refused"
[ "$(qa -d $db -c "SELECT pg_column_size(kpi.state_cat(s, NULL)) FROM t WHERE name = 'bin$max'")" = 320000008 ] \
    || fail "binary input of $max values: not 320,000,008 bytes"
pass "binary input (COPY) accepts a state of $max values"
err=$(binary_row $((max + 1)) | "$KPI_BIN/psql" -X -q -d $db -v VERBOSITY=verbose \
          -c 'COPY t FROM STDIN (FORMAT binary)' 2>&1 >/dev/null || true)
grep -q "ERROR:  54000: kpi.state cannot hold $((max + 1)) values" <<<"$err" \
    || { printf '%s\n' "$err" >&2; fail "binary input of $((max + 1)) values: not refused with 54000"; }
grep -q "DETAIL:  A kpi.state holds at most $max values" <<<"$err" \
    || { printf '%s\n' "$err" >&2; fail "binary input: the detail does not name the limit"; }
pass "binary input (COPY) refuses $((max + 1)) values: 54000, the limit in the detail, as every other path"
# a count that does not match the length is a broken value (22P03), not a
# size error, whatever it claims
for said in 4 $((max + 1)) -1; do
    err=$(binary_row 3 $said | "$KPI_BIN/psql" -X -q -d $db -v VERBOSITY=sqlstate \
              -c 'COPY t FROM STDIN (FORMAT binary)' 2>&1 >/dev/null || true)
    grep -q "ERROR:  22P03" <<<"$err" || { printf '%s\n' "$err" >&2; fail "3 values counted as $said: not 22P03"; }
done
pass "binary input refuses a count that does not match its values (22P03)"

# round trips: text COPY (what pg_dump writes) and binary COPY, out and in
round_trip() {   # round_trip NAME: the state of row NAME out and back in, both formats
    local name=$1
    q -d $db -c "CREATE TABLE rt_text (LIKE t); CREATE TABLE rt_binary (LIKE t)"
    q -d $db -c "COPY (SELECT * FROM t WHERE name = '$name') TO STDOUT" \
        | q -d $db -c 'COPY rt_text FROM STDIN'
    q -d $db -c "COPY (SELECT * FROM t WHERE name = '$name') TO STDOUT (FORMAT binary)" \
        | q -d $db -c 'COPY rt_binary FROM STDIN (FORMAT binary)'
    [ "$(qa -d $db -c "SELECT (SELECT s FROM t WHERE name = '$name') = (SELECT s FROM rt_text)
                            AND (SELECT s FROM t WHERE name = '$name') = (SELECT s FROM rt_binary)
                            AND (SELECT octet_length(s::text) FROM rt_text) = (SELECT octet_length(s::text) FROM t WHERE name = '$name')")" = t ] \
        || fail "$name: the state read back from COPY differs"
    q -d $db -c 'DROP TABLE rt_text, rt_binary'
}
round_trip bin$max
pass "the largest state ($max values) goes out and back in through text and binary COPY unchanged"

if [ "${KPI_STATE_LIMIT_FULL:-0}" = 1 ]; then
    q -d $db <<'SQL'
DO $$
DECLARE big kpi.state := ('{' || repeat('-2.2250738585072014e-308,', 78124) || '-2.2250738585072014e-308}')::kpi.state;
BEGIN
    FOR i IN 1..9 LOOP big := kpi.state_cat(big, big); END LOOP;
    INSERT INTO t VALUES ('longest', big);
END $$;
SQL
    len=$(qa -d $db -c "SELECT octet_length(s::text) FROM t WHERE name = 'longest'")
    [ "$len" = 1000000001 ] || fail "the longest text of the largest state is $len bytes, not 1,000,000,001"
    round_trip longest
    pass "the largest state of the longest text (1,000,000,001 bytes) goes round through text and binary COPY"
fi

q -d postgres -c "DROP DATABASE $db"
