#!/usr/bin/perl
# Runs Sisimai (Debian package libsisimai-perl, 4.25) once over many files, for eval/sisimai.ts.
#
#   perl eval/sisimai.pl LISTFILE
#
# LISTFILE holds one path a line. Prints {"version":V} then, for each path, one JSON line:
#   {"path":P,"records":[{"recipient":…,"reason":…,"action":…,"deliverystatus":…}]}
#   {"path":P,"error":TEXT}            when Sisimai dies on the file
# Records with reason "delivered" are included (option delivered => 1).
use strict;
use warnings;

my $list = shift @ARGV;
die "usage: perl eval/sisimai.pl LISTFILE\n" unless defined $list;
my $ok = eval { require Sisimai; 1 };
unless ($ok) {
    print STDERR "Sisimai is not installed: apt-get install -y libsisimai-perl (Debian, version 4.25)\n";
    exit 3;
}
open(my $fh, '<', $list) or die "cannot read $list: $!\n";
my @paths = grep { length } map { s/\r?\n\z//r } <$fh>;
close $fh;

sub esc {
    my $s = shift // '';
    $s =~ s/([\\"])/\\$1/g;
    $s =~ s/([\x00-\x1f])/sprintf('\\u%04x', ord $1)/ge;
    return qq("$s");
}

$| = 1;
print '{"version":' . esc(Sisimai->version) . "}\n";
for my $path (@paths) {
    my $data;
    my $done = eval { $data = Sisimai->make($path, 'delivered' => 1) // []; 1 };
    unless ($done) {
        print '{"path":' . esc($path) . ',"error":' . esc($@ // 'unknown error') . "}\n";
        next;
    }
    my @r = map {
        '{"recipient":' . esc($_->recipient->address) . ',"reason":' . esc($_->reason)
          . ',"action":' . esc($_->action) . ',"deliverystatus":' . esc($_->deliverystatus) . '}'
    } @$data;
    print '{"path":' . esc($path) . ',"records":[' . join(',', @r) . "]}\n";
}
