using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Ervaring.Core.Surveys;

/// <summary>
/// Parses and validates survey definitions (format: docs/survey-definitions.md).
/// <see cref="Parse(string, string)"/> is pure; <see cref="LoadDirectory"/> is the one method that reads files.
/// </summary>
public static partial class SurveyDefinitionLoader
{
    public const string BaseLanguage = "nl";

    [GeneratedRegex("^[a-z][a-z0-9_]*$")]
    internal static partial Regex IdPattern();

    [GeneratedRegex("^[a-z][a-z0-9]*(-[a-z0-9]+)*$")]
    private static partial Regex DefinitionIdPattern();

    [GeneratedRegex("^[a-z0-9][a-z0-9_]*$")]
    private static partial Regex OptionCodePattern();

    [GeneratedRegex("^[a-z]{2,3}$")]
    private static partial Regex LanguagePattern();

    [GeneratedRegex("^[A-Za-z_][A-Za-z0-9_]*$")]
    private static partial Regex PlainKeyPattern();

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

    /// <summary>Parses and validates one definition without throwing; the definition is null when there are problems.</summary>
    public static (SurveyDefinition? Definition, IReadOnlyList<SurveyDefinitionProblem> Problems) TryParse(string json, string fileName)
    {
        var parser = new Parser(fileName);
        var definition = parser.Run(json);
        return (parser.Problems.Count == 0 ? definition : null, parser.Problems);
    }

