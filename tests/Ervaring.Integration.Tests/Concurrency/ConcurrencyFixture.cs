
namespace Ervaring.Integration.Tests.Concurrency;

/// <summary>
/// One Azurite and one app for the concurrency suite, apart from the other collections: the suite compares
/// storage before and after each burst, so nothing else may write to this account meanwhile. The classes in the
/// collection run one after the other.
/// </summary>
public sealed class ConcurrencyFixture : IAsyncLifetime
{
    public AppFixture App { get; } = new();

    public async Task InitializeAsync() => await App.InitializeWith(await AzuriteProcess.StartAsync(), new Dictionary<string, string?>
    {
        // Bursts come from one loopback address; the rate limits are tested elsewhere.
        ["Ervaring:RateLimits:SurveyPostsPerMinute"] = "100000000",
        ["Ervaring:RateLimits:AdminPerMinute"] = "100000000",
        ["Ervaring:Survey:MaxFailedLookups"] = "100000000",
    });

    public Task DisposeAsync() => App.DisposeAsync();
}

[CollectionDefinition(Name)]
public sealed class ConcurrencyCollection : ICollectionFixture<ConcurrencyFixture>
{
    public const string Name = "Concurrency on Azurite";
}
