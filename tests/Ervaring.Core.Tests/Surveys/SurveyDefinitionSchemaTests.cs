using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Ervaring.Core.Surveys;
using Json.Schema;
using static Ervaring.Core.Tests.Surveys.SurveyTestData;

namespace Ervaring.Core.Tests.Surveys;

/// <summary>
/// survey-definitions/schema.json is the format an author's editor checks while typing; the loader is what the app
/// enforces. These tests keep the two from drifting apart: every real definition passes the schema, malformed ones are
/// refused by both (at the same place), "null counts as absent" is accepted by both, and what only the loader's rules
/// can see (references, uniqueness) is listed explicitly.
/// </summary>
public class SurveyDefinitionSchemaTests
{
    private static readonly Lazy<JsonSchema> Schema = new(() => JsonSchema.FromFile(SchemaPath()));

    private static string SchemaPath() => Path.Combine(DefinitionsDirectory(), SurveyDefinitionLoader.SchemaFileName);

    private static EvaluationResults Evaluate(JsonNode? instance) =>
        Schema.Value.Evaluate(instance, new EvaluationOptions { OutputFormat = OutputFormat.List });

    /// <summary>
    /// Where the schema fails, as (instance pointer, what): the failing leaves of the evaluation. The list output also
    /// carries failures that are expected (inside an <c>if</c> condition, under <c>not</c>); those are left out, and so
    /// is every failing node that only fails because a node below it does.
    /// </summary>
    private static (string Pointer, string Error)[] Failures(EvaluationResults results)
    {
        var failing = results.Details
            .Where(d => !d.IsValid && !Regex.IsMatch(d.EvaluationPath.ToString(), "/(if|not)(/|$)"))
            .Select(d => (Path: d.EvaluationPath.ToString(), Pointer: d.InstanceLocation.ToString(), Errors: d.Errors))
            .ToArray();
        static bool Below(string child, string parent) => child.StartsWith(parent + "/", StringComparison.Ordinal);
        return failing
            .Where(f => !failing.Any(c => Below(c.Path, f.Path) && (c.Pointer == f.Pointer || Below(c.Pointer, f.Pointer))))
            .Select(f => (f.Pointer, f.Errors is { Count: > 0 } errors
                ? string.Join(", ", errors.Select(e => $"{e.Key}: {e.Value}"))
                : $"fails {f.Path}"))
            .ToArray();
    }

    /// <summary>Each schema failure as "instance pointer: what".</summary>
    private static string[] SchemaErrors(EvaluationResults results) =>
        Failures(results).Select(f => $"{f.Pointer}: {f.Error}").ToArray();

    /// <summary><c>$.sections[0].items[1].options</c> → <c>/sections/0/items/1/options</c>; <c>['6']</c> → <c>/6</c>.</summary>
    private static string Pointer(string jsonPath) =>
        Regex.Replace(Regex.Replace(jsonPath[1..], @"\['([^']*)'\]", "/$1"), @"\[(\d+)\]", "/$1").Replace('.', '/');

    [Fact]
    public void Schema_is_a_valid_draft_2020_12_schema()
    {
        var schema = JsonNode.Parse(File.ReadAllText(SchemaPath()));
        Assert.Equal("https://json-schema.org/draft/2020-12/schema", (string?)schema!["$schema"]);

        var results = MetaSchemas.Draft202012.Evaluate(schema, new EvaluationOptions { OutputFormat = OutputFormat.List });
        Assert.True(results.IsValid, string.Join(Environment.NewLine, SchemaErrors(results)));
    }

    [Fact]
    public void Every_definition_in_the_folder_passes_the_schema_and_points_to_it()
    {
        var files = Directory.GetFiles(DefinitionsDirectory(), "*.json")
            .Where(f => Path.GetFileName(f) != SurveyDefinitionLoader.SchemaFileName && SurveyDefinitionLoader.TranslationFileName(Path.GetFileName(f)) is null)
            .ToArray();
        Assert.NotEmpty(files);

        foreach (var file in files)
        {
            var instance = JsonNode.Parse(File.ReadAllText(file));
            var results = Evaluate(instance);
            Assert.True(results.IsValid, $"{Path.GetFileName(file)}:{Environment.NewLine}{string.Join(Environment.NewLine, SchemaErrors(results))}");
            Assert.Equal("./schema.json", (string?)instance!["$schema"]);
        }
    }

