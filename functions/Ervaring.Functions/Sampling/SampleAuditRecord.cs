using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Serialization;
using Ervaring.Core.Sampling;

namespace Ervaring.Functions.Sampling;

/// <summary>
/// What an auditor needs to re-draw a sample, kept in the <c>audit</c> container: seed, offset, frame
/// fingerprint, the per-stratum counts, and the excluded clients as keyed hashes (so the same exclusions
/// apply on a re-draw even after the opt-out list has grown). No client reference is in it.
/// </summary>
public sealed record SampleAuditRecord
{
    public required string WaveId { get; init; }
    public required string SeedHex { get; init; }
    public double Offset { get; init; }
    public required string FrameFingerprint { get; init; }
    public required string SampleFingerprint { get; init; }
    public DateTimeOffset DrawnAt { get; init; }
    public required IReadOnlyList<StratumCount> Strata { get; init; }
    public required IReadOnlyList<DomainCount> Domains { get; init; }
    public required IReadOnlyList<string> ExcludedOptOutHashes { get; init; }
    public required IReadOnlyList<string> ExcludedRecentHashes { get; init; }

    /// <summary>
    /// A calibrating wave's frame counts per stratum and category of each calibration variable (counts only; the
    /// report's margins). Absent for a post-stratified wave, whose record stays as it was.
    /// </summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<CalibrationCount>? CalibrationCounts { get; init; }

    public static string BlobName(string waveId, DateTimeOffset drawnAt) => $"{waveId}/sample-{drawnAt:yyyyMMddTHHmmssfff}.json";

    /// <summary>SHA-256 over the sorted "stratum⇥reference" lines: equal iff the same clients landed in the same strata.</summary>
    public static string Fingerprint(SampleDraw draw) => Fingerprint(draw.Strata.SelectMany(s => s.Selected.Select(r => (s.Key, r))));

    /// <summary>The same fingerprint over (stratum, client reference) pairs, for instance those of the stored invitations; duplicates count once.</summary>
    public static string Fingerprint(IEnumerable<(string Stratum, string Client)> selected)
    {
        var lines = selected.Select(p => $"{p.Stratum}\t{p.Client}").Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal);
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(string.Join('\n', lines))));
    }
}

public sealed record StratumCount(string Key, string Domain, int PopulationSize, int ExcludedOptOut, int ExcludedRecentlySurveyed, int SampleSize)
{
    public static StratumCount From(StratumResult s) => new(s.Key, s.Domain, s.PopulationSize, s.ExcludedOptOut, s.ExcludedRecentlySurveyed, s.SampleSize);
}

public sealed record DomainCount(string Key, int PopulationSize, int Excluded, int NetSampleSize, int GrossSampleSize, int Selected, bool IsCensus)
{
    public static DomainCount From(DomainResult d) => new(d.Key, d.PopulationSize, d.Excluded, (int)Math.Ceiling(d.SampleSize.NetSize), d.SampleSize.GrossSize, d.Selected, d.IsCensus);
}
