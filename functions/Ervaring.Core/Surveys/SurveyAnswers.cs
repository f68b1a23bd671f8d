using System.Globalization;

namespace Ervaring.Core.Surveys;

/// <summary>Whether answers are being saved for later (pause) or sent in (verzenden).</summary>
public enum AnswerMode
{
    /// <summary>Pause / next page: values are checked, required items are not enforced.</summary>
    Save,
    /// <summary>Verzenden: values are checked and every visible required item must be answered.</summary>
    Submit,
}

/// <summary>Outcome of checking submitted answers.</summary>
/// <param name="Answers">Cleaned answers: only visible items with valid, normalised values (trimmed, de-duplicated,
/// marks without leading zeros). Unanswered, invalid, unknown and routed-out items are absent.</param>
/// <param name="Errors">Dutch message per item id (unknown item ids included) for the respondent.</param>
public sealed record AnswerValidation(
    IReadOnlyDictionary<string, IReadOnlyList<string>> Answers,
    IReadOnlyDictionary<string, string> Errors)
{
    public bool IsValid => Errors.Count == 0;
}

/// <summary>Checks a respondent's answers against a definition: routing, required items and allowed values.</summary>
public static class SurveyAnswers
{
    public const int MaxOpenTextLength = 2000;

    public const string ChooseAnswer = "Kies een antwoord.";
    public const string ChooseOneAnswer = "Kies één antwoord.";
    public const string ChooseAtLeastOne = "Kies minstens één antwoord.";
    public const string ChooseFromList = "Dit antwoord kan niet. Kies een van de antwoorden.";
    public const string EnterMark = "Vul een cijfer van 1 tot en met 10 in.";
    public const string FillIn = "Vul hier iets in.";
    public const string TooLong = "Dit antwoord is te lang. Gebruik niet meer dan 2.000 tekens.";
    public const string UnknownItem = "Deze vraag hoort niet bij deze vragenlijst.";

    /// <summary>
    /// Validates <paramref name="submitted"/> (item id → submitted values; a multiple-choice item may have several).
    /// Items are visited in questionnaire order; an item is visible when it has no <c>showIf</c>, or when the item it
    /// refers to is visible and its valid answer contains one of the listed codes. Answers to hidden items are dropped
    /// without error.
    /// </summary>
    public static AnswerValidation Validate(
        SurveyDefinition definition,
        IReadOnlyDictionary<string, IReadOnlyList<string>> submitted,
        AnswerMode mode)
    {
        var answers = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        var errors = new Dictionary<string, string>(StringComparer.Ordinal);

        foreach (var key in submitted.Keys)
        {
            if (definition.FindItem(key) is null)
            {
                errors[key] = UnknownItem;
            }
        }

        foreach (var item in definition.Items)
        {
            if (!IsVisible(item, answers))
            {
                continue;
            }

            var values = submitted.TryGetValue(item.Id, out var raw) ? Normalise(raw) : [];
            if (values.Count == 0)
            {
                if (mode == AnswerMode.Submit && item.Required)
                {
                    errors[item.Id] = MissingMessage(item.Type);
                }
                continue;
            }

            var (clean, error) = Check(item, values);
            if (error is not null)
            {
                errors[item.Id] = error;
            }
            else
            {
                answers[item.Id] = clean!;
            }
        }

        return new AnswerValidation(answers, errors);
    }

    /// <summary>Ids of the items visible given (cleaned) answers, in questionnaire order.</summary>
    public static IReadOnlyList<string> VisibleItemIds(
        SurveyDefinition definition,
        IReadOnlyDictionary<string, IReadOnlyList<string>> answers)
    {
        var visible = new List<string>();
        var seen = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        foreach (var item in definition.Items)
        {
            if (!IsVisible(item, seen))
            {
                continue;
            }
            visible.Add(item.Id);
            if (answers.TryGetValue(item.Id, out var values))
            {
                seen[item.Id] = values;
            }
        }
        return visible;
    }

    /// <summary>
    /// Visibility of one item given the answers of visible earlier items. Because routing only refers to earlier items,
    /// <paramref name="visibleAnswers"/> must only contain answers of items that are themselves visible.
    /// </summary>
    private static bool IsVisible(SurveyItem item, IReadOnlyDictionary<string, IReadOnlyList<string>> visibleAnswers) =>
        item.ShowIf is not { } showIf
        || (visibleAnswers.TryGetValue(showIf.Item, out var values) && values.Any(showIf.AnyOf.Contains));

    private static List<string> Normalise(IReadOnlyList<string>? raw) =>
        raw is null
            ? []
            : raw.Where(v => !string.IsNullOrWhiteSpace(v)).Select(v => v.Trim()).Distinct(StringComparer.Ordinal).ToList();

    private static string MissingMessage(ItemType type) => type switch
    {
        ItemType.Multiple => ChooseAtLeastOne,
        ItemType.Mark => EnterMark,
        ItemType.Open => FillIn,
        _ => ChooseAnswer,
    };

    private static (IReadOnlyList<string>? Clean, string? Error) Check(SurveyItem item, List<string> values)
    {
        switch (item.Type)
        {
            case ItemType.Agreement:
            case ItemType.Single:
                if (values.Count > 1)
                {
                    return (null, ChooseOneAnswer);
                }
                return item.FindOption(values[0]) is null ? (null, ChooseFromList) : (values, null);

            case ItemType.Multiple:
                return values.All(v => item.FindOption(v) is not null) ? (values, null) : (null, ChooseFromList);

            case ItemType.Mark:
                return values.Count == 1 && TryParseMark(values[0], out var mark)
                    ? ([mark.ToString(CultureInfo.InvariantCulture)], null)
                    : (null, EnterMark);

            case ItemType.Open:
                // Count a line break as one character, as the browser's maxlength does.
                var text = string.Join('\n', values).Replace("\r\n", "\n", StringComparison.Ordinal).Replace('\r', '\n');
                return text.Length > MaxOpenTextLength ? (null, TooLong) : ([text], null);

            default:
                return (null, ChooseFromList);
        }
    }

    /// <summary>A report mark: a whole number 1..10 written with digits only.</summary>
    internal static bool TryParseMark(string value, out int mark) =>
        int.TryParse(value.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out mark) && mark is >= 1 and <= 10;
}
