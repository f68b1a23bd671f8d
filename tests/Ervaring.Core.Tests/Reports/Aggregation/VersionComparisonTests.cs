using Ervaring.Core.Comparison;
using Ervaring.Core.Reports;
using Ervaring.Core.Reports.Aggregation;
using Ervaring.Core.Waves;

namespace Ervaring.Core.Tests.Reports.Aggregation;

/// <summary>
/// Issue 16, point 2: a trend (and pooled years) only between identical figures, as the codebook says, and the mark
/// "nieuw dit jaar" on a total with no identical figure in the previous wave's questionnaire version.
/// </summary>
public sealed class VersionComparisonTests
{
    private const string Id = "test-def";

    /// <summary>A codebook for the minimal questionnaire in versions 1 and 2: q1 is the same only when <paramref name="q1Same"/>.</summary>
    private static Codebook Book(bool q1Same, bool toegangSame)
    {
        string[] items = ["q1", "gestopt", "vervolg", "cijfer", "plek", "opmerking"];
        var v1 = items.Select(i => new CodebookItem(Id, 1, i, []));
        var v2 = items.Select(i => new CodebookItem(Id, 2, i, [], i != "q1" || q1Same ? new CodebookItemRef(Id, 1, i) : null));
        IReadOnlyList<CodebookVersions> both = [new CodebookVersions(Id, [1, 2])];
        return new Codebook(1, [], [new CodebookIndicator("toegang", [], toegangSame ? both : null), new CodebookIndicator("rapportcijfer", [], both)], [.. v1, .. v2]);
    }

    /// <summary>This year's wave on version 2, after a published wave of 2025 on <paramref name="earlierVersion"/>.</summary>
    private static WaveAggregate Aggregate(Codebook? codebook, int earlierVersion = 1)
    {
        var wave = AggregationTestWave.FromFixture("referrer_prop");
        var design = wave.Design(new ReportScope("G1", false));
        design = design with { Audiences = [design.Audiences[0] with { Definition = design.Audiences[0].Definition with { Version = 2 } }] };
        var first = WaveAggregator.Aggregate(design, wave.Responses, AggregationTestWave.Context());
        var earlier = new WaveAggregate
        {
            WaveId = "w-2025",
            Status = AggregateStatus.Draft,
            Estimates = [.. first.Estimates.Where(e => e.Dimension == Dimensions.Total).Select(e => e with { Value = e.Value * 0.5 })],
        };
        var published = new PublishedAggregate("w-2025", 2025, earlier, new Dictionary<string, DefinitionRef> { ["ouders"] = new(Id, earlierVersion) });
        return WaveAggregator.Aggregate(design, wave.Responses, AggregationTestWave.Context(earlier: [published]) with { Codebook = codebook });
    }

    [Fact]
    public void An_indicator_that_is_not_the_same_across_versions_gets_no_trend_and_is_new_this_year()
    {
        // The fixture answers q1 only, so the figures are q1 and the indicator toegang.
        var aggregate = Aggregate(Book(q1Same: true, toegangSame: false));
        Assert.DoesNotContain(aggregate.Trends, t => t.Measure == "toegang");
        Assert.Equal([("toegang", MeasureTypes.Indicator, "G1", 2025)], aggregate.NewThisYear.Select(n => (n.Measure, n.MeasureType, n.Scope, n.EarlierYear)));

        // An item that is not the same is new on its own; the indicator stays comparable.
        var itemOnly = Aggregate(Book(q1Same: false, toegangSame: true));
        Assert.Contains(itemOnly.Trends, t => t.Measure == "toegang" && t.EarlierYear == 2025);
        Assert.Equal(["q1"], itemOnly.NewThisYear.Select(n => n.Measure));
    }

    [Fact]
    public void Figures_the_codebook_calls_the_same_keep_their_trend_and_no_mark()
    {
        var aggregate = Aggregate(Book(q1Same: true, toegangSame: true));
        Assert.Contains(aggregate.Trends, t => t.Measure == "toegang" && t.EarlierYear == 2025);
        Assert.Empty(aggregate.NewThisYear);
        // The same version in both years is always the same, whatever the codebook says of other versions.
        Assert.Empty(Aggregate(Book(q1Same: false, toegangSame: false), earlierVersion: 2).NewThisYear);
    }

    [Fact]
    public void An_earlier_wave_without_its_questionnaire_is_not_compared_when_there_is_a_codebook()
    {
        var wave = AggregationTestWave.FromFixture("referrer_prop");
        var design = wave.Design(new ReportScope("G1", false));
        var now = WaveAggregator.Aggregate(design, wave.Responses, AggregationTestWave.Context());
        var earlier = new PublishedAggregate("w-2025", 2025, now with { WaveId = "w-2025" });
        Assert.NotEmpty(WaveAggregator.Aggregate(design, wave.Responses, AggregationTestWave.Context(earlier: [earlier])).Trends);
        var strict = WaveAggregator.Aggregate(design, wave.Responses, AggregationTestWave.Context(earlier: [earlier]) with { Codebook = Book(true, true) });
        Assert.Empty(strict.Trends);
    }

    [Fact]
    public void Same_follows_a_chain_of_same_as_and_never_crosses_questionnaires()
    {
        var book = Book(q1Same: true, toegangSame: false) is var b
            ? b with { Items = [.. b.Items, new CodebookItem(Id, 3, "q1", [], new CodebookItemRef(Id, 2, "q1")), new CodebookItem(Id, 3, "plek", [])] }
            : null!;
        Assert.True(book.Same(MeasureTypes.Item, "q1", new DefinitionRef(Id, 1), new DefinitionRef(Id, 3)));
        Assert.False(book.Same(MeasureTypes.Item, "plek", new DefinitionRef(Id, 1), new DefinitionRef(Id, 3)));
        Assert.True(book.Same(MeasureTypes.Item, "plek", new DefinitionRef(Id, 1), new DefinitionRef(Id, 2)));
        Assert.False(book.Same(MeasureTypes.Item, "q1", new DefinitionRef(Id, 1), new DefinitionRef("ander", 1)));
        Assert.False(book.Same(MeasureTypes.Indicator, "toegang", new DefinitionRef(Id, 1), new DefinitionRef(Id, 2)));
        Assert.True(book.Same(MeasureTypes.Indicator, "rapportcijfer", new DefinitionRef(Id, 1), new DefinitionRef(Id, 2)));
    }
}
