using Ervaring.Core.Reports.Council;
using Ervaring.Core.Surveys;
using Ervaring.Core.Waves;
using Ervaring.Functions.Api;
using Ervaring.Functions.Survey;
using Ervaring.Storage.Council;
using Ervaring.Storage.Responses;
using Ervaring.Storage.Waves;

namespace Ervaring.Functions.Reports.Council;

/// <param name="Paraphrase">The officer's own wording; when given, only this is stored and published, never the answer.</param>
/// <param name="Approved">The explicit "publish this" confirmation; without it nothing is stored.</param>
public sealed record QuoteInput(string? ResponseKey, string? ItemId, string? Theme, string? Paraphrase, bool Approved);

/// <summary>
/// Turns a masked open answer into a quote for the report. Rules: only from a cell with at least k respondents,
/// only with explicit approval, and a paraphrase replaces the answer entirely — the quote entity holds the final
/// text, theme and cell only, so nothing links it back to the response.
/// </summary>
public sealed class QuoteSelection(WaveStore waves, ResponseStore responses, WaveDefinitions definitions, OpenAnswers openAnswers, QuoteStore quotes,
    Security.ServerSecrets secrets, TimeProvider clock)
{
    public async Task<Outcome<IReadOnlyList<FieldError>>> ChooseAsync(string waveId, QuoteInput input, CancellationToken cancellationToken)
    {
        if (await waves.GetAsync(waveId, cancellationToken) is not { } stored) return Problem.NotFound($"Meting '{waveId}' bestaat niet.");
        if (stored.Wave.State.WhyNot(WaveOperation.SelectQuotes) is { } notNow) return Problem.Conflict(notNow);
        if (string.IsNullOrWhiteSpace(input.ResponseKey) || string.IsNullOrWhiteSpace(input.ItemId)
            || await responses.GetAsync(waveId, input.ResponseKey, cancellationToken) is not { } response)
            return Problem.NotFound("Dit antwoord bestaat niet (meer).");
        var definition = await definitions.GetAsync(waveId, response.Audience, cancellationToken);
        if (definition?.Items.FirstOrDefault(i => i.Id == input.ItemId && i.Type == ItemType.Open) is null
            || !response.Answers.TryGetValue(input.ItemId, out var values) || values.Count == 0 || string.IsNullOrWhiteSpace(values[0]))
            return Problem.NotFound("Dit antwoord bestaat niet (meer).");

        var errors = new List<FieldError>();
        var k = stored.Wave.Settings.SuppressionThreshold;
        var cell = OpenAnswers.CellOf(response);
        if (await openAnswers.CellSizeAsync(waveId, cell, cancellationToken) < k)
            errors.Add(new FieldError("responseKey", $"Dit antwoord komt uit een groep van minder dan {k} respondenten. Daaruit kiezen we geen citaat: de schrijver zou herkend kunnen worden."));
        if (input.Theme is null || QuoteThemes.All.All(t => t.Id != input.Theme))
            errors.Add(new FieldError("theme", "Kies bij welk thema het citaat hoort."));
        var paraphrase = OpenAnswers.Masked(input.Paraphrase ?? "");
        var text = paraphrase.Length > 0 ? paraphrase : OpenAnswers.Masked(values[0]);
        if (text.Length > CouncilNoteLimits.QuoteChars)
            errors.Add(new FieldError("paraphrase", $"Een citaat is hoogstens {CouncilNoteLimits.QuoteChars} tekens. Vat het antwoord korter samen in eigen woorden."));
        if (!input.Approved)
            errors.Add(new FieldError("approved", "Bevestig dat dit citaat in het openbare rapport mag. Zonder bevestiging bewaren we niets."));
        if (errors.Count > 0) return errors;

        // One quote per answer: its id is keyed from the answer, so choosing it again (a double click, eight at once)
        // stores nothing new, and choosing it with other words or another theme changes the one quote.
        await quotes.ChooseAsync(waveId, new Quote(QuoteId(waveId, input.ResponseKey, input.ItemId), response.Municipality, response.Audience, input.Theme!, cell, text,
            paraphrase.Length > 0, Approved: true, clock.GetUtcNow()), cancellationToken);
        return Array.Empty<FieldError>();
    }

    /// <summary>32 hex characters of an HMAC (server pepper) over wave, answer and question: stable, and no link to the answer without the secret.</summary>
    private string QuoteId(string waveId, string responseKey, string itemId) =>
        Convert.ToHexStringLower(System.Security.Cryptography.HMACSHA256.HashData(secrets.HashPepper,
            System.Text.Encoding.UTF8.GetBytes($"citaat|{waveId}|{responseKey}|{itemId}")))[..32];

    public async Task<Outcome<IReadOnlyList<Quote>>> ListAsync(string waveId, CancellationToken cancellationToken) =>
        await waves.GetAsync(waveId, cancellationToken) is null ? Problem.NotFound($"Meting '{waveId}' bestaat niet.") : (await quotes.ListAsync(waveId, cancellationToken)).ToList();

    public async Task<Outcome<bool>> WithdrawAsync(string waveId, string quoteId, CancellationToken cancellationToken)
    {
        if (await waves.GetAsync(waveId, cancellationToken) is null) return Problem.NotFound($"Meting '{waveId}' bestaat niet.");
        if (!CouncilNotesService.IsId(quoteId)) return Problem.NotFound("Dit citaat bestaat niet.");
        await quotes.DeleteAsync(waveId, quoteId, cancellationToken);
        return true;
    }
}
