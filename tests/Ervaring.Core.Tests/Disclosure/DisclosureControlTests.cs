using Ervaring.Core.Disclosure;

namespace Ervaring.Core.Tests.Disclosure;

public class DisclosureControlTests
{
    private static TableCell C(string id, long n, double pct = 50) => new(id, n, pct);

    [Fact]
    public void Minimum_below_five_is_rejected()
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => new DisclosureControl(4));
        Assert.Contains("minstens 5", ex.Message);
        Assert.Equal(5, new DisclosureControl(5).MinimumRespondents);
    }

    [Fact]
    public void Small_cell_and_next_smallest_sibling_are_hidden_with_Dutch_reasons()
    {
        var table = DisclosureTable.OneWay([C("a", 4), C("b", 30), C("c", 12), C("d", 50)], C("totaal", 96));
        var safe = new DisclosureControl().Apply(table);
        Assert.Equal("minder dan 10 respondenten", safe["a"].SuppressionReason);
        Assert.Equal("aanvullend verborgen zodat een verborgen cel niet terug te rekenen is", safe["c"].SuppressionReason);
        Assert.False(safe["b"].IsSuppressed);
        Assert.False(safe["totaal"].IsSuppressed);
        Assert.Equal(4, safe["a"].Respondents); // counts stay visible
    }

    [Fact]
    public void Configured_k_is_used()
    {
        var safe = new DisclosureControl(20).Apply(DisclosureTable.OneWay([C("a", 15), C("b", 30), C("c", 25)], C("t", 70)));
        Assert.Equal("minder dan 20 respondenten", safe["a"].SuppressionReason);
        Assert.True(safe["c"].IsSuppressed);
    }

    [Theory]
    [InlineData(72.5, 73)]
    [InlineData(72.49, 72)]
    [InlineData(0.5, 1)]
    [InlineData(99.5, 100)]
    public void Percentages_are_rounded_half_away_from_zero(double pct, int shown)
    {
        var safe = new DisclosureControl().Apply(DisclosureTable.OneWay([C("a", 40, pct), C("b", 60)], C("t", 100)));
        Assert.Equal(shown, safe["a"].Percentage);
    }

    [Fact]
    public void Two_way_suppression_spreads_across_rows_and_columns()
    {
        var interior = new[,] { { C("r0c0", 3), C("r0c1", 40), C("r0c2", 20) }, { C("r1c0", 30), C("r1c1", 50), C("r1c2", 60) } };
        var table = DisclosureTable.TwoWay(interior, [C("r0", 63), C("r1", 140)], [C("c0", 33), C("c1", 90), C("c2", 80)], C("t", 203));
        var safe = new DisclosureControl().Apply(table);
        Assert.True(safe["r0c0"].IsSuppressed);
        Assert.True(safe["r0c2"].IsSuppressed); // smallest sibling in row 0
        Assert.True(safe["r1c0"].IsSuppressed); // column 0 would reveal r0c0
        Assert.True(safe["r1c2"].IsSuppressed); // then row 1 / column 2
        Assert.Equal(4, safe.Cells.Count(c => c.IsSuppressed));
    }
}
