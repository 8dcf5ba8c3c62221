#!/usr/bin/perl
# test/safety/lint-script.pl SCRIPT... — search_path safety of kpi's install
# and upgrade scripts: every type, function and operator reference must be
# schema-qualified (kpi. or pg_catalog.), so an object planted elsewhere on
# the search_path cannot capture it; and no SECURITY DEFINER, CREATE OR
# REPLACE or IF NOT EXISTS (which could adopt a planted object,
# CVE-2022-2625).  SQL-language function bodies are checked in the catalog
# by security.sh instead.  Prints each finding; exits 1 if there is one.
use strict;
use warnings;

my $types = qr/bool|boolean|bytea|char|name|int2|int4|int8|integer|int|bigint|smallint|float4|float8|real|double\s+precision|numeric|decimal|text|varchar|date|time|timetz|timestamp|timestamptz|interval|cstring|internal|void|record|any|anyelement|anyarray|anycompatible|oid|regclass|regproc|regprocedure|regtype|json|jsonb|uuid/i;
my $keywords = qr/^(as|operator|values|in|filter|row|check|table|with|and|or|not|on|select|where|return|then|else|when|case|returns|setof|default|exists|variadic|out|inout|array|over|from|by|using|coalesce|nullif|greatest|least|cast)$/i;
my $found = 0;

for my $file (@ARGV) {
    open my $fh, '<', $file or die "$file: $!";
    local $/;
    my $sql = <$fh>;
    close $fh;
    # drop psql meta-commands, comments and string literals, keeping line numbers
    $sql =~ s/^\\.*$//mg;
    $sql =~ s/--[^\n]*//g;
    $sql =~ s{/\*.*?\*/}{ my $c = $&; $c =~ tr/\n//cd; $c }gse;
    $sql =~ s/'(?:[^']|'')*'/''/g;
    # type attributes that look like type names
    $sql =~ s/\b(ALIGNMENT|STORAGE|CATEGORY)\s*=\s*\w+/$1 = x/gi;
    my @lines = split /\n/, $sql, -1;
    for my $i (0 .. $#lines) {
        my $l = $lines[$i];
        my $where = "$file:" . ($i + 1);
        my @why;
        push @why, 'SECURITY DEFINER' if $l =~ /\bSECURITY\s+DEFINER\b/i;
        push @why, 'CREATE OR REPLACE' if $l =~ /\bCREATE\s+OR\s+REPLACE\b/i;
        push @why, 'IF NOT EXISTS' if $l =~ /\bIF\s+NOT\s+EXISTS\b/i;
        while ($l =~ /(?<![\w.])($types)(?![\w.])/g) {
            push @why, "unqualified type $1";
        }
        while ($l =~ /(?<![\w.\$])([A-Za-z_]\w*)\s*\(/g) {
            my $w = $1;
            push @why, "unqualified call $w(" unless $w =~ $keywords;
        }
        while ($l =~ /\b(SFUNC|STYPE|FINALFUNC|COMBINEFUNC|SERIALFUNC|DESERIALFUNC|MSFUNC|MINVFUNC|MSTYPE|MFINALFUNC|INPUT|OUTPUT|RECEIVE|SEND|PROCEDURE|FUNCTION|RESTRICT|JOIN|SUBTYPE|ELEMENT|LEFTARG|RIGHTARG|TYPMOD_IN|TYPMOD_OUT|ANALYZE|SUBSCRIPT)\s*=\s*([^\s,)]+)/gi) {
            push @why, "unqualified $1 = $2" unless $2 =~ /\./;
        }
        while ($l =~ /\b(OPERATOR|FUNCTION)\s+\d+\s+([^\s,(]+)/gi) {
            push @why, "unqualified $1 $2" unless $2 =~ /\./;
        }
        while ($l =~ /\b(COMMUTATOR|NEGATOR|SORTOP)\s*=\s*([^\s,)]+)/gi) {
            push @why, "unqualified $1 = $2" unless $2 =~ /^OPERATOR\s*\(/i || $2 =~ /\./;
        }
        for my $w (@why) { print "$where: $w\n"; $found = 1; }
    }
}
exit $found;
