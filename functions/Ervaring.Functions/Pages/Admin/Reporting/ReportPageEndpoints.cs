using System.Security.Claims;
using Ervaring.Core.Reports;
using Ervaring.Core.Waves;
using Ervaring.Functions.Api;
using Ervaring.Functions.Fielding;
using Ervaring.Functions.Pages.Shared;
using Ervaring.Functions.Reports;
using Ervaring.Functions.Reports.Council;
using Ervaring.Functions.Security;
using Ervaring.Functions.Waves;
using Ervaring.Storage.Council;
using Ervaring.Storage.Waves;
using Microsoft.AspNetCore.Mvc;
using static Ervaring.Functions.Pages.Shared.PageResults;

namespace Ervaring.Functions.Pages.Admin.Reporting;

/// <summary>
/// The officer's reporting pages. The dashboard and the open answers need only the onderzoeker role (reading);
/// building, publishing and writing the report's words need the beheerder. Same services as the JSON API.
/// </summary>
public static class ReportPageEndpoints
{
    private static readonly Dictionary<string, string> DoneMessages = new(StringComparer.Ordinal)
    {
        ["concept"] = "De uitkomsten zijn opnieuw berekend.",
        ["duiding"] = "De duiding is bewaard.",
        ["actie"] = "De actie is bewaard.",
        ["verwijderd"] = "De actie is verwijderd.",
        ["stand"] = "De stand van de actie is bewaard.",
        ["citaat"] = "Het citaat is bewaard en bevestigd.",
        ["ingetrokken"] = "Het citaat is ingetrokken.",
    };

#if LEGACY_ENDPOINTS
    public static WebApplication MapReportPages(this WebApplication app)
    {
        var read = app.MapGroup("/admin/metingen/{id}").RequireAuthorization(Policies.Onderzoeker).WithPageHeaders().RequireFormToken().ExcludeFromDescription();
        read.MapGet("/rapportage", async (string id, [FromQuery(Name = "gedaan")] string? done, HttpContext context, CancellationToken ct) =>
            await DashboardAsync(id, context, ct, m => m with { Done = done is null ? null : DoneMessages.GetValueOrDefault(done) }));
        read.MapGet("/open-antwoorden", async (string id, [FromQuery(Name = "pagina")] int? page, ClaimsPrincipal user, WaveStore waves, OpenAnswers answers, CancellationToken ct) =>
        {
            var outcome = await answers.ReadAsync(id, page ?? 1, ct);
            if (outcome.Problem is { } problem) return Message(problem, id);
            var wave = (await waves.GetAsync(id, ct))!.Wave;
            return Page<OpenAnswersPage>(new { Answers = outcome.Value!, CanQuote = user.IsInRole(Roles.Beheerder) && wave.State is WaveState.Closed or WaveState.Published });
        });

        var manage = app.MapGroup("/admin/metingen/{id}").RequireAuthorization(Policies.Beheerder).WithPageHeaders().RequireFormToken().ExcludeFromDescription();
        manage.MapPost("/rapportage/concept", async (string id, IFormCollection form, WaveAggregation aggregation, HttpContext context, CancellationToken ct) =>
        {
            var outcome = await aggregation.ComputeAsync(id, ct);
            return outcome.Problem is null ? Back(id, "rapportage", "concept") : await DashboardAsync(id, context, ct, m => m with { Problem = outcome.Problem }, outcome.Problem.Status);
        });
        manage.MapGet("/rapportage/voorbeeld", async (string id, [FromQuery(Name = "gebied")] string? slug, ReportPreview preview, CancellationToken ct) =>
        {
            var outcome = await preview.HtmlAsync(id, slug, ct);
            return outcome.Problem is { } problem ? Message(problem, id) : Results.Bytes(outcome.Value!, "text/html; charset=utf-8");
        });
        manage.MapPost("/rapportage/publiceren", async (string id, IFormCollection form, ReportPublication publication, ClaimsPrincipal user, HttpContext context, CancellationToken ct) =>
        {
            var correction = form["correction"].ToString();
            var outcome = await publication.PublishAsync(id, string.IsNullOrWhiteSpace(correction) ? null : correction, WaveFunctions.Actor(user), ct);
            return await DashboardAsync(id, context, ct, m => outcome.Problem is null ? m with { Published = outcome.Value! } : m with { Problem = outcome.Problem },
                outcome.Problem?.Status);
        });

        manage.MapGet("/duiding", async (string id, [FromQuery(Name = "gedaan")] string? done, WaveStore waves, CouncilNotesStore notes, QuoteStore quotes, CancellationToken ct) =>
            await NotesAsync(id, waves, notes, quotes, ct, m => m with { Done = done is null ? null : DoneMessages.GetValueOrDefault(done) }));
        manage.MapPost("/duiding", async (string id, IFormCollection form, CouncilNotesService service, WaveStore waves, CouncilNotesStore notes, QuoteStore quotes, CancellationToken ct) =>
        {
            var typed = new Dictionary<string, string>
            {
                ["scope"] = form["scope"].ToString(), ["audience"] = form["audience"].ToString(), ["measure"] = form["measure"].ToString(),
                ["dimension"] = form["dimension"].ToString(), ["text"] = form["duiding-text"].ToString(),
            };
            var outcome = await service.SaveInterpretationAsync(id, new InterpretationInput(typed["scope"], typed["audience"], typed["measure"], typed["dimension"], typed["text"]), ct);
            return await AfterSaveAsync(id, "duiding", outcome, typed, waves, notes, quotes, ct);
        });
        manage.MapPost("/acties", async (string id, IFormCollection form, CouncilNotesService service, WaveStore waves, CouncilNotesStore notes, QuoteStore quotes, CancellationToken ct) =>
        {
            var measures = form["measures"].Where(m => m is not null).Select(m => m!).ToList();
            var typed = new Dictionary<string, string>
            {
                ["scope"] = form["scope"].ToString(), ["what"] = form["actie-what"].ToString(), ["who"] = form["actie-who"].ToString(),
                ["due"] = form["actie-due"].ToString(), ["measures"] = string.Join(',', measures),
            };
            var outcome = await service.SaveActionAsync(id, new ActionInput(null, string.IsNullOrEmpty(typed["scope"]) ? null : typed["scope"], measures, typed["what"], typed["who"], typed["due"]), ct);
            return await AfterSaveAsync(id, "actie", outcome, typed, waves, notes, quotes, ct);
        });
        manage.MapPost("/acties/{actionId}/verwijderen", async (string id, string actionId, IFormCollection form, CouncilNotesService service, WaveStore waves, CouncilNotesStore notes, QuoteStore quotes, CancellationToken ct) =>
        {
            var outcome = await service.DeleteActionAsync(id, actionId, ct);
            return outcome.Problem is null ? Back(id, "duiding", "verwijderd") : await NotesAsync(id, waves, notes, quotes, ct, m => m with { ProblemText = outcome.Problem.Detail }, outcome.Problem.Status);
        });
        manage.MapPost("/acties/{actionId}/stand", async (string id, string actionId, IFormCollection form, CouncilNotesService service, WaveStore waves, CouncilNotesStore notes, QuoteStore quotes, CancellationToken ct) =>
        {
            var typed = new Dictionary<string, string> { ["status"] = form["status"].ToString(), ["note"] = form[$"opvolging-{actionId}-note"].ToString() };
            var outcome = await service.SaveFollowUpAsync(id, new FollowUpInput(actionId, typed["status"], typed["note"]), ct);
            return await AfterSaveAsync(id, $"opvolging-{actionId}", outcome, typed, waves, notes, quotes, ct, "stand");
        });

        manage.MapGet("/citaten/nieuw", async (string id, [FromQuery(Name = "antwoord")] string? key, [FromQuery(Name = "vraag")] string? item, OpenAnswers answers, CancellationToken ct) =>
            key is null || item is null || await answers.FindAsync(id, key, item, ct) is not { } answer
                ? Message(Problem.NotFound("Dit antwoord bestaat niet (meer)."), id)
                : Page<QuoteFormPage>(new { WaveId = id, Answer = answer }));
        manage.MapPost("/citaten", async (string id, IFormCollection form, QuoteSelection selection, OpenAnswers answers, CancellationToken ct) =>
        {
            var input = new QuoteInput(form["responseKey"].ToString(), form["itemId"].ToString(), NullIfEmpty(form["theme"]), NullIfEmpty(form["paraphrase"]), form["approved"] == "true");
            var outcome = await selection.ChooseAsync(id, input, ct);
            if (outcome.Problem is { } problem) return Message(problem, id);
            if (outcome.Value!.Count == 0) return Back(id, "duiding", "citaat", "#citaten");
            var answer = await answers.FindAsync(id, input.ResponseKey!, input.ItemId!, ct);
            return answer is null
                ? Message(Problem.NotFound("Dit antwoord bestaat niet (meer)."), id)
                : Page<QuoteFormPage>(new { WaveId = id, Answer = answer, input.Theme, input.Paraphrase, Errors = outcome.Value }, StatusCodes.Status422UnprocessableEntity);
        });
        manage.MapPost("/citaten/{quoteId}/intrekken", async (string id, string quoteId, IFormCollection form, QuoteSelection selection, CancellationToken ct) =>
        {
            var outcome = await selection.WithdrawAsync(id, quoteId, ct);
            return outcome.Problem is { } problem ? Message(problem, id) : Back(id, "duiding", "ingetrokken", "#citaten");
        });
        return app;
    }
#endif

