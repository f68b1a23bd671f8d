using System.Globalization;
using System.Text;

namespace Ervaring.Functions.Reports;

/// <summary>URL names for municipalities and regions: "Súdwest-Fryslân" → "sudwest-fryslan".</summary>
public static class Slugs
{
    public static string Of(string name)
    {
        var builder = new StringBuilder();
        foreach (var c in name.Normalize(NormalizationForm.FormD))
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark) continue;
            if (char.IsAsciiLetterOrDigit(c)) builder.Append(char.ToLowerInvariant(c));
            else if (builder.Length > 0 && builder[^1] != '-') builder.Append('-');
        }
        var slug = builder.ToString().Trim('-');
        return slug.Length == 0 ? "gemeente" : slug;
    }

    public static bool IsValid(string slug) => slug.Length is > 0 and <= 100 && slug.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '-');
}
