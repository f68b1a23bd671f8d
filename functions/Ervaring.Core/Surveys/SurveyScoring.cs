namespace Ervaring.Core.Surveys;

/// <summary>How one answer counts for statistics.</summary>
/// <param name="IsValid">A substantive answer: agreement 1..5, a single-choice option that is not
/// <c>notApplicable</c>, or a mark 1..10. "Weet niet / n.v.t." and missing answers are not valid.</param>
/// <param name="IsPositive">Valid and positive: agreement 4 or 5, or a single-choice option marked positive.</param>
/// <param name="Mark">The report mark for valid mark answers, otherwise null.</param>
public readonly record struct ItemScore(bool IsValid, bool IsPositive, int? Mark)
{
    public static ItemScore NotValid { get; } = new(false, false, null);
}

/// <summary>Turns one respondent's answers into item scores and indicator scores.</summary>
public static class SurveyScoring
{
    /// <summary>Scores one item's answer. Multiple-choice and open answers are never valid for statistics.</summary>
    public static ItemScore Score(SurveyItem item, IReadOnlyList<string>? values)
    {
        if (values is not { Count: 1 })
        {
            return ItemScore.NotValid;
        }

        var value = values[0].Trim();
        switch (item.Type)
        {
            case ItemType.Agreement:
            case ItemType.Single:
                var option = item.FindOption(value);
                return option is null || option.NotApplicable ? ItemScore.NotValid : new ItemScore(true, option.Positive, null);
            case ItemType.Mark:
                return SurveyAnswers.TryParseMark(value, out var mark) ? new ItemScore(true, false, mark) : ItemScore.NotValid;
            default:
                return ItemScore.NotValid;
        }
    }

    /// <summary>
    /// A respondent's score on one indicator, over the visible items feeding it:
    /// rule <c>agree</c> → share (0..1) of valid answers that are positive; rule <c>mark</c> → the mark
    /// (the mean if several mark items feed it). Null when the respondent gave no valid answer on it.
    /// </summary>
    public static double? IndicatorScore(
        SurveyDefinition definition,
        string indicatorId,
        IReadOnlyDictionary<string, IReadOnlyList<string>> answers)
    {
        var indicator = definition.FindIndicator(indicatorId)
            ?? throw new ArgumentException($"Indicator '{indicatorId}' is not defined in '{definition.Id}' v{definition.Version}.", nameof(indicatorId));
        return IndicatorScore(definition, indicator, answers, SurveyAnswers.VisibleItemIds(definition, answers).ToHashSet(StringComparer.Ordinal));
    }

    private static double? IndicatorScore(
        SurveyDefinition definition,
        SurveyIndicator indicator,
        IReadOnlyDictionary<string, IReadOnlyList<string>> answers,
        HashSet<string> visible)
    {
        // One pass over the questionnaire, no intermediate lists: this runs for every indicator of every response.
        int valid = 0, positive = 0;
        double marks = 0;
        foreach (var item in definition.Items)
        {
            if (item.Indicator != indicator.Id || !visible.Contains(item.Id)) continue;
            var score = Score(item, answers.TryGetValue(item.Id, out var v) ? v : null);
            if (!score.IsValid) continue;
            valid++;
            if (score.IsPositive) positive++;
            if (indicator.Positive == PositiveRule.Mark) marks += score.Mark!.Value;
        }
        if (valid == 0)
        {
            return null;
        }

        return indicator.Positive == PositiveRule.Mark ? marks / valid : positive / (double)valid;
    }

    /// <summary>Scores for every indicator of the definition, keyed by indicator id.</summary>
    public static IReadOnlyDictionary<string, double?> IndicatorScores(
        SurveyDefinition definition,
        IReadOnlyDictionary<string, IReadOnlyList<string>> answers) =>
        IndicatorScores(definition, answers, SurveyAnswers.VisibleItemIds(definition, answers).ToHashSet(StringComparer.Ordinal));

    // Visibility depends on the answers only: work it out once for all indicators of a response.
    private static Dictionary<string, double?> IndicatorScores(
        SurveyDefinition definition,
        IReadOnlyDictionary<string, IReadOnlyList<string>> answers,
        HashSet<string> visible) =>
        definition.Indicators.ToDictionary(i => i.Id, i => IndicatorScore(definition, i, answers, visible), StringComparer.Ordinal);
}
