namespace Ervaring.Core.Statistics;

public enum EstimateKind
{
    /// <summary>Share of positive answers (y is 0/1); logit interval.</summary>
    Proportion,

    /// <summary>Mean of a report mark or indicator score; symmetric t interval.</summary>
    Mean,
}

public sealed record ConfidenceInterval(double Low, double High);

/// <summary>
/// A weighted estimate with its design-based standard error.
/// </summary>
/// <param name="Value">Weighted mean or share (0–1).</param>
/// <param name="StandardError">sqrt of the stratified variance with finite-population correction.</param>
/// <param name="DegreesOfFreedom">Respondents minus strata (R's degf), used for the t quantile.</param>
/// <param name="Interval">95% interval (or the level asked for).</param>
/// <param name="Respondents">Valid answers behind the estimate (the domain's own n).</param>
/// <param name="Collapses">Strata merged before estimation.</param>
public sealed record Estimate(
    EstimateKind Kind,
    double Value,
    double StandardError,
    int DegreesOfFreedom,
    ConfidenceInterval Interval,
    long Respondents,
    IReadOnlyList<StratumCollapse> Collapses)
{
    public double Variance => StandardError * StandardError;
}
