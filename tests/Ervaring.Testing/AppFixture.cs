using Xunit;

namespace Ervaring.Testing;

/// <summary>One Azurite and one app for every test class in the collection: starting them costs seconds.</summary>
public sealed class AppFixture : IAsyncLifetime
{
    public AzuriteProcess Azurite { get; private set; } = null!;
    public AppInstance App { get; private set; } = null!;

    /// <summary>Settings every shared test app gets; tests that need others start their own app.</summary>
    public const string AdminKey = "test-beheerder-sleutel-0123456789";
    public const string ResearcherKey = "test-onderzoeker-sleutel-0123456789";

    public static readonly Dictionary<string, string?> DefaultSettings = new()
    {
        ["Ervaring:AdminApiKey"] = AdminKey,
        ["Ervaring:ApiKeys:0:Key"] = ResearcherKey,
        ["Ervaring:ApiKeys:0:Role"] = "onderzoeker",
        ["Ervaring:ApiKeys:0:Name"] = "test-onderzoeker",
        // The shared tests are not about municipalities: the researcher sees every wave, as the admin key does.
        ["Ervaring:ApiKeys:0:Region"] = "true",
        ["Ervaring:PublicBaseUrl"] = "https://ervaring.example.nl",
    };

    /// <summary>A client that authenticates as beheerder with the API key.</summary>
    public HttpClient AdminClient()
    {
        var client = App.CreateClient();
        client.DefaultRequestHeaders.Add("X-Api-Key", AdminKey);
        return client;
    }

    public async Task InitializeAsync() => await InitializeWith(await AzuriteProcess.StartAsync());

    /// <summary>Starts the app on a given Azurite (for example one that persists to disk and can be restarted).</summary>
    public async Task InitializeWith(AzuriteProcess azurite, IDictionary<string, string?>? extraSettings = null, Action<Microsoft.AspNetCore.Builder.WebApplicationBuilder>? configure = null)
    {
        Azurite = azurite;
        var settings = new Dictionary<string, string?>(DefaultSettings);
        foreach (var (key, value) in extraSettings ?? new Dictionary<string, string?>()) settings[key] = value;
        App = await AppInstance.StartAsync(Azurite.ConnectionString, settings, configure);
    }

    public async Task DisposeAsync()
    {
        await App.DisposeAsync();
        await Azurite.DisposeAsync();
    }
}
