using Ervaring.Core.Comparison;
using Ervaring.Core.Surveys;
using Ervaring.Core.Tests.Surveys;

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
                first with { Version = 2, SameAs = new CodebookItemRef(first.Questionnaire, 1, "bestaat_niet") },
            ],
        };
        var errors = broken.Check(Definitions());
        Assert.Contains(errors, e => e.Contains($"Vraag '{codebook.Items[0].Item}' van {codebook.Items[0].Questionnaire} versie 1 moet precies één keer", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Contains("thema 'BESTAAT-NIET' bestaat niet", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Contains($"Vraag '{first.Item}' van {first.Questionnaire} versie 2 bestaat niet", StringComparison.Ordinal));
    }

    [Fact]
    public void A_later_version_points_to_its_earlier_item_as_the_same()
    {
        // A v2 of a questionnaire with one item kept as it was: its entry says "sameAs" the v1 item, and that checks out.
        var definitions = Definitions();
        var v1 = definitions.First();
        var v2 = v1 with { Version = 2 };
        var codebook = Codebook.Parse(File.ReadAllText(CodebookPath()));
        var v2Items = codebook.Items.Where(e => e.Questionnaire == v1.Id).Select(e => e with { Version = 2, SameAs = new CodebookItemRef(v1.Id, 1, e.Item) });
        var extended = codebook with { Items = [.. codebook.Items, .. v2Items] };
        Assert.Empty(extended.Check([.. definitions, v2]));
        var backwards = extended with { Items = [.. codebook.Items, .. v2Items.Select(e => e with { SameAs = e.SameAs! with { Version = 3 } })] };
        Assert.Contains(backwards.Check([.. definitions, v2]), e => e.Contains("eerdere versie", StringComparison.Ordinal));
    }

    [Fact]
    public void Unknown_properties_are_refused() =>
        Assert.ThrowsAny<System.Text.Json.JsonException>(() => Codebook.Parse("""{"version":1,"themes":[],"indicators":[],"items":[],"extra":1}"""));
}
