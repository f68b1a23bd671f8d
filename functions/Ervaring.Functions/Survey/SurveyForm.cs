using Ervaring.Core.Surveys;

namespace Ervaring.Functions.Survey;

/// <summary>What a survey page posts: control fields plus answers named by item id (values = answer codes).</summary>
public sealed record SurveyForm(string Action, int Page, string Language, string Mode, IReadOnlyDictionary<string, IReadOnlyList<string>> Answers)
{
    private static readonly HashSet<string> ControlFields = ["actie", "pagina", "taal", "modus", "__RequestVerificationToken"];

    public static SurveyForm From(IFormCollection form, SurveyDefinition definition)
    {
        var answers = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        foreach (var (key, values) in form)
        {
            if (ControlFields.Contains(key) || key.StartsWith("__", StringComparison.Ordinal)) continue;
            answers[key] = values.Where(v => v is not null).Select(v => v!).ToList();
        }
        var page = int.TryParse(form["pagina"], out var p) ? Math.Clamp(p, 0, definition.Sections.Count) : definition.Sections.Count;
        return new SurveyForm(form["actie"].ToString(), page, form["taal"].ToString() is { Length: > 0 } l ? l : "nl", form["modus"].ToString(), answers);
    }

    /// <summary>
    /// The items this post speaks for: the items of its page. A post without a page (a tool sending the whole
    /// questionnaire at once, or an interviewer's entry) speaks for every item it names.
    /// </summary>
    public IReadOnlyCollection<string> ItemsOnPage(SurveyDefinition definition) =>
        Page >= 1 && Page <= definition.Sections.Count
            ? definition.Sections[Page - 1].Items.Select(i => i.Id).Concat(Answers.Keys).Distinct().ToList()
            : Answers.Keys.ToList();

    /// <summary>Everything that was posted, to put back into a form when storage is unavailable.</summary>
    public static IReadOnlyList<KeyValuePair<string, string[]>> Raw(IFormCollection form) =>
        form.Where(f => !f.Key.StartsWith("__", StringComparison.Ordinal))
            .Select(f => new KeyValuePair<string, string[]>(f.Key, f.Value.Where(v => v is not null).Select(v => v!).ToArray()))
            .ToList();
}
