using Ervaring.Core.Comparison;
using Ervaring.Core.Surveys;
using Ervaring.Functions.Hosting.Settings;

namespace Ervaring.Functions.Surveys;

/// <summary>
/// Every questionnaire version in <c>survey-definitions/</c>, loaded and validated once at start-up.
/// A malformed definition stops the app with the loader's list of problems (file, JSON path, what is wrong):
/// better no app than a survey that asks the wrong thing.
/// </summary>
public sealed class SurveyDefinitionCatalog
{
    public const string PathKey = ErvaringSettings.Section + ":" + nameof(ErvaringSettings.SurveyDefinitionsPath);

    private readonly Dictionary<(string Id, int Version), SurveyDefinition> _byKey;
    private readonly Dictionary<(string Id, int Version), string> _rawJson;

    public SurveyDefinitionCatalog(IReadOnlyList<SurveyDefinition> definitions, IReadOnlyDictionary<(string Id, int Version), string> rawJson, Codebook? codebook = null)
    {
        Codebook = codebook;
        _byKey = definitions.ToDictionary(d => (d.Id, d.Version));
        _rawJson = new Dictionary<(string Id, int Version), string>(rawJson);
    }

    /// <summary>The file exactly as written, for the snapshot a wave keeps.</summary>
    public string RawJson(string id, int version) => _rawJson[(id, version)];

    public IReadOnlyCollection<SurveyDefinition> All => _byKey.Values;

    /// <summary>
    /// The codebook (<c>codebook/codebook.json</c> beside the questionnaires): which figures are the same across
    /// versions, for trends and the "nieuw dit jaar" mark. Null only for a folder without one (then every version is
    /// compared as before issue 16).
    /// </summary>
    public Codebook? Codebook { get; }

    public SurveyDefinition? Find(string id, int version) => _byKey.GetValueOrDefault((id, version));

    /// <summary>
    /// The version a new wave gets when it does not choose one. Decision (docs/survey-definitions.md): version 1 until
    /// version 2's translations have been checked by native speakers; a wave may choose version 2 already.
    /// </summary>
    public const int DefaultVersion = 1;

    /// <summary>The questionnaire a new wave gets: the chosen version, or <see cref="DefaultVersion"/> (the latest when an id has no such version).</summary>
    public SurveyDefinition? ForNewWave(string id, int? version) =>
        version is { } chosen ? Find(id, chosen) : Find(id, DefaultVersion) ?? Latest(id);

    /// <summary>The highest version of a definition id.</summary>
    public SurveyDefinition? Latest(string id) =>
        _byKey.Values.Where(d => d.Id == id).MaxBy(d => d.Version);

    public static SurveyDefinitionCatalog Load(IConfiguration configuration)
    {
        var folder = ErvaringSettings.From(configuration).SurveyDefinitionsPath is { Length: > 0 } configured
            ? configured
            : Path.Combine(AppContext.BaseDirectory, "survey-definitions");
        var definitions = SurveyDefinitionLoader.LoadDirectory(folder);
        // The loader enforces the file name {id}.v{version}.json, so the raw text is found by name.
        // with its translation files merged in, so a wave's snapshot holds every language (v1: the file byte for byte).
        var raw = definitions.ToDictionary(d => (d.Id, d.Version), d => SurveyDefinitionLoader.SnapshotJson(folder, d.Id, d.Version));
        // A codebook that does not fit the questionnaires stops the app too: trends would compare the wrong figures.
        var codebookFile = Path.Combine(folder, "codebook", "codebook.json");
        Codebook? codebook = null;
        if (File.Exists(codebookFile))
        {
            codebook = Codebook.Parse(File.ReadAllText(codebookFile));
            if (codebook.Check(definitions) is { Count: > 0 } errors)
                throw new InvalidOperationException($"{codebookFile}: " + string.Join(" ", errors));
        }
        return new SurveyDefinitionCatalog(definitions, raw, codebook);
    }
}

public static class SurveyDefinitionRegistration
{
    public static IHostApplicationBuilder AddSurveyDefinitions(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton(SurveyDefinitionCatalog.Load(builder.Configuration));
        return builder;
    }
}
