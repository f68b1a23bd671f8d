using System.Security.Claims;
using Ervaring.Core.Waves;
using Ervaring.Functions.Api;
using Ervaring.Functions.Security;
using Ervaring.Storage.Waves;

namespace Ervaring.Functions.Waves;

/// <summary>Create, read and list waves (metingen). All for the beheerder.</summary>
public static class WaveEndpoints
{
    public static WebApplication MapWaves(this WebApplication app)
    {
        var api = app.MapGroup("/api/waves").RequireAuthorization(Policies.Beheerder).WithTags("Metingen");

        api.MapPost("", async (HttpRequest request, WaveCreation creation, WaveStore store, ClaimsPrincipal user, CancellationToken cancellationToken) =>
        {
            var body = await JsonBody.ReadAsync<WaveSettings>(request, cancellationToken: cancellationToken);
            if (body.Error is not null) return body.Error;
            var errors = creation.Validate(body.Value!);
            if (errors.Count > 0) return ApiProblems.Validation(errors);
            var wave = creation.Create(body.Value!);
            await store.CreateAsync(wave, Actor(user), cancellationToken);
            return Results.Created($"/api/waves/{wave.Id}", new { id = wave.Id, state = wave.State, definitions = wave.Definitions });
        }).WithSummary("Maak een meting aan").Accepts<WaveSettings>("application/json");

        api.MapGet("", async (WaveStore store, CancellationToken cancellationToken) =>
            Results.Ok((await store.ListAsync(cancellationToken)).Select(WaveSummary.From)))
            .WithSummary("Alle metingen");

        api.MapGet("/{id}", async (string id, WaveStore store, CancellationToken cancellationToken) =>
            await store.GetAsync(id, cancellationToken) is { } stored ? Results.Ok(stored.Wave) : WaveNotFound(id))
            .WithSummary("Eén meting met instellingen, kader en steekproef");

        api.MapGet("/{id}/events", async (string id, WaveStore store, CancellationToken cancellationToken) =>
            await store.GetAsync(id, cancellationToken) is null ? WaveNotFound(id) : Results.Ok(await store.EventsAsync(id, cancellationToken)))
            .WithSummary("Logboek van statuswijzigingen");

        return app;
    }

    public static IResult WaveNotFound(string id) => ApiProblems.NotFound($"Meting '{id}' bestaat niet.");

    /// <summary>The signed-in name for audit records (an officer's name or an API key's label, never a respondent).</summary>
    public static string Actor(ClaimsPrincipal user) => user.Identity?.Name ?? "onbekend";
}

public sealed record WaveSummary(string Id, string Name, int Year, WaveState State, string StateDutch, IReadOnlyList<string> Municipalities, DateOnly FieldStart, DateOnly FieldEnd)
{
    public static WaveSummary From(WaveRecord wave) => new(
        wave.Id, wave.DisplayName, wave.Settings.Year, wave.State, wave.State.Dutch(), wave.Settings.Municipalities, wave.Settings.FieldStart, wave.Settings.FieldEnd);
}
