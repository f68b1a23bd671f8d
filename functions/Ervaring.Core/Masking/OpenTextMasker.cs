using System.Text.RegularExpressions;

namespace Ervaring.Core.Masking;

/// <summary>
/// Masks personal data in open-text answers before an administrator sees them.
/// Order matters: e-mail first (it may contain digits), then phone numbers (10 digits, which a
/// BSN check would not see), addresses, and finally 8/9-digit numbers that pass the elfproef.
/// Patterns are deliberately wide: masking a harmless number is better than showing a BSN.
/// </summary>
public static partial class OpenTextMasker
{
    public const string EmailMarker = "[e-mail]";
    public const string PhoneMarker = "[telefoon]";
    public const string BsnMarker = "[bsn]";
    public const string AddressMarker = "[adres]";

    // Anything with non-space text on both sides of an @.
    [GeneratedRegex(@"[^\s@]+@[^\s@]+")]
    private static partial Regex Email();

    // +31 / 0031 / 0 followed by 9 digits, with optional spaces or hyphens between digits and an
    // optional "(0)": 06-12345678, +31 6 1234 5678, 020-1234567, 0031 20 123 4567.
    [GeneratedRegex(@"(?<![\d+])(?:(?:\+|00)\s?31[\s-]*(?:\(0\)[\s-]*)?|\(?0)[1-9](?:[\s\-)]{0,3}\d){8}(?!\d)")]
    private static partial Regex Phone();

    // Postcode 1234 AB / 1234AB (letters upper case, or lower case when written together),
    // optionally followed by a house number with addition.
    [GeneratedRegex(@"(?<!\d)[1-9]\d{3}(?:\s?[A-Z]{2}|[a-z]{2})(?![A-Za-z])(?:[\s,]+\d{1,5}(?:\s?[A-Za-z](?![A-Za-z])|[-/]\d{1,4})?(?!\d))?")]
    private static partial Regex Postcode();

    // A street name (ending in a common Dutch street word) followed by a house number: Dorpsstraat 12a.
    [GeneratedRegex(@"\b[\p{L}'.-]*(?:straat|laan|weg|plein|gracht|kade|singel|dijk|pad|hof|steeg|dreef|park|plantsoen|markt|baan|ring|wal|erf|veld|dam|burg|haven|kwartier|hoven|akker|zijde)\s+\d{1,5}(?:\s?[A-Za-z](?![A-Za-z])|[-/]\d{1,4})?(?!\d)", RegexOptions.IgnoreCase)]
    private static partial Regex StreetAndNumber();

    // Candidate BSNs: 9 (or 8) digits, possibly grouped with spaces, dots or hyphens
    // (123 456 782, 1234.56.782). Zero-width lookahead so overlapping candidates are all seen:
    // a rejected candidate must not hide a real BSN that starts inside it.
    [GeneratedRegex(@"(?<!\d)(?=(\d(?:[ .\-]?\d){8})(?!\d))")]
    private static partial Regex NineDigits();

    [GeneratedRegex(@"(?<!\d)(?=(\d(?:[ .\-]?\d){7})(?!\d))")]
    private static partial Regex EightDigits();

    public static string Mask(string text)
    {
        var masked = text;
        // Repeat: "a@b@c" leaves "@c" after one pass.
        while (Email().IsMatch(masked)) masked = Email().Replace(masked, EmailMarker);
        masked = Phone().Replace(masked, PhoneMarker);
        masked = Postcode().Replace(masked, AddressMarker);
        masked = StreetAndNumber().Replace(masked, AddressMarker);
        masked = MaskBsns(masked);
        return masked;
    }

    private static string MaskBsns(string text)
    {
        var spans = NineDigits().Matches(text).Concat(EightDigits().Matches(text))
            .Select(m => m.Groups[1])
            .Where(g => Elfproef.IsValidBsn(new string(g.Value.Where(char.IsAsciiDigit).ToArray())))
            .Select(g => (Start: g.Index, End: g.Index + g.Length))
            .OrderBy(s => s.Start)
            .ToList();
        if (spans.Count == 0) return text;
        var result = new System.Text.StringBuilder();
        var position = 0;
        foreach (var (start, end) in spans)
        {
            if (end <= position) continue;
            if (start >= position)
            {
                result.Append(text, position, start - position).Append(BsnMarker);
            }
            position = end; // overlapping spans merge into the marker already written
        }
        return result.Append(text, position, text.Length - position).ToString();
    }
}
