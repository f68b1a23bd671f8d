using System.Globalization;
using Ervaring.Core.Reports;
using Ervaring.Core.Sampling;
using Ervaring.Functions.Pages.Shared;

namespace Ervaring.Functions.Pages.Reports;

/// <summary>Plain-Dutch (B1) wording for the council report: headline sentences, numbers, hidden cells.</summary>
public static class ReportText
{
    public static readonly IReadOnlyList<string> HeadlineIndicators = PlainLabels.Indicators;

    public static string Who(string audience) => audience == Audiences.JongerenName ? "jongeren" : "ouders";

    public static string WhoTitle(string audience) => audience == Audiences.JongerenName ? "Jongeren" : "Ouders";

    /// <summary>"7 van de 10 ouders zijn positief over de toegang tot de hulp."</summary>
    public static string Headline(PublicFigure figure)
    {
        var who = Who(figure.Audience);
        if (figure.Scale == "cijfer") return $"{WhoTitle(figure.Audience)} geven de hulp gemiddeld een {Mark(figure.Value!.Value)}.";
        var tens = (int)Math.Round(figure.Value!.Value / 10, MidpointRounding.AwayFromZero);
        var about = figure.Measure switch
        {
            "toegang" => "zijn tevreden over hoe ze hulp konden krijgen",
            "kwaliteit" => "zijn tevreden over de kwaliteit van de hulp",
            "effect" => "zeggen dat de hulp echt helpt",
            _ => $"zijn positief over: {figure.Label.ToLower(Format.Dutch)}",
        };
        return $"{tens} van de 10 {who} {about}.";
    }

    public static string Value(PublicFigure f) => f.Value is null ? "–" : f.Scale == "cijfer" ? Mark(f.Value.Value) : $"{f.Value:0}%";

    public static string Margin(PublicFigure f) => f.CiLow is null ? "" : f.Scale == "cijfer"
        ? $"tussen {Mark(f.CiLow.Value)} en {Mark(f.CiHigh!.Value)}"
        : $"tussen {f.CiLow:0}% en {f.CiHigh:0}%";

    public static string Mark(double value) => value.ToString("0.0", Format.Dutch);

    public static string Count(long? n) => n is { } v ? v.ToString("N0", Format.Dutch) : "";

    /// <summary>What a hidden cell says instead of its figure and count.</summary>
    public static string Hidden(PublicFigure f) => $"verborgen: {f.SuppressionReason}";

    public static string Points(double difference, string scale) => scale == "cijfer"
        ? (difference > 0 ? "+" : "") + difference.ToString("0.0", Format.Dutch)
        : (difference > 0 ? "+" : "") + difference.ToString("0", CultureInfo.InvariantCulture) + " procentpunt";

    public static string Date(DateTimeOffset moment) => Format.Moment(moment);

    public static string Month(DateOnly date) => date.ToString("MMMM yyyy", Format.Dutch);

    /// <summary>The indicator's one name (<see cref="PlainLabels.Indicator"/>), as on the admin pages and in open data.</summary>
    public static string MeasureName(string measure) => PlainLabels.Indicator(measure);

    /// <summary>One sentence per indicator on whether municipalities differ from the rest of their region (95% interval of the difference excludes 0).</summary>
    public static string ComparisonSentence(string audience, string measure, IReadOnlyList<Ervaring.Core.Reports.Council.PublicComparison> comparisons)
    {
        var shown = comparisons.Where(c => c.Significant is not null).ToList();
        var name = MeasureName(measure).ToLower(Format.Dutch);
        if (shown.Count == 0) return $"{name[..1].ToUpper(Format.Dutch)}{name[1..]} ({Who(audience)}): te weinig antwoorden om gemeenten te vergelijken.";
        var higher = shown.Where(c => c.Significant == true && c.Difference > 0).Select(c => c.Municipality).ToList();
        var lower = shown.Where(c => c.Significant == true && c.Difference < 0).Select(c => c.Municipality).ToList();
        if (higher.Count == 0 && lower.Count == 0)
            return $"{MeasureName(measure)} ({Who(audience)}): geen gemeente verschilt duidelijk van de rest van de regio.";
        var parts = new List<string>();
        if (higher.Count > 0) parts.Add($"hoger in {string.Join(", ", higher)}");
        if (lower.Count > 0) parts.Add($"lager in {string.Join(", ", lower)}");
        return $"{MeasureName(measure)} ({Who(audience)}): duidelijk {string.Join(" en ", parts)} dan in de rest van de regio; de andere verschillen kunnen toeval zijn.";
    }
}
