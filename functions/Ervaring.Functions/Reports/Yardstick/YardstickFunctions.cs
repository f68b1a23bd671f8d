using Ervaring.Core.Reports.Yardstick;
using Ervaring.Functions.Api;
using Ervaring.Functions.Hosting.Functions;
using Ervaring.Functions.Security;
using Ervaring.Storage.Council;
using Microsoft.Azure.Functions.Worker;

namespace Ervaring.Functions.Reports.Yardstick;

/// <summary>
/// The council's yardstick API (issue 14): a municipality's targets and its reasons for years without a survey.
/// They belong to a municipality, not to a wave, so each function resolves <c>{gemeente}</c> (the municipality's slug)
/// against the configured municipalities and the officer's scope first: one outside either answers 404, exactly as a
/// municipality that does not exist. The admin page calls the same service.
/// </summary>
public sealed class YardstickFunctions(YardstickService service)
{
    private const string Tag = "Rapportage: streefwaarden en jaren";
    private const string Scoped = "Resolves {gemeente} to a configured municipality the officer covers (OfficerScope.Covers); any other answers 404 before anything is read or written.";

    [Function("YardstickRead"), Beheerder, ScopeInCode(Scoped)]
    [Described(Tag, "Streefwaarden van de gemeente en de stand van elk rapportjaar")]
    [Returns(StatusCodes.Status200OK, typeof(MunicipalityYardstick)), Returns(StatusCodes.Status404NotFound)]
    public async Task<IResult> Read(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/municipalities/{gemeente}/yardstick")] HttpRequest request, string gemeente, CancellationToken cancellationToken) =>
        await service.ResolveAsync(gemeente, OfficerScope.Of(request.HttpContext.User), cancellationToken) is { } municipality
            ? Results.Ok(await service.ReadAsync(municipality, cancellationToken))
            : YardstickService.NotFound(gemeente).ToResult();

    [Function("YardstickTargetSave"), Beheerder, ScopeInCode(Scoped)]
    [Described(Tag, "Leg een streefwaarde vast; dezelfde doelgroep, hetzelfde onderwerp, dezelfde uitsplitsing en hetzelfde streefjaar vervangt de vorige"), Accepts("application/json", typeof(TargetInput))]
    [Returns(StatusCodes.Status204NoContent), Returns(StatusCodes.Status400BadRequest), Returns(StatusCodes.Status404NotFound), Returns(StatusCodes.Status415UnsupportedMediaType)]
    public async Task<IResult> SaveTarget(
        [HttpTrigger(AuthorizationLevel.Anonymous, "put", Route = "api/municipalities/{gemeente}/targets")] HttpRequest request, string gemeente, CancellationToken cancellationToken)
    {
        if (await service.ResolveAsync(gemeente, OfficerScope.Of(request.HttpContext.User), cancellationToken) is not { } municipality) return YardstickService.NotFound(gemeente).ToResult();
        var body = await JsonBody.ReadAsync<TargetInput>(request, cancellationToken: cancellationToken);
        if (body.Error is not null) return body.Error;
        return Saved(await service.SaveTargetAsync(municipality, body.Value!, cancellationToken));
    }

    [Function("YardstickTargetDelete"), Beheerder, ScopeInCode(Scoped)]
    [Described(Tag, "Verwijder een streefwaarde (gepubliceerde versies houden hun eigen kopie)")]
    [Returns(StatusCodes.Status204NoContent), Returns(StatusCodes.Status404NotFound)]
    public async Task<IResult> DeleteTarget(
        [HttpTrigger(AuthorizationLevel.Anonymous, "delete", Route = "api/municipalities/{gemeente}/targets/{audience}/{measure}/{dimension}/{domainValue}/{targetYear:int}")]
        HttpRequest request, string gemeente, string audience, string measure, string dimension, string domainValue, int targetYear, CancellationToken cancellationToken)
    {
        if (await service.ResolveAsync(gemeente, OfficerScope.Of(request.HttpContext.User), cancellationToken) is not { } municipality) return YardstickService.NotFound(gemeente).ToResult();
        await service.DeleteTargetAsync(municipality, string.Join('|', audience, measure, dimension, domainValue, targetYear), cancellationToken);
        return Results.NoContent();
    }

    [Function("YardstickGapReasonSave"), Beheerder, ScopeInCode(Scoped)]
    [Described(Tag, "Geef de reden waarom er in een jaar geen onderzoek was (vervangt een eerdere reden; wissen kan niet)"), Accepts("application/json", typeof(GapReasonInput))]
    [Returns(StatusCodes.Status204NoContent), Returns(StatusCodes.Status400BadRequest), Returns(StatusCodes.Status404NotFound), Returns(StatusCodes.Status415UnsupportedMediaType)]
    public async Task<IResult> SaveGapReason(
        [HttpTrigger(AuthorizationLevel.Anonymous, "put", Route = "api/municipalities/{gemeente}/years/{year:int}/reason")] HttpRequest request, string gemeente, int year, CancellationToken cancellationToken)
    {
        if (await service.ResolveAsync(gemeente, OfficerScope.Of(request.HttpContext.User), cancellationToken) is not { } municipality) return YardstickService.NotFound(gemeente).ToResult();
        var body = await JsonBody.ReadAsync<GapReasonInput>(request, cancellationToken: cancellationToken);
        if (body.Error is not null) return body.Error;
        return Saved(await service.SaveGapReasonAsync(municipality, year, body.Value!, cancellationToken));
    }

    [Function("YardstickReferencesImport"), Beheerder, ScopeInCode(Scoped)]
    [Described(Tag, "Lees referentiecijfers van buiten de regio in (text/csv; kolommen in docs/reports.md §8): alles of, bij een foute regel, niets"), Accepts("text/csv")]
    [Returns(StatusCodes.Status204NoContent), Returns(StatusCodes.Status400BadRequest), Returns(StatusCodes.Status404NotFound), Returns(StatusCodes.Status413PayloadTooLarge), Returns(StatusCodes.Status415UnsupportedMediaType)]
    public async Task<IResult> ImportReferences(
        [HttpTrigger(AuthorizationLevel.Anonymous, "put", Route = "api/municipalities/{gemeente}/references")] HttpRequest request, string gemeente, CancellationToken cancellationToken)
    {
        if (await service.ResolveAsync(gemeente, OfficerScope.Of(request.HttpContext.User), cancellationToken) is not { } municipality) return YardstickService.NotFound(gemeente).ToResult();
        var body = await CsvBody.ReadAsync(request, MaxReferenceBytes, cancellationToken);
        if (body.Problem is not null) return body.Problem.ToResult();
        var errors = await service.ImportReferencesAsync(municipality, body.Value!, cancellationToken);
        return errors.Count == 0 ? Results.NoContent()
            : Problem.BadRequest($"Er is niets opgeslagen: {errors.Count} fout(en) in het bestand. {errors[0]}", new Dictionary<string, object?> { ["errors"] = errors }).ToResult();
    }

    [Function("YardstickReferenceDelete"), Beheerder, ScopeInCode(Scoped)]
    [Described(Tag, "Verwijder een referentiecijfer, aangewezen met meting, doelgroep, bron en jaar in de query (gepubliceerde versies houden hun eigen kopie; wat al weg is, geeft ook 204)")]
    [Returns(StatusCodes.Status204NoContent), Returns(StatusCodes.Status400BadRequest), Returns(StatusCodes.Status404NotFound)]
    public async Task<IResult> DeleteReference(
        [HttpTrigger(AuthorizationLevel.Anonymous, "delete", Route = "api/municipalities/{gemeente}/references")] HttpRequest request, string gemeente, CancellationToken cancellationToken)
    {
        if (await service.ResolveAsync(gemeente, OfficerScope.Of(request.HttpContext.User), cancellationToken) is not { } municipality) return YardstickService.NotFound(gemeente).ToResult();
        var query = request.Query;
        var missing = new[] { "measure", "audience", "source", "year" }.Where(name => string.IsNullOrWhiteSpace(query[name])).ToList();
        if (missing.Count > 0)
            return Problem.BadRequest($"Zeg welk referentiecijfer weg moet: de query mist {string.Join(", ", missing)} (meting, doelgroep, bron en jaar, zoals ze in het bestand stonden).").ToResult();
        var key = Core.Comparison.ReferenceFigure.KeyOf(query["measure"].ToString().Trim(), query["audience"].ToString().Trim(), query["source"].ToString().Trim(), query["year"].ToString().Trim());
        await service.DeleteReferenceAsync(municipality, key, cancellationToken);
        return Results.NoContent();
    }

    /// <summary>A reference file holds at most 100 lines: 64 KB is plenty.</summary>
    public const long MaxReferenceBytes = 64 * 1024;

    private static IResult Saved(IReadOnlyList<Core.Waves.FieldError> errors) =>
        errors.Count > 0 ? Problem.Validation(errors).ToResult() : Results.NoContent();
}

public static class YardstickRegistration
{
    public static IServiceCollection AddYardstick(this IServiceCollection services)
    {
        services.AddSingleton<YardstickStore>();
        services.AddSingleton<YardstickService>();
        services.AddSingleton<YardstickComposer>();
        services.AddSingleton<UseFigures.UseFiguresComposer>();
        return services;
    }
}
