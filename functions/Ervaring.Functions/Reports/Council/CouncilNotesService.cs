using System.Globalization;
using System.Security.Cryptography;
using Ervaring.Core.Reports;
using Ervaring.Core.Reports.Council;
using Ervaring.Core.Waves;
using Ervaring.Functions.Api;
using Ervaring.Storage.Council;
using Ervaring.Storage.Waves;

namespace Ervaring.Functions.Reports.Council;

// What the API and the forms send. Strings, so a wrong value gets a Dutch message at its field instead of a 400.
public sealed record InterpretationInput(string? Scope, string? Audience, string? Measure, string? Dimension, string? Text);
/// <param name="Id">An existing action's id to change it; or an id the client chooses for a new one, which makes sending it again safe.</param>
public sealed record ActionInput(string? Id, string? Scope, IReadOnlyList<string>? Measures, string? What, string? Who, string? Due)
{
    /// <summary>
    /// The client's key for this one creation (JSON <c>idempotencyKey</c>; an endpoint may fill it from an
    /// <c>Idempotency-Key</c> header): a second create with the same key creates nothing and is told which action has it.
    /// </summary>
    public string? IdempotencyKey { get; init; }
}
public sealed record FollowUpInput(string? ActionId, string? Status, string? Note);

/// <summary>
/// Interpretations, improvement actions and follow-ups: validated here (Dutch messages per field), stored in
/// <see cref="CouncilNotesStore"/>. Changes go into the next publication; published versions never change.
/// </summary>
public sealed class CouncilNotesService(WaveStore waves, CouncilNotesStore notes, TimeProvider clock)
{
    public static readonly IReadOnlyList<string> Measures = Pages.Reports.ReportText.HeadlineIndicators;

    public async Task<Outcome<WaveNotes>> ReadAsync(string waveId, CancellationToken cancellationToken) =>
        await waves.GetAsync(waveId, cancellationToken) is null ? Problem.NotFound($"Meting '{waveId}' bestaat niet.") : await notes.ReadAsync(waveId, cancellationToken);

    public async Task<Outcome<IReadOnlyList<FieldError>>> SaveInterpretationAsync(string waveId, InterpretationInput input, CancellationToken cancellationToken)
    {
        if (await EditableAsync(waveId, cancellationToken) is not { } wave) return await MissingOrClosedAsync(waveId, cancellationToken);
        var errors = new List<FieldError>();
        var scope = Choice(input.Scope, ScopesOf(wave), "scope", "Kies voor welk rapport (gemeente of regio) de duiding is.", errors);
        var audience = Choice(input.Audience, wave.Definitions.Keys.ToList(), "audience", "Kies de doelgroep: ouders of jongeren.", errors);
        var measure = Choice(input.Measure, Measures, "measure", $"Kies het onderwerp ({PlainLabels.IndicatorList("of")}).", errors);
        var dimensions = wave.Settings.Municipalities.Count > 1 ? [Dimensions.Total, Dimensions.Municipality, .. Dimensions.Breakdowns] : new List<string> { Dimensions.Total }.Concat(Dimensions.Breakdowns).ToList();
        var dimension = Choice(string.IsNullOrWhiteSpace(input.Dimension) ? Dimensions.Total : input.Dimension, dimensions, "dimension", "Kies bij welke uitsplitsing de duiding hoort.", errors);
        var text = PlainText.Clean(input.Text);
        if (text.Length > CouncilNoteLimits.InterpretationChars)
            errors.Add(new FieldError("text", $"Schrijf de duiding in hoogstens {CouncilNoteLimits.InterpretationChars} tekens (nu {text.Length})."));
        if (errors.Count > 0) return errors;
        await notes.SaveInterpretationAsync(waveId, new Interpretation(scope!, audience!, measure!, dimension!, text), cancellationToken);
        return Array.Empty<FieldError>();
    }

