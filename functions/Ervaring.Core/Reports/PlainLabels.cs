using Ervaring.Core.Frames;

namespace Ervaring.Core.Reports;

/// <summary>
/// The words a resident reads for a breakdown value. Storage, aggregates and the stratum keys keep the short codes
/// of <see cref="FrameVocabulary.Name(CareType)"/> ("gi", "ambulant"): they are stable keys that join years and feed
/// the R-checked statistics. Everything public (the council report, open data) shows these labels instead, so a
/// council member never meets an internal code (issue 15, point 6). A value without a label (an age band such as
/// "4-11", a municipality) is shown as it is.
/// </summary>
public static class PlainLabels
{
    private static readonly Dictionary<string, string> CareTypes = new(StringComparer.Ordinal)
    {
        [FrameVocabulary.Name(CareType.Ambulant)] = "ambulante jeugdhulp (zonder verblijf)",
        [FrameVocabulary.Name(CareType.Verblijf)] = "jeugdhulp met verblijf (bijvoorbeeld pleegzorg)",
        [FrameVocabulary.Name(CareType.Jeugdbescherming)] = "jeugdbescherming",
        [FrameVocabulary.Name(CareType.Jeugdreclassering)] = "jeugdreclassering",
        [FrameVocabulary.Name(CareType.Pgb)] = "jeugdhulp met een persoonsgebonden budget (pgb)",
        [FrameVocabulary.Name(CareType.Overig)] = "andere jeugdhulp",
    };

    private static readonly Dictionary<string, string> Referrers = new(StringComparer.Ordinal)
    {
        [FrameVocabulary.Name(Referrer.Huisarts)] = "huisarts",
        [FrameVocabulary.Name(Referrer.Wijkteam)] = "wijkteam of CJG",
        [FrameVocabulary.Name(Referrer.GecertificeerdeInstelling)] = "gecertificeerde instelling (GI)",
        [FrameVocabulary.Name(Referrer.Jeugdarts)] = "jeugdarts",
        [FrameVocabulary.Name(Referrer.MedischSpecialist)] = "medisch specialist",
        [FrameVocabulary.Name(Referrer.Geen)] = "geen verwijzer (zelf aangemeld)",
        [FrameVocabulary.Name(Referrer.Onbekend)] = "verwijzer onbekend",
    };

    /// <summary>
    /// The one name of each headline indicator, the same on the admin pages, in the council report and in open data
    /// (issue 20, point 5). The questionnaires carry their own longer labels ("Toegang tot de hulp"); those stay in the
    /// snapshotted definitions and the aggregates, but nothing a reader sees uses them for an indicator.
    /// </summary>
    private static readonly Dictionary<string, string> IndicatorNames = new(StringComparer.Ordinal)
    {
        ["toegang"] = "Hulp krijgen",
        ["kwaliteit"] = "Kwaliteit van de hulp",
        ["effect"] = "Wat de hulp oplevert",
        ["rapportcijfer"] = "Rapportcijfer",
    };

    /// <summary>The headline indicators, in the order every page lists them.</summary>
    public static IReadOnlyList<string> Indicators { get; } = ["toegang", "kwaliteit", "effect", "rapportcijfer"];

    /// <summary>The indicator's one name; an indicator Ervaring does not know keeps <paramref name="fallback"/> (its definition label) or its id.</summary>
    public static string Indicator(string id, string? fallback = null) => IndicatorNames.GetValueOrDefault(id) ?? fallback ?? id;

    /// <summary>The indicator names joined for a sentence: "Hulp krijgen, Kwaliteit van de hulp, … of Rapportcijfer".</summary>
    public static string IndicatorList(string lastJoin) =>
        string.Join(", ", Indicators.SkipLast(1).Select(i => Indicator(i))) + $" {lastJoin} " + Indicator(Indicators[^1]);

    /// <summary>The label of a breakdown value: full Dutch for care types and referrers, the value itself otherwise.</summary>
    public static string Of(string dimension, string value) => dimension switch
    {
        Dimensions.CareType => CareTypes.GetValueOrDefault(value, value),
        Dimensions.Referrer => Referrers.GetValueOrDefault(value, value),
        _ => value,
    };

    public static string Of(CareType careType) => CareTypes[FrameVocabulary.Name(careType)];

    public static string Of(Referrer referrer) => Referrers[FrameVocabulary.Name(referrer)];

    /// <summary>The internal codes that must never reach a public page or file on their own.</summary>
    public static IReadOnlyCollection<string> CareTypeCodes => CareTypes.Keys;

    public static IReadOnlyCollection<string> ReferrerCodes => Referrers.Keys;
}
