using System.Text.Json.Nodes;
using Ervaring.Core.Sampling;
using Ervaring.Core.Surveys;
using static Ervaring.Core.Tests.Surveys.SurveyTestData;

namespace Ervaring.Core.Tests.Surveys;

public class SurveyDefinitionLoaderTests
{
    private static SurveyDefinitionException Rejected(string json)
    {
        var ex = Assert.Throws<SurveyDefinitionException>(() => SurveyDefinitionLoader.Parse(json, FileName));
        Assert.NotEmpty(ex.Problems);
        Assert.All(ex.Problems, p => Assert.StartsWith($"{FileName}: $", p.ToString(), StringComparison.Ordinal));
        return ex;
    }

    private static void AssertProblem(JsonObject root, string expected)
    {
        var ex = Rejected(root.ToJsonString());
        Assert.Contains(ex.Problems, p => p.ToString().StartsWith(expected, StringComparison.Ordinal));
        Assert.Contains(expected, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Minimal_definition_is_valid()
    {
        var definition = MinimalDefinition();
        Assert.Equal("test-def", definition.Id);
        Assert.Equal(Audience.Ouders, definition.Audience);
        Assert.Equal(6, definition.Items.Count);
        Assert.Equal(["1", "2", "3", "4", "5", "wn"], definition.FindItem("q1")!.Options.Select(o => o.Code));
        Assert.Equal(new ShowIf("gestopt", ["ja"]).Item, definition.FindItem("vervolg")!.ShowIf!.Item);
        Assert.Equal(["nl", "en"], definition.Languages);
    }

    [Fact]
    public void Invalid_json_reports_line_and_position()
    {
        var ex = Rejected("{\n  \"id\": \"x\",\n  \"version\": 1,,\n}");
        var problem = Assert.Single(ex.Problems);
        Assert.StartsWith("test.json: $: invalid JSON at line 3, position ", problem.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Root_must_be_an_object()
    {
        var ex = Rejected("[1, 2]");
        Assert.Equal("test.json: $: expected a JSON object, found an array", Assert.Single(ex.Problems).ToString());
    }

    [Fact]
    public void Missing_id_is_rejected()
    {
        var root = Minimal();
        root.Remove("id");
        AssertProblem(root, "test.json: $.id: required property 'id' is missing");
    }

    [Fact]
    public void Missing_version_is_rejected()
    {
        var root = Minimal();
        root.Remove("version");
        AssertProblem(root, "test.json: $.version: required property 'version' is missing");
    }

    [Fact]
    public void Version_must_be_a_positive_whole_number()
    {
        var root = Minimal();
        root["version"] = 1.5;
        AssertProblem(root, "test.json: $.version: must be a whole number of 1 or more, found a number 1.5");
    }

    [Fact]
    public void Missing_audience_is_rejected()
    {
        var root = Minimal();
        root.Remove("audience");
        AssertProblem(root, "test.json: $.audience: required property 'audience' is missing");
    }

    [Fact]
    public void Unknown_audience_is_rejected()
    {
        var root = Minimal();
        root["audience"] = "kinderen";
        AssertProblem(root, "test.json: $.audience: unknown audience 'kinderen' (expected 'ouders' or 'jongeren')");
    }

    [Fact]
    public void Unknown_item_type_is_rejected()
    {
        var root = Minimal();
        Item(root, 0)["type"] = "slider";
        AssertProblem(root, "test.json: $.sections[0].items[0].type: unknown item type 'slider'");
    }

    [Fact]
    public void Duplicate_item_id_is_rejected()
    {
        var root = Minimal();
        Item(root, 5)["id"] = "q1";
        AssertProblem(root, "test.json: $.sections[0].items[5].id: duplicate item id 'q1' (first used at $.sections[0].items[0])");
    }

    [Fact]
    public void Item_id_must_be_a_form_field_name()
    {
        var root = Minimal();
        Item(root, 5)["id"] = "Wat-ging-goed";
        AssertProblem(root, "test.json: $.sections[0].items[5].id: 'Wat-ging-goed' is not a valid id; it must match ^[a-z][a-z0-9_]*$");
    }

    [Fact]
    public void Single_choice_without_options_is_rejected()
    {
        var root = Minimal();
        Item(root, 1).Remove("options");
        AssertProblem(root, "test.json: $.sections[0].items[1].options: single items need 'options' (at least two)");
    }

    [Fact]
    public void Multiple_choice_with_one_option_is_rejected()
    {
        var root = Minimal();
        Item(root, 4)["options"]!.AsArray().RemoveAt(1);
        AssertProblem(root, "test.json: $.sections[0].items[4].options: multiple items need at least two options, found 1");
    }

    [Fact]
    public void Duplicate_option_code_is_rejected()
    {
        var root = Minimal();
        Item(root, 1)["options"]![1]!["code"] = "ja";
        AssertProblem(root, "test.json: $.sections[0].items[1].options[1].code: duplicate option code 'ja'");
    }

    [Fact]
    public void ShowIf_referring_to_unknown_item_is_rejected()
    {
        var root = Minimal();
        Item(root, 2)["showIf"]!["item"] = "bestaat_niet";
        AssertProblem(root, "test.json: $.sections[0].items[2].showIf.item: refers to unknown item 'bestaat_niet'");
    }

    [Fact]
    public void ShowIf_referring_to_later_item_is_rejected()
    {
        var root = Minimal();
        Item(root, 0)["showIf"] = new JsonObject { ["item"] = "gestopt", ["equals"] = new JsonArray("ja") };
        AssertProblem(root, "test.json: $.sections[0].items[0].showIf.item: refers to item 'gestopt' which comes later ($.sections[0].items[1]); showIf may only refer to earlier items");
    }

    [Fact]
    public void ShowIf_value_must_be_an_option_code_of_the_item()
    {
        var root = Minimal();
        Item(root, 2)["showIf"]!["equals"] = new JsonArray("ja", "misschien");
        AssertProblem(root, "test.json: $.sections[0].items[2].showIf.equals[1]: 'misschien' is not an answer code of item 'gestopt' (allowed: ja, nee)");
    }

    [Fact]
    public void ShowIf_on_open_item_is_rejected()
    {
        var root = Minimal();
        Item(root, 5)["showIf"] = new JsonObject { ["item"] = "cijfer", ["equals"] = new JsonArray("10") };
        AssertProblem(root, "test.json: $.sections[0].items[5].showIf.item: refers to mark item 'cijfer'; showIf can only refer to agreement, single or multiple items");
    }

    [Fact]
    public void Undeclared_indicator_is_rejected()
    {
        var root = Minimal();
        Item(root, 0)["indicator"] = "tevredenheid";
        AssertProblem(root, "test.json: $.sections[0].items[0].indicator: indicator 'tevredenheid' is not declared in $.indicators");
    }

    [Fact]
    public void Mark_item_cannot_feed_agree_indicator()
    {
        var root = Minimal();
        Item(root, 3)["indicator"] = "toegang";
        AssertProblem(root, "test.json: $.sections[0].items[3].indicator: indicator 'toegang' uses the 'agree' rule; a mark item needs an indicator with the 'mark' rule");
    }

    [Fact]
    public void Indicator_without_items_is_rejected()
    {
        var root = Minimal();
        root["indicators"]!.AsArray().Add(new JsonObject { ["id"] = "effect", ["label"] = "Effect", ["positive"] = "agree" });
        AssertProblem(root, "test.json: $.indicators[2]: indicator 'effect' is not fed by any item");
    }

    [Fact]
    public void Translation_language_key_must_be_a_language_code()
    {
        var root = Minimal();
        root["translations"]!["English"] = new JsonObject { ["title"] = "Test" };
        AssertProblem(root, "test.json: $.translations.English: 'English' is not a valid language code");
    }

    [Fact]
    public void Dutch_cannot_be_a_translation()
    {
        var root = Minimal();
        root["translations"]!["nl"] = new JsonObject { ["title"] = "Test" };
        AssertProblem(root, "test.json: $.translations.nl: Dutch ('nl') is the base text of the definition and cannot be a translation");
    }

    [Fact]
    public void Translation_for_unknown_item_is_rejected()
    {
        var root = Minimal();
        root["translations"]!["en"]!["items"]!["q99"] = new JsonObject { ["text"] = "Question 99" };
        AssertProblem(root, "test.json: $.translations.en.items.q99: translation for unknown item id 'q99'");
    }

    [Fact]
    public void Translation_for_unknown_option_code_is_rejected()
    {
        var root = Minimal();
        root["translations"]!["en"]!["items"]!["gestopt"] = new JsonObject { ["options"] = new JsonObject { ["misschien"] = "Maybe" } };
        AssertProblem(root, "test.json: $.translations.en.items.gestopt.options.misschien: 'misschien' is not a known option code of item 'gestopt'");
    }

    [Fact]
    public void Empty_dutch_text_is_rejected()
    {
        var root = Minimal();
        Item(root, 0)["text"] = "   ";
        AssertProblem(root, "test.json: $.sections[0].items[0].text: 'text' must not be empty");
    }

    [Fact]
    public void Missing_intro_is_rejected()
    {
        var root = Minimal();
        root.Remove("intro");
        AssertProblem(root, "test.json: $.intro: required property 'intro' is missing");
    }

    [Fact]
    public void Mark_item_with_options_is_rejected()
    {
        var root = Minimal();
        Item(root, 3)["options"] = new JsonArray(new JsonObject { ["code"] = "1", ["label"] = "1" });
        AssertProblem(root, "test.json: $.sections[0].items[3].options: mark items must not have options");
    }

    [Fact]
    public void Agreement_item_with_options_is_rejected()
    {
        var root = Minimal();
        Item(root, 0)["options"] = new JsonArray(new JsonObject { ["code"] = "ja", ["label"] = "Ja" });
        AssertProblem(root, "test.json: $.sections[0].items[0].options: agreement items must not have options; they use the fixed scale 1..5 and 'wn'");
    }

    [Fact]
    public void Empty_section_is_rejected()
    {
        var root = Minimal();
        root["sections"]!.AsArray().Add(new JsonObject { ["id"] = "s2", ["title"] = "Leeg", ["items"] = new JsonArray() });
        AssertProblem(root, "test.json: $.sections[1].items: section has no items; a section needs at least one item");
    }

    [Fact]
    public void Unknown_property_is_rejected()
    {
        var root = Minimal();
        Item(root, 0)["requird"] = true;
        AssertProblem(root, "test.json: $.sections[0].items[0].requird: unknown property 'requird'");
    }

    [Fact]
    public void Duplicate_json_property_is_rejected()
    {
        var json = MinimalJson.Replace("\"title\": \"Test\",", "\"title\": \"Test\", \"title\": \"Nog een keer\",", StringComparison.Ordinal);
        var ex = Rejected(json);
        Assert.Contains(ex.Problems, p => p.ToString() == "test.json: $.title: duplicate property 'title'");
    }

    [Fact]
    public void Every_problem_is_reported_at_once()
    {
        var root = Minimal();
        root["audience"] = "kinderen";
        Item(root, 0)["type"] = "slider";
        Item(root, 1)["options"]![1]!["code"] = "ja";
        var ex = Rejected(root.ToJsonString());
        Assert.Equal(3, ex.Problems.Count);
        Assert.Contains("3 problems", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Stream_overload_parses_utf8()
    {
        using var stream = new MemoryStream(System.Text.Encoding.UTF8.GetBytes(MinimalJson));
        Assert.Equal("test-def", SurveyDefinitionLoader.Parse(stream, FileName).Id);
    }

    [Fact]
    public void InLanguage_uses_translation_and_falls_back_to_dutch()
    {
        var definition = MinimalDefinition();
        var english = definition.InLanguage("en");
        Assert.Equal("Question 1", english.FindItem("q1")!.Text);
        Assert.Equal("Vervolg", english.FindItem("vervolg")!.Text);
        Assert.Equal("Welkom.", english.Intro);
        Assert.Same(definition, definition.InLanguage("xx"));
        Assert.Same(definition, definition.InLanguage("nl"));
    }
}
