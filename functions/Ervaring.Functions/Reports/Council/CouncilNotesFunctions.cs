using Ervaring.Core.Reports.Council;
using Ervaring.Core.Waves;
using Ervaring.Functions.Api;
using Ervaring.Functions.Hosting.Functions;
using Ervaring.Functions.Security;
using Ervaring.Storage.Council;
using Microsoft.Azure.Functions.Worker;

namespace Ervaring.Functions.Reports.Council;

/// <summary>
/// The policy loop's JSON API: interpretations, improvement actions, follow-ups and quotes (beheerder), masked open
/// answers (onderzoeker; never cached) and the deadline overview. The admin pages call the same services.
/// </summary>
public sealed class CouncilNotesFunctions(CouncilNotesService service, OpenAnswers answers, QuoteSelection quotes, ReportDeadlines deadlines)
{
    private const string Tag = "Rapportage: duiding, acties, citaten";

    [Function("NotesRead"), Beheerder]
    [Described(Tag, "Duiding, acties en de stand van acties van deze meting")]
    [Returns(StatusCodes.Status200OK, typeof(WaveNotes)), Returns(StatusCodes.Status404NotFound)]
    public async Task<IResult> Read(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/waves/{id}/notes")] HttpRequest request, string id, CancellationToken cancellationToken) =>
        Answer(await service.ReadAsync(id, cancellationToken), Results.Ok);

    [Function("NotesInterpretationsSave"), Beheerder]
    [Described(Tag, "Schrijf (of wis, met lege tekst) de duiding bij een uitkomst"), Accepts("application/json", typeof(InterpretationInput))]
    [Returns(StatusCodes.Status204NoContent), Returns(StatusCodes.Status400BadRequest), Returns(StatusCodes.Status404NotFound)]
    [Returns(StatusCodes.Status409Conflict), Returns(StatusCodes.Status415UnsupportedMediaType)]
    public async Task<IResult> SaveInterpretation(
        [HttpTrigger(AuthorizationLevel.Anonymous, "put", Route = "api/waves/{id}/interpretations")] HttpRequest request, string id, CancellationToken cancellationToken)
    {
        var body = await JsonBody.ReadAsync<InterpretationInput>(request, cancellationToken: cancellationToken);
        return body.Error ?? Saved(await service.SaveInterpretationAsync(id, body.Value!, cancellationToken), Results.NoContent());
    }

    [Function("NotesActionsCreate"), Beheerder]
    [Described(Tag, "Leg een verbeteractie vast (of wijzig er een, met id)"), Accepts("application/json", typeof(ActionInput))]
    [Returns(StatusCodes.Status200OK, typeof(ActionSaved)), Returns(StatusCodes.Status400BadRequest), Returns(StatusCodes.Status404NotFound)]
    [Returns(StatusCodes.Status409Conflict), Returns(StatusCodes.Status415UnsupportedMediaType)]
    public async Task<IResult> SaveAction(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/waves/{id}/actions")] HttpRequest request, string id, CancellationToken cancellationToken)
    {
        var body = await JsonBody.ReadAsync<ActionInput>(request, cancellationToken: cancellationToken);
        if (body.Error is not null) return body.Error;
        // The id is made here, not in the service, so the answer can name the action that was just created.
        var input = body.Value! with { Id = string.IsNullOrWhiteSpace(body.Value!.Id) ? CouncilNotesService.NewId() : body.Value.Id };
        // An Idempotency-Key header counts as the body's idempotencyKey (the body's wins when both are sent).
        if (string.IsNullOrWhiteSpace(input.IdempotencyKey) && request.Headers["Idempotency-Key"].ToString() is { Length: > 0 } header)
            input = input with { IdempotencyKey = header };
        return Saved(await service.SaveActionAsync(id, input, cancellationToken), Results.Ok(new ActionSaved(input.Id!)));
    }

    [Function("NotesActionsDelete"), Beheerder]
    [Described(Tag, "Verwijder een verbeteractie")]
    [Returns(StatusCodes.Status204NoContent), Returns(StatusCodes.Status404NotFound), Returns(StatusCodes.Status409Conflict)]
    public async Task<IResult> DeleteAction(
        [HttpTrigger(AuthorizationLevel.Anonymous, "delete", Route = "api/waves/{id}/actions/{actionId}")] HttpRequest request, string id, string actionId, CancellationToken cancellationToken) =>
        Answer(await service.DeleteActionAsync(id, actionId, cancellationToken), _ => Results.NoContent());

    [Function("NotesFollowUpSave"), Beheerder]
    [Described(Tag, "Geef de stand van een actie uit een gepubliceerd rapport: gedaan, loopt of vervallen"), Accepts("application/json", typeof(FollowUpInput))]
    [Returns(StatusCodes.Status204NoContent), Returns(StatusCodes.Status400BadRequest), Returns(StatusCodes.Status404NotFound)]
    [Returns(StatusCodes.Status409Conflict), Returns(StatusCodes.Status415UnsupportedMediaType)]
    public async Task<IResult> SaveFollowUp(
        [HttpTrigger(AuthorizationLevel.Anonymous, "put", Route = "api/waves/{id}/actions/{actionId}/follow-up")] HttpRequest request, string id, string actionId, CancellationToken cancellationToken)
    {
        var body = await JsonBody.ReadAsync<FollowUpInput>(request, cancellationToken: cancellationToken);
        return body.Error ?? Saved(await service.SaveFollowUpAsync(id, body.Value! with { ActionId = actionId }, cancellationToken), Results.NoContent());
    }

    [Function("NotesOpenAnswers"), Onderzoeker]
    [Described(Tag, "Open antwoorden, gemaskeerd, 50 per pagina (alleen lezen)")]
    [Returns(StatusCodes.Status200OK, typeof(OpenAnswerPage)), Returns(StatusCodes.Status400BadRequest), Returns(StatusCodes.Status404NotFound)]
    public async Task<IResult> ReadOpenAnswers(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/waves/{id}/open-answers")] HttpRequest request, string id, CancellationToken cancellationToken)
    {
        if (!QueryValues.TryInt(request, "page", out var page)) return Results.BadRequest();
        // Masked, but still the respondents' own words: no cache along the way may keep them.
        request.HttpContext.Response.Headers.CacheControl = "no-store";
        return Answer(await answers.ReadAsync(id, page ?? 1, cancellationToken), Results.Ok);
    }

    [Function("NotesQuotesList"), Beheerder]
    [Described(Tag, "Gekozen citaten")]
    [Returns(StatusCodes.Status200OK, typeof(Quote[])), Returns(StatusCodes.Status404NotFound)]
    public async Task<IResult> ListQuotes(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/waves/{id}/quotes")] HttpRequest request, string id, CancellationToken cancellationToken) =>
        Answer(await quotes.ListAsync(id, cancellationToken), Results.Ok);

    [Function("NotesQuotesChoose"), Beheerder]
    [Described(Tag, "Kies een gemaskeerd open antwoord als citaat (bevestiging verplicht; eventueel in eigen woorden)"), Accepts("application/json", typeof(QuoteInput))]
    [Returns(StatusCodes.Status204NoContent), Returns(StatusCodes.Status400BadRequest), Returns(StatusCodes.Status404NotFound)]
    [Returns(StatusCodes.Status409Conflict), Returns(StatusCodes.Status415UnsupportedMediaType)]
    public async Task<IResult> ChooseQuote(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/waves/{id}/quotes")] HttpRequest request, string id, CancellationToken cancellationToken)
    {
        var body = await JsonBody.ReadAsync<QuoteInput>(request, cancellationToken: cancellationToken);
        return body.Error ?? Saved(await quotes.ChooseAsync(id, body.Value!, cancellationToken), Results.NoContent());
    }

    [Function("NotesQuotesWithdraw"), Beheerder]
    [Described(Tag, "Trek een citaat in")]
    [Returns(StatusCodes.Status204NoContent), Returns(StatusCodes.Status404NotFound)]
    public async Task<IResult> WithdrawQuote(
        [HttpTrigger(AuthorizationLevel.Anonymous, "delete", Route = "api/waves/{id}/quotes/{quoteId}")] HttpRequest request, string id, string quoteId, CancellationToken cancellationToken) =>
        Answer(await quotes.WithdrawAsync(id, quoteId, cancellationToken), _ => Results.NoContent());

    [Function("ReportsDeadlines"), Beheerder, ScopeInCode("Rows and pending follow-ups only of waves all of whose municipalities are the officer's.")]
    [Described(Tag, "Per gemeente en jaar: stand tegenover 1 juli, en acties zonder stand")]
    [Returns(StatusCodes.Status200OK, typeof(DeadlineOverview))]
    public async Task<IResult> Deadlines(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/report-deadlines")] HttpRequest request, CancellationToken cancellationToken) =>
        Results.Ok(await deadlines.ReadAsync(OfficerScope.Of(request.HttpContext.User), cancellationToken));

    private static IResult Answer<T>(Outcome<T> outcome, Func<T, IResult> ok) => outcome.Problem?.ToResult() ?? ok(outcome.Value!);

    /// <summary>A save answers its problem, else the field errors as a validation problem, else <paramref name="ok"/>.</summary>
    private static IResult Saved(Outcome<IReadOnlyList<FieldError>> outcome, IResult ok) =>
        outcome.Problem?.ToResult() ?? (outcome.Value!.Count > 0 ? Problem.Validation(outcome.Value!).ToResult() : ok);
}

/// <summary>The answer to saving an improvement action: its id (new, or the one sent).</summary>
public sealed record ActionSaved(string Id);

public static class CouncilNotesRegistration
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
}
