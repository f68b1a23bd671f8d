using Ervaring.Core.Frames;
using Ervaring.Core.Sampling;
using Ervaring.Core.Statistics.Design;

namespace Ervaring.Core.Tests.Sampling;

/// <summary>The frame counts a calibrating wave keeps at sampling, and the duration bands its responses carry.</summary>
public class CalibrationCaptureTests
{
    private static readonly DateOnly Reference = new(2026, 1, 1);
    private static readonly SamplingDesign Design = new() { StratumVariables = [StratumVariable.Zorgvorm] };

    private static FrameRecord Client(int i, string municipality, CareType care, Referrer referrer, int yearsInCare) =>
        new(i + 2, $"C{i}", 2015, 10, municipality, care, referrer, "A1", Reference.AddYears(-yearsInCare).AddDays(-1), null);

    [Fact]
    public void Counts_per_stratum_add_up_to_the_frame_and_hold_no_client()
    {
        var frame = TestFrames.Build(2_000);
        var capture = CalibrationCapture.Of(frame, Design, new CalibrationVariables(), minimumPerBand: 10);

        foreach (var variable in new[] { "verwijzer", "duur" })
        {
            var perStratum = capture.Counts.Where(c => c.Variable == variable).GroupBy(c => c.Stratum).ToDictionary(g => g.Key, g => g.Sum(c => c.Count));
            var frameStrata = frame.Records.GroupBy(r => Sampler.StratumKey(r, Design)).ToDictionary(g => g.Key, g => g.Count());
            Assert.Equal(frameStrata.OrderBy(s => s.Key), perStratum.OrderBy(s => s.Key));
        }
        var huisartsInUtrechtAmbulant = frame.Records.Count(r => r.Municipality == "Utrecht" && r.CareType == CareType.Ambulant && r.Referrer == Referrer.Huisarts);
        Assert.Contains(new CalibrationCount("Utrecht | ambulant", "verwijzer", "huisarts", huisartsInUtrechtAmbulant), capture.Counts);
        Assert.DoesNotContain(capture.Counts, c => frame.Records.Any(r => c.Category == r.ClientReference || c.Stratum.Contains(r.ClientReference)));
        // The referrer as invitations store it: "gi", "medisch specialist".
        Assert.Contains(capture.Counts, c => c.Category == "gi");
        Assert.Contains(capture.Counts, c => c.Category == "medisch specialist");
    }

    [Fact]
    public void A_band_with_fewer_than_k_clients_of_its_municipality_is_merged_and_the_response_carries_the_merged_band()
    {
        // Groot: plenty in every band. Klein: 12 under a year, 11 between one and two, 3 two years or longer.
        var records = new List<FrameRecord>();
        for (var i = 0; i < 60; i++) records.Add(Client(i, "Groot", CareType.Ambulant, Referrer.Huisarts, i % 3));
        int[] klein = [.. Enumerable.Repeat(0, 12), .. Enumerable.Repeat(1, 11), .. Enumerable.Repeat(4, 3)];
        for (var i = 0; i < klein.Length; i++) records.Add(Client(100 + i, "Klein", CareType.Ambulant, Referrer.Wijkteam, klein[i]));
        var frame = new Frame(records, Reference);
        var variables = new CalibrationVariables(Referrer: false);

        var capture = CalibrationCapture.Of(frame, Design, variables, minimumPerBand: 10);

        Assert.Equal([1, 2], capture.DurationBounds["Groot"]);
        Assert.Equal([1], capture.DurationBounds["Klein"]);
        Assert.Equal("2plus", capture.DurationBandOf(records[2], Design, variables, Reference));
        Assert.Equal("1plus", capture.DurationBandOf(records[^1], Design, variables, Reference));
        Assert.Equal("0-1", capture.DurationBandOf(records[60], Design, variables, Reference));
        Assert.Equal(
            new[] { new CalibrationCount("Klein | ambulant", "duur", "0-1", 12), new CalibrationCount("Klein | ambulant", "duur", "1plus", 14) },
            capture.Counts.Where(c => c.Stratum.StartsWith("Klein", StringComparison.Ordinal)));
        Assert.Equal("", capture.DurationBandOf(records[0], Design, new CalibrationVariables(Duration: false), Reference));
    }

    [Theory]
    [InlineData("1,2", "20,20,20", 10, "1,2")] // every band big enough
    [InlineData("1,2", "20,3,20", 10, "2")] // middle band: to the smaller neighbour, ties the lower one → 0-2, 2plus
    [InlineData("1,2", "3,20,20", 10, "2")] // first band: with the next one
    [InlineData("1,2", "20,20,3", 10, "1")] // last band: with the one before
    [InlineData("1,2", "2,2,2", 10, "")] // all together: one band
    [InlineData("1,2,5", "20,5,4,20", 10, "5")] // smallest first (4), to its smaller neighbour (5): 1-5 holds 9, then with 0-1
    public void Band_merge_follows_the_written_rule(string bounds, string perBand, int minimum, string expected)
    {
        static List<int> Ints(string s) => s.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(int.Parse).ToList();
        Assert.Equal(Ints(expected), DurationBandMerge.Bounds(Ints(bounds), Ints(perBand).Select(i => (long)i).ToList(), minimum));
    }
}
