using Ervaring.Core.Waves;
using Ervaring.Functions.Api;
using Ervaring.Functions.Hosting.Functions;
using Ervaring.Functions.Reports;
using Ervaring.Functions.Reports.Council;
using Ervaring.Functions.Security;
using Ervaring.Storage.Waves;
using Microsoft.Azure.Functions.Worker;
using static Ervaring.Functions.Pages.Shared.PageResults;

namespace Ervaring.Functions.Pages.Admin.Reporting;

/// <summary>
/// The draft before it is public: its open-data downloads (marked as draft) and the confirmation page before
/// publishing, which says what becomes public. The post itself stays <see cref="ReportPageFunctions.ReportingPublish"/>.
/// </summary>
public sealed class DraftPageFunctions(WaveStore waves, ReportPreview preview, ReportPublication publication)
{
    private const string WaveRoute = "beheer/metingen/{id}";

    [Function("PagesReportingDraftCsv"), Beheerder, Page]
    public async Task<IResult> DraftCsv(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = WaveRoute + "/rapportage/voorbeeld/data.csv")] HttpRequest request, string id, CancellationToken cancellationToken)
    {
        var report = await preview.ReportAsync(id, request.Query["gebied"], cancellationToken);
        return report.Problem is { } problem
            ? Message(problem, id)
            : Results.File(DraftMarking.Csv(report.Value!), "text/csv; charset=utf-8", DraftMarking.FileName(report.Value!, "csv"));
    }

    [Function("PagesReportingDraftJson"), Beheerder, Page]
    public async Task<IResult> DraftJson(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = WaveRoute + "/rapportage/voorbeeld/data.json")] HttpRequest request, string id, CancellationToken cancellationToken)
    {
        var report = await preview.ReportAsync(id, request.Query["gebied"], cancellationToken);
        return report.Problem is { } problem
            ? Message(problem, id)
            : Results.File(DraftMarking.Json(report.Value!), "application/json; charset=utf-8", DraftMarking.FileName(report.Value!, "json"));
    }

    [Function("PagesReportingPublishConfirm"), Beheerder, Page]
    public async Task<IResult> PublishConfirm(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = WaveRoute + "/rapportage/publiceren")] HttpRequest request, string id, CancellationToken cancellationToken)
    {
        if (await waves.GetAsync(id, cancellationToken) is not { } stored) return WaveScopeGate.NotFoundPage(id);
        var wave = stored.Wave;
        var back = $"{AdminSignIn.Home}/metingen/{Uri.EscapeDataString(id)}/rapportage";
        if (wave.State.WhyNot(WaveOperation.Publish) is { } notNow) return Message(Problem.Conflict(notNow), id);
        var again = wave.State == WaveState.Published;
        var scopes = CouncilNotesService.ScopesOf(wave);
        var year = wave.Settings.Year;
        // What the form showed when rendered: the same form sent twice publishes once (ReportPublication.PublishFromFormAsync).
        var seen = ReportPublication.Seen(await publication.LatestAsync(wave, cancellationToken));
        return Page<ConfirmPage>(new
        {
            Title = again ? "Nieuwe versie publiceren?" : "Rapport publiceren?",
            WaveName = wave.DisplayName,
            Happens = new[]
            {
                again
                    ? "Er komt een nieuwe versie bij. De vorige versie blijft openbaar te lezen, met de zin die u hieronder schrijft."
                    : "Het rapport wordt vastgelegd als versie 1. Terughalen kan niet; verbeteren kan alleen met een nieuwe versie.",
                "De meting krijgt de status 'gepubliceerd'. Daarna houdt u hier de stand van de verbeteracties bij.",
            },
            Public = scopes.Select(s => $"Voor iedereen op internet: het rapport over {s} {year} op /raad/{Slugs.Of(s)}/{year}, met uw duiding, acties en gekozen citaten, en de cijfers als CSV en JSON.")
                .Append($"Cijfers van groepen met minder dan {wave.Settings.SuppressionThreshold} antwoorden blijven verborgen. Open antwoorden worden nooit gepubliceerd, alleen de citaten die u koos.")
                .ToArray(),
            Action = $"{AdminSignIn.Home}/metingen/{Uri.EscapeDataString(id)}/rapportage/publiceren",
            Button = again ? "Ja, nieuwe versie publiceren" : "Ja, rapport publiceren",
            BackHref = back,
            BackText = "Terug naar respons en rapport",
            Hidden = new List<(string, string)> { (ReportPageFunctions.SeenField, seen) },
            CorrectionField = again,
        });
    }

    private static IResult Message(Problem problem, string id) => Page<MessagePage>(new
    {
        problem.Title,
        Text = problem.Detail,
        BackHref = $"{AdminSignIn.Home}/metingen/{Uri.EscapeDataString(id)}/rapportage",
        BackText = "Terug naar respons en rapport",
    }, problem.Status);
}
