namespace Ervaring.Core.Reports.Council;

/// <summary>The municipality's interpretation of a figure, as published (plain text, encoded when rendered).</summary>
public sealed record PublicInterpretation(string Audience, string Measure, string Dimension, string Text);

public sealed record PublicAction(string Id, IReadOnlyList<string> Measures, string What, string Who, DateOnly Due);

/// <summary>An action of an earlier year's report with how it went (status null: no status was given).</summary>
public sealed record PublicFollowUp(int Year, string Id, IReadOnlyList<string> Measures, string What, string Who, DateOnly Due, string? Status, string? Note);

/// <summary>An approved quote: only its published text, theme and cell.</summary>
public sealed record PublicQuote(string Theme, string Cell, string Text, bool Paraphrased);

/// <summary>
/// In a region report: one municipality against the rest of the region for an indicator. Null figures when the
/// municipality's figure is hidden in the region table.
/// </summary>
public sealed record PublicComparison(string Audience, string Measure, string Municipality, double? Difference, double? CiLow, double? CiHigh, bool? Significant);
