using Microsoft.Playwright;

namespace Ervaring.Browser.Tests.Infrastructure;

/// <summary>
/// The system Chromium, headless. Never Playwright's own browser download: CI installs the Debian package
/// (see .ci/run), and machines without network run the same tests.
/// </summary>
public static class Chromium
{
    public const string PathVariable = "ERVARING_CHROMIUM";
    public const string DefaultPath = "/usr/bin/chromium";

    public static string ExecutablePath =>
        Environment.GetEnvironmentVariable(PathVariable) is { Length: > 0 } configured ? configured : DefaultPath;

    public static Task<IBrowser> LaunchAsync(IPlaywright playwright)
    {
        // Expect(...) has its own timeout (5 s unless set), apart from the context's step timeout; both get the
        // same wide margin, so a slow CI machine fails no assertion that only needed a few more seconds.
        Assertions.SetDefaultExpectTimeout(BrowserFixture.StepTimeout);
        if (!File.Exists(ExecutablePath))
            throw new InvalidOperationException($"Chromium is not installed at {ExecutablePath}. Install the Debian package 'chromium' or set {PathVariable}.");
        return playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ExecutablePath,
            Headless = true,
            // No sandbox (containers run as root), and nothing that phones home during a test run.
            Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
        });
    }
}
