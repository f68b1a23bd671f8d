using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Ervaring.Browser.Tests.Infrastructure;
using Ervaring.Core.Reports;
using Ervaring.Core.Statistics;
using Ervaring.Core.Surveys;
using Ervaring.Functions.Demo;
using Ervaring.Functions.Reports;
using Ervaring.Functions.Sampling;
using Ervaring.Functions.Survey;
using Ervaring.Storage;
using Ervaring.Storage.Responses;
using Ervaring.Storage.Waves;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace Ervaring.Browser.Tests.Reports;

/// <summary>
/// A census-size municipality (12,000 clients in the register, everyone invited) answered through the real survey
/// session over two years, published through the real service. The headline numbers on the page are checked
/// against the statistics engine fed directly from the stored responses, and every hidden cell is hidden in HTML,
/// CSV and JSON alike.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class ReportAtScaleTests(BrowserFixture fixture, ITestOutputHelper output)
{
    private static readonly CultureInfo Dutch = CultureInfo.GetCultureInfo("nl-NL");
    private static readonly string[] Bands = ["0-3", "4-11", "12-17", "18-23"];
    private const int SmallGroup = 4;

    [Fact]
    public async Task A_census_of_twelve_thousand_over_two_years_renders_the_engines_figures_and_hides_small_cells_everywhere()
    {
        var services = fixture.App.Services;
        var demo = services.GetRequiredService<DemoWaves>();
        var municipality = "Grootstad" + Guid.NewGuid().ToString("N")[..5];
        var slug = Slugs.Of(municipality);
        var year = DateTime.UtcNow.Year - 1;
        var watch = Stopwatch.StartNew();
        string waveId = "";
        var responses = 0;
        var phases = new Dictionary<string, TimeSpan> { ["register, census draw, fielding"] = default, ["answering (survey session, mixing)"] = default, ["close"] = default, ["publish"] = default };
        async Task<T> Timed<T>(string phase, Func<Task<T>> step)
        {
            var start = watch.Elapsed;
            var result = await step();
            phases[phase] += watch.Elapsed - start;
            return result;
        }
        for (var offset = 0; offset < 2; offset++)
        {
            var y = year - 1 + offset;
            waveId = await Timed("register, census draw, fielding", () => demo.CreateFieldingWaveAsync(municipality, y, 12_000, census: true));
            // About a third answers; only four per audience in jeugdreclassering (a dozen or more would answer otherwise), so
            // that group is certainly small enough to be hidden.
            responses += await Timed("answering (survey session, mixing)", () => demo.AnswerAsync(waveId, offset, 0.35, careTypeCap: care => care == "jeugdreclassering" ? SmallGroup : null));
            await Timed("close", async () => { await demo.CloseAsync(waveId); return 0; });
            var published = await Timed("publish", () => services.GetRequiredService<ReportPublication>().PublishAsync(waveId, null, "test", CancellationToken.None));
            Assert.True(published.Succeeded, published.Problem?.Detail);
        }
        var seeding = watch.Elapsed;
        output.WriteLine($"Seeded {responses} responses over two census years of 12,000 clients in {seeding.TotalSeconds:0.0} s: "
                         + string.Join(", ", phases.Select(p => $"{p.Key} {p.Value.TotalSeconds:0.0} s")));
        Assert.True(responses > 3000, $"only {responses} responses");

        // --- independent computation: stored responses → SurveyScoring → StratifiedEstimator ---
        var wave = (await services.GetRequiredService<WaveStore>().GetAsync(waveId))!.Wave;
        var audit = (await services.GetRequiredService<BlobDocuments>().ReadJsonAsync<SampleAuditRecord>(StorageNames.Containers.Audit, wave.Sample!.AuditBlob))!;
        var definition = (await services.GetRequiredService<WaveDefinitions>().GetAsync(waveId, "ouders", CancellationToken.None))!;
        StratumKey KeyOf(string samplingKey)
        {
            var p = samplingKey.Split(" | ");
            return new StratumKey(p[0], p[1], Array.IndexOf(Bands, p[2]));
        }
        // Parents speak for children under 18.
        var population = audit.Strata.Where(s => s.Key.Split(" | ")[2] != "18-23").ToDictionary(s => KeyOf(s.Key), s => (long)s.PopulationSize);
        var indicators = new[] { "toegang", "kwaliteit", "effect", "rapportcijfer" };
        var accumulators = indicators.ToDictionary(i => i, _ => new ItemAccumulator());
        await foreach (var r in services.GetRequiredService<ResponseStore>().ListAsync(waveId))
        {
            if (r.Audience != "ouders") continue;
            foreach (var indicator in indicators)
                if (SurveyScoring.IndicatorScore(definition, indicator, r.Answers) is { } score) accumulators[indicator].Add(KeyOf(r.StratumKey), score);
        }
        var estimator = new StratifiedEstimator(population);

        var page = await fixture.NewPageAsync();
        await page.GotoAsync($"/raad/{slug}/{wave.Settings.Year}");
        foreach (var indicator in indicators)
        {
            var expected = estimator.Estimate(accumulators[indicator], EstimateKind.Mean);
            var shown = indicator == "rapportcijfer"
                ? Math.Round(expected.Value, 1, MidpointRounding.AwayFromZero).ToString("0.0", Dutch)
                : $"{Math.Round(expected.Value * 100, MidpointRounding.AwayFromZero):0}%";
            Assert.Equal(shown, (await page.Locator($"#kern-{indicator} [data-figure=value]").InnerTextAsync()).Trim());
            Assert.Equal(expected.Respondents.ToString("N0", Dutch), (await page.Locator($"#kern-{indicator} [data-figure=n]").InnerTextAsync()).Trim());
        }
        Assert.Contains($"dan in {wave.Settings.Year - 1}", await page.Locator("#kern-toegang .headline-trend").InnerTextAsync());

        // --- every hidden cell hidden alike in HTML, CSV and JSON ---
        using var client = fixture.App.CreateClient();
        var json = JsonDocument.Parse(await client.GetByteArrayAsync($"/raad/{slug}/{wave.Settings.Year}/data.json")).RootElement;
        var csv = Encoding.UTF8.GetString(await client.GetByteArrayAsync($"/raad/{slug}/{wave.Settings.Year}/data.csv")).TrimStart('\uFEFF')
            .Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Skip(1).Select(l => l.Split(';')).ToList();
        var figures = json.GetProperty("figures").EnumerateArray().ToList();
        var hidden = figures.Where(f => f.GetProperty("suppressionReason").ValueKind == JsonValueKind.String).ToList();
        Assert.NotEmpty(hidden);
        foreach (var audience in new[] { "ouders", "jongeren" })
            Assert.Contains(hidden, f => f.GetProperty("audience").GetString() == audience && f.GetProperty("domainValue").GetString() == "jeugdreclassering");
        foreach (var f in hidden)
        {
            var (audience, dimension, value, type, measure) = (f.GetProperty("audience").GetString()!, f.GetProperty("dimension").GetString()!,
                f.GetProperty("domainValue").GetString()!, f.GetProperty("measureType").GetString()!, f.GetProperty("measure").GetString()!);
            Assert.Equal(JsonValueKind.Null, f.GetProperty("respondents").ValueKind);
            Assert.Equal(JsonValueKind.Null, f.GetProperty("value").ValueKind);
            var line = csv.Single(c => c[3] == audience && c[4] == dimension && c[16] == value && c[6] == type && c[7] == measure);
            Assert.Equal(("", "", "", "", "ja"), (line[10], line[11], line[12], line[13], line[14]));
            if (type == MeasureTypes.Indicator && dimension != Dimensions.Total)
            {
                var cell = page.Locator($"table.breakdown[data-dimension='{dimension}'][data-audience='{audience}'] td[data-measure='{measure}'][data-value='{value}']");
                Assert.StartsWith("verborgen", (await cell.InnerTextAsync()).Trim());
                Assert.DoesNotContain("antwoorden", await cell.InnerTextAsync());
            }
        }
        foreach (var n in await page.Locator("[data-figure=n], .cell-n").AllInnerTextsAsync())
            Assert.True(int.Parse(new string(n.Where(char.IsAsciiDigit).ToArray()), CultureInfo.InvariantCulture) >= wave.Settings.SuppressionThreshold, n);

        Directory.CreateDirectory(Screenshots.Folder);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Screenshots.Folder, "raad-rapport-groot-eerste-pagina.png") });
        await PageChecks.AuditAndSaveAsync(page, "raad-rapport-groot");
        await page.Context.CloseAsync();
        // No time limit here: performance is measured by the benchmarks (docs/benchmarks.md); the seeding phases
        // are in this test's output.
    }
}
