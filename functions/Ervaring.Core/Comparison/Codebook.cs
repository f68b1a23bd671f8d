using System.Text.Json;
using System.Text.Json.Serialization;
using Ervaring.Core.Surveys;

namespace Ervaring.Core.Comparison;

/// <summary>A theme of the national model questionnaire for youth care: our own identifier and our own words.</summary>
public sealed record CodebookTheme(string Id, string Name, string Description);

/// <summary>An indicator of ours and the themes it covers.</summary>
public sealed record CodebookIndicator(string Indicator, IReadOnlyList<string> Themes);

/// <summary>One item of one questionnaire version.</summary>
public sealed record CodebookItemRef(string Questionnaire, int Version, string Item);

/// <summary>
/// An item of one questionnaire version, the themes it covers (none for background and open questions), and, for a
/// later version, <see cref="SameAs"/>: the earlier version's item it continues unchanged (same wording and scale), so
/// its figures may be set side by side across versions.
/// </summary>
public sealed record CodebookItem(string Questionnaire, int Version, string Item, IReadOnlyList<string> Themes, CodebookItemRef? SameAs = null, string? Note = null);

/// <summary>
/// The codebook (issue 14, point 4; <c>survey-definitions/codebook/codebook.json</c>, format in
/// docs/survey-definitions.md): what every indicator and item of ours measures in terms of the national model
/// questionnaire, and which items of a later questionnaire version are the same as an earlier one.
/// </summary>
public sealed record Codebook(int Version, IReadOnlyList<CodebookTheme> Themes, IReadOnlyList<CodebookIndicator> Indicators, IReadOnlyList<CodebookItem> Items)
{
    private static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        RespectNullableAnnotations = true,
        RespectRequiredConstructorParameters = true,
        ReadCommentHandling = JsonCommentHandling.Disallow,
    };

    /// <summary>Reads the codebook strictly (unknown properties refused); a "$comment" at the top is allowed.</summary>
    public static Codebook Parse(string json)
    {
        var node = System.Text.Json.Nodes.JsonNode.Parse(json)!.AsObject();
        node.Remove("$comment");
        return node.Deserialize<Codebook>(Options) ?? throw new JsonException("Het codeboek is leeg.");
    }

    /// <summary>
    /// What is wrong, in Dutch, each with where: every indicator and item of every questionnaire has exactly one entry;
    /// every entry names an indicator or item that exists; every theme it names exists; a "sameAs" points to an item of
    /// an earlier version of a questionnaire, of the same type, that is itself in the codebook.
    /// </summary>
    public IReadOnlyList<string> Check(IReadOnlyCollection<SurveyDefinition> definitions)
    {
        var errors = new List<string>();
        var themes = Themes.Select(t => t.Id).ToHashSet(StringComparer.Ordinal);
        foreach (var duplicate in Themes.GroupBy(t => t.Id).Where(g => g.Count() > 1)) errors.Add($"Thema '{duplicate.Key}' staat er meer dan eens in.");
        foreach (var theme in Themes.Where(t => string.IsNullOrWhiteSpace(t.Name) || string.IsNullOrWhiteSpace(t.Description)))
            errors.Add($"Thema '{theme.Id}': naam en omschrijving zijn verplicht.");

        var indicators = definitions.SelectMany(d => d.Indicators.Select(i => i.Id)).ToHashSet(StringComparer.Ordinal);
        foreach (var missing in indicators.Where(i => Indicators.Count(x => x.Indicator == i) != 1)) errors.Add($"Indicator '{missing}' moet precies één keer in het codeboek staan.");
        foreach (var entry in Indicators)
        {
            if (!indicators.Contains(entry.Indicator)) errors.Add($"Indicator '{entry.Indicator}' bestaat in geen vragenlijst.");
            errors.AddRange(entry.Themes.Where(t => !themes.Contains(t)).Select(t => $"Indicator '{entry.Indicator}': thema '{t}' bestaat niet."));
        }

        var items = definitions.SelectMany(d => d.Sections.SelectMany(s => s.Items).Select(i => (Key: new CodebookItemRef(d.Id, d.Version, i.Id), i.Type))).ToDictionary(x => x.Key, x => x.Type);
        foreach (var item in items.Keys.Where(k => Items.Count(e => Ref(e) == k) != 1))
            errors.Add($"Vraag '{item.Item}' van {item.Questionnaire} versie {item.Version} moet precies één keer in het codeboek staan.");
        foreach (var entry in Items)
        {
            var where = $"Vraag '{entry.Item}' van {entry.Questionnaire} versie {entry.Version}";
            if (!items.TryGetValue(Ref(entry), out var type)) { errors.Add($"{where} bestaat niet."); continue; }
            errors.AddRange(entry.Themes.Where(t => !themes.Contains(t)).Select(t => $"{where}: thema '{t}' bestaat niet."));
            if (entry.SameAs is not { } same) continue;
            if (same.Questionnaire != entry.Questionnaire || same.Version >= entry.Version)
                errors.Add($"{where}: 'sameAs' moet naar een eerdere versie van dezelfde vragenlijst wijzen.");
            else if (!items.TryGetValue(same, out var earlierType) || !Items.Any(e => Ref(e) == same))
                errors.Add($"{where}: 'sameAs' wijst naar '{same.Item}' van versie {same.Version}, maar die vraag staat niet in het codeboek.");
            else if (earlierType != type)
                errors.Add($"{where}: 'sameAs' wijst naar een vraag van een ander soort; dan is het niet dezelfde vraag.");
        }
        return errors;
    }

    private static CodebookItemRef Ref(CodebookItem e) => new(e.Questionnaire, e.Version, e.Item);
}
