namespace Ervaring.Core.Waves;

/// <summary>Everything stored about a wave. Personal data never lives here: only counts, fingerprints and settings.</summary>
public sealed record WaveRecord
{
    public required string Id { get; init; }
    public required WaveSettings Settings { get; init; }
    public WaveState State { get; init; } = WaveState.Draft;

    /// <summary>Questionnaire version per audience, fixed when the wave is created.</summary>
    public required IReadOnlyDictionary<string, DefinitionRef> Definitions { get; init; }

    public DateTimeOffset CreatedAt { get; init; }
    public FrameInfo? Frame { get; init; }
    public SampleInfo? Sample { get; init; }

    /// <summary>When fielding started (invitations handed over); reminders count days from here.</summary>
    public DateOnly? FieldingStartedOn { get; init; }

    /// <summary>
    /// Why the fieldwork started before its planned day (<see cref="WaveSettings.FieldStart"/>), as the officer gave it on
    /// the confirmation page; null when it started on or after that day. For the audit trail, not published.
    /// </summary>
    public string? EarlyStartReason { get; init; }
    public DateOnly? ClosedOn { get; init; }

    /// <summary>
    /// The fieldwork as it really ran: from the day it started (else the planned start) to the last day answers could
    /// come in — the planned end, or the day it was closed when that was earlier. The report's methodology shows this.
    /// </summary>
    public (DateOnly Start, DateOnly End) ActualFieldPeriod =>
        (FieldingStartedOn ?? Settings.FieldStart, ClosedOn is { } closed && closed < Settings.FieldEnd ? closed : Settings.FieldEnd);

    /// <summary>Fieldwork counts were frozen at close (before the invitations they come from were deleted).</summary>
    public bool FieldworkCountsFrozen { get; init; }

    /// <summary>When the token↔client links and drafts were deleted after close (null: not yet, or not closed).</summary>
    public DateOnly? PurgedOn { get; init; }

    /// <summary>Reminder rounds (1-based) whose lists have been announced to the officer.</summary>
    public IReadOnlyList<int> RemindersAnnounced { get; init; } = [];

    /// <summary>
    /// A step that is under way (a draw, a frame import, a publication), claimed with the wave's ETag before its
    /// work starts, so a second request for the same step is told so instead of doing it again. Null when idle.
    /// </summary>
    public WaveClaim? Claim { get; init; }

    /// <summary>Display name: the officer's, or one made from region/municipality and year.</summary>
    public string DisplayName => Settings.Name is { Length: > 0 } name
        ? name
        : $"Cliëntervaringsonderzoek jeugd {Settings.Year} {Settings.Region ?? string.Join(", ", Settings.Municipalities)}{(Settings.Supplementary ? " (aanvullende meting)" : "")}";
}

/// <summary>A step under way on a wave: what (in Dutch, as the officer reads it), a random id, since when and by whom.</summary>
public sealed record WaveClaim(string Step, string Id, DateTimeOffset Since, string Actor)
{
    /// <summary>A claim older than this belongs to a run that crashed; the next request may take it over and finish the step.</summary>
    public static readonly TimeSpan StaleAfter = TimeSpan.FromMinutes(15);

    public bool IsStale(DateTimeOffset now) => now - Since > StaleAfter;
}

public sealed record DefinitionRef(string Id, int Version);

/// <summary>The imported frame: where its raw bytes are and what they held.</summary>
public sealed record FrameInfo
{
    public required string Fingerprint { get; init; }
    public required string BlobName { get; init; }
    public int DataRows { get; init; }
    public int Accepted { get; init; }
    public int Rejected { get; init; }

    /// <summary>The officer accepted dropping the rejected rows (recorded for the audit trail).</summary>
    public bool DroppedInvalid { get; init; }
    public DateTimeOffset ImportedAt { get; init; }

    /// <summary>Set at sampling: the raw upload is deleted after this date.</summary>
    public DateOnly? RetainUntil { get; init; }
    public bool RawDeleted { get; init; }
}

/// <summary>The drawn sample, recorded so an auditor can re-draw it.</summary>
public sealed record SampleInfo
{
    public required string SeedHex { get; init; }
    public double Offset { get; init; }
    public required string SampleFingerprint { get; init; }
    public int Clients { get; init; }
    public int Invitations { get; init; }
    public DateTimeOffset DrawnAt { get; init; }

    /// <summary>Blob in the audit container with the per-stratum record and the excluded-client hashes.</summary>
    public required string AuditBlob { get; init; }
}
