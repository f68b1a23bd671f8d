using Ervaring.Core.Frames;
using Ervaring.Core.Reports;
using Ervaring.Core.Reports.UseFigures;
using Ervaring.Core.Sampling;

namespace Ervaring.Core.Tests.Reports;

/// <summary>Issue 14, point 3: counts from the frame, duration bands at their edges, the median, and disclosure control with k.</summary>
public sealed class UseFiguresTests
{
    private static readonly DateOnly Reference = new(2025, 12, 31);

    private static FrameRecord Client(int n, string municipality, int age, CareType care, Referrer referrer, DateOnly start, DateOnly? end = null) =>
        new(n + 2, $"C{n}", null, age, municipality, care, referrer, "P1", start, end);

    [Theory]
    [InlineData(0, "0-3m")]
    [InlineData(2.99, "0-3m")]
    [InlineData(3.0, "3-6m")]        // a band's lower edge belongs to it
    [InlineData(11.99, "6-12m")]
    [InlineData(12.0, "12-24m")]
    [InlineData(24.0, "24m+")]
    [InlineData(120.0, "24m+")]
    public void A_duration_falls_in_its_band(double months, string band) => Assert.Equal(band, FrameUseFigures.DurationBand(months));

    [Fact]
    public void Duration_runs_to_the_end_date_or_else_the_reference_date_and_never_below_zero()
    {
        var ended = Client(1, "A", 10, CareType.Ambulant, Referrer.Huisarts, new DateOnly(2025, 1, 1), new DateOnly(2025, 7, 2));
        Assert.Equal(182 / FrameUseFigures.DaysPerMonth, FrameUseFigures.DurationMonths(ended, Reference), 10);
        var ongoing = Client(2, "A", 10, CareType.Ambulant, Referrer.Huisarts, new DateOnly(2024, 12, 31));
        Assert.Equal(365 / FrameUseFigures.DaysPerMonth, FrameUseFigures.DurationMonths(ongoing, Reference), 10);
        var endsLater = Client(3, "A", 10, CareType.Ambulant, Referrer.Huisarts, new DateOnly(2025, 12, 1), new DateOnly(2026, 6, 1));
        Assert.Equal(30 / FrameUseFigures.DaysPerMonth, FrameUseFigures.DurationMonths(endsLater, Reference), 10);
        var startsLater = Client(4, "A", 10, CareType.Ambulant, Referrer.Huisarts, new DateOnly(2026, 2, 1));
        Assert.Equal(0, FrameUseFigures.DurationMonths(startsLater, Reference));
    }

    [Theory]
    [InlineData(new[] { 5.0 }, 5.0)]
    [InlineData(new[] { 9.0, 1.0, 5.0 }, 5.0)]
    [InlineData(new[] { 4.0, 1.0, 10.0, 6.0 }, 5.0)] // even: the mean of the two middle values (as R's median)
    public void The_median_is_the_middle_value(double[] values, double median) => Assert.Equal(median, FrameUseFigures.Median(values));

    [Fact]
    public void The_frame_is_counted_per_municipality_and_for_the_whole_wave_with_age_bands_in_age_order()
    {
        var records = new List<FrameRecord>();
        for (var i = 0; i < 30; i++)
            records.Add(Client(i, i < 20 ? "Aadorp" : "Beedorp", i % 3 == 0 ? 15 : 5, i < 4 ? CareType.Verblijf : CareType.Ambulant,
                i % 2 == 0 ? Referrer.Huisarts : Referrer.Wijkteam, Reference.AddDays(-30 * (i + 1))));
        var figures = FrameUseFigures.Count("w1", 2025, new Frame(records, Reference), AgeBands.Default);

        Assert.Equal(["Aadorp", "Beedorp", FrameUseFigures.WholeWave], figures.Scopes.Select(s => s.Scope));
        var a = figures.Scopes[0];
        Assert.Equal(20, a.Clients);
        Assert.Equal([("ambulant", 16), ("verblijf", 4)], a.Groups.Where(g => g.Dimension == Dimensions.CareType).Select(g => (g.Group, g.Clients)));
        Assert.Equal(["4-11", "12-17"], a.Groups.Where(g => g.Dimension == Dimensions.AgeBand).Select(g => g.Group));
        Assert.Equal(20, a.Groups.Where(g => g.Dimension == FrameUseFigures.Duration).Sum(g => g.Clients));
        // Client i started 30·(i+1) days before the reference date: the median of 30, 60, …, 600 days is 315 days.
        Assert.Equal(Math.Round(315 / FrameUseFigures.DaysPerMonth, 1), a.MedianDurationMonths);
        Assert.Equal(30, figures.Scopes[2].Clients);
        Assert.All(figures.Scopes, s => Assert.All(s.Groups.GroupBy(g => g.Dimension), d => Assert.Equal(s.Clients, d.Sum(g => g.Clients))));
    }

    [Fact]
    public void A_group_below_k_is_hidden_with_the_next_smallest_so_it_cannot_be_worked_out_from_the_total()
    {
        var scope = new ScopeUseFigures("Aadorp", 60, 7.5,
        [
            new UseGroup(Dimensions.CareType, "ambulant", 40), new UseGroup(Dimensions.CareType, "verblijf", 12), new UseGroup(Dimensions.CareType, "pgb", 8),
            new UseGroup(Dimensions.Referrer, "huisarts", 30), new UseGroup(Dimensions.Referrer, "wijkteam", 30),
        ]);
        var published = UseFigureDisclosure.Protect(2025, scope, 10);
        Assert.Equal(60, published.Clients);
        Assert.Equal(7.5, published.MedianDurationMonths);
        var care = published.Cells.Where(c => c.Dimension == Dimensions.CareType).ToDictionary(c => c.Group);
        Assert.Null(care["pgb"].Clients);
        Assert.Equal("minder dan 10 cliënten", care["pgb"].Reason);
        Assert.Null(care["verblijf"].Clients); // secondary: 60 − 40 would give it away
        Assert.StartsWith("aanvullend verborgen", care["verblijf"].Reason);
        Assert.Equal(40, care["ambulant"].Clients);
        Assert.Equal("ambulante jeugdhulp (zonder verblijf)", care["ambulant"].Label);
        Assert.All(published.Cells.Where(c => c.Dimension == Dimensions.Referrer), c => Assert.Equal(30, c.Clients));
    }

    [Theory]
    [InlineData(9, true)]
    [InlineData(10, false)] // exactly k clients: shown
    public void A_scope_below_k_shows_nothing_not_even_its_total_or_median(int clients, bool hidden)
    {
        var scope = new ScopeUseFigures("Klein", clients, 4.0, [new UseGroup(Dimensions.CareType, "ambulant", clients)]);
        var published = UseFigureDisclosure.Protect(2025, scope, 10);
        Assert.Equal(hidden, published.Clients is null);
        Assert.Equal(hidden, published.MedianDurationMonths is null);
        Assert.Equal(hidden, published.Cells.Single().Clients is null);
    }
}
