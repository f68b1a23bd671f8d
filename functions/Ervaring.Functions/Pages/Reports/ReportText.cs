using System.Globalization;
using Ervaring.Core.Reports;
using Ervaring.Functions.Pages.Shared;

namespace Ervaring.Functions.Pages.Reports;

/// <summary>Plain-Dutch (B1) wording for the council report: headline sentences, numbers, hidden cells.</summary>
public static class ReportText
{
    public static readonly IReadOnlyList<string> HeadlineIndicators = ["toegang", "kwaliteit", "effect", "rapportcijfer"];

    public static string Who(string audience) => audience == "jongeren" ? "jongeren" : "ouders";

    public static string WhoTitle(string audience) => audience == "jongeren" ? "Jongeren" : "Ouders";

    /// <summary>"7 van de 10 ouders zijn positief over de toegang tot de hulp."</summary>
    public static string Headline(PublicFigure figure)
    {
        var who = Who(figure.Audience);
        if (figure.Scale == "cijfer") return $"{WhoTitle(figure.Audience)} geven de hulp gemiddeld een {Mark(figure.Value!.Value)}.";
        var tens = (int)Math.Round(figure.Value!.Value / 10, MidpointRounding.AwayFromZero);
        var about = figure.Measure switch
        {
            "toegang" => "zijn tevreden over hoe ze hulp konden krijgen (toegang)",
            "kwaliteit" => "zijn tevreden over de kwaliteit van de hulp",
            "effect" => "zeggen dat de hulp echt helpt (effect)",
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
}
