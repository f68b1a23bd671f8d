namespace Ervaring.Integration.Tests.Infrastructure;

/// <summary>One Azurite and one app for every test class in the collection: starting them costs seconds.</summary>
public sealed class AppFixture : IAsyncLifetime
{
    public AzuriteProcess Azurite { get; private set; } = null!;
    public AppInstance App { get; private set; } = null!;

    /// <summary>Settings every shared test app gets; tests that need others start their own app.</summary>
    public static readonly Dictionary<string, string?> DefaultSettings = new();

    public async Task InitializeAsync()
    {
        Azurite = await AzuriteProcess.StartAsync();
        App = await AppInstance.StartAsync(Azurite.ConnectionString, DefaultSettings);
    }

    public async Task DisposeAsync()
    {
        await App.DisposeAsync();
        await Azurite.DisposeAsync();
    }
}

[CollectionDefinition(Name)]
public sealed class AppCollection : ICollectionFixture<AppFixture>
{
    public const string Name = "App on Azurite";
}
