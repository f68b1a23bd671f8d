using System.Globalization;
using Ervaring.Core.Reports;
using Ervaring.Core.Waves;
using Ervaring.Functions.Api;
using Ervaring.Functions.Fielding;
using Ervaring.Functions.Hosting.Functions;
using Ervaring.Functions.Reports;
using Ervaring.Functions.Reports.Council;
using Ervaring.Functions.Security;
using Ervaring.Functions.Waves;
using Ervaring.Storage.Council;
using Ervaring.Storage.Waves;
using Microsoft.Azure.Functions.Worker;
using static Ervaring.Functions.Pages.Shared.PageResults;

namespace Ervaring.Functions.Pages.Admin.Reporting;

/// <summary>
/// The officer's reporting pages under /beheer/metingen/{id}. The dashboard and the open answers need only the
/// onderzoeker role (reading); building, publishing and writing the report's words need the beheerder. Same
/// services as the JSON API.
/// </summary>
public sealed class ReportPageFunctions(
    WaveStore waves,
    FieldworkProgress progress,
    ResultsQuery results,
    OpenAnswers answers,
    WaveAggregation aggregation,
    ReportPreview preview,
    ReportPublication publication,
    CouncilNotesService service,
    CouncilNotesStore notes,
    QuoteStore quotes,
    QuoteSelection selection)
{
    private const string WaveRoute = "beheer/metingen/{id}";

    private static readonly Dictionary<string, string> DoneMessages = new(StringComparer.Ordinal)
    {
        ["concept"] = "De uitkomsten zijn opnieuw berekend.",
        ["duiding"] = "De duiding is bewaard.",
        ["actie"] = "De actie is bewaard.",
        ["verwijderd"] = "De actie is verwijderd.",
        ["actie-gewijzigd"] = "De wijziging van de actie is bewaard.",
        ["duiding-gewist"] = "De duiding is gewist.",
        ["stand"] = "De stand van de actie is bewaard.",
        ["citaat"] = "Het citaat is bewaard en bevestigd.",
        ["ingetrokken"] = "Het citaat is ingetrokken.",
    };

    // ---- Reading (onderzoeker) -------------------------------------------------------------------------------

    [Function("PagesReporting"), Onderzoeker, Page]
    public async Task<IResult> Dashboard(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = WaveRoute + "/rapportage")] HttpRequest request, string id, CancellationToken cancellationToken)
    {
        var done = (string?)request.Query["gedaan"];
        return await DashboardAsync(request.HttpContext, id, cancellationToken, m => m with { Done = done is null ? null : DoneMessages.GetValueOrDefault(done) },
            showPublished: done == Published);
    }

    [Function("PagesOpenAnswers"), Onderzoeker, Page]
    public async Task<IResult> ReadOpenAnswers(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = WaveRoute + "/open-antwoorden")] HttpRequest request, string id, CancellationToken cancellationToken)
    {
        // As the minimal API bound an int? from the query: absent or empty is page 1, anything not a number is a 400.
        var rawPage = (string?)request.Query["pagina"];
        int? page = null;
        if (!string.IsNullOrEmpty(rawPage))
        {
            if (!int.TryParse(rawPage, NumberStyles.Integer, CultureInfo.InvariantCulture, out var parsed)) return Results.StatusCode(StatusCodes.Status400BadRequest);
            page = parsed;
        }
        var outcome = await answers.ReadAsync(id, page ?? 1, cancellationToken);
        if (outcome.Problem is { } problem) return Message(problem, id);
        var wave = (await waves.GetAsync(id, cancellationToken))!.Wave;
        return Page<OpenAnswersPage>(new
        {
            Answers = outcome.Value!,
            CanQuote = request.HttpContext.User.IsInRole(Roles.Beheerder) && wave.State.Allows(WaveOperation.SelectQuotes),
        });
    }

    // ---- The report (beheerder) ------------------------------------------------------------------------------

    [Function("PagesReportingDraft"), Beheerder, Page, FormPost]
    public async Task<IResult> ReportingDraft(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = WaveRoute + "/rapportage/concept")] HttpRequest request, string id, CancellationToken cancellationToken)
    {
        var (form, refused) = await PageForms.ReadAsync(request, cancellationToken);
        if (form is null) return refused!;
        var outcome = await aggregation.ComputeAsync(id, PageForms.Carried);
        return outcome.Problem is null
            ? Back(id, "rapportage", "concept")
            : await DashboardAsync(request.HttpContext, id, cancellationToken, m => m with { Problem = outcome.Problem }, outcome.Problem.Status);
    }

    [Function("PagesReportingPreview"), Beheerder, Page]
    public async Task<IResult> ReportingPreview(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = WaveRoute + "/rapportage/voorbeeld")] HttpRequest request, string id, CancellationToken cancellationToken)
    {
        var outcome = await preview.HtmlAsync(id, request.Query["gebied"], cancellationToken);
        return outcome.Problem is { } problem ? Message(problem, id) : Results.Bytes(DraftMarking.Html(outcome.Value!, id), "text/html; charset=utf-8");
    }

    [Function("PagesReportingPublish"), Beheerder, Page, FormPost]
    public async Task<IResult> ReportingPublish(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = WaveRoute + "/rapportage/publiceren")] HttpRequest request, string id, CancellationToken cancellationToken)
    {
        var (form, refused) = await PageForms.ReadAsync(request, cancellationToken);
        if (form is null) return refused!;
        var correction = form["correction"].ToString();
        // The versions the form showed when it was rendered: the same form sent twice publishes once (see PublishFromFormAsync).
        var seen = form.TryGetValue(SeenField, out var shown) ? shown.ToString() : null;
        var outcome = await publication.PublishFromFormAsync(id, string.IsNullOrWhiteSpace(correction) ? null : correction, seen,
            WaveFunctions.Actor(request.HttpContext.User), PageForms.Carried);
        return outcome.Problem is null
            ? Back(id, "rapportage", Published)
            : await DashboardAsync(request.HttpContext, id, cancellationToken, m => m with { Problem = outcome.Problem }, outcome.Problem.Status);
    }

    /// <summary>The publish form's hidden field with the versions it showed (<see cref="ReportPublication.Seen"/>).</summary>
    public const string SeenField = "gezien";

    /// <summary>The "gedaan" key after a publication: the dashboard lists the latest versions.</summary>
    private const string Published = "gepubliceerd";

    // ---- Interpretations, actions and quotes (beheerder) -----------------------------------------------------

    [Function("PagesNotes"), Beheerder, Page]
    public async Task<IResult> Notes(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = WaveRoute + "/duiding")] HttpRequest request, string id, CancellationToken cancellationToken)
    {
        var done = (string?)request.Query["gedaan"];
        // "Wijzigen of wissen" of a written interpretation: the form filled in with it (issue 20, point 6).
        var query = request.Query;
        if (query["measure"].ToString() is { Length: > 0 } measure)
        {
            var stored = (await notes.ReadAsync(id, cancellationToken)).Interpretations.FirstOrDefault(i =>
                i.Scope == query["scope"] && i.Audience == query["audience"] && i.Measure == measure && i.Dimension == query["dimension"]);
            var typed = new Dictionary<string, string>
            {
                ["scope"] = query["scope"].ToString(), ["audience"] = query["audience"].ToString(), ["measure"] = measure,
                ["dimension"] = query["dimension"].ToString(), ["text"] = stored?.Text ?? "",
            };
            return await NotesAsync(id, cancellationToken, m => m with { Form = "duiding", Typed = typed });
        }
        return await NotesAsync(id, cancellationToken, m => m with { Done = done is null ? null : DoneMessages.GetValueOrDefault(done) });
    }

    [Function("PagesNotesPost"), Beheerder, Page, FormPost]
    public async Task<IResult> NotesPost(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = WaveRoute + "/duiding")] HttpRequest request, string id, CancellationToken cancellationToken)
    {
        var (form, refused) = await PageForms.ReadAsync(request, cancellationToken);
        if (form is null) return refused!;
        var typed = new Dictionary<string, string>
        {
            ["scope"] = form["scope"].ToString(), ["audience"] = form["audience"].ToString(), ["measure"] = form["measure"].ToString(),
            ["dimension"] = form["dimension"].ToString(), ["text"] = form["duiding-text"].ToString(),
        };
        var erase = string.IsNullOrWhiteSpace(typed["text"]);
        if (erase && form["wissen"] != "ja")
        {
            // An empty text used to delete silently. Now it asks: wiping one that exists needs the tick, and an empty
            // new one is simply not saved. (The API keeps its rule: an empty text there deletes.)
            var exists = (await notes.ReadAsync(id, cancellationToken)).Interpretations.Any(i =>
                i.Scope == typed["scope"] && i.Audience == typed["audience"] && i.Measure == typed["measure"] && i.Dimension == typed["dimension"]);
            var error = new Ervaring.Core.Waves.FieldError("text", exists
                ? "De duiding is leeg. Wilt u de duiding die er nu staat wissen? Vink dan \"Ja, wis deze duiding\" aan en kies opnieuw \"Duiding bewaren\"."
                : "Schrijf eerst een duiding. Een lege duiding bewaren we niet.");
            return await NotesAsync(id, cancellationToken, m => m with { Form = "duiding", Errors = [error], Typed = typed, AskToErase = exists },
                StatusCodes.Status422UnprocessableEntity);
        }
        var outcome = await service.SaveInterpretationAsync(id, new InterpretationInput(typed["scope"], typed["audience"], typed["measure"], typed["dimension"], typed["text"]), PageForms.Carried);
        return await AfterSaveAsync(id, "duiding", outcome, typed, cancellationToken, erase ? "duiding-gewist" : null);
    }

    [Function("PagesActionsPost"), Beheerder, Page, FormPost]
    public async Task<IResult> ActionsPost(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = WaveRoute + "/acties")] HttpRequest request, string id, CancellationToken cancellationToken)
    {
        var (form, refused) = await PageForms.ReadAsync(request, cancellationToken);
        if (form is null) return refused!;
        var measures = form["measures"].Where(m => m is not null).Select(m => m!).ToList();
        var typed = new Dictionary<string, string>
        {
            ["scope"] = form["scope"].ToString(), ["what"] = form["actie-what"].ToString(), ["who"] = form["actie-who"].ToString(),
            ["due"] = form["actie-due"].ToString(), ["measures"] = string.Join(',', measures),
        };
        // The form's own idempotency key, made when it was rendered: the same form sent twice saves one action.
        var input = new ActionInput(null, string.IsNullOrEmpty(typed["scope"]) ? null : typed["scope"], measures, typed["what"], typed["who"], typed["due"])
        {
            IdempotencyKey = NullIfEmpty(form[ActionKeyField]),
        };
        var outcome = await service.SaveActionFromFormAsync(id, input, PageForms.Carried);
        return await AfterSaveAsync(id, "actie", outcome, typed, cancellationToken);
    }

    /// <summary>The new-action form's hidden field: an idempotency key made when the form is rendered.</summary>
    public const string ActionKeyField = "sleutel";

    [Function("PagesActionDelete"), Beheerder, Page, FormPost]
    public async Task<IResult> ActionDelete(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = WaveRoute + "/acties/{actionId}/verwijderen")] HttpRequest request, string id, string actionId,
        CancellationToken cancellationToken)
    {
        var (form, refused) = await PageForms.ReadAsync(request, cancellationToken);
        if (form is null) return refused!;
        var outcome = await service.DeleteActionAsync(id, actionId, PageForms.Carried);
        return outcome.Problem is null
            ? Back(id, "duiding", "verwijderd")
            : await NotesAsync(id, cancellationToken, m => m with { ProblemText = outcome.Problem.Detail }, outcome.Problem.Status);
    }

    [Function("PagesActionStatus"), Beheerder, Page, FormPost]
    public async Task<IResult> ActionStatus(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = WaveRoute + "/acties/{actionId}/stand")] HttpRequest request, string id, string actionId,
        CancellationToken cancellationToken)
    {
        var (form, refused) = await PageForms.ReadAsync(request, cancellationToken);
        if (form is null) return refused!;
        var typed = new Dictionary<string, string> { ["status"] = form["status"].ToString(), ["note"] = form[$"opvolging-{actionId}-note"].ToString() };
        var outcome = await service.SaveFollowUpAsync(id, new FollowUpInput(actionId, typed["status"], typed["note"]), PageForms.Carried);
        return await AfterSaveAsync(id, $"opvolging-{actionId}", outcome, typed, cancellationToken, "stand");
    }

    [Function("PagesQuoteNew"), Beheerder, Page]
    public async Task<IResult> QuoteNew(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = WaveRoute + "/citaten/nieuw")] HttpRequest request, string id, CancellationToken cancellationToken)
    {
        var key = (string?)request.Query["antwoord"];
        var item = (string?)request.Query["vraag"];
        return key is null || item is null || await answers.FindAsync(id, key, item, cancellationToken) is not { } answer
            ? Message(Problem.NotFound("Dit antwoord bestaat niet (meer)."), id)
            : Page<QuoteFormPage>(new { WaveId = id, Answer = answer });
    }

    [Function("PagesQuotePost"), Beheerder, Page, FormPost]
    public async Task<IResult> QuotePost(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = WaveRoute + "/citaten")] HttpRequest request, string id, CancellationToken cancellationToken)
    {
        var (form, refused) = await PageForms.ReadAsync(request, cancellationToken);
        if (form is null) return refused!;
        var input = new QuoteInput(form["responseKey"].ToString(), form["itemId"].ToString(), NullIfEmpty(form["theme"]), NullIfEmpty(form["paraphrase"]), form["approved"] == "true");
        var outcome = await selection.ChooseAsync(id, input, PageForms.Carried);
        if (outcome.Problem is { } problem) return Message(problem, id);
        if (outcome.Value!.Count == 0) return Back(id, "duiding", "citaat", "#citaten");
        var answer = await answers.FindAsync(id, input.ResponseKey!, input.ItemId!, cancellationToken);
        return answer is null
            ? Message(Problem.NotFound("Dit antwoord bestaat niet (meer)."), id)
            : Page<QuoteFormPage>(new { WaveId = id, Answer = answer, input.Theme, input.Paraphrase, Errors = outcome.Value }, StatusCodes.Status422UnprocessableEntity);
    }

    [Function("PagesQuoteWithdraw"), Beheerder, Page, FormPost]
    public async Task<IResult> QuoteWithdraw(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = WaveRoute + "/citaten/{quoteId}/intrekken")] HttpRequest request, string id, string quoteId,
        CancellationToken cancellationToken)
    {
        var (form, refused) = await PageForms.ReadAsync(request, cancellationToken);
        if (form is null) return refused!;
        var outcome = await selection.WithdrawAsync(id, quoteId, PageForms.Carried);
        return outcome.Problem is { } problem ? Message(problem, id) : Back(id, "duiding", "ingetrokken", "#citaten");
    }

    private async Task<IResult> DashboardAsync(HttpContext context, string id, CancellationToken ct, Func<DashboardModel, DashboardModel> with, int? status = null,
        bool showPublished = false)
    {
        if (await waves.GetAsync(id, ct) is not { } stored)
            return Message(Problem.NotFound($"Er is geen meting met kenmerk '{id}'."), null);
        var fieldwork = await progress.ReportAsync(id, ct);
        var outcomes = await results.ReadAsync(id, ct);
        var model = with(new DashboardModel(stored.Wave, fieldwork.Value, outcomes.Value, context.User.IsInRole(Roles.Beheerder)));
        if (model.CanPublish || showPublished)
        {
            // What the publish form shows it was rendered for, and after a publication the versions now public.
            var latest = await publication.LatestAsync(stored.Wave, ct);
            model = model with { Seen = ReportPublication.Seen(latest), Published = showPublished ? latest : [] };
        }
        return Page<DashboardPage>(new { Model = model }, status ?? StatusCodes.Status200OK);
    }

    private async Task<IResult> NotesAsync(string id, CancellationToken ct, Func<NotesPageModel, NotesPageModel> with, int status = StatusCodes.Status200OK)
    {
        if (await waves.GetAsync(id, ct) is not { } stored) return Message(Problem.NotFound($"Er is geen meting met kenmerk '{id}'."), null);
        var model = with(new NotesPageModel(stored.Wave, await notes.ReadAsync(id, ct), await quotes.ListAsync(id, ct)));
        return Page<NotesPage>(new { Model = model }, status);
    }

    private async Task<IResult> AfterSaveAsync(string id, string form, Outcome<IReadOnlyList<FieldError>> outcome, Dictionary<string, string> typed,
        CancellationToken ct, string? done = null)
    {
        if (outcome.Problem is { } problem) return await NotesAsync(id, ct, m => m with { ProblemText = problem.Detail }, problem.Status);
        if (outcome.Value!.Count == 0) return Back(id, "duiding", done ?? form);
        return await NotesAsync(id, ct, m => m with { Form = form, Errors = outcome.Value!, Typed = typed }, StatusCodes.Status422UnprocessableEntity);
    }

    private static IResult Back(string id, string page, string done, string anchor = "") =>
        Results.Redirect($"{AdminSignIn.Home}/metingen/{Uri.EscapeDataString(id)}/{page}?gedaan={done}{anchor}");

    private static IResult Message(Problem problem, string? waveId) => Page<MessagePage>(new
    {
        problem.Title,
        Text = problem.Detail,
        BackHref = waveId is null ? AdminSignIn.Home : $"{AdminSignIn.Home}/metingen/{Uri.EscapeDataString(waveId)}/rapportage",
        BackText = waveId is null ? "Terug naar de metingen" : "Terug naar respons en resultaten",
    }, problem.Status);

    private static string? NullIfEmpty(Microsoft.Extensions.Primitives.StringValues value) => string.IsNullOrWhiteSpace(value.ToString()) ? null : value.ToString();
}