    private static async Task<IResult> DashboardAsync(string id, HttpContext context, CancellationToken ct, Func<DashboardModel, DashboardModel> with, int? status = null)
    {
        var services = context.RequestServices;
        if (await services.GetRequiredService<WaveStore>().GetAsync(id, ct) is not { } stored)
            return Message(Problem.NotFound($"Er is geen meting met kenmerk '{id}'."), null);
        var progress = await services.GetRequiredService<FieldworkProgress>().ReportAsync(id, ct);
        var results = await services.GetRequiredService<ResultsQuery>().ReadAsync(id, ct);
        var model = with(new DashboardModel(stored.Wave, progress.Value, results.Value, context.User.IsInRole(Roles.Beheerder)));
        return Page<DashboardPage>(new { Model = model }, status ?? StatusCodes.Status200OK);
    }

    private static async Task<IResult> NotesAsync(string id, WaveStore waves, CouncilNotesStore notes, QuoteStore quotes, CancellationToken ct,
        Func<NotesPageModel, NotesPageModel> with, int status = StatusCodes.Status200OK)
    {
        if (await waves.GetAsync(id, ct) is not { } stored) return Message(Problem.NotFound($"Er is geen meting met kenmerk '{id}'."), null);
        var model = with(new NotesPageModel(stored.Wave, await notes.ReadAsync(id, ct), await quotes.ListAsync(id, ct)));
        return Page<NotesPage>(new { Model = model }, status);
    }

