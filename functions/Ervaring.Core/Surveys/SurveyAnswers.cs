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
    public const string NumberOrDontKnow = "Vul een getal in of kies 'Weet ik niet', niet allebei.";

    /// <summary>"Vul een heel getal van 0 tot en met 104 in, of kies 'Weet ik niet'." for a number item's range.</summary>
    public static string EnterNumber(NumberRange range) =>
        $"Vul een heel getal van {range.Min} tot en met {range.Max} in, of kies 'Weet ik niet'.";

    /// <summary>
    /// Validates <paramref name="submitted"/> (item id → submitted values; a multiple-choice item may have several).
    /// Items are visited in questionnaire order; an item is visible when it has no <c>showIf</c>, or when the item it
    /// refers to is visible and its valid answer contains one of the listed codes. Answers to hidden items are dropped
    /// without error.
    /// </summary>
    /// <param name="frame">What the frame knows about the family, for items with <c>askWhen</c>; null (scoring stored
    /// responses, whose answers were already checked with it) asks every such item.</param>
    public static AnswerValidation Validate(
        SurveyDefinition definition,
        IReadOnlyDictionary<string, IReadOnlyList<string>> submitted,
        AnswerMode mode,
        RespondentFrame? frame = null)
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
            if (!IsVisible(item, answers, frame))
            {
                continue;
            }

            var values = submitted.TryGetValue(item.Id, out var raw) ? Normalise(raw) : [];
            if (values.Count == 0)
            {
                if (mode == AnswerMode.Submit && item.Required)
                {
                    errors[item.Id] = MissingMessage(item);
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
        IReadOnlyDictionary<string, IReadOnlyList<string>> answers,
        RespondentFrame? frame = null)
    {
        var visible = new List<string>();
        var seen = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        foreach (var item in definition.Items)
        {
            if (!IsVisible(item, seen, frame))
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
    private static bool IsVisible(SurveyItem item, IReadOnlyDictionary<string, IReadOnlyList<string>> visibleAnswers, RespondentFrame? frame) =>
        (frame is null || item.AskWhen is not { } askWhen || askWhen.Holds(frame))
        && (item.ShowIf is not { } showIf
            || (visibleAnswers.TryGetValue(showIf.Item, out var values) && values.Any(showIf.AnyOf.Contains)));

    /// <summary>Whether the frame lets this item be asked of this family (see <see cref="AskWhen"/>).</summary>
    public static bool IsAsked(SurveyItem item, RespondentFrame? frame) =>
        frame is null || item.AskWhen is not { } askWhen || askWhen.Holds(frame);

    private static List<string> Normalise(IReadOnlyList<string>? raw) =>
        raw is null
            ? []
            : raw.Where(v => !string.IsNullOrWhiteSpace(v)).Select(v => v.Trim()).Distinct(StringComparer.Ordinal).ToList();

    private static string MissingMessage(SurveyItem item) => item.Type switch
    {
        ItemType.Multiple => ChooseAtLeastOne,
        ItemType.Mark => EnterMark,
        ItemType.Open => FillIn,
        ItemType.Number => EnterNumber(item.Range!),
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

            case ItemType.Number:
                if (values.Count > 1)
                {
                    return (null, values.Contains(NumberAnswer.DontKnowCode) ? NumberOrDontKnow : EnterNumber(item.Range!));
                }
                if (values[0] == NumberAnswer.DontKnowCode)
                {
                    return (values, null);
                }
                return TryParseNumber(values[0], item.Range!, out var number)
                    ? ([number.ToString(CultureInfo.InvariantCulture)], null)
                    : (null, EnterNumber(item.Range!));

            case ItemType.Open:
                // Count a line break as one character, as the browser's maxlength does.
                var text = string.Join('\n', values).Replace("\r\n", "\n", StringComparison.Ordinal).Replace('\r', '\n');
                return text.Length > MaxOpenTextLength ? (null, TooLong) : ([text], null);

            default:
                return (null, ChooseFromList);
        }
    }

    /// <summary>A number item's answer: a whole number in its range written with digits only.</summary>
    public static bool TryParseNumber(string value, NumberRange range, out int number) =>
        int.TryParse(value.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out number) && number >= range.Min && number <= range.Max;

    /// <summary>A report mark: a whole number 1..10 written with digits only.</summary>
    internal static bool TryParseMark(string value, out int mark) =>
        int.TryParse(value.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out mark) && mark is >= 1 and <= 10;
}
