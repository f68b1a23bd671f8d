using System.Net;
using System.Text;
using System.Text.Json;
using Ervaring.Core.Reports;
using Ervaring.Functions.Demo;
using Ervaring.Functions.Reports;
using Ervaring.Storage.Aggregates;
using Microsoft.Extensions.DependencyInjection;

namespace Ervaring.Integration.Tests.Reports;

/// <summary>
/// Issue 16, point 2, as the council reads it: a municipality answers questionnaire v1 one year and v2 the next. The
/// v2 report marks the new questions "nieuw dit jaar" (HTML label, data.json, CSV column) and nothing that v1 already
/// asked; the indicators, the same in both versions (codebook), keep their trend. The v1 report marks nothing.
/// </summary>
[Collection(AppCollection.Name)]
public sealed class NewThisYearTests(AppFixture fixture)
{
    [Fact]
    public async Task A_v2_report_after_a_v1_year_marks_only_the_new_questions()
    {
        var services = fixture.App.Services;
        var demo = services.GetRequiredService<DemoWaves>();
        var publication = services.GetRequiredService<ReportPublication>();
        var municipality = "NwNieuw" + Guid.NewGuid().ToString("N")[..6];
        var slug = Slugs.Of(municipality);
        var year = DateTime.UtcNow.Year - 1;
        var waveIds = new List<string>();
        foreach (var (y, version) in new[] { (year - 1, 1), (year, 2) })
        {
            var waveId = await demo.CreateFieldingWaveAsync(municipality, y, 400, census: true, questionnaireVersion: version);
            Assert.True(await demo.AnswerAsync(waveId, y - year + 1, 0.7) > 40);
            await demo.CloseAsync(waveId);
            var published = await publication.PublishAsync(waveId, null, "test", CancellationToken.None);
            Assert.True(published.Succeeded, published.Problem?.Detail);
            waveIds.Add(waveId);
        }
        using var client = fixture.App.CreateClient();

        // The v1 year: no mark anywhere.
        Assert.DoesNotContain("nieuw dit jaar", await client.GetStringAsync($"/raad/{slug}/{year - 1}"));
        Assert.DoesNotContain("newThisYear", await client.GetStringAsync($"/raad/{slug}/{year - 1}/data.json"));
        Assert.DoesNotContain(";ja", LastColumn(await client.GetByteArrayAsync($"/raad/{slug}/{year - 1}/data.csv")));

        // The v2 year: the new questions are marked, the v1 questions and the indicators are not.
        var draft = (await services.GetRequiredService<ReportAggregateStore>().ReadAsync(waveIds[1], AggregateStatus.Draft))!;
        var marked = draft.NewThisYear.Where(n => n.Scope == municipality).ToList();
        // The new questions that get a figure: the waiting share (the new agreement questions feed no indicator and get
        // only an answer distribution, which the public report does not show).
        Assert.Contains(marked, n => n is { Audience: "ouders", Measure: "toegang_wachten", MeasureType: MeasureTypes.Item });
        Assert.All(marked, n => Assert.Equal("toegang_wachten", n.Measure));
        Assert.Contains(draft.Trends, t => t.Scope == municipality && t.Measure == "toegang" && t.EarlierYear == year - 1);

        var figures = JsonDocument.Parse(await client.GetStringAsync($"/raad/{slug}/{year}/data.json")).RootElement.GetProperty("figures").EnumerateArray().ToList();
        bool New(JsonElement f) => f.TryGetProperty("newThisYear", out var v) && v.GetBoolean();
        Assert.Contains(figures, f => f.GetProperty("measure").GetString() == "toegang_wachten" && New(f));
        Assert.DoesNotContain(figures, f => f.GetProperty("measure").GetString() is "toegang_vinden" or "toegang" && New(f));

        var html = WebUtility.HtmlDecode(await client.GetStringAsync($"/raad/{slug}/{year}"));
        var label = "<span class=\"badge\" data-new=\"ja\">nieuw dit jaar</span>";
        Assert.Contains(AudienceAggregator.WaitingLabel(6) + " " + label + "</th>", html);
        Assert.Contains("Het was makkelijk om hulp te vinden voor mijn kind.</th>", html);

        var csv = Encoding.UTF8.GetString(await client.GetByteArrayAsync($"/raad/{slug}/{year}/data.csv")).Split("\r\n");
        Assert.EndsWith(";nieuw_dit_jaar", csv[0]);
        Assert.Contains(csv, r => r.Contains(";toegang_wachten;", StringComparison.Ordinal) && r.EndsWith(";ja", StringComparison.Ordinal));
        Assert.All(csv.Where(r => r.Contains(";toegang_vinden;", StringComparison.Ordinal)), r => Assert.EndsWith(";nee", r));
    }

    private static string LastColumn(byte[] csv) =>
        string.Join("\n", Encoding.UTF8.GetString(csv).Split("\r\n").Select(r => r[(r.LastIndexOf(';') == -1 ? 0 : r.LastIndexOf(';'))..]));
}
