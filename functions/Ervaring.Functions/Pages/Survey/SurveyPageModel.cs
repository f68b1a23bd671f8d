using Ervaring.Core.Sampling;
using Ervaring.Core.Surveys;
using Ervaring.Functions.Municipalities;
using Ervaring.Functions.Survey;

namespace Ervaring.Functions.Pages.Survey;

/// <summary>Everything one questionnaire page needs. Page 0 is the welcome; pages 1…N are the sections.</summary>
public sealed record SurveyPageModel
{
    public required string Token { get; init; }
    public required SurveyDefinition Definition { get; init; }
    public required string Language { get; init; }
    public int Page { get; init; }

    /// <summary>Answers to show in the fields: the saved draft, overlaid with what was just posted.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> Answers { get; init; } = new Dictionary<string, IReadOnlyList<string>>();
    public IReadOnlyDictionary<string, string> Errors { get; init; } = new Dictionary<string, string>();

    /// <summary>A message at the top: "saved", or "storage unavailable".</summary>
    public string? Notice { get; init; }
    public bool NoticeIsError { get; init; }

    /// <summary>Who is asking: the family's municipality, shown on every page.</summary>
    public MunicipalityIdentity? Identity { get; init; }

    /// <summary>web, or papier/telefoon when an officer enters a questionnaire.</summary>
    public string Mode { get; init; } = "web";

    /// <summary>Antiforgery token, only when an officer enters a questionnaire (the officer's cookie must not be usable cross-site).</summary>
    public string? FormToken { get; init; }
    public string? FormTokenField { get; init; }

    /// <summary>What the frame told about the family: questions with <c>askWhen</c> that do not fit are not shown.</summary>
    public RespondentFrame? Frame { get; init; }

    /// <summary>This page's questions that are asked of this family.</summary>
    public IEnumerable<SurveyItem> ItemsAsked => Section?.Items.Where(i => SurveyAnswers.IsAsked(i, Frame)) ?? [];

    public int PageCount => Definition.Sections.Count;
    public SurveySection? Section => Page >= 1 && Page <= PageCount ? Definition.Sections[Page - 1] : null;
    public SurveyText Text => SurveyText.For(Definition, Language);

    /// <summary>"rtl" for Arabic, else "ltr": the page's writing direction.</summary>
    public string Direction => Definition.IsRightToLeft(Language) ? "rtl" : "ltr";
    public string ActionUrl => SurveyLinks.For(Token);

    public string PageUrl(int page, string? language = null) => SurveyLinks.For(Token,
        ("pagina", page.ToString(System.Globalization.CultureInfo.InvariantCulture)),
        ("taal", (language ?? Language) is var l && l != "nl" ? l : null),
        ("modus", Mode == "web" ? null : Mode));
}
