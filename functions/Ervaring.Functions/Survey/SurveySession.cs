using Ervaring.Core.Invitations;
using Ervaring.Core.Surveys;
using Ervaring.Core.Waves;
using Ervaring.Functions.Security;
using Ervaring.Storage.Exclusions;
using Ervaring.Storage.Invitations;
using Ervaring.Storage.Responses;
using Ervaring.Storage.Waves;

namespace Ervaring.Functions.Survey;

/// <summary>Why a link does not lead to a questionnaire. The family sees one friendly page for all of these.</summary>
public enum LinkState
{
    Open,
    /// <summary>Unknown or malformed token. Deliberately indistinguishable from the others for the visitor.</summary>
    Unknown,
    /// <summary>The wave is not (or no longer) in the field.</summary>
    NotOpen,
    Completed,
    Refused,
}

/// <summary>An opened questionnaire: the invitation, its wave and the questionnaire (in the chosen language).</summary>
public sealed record SurveyContext(WaveRecord Wave, OpenInvitation Open, SurveyDefinition Definition, SurveyDefinition BaseDefinition)
{
    /// <summary>The language the pages are shown in: one of the questionnaire's languages, never a posted string as it came.</summary>
    public string Language { get; init; } = SurveyDefinitionLoader.BaseLanguage;

    /// <summary>What the frame told about this family, for questions asked only of some (care type, age around 18).</summary>
    public RespondentFrame Frame => new(Open.Invitation.CareType, Open.Invitation.AgeGroup);
}

/// <param name="Municipality">The invitation's municipality and audience when the link is known but no longer open
/// (completed, refused), so even those pages say who is asking and speak to a young person as "je".</param>
public sealed record LinkLookup(LinkState State, SurveyContext? Context, string? Municipality = null, string? Audience = null);

public enum SubmitOutcome
{
    Completed,
    AlreadyCompleted,
    Invalid,
    Closed,
}

public sealed record SubmitResult(SubmitOutcome Outcome, AnswerValidation? Validation = null);

