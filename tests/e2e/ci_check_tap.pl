#!/usr/bin/perl
# ci_check_tap.pl: check plan-validate's tap report with TAP::Parser, the
# parser prove uses: version 13, no parse errors (YAML blocks included),
# the plan kept, and as many failing test points as the json report of the
# same run has files with errors.
#
# Usage: ci_check_tap.pl REPORT FAILING_FILES
use strict;
use warnings;
use TAP::Parser;

@ARGV == 2 or die "usage: ci_check_tap.pl REPORT FAILING_FILES\n";
my ($report, $failing) = @ARGV;
open(my $fh, '<:raw', $report) or die "ci_check_tap.pl: $report: $!\n";
my $tap = do { local $/; <$fh> };
close($fh);

my $parser = TAP::Parser->new({ tap => $tap });
my ($yaml, $tests) = (0, 0);
while (my $result = $parser->next) {
	$yaml++ if $result->is_yaml;
	$tests++ if $result->is_test;
}
my @errors = $parser->parse_errors;
my $bad = 0;
sub bad { print STDERR "ci_check_tap.pl: @_\n"; $bad = 1; }
bad("parse error: $_") for @errors;
bad("version " . $parser->version . ", not 13") if $parser->version != 13;
bad("the plan is not kept") unless $parser->is_good_plan;
bad("$tests test points, the plan says " . $parser->tests_planned)
	if $tests != $parser->tests_planned;
my $failed = scalar($parser->failed);
bad("$failed failing test points for $failing files with errors") if $failed != $failing;
exit $bad;
