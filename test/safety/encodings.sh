#!/usr/bin/env bash
# Any server encoding (issue 9, item 4).
#
# kpi installs in LATIN1, SQL_ASCII and EUC_JP databases (createdb -E ...
# -T template0 --locale=C; 0.1.0's script fails in EUC_JP, the control
# below), its install and upgrade scripts are ASCII only, and every symbol
# it prints is valid text in the database's encoding: a family of symbols
# (RAG circles, arrows, sparkline bars) is converted whole where the
# encoding has every member, else printed in its ASCII spellings whole;
# SQL_ASCII always gets the ASCII spellings.
#
# The expected bytes come from PostgreSQL's own conversion tables, not from
# kpi: in the UTF-8 database, convert_to(symbol, encoding) says whether the
# encoding has each symbol.  Results are compared as UTF-8 bytes
# (convert_to(result, 'UTF8') in the database itself).
source "$(dirname "$0")/lib.bash"

# (the server's share folder inside the private copy: Debian's or a prefix's)
ext_dir=$KPI_TMP$("$KPI_BIN/pg_config" --sharedir)/extension
[ -d "$ext_dir" ] || fail "no extension directory $ext_dir"

# --- the scripts PostgreSQL reads are ASCII (the frozen 0.1.0 one is not ours to fix)
for f in "$ext_dir"/kpi--*.sql; do
    [ "$(basename "$f")" = kpi--0.1.0.sql ] && continue
    if LC_ALL=C grep -n -P '[^\x00-\x7F]' "$f" >&2; then
        fail "$(basename "$f") has non-ASCII bytes (above): PostgreSQL reads it in the database's encoding"
    fi
done
pass "install and upgrade scripts are ASCII only"