/// <summary>
/// One family's questionnaire, from link to stored answer: look-up by keyed hash, draft saving, the
/// exactly-once submit (ETag-guarded), and opting out. No method logs a token, a client reference or an answer.
/// </summary>
public sealed class SurveySession(
    InvitationStore invitations,
    Fieldwork fieldwork,
    WaveStore waves,
    WaveDefinitions definitions,
    ClientHistoryStore history,
    ServerSecrets secrets,
    TimeProvider clock)
{
    public async Task<LinkLookup> OpenAsync(string token, string? language, CancellationToken cancellationToken)
    {
        if (!LinkToken.IsWellFormed(token)) return new LinkLookup(LinkState.Unknown, null);
        var found = await invitations.FindAsync(TokenHasher.Hash(secrets.HashPepper, token), cancellationToken);
        if (found is not { } pointer) return new LinkLookup(LinkState.Unknown, null);
        return await OpenInvitationAsync(pointer.WaveId, pointer.InvitationId, language, cancellationToken);
    }

    /// <summary>A short code typed from a letter: returns the personal link token to continue with, or null.</summary>
    public async Task<string?> TokenForShortCodeAsync(string typed, CancellationToken cancellationToken)
    {
        var hash = TokenHasher.HashShortCode(secrets.HashPepper, typed);
        if (hash is null) return null;
        var found = await invitations.FindAsync(hash, cancellationToken);
        return found is { } pointer ? DerivedTokens.LinkToken(secrets.TokenKey, pointer.WaveId, pointer.InvitationId) : null;
    }

    private async Task<LinkLookup> OpenInvitationAsync(string waveId, string invitationId, string? language, CancellationToken cancellationToken)
    {
        var open = await fieldwork.GetAsync(waveId, invitationId, cancellationToken);
        if (open is null) return new LinkLookup(LinkState.Unknown, null);
        if (open.Invitation.Status == InvitationStatus.Completed) return new LinkLookup(LinkState.Completed, null, open.Invitation.Municipality, open.Invitation.Audience);
        if (open.Invitation.Status == InvitationStatus.Refused) return new LinkLookup(LinkState.Refused, null, open.Invitation.Municipality, open.Invitation.Audience);
        var wave = (await waves.GetAsync(waveId, cancellationToken))?.Wave;
        if (wave is null || !wave.State.Allows(WaveOperation.Answer)) return new LinkLookup(LinkState.NotOpen, null);
        var definition = await definitions.GetAsync(waveId, open.Invitation.Audience, cancellationToken);
        if (definition is null) return new LinkLookup(LinkState.NotOpen, null);
        var known = language is { Length: > 0 } && definition.Languages.Contains(language) ? language : SurveyDefinitionLoader.BaseLanguage;
        return new LinkLookup(LinkState.Open, new SurveyContext(wave, open, definition.InLanguage(known), definition) { Language = known });
    }

    /// <summary>The first visit counts as "opened" for the response statistics.</summary>
    public async Task MarkOpenedAsync(SurveyContext context, CancellationToken cancellationToken)
    {
        if (context.Open.Invitation.Status == InvitationStatus.Invited)
            await fieldwork.MarkOpenedAsync(context.Open, cancellationToken);
    }

    /// <summary>Merges this page's answers into the draft and stores it. Invalid values are not stored.</summary>
    public async Task<AnswerValidation> SaveAsync(SurveyContext context, IReadOnlyDictionary<string, IReadOnlyList<string>> posted, IReadOnlyCollection<string> itemsOnPage, CancellationToken cancellationToken)
    {
        var merged = Merge(context.Open.Draft, posted, itemsOnPage);
        var validation = SurveyAnswers.Validate(context.BaseDefinition, merged, AnswerMode.Save, context.Frame);
        // Nothing valid changed (only refused values, or the same answers again): leave the stored draft alone,
        // so a post full of junk writes nothing at all.
        if (context.Open.Invitation.Status == InvitationStatus.Opened && SameAnswers(context.Open.Draft, validation.Answers)) return validation;
        var result = await fieldwork.SaveDraftAsync(context.Open, validation.Answers, cancellationToken);
        if (result == FieldworkResult.Conflict)
        {
            // Another tab saved meanwhile: take its state and apply this page on top, once.
            var fresh = await fieldwork.GetAsync(context.Open.Invitation.WaveId, context.Open.Invitation.InvitationId, cancellationToken);
            if (fresh is not null && fresh.Invitation.Status is InvitationStatus.Invited or InvitationStatus.Opened)
            {
                var again = SurveyAnswers.Validate(context.BaseDefinition, Merge(fresh.Draft, posted, itemsOnPage), AnswerMode.Save, context.Frame);
                await fieldwork.SaveDraftAsync(fresh, again.Answers, cancellationToken);
                return again;
            }
        }
        return validation;
    }

    /// <summary>
    /// Validates everything (draft plus this page) and completes the invitation exactly once. A second submit
    /// (double click, second tab, retry) finds it completed and is told so; it never creates a second response.
    /// </summary>
    public async Task<SubmitResult> SubmitAsync(SurveyContext context, IReadOnlyDictionary<string, IReadOnlyList<string>> posted, IReadOnlyCollection<string> itemsOnPage, string mode, CancellationToken cancellationToken)
    {
        var open = context.Open;
        for (var attempt = 0; attempt < 3; attempt++)
        {
            var validation = SurveyAnswers.Validate(context.BaseDefinition, Merge(open.Draft, posted, itemsOnPage), AnswerMode.Submit, context.Frame);
            if (!validation.IsValid) return new SubmitResult(SubmitOutcome.Invalid, validation);
            var invitation = open.Invitation;
            var response = new AnonymousResponse
            {
                WaveId = invitation.WaveId,
                Audience = invitation.Audience,
                DefinitionId = context.BaseDefinition.Id,
                DefinitionVersion = context.BaseDefinition.Version,
                Municipality = invitation.Municipality,
                CareType = invitation.CareType,
                AgeBand = invitation.AgeBand,
                Referrer = invitation.Referrer,
                DurationBand = invitation.DurationBand,
                StratumKey = invitation.StratumKey,
                Mode = mode,
                Language = context.Language,
                Answers = validation.Answers,
            };
            var result = await fieldwork.CompleteAsync(open, response, DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime), cancellationToken);
            if (result == FieldworkResult.Done) return new SubmitResult(SubmitOutcome.Completed);
            if (result == FieldworkResult.NotFound) return new SubmitResult(SubmitOutcome.Closed);

            var fresh = await fieldwork.GetAsync(invitation.WaveId, invitation.InvitationId, cancellationToken);
            if (fresh is null) return new SubmitResult(SubmitOutcome.Closed);
            if (fresh.Invitation.Status == InvitationStatus.Completed) return new SubmitResult(SubmitOutcome.AlreadyCompleted);
            if (fresh.Invitation.Status == InvitationStatus.Refused) return new SubmitResult(SubmitOutcome.Closed);
            open = fresh; // only a draft save or an "opened" mark came in between: try again with the fresh ETag
        }
        return new SubmitResult(SubmitOutcome.AlreadyCompleted);
    }

    /// <summary>"Ik wil niet meedoen": recorded as a refusal, excluded from reminders and from next year's sample.</summary>
    public async Task RefuseAsync(SurveyContext context, CancellationToken cancellationToken)
    {
        var invitation = context.Open.Invitation;
        await history.RecordOptOutAsync(secrets.ClientHash(invitation.ClientReference), invitation.WaveId, DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime), cancellationToken);
        var result = await fieldwork.RefuseAsync(context.Open, cancellationToken);
        if (result == FieldworkResult.Conflict)
        {
            var fresh = await fieldwork.GetAsync(invitation.WaveId, invitation.InvitationId, cancellationToken);
            if (fresh is { Invitation.Status: InvitationStatus.Invited or InvitationStatus.Opened })
                await fieldwork.RefuseAsync(fresh, cancellationToken);
        }
    }

    private static bool SameAnswers(IReadOnlyDictionary<string, IReadOnlyList<string>> stored, IReadOnlyDictionary<string, IReadOnlyList<string>> validated) =>
        stored.Count == validated.Count &&
        stored.All(a => validated.TryGetValue(a.Key, out var values) && values.SequenceEqual(a.Value, StringComparer.Ordinal));

    /// <summary>The draft with this page's items replaced by what was posted (an emptied field clears its answer).</summary>
    public static Dictionary<string, IReadOnlyList<string>> Merge(
        IReadOnlyDictionary<string, IReadOnlyList<string>> draft,
        IReadOnlyDictionary<string, IReadOnlyList<string>> posted,
        IReadOnlyCollection<string> itemsOnPage)
    {
        var merged = new Dictionary<string, IReadOnlyList<string>>(draft, StringComparer.Ordinal);
        foreach (var item in itemsOnPage) merged.Remove(item);
        foreach (var (item, values) in posted)
        {
            var kept = values.Where(v => !string.IsNullOrWhiteSpace(v)).ToList();
            if (kept.Count > 0) merged[item] = kept; else merged.Remove(item);
        }
        return merged;
    }
}