    [Fact]
    public void Every_translation_file_in_the_folder_passes_the_schema_as_a_translation()
    {
        var files = Directory.GetFiles(DefinitionsDirectory(), "*.json")
            .Where(f => SurveyDefinitionLoader.TranslationFileName(Path.GetFileName(f)) is not null)
            .ToArray();
        Assert.NotEmpty(files);

        foreach (var file in files)
        {
            // A translation file is what stands under 'translations' for its language: check it there.
            var holder = Minimal();
            holder["translations"] = new JsonObject { [SurveyDefinitionLoader.TranslationFileName(Path.GetFileName(file))!.Value.Language] = JsonNode.Parse(File.ReadAllText(file)) };
            var results = Evaluate(holder);
            Assert.True(results.IsValid, $"{Path.GetFileName(file)}:{Environment.NewLine}{string.Join(Environment.NewLine, SchemaErrors(results))}");
        }
    }

    [Fact]
    public void The_minimal_test_definition_passes_the_schema()
    {
        var results = Evaluate(Minimal());
        Assert.True(results.IsValid, string.Join(Environment.NewLine, SchemaErrors(results)));
    }

    /// <summary>Malformations both refuse, with the start of the loader's message for each.</summary>
    private static readonly Dictionary<string, (Action<JsonObject> Break, string Loader)> Malformed = new()
    {
        ["unknown property"] = (r => Item(r, 0)["requird"] = true, "$.sections[0].items[0].requird: unknown property 'requird'"),
        ["unknown top-level property"] = (r => r["$id"] = "x", "$['$id']: unknown property '$id'"),
        ["missing id"] = (r => r.Remove("id"), "$.id: required property 'id' is missing"),
        ["null id"] = (r => r["id"] = null, "$.id: required property 'id' is missing"),
        ["missing item text"] = (r => Item(r, 3).Remove("text"), "$.sections[0].items[3].text: required property 'text' is missing"),
        ["definition id with capitals"] = (r => r["id"] = "Test-Def", "$.id: 'Test-Def' is not a valid definition id"),
        ["version 0"] = (r => r["version"] = 0, "$.version: must be a whole number of 1 or more, found a number 0"),
        ["version 1.5"] = (r => r["version"] = 1.5, "$.version: must be a whole number of 1 or more, found a number 1.5"),
        ["version as text"] = (r => r["version"] = "1", "$.version: must be a whole number of 1 or more, found a string \"1\""),
        ["unknown audience"] = (r => r["audience"] = "kinderen", "$.audience: unknown audience 'kinderen'"),
        ["empty intro"] = (r => r["intro"] = "  ", "$.intro: 'intro' must not be empty"),
        ["no indicators"] = (r => r["indicators"] = new JsonArray(), "$.indicators: at least one indicator is required"),
        ["unknown positive rule"] = (r => r["indicators"]![0]!["positive"] = "eens", "$.indicators[0].positive: unknown positive rule 'eens'"),
        ["no sections"] = (r => r["sections"] = new JsonArray(), "$.sections: at least one section is required"),
        ["null section"] = (r => r["sections"]!.AsArray().Add(null), "$.sections[1]: expected a section object, found null"),
        ["empty section"] = (r => r["sections"]![0]!["items"] = new JsonArray(), "$.sections[0].items: section has no items"),
        ["item id not a form field name"] = (r => Item(r, 5)["id"] = "Wat-ging-goed", "$.sections[0].items[5].id: 'Wat-ging-goed' is not a valid id"),
        ["unknown item type"] = (r => Item(r, 0)["type"] = "slider", "$.sections[0].items[0].type: unknown item type 'slider'"),
        ["required as text"] = (r => Item(r, 0)["required"] = "ja", "$.sections[0].items[0].required: must be true or false, found a string \"ja\""),
        ["single without options"] = (r => Item(r, 1).Remove("options"), "$.sections[0].items[1].options: single items need 'options' (at least two)"),
        ["multiple with one option"] = (r => Item(r, 4)["options"]!.AsArray().RemoveAt(1), "$.sections[0].items[4].options: multiple items need at least two options, found 1"),
        ["agreement with options"] = (r => Item(r, 0)["options"] = new JsonArray(new JsonObject { ["code"] = "ja", ["label"] = "Ja" }, new JsonObject { ["code"] = "nee", ["label"] = "Nee" }), "$.sections[0].items[0].options: agreement items must not have options"),
        ["mark with options"] = (r => Item(r, 3)["options"] = new JsonArray(), "$.sections[0].items[3].options: mark items must not have options"),
        ["option code with capitals"] = (r => Item(r, 1)["options"]![0]!["code"] = "Ja", "$.sections[0].items[1].options[0].code: 'Ja' is not a valid option code"),
        ["option positive and not applicable"] = (r => { Item(r, 1)["options"]![0]!["positive"] = true; Item(r, 1)["options"]![0]!["notApplicable"] = true; }, "$.sections[0].items[1].options[0]: an option cannot be both 'positive' and 'notApplicable'"),
        ["open item feeds an indicator"] = (r => Item(r, 5)["indicator"] = "toegang", "$.sections[0].items[5].indicator: open items cannot feed an indicator"),
        ["single item feeds an indicator without a positive option"] = (r => Item(r, 1)["indicator"] = "toegang", "$.sections[0].items[1].indicator: single item feeds indicator 'toegang' but none of its options is marked \"positive\": true"),
        ["showIf without codes"] = (r => Item(r, 2)["showIf"]!["equals"] = new JsonArray(), "$.sections[0].items[2].showIf.equals: expected a non-empty array of answer codes"),
        ["showIf with unknown property"] = (r => Item(r, 2)["showIf"]!["notEquals"] = new JsonArray("nee"), "$.sections[0].items[2].showIf.notEquals: unknown property 'notEquals'"),
        ["Dutch as a translation"] = (r => r["translations"]!["nl"] = new JsonObject { ["title"] = "Test" }, "$.translations.nl: Dutch ('nl') is the base text"),
        ["language name instead of code"] = (r => r["translations"]!["English"] = new JsonObject { ["title"] = "Test" }, "$.translations.English: 'English' is not a valid language code"),
        ["unknown agreement scale code"] = (r => r["translations"]!["en"]!["agreementScale"] = new JsonObject { ["6"] = "Very strongly agree" }, "$.translations.en.agreementScale['6']: '6' is not a known agreement scale code"),
        ["empty translated text"] = (r => r["translations"]!["en"]!["items"]!["q1"]!["text"] = "", "$.translations.en.items.q1.text: 'text' must not be empty"),
        ["unknown translation property"] = (r => r["translations"]!["en"]!["subtitle"] = "x", "$.translations.en.subtitle: unknown property 'subtitle'"),
        // Version 2's additions: number items and routing on the frame.
        ["number without max"] = (r => Item(r, 5).ReplaceWith(new JsonObject { ["id"] = "weken", ["type"] = "number", ["text"] = "Weken?", ["min"] = 0 }), "$.sections[0].items[5].max: number items need 'max'"),
        ["number with min as text"] = (r => Item(r, 5).ReplaceWith(new JsonObject { ["id"] = "weken", ["type"] = "number", ["text"] = "Weken?", ["min"] = "0", ["max"] = 10 }), "$.sections[0].items[5].min: must be a whole number, found a string \"0\""),
        ["number above the largest"] = (r => Item(r, 5).ReplaceWith(new JsonObject { ["id"] = "weken", ["type"] = "number", ["text"] = "Weken?", ["min"] = 0, ["max"] = 5000 }), "$.sections[0].items[5].max: must be a whole number from 0 to 1000, found 5000"),
        ["number with options"] = (r => Item(r, 5).ReplaceWith(new JsonObject { ["id"] = "weken", ["type"] = "number", ["text"] = "Weken?", ["min"] = 0, ["max"] = 10, ["options"] = new JsonArray() }), "$.sections[0].items[5].options: number items must not have options"),
        ["number feeds an indicator"] = (r => Item(r, 5).ReplaceWith(new JsonObject { ["id"] = "weken", ["type"] = "number", ["text"] = "Weken?", ["min"] = 0, ["max"] = 10, ["indicator"] = "toegang" }), "$.sections[0].items[5].indicator: number items cannot feed an indicator"),
        ["range on a non-number item"] = (r => Item(r, 5)["max"] = 10, "$.sections[0].items[5].max: only number items have 'max'"),
        ["askWhen with an unknown care type"] = (r => Item(r, 0)["askWhen"] = new JsonObject { ["careTypes"] = new JsonArray("jeugdzorgplus") }, "$.sections[0].items[0].askWhen.careTypes[0]: 'jeugdzorgplus' is not a known care type"),
        ["askWhen with an unknown age group"] = (r => Item(r, 0)["askWhen"] = new JsonObject { ["ageGroups"] = new JsonArray("16") }, "$.sections[0].items[0].askWhen.ageGroups[0]: '16' is not a known age group"),
        ["askWhen without conditions"] = (r => Item(r, 0)["askWhen"] = new JsonObject(), "$.sections[0].items[0].askWhen: askWhen needs at least one of"),
        ["askWhen with both care type lists"] = (r => Item(r, 0)["askWhen"] = new JsonObject { ["careTypes"] = new JsonArray("pgb"), ["notCareTypes"] = new JsonArray("verblijf") }, "$.sections[0].items[0].askWhen.notCareTypes: use either 'careTypes' or 'notCareTypes', not both"),
        ["askWhen with an unknown property"] = (r => Item(r, 0)["askWhen"] = new JsonObject { ["minAge"] = 16 }, "$.sections[0].items[0].askWhen.minAge: unknown property 'minAge'"),
    };

