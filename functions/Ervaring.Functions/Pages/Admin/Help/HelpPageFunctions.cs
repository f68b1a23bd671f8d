using Ervaring.Core.Frames;
using Ervaring.Functions.Hosting.Functions;
using Ervaring.Functions.Security;
using Microsoft.Azure.Functions.Worker;
using static Ervaring.Functions.Pages.Shared.PageResults;

namespace Ervaring.Functions.Pages.Admin.Help;

/// <summary>
/// Help at hand (issue 20, point 7): a page per step of the cycle and the template register file. Both are the same
/// for every officer and hold no wave or municipality data, hence no {id} and no municipality check.
/// </summary>
public sealed class HelpPageFunctions(TimeProvider clock)
{
    private const string Static = "Static help text and a template with made-up rows: no wave or municipality data.";

    [Function("PagesHelp"), Beheerder, Page, ScopeInCode(Static)]
    public IResult Index([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "beheer/hulp")] HttpRequest request) =>
        Page<HelpPage>(new { Step = (StepHelp?)null });

    [Function("PagesHelpStep"), Beheerder, Page, ScopeInCode(Static)]
    public IResult Step([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "beheer/hulp/{stap}")] HttpRequest request, string stap) =>
        CycleHelp.Find(stap) is { } step
            ? Page<HelpPage>(new { Step = step })
            : Page<MessagePage>(new
            {
                Title = "Deze hulppagina bestaat niet",
                Text = $"Er is hulp bij de stappen {string.Join(", ", CycleHelp.Steps.Select(s => s.Name.ToLowerInvariant()))}.",
                BackHref = "/beheer/hulp",
                BackText = "Naar alle stappen",
            }, StatusCodes.Status404NotFound);

    /// <summary>The template register file: the parser's columns and made-up rows for "Voorbeeldgemeente" (refused for a real one).</summary>
    [Function("PagesFrameTemplate"), Beheerder, Page, ScopeInCode(Static)]
    public IResult FrameTemplateCsv([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "beheer/sjablonen/kader.csv")] HttpRequest request) =>
        Results.File(FrameTemplate.Csv("Voorbeeldgemeente", clock.GetUtcNow().Year), "text/csv; charset=utf-8", "sjabloon-steekproefkader.csv");
}
