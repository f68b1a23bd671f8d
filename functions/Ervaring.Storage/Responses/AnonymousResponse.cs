namespace Ervaring.Storage.Responses;

/// <summary>
/// A completed questionnaire in the anonymous store (table <c>responses</c>, partition = wave id, row = a
/// random id). It carries no client reference, no token, no invitation id and no time: only the coarse
/// stratum attributes needed for weighting and reporting, how it was answered, and the answers.
/// </summary>
public sealed record AnonymousResponse
{
    public required string WaveId { get; init; }
    public required string Audience { get; init; }
    public required string DefinitionId { get; init; }
    public required int DefinitionVersion { get; init; }
    public required string Municipality { get; init; }
    public required string CareType { get; init; }
    public required string AgeBand { get; init; }
    public required string Referrer { get; init; }

    /// <summary>
    /// Duration-of-care band, only when the wave calibrates to duration (empty otherwise): a band of whole years,
    /// merged at sampling until it holds at least k clients of the municipality (docs/statistics.md, architecture.md).
    /// </summary>
    public string DurationBand { get; init; } = "";
    public required string StratumKey { get; init; }

    /// <summary>web, papier or telefoon.</summary>
    public required string Mode { get; init; }

    /// <summary>The language the questionnaire was answered in (nl, en, ar, …), so the officer sees who the translations reach.</summary>
    public string Language { get; init; } = "nl";

    /// <summary>Item id → answer codes (several for multiple choice; the text for open questions).</summary>
    public required IReadOnlyDictionary<string, IReadOnlyList<string>> Answers { get; init; }
}

public static class ResponseModes
{
    public const string Web = "web";
    public const string Paper = "papier";
    public const string Telephone = "telefoon";

    public static readonly IReadOnlyList<string> All = [Web, Paper, Telephone];
}
