using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Azure.Data.Tables;
using Ervaring.Functions.Timers;
using Ervaring.Storage;
using Ervaring.Storage.Waves;
using Microsoft.Extensions.DependencyInjection;

namespace Ervaring.Integration.Tests.Hardening;

/// <summary>
/// One wave that cannot be processed never stops the nightly job for the others: its failure is counted and
/// reported, the run counts as failed (so the alert fires), every other wave is closed and purged, and the broken
/// wave is tried again on the next run and finishes once it can.
/// </summary>
public sealed class TimerIsolationTests : IAsyncLifetime
{
    private readonly AppFixture _fixture = new();

    public Task InitializeAsync() => _fixture.InitializeAsync();
    public Task DisposeAsync() => _fixture.DisposeAsync();

    private T Service<T>() where T : notnull => _fixture.App.Services.GetRequiredService<T>();

    [Fact]
    public async Task A_wave_whose_close_throws_does_not_stop_the_next_wave_from_closing_and_is_counted()
    {
        using var admin = _fixture.AdminClient();
        // Waves are listed by year and name: the broken one comes first.
        var broken = await FieldingWaveAsync(admin, "Aaa-Kapotstad");
        var healthy = await FieldingWaveAsync(admin, "Zzz-Heelstad");

        // The broken wave holds a completed response that cannot be read (its stored JSON is damaged), so mixing
        // it — the first thing closing does — throws.
        var invitations = new TableClient(_fixture.Azurite.ConnectionString, StorageNames.Tables.Invitations);
        await invitations.AddEntityAsync(new TableEntity(broken, "beschadigd")
        {
            ["Status"] = "voltooid", ["Pending"] = "{\"Audience\": kapot", ["MoveId"] = "0123456789abcdef0123456789abcdef",
        });
        foreach (var id in new[] { broken, healthy }) await EndFieldPeriodAsync(id);

        var runner = Service<TimerJobRunner>();
        var first = await runner.RunAsync(TimerFunctionNames.NightlyMaintenance, CancellationToken.None);
        var logs = string.Join(" / ", first.Logs);

        Assert.False(first.Succeeded, logs);
        Assert.Contains(first.Logs, l => l.StartsWith("metingen sluiten: 1 ", StringComparison.Ordinal) && l.Contains("1 mislukt", StringComparison.Ordinal));
        Assert.Contains(first.Logs, l => l.StartsWith("respons mengen: ", StringComparison.Ordinal) && l.Contains("1 mislukt", StringComparison.Ordinal));
        Assert.DoesNotContain("beschadigd", logs);
        var closed = await WaveAsync(admin, healthy);
        Assert.Equal("closed", closed.GetProperty("state").GetString(), ignoreCase: true);
        Assert.Equal(JsonValueKind.String, closed.GetProperty("purgedOn").ValueKind);
        Assert.Equal(JsonValueKind.Null, (await WaveAsync(admin, broken)).GetProperty("purgedOn").ValueKind);
        // For monitoring: the last run failed, with one wave in closing and the same wave in mixing.
        var health = Service<TimerHealth>();
        Assert.Equal((false, 2, 0), Status(health.Last(TimerFunctionNames.NightlyMaintenance)));

        // Nothing changed for the broken wave: the next run tries it again, and fails again.
        var second = await runner.RunAsync(TimerFunctionNames.NightlyMaintenance, CancellationToken.None);
        Assert.False(second.Succeeded);
        Assert.Contains(second.Logs, l => l.StartsWith("metingen sluiten: 0 ", StringComparison.Ordinal) && l.Contains("1 mislukt", StringComparison.Ordinal));

        // Once the damage is repaired, the next run finishes the close and the run is clean again.
        await invitations.DeleteEntityAsync(broken, "beschadigd");
        var third = await runner.RunAsync(TimerFunctionNames.NightlyMaintenance, CancellationToken.None);
        Assert.True(third.Succeeded, string.Join(" / ", third.Logs));
        Assert.DoesNotContain(third.Logs, l => l.Contains("mislukt", StringComparison.Ordinal));
        Assert.Equal(JsonValueKind.String, (await WaveAsync(admin, broken)).GetProperty("purgedOn").ValueKind);
        Assert.Equal((true, 0, 0), Status(health.Last(TimerFunctionNames.NightlyMaintenance)));
        Assert.Contains(TimerFunctionNames.NightlyMaintenance, health.Report().Keys);
    }

