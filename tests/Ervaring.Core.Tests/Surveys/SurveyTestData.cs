using System.Text.Json.Nodes;
using Ervaring.Core.Surveys;

namespace Ervaring.Core.Tests.Surveys;

internal static class SurveyTestData
{
    public const string FileName = "test.json";

    /// <summary>A small but complete definition that every malformation test starts from.</summary>
    public const string MinimalJson = """
        {
          "id": "test-def",
          "version": 1,
          "audience": "ouders",
          "title": "Test",
          "intro": "Welkom.",
          "indicators": [
            { "id": "toegang", "label": "Toegang", "positive": "agree" },
            { "id": "rapportcijfer", "label": "Cijfer", "positive": "mark" }
          ],
          "sections": [
            {
              "id": "s1",
              "title": "Deel 1",
              "items": [
                { "id": "q1", "type": "agreement", "text": "Vraag 1", "indicator": "toegang", "required": true },
                { "id": "gestopt", "type": "single", "text": "Gestopt?", "options": [ { "code": "ja", "label": "Ja" }, { "code": "nee", "label": "Nee" } ] },
                { "id": "vervolg", "type": "agreement", "text": "Vervolg", "indicator": "toegang", "showIf": { "item": "gestopt", "equals": [ "ja" ] } },
                { "id": "cijfer", "type": "mark", "text": "Cijfer", "indicator": "rapportcijfer" },
                { "id": "plek", "type": "multiple", "text": "Waar?", "options": [ { "code": "thuis", "label": "Thuis" }, { "code": "school", "label": "School" } ] },
                { "id": "opmerking", "type": "open", "text": "Opmerking" }
              ]
            }
          ],
          "translations": {
            "en": { "title": "Test", "items": { "q1": { "text": "Question 1" } } }
          }
        }
        """;

    public static JsonObject Minimal() => JsonNode.Parse(MinimalJson)!.AsObject();

    public static JsonObject Item(JsonObject root, int index) => root["sections"]![0]!["items"]![index]!.AsObject();

    public static SurveyDefinition MinimalDefinition() => SurveyDefinitionLoader.Parse(MinimalJson, FileName);

    public static string RepositoryRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Ervaring.sln")))
        {
            dir = dir.Parent;
        }
        return dir?.FullName ?? throw new InvalidOperationException("Ervaring.sln not found above " + AppContext.BaseDirectory);
    }

    public static string DefinitionsDirectory() => Path.Combine(RepositoryRoot(), "survey-definitions");

    public static Dictionary<string, IReadOnlyList<string>> Answers(params (string Item, string[] Values)[] answers) =>
        answers.ToDictionary(a => a.Item, a => (IReadOnlyList<string>)a.Values);
}
