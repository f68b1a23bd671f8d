using static Ervaring.Core.Surveys.SurveyDefinitionFormat;

namespace Ervaring.Core.Surveys;

/// <summary>
/// Every check on a questionnaire after strict deserialization (<see cref="SurveyDefinitionLoader"/>), in one place:
/// values a C# type cannot restrict (patterns, enum words, non-empty texts, counts, which item types take options;
/// <c>survey-definitions/schema.json</c> states the same, so an editor shows them while typing) and the cross-checks
/// no schema can express (unique ids and codes, indicators fed by fitting items, routing only to earlier items and
/// their answer codes, translations only of things that exist). Every problem of a file is reported at once, as
/// <c>{file}: {JSON path}: {what is wrong}</c>; a value that is already wrong is not checked further, so one mistake
/// gives one message.
/// </summary>
internal static partial class SurveyDefinitionRules
{
    /// <param name="translationFiles">Language → the translation file it came from (<c>{id}.v{n}.{lang}.json</c>); its
    /// problems are reported in that file, at paths inside it.</param>
    public static IReadOnlyList<SurveyDefinitionProblem> Check(DefinitionJson definition, string file, IReadOnlyDictionary<string, string>? translationFiles = null)
    {
        var checker = new Checker(file) { TranslationFiles = translationFiles ?? new Dictionary<string, string>() };
        checker.Definition(definition);
        return checker.Problems;
    }

    /// <summary>An item as the cross-checks see it: <see cref="Id"/>, <see cref="Type"/> and codes only when valid.</summary>
    private sealed record Item(ItemJson Json, string Path, int Index, string? Id, ItemType? Type, IReadOnlyList<string> OptionCodes);

    private sealed partial class Checker(string file)
    {
        public List<SurveyDefinitionProblem> Problems { get; } = [];

        private readonly Dictionary<string, (PositiveRule Rule, string Path)> _indicators = new(StringComparer.Ordinal);
        private readonly HashSet<string> _sections = new(StringComparer.Ordinal);
        private readonly List<Item> _items = [];

        public IReadOnlyDictionary<string, string> TranslationFiles { get; init; } = new Dictionary<string, string>();

        private readonly string _definitionFile = file;
        private string _file = file;
        private int _version;

        private void Add(string path, string message) => Problems.Add(new(_file, path, message));

        public void Definition(DefinitionJson d)
        {
            const string p = "$";
            if (Text(d.Id, p, "id") is { } id && !DefinitionIdPattern().IsMatch(id))
            {
                Add(Child(p, "id"), $"'{id}' is not a valid definition id (lower-case letters and digits separated by '-', e.g. 'ceo-jeugd-ouders')");
            }
            if (d.Version < 1)
            {
                Add(Child(p, "version"), $"{WholeNumberOfOneOrMore}, found a number {d.Version}");
            }
            Word(d.Audience, p, "audience", Audiences, "audience", "'ouders' or 'jongeren'");
            Text(d.Title, p, "title");
            Text(d.Intro, p, "intro");

            Indicators(d.Indicators, Child(p, "indicators"));
            Sections(d.Sections, Child(p, "sections"));
            foreach (var item in _items)
            {
                IndicatorOf(item);
                Routing(item);
            }
            foreach (var (indicator, (_, path)) in _indicators)
            {
                if (!_items.Any(i => i.Json.Indicator == indicator))
                {
                    Add(path, $"indicator '{indicator}' is not fed by any item");
                }
            }
            _version = d.Version;
            foreach (var (language, translation) in d.Translations ?? new Dictionary<string, TranslationJson?>())
            {
                if (TranslationFiles.TryGetValue(language, out var translationFile))
                {
                    _file = translationFile;
                    Translation(language, translation, "$");
                    _file = _definitionFile;
                }
                else
                {
                    Translation(language, translation, Child(Child(p, "translations"), language));
                }
            }
        }

        private void Indicators(IReadOnlyList<IndicatorJson?> indicators, string arrayPath)
        {
            if (indicators.Count == 0)
            {
                Add(arrayPath, "at least one indicator is required");
            }
            foreach (var (indicator, ip) in Elements(indicators, arrayPath, "an indicator"))
            {
                var id = Id(indicator.Id, ip, "id");
                var label = Text(indicator.Label, ip, "label");
                var positive = Word(indicator.Positive, ip, "positive", PositiveRules, "positive rule", "'agree' or 'mark'");
                if (id is not null && _indicators.ContainsKey(id))
                {
                    Add(Child(ip, "id"), $"duplicate indicator id '{id}'");
                }
                else if (id is not null && label is not null && positive is { } rule)
                {
                    _indicators[id] = (rule, ip);
                }
            }
        }

