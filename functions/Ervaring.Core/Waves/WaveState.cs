namespace Ervaring.Core.Waves;

/// <summary>The life of a wave (meting). Every move is explicit and logged.</summary>
public enum WaveState
{
    Draft,
    Sampled,
    Fielding,
    Closed,
    Published,
}

/// <summary>What an officer, a family or a timer does with a wave. Each is allowed in some states only.</summary>
public enum WaveOperation
{
    /// <summary>Upload a (new) sampling frame.</summary>
    ChangeFrame,
    /// <summary>Draw (or re-draw) the sample.</summary>
    DrawSample,
    /// <summary>Invitations exist: export the mail merge, compare them with the recorded draw.</summary>
    UseInvitations,
    /// <summary>Send the invitations: the move to "in veld".</summary>
    StartFielding,
    /// <summary>A family opens its link, saves or submits.</summary>
    Answer,
    /// <summary>Announce a reminder round.</summary>
    Remind,
    /// <summary>Move completed answers to the anonymous store (during fielding, and once more at close).</summary>
    MixResponses,
    /// <summary>End the fieldwork: the move to "gesloten".</summary>
    Close,
    /// <summary>Delete token links, client references and drafts once closed.</summary>
    Purge,
    /// <summary>Compute results: the interim during fielding, the report draft after it.</summary>
    ComputeResults,
    /// <summary>Look at the report draft as the council will see it.</summary>
    PreviewReport,
    /// <summary>Choose quotes from open answers for the report.</summary>
    SelectQuotes,
    /// <summary>Write the interpretation and the actions that go with the report.</summary>
    WriteReportText,
    /// <summary>Publish the report, or a corrected version of it.</summary>
    Publish,
    /// <summary>Record how the published actions are getting on.</summary>
    RecordFollowUp,
}

/// <summary>
/// The one state machine of a wave: its moves (checked by <c>WaveStore</c> on every ETag-guarded update) and, per
/// operation, the states it is allowed in with the Dutch sentence an officer gets otherwise. Nothing else in the
/// code decides by a wave's state whether something may happen.
/// </summary>
public static class WaveStates
{
    /// <summary>Dutch names, as the officer sees them.</summary>
    public static string Dutch(this WaveState state) => state switch
    {
        WaveState.Draft => "concept",
        WaveState.Sampled => "steekproef getrokken",
        WaveState.Fielding => "in veld",
        WaveState.Closed => "gesloten",
        WaveState.Published => "gepubliceerd",
        _ => state.ToString(),
    };

    private static readonly Dictionary<WaveState, WaveState[]> Moves = new()
    {
        // A new frame or a new draw is allowed until invitations go out.
        [WaveState.Draft] = [WaveState.Sampled],
        [WaveState.Sampled] = [WaveState.Sampled, WaveState.Fielding, WaveState.Draft],
        [WaveState.Fielding] = [WaveState.Closed],
        [WaveState.Closed] = [WaveState.Published],
        // A correction is a new published version: published stays published.
        [WaveState.Published] = [WaveState.Published],
    };

    private sealed record Rule(WaveState[] States, string? Refusal);

    // {0} in a refusal is the wave's current state in Dutch. A null refusal: the move's own sentence (WhyNot below).
    private static readonly Dictionary<WaveOperation, Rule> Operations = new()
    {
        [WaveOperation.ChangeFrame] = new([WaveState.Draft, WaveState.Sampled], "Een nieuw steekproefkader kan alleen vóór het veldwerk; deze meting is '{0}'."),
        [WaveOperation.DrawSample] = new([WaveState.Draft, WaveState.Sampled], "Trekken kan alleen vóór het veldwerk; deze meting is '{0}'."),
        [WaveOperation.UseInvitations] = new([WaveState.Sampled, WaveState.Fielding], "Uitnodigingen zijn er alleen tussen trekking en sluiting; deze meting is '{0}'."),
        [WaveOperation.StartFielding] = new([WaveState.Sampled], null),
        [WaveOperation.Answer] = new([WaveState.Fielding], "Deze vragenlijst is niet (meer) open; de meting is '{0}'."),
        [WaveOperation.Remind] = new([WaveState.Fielding], "Herinneringen zijn er alleen tijdens het veldwerk; deze meting is '{0}'."),
        [WaveOperation.MixResponses] = new([WaveState.Fielding, WaveState.Closed], "Antwoorden worden alleen tijdens en direct na het veldwerk verplaatst; deze meting is '{0}'."),
        [WaveOperation.Close] = new([WaveState.Fielding], null),
        [WaveOperation.Purge] = new([WaveState.Closed, WaveState.Published], "Persoonsgegevens worden gewist zodra het veldwerk gesloten is; deze meting is '{0}'."),
        [WaveOperation.ComputeResults] = new([WaveState.Fielding, WaveState.Closed, WaveState.Published], "Er zijn nog geen antwoorden: de meting is '{0}'."),
        [WaveOperation.PreviewReport] = new([WaveState.Closed, WaveState.Published], "Een concept van het rapport is er pas als het veldwerk gesloten is. Tijdens het veldwerk ziet u de tussenstand."),
        [WaveOperation.SelectQuotes] = new([WaveState.Closed, WaveState.Published], "Citaten kiest u als het veldwerk gesloten is."),
        [WaveOperation.WriteReportText] = new([WaveState.Closed, WaveState.Published], "Duiding en acties schrijft u als het veldwerk gesloten is; deze meting is '{0}'."),
        [WaveOperation.Publish] = new([WaveState.Closed, WaveState.Published], null),
        [WaveOperation.RecordFollowUp] = new([WaveState.Published], "Een stand geeft u bij de acties van een gepubliceerd rapport."),
    };

    /// <summary>Whether a wave may move from one state to another.</summary>
    public static bool CanMove(WaveState from, WaveState to) => Moves[from].Contains(to);

    /// <summary>Null when the move is allowed, else a Dutch sentence saying why not.</summary>
    public static string? WhyNot(WaveState from, WaveState to) => CanMove(from, to)
        ? null
        : $"Een meting met status '{from.Dutch()}' kan niet naar '{to.Dutch()}'. Toegestaan vanaf '{from.Dutch()}': {string.Join(", ", Moves[from].Select(s => $"'{s.Dutch()}'"))}.";

    /// <summary>Whether the operation is allowed for a wave in this state.</summary>
    public static bool Allows(this WaveState state, WaveOperation operation) => Operations[operation].States.Contains(state);

    /// <summary>Null when the operation is allowed in this state, else the Dutch sentence the officer gets.</summary>
    public static string? WhyNot(this WaveState state, WaveOperation operation)
    {
        if (state.Allows(operation)) return null;
        var rule = Operations[operation];
        return rule.Refusal is { } refusal
            ? string.Format(System.Globalization.CultureInfo.InvariantCulture, refusal, state.Dutch())
            : WhyNot(state, MoveOf(operation));
    }

    private static WaveState MoveOf(WaveOperation operation) => operation switch
    {
        WaveOperation.StartFielding => WaveState.Fielding,
        WaveOperation.Close => WaveState.Closed,
        WaveOperation.Publish => WaveState.Published,
        _ => throw new ArgumentOutOfRangeException(nameof(operation), operation, "Geen statusovergang."),
    };
}
