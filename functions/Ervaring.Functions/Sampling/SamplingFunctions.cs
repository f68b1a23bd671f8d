using System.Security.Claims;
using Ervaring.Functions.Api;
using Ervaring.Functions.Security;
using Ervaring.Functions.Waves;
using Microsoft.AspNetCore.Mvc;

namespace Ervaring.Functions.Sampling;

/// <summary>Frame import, sample-size preview, the draw, exports and the auditor's check. All for the beheerder.</summary>
public static class SamplingEndpoints
{
    /// <summary>A million-row register is about 60 MB; leave room, refuse anything absurd.</summary>
    public const long MaxFrameBytes = 200L * 1024 * 1024;

    public sealed record DrawRequest(string? Seed, double? Offset);

#if LEGACY_ENDPOINTS
    public static WebApplication MapSampling(this WebApplication app)
    {
        var api = app.MapGroup("/api/waves/{id}").RequireAuthorization(Policies.Beheerder).WithTags("Steekproef");

        api.MapPost("/frame", async (string id, [FromQuery] bool? dropInvalid, HttpRequest request, SamplingService sampling, ClaimsPrincipal user, CancellationToken cancellationToken) =>
        {
            var body = await CsvBody.ReadAsync(request, MaxFrameBytes, cancellationToken);
            if (body.Problem is not null) return body.Problem.ToResult();
            var outcome = await sampling.ImportFrameAsync(id, body.Value!, dropInvalid ?? false, WaveFunctions.Actor(user), cancellationToken);
            return outcome.Problem?.ToResult() ?? Results.Ok(outcome.Value);
        }).WithSummary("Lees het steekproefkader in (text/csv)").WithMetadata(new RequestSizeLimitAttribute(MaxFrameBytes));

        api.MapGet("/sample/preview", async (string id, SamplingService sampling, CancellationToken cancellationToken) =>
        {
            var outcome = await sampling.PreviewAsync(id, cancellationToken);
            return outcome.Problem?.ToResult() ?? Results.Ok(outcome.Value);
        }).WithSummary("Steekproefomvang per gemeente, zonder te trekken");

        api.MapPost("/sample", async (string id, HttpRequest request, SamplingService sampling, ClaimsPrincipal user, CancellationToken cancellationToken) =>
        {
            var body = await JsonBody.ReadAsync<DrawRequest>(request, allowEmpty: true, cancellationToken);
            if (body.Error is not null) return body.Error;
            var outcome = await sampling.DrawAsync(id, body.Value?.Seed, body.Value?.Offset, WaveFunctions.Actor(user), cancellationToken);
            return outcome.Problem?.ToResult() ?? Results.Ok(outcome.Value);
        }).WithSummary("Trek de steekproef (optioneel met seed en offset)");

        api.MapPost("/sample/verify", async (string id, HttpRequest request, SamplingService sampling, CancellationToken cancellationToken) =>
        {
            byte[]? frame = null;
            if (request.ContentLength is > 0 || request.Headers.TransferEncoding.Count > 0)
            {
                var body = await CsvBody.ReadAsync(request, MaxFrameBytes, cancellationToken);
                if (body.Problem is not null) return body.Problem.ToResult();
                frame = body.Value;
            }
            var outcome = await sampling.VerifyAsync(id, frame, cancellationToken);
            return outcome.Problem?.ToResult() ?? Results.Ok(outcome.Value);
        }).WithSummary("Trek opnieuw uit de vastgelegde seed en vergelijk").WithMetadata(new RequestSizeLimitAttribute(MaxFrameBytes));

        api.MapGet("/invitations.csv", async (string id, HttpRequest request, InvitationExport export, CancellationToken cancellationToken) =>
        {
            var rows = await export.RowsAsync(id, request, cancellationToken);
            return rows.Problem?.ToResult() ?? Results.File(InvitationExport.Csv(rows.Value!), "text/csv; charset=utf-8", $"uitnodigingen-{id}.csv");
        }).WithSummary("Uitnodigingen voor de mail merge (CSV)");

        api.MapGet("/invitations/qr.zip", async (string id, HttpRequest request, InvitationExport export, CancellationToken cancellationToken) =>
        {
            var rows = await export.RowsAsync(id, request, cancellationToken);
            return rows.Problem?.ToResult() ?? Results.File(InvitationExport.QrZip(rows.Value!), "application/zip", $"qr-codes-{id}.zip");
        }).WithSummary("QR-codes per uitnodiging (zip met PNG's)");

        api.MapPost("/fielding", async (string id, FieldingStart fielding, ClaimsPrincipal user, CancellationToken cancellationToken) =>
        {
            var outcome = await fielding.StartAsync(id, WaveFunctions.Actor(user), cancellationToken);
            return outcome.Problem?.ToResult() ?? Results.Ok(new { id, state = outcome.Value!.State });
        }).WithSummary("Start het veldwerk: de brieven zijn verstuurd");

        return app;
    }
#endif

    public static IHostApplicationBuilder AddSampling(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton<Ervaring.Storage.Waves.WaveStore>();
        builder.Services.AddSingleton<Ervaring.Storage.Frames.FrameBlobStore>();
        builder.Services.AddSingleton<Ervaring.Storage.Invitations.InvitationStore>();
        builder.Services.AddSingleton<Ervaring.Storage.Exclusions.ClientHistoryStore>();
        builder.Services.AddSingleton<Ervaring.Storage.BlobDocuments>();
        builder.Services.AddSingleton<WaveCreation>();
        builder.Services.AddSingleton<SamplingService>();
        builder.Services.AddSingleton<InvitationExport>();
        builder.Services.AddSingleton<FieldingStart>();
        return builder;
    }
}