    private static async Task<IResult> AfterSaveAsync(string id, string form, Outcome<IReadOnlyList<FieldError>> outcome, Dictionary<string, string> typed,
        WaveStore waves, CouncilNotesStore notes, QuoteStore quotes, CancellationToken ct, string? done = null)
    {
        if (outcome.Problem is { } problem) return await NotesAsync(id, waves, notes, quotes, ct, m => m with { ProblemText = problem.Detail }, problem.Status);
        if (outcome.Value!.Count == 0) return Back(id, "duiding", done ?? form);
        return await NotesAsync(id, waves, notes, quotes, ct, m => m with { Form = form, Errors = outcome.Value!, Typed = typed }, StatusCodes.Status422UnprocessableEntity);
    }

    private static IResult Back(string id, string page, string done, string anchor = "") =>
        Results.Redirect($"/admin/metingen/{Uri.EscapeDataString(id)}/{page}?gedaan={done}{anchor}");

    private static IResult Message(Problem problem, string? waveId) => Page<MessagePage>(new
    {
        problem.Title,
        Text = problem.Detail,
        BackHref = waveId is null ? "/admin" : $"/admin/metingen/{Uri.EscapeDataString(waveId)}/rapportage",
        BackText = waveId is null ? "Terug naar de metingen" : "Terug naar respons en resultaten",
    }, problem.Status);

    private static string? NullIfEmpty(Microsoft.Extensions.Primitives.StringValues value) => string.IsNullOrWhiteSpace(value.ToString()) ? null : value.ToString();
}
