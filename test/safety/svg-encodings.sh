#!/usr/bin/env bash
# Charts as SVG in every server encoding (issue 15, item 2): the output is
# ASCII, and a title's characters come out as numeric character references
# of their Unicode code points, whatever the database's encoding.  The
# expected code points are the Unicode ones of the characters (e-acute
# U+00E9, the kanji for day U+65E5), written in each encoding as its bytes (E'\x..' literals).
# In SQL_ASCII, bytes above 127 have no meaning: valid UTF-8 is read as
# UTF-8, any other such byte is U+FFFD.
source "$(dirname "$0")/lib.bash"

check() {   # db, title literal, expected substring, what
    local got
    got=$(qa -d "$1" -c "SELECT kpi.svg_sparkline('float8{1=1,2=2}', title => $2)")
    case "$got" in
    *[![:print:]]*) fail "$4: the SVG is not printable ASCII: $got" ;;
    esac
    case "$got" in
    *"<title>$3: sparkline"*) pass "$4" ;;
    *) fail "$4: want <title>$3: ..., got $got" ;;
    esac
}

for enc in LATIN1 EUC_JP SQL_ASCII UTF8; do
    db=kpi_svg_$(echo "$enc" | tr 'A-Z' 'a-z')
    "$KPI_BIN/createdb" -E "$enc" -T template0 --locale=C "$db"
    q -d "$db" -c 'CREATE EXTENSION kpi' >/dev/null
done
check kpi_svg_latin1 "E'caf\\xe9 <&>'" 'caf&#233; &lt;&amp;&gt;' "LATIN1: e-acute (byte E9) is &#233;, markup escaped"
check kpi_svg_euc_jp "E'\\xc6\\xfc'" '&#26085;' "EUC_JP: the bytes C6 FC (U+65E5) are &#26085;"
check kpi_svg_sql_ascii "E'caf\\xc3\\xa9'" 'caf&#233;' "SQL_ASCII: valid UTF-8 bytes are read as UTF-8"
check kpi_svg_sql_ascii "E'caf\\xe9!'" 'caf&#xFFFD;!' "SQL_ASCII: a byte that is no UTF-8 is U+FFFD"
# the same chart is the same bytes in every encoding (ASCII title)
a=$(qa -d kpi_svg_latin1 -c "SELECT kpi.svg_xmr('float8{1=1,2=3,3=2,4=5}', 'higher', 'x')")
for db in kpi_svg_euc_jp kpi_svg_sql_ascii kpi_svg_utf8; do
    [ "$(qa -d "$db" -c "SELECT kpi.svg_xmr('float8{1=1,2=3,3=2,4=5}', 'higher', 'x')")" = "$a" ] \
        || fail "svg_xmr gives other bytes in $db"
done
pass "the same chart is the same bytes in LATIN1, EUC_JP, SQL_ASCII and UTF8"
for db in kpi_svg_latin1 kpi_svg_euc_jp kpi_svg_sql_ascii kpi_svg_utf8; do "$KPI_BIN/dropdb" "$db"; done
