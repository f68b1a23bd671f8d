using Ervaring.Core.Disclosure;
using Ervaring.Core.Reports;

namespace Ervaring.Core.Tests.Reports;

/// <summary>
/// Issue 20, point 5: an indicator has one name wherever a reader meets it, and a breakdown by age band comes in age
/// order — in the figures the report, its CSV and its JSON are made from.
/// </summary>
public sealed class IndicatorLabelsAndOrderTests
{
    [Fact]
    public void Each_headline_indicator_has_one_distinct_name_and_an_unknown_one_keeps_its_own()
    {
        var names = PlainLabels.Indicators.Select(i => PlainLabels.Indicator(i)).ToList();
        Assert.Equal(["Hulp krijgen", "Kwaliteit van de hulp", "Wat de hulp oplevert", "Rapportcijfer"], names);
        Assert.Equal("Betrokkenheid", PlainLabels.Indicator("betrokkenheid", "Betrokkenheid"));
        Assert.Equal("betrokkenheid", PlainLabels.Indicator("betrokkenheid"));
        Assert.Equal("Hulp krijgen, Kwaliteit van de hulp, Wat de hulp oplevert of Rapportcijfer", PlainLabels.IndicatorList("of"));
    }

    [Fact]
    public void Published_figures_carry_the_one_name_for_an_indicator_and_the_question_text_for_an_item()
    {
        var rows = new[]
        {
            Row(Dimensions.Total, "totaal", 200, MeasureTypes.Indicator, "toegang", "Toegang tot de hulp"),
            Row(Dimensions.Total, "totaal", 200, MeasureTypes.Item, "toegang_snel", "De hulp begon snel genoeg."),
        };
        var figures = PublicTables.Protect(rows, new DisclosureControl(10));
        Assert.Equal("Hulp krijgen", figures.Single(f => f.Measure == "toegang").Label);
        Assert.Equal("De hulp begon snel genoeg.", figures.Single(f => f.Measure == "toegang_snel").Label);
    }

    [Fact]
    public void Age_bands_come_in_age_order_whatever_order_the_estimates_arrive_in()
    {
        // As text the bands sort 0-3, 12-17, 18-23, 4-11; the estimates arrive in that order here.
        var rows = new[]
        {
            Row(Dimensions.Total, "totaal", 400, MeasureTypes.Indicator, "toegang", "Toegang tot de hulp"),
            Row(Dimensions.AgeBand, "0-3", 100, MeasureTypes.Indicator, "toegang", "Toegang tot de hulp"),
            Row(Dimensions.AgeBand, "12-17", 100, MeasureTypes.Indicator, "toegang", "Toegang tot de hulp"),
            Row(Dimensions.AgeBand, "18-23", 100, MeasureTypes.Indicator, "toegang", "Toegang tot de hulp"),
            Row(Dimensions.AgeBand, "4-11", 100, MeasureTypes.Indicator, "toegang", "Toegang tot de hulp"),
        };
        var figures = PublicTables.Protect(rows, new DisclosureControl(10));
        Assert.Equal(["0-3", "4-11", "12-17", "18-23"], figures.Where(f => f.Dimension == Dimensions.AgeBand).Select(f => f.DomainValue));
        Assert.Equal(Dimensions.Total, figures[0].Dimension);
    }

    private static EstimateRow Row(string dimension, string value, long n, string type, string measure, string label) =>
        new("ouders", "Stad", dimension, value, type, measure, label, "mean", "aandeel", n, 0.7, 0.03, (int)n - 1, 0.64, 0.76);
}