        private void Sections(IReadOnlyList<SectionJson?> sections, string arrayPath)
        {
            if (sections.Count == 0)
            {
                Add(arrayPath, "at least one section is required");
            }
            foreach (var (section, sp) in Elements(sections, arrayPath, "a section"))
            {
                if (Id(section.Id, sp, "id") is { } id && !_sections.Add(id))
                {
                    Add(Child(sp, "id"), $"duplicate section id '{id}'");
                }
                Text(section.Title, sp, "title");
                var itemsPath = Child(sp, "items");
                if (section.Items.Count == 0)
                {
                    Add(itemsPath, "section has no items; a section needs at least one item");
                }
                foreach (var (json, path) in Elements(section.Items, itemsPath, "an item"))
                {
                    var item = ItemOf(json, path);
                    if (item.Id is not null && _items.FirstOrDefault(e => e.Id == item.Id) is { } earlier)
                    {
                        Add(Child(path, "id"), $"duplicate item id '{item.Id}' (first used at {earlier.Path})");
                    }
                    _items.Add(item);
                }
            }
        }

        private Item ItemOf(ItemJson json, string ip)
        {
            var id = Id(json.Id, ip, "id");
            var type = Word(json.Type, ip, "type", ItemTypes, "item type", "agreement, single, multiple, mark, open or number");
            Text(json.Text, ip, "text");
            OptionalText(json.Help, ip, "help");

            var codes = new List<string>();
            var optionsPath = Child(ip, "options");
            if (type is ItemType.Single or ItemType.Multiple)
            {
                if (json.Options is null)
                {
                    Add(optionsPath, $"{json.Type} items need 'options' (at least two)");
                }
                else
                {
                    codes = Options(json.Options, optionsPath, json.Type);
                }
            }
            else if (type == ItemType.Number)
            {
                codes = [NumberAnswer.DontKnowCode]; // its "weet ik niet" label can be translated like an option
                if (json.Options is not null)
                {
                    Add(optionsPath, "number items must not have options; they have a number field and 'wn' (weet ik niet)");
                }
            }
            else if (type is not null && json.Options is not null)
            {
                Add(optionsPath, type == ItemType.Agreement
                    ? "agreement items must not have options; they use the fixed scale 1..5 and 'wn'"
                    : $"{json.Type} items must not have options");
            }

            NumberParts(json, type, ip);
            if (json.AskWhen is { } askWhen)
            {
                AskWhen(askWhen, Child(ip, "askWhen"));
            }
            OptionalText(json.Indicator, ip, "indicator");
            if (json.ShowIf is { } showIf)
            {
                var sp = Child(ip, "showIf");
                Text(showIf.Item, sp, "item");
                var ep = Child(sp, "equals");
                if (showIf.AnyOf.Count == 0)
                {
                    Add(ep, "expected a non-empty array of answer codes, found an empty array");
                }
                for (var n = 0; n < showIf.AnyOf.Count; n++)
                {
                    if (string.IsNullOrEmpty(showIf.AnyOf[n]))
                    {
                        Add($"{ep}[{n}]", $"expected an answer code, found {(showIf.AnyOf[n] is null ? "null" : "an empty text")}");
                    }
                }
            }
            return new Item(json, ip, _items.Count, id, type, codes);
        }

        private List<string> Options(IReadOnlyList<OptionJson?> options, string op, string typeWord)
        {
            var codes = new List<string>();
            if (options.Count < 2)
            {
                Add(op, $"{typeWord} items need at least two options, found {options.Count}");
            }
            foreach (var (option, p) in Elements(options, op, "an option"))
            {
                var code = Text(option.Code, p, "code");
                if (code is not null && !OptionCodePattern().IsMatch(code))
                {
                    Add(Child(p, "code"), $"'{code}' is not a valid option code (lower-case letters, digits and '_')");
                    code = null;
                }
                var label = Text(option.Label, p, "label");
                if (option.Positive == true && option.NotApplicable == true)
                {
                    Add(p, "an option cannot be both 'positive' and 'notApplicable'");
                }
                if (code is not null && codes.Contains(code))
                {
                    Add(Child(p, "code"), $"duplicate option code '{code}'");
                }
                else if (code is not null && label is not null)
                {
                    codes.Add(code);
                }
            }
            return codes;
        }

