using System.Net;
using System.Text;
using System.Text.Json;
using Ervaring.Functions.Demo;
using Ervaring.Functions.Reports;
using Ervaring.Storage.Council;
using Microsoft.Extensions.DependencyInjection;

namespace Ervaring.Integration.Tests.Reports;

/// <summary>
/// Issue 14, point 4 over the API and the page: a bad reference file is refused with its lines named and nothing
/// stored; a good one reaches the report at the next publication, beside the municipality's figure with its source
/// and comparability, in the HTML, the CSV and the JSON.
/// </summary>
[Collection(AppCollection.Name)]
public sealed class ReferenceFiguresTests(AppFixture fixture)
{
    private const string Header = "meting;doelgroep;bron;jaar;populatie;waarde;ondergrens;bovengrens;vergelijkbaar;verschil";

    private static StringContent Csv(params string[] lines) => new(string.Join("\r\n", lines.Prepend(Header)) + "\r\n", Encoding.UTF8, "text/csv");

    [Fact]
    public async Task A_bad_file_stores_nothing_and_a_good_one_is_published_beside_the_figure_with_its_source()
    {
        var demo = fixture.App.Services.GetRequiredService<DemoWaves>();
        var publication = fixture.App.Services.GetRequiredService<ReportPublication>();
        var store = fixture.App.Services.GetRequiredService<YardstickStore>();
        var municipality = "Refdorp" + Guid.NewGuid().ToString("N")[..5];
        var slug = Slugs.Of(municipality);
        var wave = await demo.CreateFieldingWaveAsync(municipality, 2025, 300);
        await demo.AnswerAsync(wave, 0, 1.0);
        await demo.CloseAsync(wave);
        using var admin = fixture.AdminClient();

        // One good line and two bad ones: 400, every bad line named, nothing stored (not even the good line).
        var bad = await admin.PutAsync($"/api/municipalities/{slug}/references", Csv(
            "toegang;ouders;Landelijke peiling (test);2024;ouders in Nederland;72;70;74;goed;",
            "toegang;ouders;;2024;ouders;72;;;goed;",
            "kwaliteit;ouders;Bron X;2024;ouders;80;;;niet goed;"));
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        var problem = JsonDocument.Parse(await bad.Content.ReadAsStringAsync()).RootElement;
        var errors = problem.GetProperty("errors").EnumerateArray().Select(e => e.GetString()!).ToList();
        Assert.Contains(errors, e => e.StartsWith("Regel 3, kolom 'bron'", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("Regel 4, kolom 'verschil'", StringComparison.Ordinal));
        Assert.Contains("niets opgeslagen", problem.GetProperty("detail").GetString());
        Assert.Empty(await store.ListReferencesAsync(municipality));
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, (await admin.PutAsync($"/api/municipalities/{slug}/references", new StringContent("{}", Encoding.UTF8, "application/json"))).StatusCode);

        // Good: stored; the same file twice is the same figures.
        for (var i = 0; i < 2; i++)
            Assert.Equal(HttpStatusCode.NoContent, (await admin.PutAsync($"/api/municipalities/{slug}/references", Csv(
                "toegang;ouders;Landelijke peiling (test);2024;ouders in Nederland;72;70;74;goed;",
                "rapportcijfer;ouders;Benchmark G4 (test);2024;ouders in vier steden;7,6;;;niet goed;andere vraag: cijfer voor de hulpverlener"))).StatusCode);
        Assert.Equal(2, (await store.ListReferencesAsync(municipality)).Count);

        var published = await publication.PublishAsync(wave, null, "test", CancellationToken.None);
        Assert.True(published.Succeeded, published.Problem?.Detail);
        var json = JsonDocument.Parse(await admin.GetStringAsync($"/raad/{slug}/2025/data.json")).RootElement;
        var references = json.GetProperty("references").EnumerateArray().ToList();
        Assert.Equal(2, references.Count);
        var toegang = references.Single(r => r.GetProperty("measure").GetString() == "toegang");
        Assert.Equal("Landelijke peiling (test)", toegang.GetProperty("source").GetString());
        Assert.Equal("goed vergelijkbaar", toegang.GetProperty("comparability").GetString());
        Assert.Equal(72, toegang.GetProperty("value").GetDouble());
        var ours = json.GetProperty("figures").EnumerateArray().First(f => f.GetProperty("audience").GetString() == "ouders"
            && f.GetProperty("dimension").GetString() == "totaal" && f.GetProperty("measure").GetString() == "toegang");
        Assert.Equal(ours.GetProperty("value").GetDouble(), toegang.GetProperty("ourValue").GetDouble());

        var csv = Hardening.CsvCells.Parse(Encoding.UTF8.GetString(await admin.GetByteArrayAsync($"/raad/{slug}/2025/data.csv")), ';').Where(r => r.Count > 1).ToList();
        var header = csv[0];
        Assert.All(csv, r => Assert.Equal(header.Count, r.Count));
        var row = Assert.Single(csv, r => r[header.IndexOf("soort")] == "referentie" && r[header.IndexOf("meting")] == "rapportcijfer");
        Assert.Equal("Benchmark G4 (test)", row[header.IndexOf("bron")]);
        Assert.Equal("niet goed vergelijkbaar", row[header.IndexOf("vergelijkbaarheid")]);
        Assert.Equal("andere vraag: cijfer voor de hulpverlener", row[header.IndexOf("verschil")]);
        Assert.Equal("7,6", row[header.IndexOf("uitkomst")]);

        var html = await admin.GetStringAsync($"/raad/{slug}/2025");
        Assert.Contains("Hoe doen we het vergeleken met anderen?", html);
        Assert.Contains("Landelijke peiling (test), 2024 (ouders in Nederland)", html);
        Assert.Contains("niet goed vergelijkbaar: andere vraag: cijfer voor de hulpverlener", html);
    }
}
