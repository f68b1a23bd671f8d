using Ervaring.Functions.Api;
using Ervaring.Functions.Hosting.Functions;
using Ervaring.Functions.Pages.Reports;
using Ervaring.Functions.Reports.Council;
using Ervaring.Functions.Reports.Yardstick;
using Ervaring.Functions.Timers;
using Ervaring.Functions.Waves;
using Ervaring.Storage.Aggregates;
using Ervaring.Storage.Reports;
using Microsoft.Azure.Functions.Worker;
using static Ervaring.Functions.Pages.Shared.PageResults;

namespace Ervaring.Functions.Reports;

/// <summary>
/// Reporting for the officers: build the draft (or the interim "tussenstand"), read the results, publish.
/// The public council pages are <see cref="CouncilPageFunctions"/>.
/// </summary>
public sealed class ReportFunctions(WaveAggregation aggregation, ResultsQuery results, ReportPublication publication)
{
    private const string Tag = "Rapportage";

    public sealed record PublishRequest(string? Correction);

    [Function("ReportsCompute"), Beheerder]
    [Described(Tag, "Maak (opnieuw) het rapportconcept, of tijdens het veldwerk de tussenstand")]
    [Returns(StatusCodes.Status200OK, typeof(ReportComputed)), Returns(StatusCodes.Status404NotFound), Returns(StatusCodes.Status409Conflict)]
    public async Task<IResult> Compute(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/waves/{id}/report")] HttpRequest request, string id, CancellationToken cancellationToken)
    {
        var outcome = await aggregation.ComputeAsync(id, cancellationToken);
        return outcome.Problem?.ToResult()
               ?? Results.Ok(new ReportComputed(id, outcome.Value!.Status, outcome.Value.Responses, outcome.Value.ComputedAt));
    }

    [Function("ReportsResults"), Onderzoeker]
    [Described(Tag, "De rapporttabellen als JSON, met verborgen cellen gemarkeerd")]
    [Returns(StatusCodes.Status200OK, typeof(ResultsResponse)), Returns(StatusCodes.Status404NotFound)]
    public async Task<IResult> ReadResults(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/waves/{id}/results")] HttpRequest request, string id, CancellationToken cancellationToken)
    {
        var outcome = await results.ReadAsync(id, cancellationToken);
        return outcome.Problem?.ToResult() ?? Results.Json(outcome.Value, ReportComposer.Json);
    }

    [Function("ReportsPublish"), Beheerder]
    [Described(Tag, "Publiceer het rapport als nieuwe, onveranderlijke versie"), Accepts("application/json", typeof(PublishRequest))]
    [Returns(StatusCodes.Status200OK, typeof(ReportPublished)), Returns(StatusCodes.Status400BadRequest), Returns(StatusCodes.Status404NotFound)]
    [Returns(StatusCodes.Status409Conflict), Returns(StatusCodes.Status415UnsupportedMediaType)]
    public async Task<IResult> Publish(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/waves/{id}/publish")] HttpRequest request, string id, CancellationToken cancellationToken)
    {
        var body = await JsonBody.ReadAsync<PublishRequest>(request, allowEmpty: true, cancellationToken);
        if (body.Error is not null) return body.Error;
        var outcome = await publication.PublishAsync(id, body.Value?.Correction, WaveFunctions.Actor(request.HttpContext.User), cancellationToken);
        return outcome.Problem?.ToResult() ?? Results.Ok(new ReportPublished(id, outcome.Value!));
    }
}

/// <summary>The answer to building the draft or the interim: its status ("concept" or "tussenstand"), responses and time.</summary>
public sealed record ReportComputed(string Id, string Status, long Responses, DateTimeOffset ComputedAt);

/// <summary>The answer to publishing: the versions written, one per municipality (and the region).</summary>
public sealed record ReportPublished(string Id, IReadOnlyList<PublishedVersion> Versions);

/// <summary>
/// The public council pages under /raad and their open data: published reports, served byte for byte.
/// They read only the published blobs (the archive is all this class is given); they never touch responses or
/// aggregates. Not in the API description: they are pages and downloads, not API. The index also lists every
/// configured municipality's report years (issue 14: a year without a survey and its reason, from
/// <see cref="YardstickService"/>; no figures).
/// </summary>
public sealed class CouncilPageFunctions(ReportArchive archive, YardstickService yardstick)
{
    private const string PublicReports =
        "Published council reports are public by purpose (the municipality accounts to its council and residents) and hold only disclosure-controlled figures.";

    private const string PublicOpenData =
        "Open data of the published reports: the same disclosure-controlled figures as the public report, for anyone to reuse.";

    [Function("CouncilIndex"), Public(PublicReports), Page]
    public async Task<IResult> Index(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "raad")] HttpRequest request, CancellationToken cancellationToken)
    {
        PublicHeaders(request.HttpContext.Response);
        var entries = new List<CouncilIndexEntry>();
        foreach (var group in (await archive.ListAsync(null, cancellationToken)).GroupBy(v => (v.Slug, v.Year)))
        {
            var latest = group.Max(v => v.Version);
            var meta = await archive.ReadMetaAsync(group.Key.Slug, group.Key.Year, latest, cancellationToken);
            entries.Add(new CouncilIndexEntry(meta?.Scope ?? group.Key.Slug, group.Key.Slug, group.Key.Year, latest));
        }
        return Page<CouncilIndexPage>(new { Entries = entries, Places = await yardstick.PublicYearsAsync(cancellationToken) });
    }

    [Function("CouncilReport"), Public(PublicReports), Page]
    public Task<IResult> Report(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "raad/{slug}/{year:int}")] HttpRequest request, string slug, int year, CancellationToken cancellationToken) =>
        ServeAsync(request, slug, year, null, ReportArchive.Html, cancellationToken);

    [Function("CouncilReportVersion"), Public(PublicReports), Page]
    public Task<IResult> ReportVersion(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "raad/{slug}/{year:int}/v/{version:int}")] HttpRequest request, string slug, int year, int version, CancellationToken cancellationToken) =>
        ServeAsync(request, slug, year, version, ReportArchive.Html, cancellationToken);

    [Function("CouncilDataCsv"), Public(PublicOpenData)]
    public Task<IResult> DataCsv(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "raad/{slug}/{year:int}/data.csv")] HttpRequest request, string slug, int year, CancellationToken cancellationToken) =>
        ServeAsync(request, slug, year, null, ReportArchive.Csv, cancellationToken);

    [Function("CouncilDataJson"), Public(PublicOpenData)]
    public Task<IResult> DataJson(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "raad/{slug}/{year:int}/data.json")] HttpRequest request, string slug, int year, CancellationToken cancellationToken) =>
        ServeAsync(request, slug, year, null, ReportArchive.Json, cancellationToken);

    [Function("CouncilDataCsvVersion"), Public(PublicOpenData)]
    public Task<IResult> DataCsvVersion(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "raad/{slug}/{year:int}/v/{version:int}/data.csv")] HttpRequest request, string slug, int year, int version, CancellationToken cancellationToken) =>
        ServeAsync(request, slug, year, version, ReportArchive.Csv, cancellationToken);

    [Function("CouncilDataJsonVersion"), Public(PublicOpenData)]
    public Task<IResult> DataJsonVersion(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "raad/{slug}/{year:int}/v/{version:int}/data.json")] HttpRequest request, string slug, int year, int version, CancellationToken cancellationToken) =>
        ServeAsync(request, slug, year, version, ReportArchive.Json, cancellationToken);

    /// <summary>Serves an archived blob byte for byte; the latest version when none is named.</summary>
    private async Task<IResult> ServeAsync(HttpRequest request, string slug, int year, int? version, string file, CancellationToken cancellationToken)
    {
        PublicHeaders(request.HttpContext.Response);
        if (!Slugs.IsValid(slug)) return NotFoundPage();
        var chosen = version ?? (await archive.ListAsync(slug, cancellationToken)).Where(v => v.Year == year).Select(v => v.Version).DefaultIfEmpty(0).Max();
        if (chosen <= 0) return NotFoundPage();
        var bytes = await archive.ReadAsync(ReportArchive.Name(slug, year, chosen, file), cancellationToken);
        if (bytes is null || await archive.ReadAsync(ReportArchive.Name(slug, year, chosen, ReportArchive.Meta), cancellationToken) is null) return NotFoundPage();
        return file switch
        {
            ReportArchive.Csv => Results.File(bytes, "text/csv; charset=utf-8", $"{slug}-{year}-v{chosen}.csv"),
            ReportArchive.Json => Results.File(bytes, "application/json; charset=utf-8", $"{slug}-{year}-v{chosen}.json"),
            _ => Results.Bytes(bytes, "text/html; charset=utf-8"),
        };
    }

    internal static IResult NotFoundPage() => Page<CouncilMessagePage>(new
    {
        Title = "Rapport niet gevonden",
        Text = "Dit rapport bestaat niet (of is nog niet gepubliceerd). Kies een gemeente en jaar uit de lijst.",
    }, StatusCodes.Status404NotFound);

    /// <summary>
    /// The published pages and open data: the strict page headers, no forms at all, and cacheable for a few
    /// minutes (they are public and versioned). <c>[Page]</c> keeps what a function set itself.
    /// </summary>
    internal static void PublicHeaders(HttpResponse response)
    {
        var headers = response.Headers;
        headers.XContentTypeOptions = "nosniff";
        headers["Referrer-Policy"] = "no-referrer";
        headers.ContentSecurityPolicy = "default-src 'none'; style-src 'self'; img-src 'self' data:; form-action 'none'; base-uri 'none'; frame-ancestors 'none'";
        headers.CacheControl = "public, max-age=300";
    }
}

public sealed record CouncilIndexEntry(string Scope, string Slug, int Year, int Version);

public static class ReportRegistration
{
    public static IHostApplicationBuilder AddReports(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton<ReportAggregateStore>();
        builder.Services.AddSingleton<ReportArchive>();
        builder.Services.AddSingleton<ReportInputs>();
        builder.Services.AddSingleton<WaveAggregation>();
        builder.Services.AddSingleton<ReportComposer>();
        builder.Services.AddSingleton<ReportRenderer>();
        builder.Services.AddSingleton<ReportPublication>();
        builder.Services.AddSingleton<ResultsQuery>();
        builder.Services.AddSingleton<ITimerStep, InterimAggregates>();
        builder.Services.AddSingleton<ITimerStep, ReportDrafts>();
        builder.Services.AddCouncilNotes();
        builder.Services.AddYardstick();
        return builder;
    }
}