    public static TheoryData<string> MalformedCases() => new(Malformed.Keys);

    [Theory]
    [MemberData(nameof(MalformedCases))]
    public void Malformed_definition_is_refused_by_both_the_schema_and_the_loader(string name)
    {
        var (breakIt, loaderMessage) = Malformed[name];
        var root = Minimal();
        breakIt(root);

        var results = Evaluate(root);
        Assert.False(results.IsValid, $"the schema accepts '{name}'; the loader refuses it with {loaderMessage}");

        var ex = Assert.Throws<SurveyDefinitionException>(() => SurveyDefinitionLoader.Parse(root.ToJsonString(), FileName));
        var problem = Assert.Single(ex.Problems, p => p.ToString().StartsWith($"{FileName}: {loaderMessage}", StringComparison.Ordinal));

        // Both point at the same place: at least one schema failure is at the loader's path, at the object that holds it
        // (a missing required property) or inside that object (the options of a single item that feeds an indicator).
        var loaderPointer = Pointer(problem.JsonPath);
        var holder = loaderPointer[..loaderPointer.LastIndexOf('/')];
        var schemaPointers = Failures(results).Select(f => f.Pointer).ToArray();
        Assert.True(
            schemaPointers.Any(s => s == loaderPointer || s == holder || (holder.Length > 0 && s.StartsWith(holder + "/", StringComparison.Ordinal))),
            $"loader at {loaderPointer}, schema: {string.Join("; ", SchemaErrors(results))}");
    }

