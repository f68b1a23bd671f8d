namespace Ervaring.Core.Statistics;

/// <summary>
/// Plain-Dutch (B1) explanation of an R-indicator for reports.
/// Thresholds (docs/statistics.md): R ≥ 0.80 good, 0.65 ≤ R &lt; 0.80 fair, below that weak.
/// A category is named when its partial indicator is ≤ −0.05 (it answered clearly less than
/// average); at most the two strongest such groups are named.
/// </summary>
public static class RepresentativenessSentence
{
    public const double GoodThreshold = 0.80;
    public const double FairThreshold = 0.65;
    public const double NamedGroupThreshold = -0.05;
    public const int MaximumNamedGroups = 2;

    /// <param name="groupName">Dutch plural name of a category, e.g. ("zorgvorm-leeftijd", "verblijf-12-17") → "Jongeren met verblijf"; null to skip it.</param>
    public static string Describe(RepresentativenessResult result, Func<string, string, string?> groupName)
    {
        var sentences = new List<string>
        {
            result.R >= GoodThreshold ? "De respons lijkt goed op de hele groep."
            : result.R >= FairThreshold ? "De respons lijkt redelijk op de hele groep, maar niet iedereen reageerde even vaak."
            : "De respons lijkt niet goed op de hele groep. Wees voorzichtig met de uitkomsten.",
        };
        var named = result.Partials
            .SelectMany(p => p.Categories.Select(c => (p.Variable, c)))
            .Where(x => x.c.Partial <= NamedGroupThreshold)
            .OrderBy(x => x.c.Partial)
            .Select(x => groupName(x.Variable, x.c.Category))
            .OfType<string>()
            .Distinct()
            .Take(MaximumNamedGroups);
        foreach (var name in named)
            sentences.Add($"{name} reageerden veel minder; hun ervaringen wegen we zwaarder, maar de uitkomst is voor hen minder zeker.");
        return string.Join(" ", sentences);
    }
}
