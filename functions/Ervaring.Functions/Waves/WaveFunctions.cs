using System.Security.Claims;
using Ervaring.Core.Waves;
using Ervaring.Functions.Api;
using Ervaring.Functions.Hosting.Functions;
using Ervaring.Functions.Security;
using Ervaring.Storage.Waves;
using Microsoft.Azure.Functions.Worker;

namespace Ervaring.Functions.Waves;

/// <summary>Create, read and list waves (metingen). All for the beheerder.</summary>
public sealed class WaveFunctions(WaveCreation creation, WaveStore store)
{
    private const string Tag = "Metingen";

    [Function("WavesCreate"), Beheerder, ScopeInCode("The new wave's municipalities must all be the officer's (403 otherwise, before anything is reserved).")]
    [Described(Tag, "Maak een meting aan"), Accepts("application/json", typeof(WaveSettings))]
    [Returns(StatusCodes.Status201Created, typeof(WaveCreated)), Returns(StatusCodes.Status400BadRequest), Returns(StatusCodes.Status403Forbidden), Returns(StatusCodes.Status409Conflict)]
    public async Task<IResult> Create(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/waves")] HttpRequest request, CancellationToken cancellationToken)
    {
        var body = await JsonBody.ReadAsync<WaveSettings>(request, cancellationToken: cancellationToken);
        if (body.Error is not null) return body.Error;
        var outcome = await creation.CreateAsync(body.Value!, Actor(request.HttpContext.User), OfficerScope.Of(request.HttpContext.User), cancellationToken);
        if (outcome.Value is not { } wave) return outcome.Problem!.ToResult();
        return Results.Created($"/api/waves/{wave.Id}", new WaveCreated(wave.Id, wave.State, wave.Definitions));
    }

    [Function("WavesList"), Beheerder, ScopeInCode("Lists only the waves all of whose municipalities are the officer's.")]
    [Described(Tag, "De metingen van uw gemeenten"), Returns(StatusCodes.Status200OK, typeof(WaveSummary[]))]
    public async Task<IResult> List(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/waves")] HttpRequest request, CancellationToken cancellationToken) =>
        Results.Ok((await store.ListAsync(cancellationToken)).Where(OfficerScope.Of(request.HttpContext.User).Covers).Select(WaveSummary.From));

    [Function("WavesGet"), Beheerder]
    [Described(Tag, "Eén meting met instellingen, kader en steekproef"), Returns(StatusCodes.Status200OK, typeof(WaveRecord)), Returns(StatusCodes.Status404NotFound)]
    public async Task<IResult> Get(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/waves/{id}")] HttpRequest request, string id, CancellationToken cancellationToken) =>
        await store.GetAsync(id, cancellationToken) is { } stored ? Results.Ok(stored.Wave) : WaveNotFound(id);

    [Function("WavesEvents"), Beheerder]
    [Described(Tag, "Logboek van statuswijzigingen"), Returns(StatusCodes.Status200OK, typeof(WaveEvent[])), Returns(StatusCodes.Status404NotFound)]
    public async Task<IResult> Events(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/waves/{id}/events")] HttpRequest request, string id, CancellationToken cancellationToken) =>
        await store.GetAsync(id, cancellationToken) is null ? WaveNotFound(id) : Results.Ok(await store.EventsAsync(id, cancellationToken));

    public static IResult WaveNotFound(string id) => ApiProblems.NotFound($"Meting '{id}' bestaat niet.");

    /// <summary>The signed-in name for audit records (an officer's name or an API key's label, never a respondent).</summary>
    public static string Actor(ClaimsPrincipal user) => user.Identity?.Name ?? "onbekend";
}

/// <summary>The answer to creating a wave.</summary>
public sealed record WaveCreated(string Id, WaveState State, IReadOnlyDictionary<string, DefinitionRef> Definitions);

public sealed record WaveSummary(string Id, string Name, int Year, WaveState State, string StateDutch, IReadOnlyList<string> Municipalities, DateOnly FieldStart, DateOnly FieldEnd)
{
    public static WaveSummary From(WaveRecord wave) => new(
        wave.Id, wave.DisplayName, wave.Settings.Year, wave.State, wave.State.Dutch(), wave.Settings.Municipalities, wave.Settings.FieldStart, wave.Settings.FieldEnd);
}
