namespace Ervaring.Core.Statistics.Design;

/// <summary>
/// Raking needs valid answers in every category it rakes to. As strata are collapsed before estimation, a category of
/// a calibration variable with fewer than two valid answers in its municipality is merged, for that estimate, into the
/// municipality's category of the same variable with the most valid answers (ties: the first in ordinal order): the
/// answers' profiles and the frame's margins are relabelled alike, so the margins still add up to N. In R this is a
/// recode of the variable before <c>calibrate</c>. docs/statistics.md, "Weighting".
/// </summary>
public sealed class CategoryMerge
{
    public const int MinimumAnswers = 2;

    private readonly Dictionary<(string Municipality, string Variable, string Category), string> into;
    private readonly CalibrationMargins margins;

    private CategoryMerge(Dictionary<(string, string, string), string> into, CalibrationMargins margins)
    {
        this.into = into;
        this.margins = margins;
    }

    /// <summary>True when no category needed merging (then the design is raked to the margins as they are).</summary>
    public bool IsEmpty => into.Count == 0;

    /// <param name="counts">Valid answers per stratum and profile (<see cref="DesignCellAccumulator.Counts"/>).</param>
    public static CategoryMerge Plan(CalibrationMargins margins, IEnumerable<(StratumKey Stratum, CalibrationProfile Profile, long Count)> counts)
    {
        var answers = new Dictionary<(string, string, string), long>();
        foreach (var (stratum, profile, count) in counts)
            foreach (var (variable, category) in profile.Categories)
            {
                var key = (stratum.Municipality, variable, category);
                answers[key] = answers.GetValueOrDefault(key) + count;
            }
        var answered = answers.Keys.Select(k => k.Item1).ToHashSet(StringComparer.Ordinal);

        var into = new Dictionary<(string, string, string), string>();
        foreach (var group in margins.Entries.Where(e => e.Count > 0 && answered.Contains(e.Municipality)).GroupBy(e => (e.Municipality, e.Variable)))
        {
            var categories = group.Select(e => e.Category).Union(answers.Keys.Where(k => k.Item1 == group.Key.Municipality && k.Item2 == group.Key.Variable).Select(k => k.Item3))
                .Order(StringComparer.Ordinal).ToList();
            long Answers(string category) => answers.GetValueOrDefault((group.Key.Municipality, group.Key.Variable, category));
            var absorbing = categories.OrderByDescending(Answers).First(); // a stable sort: ties keep ordinal order
            foreach (var category in categories.Where(c => c != absorbing && Answers(c) < MinimumAnswers))
                into[(group.Key.Municipality, group.Key.Variable, category)] = absorbing;
        }
        return new CategoryMerge(into, Relabel(margins, into));
    }

    /// <summary>The margins with merged categories added to the category that took them in.</summary>
    public CalibrationMargins Margins => margins;

    /// <summary>A respondent's profile with merged categories replaced by the category that took them in.</summary>
    public CalibrationProfile Map(string municipality, CalibrationProfile profile) => IsEmpty ? profile
        : CalibrationProfile.Of([.. profile.Categories.Select(c => (c.Variable, into.GetValueOrDefault((municipality, c.Variable, c.Category), c.Category)))]);

    /// <summary>Why a category was merged, as the report's methodology and the officer's tables show it.</summary>
    public const string Reason = "minder dan 2 geldige antwoorden in deze categorie; samengevoegd vóór de kalibratie";

    /// <summary>Each merge as "G1|verwijzer=gi" into "G1|verwijzer=huisarts", in a fixed order.</summary>
    public IEnumerable<(string From, string Into)> Merges => into.OrderBy(m => m.Key)
        .Select(m => ($"{m.Key.Municipality}|{m.Key.Variable}={m.Key.Category}", $"{m.Key.Municipality}|{m.Key.Variable}={m.Value}"));

    /// <summary>"gemeente G1, verwijzer: gi → huisarts", for the report's notes.</summary>
    public IEnumerable<string> Notes => into.OrderBy(m => m.Key).Select(m => $"gemeente {m.Key.Municipality}, {m.Key.Variable}: {m.Key.Category} → {m.Value}");

    private static CalibrationMargins Relabel(CalibrationMargins margins, Dictionary<(string, string, string), string> into)
    {
        var counts = new Dictionary<(string, string, string), long>();
        foreach (var (municipality, variable, category, count) in margins.Entries)
        {
            var key = (municipality, variable, into.GetValueOrDefault((municipality, variable, category), category));
            counts[key] = counts.GetValueOrDefault(key) + count;
        }
        return new CalibrationMargins(margins.Variables, counts);
    }
}
