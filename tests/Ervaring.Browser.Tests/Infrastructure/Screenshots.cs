using Microsoft.Playwright;

namespace Ervaring.Browser.Tests.Infrastructure;

/// <summary>Full-page PNGs in artifacts/screenshots/, for people to look at (and for CI to keep).</summary>
public static class Screenshots
{
    public static string Folder { get; } = RepositoryRoot.Combine("artifacts", "screenshots");

    public static async Task<string> SaveAsync(IPage page, string name)
    {
        Directory.CreateDirectory(Folder);
        var path = Path.Combine(Folder, $"{name}.png");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = path, FullPage = true });
        return path;
    }
}
