using Ervaring.Core.Reports.Council;
using Ervaring.Functions.Reports.Council;

namespace Ervaring.Functions.Demo;

/// <summary>
/// The demo municipality's own words, written through the same services as the officer's pages: interpretations,
/// improvement actions, a year later their status, and two approved quotes (one paraphrased).
/// </summary>
public sealed class DemoCouncilNotes(CouncilNotesService notes, OpenAnswers openAnswers, QuoteSelection quotes)
{
    public async Task WriteAsync(string waveId, string municipality, int year, bool firstYear, CancellationToken cancellationToken)
    {
        await Check(notes.SaveInterpretationAsync(waveId, new InterpretationInput(municipality, "ouders", "toegang", "totaal", firstYear
            ? "Ouders vinden de weg naar hulp nog niet altijd makkelijk. Vooral de wachttijd na de aanmelding valt tegen.\n\n- We zien dit ook in de klachten bij het wijkteam.\n- Ouders van kinderen met verblijf zijn kritischer."
            : "De toegang is iets beter beoordeeld dan vorig jaar. Het verschil is nog klein; we blijven dit volgen."), cancellationToken));
        await Check(notes.SaveInterpretationAsync(waveId, new InterpretationInput(municipality, "ouders", "kwaliteit", "totaal",
            "Over de kwaliteit van de hulp zijn de meeste ouders tevreden. Dat past bij wat aanbieders ons vertellen."), cancellationToken));
        await Check(notes.SaveInterpretationAsync(waveId, new InterpretationInput(municipality, "ouders", "toegang", "zorgvorm",
            "De verschillen tussen soorten hulp zijn groot; bij verblijf zijn er weinig antwoorden, dus wees voorzichtig met conclusies."), cancellationToken));
        if (firstYear)
        {
            await Check(notes.SaveActionAsync(waveId, new ActionInput(null, municipality, ["toegang"],
                "Eén aanmeldpunt voor jeugdhulp, met een vaste contactpersoon vanaf de eerste dag", "Het college, met het wijkteam", $"{year + 1}-03-01"), cancellationToken));
            await Check(notes.SaveActionAsync(waveId, new ActionInput(null, municipality, ["effect", "kwaliteit"],
                "Afspraken met aanbieders over het meten van doelen samen met ouders", "Groep aanbieders ambulante hulp", $"{year + 1}-06-30"), cancellationToken));
        }
        else
        {
            await Check(notes.SaveActionAsync(waveId, new ActionInput(null, municipality, ["toegang"],
                "Wachttijd na aanmelding elk kwartaal aan de raad laten zien", "Het college", $"{year + 1}-01-31"), cancellationToken));
        }
        await ChooseQuotesAsync(waveId, cancellationToken);
    }

    /// <summary>A year on: how last year's actions went (the next report shows this next to the trend).</summary>
    public async Task FollowUpAsync(string waveId, CancellationToken cancellationToken)
    {
        var actions = (await notes.ReadAsync(waveId, cancellationToken)).Value!.Actions;
        string[] statuses = [ActionStatus.Done, ActionStatus.Running, ActionStatus.Dropped];
        string[] sentences =
        [
            "Het aanmeldpunt is sinds maart open; ouders hebben nu één vaste contactpersoon.",
            "Met vier van de zes aanbieders zijn afspraken gemaakt; de rest volgt dit najaar.",
            "Deze actie is opgegaan in de regionale aanpak.",
        ];
        for (var i = 0; i < actions.Count; i++)
            await Check(notes.SaveFollowUpAsync(waveId, new FollowUpInput(actions[i].Id, statuses[i % 3], sentences[i % 3]), cancellationToken));
    }

    private async Task ChooseQuotesAsync(string waveId, CancellationToken cancellationToken)
    {
        var page = (await openAnswers.ReadAsync(waveId, 1, cancellationToken)).Value!;
        var quotable = page.Answers.Where(a => a.Quotable).ToList();
        var good = quotable.FirstOrDefault(a => a.ItemId == "wat_ging_goed");
        var better = quotable.FirstOrDefault(a => a.ItemId == "wat_kan_beter");
        if (good is not null)
            await Check(quotes.ChooseAsync(waveId, new QuoteInput(good.ResponseKey, good.ItemId, "kwaliteit", null, Approved: true), cancellationToken));
        if (better is not null)
            await Check(quotes.ChooseAsync(waveId, new QuoteInput(better.ResponseKey, better.ItemId, "toegang",
                "Een ouder vertelt dat het lang duurde voordat de hulp begon, en dat niemand liet weten waarom.", Approved: true), cancellationToken));
    }

    private static async Task Check(Task<Ervaring.Functions.Api.Outcome<IReadOnlyList<Core.Waves.FieldError>>> saving)
    {
        var outcome = await saving;
        if (outcome.Problem is { } problem) throw new InvalidOperationException(problem.Detail);
        if (outcome.Value is { Count: > 0 } errors) throw new InvalidOperationException(string.Join(" ", errors.Select(e => e.Message)));
    }
}
