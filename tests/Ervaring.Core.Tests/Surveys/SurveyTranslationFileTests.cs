using System.Text.Json.Nodes;
using Ervaring.Core.Surveys;
using static Ervaring.Core.Tests.Surveys.SurveyTestData;

namespace Ervaring.Core.Tests.Surveys;

/// <summary>
/// Translation files next to a definition ({id}.v{n}.{lang}.json): merged by the loader, complete from version 2 on
/// (every omission refused with file, language and JSON path), and part of the snapshot a wave keeps.
/// </summary>
public sealed class SurveyTranslationFileTests : IDisposable
{
    private const string Definition = "ceo-jeugd-ouders.v2.json";
    private const string English = "ceo-jeugd-ouders.v2.en.json";
    private readonly string _folder = Directory.CreateTempSubdirectory("ervaring-vertaling-").FullName;

    public SurveyTranslationFileTests()
    {
        File.Copy(Path.Combine(DefinitionsDirectory(), Definition), Path.Combine(_folder, Definition));
        File.Copy(Path.Combine(DefinitionsDirectory(), English), Path.Combine(_folder, English));
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private void ChangeEnglish(Action<JsonObject> change)
    {
        var path = Path.Combine(_folder, English);
        var root = JsonNode.Parse(File.ReadAllText(path))!.AsObject();
        change(root);
        File.WriteAllText(path, root.ToJsonString());
    }

    private SurveyDefinitionProblem SingleProblem()
    {
        var ex = Assert.Throws<SurveyDefinitionException>(() => SurveyDefinitionLoader.LoadDirectory(_folder));
        return Assert.Single(ex.Problems);
    }

    [Fact]
    public void A_complete_translation_file_is_merged_into_its_definition()
    {
        var definition = Assert.Single(SurveyDefinitionLoader.LoadDirectory(_folder));

        Assert.Equal(["nl", "en"], definition.Languages);
        Assert.Equal("Start", definition.PageTexts("en")["start"]);
        Assert.Equal("How many weeks were there between your request for help and the start of the help?", definition.InLanguage("en").FindItem("toegang_wachten")!.Text);
    }

    [Fact]
    public void A_missing_item_text_is_refused_with_file_language_and_path()
    {
        ChangeEnglish(root => root["items"]!["een_plan"]!.AsObject().Remove("text"));

        Assert.Equal($"{English}: $.items.een_plan.text: the 'en' translation misses the text of item 'een_plan'", SingleProblem().ToString());
    }

    [Fact]
    public void A_missing_option_is_refused_with_file_language_and_path()
    {
        ChangeEnglish(root => root["items"]!["een_plan"]!["options"]!.AsObject().Remove("weet_niet"));

        Assert.Equal($"{English}: $.items.een_plan.options.weet_niet: the 'en' translation misses option 'weet_niet' of item 'een_plan'", SingleProblem().ToString());
    }

    [Fact]
    public void A_missing_dont_know_of_a_number_item_is_refused()
    {
        ChangeEnglish(root => root["items"]!["toegang_wachten"]!.AsObject().Remove("options"));

        Assert.Equal($"{English}: $.items.toegang_wachten.options.wn: the 'en' translation misses option 'wn' of item 'toegang_wachten'", SingleProblem().ToString());
    }

    [Fact]
    public void A_missing_page_text_is_refused_with_file_language_and_path()
    {
        ChangeEnglish(root => root["page"]!.AsObject().Remove("submit"));

        Assert.Equal($"{English}: $.page.submit: the 'en' translation misses page text 'submit'", SingleProblem().ToString());
    }

    [Fact]
    public void A_missing_section_title_help_unit_or_scale_label_is_refused()
    {
        ChangeEnglish(root =>
        {
            root["sections"]!.AsObject().Remove("samenwerking");
            root["items"]!["toegang_wachten"]!.AsObject().Remove("help");
            root["items"]!["toegang_wachten"]!.AsObject().Remove("unit");
            root["agreementScale"]!.AsObject().Remove("wn");
        });

        var ex = Assert.Throws<SurveyDefinitionException>(() => SurveyDefinitionLoader.LoadDirectory(_folder));
        Assert.Equal(
            [
                $"{English}: $.sections.samenwerking: the 'en' translation misses the title of section 'samenwerking'",
                $"{English}: $.agreementScale.wn: the 'en' translation misses agreement scale code 'wn'",
                $"{English}: $.items.toegang_wachten.help: the 'en' translation misses the help of item 'toegang_wachten'",
                $"{English}: $.items.toegang_wachten.unit: the 'en' translation misses the unit of item 'toegang_wachten'",
            ],
            ex.Problems.Select(p => p.ToString()));
    }

    [Fact]
    public void A_translation_file_with_an_unknown_property_or_without_its_definition_is_refused()
    {
        ChangeEnglish(root => root["items"]!["een_plan"]!["txt"] = "typo");
        Assert.Equal($"{English}: $.items.een_plan.txt: unknown property 'txt' (allowed: text, help, unit, options)", SingleProblem().ToString());

        File.Copy(Path.Combine(DefinitionsDirectory(), English), Path.Combine(_folder, English), overwrite: true);
        File.Copy(Path.Combine(DefinitionsDirectory(), English), Path.Combine(_folder, "ceo-jeugd-ouders.v3.en.json"));
        Assert.StartsWith("ceo-jeugd-ouders.v3.en.json: $: translation of 'ceo-jeugd-ouders' version 3, but", SingleProblem().ToString());
    }

    [Fact]
    public void The_snapshot_holds_every_language_and_a_version_1_snapshot_is_the_file_byte_for_byte()
    {
        var snapshot = SurveyDefinitionLoader.SnapshotJson(DefinitionsDirectory(), "ceo-jeugd-ouders", 2);
        var fromSnapshot = SurveyDefinitionLoader.Parse(snapshot, "snapshot.json");
        var fromFolder = SurveyDefinitionLoader.LoadDirectory(DefinitionsDirectory()).Single(d => d is { Id: "ceo-jeugd-ouders", Version: 2 });
        Assert.Equal(fromFolder.Languages, fromSnapshot.Languages);
        Assert.True(fromSnapshot.IsRightToLeft("ar"));
        Assert.Equal(fromFolder.PageTexts("ti")["readAloud"], fromSnapshot.PageTexts("ti")["readAloud"]);

        foreach (var id in new[] { "ceo-jeugd-ouders", "ceo-jeugd-jongeren" })
            Assert.Equal(File.ReadAllText(Path.Combine(DefinitionsDirectory(), $"{id}.v1.json")), SurveyDefinitionLoader.SnapshotJson(DefinitionsDirectory(), id, 1));
    }
}
