using System.Text;
using System.Text.Json;

namespace Ervaring.Core.Surveys;

// Translation files ({id}.v{version}.{language}.json next to the definition, docs/survey-definitions.md): reading them,
// finding them, and merging them into the text a wave snapshots.
public static partial class SurveyDefinitionLoader
{
    /// <summary>A translation file: the same object as one language under <c>translations</c>, strictly read.</summary>
    private static (TranslationJson? Translation, SurveyDefinitionProblem? Problem) ParseTranslation(string json, string file)
    {
        try
        {
            using var document = JsonDocument.Parse(json);
            try
            {
                return JsonSerializer.Deserialize<TranslationJson>(json, Options) is { } translation
                    ? (translation, null)
                    : (null, new(file, "$", "expected a translation object, found null"));
            }
            catch (JsonException ex)
            {
                return (null, Explain(ex, document.RootElement, file, typeof(TranslationJson))[0]);
            }
        }
        catch (JsonException ex)
        {
            return (null, new(file, "$", $"invalid JSON at line {(ex.LineNumber ?? 0) + 1}: {ex.Message.Split(" LineNumber:")[0]}"));
        }
    }

    /// <summary>A translation file's name, <c>{id}.v{version}.{language}.json</c>, taken apart; null for any other name.</summary>
    public static (string Id, int Version, string Language)? TranslationFileName(string fileName)
    {
        var match = TranslationFilePattern().Match(fileName);
        return match.Success
            ? (match.Groups["id"].Value, int.Parse(match.Groups["version"].Value, System.Globalization.CultureInfo.InvariantCulture), match.Groups["language"].Value)
            : null;
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"^(?<id>[a-z][a-z0-9]*(-[a-z0-9]+)*)\.v(?<version>[0-9]{1,9})\.(?<language>[a-z]{2,3})\.json\z")]
    private static partial System.Text.RegularExpressions.Regex TranslationFilePattern();

    /// <summary>
    /// The text a wave snapshots: the definition file as written, with its translation files (if any) merged in under
    /// <c>translations</c>, so the snapshot alone holds every language. Without translation files it is the file byte
    /// for byte (version 1 waves snapshot exactly what they always did).
    /// </summary>
    public static string SnapshotJson(string directory, string id, int version)
    {
        var text = File.ReadAllText(Path.Combine(directory, $"{id}.v{version}.json"), Encoding.UTF8);
        var files = TranslationFiles(directory, id, version);
        if (files.Count == 0) return text;
        var root = System.Text.Json.Nodes.JsonNode.Parse(text)!.AsObject();
        var translations = root["translations"] as System.Text.Json.Nodes.JsonObject ?? [];
        root["translations"] = translations;
        foreach (var (language, (_, json)) in files.OrderBy(f => f.Key, StringComparer.Ordinal))
        {
            var translation = System.Text.Json.Nodes.JsonNode.Parse(json)!.AsObject();
            translation.Remove("$schema");
            translations[language] = translation;
        }
        return root.ToJsonString(new JsonSerializerOptions { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
    }

    private static Dictionary<string, (string File, string Json)> TranslationFiles(string directory, string id, int version) =>
        Directory.GetFiles(directory, $"{id}.v{version}.*.json")
            .Select(path => (Path: path, Name: TranslationFileName(Path.GetFileName(path))))
            .Where(f => f.Name is { } n && n.Id == id && n.Version == version)
            .ToDictionary(f => f.Name!.Value.Language, f => (Path.GetFileName(f.Path), File.ReadAllText(f.Path, Encoding.UTF8)), StringComparer.Ordinal);

    /// <summary>The version in a definition file name <c>{id}.v{version}.json</c>; null when the name has another form.</summary>
    private static int? TranslationFileVersion(string fileName)
    {
        var parts = fileName.Split('.');
        return parts.Length == 3 && parts[1].StartsWith('v') && int.TryParse(parts[1][1..], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var v) ? v : null;
    }
}