    [Fact]
    public async Task A_wave_whose_stored_document_cannot_be_read_is_counted_and_the_others_still_close()
    {
        using var admin = _fixture.AdminClient();
        var healthy = await FieldingWaveAsync(admin, "Heelstad");
        await EndFieldPeriodAsync(healthy);
        var waves = new TableClient(_fixture.Azurite.ConnectionString, StorageNames.Tables.Waves);
        await waves.AddEntityAsync(new TableEntity("wave", "2026-onleesbaar-abcdef") { ["State"] = "Fielding", ["Year"] = 2026, ["Document"] = "{\"id\": kapot" });

        var run = await Service<TimerJobRunner>().RunAsync(TimerFunctionNames.NightlyMaintenance, CancellationToken.None);

        Assert.False(run.Succeeded);
        Assert.Contains(run.Logs, l => l.StartsWith("metingen sluiten: 1 ", StringComparison.Ordinal) && l.Contains("1 mislukt", StringComparison.Ordinal));
        Assert.Equal(JsonValueKind.String, (await WaveAsync(admin, healthy)).GetProperty("purgedOn").ValueKind);
        var status = Service<TimerHealth>().Last(TimerFunctionNames.NightlyMaintenance)!;
        Assert.False(status.Succeeded);
        Assert.Equal(0, status.FailedSteps);
        Assert.True(status.FailedWaves >= 1);
    }

    private static (bool, int, int) Status(TimerRunStatus? status) => (status!.Succeeded, status.FailedWaves, status.FailedSteps);

    private static async Task<JsonElement> WaveAsync(HttpClient admin, string id) => await admin.GetFromJsonAsync<JsonElement>($"/api/waves/{id}");

    /// <summary>The field period ended yesterday, so the nightly job must close the wave.</summary>
    private async Task EndFieldPeriodAsync(string waveId)
    {
        var waves = Service<WaveStore>();
        var stored = (await waves.GetAsync(waveId))!;
        var yesterday = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(-1);
        await waves.UpdateAsync(stored, stored.Wave with { Settings = stored.Wave.Settings with { FieldStart = yesterday.AddDays(-20), FieldEnd = yesterday } }, "test", null);
    }

    private static async Task<string> FieldingWaveAsync(HttpClient admin, string municipality)
    {
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var waveId = await CreateWaveAsync(admin, new
        {
            municipalities = new[] { municipality },
            year = today.Year,
            fieldStart = today.AddDays(-1).ToString("yyyy-MM-dd"),
            fieldEnd = today.AddDays(30).ToString("yyyy-MM-dd"),
            census = true,
        });
        var csv = string.Join("\r\n", Ervaring.Core.Demo.SyntheticRegister.Lines(20, [municipality], today.Year, seed: 5, referencePrefix: municipality[..3])) + "\r\n";
        var frame = await PostCsvAsync(admin, $"/api/waves/{waveId}/frame?dropInvalid=true", Encoding.UTF8.GetBytes(csv));
        Assert.True(frame.IsSuccessStatusCode, await frame.Content.ReadAsStringAsync());
        Assert.True((await admin.PostAsJsonAsync($"/api/waves/{waveId}/sample", new { })).IsSuccessStatusCode);
        Assert.True((await admin.PostAsync($"/api/waves/{waveId}/fielding", null)).IsSuccessStatusCode);
        return waveId;
    }
}