    public async Task<Outcome<IReadOnlyList<FieldError>>> SaveActionAsync(string waveId, ActionInput input, CancellationToken cancellationToken)
    {
        if (await EditableAsync(waveId, cancellationToken) is not { } wave) return await MissingOrClosedAsync(waveId, cancellationToken);
        var errors = new List<FieldError>();
        var scope = Choice(input.Scope ?? (wave.Settings.Municipalities.Count == 1 ? wave.Settings.Municipalities[0] : null), ScopesOf(wave), "scope", "Kies voor welk rapport (gemeente of regio) de actie is.", errors);
        var measures = (input.Measures ?? []).Where(m => !string.IsNullOrWhiteSpace(m)).Select(m => m.Trim()).Distinct().ToList();
        if (measures.Count == 0) errors.Add(new FieldError("measures", "Kies minstens één onderwerp waar de actie bij hoort."));
        else if (measures.Any(m => !Measures.Contains(m))) errors.Add(new FieldError("measures", $"Kies alleen uit: {PlainLabels.IndicatorList("en")}."));
        var what = Required(input.What, CouncilNoteLimits.ActionChars, "what", "Beschrijf wat er gaat gebeuren", errors);
        var who = Required(input.Who, CouncilNoteLimits.WhoChars, "who", "Vul in wie het doet (bijvoorbeeld het college, een team of een groep aanbieders)", errors);
        DateOnly due = default;
        if (string.IsNullOrWhiteSpace(input.Due) || !DateOnly.TryParseExact(input.Due.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out due))
            errors.Add(new FieldError("due", "Vul in wanneer de actie klaar is, als datum (bijvoorbeeld 2027-03-01)."));
        else if (due.Year < wave.Settings.Year || due.Year > wave.Settings.Year + 5)
            errors.Add(new FieldError("due", $"Kies een datum tussen {wave.Settings.Year} en {wave.Settings.Year + 5}."));
        var id = string.IsNullOrWhiteSpace(input.Id) ? NewId() : input.Id.Trim();
        if (!IsId(id)) errors.Add(new FieldError("id", "Deze actie bestaat niet."));
        var key = input.IdempotencyKey?.Trim();
        if (key is { Length: > 200 } || key?.Any(char.IsControl) == true) errors.Add(new FieldError("idempotencyKey", "Een idempotencyKey is hoogstens 200 tekens, zonder besturingstekens."));
        if (errors.Count > 0) return errors;

        var action = new ImprovementAction(id, scope!, measures, what!, who!, due);
        if (await notes.ActionExistsAsync(waveId, id, cancellationToken))
        {
            await notes.SaveActionAsync(waveId, action, cancellationToken: cancellationToken); // a change of an existing action
            return Array.Empty<FieldError>();
        }
        // A new action is created once: the same content within a short time, or the same idempotency key, is a
        // repeat (a double click on "Actie bewaren", a retry) and creates nothing.
        var reservation = key is { Length: > 0 } ? $"sleutel|{Hash(key)}" : $"inhoud|{Hash(ContentOf(action))}";
        var holder = await notes.ReserveActionAsync(waveId, reservation, id, clock.GetUtcNow(), key is { Length: > 0 } ? TimeSpan.MaxValue : RepeatWindow, cancellationToken);
        if (holder != id)
            return key is { Length: > 0 }
                ? Problem.Conflict($"Met deze idempotencyKey is al een actie vastgelegd (actie {holder}); er is geen tweede gemaakt.") with
                {
                    Extensions = new Dictionary<string, object?> { [KeyHolder] = holder },
                }
                : Problem.Conflict($"Precies deze actie is zojuist al vastgelegd (actie {holder}); er is geen tweede gemaakt. Wilt u die actie wijzigen, stuur dan haar id mee.");
        await notes.SaveActionAsync(waveId, action, reservation, cancellationToken);
        return Array.Empty<FieldError>();
    }

    /// <summary>In the 409 for an idempotency key used before: the action that has the key (<c>actionId</c> in the problem JSON).</summary>
    public const string KeyHolder = "actionId";

    /// <summary>How long a form's repeat waits for the first post's action to be written.</summary>
    public static readonly TimeSpan FormWait = TimeSpan.FromSeconds(10);

    /// <summary>
    /// A new action from the page's form, which carries an idempotency key made when the form was rendered. The same
    /// form sent again (a double click, Back and send) creates nothing and answers as the first did — saved — once
    /// the first post's action is written (it may still be under way; at most <see cref="FormWait"/>). Everything
    /// else is <see cref="SaveActionAsync"/>'s own answer.
    /// </summary>
    public async Task<Outcome<IReadOnlyList<FieldError>>> SaveActionFromFormAsync(string waveId, ActionInput input, CancellationToken cancellationToken)
    {
        var outcome = await SaveActionAsync(waveId, input, cancellationToken);
        if (outcome.Problem?.Extensions?.TryGetValue(KeyHolder, out var value) != true || value is not string holder) return outcome;
        for (var look = 0; look <= FormWait / FormPoll; look++)
        {
            if (await notes.ActionExistsAsync(waveId, holder, cancellationToken)) return Array.Empty<FieldError>();
            await Task.Delay(FormPoll, cancellationToken);
        }
        return outcome;
    }

    private static readonly TimeSpan FormPoll = TimeSpan.FromMilliseconds(100);

