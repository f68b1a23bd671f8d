using Ervaring.Core.Reports;
using Ervaring.Functions.Pages.Reports;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;

namespace Ervaring.Functions.Reports;

/// <summary>Renders the council report page to HTML once, at publication; the bytes are then archived and served as they are.</summary>
public sealed class ReportRenderer(IServiceScopeFactory scopes, ILoggerFactory loggers)
{
    public async Task<byte[]> HtmlAsync(PublicReport report)
    {
        // The renderer needs scoped services (as in a request); publication may run outside one (timer, demo).
        await using var scope = scopes.CreateAsyncScope();
        await using var renderer = new HtmlRenderer(scope.ServiceProvider, loggers);
        var html = await renderer.Dispatcher.InvokeAsync(async () =>
        {
            var output = await renderer.RenderComponentAsync<CouncilReportPage>(ParameterView.FromDictionary(new Dictionary<string, object?> { ["Report"] = report }));
            return output.ToHtmlString();
        });
        return System.Text.Encoding.UTF8.GetBytes(html);
    }
}
