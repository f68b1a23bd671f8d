using System.Globalization;
using Ervaring.Core.Reports.Council;
using Ervaring.Functions.Api;
using Ervaring.Functions.Hosting.Functions;
using Ervaring.Functions.Reports.Council;
using Ervaring.Functions.Security;
using Ervaring.Storage.Council;
using Ervaring.Storage.Waves;
using Microsoft.Azure.Functions.Worker;
using static Ervaring.Functions.Pages.Shared.PageResults;

namespace Ervaring.Functions.Pages.Admin.Reporting;

/// <summary>
/// Changing and deleting an improvement action on the pages (issue 20, point 6). Changing goes through the API's own
/// <see cref="CouncilNotesService.SaveActionAsync"/> with the action's id (a change, never a second action), so the
/// same form sent twice writes the same row twice. Deleting first asks once, on a page of its own that works without
/// JavaScript; its form posts to the existing <c>…/acties/{a}/verwijderen</c>.
/// </summary>
public sealed class ActionEditPageFunctions(WaveStore waves, CouncilNotesStore notes, CouncilNotesService service)
{
    private const string ActionRoute = "beheer/metingen/{id}/acties/{actionId}";

    [Function("PagesActionEdit"), Beheerder, Page]
    public async Task<IResult> Edit(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = ActionRoute)] HttpRequest request, string id, string actionId, CancellationToken cancellationToken)
    {
        if (await waves.GetAsync(id, cancellationToken) is not { } stored) return NotFound(null);
        if (await FindAsync(id, actionId, cancellationToken) is not { } action) return NotFound(id);
        return Page<ActionEditPage>(new { Wave = stored.Wave, Action = action, Typed = TypedOf(action) });
    }

    [Function("PagesActionEditPost"), Beheerder, Page, FormPost]
    public async Task<IResult> EditPost(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = ActionRoute)] HttpRequest request, string id, string actionId, CancellationToken cancellationToken)
    {
        var (form, refused) = await PageForms.ReadAsync(request, cancellationToken);
        if (form is null) return refused!;
        if (await waves.GetAsync(id, cancellationToken) is not { } stored) return NotFound(null);
        // Only an action that exists is changed: a post for one deleted meanwhile must not bring it back.
        if (await FindAsync(id, actionId, cancellationToken) is not { } action) return NotFound(id);
        var measures = form["measures"].Where(m => m is not null).Select(m => m!).ToList();
        var typed = new Dictionary<string, string>
        {
            ["scope"] = form["scope"].ToString(), ["what"] = form["actie-what"].ToString(), ["who"] = form["actie-who"].ToString(),
            ["due"] = form["actie-due"].ToString(), ["measures"] = string.Join(',', measures),
        };
        var input = new ActionInput(action.Id, string.IsNullOrEmpty(typed["scope"]) ? action.Scope : typed["scope"], measures, typed["what"], typed["who"], typed["due"]);
        var outcome = await service.SaveActionAsync(id, input, PageForms.Carried);
        if (outcome.Problem is { } problem) return Message(problem, id);
        if (outcome.Value!.Count == 0) return Results.Redirect($"{NotesPath(id)}?gedaan=actie-gewijzigd#acties");
        return Page<ActionEditPage>(new { Wave = stored.Wave, Action = action, Typed = typed, Errors = outcome.Value }, StatusCodes.Status422UnprocessableEntity);
    }

    [Function("PagesActionDeleteConfirm"), Beheerder, Page]
    public async Task<IResult> DeleteConfirm(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = ActionRoute + "/verwijderen")] HttpRequest request, string id, string actionId,
        CancellationToken cancellationToken)
    {
        if (await waves.GetAsync(id, cancellationToken) is not { } stored) return NotFound(null);
        // Already deleted (Back after deleting): the list says what there is; nothing to confirm.
        if (await FindAsync(id, actionId, cancellationToken) is not { } action) return Results.Redirect($"{NotesPath(id)}#acties");
        return Page<ConfirmPage>(new
        {
            Title = "Actie verwijderen?",
            WaveName = stored.Wave.DisplayName,
            Happens = new[]
            {
                $"De actie \"{action.What}\" ({action.Who}, klaar in {Reports.ReportText.Month(action.Due)}) gaat uit de lijst. Dat kan niet terug: wilt u haar later toch, dan schrijft u haar opnieuw.",
                "Wilt u alleen iets aanpassen? Kies dan \"Nee, terug\" en daarna \"Wijzigen\".",
            },
            Public = new[] { "Niets verandert nu. Het openbare rapport verandert pas als u opnieuw publiceert; een versie die al openbaar is, blijft zoals ze is." },
            Action = $"/{ActionPath(id, action.Id)}/verwijderen",
            Button = "Ja, actie verwijderen",
            BackHref = $"{NotesPath(id)}#acties",
            BackText = "Terug naar duiding en acties",
        });
    }

    private async Task<ImprovementAction?> FindAsync(string waveId, string actionId, CancellationToken ct) =>
        CouncilNotesService.IsId(actionId) ? (await notes.ReadAsync(waveId, ct)).Actions.FirstOrDefault(a => a.Id == actionId) : null;

    private static Dictionary<string, string> TypedOf(ImprovementAction action) => new()
    {
        ["scope"] = action.Scope, ["what"] = action.What, ["who"] = action.Who,
        ["due"] = action.Due.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), ["measures"] = string.Join(',', action.Measures),
    };

    private static string NotesPath(string id) => $"{AdminSignIn.Home}/metingen/{Uri.EscapeDataString(id)}/duiding";

    private static string ActionPath(string id, string actionId) => $"beheer/metingen/{Uri.EscapeDataString(id)}/acties/{actionId}";

    private static IResult NotFound(string? waveId) => waveId is null
        ? Message(Problem.NotFound("Deze meting bestaat niet."), null)
        : Message(Problem.NotFound("Deze actie bestaat niet (meer). Misschien is ze net verwijderd."), waveId);

    private static IResult Message(Problem problem, string? waveId) => Page<MessagePage>(new
    {
        problem.Title,
        Text = problem.Detail,
        BackHref = waveId is null ? AdminSignIn.Home : NotesPath(waveId) + "#acties",
        BackText = waveId is null ? "Terug naar de metingen" : "Terug naar duiding en acties",
    }, problem.Status);
}
