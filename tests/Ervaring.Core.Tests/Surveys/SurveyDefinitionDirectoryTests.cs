using Ervaring.Core.Sampling;
using Ervaring.Core.Surveys;
using static Ervaring.Core.Tests.Surveys.SurveyTestData;

namespace Ervaring.Core.Tests.Surveys;

public class SurveyDefinitionDirectoryTests
{
    [Fact]
    public void Real_definitions_load_and_validate()
    {
        var definitions = SurveyDefinitionLoader.LoadDirectory(DefinitionsDirectory());

        Assert.Contains(definitions, d => d is { Id: "ceo-jeugd-ouders", Version: 1, Audience: Audience.Ouders });
        Assert.Contains(definitions, d => d is { Id: "ceo-jeugd-jongeren", Version: 1, Audience: Audience.Jongeren });
        Assert.Contains(definitions, d => d is { Id: "ceo-jeugd-ouders", Version: 2, Audience: Audience.Ouders });
        Assert.Contains(definitions, d => d is { Id: "ceo-jeugd-jongeren", Version: 2, Audience: Audience.Jongeren });
    }

    [Theory]
    [InlineData("ceo-jeugd-ouders.v1.json")]
    [InlineData("ceo-jeugd-jongeren.v1.json")]
    public void Real_definition_covers_the_themes(string file)
    {
        var definition = SurveyDefinitionLoader.Parse(File.ReadAllText(Path.Combine(DefinitionsDirectory(), file)), file);

        Assert.Equal(["toegang", "kwaliteit", "effect", "rapportcijfer"], definition.Indicators.Select(i => i.Id));
        Assert.Equal(4, definition.ItemsOf("toegang").Count);
        Assert.Equal(5, definition.ItemsOf("kwaliteit").Count);
        Assert.Equal(5, definition.ItemsOf("effect").Count);
        Assert.Equal(ItemType.Mark, Assert.Single(definition.ItemsOf("rapportcijfer")).Type);
        Assert.Equal(2, definition.Items.Count(i => i.Type == ItemType.Open));
        Assert.Contains(definition.Items, i => i.ShowIf is { Item: "hulp_gestopt" });
        var closed = definition.Items.Count(i => i.Type != ItemType.Open);
        Assert.InRange(closed, 15, 20);
        // Voluntary: "vrijwillig" for parents, "het hoeft niet" for young people.
        Assert.Matches("vrijwillig|hoeft niet", definition.Intro);
        Assert.Contains("anoniem", definition.Intro, StringComparison.Ordinal);
        Assert.Contains("5 minuten", definition.Intro, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("ceo-jeugd-ouders.v1.json", @"\b(je|jij|jou|jouw)\b")]
    [InlineData("ceo-jeugd-jongeren.v1.json", @"\b(u|uw)\b")]
    [InlineData("ceo-jeugd-ouders.v2.json", @"\b(je|jij|jou|jouw)\b")]
    [InlineData("ceo-jeugd-jongeren.v2.json", @"\b(u|uw)\b")]
    public void Real_definition_addresses_its_audience_consistently(string file, string wrongForm)
    {
        var definition = SurveyDefinitionLoader.Parse(File.ReadAllText(Path.Combine(DefinitionsDirectory(), file)), file);
        var texts = new[] { definition.Title, definition.Intro }
            .Concat(definition.Sections.Select(s => s.Title))
            .Concat(definition.Items.SelectMany(i => new[] { i.Text, i.Help ?? "" }.Concat(i.Options.Select(o => o.Label))));
        Assert.All(texts, t => Assert.DoesNotMatch(new System.Text.RegularExpressions.Regex(wrongForm, System.Text.RegularExpressions.RegexOptions.IgnoreCase), t));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void Parents_definition_is_fully_translated_to_english(int version)
    {
        var definition = SurveyDefinitionLoader.LoadDirectory(DefinitionsDirectory()).Single(d => d is { Id: "ceo-jeugd-ouders" } && d.Version == version);
        Assert.Contains("en", definition.Languages);

        var english = definition.InLanguage("en");
        foreach (var (nl, en) in definition.Items.Zip(english.Items))
        {
            Assert.NotEqual(nl.Text, en.Text);
            if (nl.Help is not null)
            {
                Assert.NotEqual(nl.Help, en.Help);
            }
            foreach (var (nlOption, enOption) in nl.Options.Zip(en.Options))
            {
                Assert.NotEqual(nlOption.Label, enOption.Label);
            }
        }
        Assert.NotEqual(definition.Intro, english.Intro);
        Assert.All(english.Sections.Zip(definition.Sections), s => Assert.NotEqual(s.Second.Title, s.First.Title));
    }

    [Fact]
    public void Directory_rejects_duplicate_id_and_version_and_reports_all_files()
    {
        var dir = Directory.CreateTempSubdirectory("ervaring-surveys-");
        try
        {
            File.WriteAllText(Path.Combine(dir.FullName, "test-def.v1.json"), MinimalJson);
            File.WriteAllText(Path.Combine(dir.FullName, "test-def-copy.json"), MinimalJson);
            File.WriteAllText(Path.Combine(dir.FullName, "broken.json"), MinimalJson.Replace("\"ouders\"", "\"kinderen\"", StringComparison.Ordinal));

            var ex = Assert.Throws<SurveyDefinitionException>(() => SurveyDefinitionLoader.LoadDirectory(dir.FullName));
            var messages = ex.Problems.Select(p => p.ToString()).ToArray();

            Assert.Contains("broken.json: $.audience: unknown audience 'kinderen' (expected 'ouders' or 'jongeren')", messages);
            Assert.Contains("test-def.v1.json: $.version: id 'test-def' version 1 is already defined in 'test-def-copy.json'", messages);
            Assert.Contains("test-def-copy.json: $: file name must be 'test-def.v1.json' to match id 'test-def' and version 1", messages);
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }
}
