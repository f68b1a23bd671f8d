using Ervaring.Core.Surveys;

namespace Ervaring.Functions.Surveys;

/// <summary>
/// Every questionnaire version in <c>survey-definitions/</c>, loaded and validated once at start-up.
/// A malformed definition stops the app with the loader's list of problems (file, JSON path, what is wrong):
/// better no app than a survey that asks the wrong thing.
/// </summary>
public sealed class SurveyDefinitionCatalog
{
    public const string PathKey = "Ervaring:SurveyDefinitionsPath";

    private readonly Dictionary<(string Id, int Version), SurveyDefinition> _byKey;

    public SurveyDefinitionCatalog(IReadOnlyList<SurveyDefinition> definitions)
    {
        _byKey = definitions.ToDictionary(d => (d.Id, d.Version));
    }

    public IReadOnlyCollection<SurveyDefinition> All => _byKey.Values;

    public SurveyDefinition? Find(string id, int version) => _byKey.GetValueOrDefault((id, version));

    /// <summary>The highest version of a definition id, for new waves.</summary>
    public SurveyDefinition? Latest(string id) =>
        _byKey.Values.Where(d => d.Id == id).MaxBy(d => d.Version);

    public static SurveyDefinitionCatalog Load(IConfiguration configuration)
    {
        var folder = configuration[PathKey] is { Length: > 0 } configured
            ? configured
            : Path.Combine(AppContext.BaseDirectory, "survey-definitions");
        return new SurveyDefinitionCatalog(SurveyDefinitionLoader.LoadDirectory(folder));
    }
}

public static class SurveyDefinitionRegistration
{
    public static WebApplicationBuilder AddSurveyDefinitions(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton(SurveyDefinitionCatalog.Load(builder.Configuration));
        return builder;
    }
}
