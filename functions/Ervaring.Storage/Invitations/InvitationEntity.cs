namespace Ervaring.Storage.Invitations;

/// <summary>Where an invitation stands. Stored as these Dutch words.</summary>
public static class InvitationStatus
{
    public const string Invited = "uitgenodigd";
    public const string Opened = "geopend";
    public const string Completed = "voltooid";
    public const string Refused = "geweigerd";
}

/// <summary>
/// One invitation during fielding (table <c>invitations</c>, partition = wave id, row = invitation id).
/// This is the only place a client reference meets a token (through the derivation key); the whole entity
/// is deleted at close. Stratum attributes are coarse (age band, not age or birth year).
/// </summary>
public sealed record InvitationRecord
{
    public required string WaveId { get; init; }
    public required string InvitationId { get; init; }
    public required string ClientReference { get; init; }
    public required string Audience { get; init; }
    public required string Municipality { get; init; }
    public required string CareType { get; init; }
    public required string AgeBand { get; init; }

    /// <summary>
    /// Only whether the child is under 16, 16–17 or 18 and older (RespondentFrame.AgeGroups), for questions about
    /// turning 18; null for invitations made before it was kept. Like the rest of this entity it is deleted at close
    /// and never copied into a response.
    /// </summary>
    public string? AgeGroup { get; init; }
    public required string Referrer { get; init; }

    /// <summary>Duration-of-care band ("0-1", "1plus" …) when the wave calibrates to duration; otherwise empty (docs/statistics.md).</summary>
    public string DurationBand { get; init; } = "";
    public required string StratumKey { get; init; }
    public required string LinkHash { get; init; }
    public required string CodeHash { get; init; }
    public string Status { get; init; } = InvitationStatus.Invited;

    /// <summary>
    /// The day (UTC, no time) the questionnaire was completed, for the fieldwork dashboard's response over time. It
    /// lives only here, is deleted with the invitation at close, and is never copied to the anonymous response: only
    /// counts per day and stratum are kept (<c>FieldworkCount.CompletedPerDay</c>). Null before completion, and for
    /// completions stored before days were recorded.
    /// </summary>
    public DateOnly? CompletedOn { get; init; }
}
