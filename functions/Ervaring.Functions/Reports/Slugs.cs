using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Ervaring.Functions.Reports;

/// <summary>
/// URL and blob names for municipalities and regions: "Súdwest-Fryslân" → "sudwest-fryslan". Only a–z, 0–9 and '-',
/// so a name with '/', '#' or '?' never reaches a blob path or a URL as such. A name with letters or digits that have
/// no Latin form ("Αθήνα", "东京") would lose them, and two such names would share one address and overwrite each
/// other's report; so those get a short hash of the whole name: "Αθήνα" → "gemeente-3f1c0a9b2e".
/// </summary>
public static class Slugs
{
    public const int MaxLength = 100;
    private const int HashChars = 10;

    public static string Of(string name)
    {
        var builder = new StringBuilder();
        var lost = false;
        foreach (var c in name.Normalize(NormalizationForm.FormD))
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark) continue;
            if (char.IsAsciiLetterOrDigit(c)) builder.Append(char.ToLowerInvariant(c));
            else
            {
                lost |= char.IsLetterOrDigit(c);
                if (builder.Length > 0 && builder[^1] != '-') builder.Append('-');
            }
        }
        var slug = builder.ToString().Trim('-');
        if (!lost) return slug.Length == 0 ? "gemeente" : slug[..Math.Min(slug.Length, MaxLength)].TrimEnd('-');
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(name.Normalize(NormalizationForm.FormC))))[..HashChars];
        var head = slug.Length == 0 ? "gemeente" : slug[..Math.Min(slug.Length, MaxLength - HashChars - 1)].TrimEnd('-');
        return $"{head}-{hash}";
    }

    public static bool IsValid(string slug) => slug.Length is > 0 and <= MaxLength && slug.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '-');
}
