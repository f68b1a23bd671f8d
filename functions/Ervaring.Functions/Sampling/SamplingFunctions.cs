using Ervaring.Core.Waves;
using Ervaring.Functions.Api;
using Ervaring.Functions.Hosting.Functions;
using Ervaring.Functions.Waves;
using Microsoft.Azure.Functions.Worker;

namespace Ervaring.Functions.Sampling;

/// <summary>
/// Frame import, sample-size preview, the draw, exports, the auditor's check and the start of fielding.
/// All for the beheerder.
/// </summary>
public sealed class SamplingFunctions(SamplingService sampling, InvitationExport export, FieldingStart fielding)
{
    private const string Tag = "Steekproef";

    /// <summary>A million-row register is about 60 MB; leave room, refuse anything absurd.</summary>
    public const long MaxFrameBytes = 200L * 1024 * 1024;

    public sealed record DrawRequest(string? Seed, double? Offset);

    [Function("SamplingFrameImport"), Beheerder, MaxBody(MaxFrameBytes)]
    [Described(Tag, "Lees het steekproefkader in (text/csv)"), Accepts("text/csv")]
    [Returns(StatusCodes.Status200OK, typeof(FrameImportReport)), Returns(StatusCodes.Status400BadRequest), Returns(StatusCodes.Status404NotFound)]
    [Returns(StatusCodes.Status409Conflict), Returns(StatusCodes.Status413PayloadTooLarge), Returns(StatusCodes.Status415UnsupportedMediaType), Returns(StatusCodes.Status422UnprocessableEntity)]
    public async Task<IResult> ImportFrame(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/waves/{id}/frame")] HttpRequest request, string id, CancellationToken cancellationToken)
    {
        if (!QueryValues.TryBool(request, "dropInvalid", out var dropInvalid)) return Results.BadRequest();
        var body = await CsvBody.ReadAsync(request, MaxFrameBytes, cancellationToken);
        if (body.Problem is not null) return body.Problem.ToResult();
        var outcome = await sampling.ImportFrameAsync(id, body.Value!, dropInvalid ?? false, WaveFunctions.Actor(request.HttpContext.User), cancellationToken);
        return outcome.Problem?.ToResult() ?? Results.Ok(outcome.Value);
    }

    [Function("SamplingPreview"), Beheerder]
    [Described(Tag, "Steekproefomvang per gemeente, zonder te trekken")]
    [Returns(StatusCodes.Status200OK, typeof(DomainCount[])), Returns(StatusCodes.Status404NotFound), Returns(StatusCodes.Status409Conflict)]
    public async Task<IResult> Preview(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/waves/{id}/sample/preview")] HttpRequest request, string id, CancellationToken cancellationToken)
    {
        var outcome = await sampling.PreviewAsync(id, cancellationToken);
        return outcome.Problem?.ToResult() ?? Results.Ok(outcome.Value);
    }

    [Function("SamplingDraw"), Beheerder]
    [Described(Tag, "Trek de steekproef (optioneel met seed en offset)"), Accepts("application/json", typeof(DrawRequest))]
    [Returns(StatusCodes.Status200OK, typeof(SampleReport)), Returns(StatusCodes.Status400BadRequest), Returns(StatusCodes.Status404NotFound)]
    [Returns(StatusCodes.Status409Conflict), Returns(StatusCodes.Status415UnsupportedMediaType)]
    public async Task<IResult> Draw(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/waves/{id}/sample")] HttpRequest request, string id, CancellationToken cancellationToken)
    {
        var body = await JsonBody.ReadAsync<DrawRequest>(request, allowEmpty: true, cancellationToken);
        if (body.Error is not null) return body.Error;
        var outcome = await sampling.DrawAsync(id, body.Value?.Seed, body.Value?.Offset, WaveFunctions.Actor(request.HttpContext.User), cancellationToken);
        return outcome.Problem?.ToResult() ?? Results.Ok(outcome.Value);
    }

    /// <summary>The body is optional: without one the retained raw frame is used; after retention the auditor sends it.</summary>
    [Function("SamplingVerify"), Beheerder, MaxBody(MaxFrameBytes)]
    [Described(Tag, "Trek opnieuw uit de vastgelegde seed en vergelijk"), Accepts("text/csv")]
    [Returns(StatusCodes.Status200OK, typeof(VerificationReport)), Returns(StatusCodes.Status400BadRequest), Returns(StatusCodes.Status404NotFound)]
    [Returns(StatusCodes.Status409Conflict), Returns(StatusCodes.Status413PayloadTooLarge), Returns(StatusCodes.Status415UnsupportedMediaType), Returns(StatusCodes.Status422UnprocessableEntity)]
    public async Task<IResult> Verify(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/waves/{id}/sample/verify")] HttpRequest request, string id, CancellationToken cancellationToken)
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
    }

    [Function("SamplingInvitations"), Beheerder]
    [Described(Tag, "Uitnodigingen voor de mail merge (CSV)")]
    [Returns(StatusCodes.Status200OK, contentType: "text/csv"), Returns(StatusCodes.Status404NotFound), Returns(StatusCodes.Status409Conflict)]
    public async Task<IResult> Invitations(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/waves/{id}/invitations.csv")] HttpRequest request, string id, CancellationToken cancellationToken)
    {
        var rows = await export.RowsAsync(id, cancellationToken);
        return rows.Problem?.ToResult() ?? Results.File(InvitationExport.Csv(rows.Value!), "text/csv; charset=utf-8", $"uitnodigingen-{id}.csv");
    }

    [Function("SamplingQrCodes"), Beheerder]
    [Described(Tag, "QR-codes per uitnodiging (zip met PNG's)")]
    [Returns(StatusCodes.Status200OK, contentType: "application/zip"), Returns(StatusCodes.Status404NotFound), Returns(StatusCodes.Status409Conflict)]
    public async Task<IResult> QrCodes(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/waves/{id}/invitations/qr.zip")] HttpRequest request, string id, CancellationToken cancellationToken)
    {
        var rows = await export.RowsAsync(id, cancellationToken);
        return rows.Problem?.ToResult() ?? Results.File(InvitationExport.QrZip(rows.Value!), "application/zip", $"qr-codes-{id}.zip");
    }

    [Function("FieldingStart"), Beheerder]
    [Described(Tag, "Start het veldwerk: de brieven zijn verstuurd. Vóór de geplande startdag mag de body de reden geven ({\"earlyStartReason\": \"…\"}); die komt in het logboek en het rapport")]
    [Accepts("application/json", typeof(FieldingStartRequest))]
    [Returns(StatusCodes.Status200OK, typeof(FieldingStarted)), Returns(StatusCodes.Status400BadRequest), Returns(StatusCodes.Status404NotFound), Returns(StatusCodes.Status409Conflict), Returns(StatusCodes.Status415UnsupportedMediaType)]
    public async Task<IResult> StartFielding(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/waves/{id}/fielding")] HttpRequest request, string id, CancellationToken cancellationToken)
    {
        // No body is the old call and still starts; a script that starts early can say why, as the page asks.
        var body = await JsonBody.ReadAsync<FieldingStartRequest>(request, allowEmpty: true, cancellationToken);
        if (body.Error is not null) return body.Error;
        var outcome = await fielding.StartAsync(id, WaveFunctions.Actor(request.HttpContext.User), cancellationToken, body.Value?.EarlyStartReason);
        return outcome.Problem?.ToResult() ?? Results.Ok(new FieldingStarted(id, outcome.Value!.State));
    }
}

/// <summary>Optional body of the start: why fielding starts before the planned day (kept only when it does).</summary>
public sealed record FieldingStartRequest(string? EarlyStartReason);

/// <summary>The answer to starting fielding: the wave and its new state.</summary>
public sealed record FieldingStarted(string Id, WaveState State);

public static class SamplingRegistration
{
    public static IHostApplicationBuilder AddSampling(this IHostApplicationBuilder builder)
    {
        // Read and checked now, at start-up: a Production app without an https address for its links does not start.
        builder.Services.AddSingleton(PublicBaseUrl.FromConfiguration(builder.Configuration, builder.Environment));
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