    public async Task<Outcome<bool>> DeleteActionAsync(string waveId, string actionId, CancellationToken cancellationToken)
    {
        if (await EditableAsync(waveId, cancellationToken) is null) return (await MissingOrClosedAsync(waveId, cancellationToken)).Problem!;
        if (!IsId(actionId)) return Problem.NotFound("Deze actie bestaat niet.");
        await notes.DeleteActionAsync(waveId, actionId, cancellationToken);
        return true;
    }

    /// <summary>The status of an action that a published report promised; kept with that (earlier) wave.</summary>
    public async Task<Outcome<IReadOnlyList<FieldError>>> SaveFollowUpAsync(string waveId, FollowUpInput input, CancellationToken cancellationToken)
    {
        if (await waves.GetAsync(waveId, cancellationToken) is not { } stored) return Problem.NotFound($"Meting '{waveId}' bestaat niet.");
        if (stored.Wave.State.WhyNot(WaveOperation.RecordFollowUp) is { } notNow) return Problem.Conflict(notNow);
        var actions = (await notes.ReadAsync(waveId, cancellationToken)).Actions;
        if (actions.All(a => a.Id != input.ActionId)) return Problem.NotFound("Deze actie staat niet in het rapport van deze meting.");
        var errors = new List<FieldError>();
        if (input.Status is null || !ActionStatus.All.Contains(input.Status))
            errors.Add(new FieldError("status", "Kies de stand: gedaan, loopt of vervallen."));
        var note = Required(input.Note, CouncilNoteLimits.FollowUpChars, "note", "Schrijf in één zin hoe het met de actie staat", errors);
        if (errors.Count > 0) return errors;
        // The same status and sentence again (a repeat) changes nothing, not even the date.
        if ((await notes.ReadAsync(waveId, cancellationToken)).FollowUps.Any(f => f.ActionId == input.ActionId && f.Status == input.Status && f.Note == note))
            return Array.Empty<FieldError>();
        await notes.SaveFollowUpAsync(waveId, new ActionFollowUp(input.ActionId!, input.Status!, note!, clock.GetUtcNow()), cancellationToken);
        return Array.Empty<FieldError>();
    }

    public static IReadOnlyList<string> ScopesOf(WaveRecord wave) =>
        wave.Settings.Municipalities.Count > 1 ? [.. wave.Settings.Municipalities, wave.Settings.Region ?? "regio"] : wave.Settings.Municipalities;

    /// <summary>Words for the report can be written once the wave is closed, and changed for a corrected version after publication.</summary>
    private async Task<WaveRecord?> EditableAsync(string waveId, CancellationToken cancellationToken) =>
        await waves.GetAsync(waveId, cancellationToken) is { } stored && stored.Wave.State.Allows(WaveOperation.WriteReportText) ? stored.Wave : null;

    private async Task<Outcome<IReadOnlyList<FieldError>>> MissingOrClosedAsync(string waveId, CancellationToken cancellationToken) =>
        await waves.GetAsync(waveId, cancellationToken) is { } stored
            ? Problem.Conflict($"De meting is '{stored.Wave.State.Dutch()}'. Duiding en acties schrijft u als het veldwerk gesloten is.")
            : Problem.NotFound($"Meting '{waveId}' bestaat niet.");

    private static string? Choice(string? value, IReadOnlyCollection<string> allowed, string field, string message, List<FieldError> errors)
    {
        var trimmed = value?.Trim();
        if (trimmed is not null && allowed.Contains(trimmed)) return trimmed;
        errors.Add(new FieldError(field, message));
        return null;
    }

    private static string? Required(string? value, int max, string field, string what, List<FieldError> errors)
    {
        var text = PlainText.CleanLine(value);
        if (text.Length == 0) errors.Add(new FieldError(field, what + "."));
        else if (text.Length > max) errors.Add(new FieldError(field, $"{what} in hoogstens {max} tekens (nu {text.Length})."));
        else return text;
        return null;
    }

    /// <summary>How long the same action content counts as a repeat of the one just created.</summary>
    public static readonly TimeSpan RepeatWindow = TimeSpan.FromMinutes(10);

    private static string ContentOf(ImprovementAction a) =>
        string.Join('\u001f', a.Scope, string.Join(',', a.Measures.Order(StringComparer.Ordinal)), a.What, a.Who, a.Due.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));

    private static string Hash(string text) => Convert.ToHexStringLower(SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(text)))[..32];

    public static string NewId() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8));
    public static bool IsId(string id) => id.Length is > 0 and <= 32 && id.All(char.IsAsciiLetterOrDigit);
}
