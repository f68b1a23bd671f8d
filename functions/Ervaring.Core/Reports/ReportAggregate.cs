namespace Ervaring.Core.Reports;

/// <summary>The breakdowns a report shows. "totaal" is the whole scope (a municipality or the region).</summary>
public static class Dimensions
{
    public const string Total = "totaal";
    public const string Municipality = "gemeente";
    public const string CareType = "zorgvorm";
    public const string AgeBand = "leeftijdsgroep";
    public const string Referrer = "verwijzer";

    /// <summary>The value used for the single cell of the "totaal" dimension.</summary>
    public const string TotalValue = "totaal";

    public static readonly IReadOnlyList<string> Breakdowns = [CareType, AgeBand, Referrer];

    public static string Dutch(string dimension) => dimension switch
    {
        Municipality => "gemeente",
        CareType => "soort hulp (zorgvorm)",
        AgeBand => "leeftijd van het kind",
        Referrer => "verwijzer",
        _ => "totaal",
    };
}

/// <summary>What a figure is about: an indicator (toegang, kwaliteit…) or a single question.</summary>
public static class MeasureTypes
{
    public const string Indicator = "indicator";
    public const string Item = "vraag";
}

/// <summary>
/// One estimate of the aggregate tables: for an audience, within a scope (a municipality or the region), for one
/// value of one breakdown, of one indicator or question. Kind "proportion" holds a share 0–1 (logit interval),
/// "mean" a mean (t interval): indicator scores 0–1 and report marks 1–10.
/// </summary>
public sealed record EstimateRow(
    string Audience, string Scope, string Dimension, string DomainValue,
    string MeasureType, string Measure, string Label, string Kind, string Scale,
    long N, double Value, double StandardError, int DegreesOfFreedom, double CiLow, double CiHigh);

/// <summary>Weighted share of one answer option among the valid answers to a question (whole scope only; officer views).</summary>
public sealed record DistributionRow(string Audience, string Scope, string Item, string Option, string Label, long N, double Share, double CiLow, double CiHigh);

/// <summary>Fieldwork of one stratum and audience (counts frozen at close, or live during fielding).</summary>
public sealed record ResponseRow(string Audience, string Stratum, string Municipality, string CareType, string AgeBand, long Population, int Invited, int Completed, double ResponseRate);

public sealed record PartialRow(string Variable, string Category, double Propensity, double Partial);

/// <summary>R-indicator of one audience within one scope, with its plain-Dutch sentence.</summary>
public sealed record RepresentativenessRow(string Audience, string Scope, double R, double MeanPropensity, double? MaximalBias, string Sentence, IReadOnlyList<PartialRow> Partials);

/// <summary>Difference with an earlier published wave of the same scope and audience.</summary>
public sealed record TrendRow(
    string Audience, string Scope, string MeasureType, string Measure, string EarlierWaveId, int EarlierYear,
    double EarlierValue, double Value, double Difference, double CiLow, double CiHigh, bool Significant);

/// <summary>In a region: a municipality's indicator total against the rest of the region (independent strata: V = V1 + V2).</summary>
public sealed record ComparisonRow(string Audience, string Scope, string Measure, string Municipality, long RestN, double Difference, double CiLow, double CiHigh, bool Significant);

/// <summary>The clients an audience speaks for in a municipality (Σ N_h of its weighting strata): pooling's year weight.</summary>
public sealed record ScopePopulationRow(string Audience, string Scope, long Population);

/// <summary>
/// A small municipality's indicator total pooled over this and the one or two latest earlier published years
/// (docs/statistics.md, "Pooled years"), shown beside this year's figure with <see cref="Sentence"/> on why.
/// </summary>
/// <param name="ValidThisYear">This year's valid answers, fewer than the wave's target margin needs.</param>
public sealed record PooledRow(
    string Audience, string Scope, string Measure, string Kind, IReadOnlyList<int> Years, long ValidThisYear,
    long N, double Value, double StandardError, int DegreesOfFreedom, double CiLow, double CiHigh, string Sentence);

/// <summary>Strata merged before estimation (reported in the methodology).</summary>
public sealed record CollapseRow(string Audience, string Measure, string From, string Into, string Reason);

/// <summary>
/// Everything computed for a wave: estimates, distributions, response, representativeness, trends. Stored in the
/// <c>aggregates</c> table; the public report is made from it after disclosure control.
/// </summary>
public sealed record WaveAggregate
{
    public required string WaveId { get; init; }

    /// <summary>"tussenstand" during fielding (never public), "concept" after close.</summary>
    public required string Status { get; init; }
    public DateTimeOffset ComputedAt { get; init; }
    public long Responses { get; init; }
    public IReadOnlyList<EstimateRow> Estimates { get; init; } = [];
    public IReadOnlyList<DistributionRow> Distributions { get; init; } = [];
    public IReadOnlyList<ResponseRow> Response { get; init; } = [];
    public IReadOnlyList<RepresentativenessRow> Representativeness { get; init; } = [];
    public IReadOnlyList<TrendRow> Trends { get; init; } = [];
    public IReadOnlyList<CollapseRow> Collapses { get; init; } = [];
    public IReadOnlyList<ComparisonRow> Comparisons { get; init; } = [];

    /// <summary>Clients per audience and municipality, kept so a later wave can pool with this one.</summary>
    public IReadOnlyList<ScopePopulationRow> Populations { get; init; } = [];

    /// <summary>Pooled figures for municipalities with fewer valid answers than the margin needs.</summary>
    public IReadOnlyList<PooledRow> Pooled { get; init; } = [];

    /// <summary>Totals with no identical figure in the previous wave's questionnaire (issue 16): "nieuw dit jaar".</summary>
    public IReadOnlyList<Aggregation.NewFigureRow> NewThisYear { get; init; } = [];

    /// <summary>Estimates that could not be made, in Dutch (e.g. a municipality without any valid answer).</summary>
    public IReadOnlyList<string> Problems { get; init; } = [];
}

public static class AggregateStatus
{
    public const string Interim = "tussenstand";
    public const string Draft = "concept";
}
