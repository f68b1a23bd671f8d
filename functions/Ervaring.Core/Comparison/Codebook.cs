using System.Text.Json;
using System.Text.Json.Serialization;
using Ervaring.Core.Surveys;
using Ervaring.Core.Waves;

namespace Ervaring.Core.Comparison;

/// <summary>A theme of the national model questionnaire for youth care: our own identifier and our own words.</summary>
public sealed record CodebookTheme(string Id, string Name, string Description);

/// <summary>
/// An indicator of ours, the themes it covers, and <see cref="SameIn"/>: per questionnaire, the versions in which it is
/// defined identically (same items, same scoring), so its figures may be compared across those versions. A version in
/// no group is compared with no other version.
/// </summary>
public sealed record CodebookIndicator(string Indicator, IReadOnlyList<string> Themes, IReadOnlyList<CodebookVersions>? SameIn = null);

/// <summary>Versions of one questionnaire in which an indicator is the same.</summary>
public sealed record CodebookVersions(string Questionnaire, IReadOnlyList<int> Versions);

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
            foreach (var group in entry.SameIn ?? [])
                foreach (var version in group.Versions)
                {
                    if (!definitions.Any(d => d.Id == group.Questionnaire && d.Version == version && d.Indicators.Any(i => i.Id == entry.Indicator)))
                        errors.Add($"Indicator '{entry.Indicator}': 'sameIn' noemt versie {version} van {group.Questionnaire}, maar daar bestaat deze indicator niet.");
                    if ((entry.SameIn ?? []).Count(g => g.Questionnaire == group.Questionnaire && g.Versions.Contains(version)) > 1 || group.Versions.Count(v => v == version) > 1)
                        errors.Add($"Indicator '{entry.Indicator}': versie {version} van {group.Questionnaire} staat meer dan eens in 'sameIn'.");
                }
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

    /// <summary>
    /// Whether a figure of one questionnaire version may be set beside the same figure of another (trends, targets):
    /// the same questionnaire and version, or for an item a chain of "sameAs" to a common earlier item, or for an
    /// indicator both versions in one "sameIn" group. Anything the codebook does not state is not the same.
    /// </summary>
    /// <param name="measureType"><c>indicator</c> or <c>vraag</c> (as in the estimate tables).</param>
    public bool Same(string measureType, string measure, DefinitionRef earlier, DefinitionRef later)
    {
        if (earlier.Id != later.Id) return false;
        if (earlier.Version == later.Version) return true;
        if (measureType == Reports.MeasureTypes.Indicator)
            return Indicators.FirstOrDefault(i => i.Indicator == measure)?.SameIn?
                .Any(g => g.Questionnaire == later.Id && g.Versions.Contains(earlier.Version) && g.Versions.Contains(later.Version)) == true;
        var first = Root(new CodebookItemRef(earlier.Id, earlier.Version, measure));
        return first is not null && first == Root(new CodebookItemRef(later.Id, later.Version, measure));
    }

    /// <summary>The earliest item a chain of "sameAs" leads to (the item itself without one); null when not in the codebook.</summary>
    private CodebookItemRef? Root(CodebookItemRef item)
    {
        for (var steps = 0; steps <= Items.Count; steps++)
        {
            var entry = Items.FirstOrDefault(e => Ref(e) == item);
            if (entry is null) return null;
            if (entry.SameAs is not { } earlier) return item;
            item = earlier;
        }
        return null; // a loop: "sameAs" always points to an earlier version, so Check refuses this codebook
    }
}
