using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace Ervaring.Core.Surveys;

/// <summary>
/// Reads survey definitions (format: <c>survey-definitions/schema.json</c>, docs/survey-definitions.md).
/// A file is deserialized strictly into the records of <c>SurveyDefinitionJson.cs</c> (unknown or duplicate
/// properties, wrong JSON types and missing required properties are refused), then checked by
/// <see cref="SurveyDefinitionRules"/>, then turned into a <see cref="SurveyDefinition"/>.
/// <see cref="Parse(string, string)"/> is pure; <see cref="LoadDirectory"/> is the one method that reads files.
/// </summary>
public static partial class SurveyDefinitionLoader
{
    public const string BaseLanguage = "nl";

    /// <summary>The JSON Schema next to the definitions; <see cref="LoadDirectory"/> skips it.</summary>
    public const string SchemaFileName = "schema.json";

    private static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        PropertyNameCaseInsensitive = false,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        AllowDuplicateProperties = false,
        RespectNullableAnnotations = true,
        RespectRequiredConstructorParameters = true,
        NumberHandling = JsonNumberHandling.Strict,
        ReadCommentHandling = JsonCommentHandling.Disallow,
        AllowTrailingCommas = false,
        TypeInfoResolver = new DefaultJsonTypeInfoResolver(),
    };

    /// <summary>Parses and validates one definition; throws <see cref="SurveyDefinitionException"/> listing every problem.</summary>
    public static SurveyDefinition Parse(string json, string fileName)
    {
        var (definition, problems) = TryParse(json, fileName);
        return problems.Count > 0 || definition is null ? throw new SurveyDefinitionException(problems) : definition;
    }

    /// <summary>Reads the stream as UTF-8 and parses it; see <see cref="Parse(string, string)"/>.</summary>
    public static SurveyDefinition Parse(Stream utf8Json, string fileName)
    {
        using var reader = new StreamReader(utf8Json, Encoding.UTF8, detectEncodingFromByteOrderMarks: true, leaveOpen: true);
        return Parse(reader.ReadToEnd(), fileName);
    }

    /// <summary>
    /// Parses and validates one definition without throwing; the definition is null when there are problems.
    /// A file that is not JSON, or does not have the format's shape, gives one problem (the first place where it
    /// goes wrong); a file of the right shape gives every problem the rules find.
    /// </summary>
    public static (SurveyDefinition? Definition, IReadOnlyList<SurveyDefinitionProblem> Problems) TryParse(string json, string fileName) =>
        TryParse(json, fileName, new Dictionary<string, (string File, string Json)>());

    /// <summary>
    /// As <see cref="TryParse(string, string)"/>, with translations from their own files (language → file name and
    /// text), each as if it stood under <c>translations</c>; their problems name their own file.
    /// </summary>
    public static (SurveyDefinition? Definition, IReadOnlyList<SurveyDefinitionProblem> Problems) TryParse(
        string json, string fileName, IReadOnlyDictionary<string, (string File, string Json)> translationFiles)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json);
        }
        catch (JsonException ex)
        {
            var reason = ex.Message;
            var cut = reason.IndexOf(" LineNumber:", StringComparison.Ordinal);
            if (cut >= 0)
            {
                reason = reason[..cut];
            }
            return (null, [new(fileName, "$", $"invalid JSON at line {(ex.LineNumber ?? 0) + 1}, position {(ex.BytePositionInLine ?? 0) + 1}: {reason}")]);
        }

        using (document)
        {
            DefinitionJson? raw;
            try
            {
                raw = JsonSerializer.Deserialize<DefinitionJson>(json, Options);
            }
            catch (JsonException ex)
            {
                return (null, Explain(ex, document.RootElement, fileName));
            }
            if (raw is null)
            {
                return (null, [new(fileName, "$", "expected a JSON object, found null")]);
            }

            var fileProblems = new List<SurveyDefinitionProblem>();
            var translations = new Dictionary<string, TranslationJson?>(raw.Translations ?? new Dictionary<string, TranslationJson?>(), StringComparer.Ordinal);
            foreach (var (language, (file, text)) in translationFiles)
            {
                var (translation, problem) = ParseTranslation(text, file);
                if (problem is not null) fileProblems.Add(problem);
                else if (!translations.TryAdd(language, translation)) fileProblems.Add(new(file, "$", $"language '{language}' is also translated inside {fileName}; keep one of the two"));
            }
            if (fileProblems.Count > 0) return (null, fileProblems);
            var merged = translationFiles.Count == 0 ? raw : raw with { Translations = translations };

            var problems = SurveyDefinitionRules.Check(merged, fileName, translationFiles.ToDictionary(t => t.Key, t => t.Value.File));
            return problems.Count > 0 ? (null, problems) : (Build(merged), problems);
        }
    }

    /// <summary>
    /// Loads every <c>*.json</c> file in <paramref name="directory"/> (not recursive) except <see cref="SchemaFileName"/>,
    /// ordered by id and version. File names must be <c>{id}.v{version}.json</c>; (id, version) pairs must be unique.
    /// Problems of all files are reported together in one <see cref="SurveyDefinitionException"/>.
    /// </summary>
    public static IReadOnlyList<SurveyDefinition> LoadDirectory(string directory)
    {
        if (!Directory.Exists(directory))
        {
            throw new SurveyDefinitionException([new(directory, "$", "directory does not exist")]);
        }

        var files = Directory.GetFiles(directory, "*.json")
            .Where(f => Path.GetFileName(f) != SchemaFileName && TranslationFileName(Path.GetFileName(f)) is null)
            .Order(StringComparer.Ordinal)
            .ToArray();
        var problems = new List<SurveyDefinitionProblem>();
        var loaded = new List<(SurveyDefinition Definition, string File)>();
        if (files.Length == 0)
        {
            problems.Add(new(directory, "$", "no *.json survey definitions found"));
        }

        foreach (var path in files)
        {
            var fileName = Path.GetFileName(path);
            var id = fileName.Split('.')[0];
            var version = TranslationFileVersion(fileName);
            var translationFiles = version is { } v ? TranslationFiles(directory, id, v) : [];
            var (definition, fileProblems) = TryParse(File.ReadAllText(path, Encoding.UTF8), fileName, translationFiles);
            problems.AddRange(fileProblems);
            if (definition is null)
            {
                continue;
            }

            var expected = $"{definition.Id}.v{definition.Version}.json";
            if (!string.Equals(fileName, expected, StringComparison.Ordinal))
            {
                problems.Add(new(fileName, "$", $"file name must be '{expected}' to match id '{definition.Id}' and version {definition.Version}"));
            }

            var duplicate = loaded.FirstOrDefault(l => l.Definition.Id == definition.Id && l.Definition.Version == definition.Version);
            if (duplicate.Definition is not null)
            {
                problems.Add(new(fileName, "$.version", $"id '{definition.Id}' version {definition.Version} is already defined in '{duplicate.File}'"));
                continue;
            }

            loaded.Add((definition, fileName));
        }

        // A translation file whose definition is not in the folder would be silently ignored: refuse it.
        foreach (var path in Directory.GetFiles(directory, "*.json"))
        {
            if (TranslationFileName(Path.GetFileName(path)) is { } t && !files.Any(f => Path.GetFileName(f) == $"{t.Id}.v{t.Version}.json"))
            {
                problems.Add(new(Path.GetFileName(path), "$", $"translation of '{t.Id}' version {t.Version}, but '{t.Id}.v{t.Version}.json' is not in the folder"));
            }
        }

        if (problems.Count > 0)
        {
            throw new SurveyDefinitionException(problems);
        }

        return loaded.Select(l => l.Definition).OrderBy(d => d.Id, StringComparer.Ordinal).ThenBy(d => d.Version).ToArray();
    }

    // ---- the checked file → the model (texts trimmed; ids, codes and words are exact) ------------------------

    private static SurveyDefinition Build(DefinitionJson d) => new(
        d.Id,
        d.Version,
        SurveyDefinitionFormat.Audiences[d.Audience],
        d.Title.Trim(),
        d.Intro.Trim(),
        d.Indicators.Select(i => new SurveyIndicator(i!.Id, i.Label.Trim(), SurveyDefinitionFormat.PositiveRules[i.Positive])).ToArray(),
        d.Sections.Select(s => new SurveySection(s!.Id, s.Title.Trim(), s.Items.Select(i => BuildItem(i!)).ToArray())).ToArray(),
        (d.Translations ?? new Dictionary<string, TranslationJson?>()).ToDictionary(
            t => t.Key,
            t => new SurveyTranslation(
                t.Key,
                t.Value!.Title?.Trim(),
                t.Value.Intro?.Trim(),
                Texts(t.Value.Indicators),
                Texts(t.Value.Sections),
                (t.Value.Items ?? new Dictionary<string, ItemTranslationJson?>()).ToDictionary(
                    i => i.Key,
                    i => new ItemTranslation(i.Value!.Text?.Trim(), i.Value.Help?.Trim(), Texts(i.Value.Options)) { Unit = i.Value.Unit?.Trim() },
                    StringComparer.Ordinal),
                Texts(t.Value.AgreementScale))
            {
                RightToLeft = t.Value.Direction == "rtl",
                Page = Texts(t.Value.Page),
            },
            StringComparer.Ordinal));

    private static SurveyItem BuildItem(ItemJson i)
    {
        var type = SurveyDefinitionFormat.ItemTypes[i.Type];
        return new SurveyItem(
            i.Id,
            type,
            i.Text.Trim(),
            i.Help?.Trim(),
            i.Required ?? false,
            type switch
            {
                ItemType.Agreement => AgreementScale.Options,
                ItemType.Number => NumberAnswer.Options,
                _ => (i.Options ?? []).Select(o => new SurveyOption(o!.Code, o.Label.Trim(), o.Positive ?? false, o.NotApplicable ?? false)).ToArray(),
            },
            i.Indicator,
            i.ShowIf is { } s ? new ShowIf(s.Item, s.AnyOf.Select(c => c!).ToArray()) : null)
        {
            Range = type == ItemType.Number ? new NumberRange(i.Min!.Value, i.Max!.Value) : null,
            Unit = i.Unit?.Trim(),
            AskWhen = i.AskWhen is { } a ? new AskWhen(Codes(a.CareTypes), Codes(a.NotCareTypes), Codes(a.AgeGroups)) : null,
        };
    }

    private static string[]? Codes(IReadOnlyList<string?>? codes) => codes?.Select(c => c!).ToArray();

    private static Dictionary<string, string> Texts(IReadOnlyDictionary<string, string?>? texts) =>
        (texts ?? new Dictionary<string, string?>()).ToDictionary(e => e.Key, e => e.Value!.Trim(), StringComparer.Ordinal);

    // ---- System.Text.Json's refusal → the loader's words ------------------------------------------------------

    /// <summary>
    /// Turns the serializer's <see cref="JsonException"/> into problems at the same JSON path: the exception says where
    /// (its <see cref="JsonException.Path"/>), the document and the records' metadata say what is there and what was
    /// expected. The serializer's English text is used only for a case this does not recognise.
    /// </summary>
    private static IReadOnlyList<SurveyDefinitionProblem> Explain(JsonException ex, JsonElement root, string file, Type? rootType = null)
    {
        JsonElement? element = root, parent = null;
        JsonTypeInfo? type = Options.GetTypeInfo(rootType ?? typeof(DefinitionJson)), parentType = null;
        var path = "$";
        object? last = null;
        foreach (var segment in PathSegments(ex.Path ?? "$"))
        {
            (parent, parentType, last) = (element, type, segment);
            if (segment is int index)
            {
                element = element is { ValueKind: JsonValueKind.Array } array && index < array.GetArrayLength() ? array[index] : null;
                path = $"{path}[{index}]";
            }
            else
            {
                var name = (string)segment;
                element = element is { ValueKind: JsonValueKind.Object } obj && obj.TryGetProperty(name, out var value) ? value : null;
                path = SurveyDefinitionFormat.Child(path, name);
            }
            type = type is null ? null : Member(type, segment);
        }

        SurveyDefinitionProblem At(string at, string message) => new(file, at, message);

        if (last is string property && parentType is { Kind: JsonTypeInfoKind.Object } owner && owner.Properties.All(p => p.Name != property))
        {
            return [At(path, $"unknown property '{property}' (allowed: {string.Join(", ", owner.Properties.Select(p => p.Name))})")];
        }
        if (last is string key && parent is { ValueKind: JsonValueKind.Object } container
            && container.EnumerateObject().Count(p => p.NameEquals(key)) > 1)
        {
            return [At(path, $"duplicate property '{key}'")];
        }
        if (last is string missing && parentType is { Kind: JsonTypeInfoKind.Object } && element is null or { ValueKind: JsonValueKind.Null })
        {
            return [At(path, $"required property '{missing}' is missing")];
        }
        if (element is { ValueKind: JsonValueKind.Object } found && type is { Kind: JsonTypeInfoKind.Object })
        {
            var absent = type.Properties
                .Where(p => p.IsRequired && (!found.TryGetProperty(p.Name, out var v) || v.ValueKind == JsonValueKind.Null))
                .Select(p => At(SurveyDefinitionFormat.Child(path, p.Name), $"required property '{p.Name}' is missing"))
                .ToArray();
            if (absent.Length > 0)
            {
                return absent;
            }
        }
        else if (element is { } actual && type is not null)
        {
            return [At(path, $"{Expected(type, path)}, found {Describe(actual)}")];
        }

        var reason = ex.Message;
        var cut = reason.IndexOf(" Path:", StringComparison.Ordinal);
        return [At(path, cut >= 0 ? reason[..cut] : reason)];
    }

    private static JsonTypeInfo? Member(JsonTypeInfo type, object segment)
    {
        var member = (type.Kind, segment) switch
        {
            (JsonTypeInfoKind.Object, string name) => type.Properties.FirstOrDefault(p => p.Name == name)?.PropertyType,
            (JsonTypeInfoKind.Dictionary, string) or (JsonTypeInfoKind.Enumerable, int) => type.ElementType,
            _ => null,
        };
        return member is null ? null : Options.GetTypeInfo(Nullable.GetUnderlyingType(member) ?? member);
    }

    private static string Expected(JsonTypeInfo type, string path) => type.Kind switch
    {
        JsonTypeInfoKind.Object or JsonTypeInfoKind.Dictionary => "expected a JSON object",
        JsonTypeInfoKind.Enumerable => "expected an array",
        _ when type.Type == typeof(string) => "must be a text (string)",
        _ when type.Type == typeof(bool) => "must be true or false",
        _ when type.Type == typeof(int) && path == "$.version" => SurveyDefinitionFormat.WholeNumberOfOneOrMore,
        _ when type.Type == typeof(int) => "must be a whole number",
        _ => $"expected {type.Type.Name}",
    };

    /// <summary>The segments of a System.Text.Json path: <c>$.a[0]['b c']</c> → "a", 0, "b c".</summary>
    private static IEnumerable<object> PathSegments(string path)
    {
        var i = path.StartsWith('$') ? 1 : 0;
        while (i < path.Length)
        {
            if (path[i] == '.')
            {
                var end = path.IndexOfAny(['.', '['], i + 1);
                end = end < 0 ? path.Length : end;
                yield return path[(i + 1)..end];
                i = end;
            }
            else if (path.AsSpan(i).StartsWith("['"))
            {
                var name = new StringBuilder();
                for (i += 2; i < path.Length && !(path[i] == '\'' && i + 1 < path.Length && path[i + 1] == ']'); i++)
                {
                    if (path[i] == '\\' && i + 1 < path.Length)
                    {
                        i++;
                    }
                    name.Append(path[i]);
                }
                yield return name.ToString();
                i += 2;
            }
            else if (path[i] == '[')
            {
                var end = path.IndexOf(']', i);
                end = end < 0 ? path.Length : end;
                yield return int.Parse(path.AsSpan(i + 1, end - i - 1), System.Globalization.CultureInfo.InvariantCulture);
                i = end + 1;
            }
            else
            {
                yield break;
            }
        }
    }

    private static string Describe(JsonElement e)
    {
        var kind = e.ValueKind switch
        {
            JsonValueKind.Object => "an object",
            JsonValueKind.Array => "an array",
            JsonValueKind.String => "a string",
            JsonValueKind.Number => "a number",
            JsonValueKind.True or JsonValueKind.False => "a boolean",
            _ => "null",
        };
        if (e.ValueKind is JsonValueKind.Object or JsonValueKind.Array or JsonValueKind.Null)
        {
            return kind;
        }
        var raw = e.GetRawText();
        return $"{kind} {(raw.Length > 40 ? raw[..37] + "..." : raw)}";
    }
}
