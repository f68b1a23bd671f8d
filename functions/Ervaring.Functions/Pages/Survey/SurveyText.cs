using Ervaring.Core.Sampling;
namespace Ervaring.Functions.Pages.Survey;

/// <summary>
/// The words around the questions (buttons, headings, messages) in Dutch and English. Questions themselves
/// come from the questionnaire and its translations; a language without chrome here falls back to Dutch.
/// </summary>
public sealed record SurveyText(
    string SiteName, string Start, string Next, string Previous, string Save, string Submit, string Step,
    string Required, string OnlyIf, string NotParticipate, string NotParticipateConfirm, string NotParticipateQuestion,
    string ConfirmRefusal, string Back, string ErrorsHeading, string Saved, string ThankYouTitle, string ThankYou,
    string AlreadyDoneTitle, string AlreadyDone, string RefusedTitle, string Refused, string LinkProblemTitle, string LinkProblem,
    string UnavailableTitle, string Unavailable, string TryAgain, string Languages, string About,
    string HelpQuestion, string Call, string Mail, string PrivacyLink, string CodeHeading, string CheckCode,
    string ReadAloud = "Lees voor", string StopReading = "Stop met voorlezen", string ErrorPrefix = "Fout: ",
    string SkipLink = "Direct naar de inhoud")
{
    /// <summary>A translation's own words for the answer errors (SurveyPageTexts); empty: the Dutch messages as they are.</summary>
    public IReadOnlyDictionary<string, string> Page { get; init; } = new Dictionary<string, string>();

    /// <summary>A Dutch answer error from SurveyAnswers, in this text's language.</summary>
    public string Error(string dutch, Ervaring.Core.Surveys.SurveyItem? item) => Ervaring.Core.Surveys.SurveyPageTexts.Error(dutch, item, Page);

    /// <summary>
    /// The words of a translation file's <c>page</c> (questionnaire v2 and later; the loader made sure every key is
    /// there). Each constructor parameter is read from the key of the same name in camelCase.
    /// </summary>
    public static SurveyText FromPage(IReadOnlyDictionary<string, string> page, SurveyText fallback)
    {
        var constructor = typeof(SurveyText).GetConstructors().Single(c => c.GetParameters().Length > 1);
        var values = constructor.GetParameters().Select(p =>
            (object?)(page.TryGetValue(PageKey(p.Name!), out var text) ? text : (string)typeof(SurveyText).GetProperty(p.Name!)!.GetValue(fallback)!)).ToArray();
        return (SurveyText)constructor.Invoke(values) with { Page = page };
    }

    /// <summary>The page-text key of a constructor parameter: "SiteName" → "siteName".</summary>
    public static string PageKey(string parameter) => char.ToLowerInvariant(parameter[0]) + parameter[1..];

    /// <summary>The words for a questionnaire page in <paramref name="language"/>: its translation's, else the built-in ones.</summary>
    public static SurveyText For(Ervaring.Core.Surveys.SurveyDefinition definition, string language) =>
        definition.PageTexts(language) is { Count: > 0 } page
            ? FromPage(page, For(language, definition.Audience.Name()))
            : For(language, definition.Audience.Name());

    public static readonly SurveyText Dutch = new(
        SiteName: "Uw ervaring met jeugdhulp",
        Start: "Beginnen",
        Next: "Volgende",
        Previous: "Vorige",
        Save: "Opslaan en later verder",
        Submit: "Verzenden",
        Step: "Stap {0} van {1}",
        Required: "(verplicht)",
        OnlyIf: "Beantwoord deze vraag alleen als u bij de vorige vraag '{0}' koos.",
        NotParticipate: "Ik wil niet meedoen",
        NotParticipateConfirm: "Ja, ik wil niet meedoen",
        NotParticipateQuestion: "Weet u het zeker? Dan krijgt u geen herinnering meer en vragen we u volgend jaar niet opnieuw.",
        ConfirmRefusal: "Niet meedoen",
        Back: "Terug naar de vragenlijst",
        ErrorsHeading: "Niet alles is goed ingevuld",
        Saved: "Uw antwoorden zijn opgeslagen. Open later dezelfde link om verder te gaan.",
        ThankYouTitle: "Bedankt!",
        ThankYou: "Uw antwoorden zijn goed aangekomen. Bedankt dat u de tijd nam. Met uw antwoorden maakt de gemeente de jeugdhulp beter.",
        AlreadyDoneTitle: "Al ingevuld",
        AlreadyDone: "Deze vragenlijst is al ingevuld. Dank u wel! U hoeft niets meer te doen.",
        RefusedTitle: "U doet niet mee",
        Refused: "U heeft laten weten dat u niet wilt meedoen. U krijgt geen herinnering meer. Bedankt voor het laten weten.",
        LinkProblemTitle: "Deze link werkt niet (meer)",
        // Shown before anyone knows whose link it is (parent or young person): no "u" or "je".
        LinkProblem: "Misschien is de vragenlijst gesloten, of is de link niet helemaal goed overgenomen. Controleer de link of typ de code uit de brief.",
        UnavailableTitle: "Even niet beschikbaar",
        Unavailable: "Het opslaan lukt nu even niet. Uw antwoorden staan nog in dit formulier. Probeer het over een paar minuten nog eens.",
        TryAgain: "Opnieuw proberen",
        Languages: "Andere taal",
        About: "Over dit onderzoek",
        HelpQuestion: "Heeft u vragen over dit onderzoek?",
        Call: "Bel",
        Mail: "Mail naar",
        PrivacyLink: "Zo gaan we om met uw gegevens (privacyverklaring)",
        CodeHeading: "Vul de code uit de brief in",
        CheckCode: "Deze code kennen we niet (meer). Controleer de code in de brief.");

    public static readonly SurveyText English = new(
        SiteName: "Your experience with youth care",
        Start: "Start",
        Next: "Next",
        Previous: "Previous",
        Save: "Save and continue later",
        Submit: "Send",
        Step: "Step {0} of {1}",
        Required: "(required)",
        OnlyIf: "Only answer this question if you chose '{0}' in the previous question.",
        NotParticipate: "I do not want to take part",
        NotParticipateConfirm: "Yes, I do not want to take part",
        NotParticipateQuestion: "Are you sure? You will get no more reminders and we will not ask you again next year.",
        ConfirmRefusal: "Not taking part",
        Back: "Back to the questionnaire",
        ErrorsHeading: "Not everything is filled in correctly",
        Saved: "Your answers have been saved. Open the same link later to continue.",
        ThankYouTitle: "Thank you!",
        ThankYou: "Your answers have arrived. Thank you for your time. The municipality uses your answers to improve youth care.",
        AlreadyDoneTitle: "Already completed",
        AlreadyDone: "This questionnaire has already been completed. Thank you! There is nothing more to do.",
        RefusedTitle: "You are not taking part",
        Refused: "You have told us you do not want to take part. You will get no more reminders. Thank you for letting us know.",
        LinkProblemTitle: "This link does not work (any more)",
        LinkProblem: "Perhaps the questionnaire has closed, or the link was not copied completely. Check the link or type the code from your letter.",
        UnavailableTitle: "Temporarily unavailable",
        Unavailable: "Saving does not work right now. Your answers are still in this form. Please try again in a few minutes.",
        TryAgain: "Try again",
        Languages: "Other language",
        About: "About this survey",
        HelpQuestion: "Questions about this survey?",
        Call: "Call",
        Mail: "E-mail",
        PrivacyLink: "How we handle your data (privacy statement, in Dutch)",
        CodeHeading: "Enter the code from the letter",
        CheckCode: "We do not know this code (any more). Check the code in the letter.",
        ReadAloud: "Read aloud",
        StopReading: "Stop reading",
        ErrorPrefix: "Error: ",
        SkipLink: "Skip to the content");

    /// <summary>Young people are addressed as "je", like their questionnaire does; parents as "u".</summary>
    public static readonly SurveyText DutchYouth = Dutch with
    {
        SiteName = "Jouw ervaring met jeugdhulp",
        OnlyIf = "Beantwoord deze vraag alleen als je bij de vorige vraag '{0}' koos.",
        NotParticipateQuestion = "Weet je het zeker? Dan krijg je geen herinnering meer en vragen we je volgend jaar niet opnieuw.",
        Saved = "Je antwoorden zijn opgeslagen. Open later dezelfde link om verder te gaan.",
        ThankYou = "Je antwoorden zijn goed aangekomen. Bedankt dat je de tijd nam. Met jouw antwoorden maakt de gemeente de jeugdhulp beter.",
        AlreadyDone = "Deze vragenlijst is al ingevuld. Dank je wel! Je hoeft niets meer te doen.",
        RefusedTitle = "Je doet niet mee",
        Refused = "Je hebt laten weten dat je niet wilt meedoen. Je krijgt geen herinnering meer. Bedankt voor het laten weten.",
        LinkProblem = "Misschien is de vragenlijst gesloten, of is de link niet helemaal goed overgenomen. Controleer de link of typ de code uit je brief.",
        Unavailable = "Het opslaan lukt nu even niet. Je antwoorden staan nog in dit formulier. Probeer het over een paar minuten nog eens.",
        HelpQuestion = "Heb je vragen over dit onderzoek?",
        PrivacyLink = "Zo gaan we om met je gegevens (privacyverklaring)",
    };

    /// <summary>
    /// Before a link or code is known nobody knows whether a parent or a young person is reading: those pages
    /// (typing the code, an unknown link, too many attempts) speak to neither as "u" or "je".
    /// </summary>
    public static readonly SurveyText DutchUnknownReader = Dutch with
    {
        SiteName = "Ervaring met jeugdhulp",
        PrivacyLink = "Privacyverklaring: zo gaan we om met gegevens",
        Unavailable = "Het opslaan lukt nu even niet. De antwoorden staan nog in dit formulier. Probeer het over een paar minuten nog eens.",
    };

    public bool IsYouth => ReferenceEquals(this, DutchYouth);

    /// <summary>The words for a page: English when asked, else Dutch for young people ("je"), parents ("u"), or an unknown reader.</summary>
    public static SurveyText For(string? language, string? audience = null) =>
        language == "en" ? English : audience switch
        {
            Audiences.JongerenName => DutchYouth,
            null or "" => DutchUnknownReader,
            _ => Dutch,
        };

    /// <summary>The code of the language <see cref="For"/> answers in: never a posted string as it came in.</summary>
    public static string CodeFor(string? language) => language == "en" ? "en" : "nl";

    /// <summary>The language's own name, for the language links.</summary>
    public static string LanguageName(string code) => code switch
    {
        "nl" => "Nederlands",
        "en" => "English",
        "ar" => "العربية",
        "tr" => "Türkçe",
        "pl" => "Polski",
        "uk" => "Українська",
        "ti" => "ትግርኛ",
        _ => code,
    };
}