    /// <summary>Variants both accept: null counts as absent for every optional property, and $schema is optional.</summary>
    private static readonly Dictionary<string, Action<JsonObject>> Accepted = new()
    {
        ["without $schema"] = r => r.Remove("$schema"),
        ["with $schema"] = r => r["$schema"] = "./schema.json",
        ["null translations"] = r => r["translations"] = null,
        ["null optional item properties"] = r =>
        {
            Item(r, 5)["help"] = null;
            Item(r, 5)["required"] = null;
            Item(r, 5)["options"] = null;
            Item(r, 5)["indicator"] = null;
            Item(r, 5)["showIf"] = null;
        },
        ["null optional option properties"] = r => { Item(r, 1)["options"]![0]!["positive"] = null; Item(r, 1)["options"]![0]!["notApplicable"] = null; },
        ["null optional translation properties"] = r => r["translations"]!["en"] = new JsonObject { ["title"] = null, ["intro"] = null, ["indicators"] = null, ["sections"] = null, ["items"] = null, ["agreementScale"] = null },
        ["three-letter language"] = r => r["translations"]!["ara"] = new JsonObject { ["title"] = "اختبار" },
        ["single item feeding an indicator with a positive option"] = r =>
        {
            Item(r, 1)["indicator"] = "toegang";
            Item(r, 1)["options"]![0]!["positive"] = true;
        },
        ["number item asked only of some families"] = r => Item(r, 5).ReplaceWith(new JsonObject
        {
            ["id"] = "weken", ["type"] = "number", ["text"] = "Weken?", ["min"] = 0, ["max"] = 104, ["unit"] = "weken",
            ["askWhen"] = new JsonObject { ["notCareTypes"] = new JsonArray("jeugdbescherming"), ["ageGroups"] = new JsonArray("16_17", "18_plus") },
        }),
    };

    public static TheoryData<string> AcceptedCases() => new(Accepted.Keys);

    [Theory]
    [MemberData(nameof(AcceptedCases))]
    public void Variant_is_accepted_by_both_the_schema_and_the_loader(string name)
    {
        var root = Minimal();
        Accepted[name](root);

        var results = Evaluate(root);
        Assert.True(results.IsValid, string.Join(Environment.NewLine, SchemaErrors(results)));
        Assert.Equal("test-def", SurveyDefinitionLoader.Parse(root.ToJsonString(), FileName).Id);
    }

