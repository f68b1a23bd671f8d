using System.Text.Json;
using Ervaring.Core.Demo;
using Ervaring.Core.Reports;
using Ervaring.Core.Statistics;
using Ervaring.Core.Surveys;
using Ervaring.Core.Waves;
using Ervaring.Functions.Demo;
using Ervaring.Functions.Reports;
using Ervaring.Functions.Sampling;
using Ervaring.Functions.Survey;
using Ervaring.Functions.Waves;
using Ervaring.Storage;
using Ervaring.Storage.Responses;
using Ervaring.Storage.Waves;
using Microsoft.Extensions.DependencyInjection;

namespace Ervaring.Integration.Tests.Reports;

/// <summary>
/// A region report compares each municipality with the rest of the region. The differences and their intervals are
/// recomputed here with the statistics engine fed directly from the stored responses.
/// </summary>
[Collection(AppCollection.Name)]
public sealed class RegionComparisonTests(AppFixture fixture)
{
    private static readonly string[] Bands = ["0-3", "4-11", "12-17", "18-23"];

    [Fact]
    public async Task Each_municipality_is_compared_with_the_rest_of_the_region_with_the_interval_of_the_difference()
    {
        var services = fixture.App.Services;
        var tag = Guid.NewGuid().ToString("N")[..5];
        string[] municipalities = [$"Noorddorp{tag}", $"Zuiddorp{tag}", $"Westdorp{tag}"];
        var region = $"Regio Vergelijk {tag}";
        var year = DateTime.UtcNow.Year - 1;
        var created = await services.GetRequiredService<WaveCreation>().CreateAsync(new WaveSettings
        {
            Municipalities = municipalities, Region = region, Year = year,
            FieldStart = new DateOnly(year, 3, 1), FieldEnd = new DateOnly(year, 4, 30), ReferenceDate = new DateOnly(year, 3, 1),
        }, "test", CancellationToken.None);
        var wave = created.Value!;
        var sampling = services.GetRequiredService<SamplingService>();
        Assert.True((await sampling.ImportFrameAsync(wave.Id, SyntheticRegister.Csv(3000, municipalities, year, seed: 5, referencePrefix: "RV"), true, "test", CancellationToken.None)).Succeeded);
        Assert.True((await sampling.DrawAsync(wave.Id, null, null, "test", CancellationToken.None)).Succeeded);
        Assert.True((await services.GetRequiredService<FieldingStart>().StartAsync(wave.Id, "test", CancellationToken.None)).Succeeded);
        var demo = services.GetRequiredService<DemoWaves>();
        await demo.AnswerAsync(wave.Id, 0, 1.0);
        await demo.CloseAsync(wave.Id);
        Assert.True((await services.GetRequiredService<ReportPublication>().PublishAsync(wave.Id, null, "test", CancellationToken.None)).Succeeded);

        using var client = fixture.App.CreateClient();
        var slug = Slugs.Of(region);
        var report = JsonDocument.Parse(await client.GetByteArrayAsync($"/raad/{slug}/{year}/data.json")).RootElement;
        var comparisons = report.GetProperty("comparisons").EnumerateArray().Where(c => c.GetProperty("audience").GetString() == "ouders").ToList();
        Assert.Equal(municipalities.Length * 4, comparisons.Count);

        // --- independent: each municipality and the rest of the region as two domains of the same stratified design ---
        var stored = (await services.GetRequiredService<WaveStore>().GetAsync(wave.Id))!.Wave;
        var audit = (await services.GetRequiredService<BlobDocuments>().ReadJsonAsync<SampleAuditRecord>(StorageNames.Containers.Audit, stored.Sample!.AuditBlob))!;
        var definition = (await services.GetRequiredService<WaveDefinitions>().GetAsync(wave.Id, "ouders", CancellationToken.None))!;
        StratumKey KeyOf(string key) { var p = key.Split(" | "); return new StratumKey(p[0], p[1], Array.IndexOf(Bands, p[2])); }
        var population = audit.Strata.Where(s => s.Key.Split(" | ")[2] != "18-23").ToDictionary(s => KeyOf(s.Key), s => (long)s.PopulationSize);
        var toegang = new ItemAccumulator();
        await foreach (var r in services.GetRequiredService<ResponseStore>().ListAsync(wave.Id))
            if (r.Audience == "ouders" && SurveyScoring.IndicatorScore(definition, "toegang", r.Answers) is { } score) toegang.Add(KeyOf(r.StratumKey), score);
        var estimator = new StratifiedEstimator(population);
        var html = await client.GetStringAsync($"/raad/{slug}/{year}");
        foreach (var municipality in municipalities)
        {
            var own = estimator.EstimateDomain(toegang, EstimateKind.Mean, (s, _) => s.Municipality == municipality)!;
            var rest = estimator.EstimateDomain(toegang, EstimateKind.Mean, (s, _) => s.Municipality != municipality)!;
            var expected = Trends.Compare(rest, own);
            var shown = comparisons.Single(c => c.GetProperty("municipality").GetString() == municipality && c.GetProperty("measure").GetString() == "toegang");
            Assert.Equal(Math.Round(expected.Difference * 100, MidpointRounding.AwayFromZero), shown.GetProperty("difference").GetDouble());
            Assert.Equal(Math.Round(expected.Interval.Low * 100, MidpointRounding.AwayFromZero), shown.GetProperty("ciLow").GetDouble());
            Assert.Equal(Math.Round(expected.Interval.High * 100, MidpointRounding.AwayFromZero), shown.GetProperty("ciHigh").GetDouble());
            Assert.Equal(expected.IsSignificant, shown.GetProperty("significant").GetBoolean());
            Assert.Contains($"<th scope=\"row\">{municipality}</th>", html);
        }
        var sentence = comparisons.Any(c => c.GetProperty("measure").GetString() == "toegang" && c.GetProperty("significant").GetBoolean())
            ? "dan in de rest van de regio" : "geen gemeente verschilt duidelijk van de rest van de regio";
        Assert.Contains($"Hulp krijgen (ouders): ", html);
        Assert.Contains(sentence, html);
        // A municipality's own report carries no comparison.
        var own1 = JsonDocument.Parse(await client.GetByteArrayAsync($"/raad/{Slugs.Of(municipalities[0])}/{year}/data.json")).RootElement;
        Assert.Empty(own1.GetProperty("comparisons").EnumerateArray());
    }
}
