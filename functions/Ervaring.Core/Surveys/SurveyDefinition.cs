using Ervaring.Core.Sampling;
namespace Ervaring.Core.Surveys;

/// <summary>Kind of question.</summary>
public enum ItemType
{
    /// <summary>5-point agreement scale (codes 1..5) plus <c>wn</c> (weet niet / niet van toepassing).</summary>
    Agreement,
    /// <summary>One option from a list.</summary>
    Single,
    /// <summary>Any number of options from a list.</summary>
    Multiple,
    /// <summary>Report mark (rapportcijfer), integer 1..10.</summary>
    Mark,
    /// <summary>Free text, at most <see cref="SurveyAnswers.MaxOpenTextLength"/> characters.</summary>
    Open,
    /// <summary>A whole number within <see cref="SurveyItem.Range"/>, or <c>wn</c> (weet ik niet); e.g. weeks of waiting.</summary>
    Number,
}

/// <summary>How an indicator turns item answers into a respondent score.</summary>
public enum PositiveRule
{
    /// <summary>JSON <c>agree</c>: score = share of valid answers that are positive
    /// (agreement codes 4 and 5; single-choice options marked <c>positive</c>).</summary>
    Agree,
    /// <summary>JSON <c>mark</c>: score = the report mark itself (mean if several mark items).</summary>
    Mark,
}

/// <summary>A versioned questionnaire. Dutch is the base language; see <see cref="Translations"/>.</summary>
public sealed record SurveyDefinition(
    string Id,
    int Version,
    Audience Audience,
    string Title,
    string Intro,
    IReadOnlyList<SurveyIndicator> Indicators,
    IReadOnlyList<SurveySection> Sections,
    IReadOnlyDictionary<string, SurveyTranslation> Translations)
{
    /// <summary>All items in questionnaire order (computed from <see cref="Sections"/>, so <c>with</c> copies stay consistent).</summary>
    public IReadOnlyList<SurveyItem> Items => Sections.SelectMany(s => s.Items).ToArray();

    /// <summary>Base language plus every translated language.</summary>
    public IReadOnlyList<string> Languages => [SurveyDefinitionLoader.BaseLanguage, .. Translations.Keys.Order(StringComparer.Ordinal)];

    public SurveyItem? FindItem(string itemId) => Items.FirstOrDefault(i => i.Id == itemId);

    /// <summary>Whether <paramref name="language"/> is written right to left (Arabic).</summary>
    public bool IsRightToLeft(string language) => Translations.TryGetValue(language, out var t) && t.RightToLeft;

    /// <summary>The translation's words around the questions; empty for Dutch and for v1 translations (the page then uses its own).</summary>
    public IReadOnlyDictionary<string, string> PageTexts(string language) =>
        Translations.TryGetValue(language, out var t) ? t.Page : new Dictionary<string, string>();

    public SurveyIndicator? FindIndicator(string indicatorId) => Indicators.FirstOrDefault(i => i.Id == indicatorId);

    /// <summary>Items that feed the given indicator, in questionnaire order.</summary>
    public IReadOnlyList<SurveyItem> ItemsOf(string indicatorId) => Items.Where(i => i.Indicator == indicatorId).ToArray();

    /// <summary>
    /// The same definition with texts in <paramref name="language"/> where a translation exists,
    /// falling back to Dutch per text. Unknown languages and <c>nl</c> return this definition.
    /// </summary>
    public SurveyDefinition InLanguage(string language)
    {
        if (!Translations.TryGetValue(language, out var t))
        {
            return this;
        }

        SurveyOption Option(SurveyItem item, SurveyOption o, ItemTranslation? it)
        {
            string? label = null;
            if (item.Type == ItemType.Agreement)
            {
                t.AgreementScale.TryGetValue(o.Code, out label);
            }
            else
            {
                it?.Options.TryGetValue(o.Code, out label);
            }
            return label is null ? o : o with { Label = label };
        }

        SurveyItem Item(SurveyItem item)
        {
            t.Items.TryGetValue(item.Id, out var it);
            return item with
            {
                Text = it?.Text ?? item.Text,
                Help = it?.Help ?? item.Help,
                Unit = it?.Unit ?? item.Unit,
                Options = item.Options.Select(o => Option(item, o, it)).ToArray(),
            };
        }

        return this with
        {
            Title = t.Title ?? Title,
            Intro = t.Intro ?? Intro,
            Indicators = Indicators.Select(i => t.Indicators.TryGetValue(i.Id, out var l) ? i with { Label = l } : i).ToArray(),
            Sections = Sections.Select(s => s with
            {
                Title = t.Sections.TryGetValue(s.Id, out var st) ? st : s.Title,
                Items = s.Items.Select(Item).ToArray(),
            }).ToArray(),
        };
    }
}

