using Microsoft.Playwright;

namespace Ervaring.Browser.Tests.Infrastructure;

public static class PageChecks
{
    /// <summary>The usual check for every page a test visits: keep a picture, then audit it.</summary>
    public static async Task AuditAndSaveAsync(IPage page, string name)
    {
        await Screenshots.SaveAsync(page, name);
        await Accessibility.AuditAsync(page, name);
    }
}
