using System.Diagnostics;
using System.Text;
using Ervaring.Core.Frames;
using Ervaring.Core.Sampling;
using Xunit.Abstractions;

namespace Ervaring.Core.Tests.Sampling;

public class PerformanceTests(ITestOutputHelper output)
{
    [Fact]
    public void Parse_and_sample_100k_rows()
    {
        var random = new Random(11);
        var careTypes = new[] { "ambulant", "verblijf", "jeugdbescherming", "jeugdreclassering", "pgb", "overig" };
        var referrers = new[] { "huisarts", "wijkteam", "GI", "jeugdarts", "medisch specialist", "geen", "onbekend" };
        var municipalities = new[] { "Utrecht", "Zeist", "Houten", "Nieuwegein", "IJsselstein" };
        var text = new StringBuilder("clientreferentie;geboortejaar;gemeente;zorgvorm;verwijzer;aanbieder;startdatum;einddatum\n");
        for (var i = 0; i < 100_000; i++)
        {
            text.Append("PS").Append(i.ToString("D8", System.Globalization.CultureInfo.InvariantCulture)).Append(';')
                .Append(2025 - random.Next(0, 24)).Append(';')
                .Append(municipalities[random.Next(municipalities.Length)]).Append(';')
                .Append(careTypes[random.Next(careTypes.Length)]).Append(';')
                .Append(referrers[random.Next(referrers.Length)]).Append(';')
                .Append("AGB").Append(random.Next(300)).Append(';')
                .Append("15-03-2024;\n");
        }

        var bytes = Encoding.UTF8.GetBytes(text.ToString());
        var options = new FrameParseOptions(new DateOnly(2025, 1, 1), municipalities);

        var watch = Stopwatch.StartNew();
        var parsed = FrameParser.Parse(new MemoryStream(bytes), options);
        var parseTime = watch.Elapsed;
        var draw = Sampler.Draw(parsed.Frame!, new SamplingDesign(), SamplingSeed.Generate(), 0.42);
        var total = watch.Elapsed;

        Assert.True(parsed.IsValid);
        Assert.Equal(100_000, parsed.Frame!.Count);
        Assert.True(draw.TotalSelected > 0);
        output.WriteLine($"100.000 regels ({bytes.Length / 1024} KiB): inlezen {parseTime.TotalMilliseconds:F0} ms, inlezen + steekproef {total.TotalMilliseconds:F0} ms, {draw.TotalSelected} getrokken.");
    }
}
