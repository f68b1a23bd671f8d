namespace Ervaring.Core.Reports.Aggregation;

/// <summary>How a measure's value reads: a share of respondents (shown as a percentage) or a report mark 1–10.</summary>
public enum Scale
{
    /// <summary>A share 0–1, or an indicator score 0–1 (shown as a percentage).</summary>
    Aandeel,

    /// <summary>A report mark 1–10.</summary>
    Cijfer,
}

/// <summary>The stored spelling of <see cref="Scale"/> in the aggregate and the public report (<see cref="EstimateRow.Scale"/>).</summary>
public static class Scales
{
    public const string AandeelName = "aandeel";
    public const string CijferName = "cijfer";

    public static string Name(this Scale scale) => scale == Scale.Cijfer ? CijferName : AandeelName;
}
