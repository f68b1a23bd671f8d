namespace Ervaring.Core.Surveys;

/// <summary>
/// The words around the questions that a translation (questionnaire version 2 and later) must give, under its
/// <c>page</c> key: buttons, headings, messages, the privacy link, the read-aloud button and the answer errors.
/// The survey pages' <c>SurveyText</c> has exactly these (a test in the integration project holds the two together).
/// Texts with <c>{0}</c> (and <c>{1}</c>) are format strings.
/// </summary>
public static class SurveyPageTexts
{
    public static IReadOnlyList<string> Keys { get; } =
    [
        "siteName", "start", "next", "previous", "save", "submit", "step", "required", "onlyIf", "notParticipate",
        "notParticipateConfirm", "notParticipateQuestion", "confirmRefusal", "back", "errorsHeading", "saved",
        "thankYouTitle", "thankYou", "alreadyDoneTitle", "alreadyDone", "refusedTitle", "refused", "linkProblemTitle",
        "linkProblem", "unavailableTitle", "unavailable", "tryAgain", "languages", "about", "helpQuestion", "call", "mail",
        "privacyLink", "codeHeading", "checkCode", "readAloud", "stopReading", "errorPrefix", "skipLink",
        // The answer errors of SurveyAnswers, in the same order as ErrorKeys below.
        "chooseAnswer", "chooseOneAnswer", "chooseAtLeastOne", "chooseFromList", "enterMark", "fillIn", "tooLong",
        "unknownItem", "numberOrDontKnow", "enterNumber",
    ];

    /// <summary>Each fixed Dutch answer error and the page key that translates it (<c>enterNumber</c> is formatted per item).</summary>
    public static IReadOnlyDictionary<string, string> ErrorKeys { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        [SurveyAnswers.ChooseAnswer] = "chooseAnswer",
        [SurveyAnswers.ChooseOneAnswer] = "chooseOneAnswer",
        [SurveyAnswers.ChooseAtLeastOne] = "chooseAtLeastOne",
        [SurveyAnswers.ChooseFromList] = "chooseFromList",
        [SurveyAnswers.EnterMark] = "enterMark",
        [SurveyAnswers.FillIn] = "fillIn",
        [SurveyAnswers.TooLong] = "tooLong",
        [SurveyAnswers.UnknownItem] = "unknownItem",
        [SurveyAnswers.NumberOrDontKnow] = "numberOrDontKnow",
    };

    /// <summary>A Dutch answer error in the page's language: the translation's text, or the Dutch one when there is none.</summary>
    public static string Error(string dutch, SurveyItem? item, IReadOnlyDictionary<string, string> page)
    {
        if (ErrorKeys.TryGetValue(dutch, out var key) && page.TryGetValue(key, out var text)) return text;
        if (item is { Range: { } range } && dutch == SurveyAnswers.EnterNumber(range) && page.TryGetValue("enterNumber", out var format))
            return string.Format(System.Globalization.CultureInfo.InvariantCulture, format, range.Min, range.Max);
        return dutch;
    }
}
