#!/usr/bin/perl
# Prints every failed test in the given .trx files with the first lines of its message, so that the end of a
# long CI log (often the only part anyone sees) says which test failed and why.
use strict;
use warnings;

my $max_lines = 40;
for my $file (@ARGV) {
  open my $fh, '<', $file or next;
  local $/;
  my $xml = <$fh>;
  close $fh;
  while ($xml =~ m{<UnitTestResult\b([^>]*?)(?:/>|>(.*?)</UnitTestResult>)}gs) {
    my ($attributes, $content) = ($1, $2 // '');
    next unless $attributes =~ /\boutcome="Failed"/;
    my ($name) = $attributes =~ /\btestName="([^"]*)"/;
    my ($message) = $content =~ m{<Message>(.*?)</Message>}s;
    $message = unescape($message // '(geen melding)');
    $message =~ s/\r//g;
    my @lines = split /\n/, $message;
    my $more = @lines > $max_lines ? "\n    … (" . (@lines - $max_lines) . " regels meer in $file)" : '';
    @lines = @lines[0 .. $max_lines - 1] if @lines > $max_lines;
    print "MISLUKT: ", unescape($name // '?'), "\n", join("\n", map { "    $_" } @lines), $more, "\n";
  }
}

sub unescape {
  my ($text) = @_;
  $text =~ s/&lt;/</g; $text =~ s/&gt;/>/g; $text =~ s/&quot;/"/g; $text =~ s/&apos;/'/g;
  $text =~ s/&#x([0-9a-fA-F]+);/chr(hex $1)/ge; $text =~ s/&#(\d+);/chr($1)/ge; $text =~ s/&amp;/&/g;
  return $text;
}