    /// <summary>
    /// Loads every <c>*.json</c> file in <paramref name="directory"/> (not recursive), ordered by id and version.
    /// File names must be <c>{id}.v{version}.json</c>; (id, version) pairs must be unique.
    /// Problems of all files are reported together in one <see cref="SurveyDefinitionException"/>.
    /// </summary>
    public static IReadOnlyList<SurveyDefinition> LoadDirectory(string directory)
    {
        if (!Directory.Exists(directory))
        {
            throw new SurveyDefinitionException([new(directory, "$", "directory does not exist")]);
        }

        var files = Directory.GetFiles(directory, "*.json").Order(StringComparer.Ordinal).ToArray();
        var problems = new List<SurveyDefinitionProblem>();
        var loaded = new List<(SurveyDefinition Definition, string File)>();
        if (files.Length == 0)
        {
            problems.Add(new(directory, "$", "no *.json survey definitions found"));
        }

        foreach (var path in files)
        {
            var fileName = Path.GetFileName(path);
            var (definition, fileProblems) = TryParse(File.ReadAllText(path, Encoding.UTF8), fileName);
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

        if (problems.Count > 0)
        {
            throw new SurveyDefinitionException(problems);
        }

        return loaded.Select(l => l.Definition).OrderBy(d => d.Id, StringComparer.Ordinal).ThenBy(d => d.Version).ToArray();
    }

    internal static string Child(string path, string key) =>
        PlainKeyPattern().IsMatch(key) ? $"{path}.{key}" : $"{path}['{key.Replace("'", "\\'", StringComparison.Ordinal)}']";

    private sealed record RawItem(
        string Path,
        int Index,
        string? Id,
        ItemType? Type,
        string? Text,
        string? Help,
        bool Required,
        List<SurveyOption> Options,
        string? Indicator,
        string? IndicatorPath,
        RawShowIf? ShowIf);

    private sealed record RawShowIf(string Path, string? Item, List<(string Code, string Path)> Codes);

    private sealed class Parser(string file)
    {
        public List<SurveyDefinitionProblem> Problems { get; } = [];

        private void Add(string path, string message) => Problems.Add(new(file, path, message));

        public SurveyDefinition? Run(string json)
        {
            JsonDocument document;
            try
            {
                document = JsonDocument.Parse(json, new JsonDocumentOptions { AllowTrailingCommas = false, CommentHandling = JsonCommentHandling.Disallow });
            }
            catch (JsonException ex)
            {
                var reason = ex.Message;
                var cut = reason.IndexOf(" LineNumber:", StringComparison.Ordinal);
                if (cut >= 0)
                {
                    reason = reason[..cut];
                }
                Add(ex.Path ?? "$", $"invalid JSON at line {(ex.LineNumber ?? 0) + 1}, position {(ex.BytePositionInLine ?? 0) + 1}: {reason}");
                return null;
            }

            using (document)
            {
                return ReadDefinition(document.RootElement);
            }
        }

        private SurveyDefinition? ReadDefinition(JsonElement root)
        {
            const string p = "$";
            if (root.ValueKind != JsonValueKind.Object)
            {
                Add(p, $"expected a JSON object, found {Kind(root)}");
                return null;
            }

            CheckProperties(root, p, "id", "version", "audience", "title", "intro", "indicators", "sections", "translations");

            var id = RequiredString(root, p, "id");
            if (id is not null && !DefinitionIdPattern().IsMatch(id))
            {
                Add(Child(p, "id"), $"'{id}' is not a valid definition id (lower-case letters and digits separated by '-', e.g. 'ceo-jeugd-ouders')");
            }

            int? version = null;
            if (Get(root, p, "version", required: true) is { } v)
            {
                if (v.ValueKind == JsonValueKind.Number && v.TryGetInt32(out var n) && n >= 1)
                {
                    version = n;
                }
                else
                {
                    Add(Child(p, "version"), $"must be a whole number of 1 or more, found {Describe(v)}");
                }
            }

            SurveyAudience? audience = null;
            var audienceText = RequiredString(root, p, "audience");
            if (audienceText is not null)
            {
                audience = audienceText switch
                {
                    "ouders" => SurveyAudience.Ouders,
                    "jongeren" => SurveyAudience.Jongeren,
                    _ => null,
                };
                if (audience is null)
                {
                    Add(Child(p, "audience"), $"unknown audience '{audienceText}' (expected 'ouders' or 'jongeren')");
                }
            }

            var title = RequiredString(root, p, "title");
            var intro = RequiredString(root, p, "intro");
            var indicators = ReadIndicators(root, p);
            var (sections, items) = ReadSections(root, p);
            CrossCheckItems(items, indicators);
            var translations = ReadTranslations(root, p, indicators, sections, items);

            if (Problems.Count > 0 || id is null || version is null || audience is null || title is null || intro is null)
            {
                return null;
            }

            var built = sections.Select(s => new SurveySection(
                s.Id!,
                s.Title!,
                s.Items.Select(i => new SurveyItem(
                    i.Id!,
                    i.Type!.Value,
                    i.Text!,
                    i.Help,
                    i.Required,
                    i.Type == ItemType.Agreement ? AgreementScale.Options : i.Options.ToArray(),
                    i.Indicator,
                    i.ShowIf is null ? null : new ShowIf(i.ShowIf.Item!, i.ShowIf.Codes.Select(c => c.Code).ToArray()))).ToArray())).ToArray();

            return new SurveyDefinition(
                id,
                version.Value,
                audience.Value,
                title,
                intro,
                indicators.Select(i => i.Indicator).ToArray(),
                built,
                translations);
        }

        private List<(SurveyIndicator Indicator, string Path)> ReadIndicators(JsonElement root, string p)
        {
            var result = new List<(SurveyIndicator, string)>();
            var arrayPath = Child(p, "indicators");
            if (Get(root, p, "indicators", required: true) is not { } array)
            {
                return result;
            }
            if (array.ValueKind != JsonValueKind.Array)
            {
                Add(arrayPath, $"expected an array of indicators, found {Kind(array)}");
                return result;
            }
            if (array.GetArrayLength() == 0)
            {
                Add(arrayPath, "at least one indicator is required");
            }

            var index = 0;
            foreach (var element in array.EnumerateArray())
            {
                var ip = $"{arrayPath}[{index++}]";
                if (element.ValueKind != JsonValueKind.Object)
                {
                    Add(ip, $"expected an indicator object, found {Kind(element)}");
                    continue;
                }
                CheckProperties(element, ip, "id", "label", "positive");
                var id = RequiredId(element, ip, "id");
                var label = RequiredString(element, ip, "label");
                var positiveText = RequiredString(element, ip, "positive");
                PositiveRule? positive = positiveText switch
                {
                    null => null,
                    "agree" => PositiveRule.Agree,
                    "mark" => PositiveRule.Mark,
                    _ => null,
                };
                if (positiveText is not null && positive is null)
                {
                    Add(Child(ip, "positive"), $"unknown positive rule '{positiveText}' (expected 'agree' or 'mark')");
                }
                if (id is not null && result.Any(r => r.Item1.Id == id))
                {
                    Add(Child(ip, "id"), $"duplicate indicator id '{id}'");
                    continue;
                }
                if (id is not null && label is not null && positive is not null)
                {
                    result.Add((new SurveyIndicator(id, label, positive.Value), ip));
                }
            }
            return result;
        }

        private sealed record RawSection(string Path, string? Id, string? Title, List<RawItem> Items);

        private (List<RawSection> Sections, List<RawItem> Items) ReadSections(JsonElement root, string p)
        {
            var sections = new List<RawSection>();
            var items = new List<RawItem>();
            var arrayPath = Child(p, "sections");
            if (Get(root, p, "sections", required: true) is not { } array)
            {
                return (sections, items);
            }
            if (array.ValueKind != JsonValueKind.Array)
            {
                Add(arrayPath, $"expected an array of sections, found {Kind(array)}");
                return (sections, items);
            }
            if (array.GetArrayLength() == 0)
            {
                Add(arrayPath, "at least one section is required");
            }

            var index = 0;
            foreach (var element in array.EnumerateArray())
            {
                var sp = $"{arrayPath}[{index++}]";
                if (element.ValueKind != JsonValueKind.Object)
                {
                    Add(sp, $"expected a section object, found {Kind(element)}");
                    continue;
                }
                CheckProperties(element, sp, "id", "title", "items");
                var id = RequiredId(element, sp, "id");
                if (id is not null && sections.Any(s => s.Id == id))
                {
                    Add(Child(sp, "id"), $"duplicate section id '{id}'");
                }
                var title = RequiredString(element, sp, "title");
                var sectionItems = new List<RawItem>();
                var itemsPath = Child(sp, "items");
                if (Get(element, sp, "items", required: true) is { } itemArray)
                {
                    if (itemArray.ValueKind != JsonValueKind.Array)
                    {
                        Add(itemsPath, $"expected an array of items, found {Kind(itemArray)}");
                    }
                    else if (itemArray.GetArrayLength() == 0)
                    {
                        Add(itemsPath, "section has no items; a section needs at least one item");
                    }
                    else
                    {
                        var itemIndex = 0;
                        foreach (var itemElement in itemArray.EnumerateArray())
                        {
                            var item = ReadItem(itemElement, $"{itemsPath}[{itemIndex++}]", items.Count);
                            if (item is null)
                            {
                                continue;
                            }
                            if (item.Id is not null && items.FirstOrDefault(i => i.Id == item.Id) is { } earlier)
                            {
                                Add(Child(item.Path, "id"), $"duplicate item id '{item.Id}' (first used at {earlier.Path})");
                            }
                            sectionItems.Add(item);
                            items.Add(item);
                        }
                    }
                }
                sections.Add(new RawSection(sp, id, title, sectionItems));
            }
            return (sections, items);
        }

        private RawItem? ReadItem(JsonElement element, string ip, int index)
        {
            if (element.ValueKind != JsonValueKind.Object)
            {
                Add(ip, $"expected an item object, found {Kind(element)}");
                return null;
            }
            CheckProperties(element, ip, "id", "type", "text", "help", "required", "options", "indicator", "showIf");
            var id = RequiredId(element, ip, "id");

            ItemType? type = null;
            var typeText = RequiredString(element, ip, "type");
            if (typeText is not null)
            {
                type = typeText switch
                {
                    "agreement" => ItemType.Agreement,
                    "single" => ItemType.Single,
                    "multiple" => ItemType.Multiple,
                    "mark" => ItemType.Mark,
                    "open" => ItemType.Open,
                    _ => null,
                };
                if (type is null)
                {
                    Add(Child(ip, "type"), $"unknown item type '{typeText}' (expected agreement, single, multiple, mark or open)");
                }
            }

            var text = RequiredString(element, ip, "text");
            var help = OptionalString(element, ip, "help");

            var required = false;
            if (Get(element, ip, "required", required: false) is { } r)
            {
                if (r.ValueKind is JsonValueKind.True or JsonValueKind.False)
                {
                    required = r.GetBoolean();
                }
                else
                {
                    Add(Child(ip, "required"), $"must be true or false, found {Describe(r)}");
                }
            }

            var options = new List<SurveyOption>();
            var optionsPath = Child(ip, "options");
            var optionsElement = Get(element, ip, "options", required: false);
            if (type is ItemType.Single or ItemType.Multiple)
            {
                if (optionsElement is null)
                {
                    Add(optionsPath, $"{typeText} items need 'options' (at least two)");
                }
                else
                {
                    options = ReadOptions(optionsElement.Value, optionsPath, type.Value);
                }
            }
            else if (type is not null && optionsElement is not null)
            {
                Add(optionsPath, type == ItemType.Agreement
                    ? "agreement items must not have options; they use the fixed scale 1..5 and 'wn'"
                    : $"{typeText} items must not have options");
            }

            string? indicator = null;
            if (Get(element, ip, "indicator", required: false) is { } ind)
            {
                if (ind.ValueKind == JsonValueKind.String && ind.GetString() is { Length: > 0 } s)
                {
                    indicator = s;
                }
                else
                {
                    Add(Child(ip, "indicator"), $"must be a non-empty indicator id, found {Describe(ind)}");
                }
            }

            RawShowIf? showIf = null;
            if (Get(element, ip, "showIf", required: false) is { } si)
            {
                showIf = ReadShowIf(si, Child(ip, "showIf"));
            }

            return new RawItem(ip, index, id, type, text, help, required, options, indicator, Child(ip, "indicator"), showIf);
        }

        private List<SurveyOption> ReadOptions(JsonElement array, string op, ItemType type)
        {
            var options = new List<SurveyOption>();
            if (array.ValueKind != JsonValueKind.Array)
            {
                Add(op, $"expected an array of options, found {Kind(array)}");
                return options;
            }
            if (array.GetArrayLength() < 2)
            {
                Add(op, $"{(type == ItemType.Single ? "single" : "multiple")} items need at least two options, found {array.GetArrayLength()}");
            }

            var index = 0;
            foreach (var element in array.EnumerateArray())
            {
                var p = $"{op}[{index++}]";
                if (element.ValueKind != JsonValueKind.Object)
                {
                    Add(p, $"expected an option object, found {Kind(element)}");
                    continue;
                }
                CheckProperties(element, p, "code", "label", "positive", "notApplicable");
                var code = RequiredString(element, p, "code");
                if (code is not null && !OptionCodePattern().IsMatch(code))
                {
                    Add(Child(p, "code"), $"'{code}' is not a valid option code (lower-case letters, digits and '_')");
                    code = null;
                }
                var label = RequiredString(element, p, "label");
                var positive = OptionalBool(element, p, "positive");
                var notApplicable = OptionalBool(element, p, "notApplicable");
                if (positive && notApplicable)
                {
                    Add(p, "an option cannot be both 'positive' and 'notApplicable'");
                }
                if (code is not null && options.Any(o => o.Code == code))
                {
                    Add(Child(p, "code"), $"duplicate option code '{code}'");
                    continue;
                }
                if (code is not null && label is not null)
                {
                    options.Add(new SurveyOption(code, label, positive, notApplicable));
                }
            }
            return options;
        }

        private RawShowIf? ReadShowIf(JsonElement element, string sp)
        {
            if (element.ValueKind != JsonValueKind.Object)
            {
                Add(sp, $"expected an object {{ \"item\": ..., \"equals\": [...] }}, found {Kind(element)}");
                return null;
            }
            CheckProperties(element, sp, "item", "equals");
            var item = RequiredString(element, sp, "item");
            var codes = new List<(string, string)>();
            var ep = Child(sp, "equals");
            if (Get(element, sp, "equals", required: true) is { } eq)
            {
                if (eq.ValueKind != JsonValueKind.Array || eq.GetArrayLength() == 0)
                {
                    Add(ep, $"expected a non-empty array of answer codes, found {Describe(eq)}");
                }
                else
                {
                    var index = 0;
                    foreach (var c in eq.EnumerateArray())
                    {
                        var cp = $"{ep}[{index++}]";
                        if (c.ValueKind == JsonValueKind.String && c.GetString() is { Length: > 0 } code)
                        {
                            codes.Add((code, cp));
                        }
                        else
                        {
                            Add(cp, $"expected an answer code as a string, found {Describe(c)}");
                        }
                    }
                }
            }
            return new RawShowIf(sp, item, codes);
        }

        private void CrossCheckItems(List<RawItem> items, List<(SurveyIndicator Indicator, string Path)> indicators)
        {
            foreach (var item in items)
            {
                if (item.Indicator is not null)
                {
                    var declared = indicators.FirstOrDefault(i => i.Indicator.Id == item.Indicator).Indicator;
                    if (declared is null)
                    {
                        Add(item.IndicatorPath!, $"indicator '{item.Indicator}' is not declared in $.indicators");
                    }
                    else if (item.Type is ItemType.Multiple or ItemType.Open)
                    {
                        Add(item.IndicatorPath!, $"{TypeName(item.Type.Value)} items cannot feed an indicator");
                    }
                    else if (declared.Positive == PositiveRule.Mark && item.Type is { } t1 && t1 != ItemType.Mark)
                    {
                        Add(item.IndicatorPath!, $"indicator '{declared.Id}' uses the 'mark' rule, so only mark items can feed it");
                    }
                    else if (declared.Positive == PositiveRule.Agree && item.Type == ItemType.Mark)
                    {
                        Add(item.IndicatorPath!, $"indicator '{declared.Id}' uses the 'agree' rule; a mark item needs an indicator with the 'mark' rule");
                    }
                    else if (declared.Positive == PositiveRule.Agree && item.Type == ItemType.Single && !item.Options.Any(o => o.Positive))
                    {
                        Add(item.IndicatorPath!, $"single item feeds indicator '{declared.Id}' but none of its options is marked \"positive\": true");
                    }
                }

                if (item.ShowIf is { Item: { } target } showIf)
                {
                    var referred = items.FirstOrDefault(i => i.Id == target);
                    var itemPath = Child(showIf.Path, "item");
                    if (referred is null)
                    {
                        Add(itemPath, $"refers to unknown item '{target}'");
                    }
                    else if (referred.Index >= item.Index)
                    {
                        Add(itemPath, referred == item
                            ? $"item '{target}' cannot refer to itself"
                            : $"refers to item '{target}' which comes later ({referred.Path}); showIf may only refer to earlier items");
                    }
                    else if (referred.Type is ItemType.Mark or ItemType.Open)
                    {
                        Add(itemPath, $"refers to {TypeName(referred.Type.Value)} item '{target}'; showIf can only refer to agreement, single or multiple items");
                    }
                    else if (referred.Type is { } rt)
                    {
                        var allowed = rt == ItemType.Agreement ? AgreementScale.Codes : referred.Options.Select(o => o.Code).ToArray();
                        foreach (var (code, codePath) in showIf.Codes)
                        {
                            if (!allowed.Contains(code))
                            {
                                Add(codePath, $"'{code}' is not an answer code of item '{target}' (allowed: {string.Join(", ", allowed)})");
                            }
                        }
                    }
                }
            }

            foreach (var (indicator, path) in indicators)
            {
                if (!items.Any(i => i.Indicator == indicator.Id))
                {
                    Add(path, $"indicator '{indicator.Id}' is not fed by any item");
                }
            }
        }

        private Dictionary<string, SurveyTranslation> ReadTranslations(
            JsonElement root,
            string p,
            List<(SurveyIndicator Indicator, string Path)> indicators,
            List<RawSection> sections,
            List<RawItem> items)
        {
            var result = new Dictionary<string, SurveyTranslation>(StringComparer.Ordinal);
            var tp = Child(p, "translations");
            if (Get(root, p, "translations", required: false) is not { } all)
            {
                return result;
            }
            if (all.ValueKind != JsonValueKind.Object)
            {
                Add(tp, $"expected an object keyed by language code, found {Kind(all)}");
                return result;
            }

            foreach (var language in Properties(all, tp))
            {
                var lp = Child(tp, language.Name);
                if (language.Name == BaseLanguage)
                {
                    Add(lp, "Dutch ('nl') is the base text of the definition and cannot be a translation");
                    continue;
                }
                if (!LanguagePattern().IsMatch(language.Name))
                {
                    Add(lp, $"'{language.Name}' is not a valid language code (two or three lower-case letters, ISO 639, e.g. 'en', 'ar', 'tr', 'pl')");
                    continue;
                }
                var t = language.Value;
                if (t.ValueKind != JsonValueKind.Object)
                {
                    Add(lp, $"expected a translation object, found {Kind(t)}");
                    continue;
                }
                CheckProperties(t, lp, "title", "intro", "indicators", "sections", "items", "agreementScale");
                var title = OptionalString(t, lp, "title");
                var intro = OptionalString(t, lp, "intro");
                var indicatorTexts = ReadTextMap(t, lp, "indicators", indicators.Select(i => i.Indicator.Id).ToHashSet(), "indicator");
                var sectionTexts = ReadTextMap(t, lp, "sections", sections.Where(s => s.Id is not null).Select(s => s.Id!).ToHashSet(), "section");
                var scale = ReadTextMap(t, lp, "agreementScale", AgreementScale.Codes.ToHashSet(), "agreement scale code");
                var itemTexts = new Dictionary<string, ItemTranslation>(StringComparer.Ordinal);
                var ip = Child(lp, "items");
                if (Get(t, lp, "items", required: false) is { } itemsElement)
                {
                    if (itemsElement.ValueKind != JsonValueKind.Object)
                    {
                        Add(ip, $"expected an object keyed by item id, found {Kind(itemsElement)}");
                    }
                    else
                    {
                        foreach (var entry in Properties(itemsElement, ip))
                        {
                            var ep = Child(ip, entry.Name);
                            var item = items.FirstOrDefault(i => i.Id == entry.Name);
                            if (item is null)
                            {
                                Add(ep, $"translation for unknown item id '{entry.Name}'");
                                continue;
                            }
                            if (entry.Value.ValueKind != JsonValueKind.Object)
                            {
                                Add(ep, $"expected an object with 'text', 'help' and/or 'options', found {Kind(entry.Value)}");
                                continue;
                            }
                            CheckProperties(entry.Value, ep, "text", "help", "options");
                            var text = OptionalString(entry.Value, ep, "text");
                            var help = OptionalString(entry.Value, ep, "help");
                            if (help is not null && item.Help is null)
                            {
                                Add(Child(ep, "help"), $"item '{item.Id}' has no Dutch help text to translate");
                            }
                            var optionCodes = item.Options.Select(o => o.Code).ToHashSet();
                            var optionTexts = ReadTextMap(entry.Value, ep, "options", optionCodes, $"option code of item '{item.Id}'");
                            itemTexts[entry.Name] = new ItemTranslation(text, help, optionTexts);
                        }
                    }
                }
                result[language.Name] = new SurveyTranslation(language.Name, title, intro, indicatorTexts, sectionTexts, itemTexts, scale);
            }
            return result;
        }

        private Dictionary<string, string> ReadTextMap(JsonElement parent, string parentPath, string name, HashSet<string> known, string what)
        {
            var result = new Dictionary<string, string>(StringComparer.Ordinal);
            var mp = Child(parentPath, name);
            if (Get(parent, parentPath, name, required: false) is not { } map)
            {
                return result;
            }
            if (map.ValueKind != JsonValueKind.Object)
            {
                Add(mp, $"expected an object of texts, found {Kind(map)}");
                return result;
            }
            foreach (var entry in Properties(map, mp))
            {
                var ep = Child(mp, entry.Name);
                if (!known.Contains(entry.Name))
                {
                    Add(ep, $"'{entry.Name}' is not a known {what}");
                    continue;
                }
                if (entry.Value.ValueKind != JsonValueKind.String || string.IsNullOrWhiteSpace(entry.Value.GetString()))
                {
                    Add(ep, $"must be a non-empty text, found {Describe(entry.Value)}");
                    continue;
                }
                result[entry.Name] = entry.Value.GetString()!.Trim();
            }
            return result;
        }

        // ---- small helpers -------------------------------------------------------------

        /// <summary>Enumerates properties, reporting duplicates (which System.Text.Json would otherwise silently accept).</summary>
        private List<JsonProperty> Properties(JsonElement obj, string path)
        {
            var seen = new HashSet<string>(StringComparer.Ordinal);
            var result = new List<JsonProperty>();
            foreach (var property in obj.EnumerateObject())
            {
                if (!seen.Add(property.Name))
                {
                    Add(Child(path, property.Name), $"duplicate property '{property.Name}'");
                    continue;
                }
                result.Add(property);
            }
            return result;
        }

        private void CheckProperties(JsonElement obj, string path, params string[] allowed)
        {
            foreach (var property in Properties(obj, path))
            {
                if (!allowed.Contains(property.Name))
                {
                    Add(Child(path, property.Name), $"unknown property '{property.Name}' (allowed: {string.Join(", ", allowed)})");
                }
            }
        }

        private JsonElement? Get(JsonElement obj, string path, string name, bool required)
        {
            if (obj.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null)
            {
                return value;
            }
            if (required)
            {
                Add(Child(path, name), $"required property '{name}' is missing");
            }
            return null;
        }

        private string? RequiredString(JsonElement obj, string path, string name) => StringValue(obj, path, name, required: true);

        private string? OptionalString(JsonElement obj, string path, string name) => StringValue(obj, path, name, required: false);

        private string? StringValue(JsonElement obj, string path, string name, bool required)
        {
            if (Get(obj, path, name, required) is not { } value)
            {
                return null;
            }
            if (value.ValueKind != JsonValueKind.String)
            {
                Add(Child(path, name), $"must be a text (string), found {Describe(value)}");
                return null;
            }
            var text = value.GetString()!.Trim();
            if (text.Length == 0)
            {
                Add(Child(path, name), $"'{name}' must not be empty");
                return null;
            }
            return text;
        }

        private string? RequiredId(JsonElement obj, string path, string name)
        {
            var id = RequiredString(obj, path, name);
            if (id is not null && !IdPattern().IsMatch(id))
            {
                Add(Child(path, name), $"'{id}' is not a valid id; it must match ^[a-z][a-z0-9_]*$ (it is used as an HTML form field name)");
                return null;
            }
            return id;
        }

        private bool OptionalBool(JsonElement obj, string path, string name)
        {
            if (Get(obj, path, name, required: false) is not { } value)
            {
                return false;
            }
            if (value.ValueKind is JsonValueKind.True or JsonValueKind.False)
            {
                return value.GetBoolean();
            }
            Add(Child(path, name), $"must be true or false, found {Describe(value)}");
            return false;
        }

        private static string TypeName(ItemType type) => type.ToString().ToLowerInvariant();

        private static string Kind(JsonElement e) => e.ValueKind switch
        {
            JsonValueKind.Object => "an object",
            JsonValueKind.Array => "an array",
            JsonValueKind.String => "a string",
            JsonValueKind.Number => "a number",
            JsonValueKind.True or JsonValueKind.False => "a boolean",
            _ => "null",
        };

        private static string Describe(JsonElement e)
        {
            var raw = e.GetRawText();
            if (raw.Length > 40)
            {
                raw = raw[..37] + "...";
            }
            return $"{Kind(e)} {raw}";
        }
    }
}
