using System.Security.Claims;
using System.Text.Json;
using Ervaring.Core.Reports;
using Ervaring.Functions.Api;
using Ervaring.Functions.Pages.Reports;
using Ervaring.Functions.Reports.Council;
using Ervaring.Functions.Pages.Shared;
using Ervaring.Functions.Security;
using Ervaring.Functions.Timers;
using Ervaring.Functions.Waves;
using Ervaring.Storage.Aggregates;
using Ervaring.Storage.Reports;
using static Ervaring.Functions.Pages.Shared.PageResults;

namespace Ervaring.Functions.Reports;

/// <summary>
/// Reporting: the officer's API (build the draft, read results, publish) and the public council pages under /raad.
/// Public pages read only the published blobs; they never touch responses or aggregates.
/// </summary>
public static class ReportEndpoints
{
    public sealed record PublishRequest(string? Correction);

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
        return builder;
    }

#if LEGACY_ENDPOINTS
    public static WebApplication MapReports(this WebApplication app)
    {
        var api = app.MapGroup("/api/waves/{id}").WithTags("Rapportage");
        api.MapPost("/report", async (string id, WaveAggregation aggregation, CancellationToken cancellationToken) =>
        {
            var outcome = await aggregation.ComputeAsync(id, cancellationToken);
            return outcome.Problem?.ToResult() ?? Results.Ok(new { id, status = outcome.Value!.Status, responses = outcome.Value.Responses, computedAt = outcome.Value.ComputedAt });
        }).RequireAuthorization(Policies.Beheerder).WithSummary("Maak (opnieuw) het rapportconcept, of tijdens het veldwerk de tussenstand");

        api.MapGet("/results", async (string id, ResultsQuery results, CancellationToken cancellationToken) =>
        {
            var outcome = await results.ReadAsync(id, cancellationToken);
            return outcome.Problem?.ToResult() ?? Results.Json(outcome.Value, ReportComposer.Json);
        }).RequireAuthorization(Policies.Onderzoeker).WithSummary("De rapporttabellen als JSON, met verborgen cellen gemarkeerd");

        api.MapPost("/publish", async (string id, HttpRequest request, ReportPublication publication, ClaimsPrincipal user, CancellationToken cancellationToken) =>
        {
            var body = await JsonBody.ReadAsync<PublishRequest>(request, allowEmpty: true, cancellationToken);
            if (body.Error is not null) return body.Error;
            var outcome = await publication.PublishAsync(id, body.Value?.Correction, WaveFunctions.Actor(user), cancellationToken);
            return outcome.Problem?.ToResult() ?? Results.Ok(new { id, versions = outcome.Value });
        }).RequireAuthorization(Policies.Beheerder).WithSummary("Publiceer het rapport als nieuwe, onveranderlijke versie");

        app.MapCouncilNotes();
        MapCouncilPages(app);
        return app;
    }
#endif

    private static void MapCouncilPages(WebApplication app)
    {
        var raad = app.MapGroup("/raad").AllowAnonymous().ExcludeFromDescription();
        raad.MapGet("", async (ReportArchive archive, CancellationToken cancellationToken) =>
        {
            var entries = new List<CouncilIndexEntry>();
            foreach (var group in (await archive.ListAsync(null, cancellationToken)).GroupBy(v => (v.Slug, v.Year)))
            {
                var latest = group.Max(v => v.Version);
                var meta = await archive.ReadMetaAsync(group.Key.Slug, group.Key.Year, latest, cancellationToken);
                entries.Add(new CouncilIndexEntry(meta?.Scope ?? group.Key.Slug, group.Key.Slug, group.Key.Year, latest));
            }
            return Page<CouncilIndexPage>(new { Entries = entries });
        }).WithCache();

        raad.MapGet("/{slug}/{year:int}", async (string slug, int year, ReportArchive archive, CancellationToken cancellationToken) =>
            await ServeAsync(archive, slug, year, null, ReportArchive.Html, cancellationToken)).WithCache();
        raad.MapGet("/{slug}/{year:int}/v/{version:int}", async (string slug, int year, int version, ReportArchive archive, CancellationToken cancellationToken) =>
            await ServeAsync(archive, slug, year, version, ReportArchive.Html, cancellationToken)).WithCache();
        raad.MapGet("/{slug}/{year:int}/data.csv", async (string slug, int year, ReportArchive archive, CancellationToken cancellationToken) =>
            await ServeAsync(archive, slug, year, null, ReportArchive.Csv, cancellationToken)).WithCache();
        raad.MapGet("/{slug}/{year:int}/data.json", async (string slug, int year, ReportArchive archive, CancellationToken cancellationToken) =>
            await ServeAsync(archive, slug, year, null, ReportArchive.Json, cancellationToken)).WithCache();
        raad.MapGet("/{slug}/{year:int}/v/{version:int}/data.csv", async (string slug, int year, int version, ReportArchive archive, CancellationToken cancellationToken) =>
            await ServeAsync(archive, slug, year, version, ReportArchive.Csv, cancellationToken)).WithCache();
        raad.MapGet("/{slug}/{year:int}/v/{version:int}/data.json", async (string slug, int year, int version, ReportArchive archive, CancellationToken cancellationToken) =>
            await ServeAsync(archive, slug, year, version, ReportArchive.Json, cancellationToken)).WithCache();
    }

    /// <summary>Serves an archived blob byte for byte; the latest version when none is named.</summary>
    private static async Task<IResult> ServeAsync(ReportArchive archive, string slug, int year, int? version, string file, CancellationToken cancellationToken)
    {
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

    private static IResult NotFoundPage() => Page<CouncilMessagePage>(new
    {
        Title = "Rapport niet gevonden",
        Text = "Dit rapport bestaat niet (of is nog niet gepubliceerd). Kies een gemeente en jaar uit de lijst.",
    }, StatusCodes.Status404NotFound);

    /// <summary>Public pages: the same strict headers as every page, but cacheable for a few minutes (they are public and versioned).</summary>
    private static RouteHandlerBuilder WithCache(this RouteHandlerBuilder builder)
    {
        builder.AddEndpointFilter(async (context, next) =>
        {
            var headers = context.HttpContext.Response.Headers;
            headers.XContentTypeOptions = "nosniff";
            headers["Referrer-Policy"] = "no-referrer";
            headers.ContentSecurityPolicy = "default-src 'none'; style-src 'self'; img-src 'self' data:; form-action 'none'; base-uri 'none'; frame-ancestors 'none'";
            var result = await next(context);
            headers.CacheControl = "public, max-age=300";
            return result;
        });
        return builder;
    }
}

public sealed record CouncilIndexEntry(string Scope, string Slug, int Year, int Version);
