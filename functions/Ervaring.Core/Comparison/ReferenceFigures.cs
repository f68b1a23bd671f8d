using System.Globalization;
using System.Text;
using CsvHelper;

namespace Ervaring.Core.Comparison;

/// <summary>
/// A figure from outside the region (a national or peer average, a benchmark) for one indicator and audience, with its
/// source, year and population, and whether it measures the same thing as ours (<see cref="Comparable"/>; when not,
/// <see cref="Difference"/> says how it differs: wording, scale or population). Value on our published scale.
/// </summary>
public sealed record ReferenceFigure(string Measure, string Audience, string Source, int Year, string Population, double Value,
    double? CiLow, double? CiHigh, bool Comparable, string? Difference)
{
    public string Key => KeyOf(Measure, Audience, Source, Year.ToString(CultureInfo.InvariantCulture));

    /// <summary>What names one figure (the same measure, audience, source and year replace each other), also for a removal asked by its parts.</summary>
    public static string KeyOf(string measure, string audience, string source, string year) => string.Join('|', measure, audience, source, year);

    public string ComparabilityLabel => Comparable ? ReferenceFigureCsv.Good : ReferenceFigureCsv.NotGood;
}

/// <summary>What a reference-figure file gave: the figures when every line is right, else the errors (Dutch, with line and column).</summary>
public sealed record ReferenceImport(IReadOnlyList<ReferenceFigure> Figures, IReadOnlyList<string> Errors)
{
    public bool Succeeded => Errors.Count == 0;
}

/// <summary>
/// Reads reference figures from CSV (issue 14, point 4; format in docs/reports.md §8) with CsvHelper: header
/// <c>meting;doelgroep;bron;jaar;populatie;waarde;ondergrens;bovengrens;vergelijkbaar;verschil</c> (';' or ',', the
/// more frequent on the first line), one figure per line. Every wrong line is reported with its line number, column
/// and what is wrong; a file with any error gives no figures at all, so nothing is half-stored.
/// </summary>
public static class ReferenceFigureCsv
{
    public const string Good = "goed vergelijkbaar";
    public const string NotGood = "niet goed vergelijkbaar";
    public const int MaxFigures = 100;
    public const int MaxTextChars = 200;

    public static readonly IReadOnlyList<string> Header = ["meting", "doelgroep", "bron", "jaar", "populatie", "waarde", "ondergrens", "bovengrens", "vergelijkbaar", "verschil"];

    private static readonly string[] Measures = ["toegang", "kwaliteit", "effect", "rapportcijfer"];

