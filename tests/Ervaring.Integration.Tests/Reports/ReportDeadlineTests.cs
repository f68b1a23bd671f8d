using System.Text.Json;
using System.Text.RegularExpressions;
using Ervaring.Functions.Demo;
using Ervaring.Functions.Reports;
using Microsoft.Extensions.DependencyInjection;

namespace Ervaring.Integration.Tests.Reports;

/// <summary>
/// The deadline view (API and /beheer) says when each report was first published and whether that was before
/// 1 July of the next year, as the Jeugdwet asks. The app runs on a clock the test sets.
/// </summary>
[Collection(AppCollection.Name)]
public sealed class ReportDeadlineTests(AppFixture fixture)
{
    private sealed class SettableClock(DateTimeOffset now) : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = now;
        public override DateTimeOffset GetUtcNow() => Now;
    }

    [Fact]
    public async Task The_deadline_view_shows_the_first_publication_date_and_whether_it_was_on_time()
    {
        var clock = new SettableClock(new DateTimeOffset(2026, 6, 15, 10, 0, 0, TimeSpan.Zero));
        await using var app = await AppInstance.StartAsync(fixture.Azurite.ConnectionString, AppFixture.DefaultSettings,
            builder => builder.Services.AddSingleton<TimeProvider>(clock));
        var demo = app.Services.GetRequiredService<DemoWaves>();
        var publication = app.Services.GetRequiredService<ReportPublication>();
        var municipality = "Termijndorp" + Guid.NewGuid().ToString("N")[..5];
        async Task<string> PublishedWaveAsync(int year)
        {
            var id = await demo.CreateFieldingWaveAsync(municipality, year, 300);
            await demo.AnswerAsync(id, 0, 1.0);
            await demo.CloseAsync(id);
            Assert.True((await publication.PublishAsync(id, null, "test", CancellationToken.None)).Succeeded);
            return id;
        }
        var onTime = await PublishedWaveAsync(2025); // due 1 July 2026
        var late = await PublishedWaveAsync(2024);   // due 1 July 2025
        // A correction a month later (it adds the municipality's interpretation) is a new version; the report was still
        // first published on 15 June.
        clock.Now = clock.Now.AddDays(30);
        var notes = app.Services.GetRequiredService<Ervaring.Functions.Reports.Council.CouncilNotesService>();
        var interpretation = await notes.SaveInterpretationAsync(onTime, new(municipality, "ouders", "toegang", "totaal", "Wachttijden blijven een zorg."), CancellationToken.None);
        Assert.True(interpretation.Succeeded && interpretation.Value!.Count == 0, interpretation.Problem?.Detail);
        var correction = await publication.PublishAsync(onTime, "Duiding bij toegang toegevoegd", "test", CancellationToken.None);
        Assert.True(correction.Succeeded, correction.Problem?.Detail);

        using var admin = app.CreateClient();
        admin.DefaultRequestHeaders.Add("X-Api-Key", AppFixture.AdminKey);
        var rows = JsonDocument.Parse(await admin.GetStringAsync("/api/report-deadlines")).RootElement.GetProperty("rows").EnumerateArray().ToList();
        JsonElement Row(string wave) => rows.Single(r => r.GetProperty("waveId").GetString() == wave);
        Assert.Equal("2026-06-15", Row(onTime).GetProperty("publishedOn").GetString());
        Assert.False(Row(onTime).GetProperty("publishedLate").GetBoolean());
        Assert.Equal("2026-06-15", Row(late).GetProperty("publishedOn").GetString());
        Assert.True(Row(late).GetProperty("publishedLate").GetBoolean());

        var html = await admin.GetStringAsync("/beheer");
        string RowText(string wave) => Regex.Replace(Regex.Match(html, $"<tr data-wave=\"{wave}\"[^>]*>(.*?)</tr>", RegexOptions.Singleline).Groups[1].Value, "<[^>]+>", " ");
        Assert.Contains("gepubliceerd op 15 juni 2026, op tijd", RowText(onTime));
        Assert.Contains("gepubliceerd op 15 juni 2026, 349 dagen te laat", RowText(late));
    }
}
