namespace Ervaring.Core.Reports.Yardstick;

/// <summary>Turns a municipality's targets into what one report version publishes about them.</summary>
public static class TargetAssessment
{
    /// <param name="figures">The report's published figures (after disclosure control).</param>
    /// <param name="series">The published totals by year (earlier years from their own publication, and this year).</param>
    public static IReadOnlyList<PublicTarget> Assess(IEnumerable<Target> targets, IReadOnlyList<PublicFigure> figures, IReadOnlyList<PublicTrendPoint> series, int year) =>
        targets
            .OrderBy(t => t.Audience, StringComparer.Ordinal).ThenBy(t => t.Measure, StringComparer.Ordinal)
            .ThenBy(t => t.Dimension, StringComparer.Ordinal).ThenBy(t => t.DomainValue, StringComparer.Ordinal).ThenBy(t => t.TargetYear)
            .Select(t => Assess(t, figures, series, year))
            .ToList();

    public static PublicTarget Assess(Target target, IReadOnlyList<PublicFigure> figures, IReadOnlyList<PublicTrendPoint> series, int year)
    {
        var figure = figures.FirstOrDefault(f => f.Audience == target.Audience && f.MeasureType == MeasureTypes.Indicator && f.Measure == target.Measure
                                                 && f.Dimension == target.Dimension && f.DomainValue == target.DomainValue);
        var label = figure?.Label ?? target.Measure;
        var scale = figure?.Scale ?? "aandeel";
        if (figure is null || figure.Suppressed || figure.CiLow is null || figure.CiHigh is null || figure.Value is null)
        {
            var reason = figure is null ? "geen uitkomst dit jaar" : figure.SuppressionReason ?? "geen uitkomst dit jaar";
            return new PublicTarget(target.Audience, target.Measure, label, target.Dimension, target.DomainValue, scale, target.Value, target.TargetYear,
                target.PolicyTitle, target.PolicyLink, null, null, null, null, null, reason);
        }
        var verdict = TargetVerdicts.Judge(figure.CiLow.Value, figure.CiHigh.Value, target.Value);
        // The trend line holds only totals: a target for a breakdown gets a verdict, no heading.
        Heading? heading = null;
        if (target.Dimension == Dimensions.Total)
        {
            var points = series.Where(p => p.Audience == target.Audience && p.Measure == target.Measure && p.MeasureType == MeasureTypes.Indicator)
                .Select(p => (p.Year, p.Value)).ToList();
            heading = TargetVerdicts.Course(points, year, target.Value, target.TargetYear);
        }
        return new PublicTarget(target.Audience, target.Measure, label, target.Dimension, target.DomainValue, scale, target.Value, target.TargetYear,
            target.PolicyTitle, target.PolicyLink, figure.Value, figure.CiLow, figure.CiHigh, TargetVerdicts.Dutch(verdict),
            heading is { } h ? TargetVerdicts.Dutch(h) : null, null);
    }
}
