using System.Text.Json;
using Ervaring.Storage.Reports;

namespace Ervaring.Functions.Reports;

/// <summary>Facts about one published version, written last so a version counts only when complete.</summary>
public sealed record VersionMeta(string Scope, string Slug, int Year, int Version, DateTimeOffset PublishedAt, string WaveId, string? Correction, int? Previous);

public static class VersionMetaReading
{
    /// <summary>The meta.json of one archived version, or null when that version is not (completely) written.</summary>
    public static async Task<VersionMeta?> ReadMetaAsync(this ReportArchive archive, string slug, int year, int version, CancellationToken cancellationToken) =>
        await archive.ReadAsync(ReportArchive.Name(slug, year, version, ReportArchive.Meta), cancellationToken) is { } bytes
            ? JsonSerializer.Deserialize<VersionMeta>(bytes, ReportComposer.Json)
            : null;
}
