using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace Ervaring.Browser.Tests.Infrastructure;

/// <summary>axe-core audit of the page as it is now; fails on any serious or critical violation.</summary>
public static class Accessibility
{
    private static readonly HashSet<string> Blocking = new(StringComparer.OrdinalIgnoreCase) { "serious", "critical" };

    public static async Task AuditAsync(IPage page, string what)
    {
        var result = await page.RunAxe();
        var blocking = result.Violations.Where(v => Blocking.Contains(v.Impact ?? "")).ToList();
        if (blocking.Count == 0) return;
        var lines = blocking.SelectMany(v => v.Nodes.Take(5).Select(n =>
            $"- [{v.Impact}] {v.Id}: {v.Help}\n    at {n.Target}\n    {n.Html}\n    {Why(n)}"));
        Assert.Fail($"Accessibility problems on {what} ({page.Url}):\n{string.Join("\n", lines)}");
    }

    /// <summary>axe's own explanation of what failed at this node.</summary>
    private static string Why(Deque.AxeCore.Commons.AxeResultNode node) =>
        string.Join("; ", (node.Any ?? []).Concat(node.All ?? []).Concat(node.None ?? []).Select(c => c.Message).Where(m => !string.IsNullOrEmpty(m)));
}
