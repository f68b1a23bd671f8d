using Ervaring.Functions.Fielding;
using Ervaring.Storage.Frames;
using Ervaring.Storage.Waves;
using Microsoft.Extensions.DependencyInjection;

namespace Ervaring.Integration.Tests.Fielding;

[Collection(AppCollection.Name)]
public sealed class RetentionTests(AppFixture fixture)
{
    [Fact]
    public async Task Raw_frames_past_retention_are_deleted_once_and_a_rerun_changes_nothing()
    {
        var scenario = await FieldingScenario.StartAsync(fixture, clients: 40);
        var waves = fixture.App.Services.GetRequiredService<WaveStore>();
        var frames = fixture.App.Services.GetRequiredService<FrameBlobStore>();
        Assert.NotEmpty(await frames.ListAsync(scenario.WaveId));
        var retention = fixture.App.Services.GetRequiredService<IEnumerable<Ervaring.Functions.Timers.ITimerStep>>().OfType<FrameRetention>().Single();

        var retainUntil = (await waves.GetAsync(scenario.WaveId))!.Wave.Frame!.RetainUntil!.Value;
        await retention.RunAsync(new DateTimeOffset(retainUntil.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero), CancellationToken.None);
        Assert.NotEmpty(await frames.ListAsync(scenario.WaveId)); // not yet: the last day is still within retention

        var dayAfter = new DateTimeOffset(retainUntil.AddDays(1).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        await retention.RunAsync(dayAfter, CancellationToken.None);
        Assert.Empty(await frames.ListAsync(scenario.WaveId));
        var afterFirst = (await waves.GetAsync(scenario.WaveId))!;
        Assert.True(afterFirst.Wave.Frame!.RawDeleted);

        await retention.RunAsync(dayAfter, CancellationToken.None);
        Assert.Equal(afterFirst.ETag, (await waves.GetAsync(scenario.WaveId))!.ETag);
    }
}