    /// <summary>What a schema cannot express; the loader's rules (SurveyDefinitionRules.cs) refuse these alone.</summary>
    private static readonly Dictionary<string, (Action<JsonObject> Break, string Loader)> OnlyTheRules = new()
    {
        ["duplicate item id"] = (r => Item(r, 5)["id"] = "q1", "$.sections[0].items[5].id: duplicate item id 'q1'"),
        ["duplicate option code"] = (r => Item(r, 1)["options"]![1]!["code"] = "ja", "$.sections[0].items[1].options[1].code: duplicate option code 'ja'"),
        ["undeclared indicator"] = (r => Item(r, 0)["indicator"] = "tevredenheid", "$.sections[0].items[0].indicator: indicator 'tevredenheid' is not declared"),
        ["indicator fed by nothing"] = (r => r["indicators"]!.AsArray().Add(new JsonObject { ["id"] = "effect", ["label"] = "Effect", ["positive"] = "agree" }), "$.indicators[2]: indicator 'effect' is not fed by any item"),
        ["mark item feeds an agree indicator"] = (r => Item(r, 3)["indicator"] = "toegang", "$.sections[0].items[3].indicator: indicator 'toegang' uses the 'agree' rule"),
        ["routing to a later item"] = (r => Item(r, 0)["showIf"] = new JsonObject { ["item"] = "gestopt", ["equals"] = new JsonArray("ja") }, "$.sections[0].items[0].showIf.item: refers to item 'gestopt' which comes later"),
        ["routing to an unknown code"] = (r => Item(r, 2)["showIf"]!["equals"] = new JsonArray("misschien"), "$.sections[0].items[2].showIf.equals[0]: 'misschien' is not an answer code of item 'gestopt'"),
        ["translation of an unknown item"] = (r => r["translations"]!["en"]!["items"]!["q99"] = new JsonObject { ["text"] = "Question 99" }, "$.translations.en.items.q99: translation for unknown item id 'q99'"),
        ["min not below max"] = (r => Item(r, 5).ReplaceWith(new JsonObject { ["id"] = "weken", ["type"] = "number", ["text"] = "Weken?", ["min"] = 10, ["max"] = 10 }), "$.sections[0].items[5].max: must be larger than 'min' (10), found 10"),
        ["routing to a number item"] = (r =>
        {
            Item(r, 5).ReplaceWith(new JsonObject { ["id"] = "weken", ["type"] = "number", ["text"] = "Weken?", ["min"] = 0, ["max"] = 10 });
            r["sections"]![0]!["items"]!.AsArray().Add(new JsonObject { ["id"] = "na", ["type"] = "open", ["text"] = "Na", ["showIf"] = new JsonObject { ["item"] = "weken", ["equals"] = new JsonArray("wn") } });
        }, "$.sections[0].items[6].showIf.item: refers to number item 'weken'"),
        ["translated help without Dutch help"] = (r => r["translations"]!["en"]!["items"]!["q1"]!["help"] = "Help", "$.translations.en.items.q1.help: item 'q1' has no Dutch help text to translate"),
    };

    public static TheoryData<string> OnlyTheRulesCases() => new(OnlyTheRules.Keys);

    [Theory]
    [MemberData(nameof(OnlyTheRulesCases))]
    public void Cross_check_the_schema_cannot_express_is_refused_by_the_loader(string name)
    {
        var (breakIt, loaderMessage) = OnlyTheRules[name];
        var root = Minimal();
        breakIt(root);

        Assert.True(Evaluate(root).IsValid, $"the schema now refuses '{name}' too: move it to Malformed");
        var ex = Assert.Throws<SurveyDefinitionException>(() => SurveyDefinitionLoader.Parse(root.ToJsonString(), FileName));
        Assert.Contains(ex.Problems, p => p.ToString().StartsWith($"{FileName}: {loaderMessage}", StringComparison.Ordinal));
    }

    [Fact]
    public void Duplicate_property_is_refused_by_the_loader()
    {
        // JSON Schema sees a parsed document, in which the last duplicate wins; only the loader can refuse it.
        var json = MinimalJson.Replace("\"title\": \"Test\",", "\"title\": \"Test\", \"title\": \"Nog een keer\",", StringComparison.Ordinal);
        var ex = Assert.Throws<SurveyDefinitionException>(() => SurveyDefinitionLoader.Parse(json, FileName));
        Assert.Equal("test.json: $.title: duplicate property 'title'", Assert.Single(ex.Problems).ToString());
    }

    [Fact]
    public void The_loader_skips_the_schema_in_the_definitions_folder()
    {
        Assert.True(File.Exists(SchemaPath()));
        Assert.DoesNotContain(SurveyDefinitionLoader.LoadDirectory(DefinitionsDirectory()), d => d.Id == "schema");
    }
}
