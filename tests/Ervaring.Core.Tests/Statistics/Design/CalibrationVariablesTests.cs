using Ervaring.Core.Frames;
using Ervaring.Core.Statistics.Design;

namespace Ervaring.Core.Tests.Statistics.Design;

public class CalibrationVariablesTests
{
    private static FrameRecord Client(string municipality, Referrer referrer, DateOnly start) =>
        new(2, "c", 2012, 12, municipality, CareType.Ambulant, referrer, "A1", start, null);

    [Theory]
    [InlineData("2025-06-02", "0-1")] // one day short of a year
    [InlineData("2025-06-01", "1-2")]
    [InlineData("2024-06-02", "1-2")]
    [InlineData("2024-06-01", "2plus")]
    [InlineData("2015-01-01", "2plus")]
    public void Duration_bands_count_whole_years_at_the_reference_date(string start, string band) =>
        Assert.Equal(band, new CalibrationVariables().DurationBand(DateOnly.Parse(start), new DateOnly(2026, 6, 1)));

    [Fact]
    public void Bounds_are_configurable() =>
        Assert.Equal("3-5", new CalibrationVariables(DurationBoundsInYears: [3, 5]).DurationBand(new DateOnly(2022, 1, 1), new DateOnly(2026, 1, 1)));

    [Fact]
    public void Margins_count_the_frame_per_municipality()
    {
        var reference = new DateOnly(2026, 1, 1);
        var frame = new Frame([
            Client("G1", Referrer.Huisarts, new DateOnly(2025, 6, 1)),
            Client("G1", Referrer.Huisarts, new DateOnly(2020, 6, 1)),
            Client("G1", Referrer.Wijkteam, new DateOnly(2025, 6, 1)),
            Client("G2", Referrer.Huisarts, new DateOnly(2025, 6, 1)),
        ], reference);

        var margins = new CalibrationVariables().MarginsOf(frame).Entries.ToList();

        Assert.Contains(("G1", "verwijzer", "huisarts", 2L), margins);
        Assert.Contains(("G1", "verwijzer", "wijkteam", 1L), margins);
        Assert.Contains(("G1", "duur", "0-1", 2L), margins);
        Assert.Contains(("G1", "duur", "2plus", 1L), margins);
        Assert.Contains(("G2", "duur", "0-1", 1L), margins);
        Assert.Equal(6, margins.Count);
    }

    [Fact]
    public void Referrer_only_leaves_duration_out()
    {
        var profile = new CalibrationVariables(Duration: false).ProfileOf(Client("G1", Referrer.Jeugdarts, new DateOnly(2025, 6, 1)), new DateOnly(2026, 1, 1));
        Assert.Equal("verwijzer=jeugdarts", profile.ToString());
    }
}
