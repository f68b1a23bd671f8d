using Microsoft.Playwright;

namespace Ervaring.Browser.Tests.Infrastructure;

/// <summary>
/// Azurite, the app and one headless Chromium for every browser test class in the collection. Each test gets
/// its own browser context (own cookies) from <see cref="NewPageAsync"/>. Survey and report browser tests can
/// join the same collection, or start their own app with other settings through <see cref="AppInstance"/>.
/// </summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    public static readonly ViewportSize Desktop = new() { Width = 1280, Height = 900 };
    public static readonly ViewportSize Phone = new() { Width = 390, Height = 844 };

    /// <summary>
    /// How long one step (a navigation, a click, an expectation) may take. Locally a step takes well under a second;
    /// the CI machine is slower and shared, so the margin is wide: a failing test only waits longer.
    /// </summary>
    public const float StepTimeout = 30_000;

    private readonly AppFixture _app = new();
    private IPlaywright? _playwright;

    public IBrowser Browser { get; private set; } = null!;
    public AppFixture AppFixture => _app;
    public AppInstance App => _app.App;
    public AzuriteProcess Azurite => _app.Azurite;
    public Uri BaseAddress => App.BaseAddress;

    public async Task InitializeAsync()
    {
        await _app.InitializeAsync();
        _playwright = await Playwright.CreateAsync();
        Browser = await Chromium.LaunchAsync(_playwright);
    }

    /// <param name="javaScript">Off to prove a page works without it (axe needs it, so audit with it on).</param>
    public async Task<IPage> NewPageAsync(ViewportSize? viewport = null, bool javaScript = true)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = BaseAddress.ToString().TrimEnd('/'),
            ViewportSize = viewport ?? Desktop,
            Locale = "nl-NL",
            TimezoneId = "Europe/Amsterdam",
            AcceptDownloads = true,
            JavaScriptEnabled = javaScript,
            // A phone viewport also means a touch screen and a phone's pixel density.
            HasTouch = viewport == Phone,
            IsMobile = viewport == Phone,
            DeviceScaleFactor = viewport == Phone ? 2 : 1,
        });
        context.SetDefaultTimeout(StepTimeout);
        return await context.NewPageAsync();
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null) await Browser.CloseAsync();
        _playwright?.Dispose();
        await _app.DisposeAsync();
    }
}

[CollectionDefinition(Name)]
public sealed class BrowserCollection : ICollectionFixture<BrowserFixture>
{
    public const string Name = "Browser on app on Azurite";
}
