using Xunit;

namespace Ervaring.Testing;

/// <summary>
/// The app on an Azurite of the test's own that keeps its data on disk, so the test can stop storage and start it
/// again (<see cref="AzuriteProcess.StopAsync"/>, <see cref="AzuriteProcess.StartAgainAsync"/>): the outage tests.
/// </summary>
public abstract class OnRestartableStorage(IDictionary<string, string?>? settings = null) : IAsyncLifetime
{
    private readonly string _data = Directory.CreateTempSubdirectory("ervaring-azurite-").FullName;

    protected AppFixture Fixture { get; } = new();
    protected AzuriteProcess Azurite { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Azurite = await AzuriteProcess.StartAsync(_data);
        await Fixture.InitializeWith(Azurite, settings);
    }

    public async Task DisposeAsync()
    {
        await Fixture.DisposeAsync();
        Directory.Delete(_data, recursive: true);
    }
}
