using Ervaring.Core.Waves;
using Ervaring.Functions.Demo;
using Ervaring.Functions.Fielding;
using Ervaring.Storage.Responses;
using Ervaring.Storage.Waves;
using Microsoft.Extensions.DependencyInjection;

namespace Ervaring.Integration.Tests.Demo;

/// <summary>The start command's demo: a fictional region, one municipality with two closed years and one in the field, a second with its current year in the field.</summary>
public sealed class DemoSeederTests : IAsyncLifetime
{
    private AzuriteProcess _azurite = null!;
    private AppInstance _app = null!;

    public async Task InitializeAsync()
    {
        _azurite = await AzuriteProcess.StartAsync();
        _app = await AppInstance.StartAsync(_azurite.ConnectionString);
    }

    public async Task DisposeAsync()
    {
        await _app.DisposeAsync();
        await _azurite.DisposeAsync();
    }

    [Fact]
    public async Task Seeding_creates_the_whole_cycle_once()
    {
        var seeder = _app.Services.GetRequiredService<DemoSeeder>();
        await seeder.SeedAsync(CancellationToken.None);
        await seeder.SeedAsync(CancellationToken.None); // idempotent

        var all = await _app.Services.GetRequiredService<WaveStore>().ListAsync();
        // The region's second municipality: one wave, in the field, with answers.
        var second = Assert.Single(all, w => w.Settings.Municipalities.Contains(DemoSeeder.SecondMunicipality));
        Assert.Equal(WaveState.Fielding, second.State);
        Assert.True((await _app.Services.GetRequiredService<FieldworkProgress>().ReportAsync(second.Id, CancellationToken.None)).Value!.Completed > 0);

        var waves = all.Where(w => w.Settings.Municipalities.Contains(DemoSeeder.Municipality)).ToList();
        Assert.Equal(4, all.Count);
        Assert.Equal(3, waves.Count);
        Assert.Equal(2, waves.Count(w => w.State == WaveState.Published && w.PurgedOn is not null));
        var current = Assert.Single(waves, w => w.State == WaveState.Fielding);

        foreach (var closed in waves.Where(w => w.State == WaveState.Published))
        {
            var responses = 0;
            await foreach (var _ in _app.Services.GetRequiredService<ResponseStore>().ListAsync(closed.Id)) responses++;
            var progress = (await _app.Services.GetRequiredService<FieldworkProgress>().ReportAsync(closed.Id, CancellationToken.None)).Value!;
            Assert.Equal(progress.Completed, responses);
            Assert.InRange(progress.ResponseRate, 0.2, 0.5);
        }
        var live = (await _app.Services.GetRequiredService<FieldworkProgress>().ReportAsync(current.Id, CancellationToken.None)).Value!;
        Assert.True(live.Completed > 0);

        // A newcomer sees a complete council report: the municipality's words, actions, last year's status, quotes.
        using var client = _app.CreateClient();
        var year = waves.Where(w => w.State == WaveState.Published).Max(w => w.Settings.Year);
        var report = System.Text.Json.JsonDocument.Parse(await client.GetByteArrayAsync($"/raad/voorbeeldstad/{year}/data.json")).RootElement;
        Assert.NotEmpty(report.GetProperty("interpretations").EnumerateArray());
        Assert.NotEmpty(report.GetProperty("actions").EnumerateArray());
        Assert.Equal(2, report.GetProperty("quotes").GetArrayLength());
        var followUps = report.GetProperty("followUps").EnumerateArray().ToList();
        Assert.Equal(2, followUps.Count);
        Assert.All(followUps, f => Assert.Contains(f.GetProperty("status").GetString(), Ervaring.Core.Reports.Council.ActionStatus.All));
    }
}