        private void IndicatorOf(Item item)
        {
            if (item.Json.Indicator is not { } indicator || string.IsNullOrWhiteSpace(indicator) || item.Type is not { } type)
            {
                return;
            }
            var path = Child(item.Path, "indicator");
            if (!_indicators.TryGetValue(indicator, out var declared))
            {
                Add(path, $"indicator '{indicator}' is not declared in $.indicators");
            }
            else if (type is ItemType.Multiple or ItemType.Open or ItemType.Number)
            {
                Add(path, $"{type.ToString().ToLowerInvariant()} items cannot feed an indicator");
            }
            else if (declared.Rule == PositiveRule.Mark && type != ItemType.Mark)
            {
                Add(path, $"indicator '{indicator}' uses the 'mark' rule, so only mark items can feed it");
            }
            else if (declared.Rule == PositiveRule.Agree && type == ItemType.Mark)
            {
                Add(path, $"indicator '{indicator}' uses the 'agree' rule; a mark item needs an indicator with the 'mark' rule");
            }
            else if (declared.Rule == PositiveRule.Agree && type == ItemType.Single && !(item.Json.Options ?? []).Any(o => o?.Positive == true))
            {
                Add(path, $"single item feeds indicator '{indicator}' but none of its options is marked \"positive\": true");
            }
        }

        private void Routing(Item item)
        {
            if (item.Json.ShowIf is not { Item: var target } showIf || string.IsNullOrWhiteSpace(target))
            {
                return;
            }
            var sp = Child(item.Path, "showIf");
            var itemPath = Child(sp, "item");
            var referred = _items.FirstOrDefault(i => i.Id == target);
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
            else if (referred.Type is ItemType.Mark or ItemType.Open or ItemType.Number)
            {
                Add(itemPath, $"refers to {referred.Type.Value.ToString().ToLowerInvariant()} item '{target}'; showIf can only refer to agreement, single or multiple items");
            }
            else if (referred.Type is { } referredType)
            {
                var allowed = referredType == ItemType.Agreement ? AgreementScale.Codes : referred.OptionCodes;
                for (var n = 0; n < showIf.AnyOf.Count; n++)
                {
                    if (showIf.AnyOf[n] is { Length: > 0 } code && !allowed.Contains(code))
                    {
                        Add($"{Child(sp, "equals")}[{n}]", $"'{code}' is not an answer code of item '{target}' (allowed: {string.Join(", ", allowed)})");
                    }
                }
            }
        }

        // ---- values --------------------------------------------------------------------

        /// <summary>The elements of an array with their paths; a null element is reported and skipped.</summary>
        private IEnumerable<(T Value, string Path)> Elements<T>(IReadOnlyList<T?> elements, string arrayPath, string what)
            where T : class
        {
            for (var n = 0; n < elements.Count; n++)
            {
                if (elements[n] is { } value)
                {
                    yield return (value, $"{arrayPath}[{n}]");
                }
                else
                {
                    Add($"{arrayPath}[{n}]", $"expected {what} object, found null");
                }
            }
        }

        /// <summary>A text that must not be empty or white space; null when it is.</summary>
        private string? Text(string value, string path, string name)
        {
            if (string.IsNullOrWhiteSpace(value))
            {
                Add(Child(path, name), $"'{name}' must not be empty");
                return null;
            }
            return value;
        }

        private string? OptionalText(string? value, string path, string name) => value is null ? null : Text(value, path, name);

        private string? Id(string value, string path, string name)
        {
            var id = Text(value, path, name);
            if (id is not null && !IdPattern().IsMatch(id))
            {
                Add(Child(path, name), $"'{id}' is not a valid id; it must match ^[a-z][a-z0-9_]*$ (it is used as an HTML form field name)");
                return null;
            }
            return id;
        }

        private T? Word<T>(string value, string path, string name, IReadOnlyDictionary<string, T> words, string what, string expected)
            where T : struct, Enum
        {
            if (Text(value, path, name) is not { } word)
            {
                return null;
            }
            if (words.TryGetValue(word, out var result))
            {
                return result;
            }
            Add(Child(path, name), $"unknown {what} '{word}' (expected {expected})");
            return null;
        }
    }
}