# --- kpi's C code prints non-ASCII text only through a glyph family
# (src/glyphs.h), which converts it; a UTF-8 literal anywhere else would be
# invalid text or mojibake outside UTF-8 databases
perl test/safety/lint-glyphs.pl src/*.c || fail "non-ASCII string literals outside KPI_GLYPHS (above): use src/glyphs.h"
pass "C string literals are ASCII outside the glyph families"

# --- the families, and what each encoding should print ----------------------
# name | SQL that prints the members in order, one per row
families=(
  "symbol|SELECT kpi.symbol(r::kpi.rag) FROM unnest(ARRAY['red','amber','green','blue']) WITH ORDINALITY u(r, o) ORDER BY o"
  "arrow|SELECT kpi.arrow(a, b) FROM (VALUES (1, 1, 2), (2, 2, 1), (3, 1, 1)) v(o, a, b) ORDER BY o"
  "sparkline|SELECT kpi.sparkline(ARRAY[1,2,3,4,5,6,7,8,NULL,4,4]::float8[]) UNION ALL SELECT kpi.sparkline(ARRAY[5,5]::float8[])"
)
# the symbols of each family in UTF-8 (U+ code points) and their ASCII spellings
declare -A utf8=(
  [symbol]='1F534 1F7E1 1F7E2 1F535'
  [arrow]='25B2 25BC 25B6'
  [sparkline]='2581 2582 2583 2584 2585 2586 2587 2588'
)
declare -A ascii=(
  [symbol]='R A G B'
  [arrow]='^ v >'
  [sparkline]='1 2 3 4 5 6 7 8'
)
# the sparkline query prints levels 1..8, a space, 4 4; then the constant series 4 4
spark_levels='1 2 3 4 5 6 7 8 _ 4 4 / 4 4'

# expected output of a family in an encoding, as hex of UTF-8
expected() {   # family encoding
    local fam=$1 enc=$2 has=1 cp syms=() out='' i
    read -r -a cps <<<"${utf8[$fam]}"
    read -r -a asc <<<"${ascii[$fam]}"
    if [ "$enc" = SQL_ASCII ]; then
        has=0
    elif [ "$enc" != UTF8 ]; then
        for cp in "${cps[@]}"; do
            # PostgreSQL's own tables: does the encoding have this character?
            if ! qa -d postgres -c "SELECT convert_to(U&'\\+$(printf '%06X' 0x$cp)', '$enc')" >/dev/null 2>&1; then has=0; fi
        done
    fi
    for i in "${!cps[@]}"; do
        if [ $has = 1 ]; then
            syms+=("$(qa -d postgres -c "SELECT encode(convert_to(U&'\\+$(printf '%06X' 0x${cps[$i]})', 'UTF8'), 'hex')")")
        else
            syms+=("$(printf '%s' "${asc[$i]}" | od -An -tx1 | tr -d ' \n')")
        fi
    done
    if [ "$fam" = sparkline ]; then
        local line='' l
        for l in $spark_levels; do
            case $l in
                _) line+=20 ;;
                /) out+="$line"$'\n'; line='' ;;
                *) line+=${syms[$((l - 1))]} ;;
            esac
        done
        out+="$line"
    else
        out=$(printf '%s\n' "${syms[@]}")
    fi
    printf '%s\n' "$out"
}

# EUC_KR as well: it has the arrows, so the converted path is taken too
for enc in UTF8 LATIN1 SQL_ASCII EUC_JP EUC_KR; do
    db=kpi_enc_$(tr 'A-Z' 'a-z' <<<"$enc")
    q -d postgres -c "DROP DATABASE IF EXISTS $db" 2>/dev/null
    "$KPI_BIN/createdb" -E "$enc" -T template0 --locale=C "$db"
    q -d "$db" -c 'CREATE EXTENSION kpi' || fail "CREATE EXTENSION kpi in a $enc database"
    for f in "${families[@]}"; do
        fam=${f%%|*}
        sql=${f#*|}
        got=$(qa -d "$db" -c "SELECT encode(convert_to(s, 'UTF8'), 'hex') FROM ($sql) x(s)")
        want=$(expected "$fam" "$enc")
        [ "$got" = "$want" ] || fail "$enc: kpi.$fam printed (UTF-8 hex)"$'\n'"$got"$'\n'"expected"$'\n'"$want"
        # the same in parallel workers (they convert for themselves)
        got=$(qa -d "$db" -c "SELECT set_config(CASE WHEN current_setting('server_version_num')::int >= 160000
                                              THEN 'debug_parallel_query' ELSE 'force_parallel_mode' END, 'on', false)" \
                 -c "SELECT encode(convert_to(s, 'UTF8'), 'hex') FROM ($sql) x(s)" | tail -n +2)
        [ "$got" = "$want" ] || fail "$enc: kpi.$fam differs in a parallel plan"
        if [ "$enc:$fam" = EUC_KR:arrow ]; then
            [ "$want" = "$(expected arrow UTF8)" ] || fail "EUC_KR should have the arrows (PostgreSQL's tables say it has not?)"
        fi
    done
    # what kpi.symbol prints reads back as the same rating
    [ "$(qa -d "$db" -c "SELECT count(*) FROM unnest(ARRAY['red','amber','green','blue']::kpi.rag[]) r WHERE kpi.symbol(r)::kpi.rag = r")" = 4 ] \
        || fail "$enc: kpi.symbol does not read back"
    # the UTF-8 bytes of a circle read as a rating in UTF8 and SQL_ASCII (whose
    # bytes PostgreSQL does not interpret); in LATIN1 they are four letters
    got=$(qa -d "$db" -c "SELECT convert_from('\\xf09f94b4', '$enc')::kpi.rag" 2>&1 || true)
    case "$enc:$got" in
        UTF8:red|SQL_ASCII:red|LATIN1:*"invalid input syntax for type kpi.rag"*) ;;
        EUC_JP:*|EUC_KR:*) ;;     # not valid text in these encodings at all
        *) fail "$enc: the UTF-8 bytes of the red circle as input gave: $got" ;;
    esac
    # every comment is the same text as in UTF-8, and ASCII
    qa -d "$db" -c "SELECT c.classoid::regclass, pg_describe_object(c.classoid, c.objoid, c.objsubid), encode(convert_to(c.description, 'UTF8'), 'hex')
                     FROM pg_description c JOIN pg_depend d ON d.classid = c.classoid AND d.objid = c.objoid AND d.deptype = 'e'
                     WHERE d.refobjid = (SELECT oid FROM pg_extension WHERE extname = 'kpi') ORDER BY 1, 2, 3" >"$KPI_TMP/comments-$enc"
    if [ "$enc" = UTF8 ]; then
        [ -s "$KPI_TMP/comments-$enc" ] || fail "no comments found"
    else
        diff "$KPI_TMP/comments-UTF8" "$KPI_TMP/comments-$enc" >&2 || fail "$enc: the comments differ from UTF-8's"
    fi
    # the hint of a bad rating is valid in the encoding (circles only where it has them)
    hint=$(PGCLIENTENCODING=UTF8 qa -d "$db" -c "SELECT 'purple'::kpi.rag" 2>&1 || true)
    case "$enc:$hint" in
        UTF8:*"circles"*|LATIN1:*"(any case)."|SQL_ASCII:*"(any case)."|EUC_JP:*"(any case)."|EUC_KR:*"(any case).") ;;
        *) fail "$enc: hint of a bad rating: $hint" ;;
    esac
    pass "$enc: CREATE EXTENSION, symbols, arrows and sparklines (as PostgreSQL converts them, or ASCII), comments, hint"
done
# hex of UTF-8: ASCII when every byte is below 0x80
cut -d'|' -f3 "$KPI_TMP/comments-UTF8" | grep -v -E '^([0-7][0-9a-f])*$' >&2 && fail "a comment is not ASCII (hex above)"
pass "every comment is ASCII"

# --- control: 0.1.0's script cannot be read in EUC_JP (what this test guards)
if out=$(q -d kpi_enc_euc_jp -c 'DROP EXTENSION kpi' -c "CREATE EXTENSION kpi VERSION '0.1.0'" 2>&1); then
    fail "control: 0.1.0 installed in EUC_JP"
fi
case "$out" in *"invalid byte sequence for encoding \"EUC_JP\""*) ;; *) fail "control: $out" ;; esac
pass "control: 0.1.0 fails in EUC_JP (invalid byte sequence)"
