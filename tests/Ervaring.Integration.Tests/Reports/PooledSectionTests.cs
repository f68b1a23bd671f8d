using System.Globalization;
using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Ervaring.Core.Reports;
using Ervaring.Functions.Demo;
using Ervaring.Functions.Reports;
using Ervaring.Storage.Aggregates;
using Microsoft.Extensions.DependencyInjection;

namespace Ervaring.Integration.Tests.Reports;

/// <summary>
/// Issue 18, pooled years as the council reads them: a small municipality answers three years in a row; its first
/// report has no pooled section (no earlier year), its third shows, per indicator whose figure rests on fewer valid
/// answers than the margin needs, the figure over the three years with its interval, its count and one sentence why:
/// exactly the stored draft's pooled rows, nothing more.
/// </summary>
[Collection(AppCollection.Name)]
public sealed class PooledSectionTests(AppFixture fixture)
{
    private static readonly CultureInfo Dutch = CultureInfo.GetCultureInfo("nl-NL");

    [Fact]
    public async Task The_pooled_section_shows_the_stored_pooled_figures_with_interval_and_why_and_only_when_there_are_any()
    {
        var services = fixture.App.Services;
        var demo = services.GetRequiredService<DemoWaves>();
        var publication = services.GetRequiredService<ReportPublication>();
        var municipality = "QkKlein" + Guid.NewGuid().ToString("N")[..6]; // its own reference prefix "QK" in the demo register
        var slug = Slugs.Of(municipality);
        var lastYear = DateTime.UtcNow.Year - 1;
        var years = new[] { lastYear - 2, lastYear - 1, lastYear };
        var waveIds = new List<string>();
        foreach (var (year, offset) in years.Select((y, i) => (y, i)))
        {
            var waveId = await demo.CreateFieldingWaveAsync(municipality, year, 150, census: true);
            Assert.True(await demo.AnswerAsync(waveId, offset, 0.6) > 20);
            await demo.CloseAsync(waveId);
            var published = await publication.PublishAsync(waveId, null, "test", CancellationToken.None);
            Assert.True(published.Succeeded, published.Problem?.Detail);
            waveIds.Add(waveId);
        }
        using var client = fixture.App.CreateClient();

        var first = await client.GetStringAsync($"/raad/{slug}/{years[0]}");
        Assert.DoesNotContain("id=\"meer-jaren\"", first);
        Assert.DoesNotContain("Uitkomsten over meer jaren samen", first);

        var draft = (await services.GetRequiredService<ReportAggregateStore>().ReadAsync(waveIds[^1], AggregateStatus.Draft))!;
        var pooled = draft.Pooled.Where(p => p.Scope == municipality).ToList();
        Assert.NotEmpty(pooled); // 150 clients: far fewer answers than a 5-point margin needs
        var html = await client.GetStringAsync($"/raad/{slug}/{lastYear}");
        Assert.Contains("<h3 id=\"meer-jaren\">Uitkomsten over meer jaren samen</h3>", html);
        var section = html[html.IndexOf("id=\"meer-jaren\"", StringComparison.Ordinal)..];
        section = section[..(section.IndexOf("</table>", StringComparison.Ordinal) + "</table>".Length)];
        var text = WebUtility.HtmlDecode(section);

        // Shown only beside this year's published total (as a trend is): a total hidden by disclosure control has none.
        var figures = JsonDocument.Parse(await client.GetStringAsync($"/raad/{slug}/{lastYear}/data.json")).RootElement.GetProperty("figures").EnumerateArray().ToList();
        bool TotalPublished(PooledRow p) => figures.Any(f => f.GetProperty("audience").GetString() == p.Audience && f.GetProperty("dimension").GetString() == Dimensions.Total
            && f.GetProperty("measureType").GetString() == MeasureTypes.Indicator && f.GetProperty("measure").GetString() == p.Measure
            && f.GetProperty("respondents").ValueKind == JsonValueKind.Number);
        var shown = pooled.Where(TotalPublished).ToList();
        Assert.NotEmpty(shown);
        Assert.Equal(shown.Count, Regex.Matches(section, "<tr><th scope=\"row\">").Count);
        foreach (var audience in pooled.Except(shown).Select(p => p.Audience).Except(shown.Select(p => p.Audience)))
            Assert.DoesNotContain($"({audience}, ", text);
        foreach (var p in shown)
        {
            Assert.Equal(years, p.Years.Order());
            Assert.Contains(p.Sentence, text);
            Assert.Contains($"({(p.Audience == "jongeren" ? "jongeren" : "ouders")}, {string.Join(", ", p.Years)})", text);
            var mark = p.Measure == "rapportcijfer";
            string Shown(double v) => mark ? Math.Round(v, 1, MidpointRounding.AwayFromZero).ToString("0.0", Dutch) : $"{Math.Round(v * 100, MidpointRounding.AwayFromZero):0}%";
            Assert.Contains($"tussen {Shown(p.CiLow)} en {Shown(p.CiHigh)}", text);
            Assert.Contains($"<td class=\"num\">{p.N.ToString("N0", Dutch)}</td>", section);
        }
        // One sentence per reason, said once: the section does not repeat it per row.
        foreach (var sentence in shown.Select(p => p.Sentence).Distinct())
            Assert.Single(Regex.Matches(text, Regex.Escape(sentence)));
    }
}
