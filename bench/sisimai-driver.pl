#!/usr/bin/perl
# Driver for Sisimai (Debian package libsisimai-perl, 4.25), used by bench/notices.ts to
# time it beside the notice classifier, and by eval/sisimai.ts (one pass, --results) to
# read its answers.
#
#   perl sisimai-driver.pl [--repeat N] [--warmup N] [--warmup-limit N] [--results] [--delivered] LISTFILE
#
# LISTFILE holds one path a line (each path an email file or an mbox). Every pass hands
# each path to Sisimai->make, as a user of the library would, and is timed here, inside
# Perl, so that process start-up and module loading are not counted in a pass. Warm-up
# passes (Sisimai loads its parser modules on first use) read at most --warmup-limit paths.
# Prints one JSON object a line:
#   {"load":SECONDS,"version":V}                       time to load the modules
#   {"pass":I,"warmup":0|1,"paths":N,"records":N,"bounced":N,"seconds":WALL,"cpu":CPU}
#   {"file":PATH,"records":[{...}]}                    with --results (last pass only)
#   {"file":PATH,"error":TEXT}                         with --results, when Sisimai dies on the file
use strict;
use warnings;
use Time::HiRes qw(time);

my $started = time;
my ($repeat, $warmup, $limit, $results, $delivered, $list) = (3, 1, 0, 0, 0, undef);
while (@ARGV) {
    my $a = shift @ARGV;
    if    ($a eq '--repeat')    { $repeat    = int(shift @ARGV // 3) }
    elsif ($a eq '--warmup')    { $warmup    = int(shift @ARGV // 1) }
    elsif ($a eq '--warmup-limit') { $limit  = int(shift @ARGV // 0) }
    elsif ($a eq '--results')   { $results   = 1 }
    elsif ($a eq '--delivered') { $delivered = 1 }
    else                        { $list      = $a }
}
die "usage: perl sisimai-driver.pl [--repeat N] [--warmup N] [--warmup-limit N] [--results] [--delivered] LISTFILE\n"
    unless defined $list;

my $ok = eval { require Sisimai; require Sisimai::Data; require Sisimai::Message; require Sisimai::Mail; 1 };
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
printf "{\"load\":%.6f,\"version\":%s}\n", time - $started, esc(Sisimai->version);

my $passes = $warmup + $repeat;
for my $pass (1 .. $passes) {
    my $keep = $results && $pass == $passes;
    my $warm = $pass <= $warmup;
    my @these = ($warm && $limit > 0 && $limit < @paths) ? @paths[0 .. $limit - 1] : @paths;
    my @kept;
    my ($records, $bounced) = (0, 0);
    my @c0 = times;
    my $t0 = time;
    for my $path (@these) {
        my $data;
        unless (eval { $data = Sisimai->make($path, 'delivered' => $delivered) // []; 1 }) {
            push @kept, [$path, undef, $@ // 'unknown error'] if $keep;
            next;
        }
        $records += scalar @$data;
        $bounced++ if grep { $_->reason !~ /\A(?:delivered|vacation|feedback)\z/ } @$data;
        push @kept, [$path, $data] if $keep;
    }
    my $seconds = time - $t0;
    my @c1 = times;
    my $cpu = ($c1[0] - $c0[0]) + ($c1[1] - $c0[1]);
    printf "{\"pass\":%d,\"warmup\":%d,\"paths\":%d,\"records\":%d,\"bounced\":%d,\"seconds\":%.6f,\"cpu\":%.3f}\n",
        $pass, ($warm ? 1 : 0), scalar @these, $records, $bounced, $seconds, $cpu;
    for my $k (@kept) {
        my ($path, $data, $error) = @$k;
        if (defined $error) {
            print '{"file":' . esc($path) . ',"error":' . esc($error) . "}\n";
            next;
        }
        my @r = map {
            '{"recipient":' . esc($_->recipient->address) . ',"reason":' . esc($_->reason)
              . ',"action":' . esc($_->action) . ',"deliverystatus":' . esc($_->deliverystatus) . '}'
        } @$data;
        print '{"file":' . esc($path) . ',"records":[' . join(',', @r) . "]}\n";
    }
}