    public static ReferenceImport Parse(ReadOnlySpan<byte> utf8)
    {
        if (utf8.StartsWith("\uFEFF"u8)) utf8 = utf8[3..];
        try { _ = new UTF8Encoding(false, true).GetCharCount(utf8); }
        catch (DecoderFallbackException) { return Failed("Het bestand is geen UTF-8-tekst. Sla het op als CSV UTF-8."); }
        var separator = utf8.IndexOf((byte)'\n') is var end and >= 0 && utf8[..end].Count((byte)',') > utf8[..end].Count((byte)';') ? ',' : ';';
        using var reader = CsvReader.Create(utf8.ToArray(), new CsvReaderOptions
        {
            Separator = separator, HasHeader = false, Mode = CsvMode.Rfc4180, MalformedData = CsvMalformedDataHandling.Recover,
            TrimWhitespace = true, TrackLineNumbers = true,
        });
        var errors = new List<string>();
        var figures = new List<ReferenceFigure>();
        if (!reader.Read()) return Failed("Het bestand is leeg. De eerste regel moet de kolomnamen bevatten: " + string.Join(';', Header) + ".");
        var names = Enumerable.Range(0, reader.FieldCount).Select(i => reader.GetString(i).Trim().ToLowerInvariant()).ToList();
        var missing = Header.Take(6).Append("vergelijkbaar").Where(h => !names.Contains(h)).ToList();
        if (missing.Count > 0) return Failed($"Regel 1: de kolom(men) {string.Join(", ", missing.Select(m => $"'{m}'"))} ontbreken. Verwacht: {string.Join(';', Header)}.");
        foreach (var unknown in names.Where(n => !Header.Contains(n))) errors.Add($"Regel 1: de kolom '{unknown}' kennen we niet.");
        var seen = new HashSet<string>(StringComparer.Ordinal);
        while (reader.Read())
        {
            var line = (int)reader.LineNumber;
            string Field(string name) => names.IndexOf(name) is var i and >= 0 && i < reader.FieldCount ? reader.GetString(i).Trim() : "";
            if (Enumerable.Range(0, reader.FieldCount).All(i => string.IsNullOrWhiteSpace(reader.GetString(i)))) continue;
            if (figures.Count + errors.Count >= MaxFigures) { errors.Add($"Regel {line}: er passen hoogstens {MaxFigures} referentiecijfers in één bestand."); break; }
            var before = errors.Count;
            void Error(string column, string what) => errors.Add($"Regel {line}, kolom '{column}': {what}");

            var measure = Field("meting").ToLowerInvariant();
            if (!Measures.Contains(measure)) Error("meting", "kies toegang, kwaliteit, effect of rapportcijfer.");
            var audience = Field("doelgroep").ToLowerInvariant();
            if (audience is not ("ouders" or "jongeren")) Error("doelgroep", "kies ouders of jongeren.");
            var source = Field("bron");
            if (source.Length is 0 or > MaxTextChars) Error("bron", $"noem de bron (hoogstens {MaxTextChars} tekens); een cijfer zonder bron tonen we niet.");
            if (!int.TryParse(Field("jaar"), NumberStyles.None, CultureInfo.InvariantCulture, out var year) || year is < 2000 or > 2100) Error("jaar", "vul een jaartal in, zoals 2024.");
            var population = Field("populatie");
            if (population.Length is 0 or > MaxTextChars) Error("populatie", $"zeg over wie het cijfer gaat, zoals 'ouders in heel Nederland' (hoogstens {MaxTextChars} tekens).");
            var (min, max) = measure == "rapportcijfer" ? (1.0, 10.0) : (0.0, 100.0);
            var scale = measure == "rapportcijfer" ? "cijfer van 1 tot en met 10" : "percentage van 0 tot en met 100";
            double? Number(string column, bool required)
            {
                var text = Field(column);
                if (text.Length == 0) { if (required) Error(column, $"vul een {scale} in."); return null; }
                if (double.TryParse(text.Replace(',', '.'), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var v) && v >= min && v <= max) return v;
                Error(column, $"'{Shorten(text)}' is geen {scale}.");
                return null;
            }
            var value = Number("waarde", required: true);
            var low = Number("ondergrens", required: false);
            var high = Number("bovengrens", required: false);
            if ((low is null) != (high is null) && Field("ondergrens").Length + Field("bovengrens").Length > 0 && errors.Count == before)
                Error(low is null ? "ondergrens" : "bovengrens", "vul ondergrens en bovengrens allebei in, of allebei niet.");
            else if (value is { } v && low is { } l && high is { } h && !(l <= v && v <= h)) Error("ondergrens", "de waarde moet tussen ondergrens en bovengrens liggen.");
            var comparable = Field("vergelijkbaar").ToLowerInvariant();
            if (comparable is not ("goed" or "niet goed" or Good or NotGood)) Error("vergelijkbaar", "vul 'goed' of 'niet goed' in: meet het cijfer hetzelfde als ons cijfer?");
            var isGood = comparable is "goed" or Good;
            var difference = Field("verschil");
            if (!isGood && comparable.Length > 0 && difference.Length == 0) Error("verschil", "zeg wat er anders is (de vraag, de schaal of de groep), want het cijfer is niet goed vergelijkbaar.");
            if (difference.Length > MaxTextChars) Error("verschil", $"hoogstens {MaxTextChars} tekens.");
            if (errors.Count > before) continue;
            var figure = new ReferenceFigure(measure, audience, source, year, population, value!.Value, low, high, isGood, difference.Length == 0 ? null : difference);
            if (!seen.Add(figure.Key)) { errors.Add($"Regel {line}: dit cijfer (zelfde meting, doelgroep, bron en jaar) staat al op een eerdere regel."); continue; }
            figures.Add(figure);
        }
        if (errors.Count == 0 && figures.Count == 0) errors.Add("Het bestand heeft geen regels met referentiecijfers onder de kolomnamen.");
        return errors.Count > 0 ? new ReferenceImport([], errors) : new ReferenceImport(figures, []);
    }

    private static string Shorten(string text) => text.Length > 30 ? text[..30] + "…" : text;

    private static ReferenceImport Failed(string error) => new([], [error]);
}