/// <summary>A reported indicator such as <c>toegang</c>, <c>kwaliteit</c>, <c>effect</c>, <c>rapportcijfer</c>.</summary>
public sealed record SurveyIndicator(string Id, string Label, PositiveRule Positive);

/// <summary>A titled group of items shown together.</summary>
public sealed record SurveySection(string Id, string Title, IReadOnlyList<SurveyItem> Items);

/// <summary>
/// One question. <see cref="Id"/> is stable across versions and is the HTML form field name.
/// For agreement items <see cref="Options"/> holds the fixed scale (1..5 and <c>wn</c>);
/// for number items it holds only <c>wn</c> (weet ik niet); for mark and open items it is empty.
/// </summary>
public sealed record SurveyItem(
    string Id,
    ItemType Type,
    string Text,
    string? Help,
    bool Required,
    IReadOnlyList<SurveyOption> Options,
    string? Indicator,
    ShowIf? ShowIf)
{
    /// <summary>Allowed whole numbers of a <see cref="ItemType.Number"/> item; null for other types.</summary>
    public NumberRange? Range { get; init; }

    /// <summary>The unit shown next to a number item's input field ("weken"); null when there is none.</summary>
    public string? Unit { get; init; }

    /// <summary>Routing on what the frame knows about the family (care type, age around 18); null: asked of everyone.</summary>
    public AskWhen? AskWhen { get; init; }

    public SurveyOption? FindOption(string code)
    {
        foreach (var option in Options)
            if (option.Code == code) return option;
        return null;
    }
}

/// <summary>An answer option. <see cref="Positive"/> counts as positive for the indicator;
/// <see cref="NotApplicable"/> (weet niet / n.v.t.) is not a valid answer for statistics.</summary>
public sealed record SurveyOption(string Code, string Label, bool Positive = false, bool NotApplicable = false);

/// <summary>Routing: show the item only when the earlier item <see cref="Item"/> was answered with one of <see cref="AnyOf"/>.</summary>
public sealed record ShowIf(string Item, IReadOnlyList<string> AnyOf);

/// <summary>Texts in one extra language; every entry is optional and falls back to Dutch.</summary>
public sealed record SurveyTranslation(
    string Language,
    string? Title,
    string? Intro,
    IReadOnlyDictionary<string, string> Indicators,
    IReadOnlyDictionary<string, string> Sections,
    IReadOnlyDictionary<string, ItemTranslation> Items,
    IReadOnlyDictionary<string, string> AgreementScale)
{
    /// <summary>True for a right-to-left language (JSON <c>"direction": "rtl"</c>).</summary>
    public bool RightToLeft { get; init; }

    /// <summary>The words around the questions (<see cref="SurveyPageTexts.Keys"/>); empty in a v1 translation.</summary>
    public IReadOnlyDictionary<string, string> Page { get; init; } = new Dictionary<string, string>();
}

public sealed record ItemTranslation(string? Text, string? Help, IReadOnlyDictionary<string, string> Options)
{
    public string? Unit { get; init; }
}

/// <summary>The fixed 5-point agreement scale in Dutch.</summary>
public static class AgreementScale
{
    public const string NotApplicableCode = "wn";

    public static IReadOnlyList<SurveyOption> Options { get; } =
    [
        new("1", "Helemaal oneens"),
        new("2", "Oneens"),
        new("3", "Niet eens, niet oneens"),
        new("4", "Eens", Positive: true),
        new("5", "Helemaal eens", Positive: true),
        new(NotApplicableCode, "Weet niet / niet van toepassing", NotApplicable: true),
    ];

    public static IReadOnlyList<string> Codes { get; } = Options.Select(o => o.Code).ToArray();
}

/// <summary>The one option of a number item besides the number itself.</summary>
public static class NumberAnswer
{
    public const string DontKnowCode = AgreementScale.NotApplicableCode;

    public static IReadOnlyList<SurveyOption> Options { get; } = [new(DontKnowCode, "Weet ik niet", NotApplicable: true)];
}
