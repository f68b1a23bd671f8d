using System.Text;
using System.Text.Json;
using Ervaring.Functions.Demo;
using Ervaring.Functions.Reports;
using Ervaring.Storage;
using Ervaring.Storage.UseFigures;
using Microsoft.Extensions.DependencyInjection;

namespace Ervaring.Integration.Tests.Reports;

/// <summary>
/// Issue 14, point 3 on Azurite: the draw keeps the frame's use figures (counts only); the published report shows them
/// this year and the year before, and a group of fewer than k young people is hidden alike in the HTML, the CSV and the JSON.
/// </summary>
[Collection(AppCollection.Name)]
public sealed class UseFiguresTests(AppFixture fixture)
{
    [Fact]
    public async Task Use_figures_are_kept_at_the_draw_and_published_year_on_year_with_small_groups_hidden_everywhere()
    {
        var demo = fixture.App.Services.GetRequiredService<DemoWaves>();
        var publication = fixture.App.Services.GetRequiredService<ReportPublication>();
        var municipality = "Teldorp" + Guid.NewGuid().ToString("N")[..5];
        var slug = Slugs.Of(municipality);
        var earlier = await demo.CreateFieldingWaveAsync(municipality, 2024, 250);
        var wave = await demo.CreateFieldingWaveAsync(municipality, 2025, 300);

        // What the draw kept: counts per group, no client reference and no provider anywhere in it.
        var documents = fixture.App.Services.GetRequiredService<BlobDocuments>();
        var kept = await documents.ReadUseFiguresAsync(wave);
        Assert.NotNull(kept);
        Assert.Equal(300, kept!.Scopes.Single(s => s.Scope == municipality).Clients);
        var raw = Encoding.UTF8.GetString((await documents.ReadBytesAsync(StorageNames.Containers.Audit, UseFigureDocuments.BlobName(wave)))!);
        Assert.DoesNotContain("-000001", raw); // the made-up client references end in a six-digit number
        Assert.DoesNotContain("AB0", raw);     // provider codes
        Assert.DoesNotContain("aanbieder", raw, StringComparison.OrdinalIgnoreCase);

        await demo.AnswerAsync(wave, 0, 1.0);
        await demo.CloseAsync(wave);
        var published = await publication.PublishAsync(wave, null, "test", CancellationToken.None);
        Assert.True(published.Succeeded, published.Problem?.Detail);
        using var client = fixture.AdminClient();

        // JSON: this year and the year before, this year first; every breakdown adds up to the total where published.
        var json = JsonDocument.Parse(await client.GetStringAsync($"/raad/{slug}/2025/data.json")).RootElement;
        var use = json.GetProperty("use").EnumerateArray().ToList();
        Assert.Equal([2025, 2024], use.Select(u => u.GetProperty("year").GetInt32()));
        Assert.Equal(300, use[0].GetProperty("clients").GetInt32());
        Assert.Equal(250, use[1].GetProperty("clients").GetInt32());
        var cells = use[0].GetProperty("cells").EnumerateArray().ToList();
        var hidden = cells.Where(c => c.GetProperty("clients").ValueKind == JsonValueKind.Null).ToList();
        Assert.NotEmpty(hidden); // the synthetic register has a few referrers "onbekend" (2 %) and "geen" (3 %)
        Assert.All(hidden, c => Assert.False(string.IsNullOrEmpty(c.GetProperty("reason").GetString())));
        Assert.All(cells.Where(c => c.GetProperty("clients").ValueKind != JsonValueKind.Null), c => Assert.True(c.GetProperty("clients").GetInt32() >= 10));
        Assert.Contains(hidden, c => c.GetProperty("reason").GetString() == "minder dan 10 cliënten");

        // CSV: the same cells hidden (empty count, verborgen = ja), with teljaar.
        var csv = Hardening.CsvCells.Parse(Encoding.UTF8.GetString(await client.GetByteArrayAsync($"/raad/{slug}/2025/data.csv")), ';').Where(r => r.Count > 1).ToList();
        var header = csv[0].ToList();
        int Col(string name) => header.IndexOf(name);
        var useRows = csv.Skip(1).Where(r => r[Col("soort")] == "gebruik" && r[Col("teljaar")] == "2025" && r[Col("uitsplitsing")] != "totaal").ToList();
        Assert.Equal(cells.Count, useRows.Count);
        foreach (var c in cells)
        {
            var row = Assert.Single(useRows, r => r[Col("uitsplitsing")] == c.GetProperty("dimension").GetString() && r[Col("waardecode")] == c.GetProperty("group").GetString());
            var isHidden = c.GetProperty("clients").ValueKind == JsonValueKind.Null;
            Assert.Equal(isHidden ? "ja" : "nee", row[Col("verborgen")]);
            Assert.Equal(isHidden ? "" : c.GetProperty("clients").GetInt32().ToString(System.Globalization.CultureInfo.InvariantCulture), row[Col("uitkomst")]);
        }
        Assert.Contains(csv, r => r[Col("soort")] == "gebruik" && r[Col("meting")] == "duur_mediaan" && r[Col("teljaar")] == "2024");

        // HTML: the same groups hidden, the same counts shown; age bands in age order.
        var html = await client.GetStringAsync($"/raad/{slug}/2025");
        Assert.Contains("Hoeveel jeugdigen kregen hulp?", html);
        foreach (var c in cells)
        {
            var table = html[html.IndexOf($"class=\"use-table\" data-dimension=\"{c.GetProperty("dimension").GetString()}\"", StringComparison.Ordinal)..];
            var row = table[table.IndexOf($"<tr data-group=\"{c.GetProperty("group").GetString()}\"", StringComparison.Ordinal)..];
            row = row[..row.IndexOf("</tr>", StringComparison.Ordinal)];
            if (c.GetProperty("clients").ValueKind == JsonValueKind.Null) Assert.Contains("<td class=\"hidden-cell\" data-year=\"2025\">verborgen: ", row);
            else Assert.Contains($"<td class=\"num\" data-year=\"2025\">{c.GetProperty("clients").GetInt32().ToString("N0", Ervaring.Functions.Pages.Shared.Format.Dutch)}</td>", row);
        }
        var ages = html[html.IndexOf("class=\"use-table\" data-dimension=\"leeftijdsgroep\"", StringComparison.Ordinal)..];
        ages = ages[..ages.IndexOf("</table>", StringComparison.Ordinal)];
        Assert.InRange(ages.IndexOf("data-group=\"4-11\"", StringComparison.Ordinal), 0, ages.IndexOf("data-group=\"12-17\"", StringComparison.Ordinal));
        Assert.DoesNotContain("AB0", html);
        Assert.NotNull(earlier);
    }
}
