using Ervaring.Core.Waves;
using Ervaring.Functions.Api;
using Ervaring.Functions.Security;
using Ervaring.Storage.Council;

namespace Ervaring.Functions.Reports.Council;

/// <summary>
/// The policy loop's JSON API: interpretations, improvement actions, follow-ups and quotes (beheerder), masked open
/// answers (onderzoeker; never cached) and the deadline overview. The admin pages call the same services.
/// </summary>
public static class CouncilNotesEndpoints
{
    public static IServiceCollection AddCouncilNotes(this IServiceCollection services)
    {
        services.AddSingleton<CouncilNotesStore>();
        services.AddSingleton<QuoteStore>();
        services.AddSingleton<CouncilNotesComposer>();
        services.AddSingleton<CouncilNotesService>();
        services.AddSingleton<OpenAnswers>();
        services.AddSingleton<QuoteSelection>();
        services.AddSingleton<ReportDeadlines>();
        services.AddSingleton<ReportPreview>();
        return services;
    }

#if LEGACY_ENDPOINTS
    public static WebApplication MapCouncilNotes(this WebApplication app)
    {
        var api = app.MapGroup("/api/waves/{id}").WithTags("Rapportage: duiding, acties, citaten");
        api.MapGet("/notes", async (string id, CouncilNotesService service, CancellationToken ct) =>
            Answer(await service.ReadAsync(id, ct), Results.Ok))
            .RequireAuthorization(Policies.Beheerder).WithSummary("Duiding, acties en de stand van acties van deze meting");

        api.MapPut("/interpretations", async (string id, HttpRequest request, CouncilNotesService service, CancellationToken ct) =>
        {
            var body = await JsonBody.ReadAsync<InterpretationInput>(request, cancellationToken: ct);
            return body.Error ?? Saved(await service.SaveInterpretationAsync(id, body.Value!, ct), Results.NoContent());
        }).RequireAuthorization(Policies.Beheerder).WithSummary("Schrijf (of wis, met lege tekst) de duiding bij een uitkomst");

        api.MapPost("/actions", async (string id, HttpRequest request, CouncilNotesService service, CancellationToken ct) =>
        {
            var body = await JsonBody.ReadAsync<ActionInput>(request, cancellationToken: ct);
            if (body.Error is not null) return body.Error;
            var input = body.Value! with { Id = string.IsNullOrWhiteSpace(body.Value!.Id) ? CouncilNotesService.NewId() : body.Value.Id };
            return Saved(await service.SaveActionAsync(id, input, ct), Results.Ok(new { id = input.Id }));
        }).RequireAuthorization(Policies.Beheerder).WithSummary("Leg een verbeteractie vast (of wijzig er een, met id)");

        api.MapDelete("/actions/{actionId}", async (string id, string actionId, CouncilNotesService service, CancellationToken ct) =>
            Answer(await service.DeleteActionAsync(id, actionId, ct), _ => Results.NoContent()))
            .RequireAuthorization(Policies.Beheerder).WithSummary("Verwijder een verbeteractie");

        api.MapPut("/actions/{actionId}/follow-up", async (string id, string actionId, HttpRequest request, CouncilNotesService service, CancellationToken ct) =>
        {
            var body = await JsonBody.ReadAsync<FollowUpInput>(request, cancellationToken: ct);
            return body.Error ?? Saved(await service.SaveFollowUpAsync(id, body.Value! with { ActionId = actionId }, ct), Results.NoContent());
        }).RequireAuthorization(Policies.Beheerder).WithSummary("Geef de stand van een actie uit een gepubliceerd rapport: gedaan, loopt of vervallen");

        api.MapGet("/open-answers", async (string id, int? page, HttpResponse response, OpenAnswers answers, CancellationToken ct) =>
        {
            response.Headers.CacheControl = "no-store";
            return Answer(await answers.ReadAsync(id, page ?? 1, ct), Results.Ok);
        }).RequireAuthorization(Policies.Onderzoeker).WithSummary("Open antwoorden, gemaskeerd, 50 per pagina (alleen lezen)");

        api.MapGet("/quotes", async (string id, QuoteSelection quotes, CancellationToken ct) => Answer(await quotes.ListAsync(id, ct), Results.Ok))
            .RequireAuthorization(Policies.Beheerder).WithSummary("Gekozen citaten");
        api.MapPost("/quotes", async (string id, HttpRequest request, QuoteSelection quotes, CancellationToken ct) =>
        {
            var body = await JsonBody.ReadAsync<QuoteInput>(request, cancellationToken: ct);
            return body.Error ?? Saved(await quotes.ChooseAsync(id, body.Value!, ct), Results.NoContent());
        }).RequireAuthorization(Policies.Beheerder).WithSummary("Kies een gemaskeerd open antwoord als citaat (bevestiging verplicht; eventueel in eigen woorden)");
        api.MapDelete("/quotes/{quoteId}", async (string id, string quoteId, QuoteSelection quotes, CancellationToken ct) =>
            Answer(await quotes.WithdrawAsync(id, quoteId, ct), _ => Results.NoContent()))
            .RequireAuthorization(Policies.Beheerder).WithSummary("Trek een citaat in");

        app.MapGet("/api/report-deadlines", async (ReportDeadlines deadlines, CancellationToken ct) => Results.Ok(await deadlines.ReadAsync(ct)))
            .RequireAuthorization(Policies.Beheerder).WithTags("Rapportage: duiding, acties, citaten").WithSummary("Per gemeente en jaar: stand tegenover 1 juli, en acties zonder stand");
        return app;
    }
#endif

    private static IResult Answer<T>(Outcome<T> outcome, Func<T, IResult> ok) => outcome.Problem?.ToResult() ?? ok(outcome.Value!);

    private static IResult Saved(Outcome<IReadOnlyList<FieldError>> outcome, IResult ok) =>
        outcome.Problem?.ToResult() ?? (outcome.Value!.Count > 0 ? ApiProblems.Validation(outcome.Value!) : ok);
}
