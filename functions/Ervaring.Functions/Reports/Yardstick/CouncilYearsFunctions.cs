using System.Globalization;
using System.Text.Json;
using Ervaring.Core.Csv;
using Ervaring.Core.Reports.Yardstick;
using Ervaring.Functions.Hosting.Functions;
using Ervaring.Functions.Pages.Reports;
using Ervaring.Functions.Security;
using Microsoft.Azure.Functions.Worker;
using static Ervaring.Functions.Pages.Shared.PageResults;

namespace Ervaring.Functions.Reports.Yardstick;

/// <summary>
/// A municipality's page under /raad and its report years as open data (issue 14). Live, not versioned: a year's
/// status and the reason for a gap are the municipality's account of itself, not a figure of a report; each report
/// version also carries the years as they stood when it was published.
/// </summary>
public sealed class CouncilYearsFunctions(YardstickService yardstick)
{
    private const string PublicYears =
        "Which years a municipality surveyed, published (when) or skipped (and why) is public by purpose: the council and residents must see every year accounted for. No figures, no person.";

    public static readonly IReadOnlyList<string> Columns = ["gebied", "rapportjaar", "stand", "verschenen_op", "op_tijd", "reden_geen_onderzoek"];

    [Function("CouncilMunicipality"), Public(PublicYears), Page]
    public async Task<IResult> Page(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "raad/{slug}")] HttpRequest request, string slug, CancellationToken cancellationToken)
    {
        CouncilPageFunctions.PublicHeaders(request.HttpContext.Response);
        if (await yardstick.ResolveAsync(slug, OfficerScope.Coordinator, cancellationToken) is not { } municipality) return CouncilPageFunctions.NotFoundPage();
        return Page<CouncilMunicipalityPage>(new { Municipality = municipality, Slug = slug, Years = await yardstick.YearsAsync(municipality, cancellationToken) });
    }

    [Function("CouncilYearsCsv"), Public(PublicYears)]
    public async Task<IResult> Csv(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "raad/{slug}/jaren.csv")] HttpRequest request, string slug, CancellationToken cancellationToken)
    {
        CouncilPageFunctions.PublicHeaders(request.HttpContext.Response);
        if (await yardstick.ResolveAsync(slug, OfficerScope.Coordinator, cancellationToken) is not { } municipality) return CouncilPageFunctions.NotFoundPage();
        var rows = new List<IEnumerable<string?>> { Columns };
        rows.AddRange((await yardstick.YearsAsync(municipality, cancellationToken)).Select(y => new[]
        {
            y.Municipality, y.Year.ToString(CultureInfo.InvariantCulture), y.Status, y.PublishedOn?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            y.OnTime switch { true => "ja", false => "nee", _ => null }, y.Reason,
        }));
        return Results.File(SafeCsv.ToUtf8Bytes(rows), "text/csv; charset=utf-8", $"{slug}-jaren.csv");
    }

    [Function("CouncilYearsJson"), Public(PublicYears)]
    public async Task<IResult> Json(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "raad/{slug}/jaren.json")] HttpRequest request, string slug, CancellationToken cancellationToken)
    {
        CouncilPageFunctions.PublicHeaders(request.HttpContext.Response);
        if (await yardstick.ResolveAsync(slug, OfficerScope.Coordinator, cancellationToken) is not { } municipality) return CouncilPageFunctions.NotFoundPage();
        var years = await yardstick.YearsAsync(municipality, cancellationToken);
        return Results.File(JsonSerializer.SerializeToUtf8Bytes(years, ReportComposer.Json), "application/json; charset=utf-8", $"{slug}-jaren.json");
    }
}
