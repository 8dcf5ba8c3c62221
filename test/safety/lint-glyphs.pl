#!/usr/bin/perl
# test/safety/lint-glyphs.pl SRC.c... (run by test/safety/encodings.sh)
# Non-ASCII text in C string literals outside a KPI_GLYPHS(...) family.
use strict; use warnings;
my $bad = 0;
for my $f (@ARGV) {
    open my $fh, '<:raw', $f or die "$f: $!";
    local $/; my $src = <$fh>;
    # drop comments, keep line count
    $src =~ s{/\*.*?\*/}{ my $c = $&; $c =~ s/[^\n]//g; $c }gse;
    $src =~ s{//[^\n]*}{}g;
    # blank out glyph families (their strings are converted at run time)
    $src =~ s{KPI_GLYPHS\((?:[^()]|\((?:[^()])*\))*\)}{ my $c = $&; $c =~ s/[^\n]//g; $c }gse;
    my $line = 1;
    while ($src =~ /\G(?:([^"\n']+)|(\n)|('(?:\\.|[^'\\])*')|("(?:\\.|[^"\\])*"))/gc) {
        if (defined $2) { $line++; next }
        next unless defined $4;
        my $lit = $4;
        if ($lit =~ /[\x80-\xff]/ || $lit =~ /\\x[89a-fA-F][0-9a-fA-F]/ || $lit =~ /\\[23][0-7][0-7]/) {
            print STDERR "$f:$line: non-ASCII text outside a KPI_GLYPHS family: $lit\n";
            $bad = 1;
        }
    }
}
exit $bad;
