using Ervaring.Core.Comparison;
using Ervaring.Core.Surveys;
using Ervaring.Core.Tests.Surveys;
using Ervaring.Core.Waves;

namespace Ervaring.Core.Tests.Comparison;

/// <summary>Issue 14, point 4: the committed codebook covers every indicator and item, and its checks catch what goes wrong.</summary>
public sealed class CodebookTests
{
    private static string CodebookPath() => Path.Combine(SurveyTestData.DefinitionsDirectory(), "codebook", "codebook.json");

    private static IReadOnlyCollection<SurveyDefinition> Definitions() => SurveyDefinitionLoader.LoadDirectory(SurveyTestData.DefinitionsDirectory());

    [Fact]
    public void The_committed_codebook_covers_every_indicator_and_item_of_every_questionnaire()
    {
        var codebook = Codebook.Parse(File.ReadAllText(CodebookPath()));
        Assert.Empty(codebook.Check(Definitions()));
        // Every indicator that is reported maps to at least one national theme.
        Assert.All(codebook.Indicators, i => Assert.NotEmpty(i.Themes));
    }

    [Fact]
    public void A_missing_item_an_unknown_theme_and_a_wrong_same_as_are_named_in_Dutch()
    {
        var codebook = Codebook.Parse(File.ReadAllText(CodebookPath()));
        var first = codebook.Items[2];
        var broken = codebook with
        {
            Items =
            [
                .. codebook.Items.Skip(3),
                first with { Themes = ["BESTAAT-NIET"] },
                // Version 3 exists for no questionnaire (version 2 does, since issue 16).
                first with { Version = 3, SameAs = new CodebookItemRef(first.Questionnaire, 1, "bestaat_niet") },
            ],
        };
        var errors = broken.Check(Definitions());
        Assert.Contains(errors, e => e.Contains($"Vraag '{codebook.Items[0].Item}' van {codebook.Items[0].Questionnaire} versie 1 moet precies één keer", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Contains("thema 'BESTAAT-NIET' bestaat niet", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Contains($"Vraag '{first.Item}' van {first.Questionnaire} versie 3 bestaat niet", StringComparison.Ordinal));
    }

    [Fact]
    public void A_later_version_points_to_its_earlier_item_as_the_same()
    {
        // A later version (3: one that does not exist yet, so it collides with nothing committed) keeps every v1 item as it
        // was: its entries say "sameAs" the v1 item, and that checks out; pointing forward instead is refused.
        var definitions = Definitions();
        var v1 = definitions.First(d => d.Version == 1);
        var v3 = v1 with { Version = 3 };
        var codebook = Codebook.Parse(File.ReadAllText(CodebookPath()));
        var v3Items = codebook.Items.Where(e => e.Questionnaire == v1.Id && e.Version == 1).Select(e => e with { Version = 3, SameAs = new CodebookItemRef(v1.Id, 1, e.Item) }).ToList();
        var extended = codebook with { Items = [.. codebook.Items, .. v3Items] };
        Assert.Empty(extended.Check([.. definitions, v3]));
        var backwards = extended with { Items = [.. codebook.Items, .. v3Items.Select(e => e with { SameAs = e.SameAs! with { Version = 4 } })] };
        Assert.Contains(backwards.Check([.. definitions, v3]), e => e.Contains("eerdere versie", StringComparison.Ordinal));
    }

    [Fact]
    public void The_committed_codebook_says_v2_keeps_every_v1_item_and_indicator_and_adds_new_ones()
    {
        var codebook = Codebook.Parse(File.ReadAllText(CodebookPath()));
        foreach (var id in new[] { "ceo-jeugd-ouders", "ceo-jeugd-jongeren" })
        {
            DefinitionRef v1 = new(id, 1), v2 = new(id, 2);
            foreach (var item in codebook.Items.Where(e => e.Questionnaire == id && e.Version == 1))
                Assert.True(codebook.Same(Ervaring.Core.Reports.MeasureTypes.Item, item.Item, v1, v2), $"{id} {item.Item}");
            foreach (var indicator in new[] { "toegang", "kwaliteit", "effect", "rapportcijfer" })
                Assert.True(codebook.Same(Ervaring.Core.Reports.MeasureTypes.Indicator, indicator, v1, v2), $"{id} {indicator}");
            foreach (var item in new[] { "toegang_wachten", "een_regisseur", "een_plan", "eigen_netwerk", "hulp_dichtbij", "na_18", "maatregel_uitleg" })
                Assert.False(codebook.Same(Ervaring.Core.Reports.MeasureTypes.Item, item, v1, v2), $"{id} {item}");
        }
    }

    [Fact]
    public void A_same_in_group_naming_a_version_without_the_indicator_is_refused()
    {
        var codebook = Codebook.Parse(File.ReadAllText(CodebookPath()));
        var broken = codebook with { Indicators = [.. codebook.Indicators.Skip(1), codebook.Indicators[0] with { SameIn = [new CodebookVersions("ceo-jeugd-ouders", [1, 7])] }] };
        Assert.Contains(broken.Check(Definitions()), e => e.Contains("versie 7 van ceo-jeugd-ouders", StringComparison.Ordinal));
    }

    [Fact]
    public void Unknown_properties_are_refused() =>
        Assert.ThrowsAny<System.Text.Json.JsonException>(() => Codebook.Parse("""{"version":1,"themes":[],"indicators":[],"items":[],"extra":1}"""));
}
