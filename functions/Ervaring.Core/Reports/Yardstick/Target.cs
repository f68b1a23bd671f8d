namespace Ervaring.Core.Reports.Yardstick;

/// <summary>
/// A municipality's target (streefwaarde) for one indicator. Keyed on municipality + audience + indicator + breakdown
/// (dimension and value; <c>totaal</c>/<c>totaal</c> when none) + target year: saving the same key again replaces it.
/// Audience is part of the key because every indicator is measured per audience (ouders, jongeren).
/// <see cref="Value"/> is on the published scale: percent (0–100) for shares, 1–10 for the rapportcijfer.
/// </summary>
public sealed record Target(
    string Municipality, string Audience, string Measure, string Dimension, string DomainValue,
    double Value, int TargetYear, string PolicyTitle, string? PolicyLink)
{
    public string Key => string.Join('|', Audience, Measure, Dimension, DomainValue, TargetYear.ToString(System.Globalization.CultureInfo.InvariantCulture));
}

/// <summary>
/// A target as published in a report version: the target, this year's estimate with its interval, the verdict and
/// (before the target year) the heading. <see cref="Verdict"/> is null when the figure is hidden or missing;
/// <see cref="Reason"/> then says why.
/// </summary>
public sealed record PublicTarget(
    string Audience, string Measure, string Label, string Dimension, string DomainValue, string Scale,
    double Target, int TargetYear, string PolicyTitle, string? PolicyLink,
    double? Value, double? CiLow, double? CiHigh, string? Verdict, string? Heading, string? Reason);

/// <summary>The municipality's reason that a year had no survey (kept per municipality; explained, never deleted).</summary>
public sealed record GapReason(string Municipality, int Year, string Reason, DateTimeOffset GivenAt);
