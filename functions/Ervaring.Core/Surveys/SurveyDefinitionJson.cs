using System.Text.Json.Serialization;
using System.Text.RegularExpressions;
using Ervaring.Core.Sampling;

namespace Ervaring.Core.Surveys;

// The questionnaire file exactly as written; survey-definitions/schema.json describes the same shape for editors.
// SurveyDefinitionLoader deserializes strictly into these records (unknown and duplicate properties refused,
// `required` members must be present and not null; every other member may be absent or null, which counts as absent);
// SurveyDefinitionRules checks what a type cannot say; then the loader builds the public SurveyDefinition.
// Enum-like words (audience, type, positive) stay strings here so that the rules can report every wrong word at once.

/// <summary>The format's fixed words, patterns and JSON paths, shared by the loader and the rules.</summary>
internal static partial class SurveyDefinitionFormat
{
    /// <summary>The one number in the format is <c>version</c>; a type error there and the rule share these words.</summary>
    public const string WholeNumberOfOneOrMore = "must be a whole number of 1 or more";

    // The patterns of schema.json. \z rather than $: .NET's $ also matches before a final newline, ECMA-262's does not.
    [GeneratedRegex(@"^[a-z][a-z0-9_]*\z")]
    public static partial Regex IdPattern();

    [GeneratedRegex(@"^[a-z][a-z0-9]*(-[a-z0-9]+)*\z")]
    public static partial Regex DefinitionIdPattern();

    [GeneratedRegex(@"^[a-z0-9][a-z0-9_]*\z")]
    public static partial Regex OptionCodePattern();

    [GeneratedRegex(@"^[a-z]{2,3}\z")]
    public static partial Regex LanguagePattern();

    public static readonly IReadOnlyDictionary<string, Audience> Audiences =
        new Dictionary<string, Audience> { [Sampling.Audiences.OudersName] = Audience.Ouders, [Sampling.Audiences.JongerenName] = Audience.Jongeren };

    public static readonly IReadOnlyDictionary<string, PositiveRule> PositiveRules =
        new Dictionary<string, PositiveRule> { ["agree"] = PositiveRule.Agree, ["mark"] = PositiveRule.Mark };

    public static readonly IReadOnlyDictionary<string, ItemType> ItemTypes = new Dictionary<string, ItemType>
    {
        ["agreement"] = ItemType.Agreement,
        ["single"] = ItemType.Single,
        ["multiple"] = ItemType.Multiple,
        ["mark"] = ItemType.Mark,
        ["open"] = ItemType.Open,
        ["number"] = ItemType.Number,
    };

    /// <summary>The bounds a number item's <c>min</c> and <c>max</c> must lie within.</summary>
    public const int LargestNumber = 1000;

    /// <summary>The JSON path of a property: <c>$.a.b</c>, or <c>$.a['x y']</c> for a key that is not a plain name.</summary>
    public static string Child(string path, string key) =>
        key.Length > 0 && (char.IsAsciiLetter(key[0]) || key[0] == '_') && key.All(c => char.IsAsciiLetterOrDigit(c) || c == '_')
            ? $"{path}.{key}"
            : $"{path}['{key.Replace("'", "\\'", StringComparison.Ordinal)}']";
}

internal sealed record DefinitionJson
{
    /// <summary>The editor's pointer to the schema (<c>./schema.json</c>); ignored by the loader.</summary>
    [JsonPropertyName("$schema")]
    public string? Schema { get; init; }

    public required string Id { get; init; }
    public required int Version { get; init; }
    public required string Audience { get; init; }
    public required string Title { get; init; }
    public required string Intro { get; init; }
    public required IReadOnlyList<IndicatorJson?> Indicators { get; init; }
    public required IReadOnlyList<SectionJson?> Sections { get; init; }
    public IReadOnlyDictionary<string, TranslationJson?>? Translations { get; init; }
}

internal sealed record IndicatorJson
{
    public required string Id { get; init; }
    public required string Label { get; init; }
    public required string Positive { get; init; }
}

internal sealed record SectionJson
{
    public required string Id { get; init; }
    public required string Title { get; init; }
    public required IReadOnlyList<ItemJson?> Items { get; init; }
}

internal sealed record ItemJson
{
    public required string Id { get; init; }
    public required string Type { get; init; }
    public required string Text { get; init; }
    public string? Help { get; init; }
    public bool? Required { get; init; }
    public IReadOnlyList<OptionJson?>? Options { get; init; }
    public string? Indicator { get; init; }
    public ShowIfJson? ShowIf { get; init; }
    public int? Min { get; init; }
    public int? Max { get; init; }
    public string? Unit { get; init; }
    public AskWhenJson? AskWhen { get; init; }
}

internal sealed record AskWhenJson
{
    public IReadOnlyList<string?>? CareTypes { get; init; }
    public IReadOnlyList<string?>? NotCareTypes { get; init; }
    public IReadOnlyList<string?>? AgeGroups { get; init; }
}

internal sealed record OptionJson
{
    public required string Code { get; init; }
    public required string Label { get; init; }
    public bool? Positive { get; init; }
    public bool? NotApplicable { get; init; }
}

internal sealed record ShowIfJson
{
    public required string Item { get; init; }

    [JsonPropertyName("equals")]
    public required IReadOnlyList<string?> AnyOf { get; init; }
}

internal sealed record TranslationJson
{
    /// <summary>Lets a translation file point an editor to the schema; ignored.</summary>
    [JsonPropertyName("$schema")]
    public string? Schema { get; init; }

    /// <summary>"ltr" (default) or "rtl" (Arabic): the page's writing direction.</summary>
    public string? Direction { get; init; }
    public IReadOnlyDictionary<string, string?>? Page { get; init; }
    public string? Title { get; init; }
    public string? Intro { get; init; }
    public IReadOnlyDictionary<string, string?>? Indicators { get; init; }
    public IReadOnlyDictionary<string, string?>? Sections { get; init; }
    public IReadOnlyDictionary<string, ItemTranslationJson?>? Items { get; init; }
    public IReadOnlyDictionary<string, string?>? AgreementScale { get; init; }
}

internal sealed record ItemTranslationJson
{
    public string? Text { get; init; }
    public string? Help { get; init; }
    public string? Unit { get; init; }
    public IReadOnlyDictionary<string, string?>? Options { get; init; }
}
