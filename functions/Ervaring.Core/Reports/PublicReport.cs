using Ervaring.Core.Reports.Council;
using Ervaring.Core.Reports.Yardstick;

namespace Ervaring.Core.Reports;

/// <summary>Response and representativeness of one audience, as published.</summary>
/// <param name="Completed">Null when fewer than k answered (then <see cref="CompletedText"/> says "minder dan k").</param>
public sealed record PublicReliability(string Audience, int Invited, int? Completed, string CompletedText, int? ResponsePercentage, double? R, string Sentence, string MarginSentence);

/// <summary>A published value of an earlier year (from that year's published data) or of this report.</summary>
public sealed record PublicTrendPoint(string Audience, string MeasureType, string Measure, int Year, double Value);

/// <summary>Change against an earlier published year, only where both years' figures are published.</summary>
public sealed record PublicTrend(string Audience, string MeasureType, string Measure, int EarlierYear, double Difference, double CiLow, double CiHigh, bool Significant);

public sealed record PublicMethodology(
    DateOnly? FrameDate, int FrameSize, IReadOnlyList<string> Strata, string Seed, int SuppressionThreshold,
    string Weighting, IReadOnlyList<string> Collapses, DateOnly FieldStart, DateOnly FieldEnd,
    DateOnly? PlannedStart = null, DateOnly? PlannedEnd = null)
{
    /// <summary>The fieldwork ran other than planned (FieldStart/FieldEnd are the actual period): the report says both.</summary>
    public bool DifferedFromPlan => (PlannedStart is { } s && s != FieldStart) || (PlannedEnd is { } e && e != FieldEnd);
}

/// <summary>
/// A small municipality's indicator over two or three years together (docs/statistics.md, "Pooled years"): the
/// figure as the tables show one (respondents = all years' answers), the years, and the one sentence on why.
/// </summary>
public sealed record PublicPooled(PublicFigure Figure, IReadOnlyList<int> Years, string Sentence);

/// <summary>A link to an earlier published version of the same report.</summary>
public sealed record PublicVersionLink(int Version, DateTimeOffset PublishedAt, string? Correction);

/// <summary>
/// Everything a published report shows, after disclosure control. HTML, CSV and JSON are all made from this one
/// object, so a hidden figure is hidden in all three alike. It holds no open answer and no client reference.
/// </summary>
public sealed record PublicReport
{
    public required string Scope { get; init; }
    public required string Slug { get; init; }
    public bool IsRegion { get; init; }
    public string? Region { get; init; }
    public required int Year { get; init; }
    public required int Version { get; init; }
    public required DateTimeOffset PublishedAt { get; init; }
    public required string WaveId { get; init; }

    /// <summary>A supplementary wave (aanvullende meting) next to the year's wave; archived under a slug of its own.</summary>
    public bool Supplementary { get; init; }
    public string? Correction { get; init; }
    public IReadOnlyList<PublicVersionLink> EarlierVersions { get; init; } = [];
    public required IReadOnlyList<string> Audiences { get; init; }
    public required IReadOnlyList<PublicFigure> Figures { get; init; }
    public IReadOnlyList<PublicTrend> Trends { get; init; } = [];
    public IReadOnlyList<PublicTrendPoint> Series { get; init; } = [];
    public required IReadOnlyList<PublicReliability> Reliability { get; init; }
    public required PublicMethodology Methodology { get; init; }
    public required string SoftwareVersion { get; init; }

    // The policy loop: the municipality's own words, published with the figures (docs/reports.md §4).
    public IReadOnlyList<PublicInterpretation> Interpretations { get; init; } = [];
    public IReadOnlyList<PublicAction> Actions { get; init; } = [];
    public IReadOnlyList<PublicFollowUp> FollowUps { get; init; } = [];
    public IReadOnlyList<PublicQuote> Quotes { get; init; } = [];
    public IReadOnlyList<PublicComparison> Comparisons { get; init; } = [];

    /// <summary>Pooled years; null (and absent from data.json) when none, so reports without them stay as they were.</summary>
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<PublicPooled>? Pooled { get; init; }

    // The council's yardstick (issue 14, docs/reports.md §6): targets as they stood at publication, with their
    // verdicts, and the municipality's report years. A later change only reaches the public in a new version.
    public IReadOnlyList<PublicTarget> Targets { get; init; } = [];
    public IReadOnlyList<ReportYearStatus> Years { get; init; } = [];

    /// <summary>
    /// Counting next to telling (issue 14, docs/reports.md §7): clients in the frame by care type, age band, referrer and
    /// duration of care, this year first and then earlier years, after disclosure control with the report's k.
    /// </summary>
    public IReadOnlyList<UseFigures.PublicUseFigures> Use { get; init; } = [];

    /// <summary>Reference figures from outside the region beside this year's figure, each with its source (issue 14, docs/reports.md §8).</summary>
    public IReadOnlyList<PublicReference> References { get; init; } = [];
}

/// <summary>
/// A reference figure as published: ours (null when hidden or not measured) beside theirs, with source, year,
/// population and "goed vergelijkbaar" or "niet goed vergelijkbaar" (then <see cref="Difference"/> says why).
/// </summary>
public sealed record PublicReference(
    string Audience, string Measure, string Label, string Scale, double? OurValue, double? OurCiLow, double? OurCiHigh,
    string Source, int Year, string Population, double Value, double? CiLow, double? CiHigh, string Comparability, string? Difference);
