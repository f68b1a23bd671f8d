using Ervaring.Core.Waves;
using Ervaring.Functions.Api;
using Ervaring.Functions.Fielding;
using Ervaring.Functions.Hosting.Functions;
using Ervaring.Functions.Sampling;
using Ervaring.Functions.Security;
using Ervaring.Functions.Waves;
using Ervaring.Storage.Waves;
using Microsoft.Azure.Functions.Worker;
using static Ervaring.Functions.Pages.Shared.PageResults;

namespace Ervaring.Functions.Pages.Admin;

/// <summary>
/// The steps of the cycle that only the API offered, now on the pages: the confirmation before starting the
/// fieldwork, the reminder lists per round, and closing the fieldwork (confirmation page, then the post). Every
/// route carries {id}, so the central municipality check covers them like the other wave pages.
/// </summary>
public sealed class CyclePageFunctions(WaveStore waves, Reminders reminders, WaveClosing closing, TimeProvider clock)
{
    private const string WaveRoute = "beheer/metingen/{id}";

    [Function("PagesWaveFieldingConfirm"), Beheerder, Page]
    public async Task<IResult> FieldingConfirm(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = WaveRoute + "/veldwerk")] HttpRequest request, string id, CancellationToken cancellationToken)
    {
        if (await waves.GetAsync(id, cancellationToken) is not { } stored) return WaveScopeGate.NotFoundPage(id);
        var wave = stored.Wave;
        // Already started (a bookmark, Back after the post): the wave page says so; there is nothing to confirm.
        if (wave.State != WaveState.Sampled) return Results.Redirect(WavePath(id));
        return FieldingConfirmPage(wave, DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime), null, StatusCodes.Status200OK);
    }

    /// <summary>The form field with the reason for an early start.</summary>
    public const string ReasonField = "reden";

    /// <summary>
    /// The confirmation before starting the fieldwork; before the planned day it asks why (issue 20), and shows it again
    /// with the error when the reason was left empty or too long.
    /// </summary>
    /// <param name="refused">What was typed and what was wrong with it, when the post was refused.</param>
    public static IResult FieldingConfirmPage(WaveRecord wave, DateOnly today, ConfirmField? refused, int status)
    {
        var rounds = string.Join(" en ", wave.Settings.ReminderDays.Select(d => $"dag {d}"));
        var early = FieldingStart.IsEarly(wave, today);
        var happens = new List<string>
        {
            "De persoonlijke links en codes in de brieven gaan werken. Doe dit pas als de brieven verstuurd zijn.",
            "U kunt daarna geen nieuw kader meer inlezen en niet opnieuw trekken.",
            $"Herinneringen kunnen na {rounds} na vandaag.",
            $"Het veldwerk sluit vanzelf in de nacht van {Shared.Format.Date(CycleSteps.AutomaticClose(wave))}.",
        };
        if (early)
            happens.Insert(0, $"Gepland was een start op {Shared.Format.Date(wave.Settings.FieldStart)}. U start {wave.Settings.FieldStart.DayNumber - today.DayNumber} dag(en) eerder. "
                + "Het rapport noemt de echte veldwerkperiode en de geplande; uw reden bewaren we bij de meting, voor wie het onderzoek later controleert.");
        return Page<ConfirmPage>(new
        {
            Title = "Veldwerk starten?",
            WaveName = wave.DisplayName,
            Happens = happens,
            Public = new[] { "Niets. De antwoorden blijven binnen; het rapport wordt pas openbaar als u het publiceert." },
            Action = $"{WavePath(wave.Id)}/veldwerk",
            Button = "Ja, veldwerk starten",
            BackHref = WavePath(wave.Id),
            Field = early
                ? refused ?? new ConfirmField(ReasonField, "Waarom start het veldwerk eerder dan gepland?",
                    $"Bijvoorbeeld: de brieven zijn eerder verstuurd. Ten hoogste {FieldingStart.MaxReasonLength} tekens.")
                : null,
        }, status);
    }

    [Function("PagesWaveReminders"), Beheerder, Page]
    public async Task<IResult> ReminderList(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = WaveRoute + "/herinneringen.csv")] HttpRequest request, string id, CancellationToken cancellationToken)
    {
        // The same list as the API's (Reminders.CsvAsync); a problem is a Dutch page with the way back.
        var round = int.TryParse(request.Query["ronde"], System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out var r) ? r : 1;
        var outcome = await reminders.CsvAsync(id, round, cancellationToken);
        return outcome.Problem is { } problem
            ? Message(problem, id)
            : Results.File(outcome.Value!, "text/csv; charset=utf-8", $"herinneringen-{id}-ronde-{round}.csv");
    }

    [Function("PagesWaveCloseConfirm"), Beheerder, Page]
    public async Task<IResult> CloseConfirm(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = WaveRoute + "/sluiten")] HttpRequest request, string id, CancellationToken cancellationToken)
    {
        if (await waves.GetAsync(id, cancellationToken) is not { } stored) return WaveScopeGate.NotFoundPage(id);
        var wave = stored.Wave;
        if (wave.State != WaveState.Fielding) return Results.Redirect(WavePath(id));
        return Page<ConfirmPage>(new
        {
            Title = "Veldwerk nu sluiten?",
            WaveName = wave.DisplayName,
            Happens = new[]
            {
                $"Zonder deze stap sluit het veldwerk vanzelf in de nacht van {Shared.Format.Date(CycleSteps.AutomaticClose(wave))}.",
                "Vanaf nu kan niemand de vragenlijst nog invullen; de links en codes werken niet meer.",
                "De antwoorden worden losgemaakt van wie ze gaf: de koppeling tussen uitnodigingen en antwoorden wordt gewist. Dat kan niet terug.",
                "Herinneringslijsten zijn daarna niet meer te maken.",
                "Daarna maakt u het rapportconcept met alle antwoorden.",
            },
            Public = new[] { "Niets. Het rapport wordt pas openbaar als u het publiceert." },
            Action = $"{WavePath(id)}/sluiten",
            Button = "Ja, veldwerk sluiten",
            BackHref = WavePath(id),
        });
    }

    [Function("PagesWaveClose"), Beheerder, Page, FormPost]
    public async Task<IResult> Close(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = WaveRoute + "/sluiten")] HttpRequest request, string id, CancellationToken cancellationToken)
    {
        var (form, refused) = await PageForms.ReadAsync(request, cancellationToken);
        if (form is null) return refused!;
        // CloseAsync is once-only whoever asks: a second post (double click) waits for the first and gets its wave.
        var outcome = await closing.CloseAsync(id, WaveFunctions.Actor(request.HttpContext.User), PageForms.Carried);
        if (outcome.Problem is null) return Results.Redirect($"{WavePath(id)}?gedaan=gesloten");
        // Sent again after the report was published: closed long ago, which is what was asked.
        if (outcome.Problem.Status == StatusCodes.Status409Conflict && await waves.GetAsync(id, cancellationToken) is { Wave.ClosedOn: not null })
            return Results.Redirect($"{WavePath(id)}?gedaan=gesloten");
        return Message(outcome.Problem, id);
    }

    private static string WavePath(string id) => $"{AdminSignIn.Home}/metingen/{Uri.EscapeDataString(id)}";

    private static IResult Message(Problem problem, string id) => Page<MessagePage>(new
    {
        problem.Title,
        Text = problem.Detail,
        BackHref = WavePath(id),
        BackText = "Terug naar de meting",
    }, problem.Status);
}
