using System.Text.RegularExpressions;
using Ervaring.Core.Masking;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace Ervaring.Core.Tests.Masking;

/// <summary>
/// Random answers glued from words, digits, BSNs (plain, dotted, spaced), e-mail addresses and
/// phone numbers, with or without separators between them. The checks below are written
/// independently of the masker.
/// </summary>
public class MaskingProperties
{
    private static readonly Regex EmailAddress = new(@"[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}");
    private static readonly Regex NineDigitRun = new(@"(?<!\d)\d{9}(?!\d)");
    private static readonly Regex DottedBsn = new(@"(?<!\d)\d{4}\.\d{2}\.\d{3}(?!\d)");
    private static readonly Regex SpacedBsn = new(@"(?<!\d)\d{3} \d{3} \d{3}(?!\d)");

    private static bool PassesElfproef(string nineDigits)
    {
        var sum = 0;
        for (var i = 0; i < 8; i++) sum += (9 - i) * (nineDigits[i] - '0');
        return nineDigits != "000000000" && (sum - (nineDigits[8] - '0')) % 11 == 0;
    }

    private static Gen<string> ValidBsn =>
        Gen.ArrayOf(Gen.Choose(0, 9), 8)
            .Select(d => string.Concat(d) + (d.Select((x, i) => (9 - i) * x).Sum() % 11))
            .Where(s => s.Length == 9 && PassesElfproef(s));

    private static Gen<string> Fragment => Gen.OneOf(
        Gen.Elements("ik", "vond", "het", "goed", "de", "hulp", "Dorpsstraat", "AB", "nl", "@", ".", "-", "jeugd"),
        Gen.Choose(0, 99999).Select(n => n.ToString()),
        ValidBsn,
        ValidBsn.Select(b => $"{b[..4]}.{b[4..6]}.{b[6..]}"),
        ValidBsn.Select(b => $"{b[..3]} {b[3..6]} {b[6..]}"),
        Gen.Elements("jan", "a.b", "x_y").SelectMany(l => Gen.Elements("example.nl", "mail.com").Select(d => $"{l}@{d}")),
        Gen.Elements("06-12345678", "+31 6 1234 5678", "020-1234567", "0031201234567"));

    private static Gen<string> Answers =>
        Gen.ListOf(Gen.Zip(Fragment, Gen.Elements("", " ", ", ", ".", "\n")).Select(p => p.Item1 + p.Item2))
            .Select(string.Concat);

    [Property(MaxTest = 500)]
    public Property Never_leaves_a_valid_bsn() =>
        Prop.ForAll(Answers.ToArbitrary(), text =>
        {
            var masked = OpenTextMasker.Mask(text);
            return NineDigitRun.Matches(masked).Concat(DottedBsn.Matches(masked)).Concat(SpacedBsn.Matches(masked))
                .Select(m => new string(m.Value.Where(char.IsAsciiDigit).ToArray()))
                .All(d => !PassesElfproef(d));
        });

    [Property(MaxTest = 500)]
    public Property Never_leaves_an_email_address() =>
        Prop.ForAll(Answers.ToArbitrary(), text => !EmailAddress.IsMatch(OpenTextMasker.Mask(text)));

    [Property(MaxTest = 200)]
    public Property A_bsn_between_words_is_always_masked() =>
        Prop.ForAll(ValidBsn.ToArbitrary(), bsn => OpenTextMasker.Mask($"mijn bsn is {bsn}.") == "mijn bsn is [bsn].");
}
