using System.Collections.Concurrent;
using Ervaring.Core.Surveys;
using Ervaring.Functions.Sampling;
using Ervaring.Storage;

namespace Ervaring.Functions.Survey;

/// <summary>
/// The questionnaire a wave actually uses: its snapshot in Blob Storage, parsed once and kept in memory
/// (snapshots never change, so the cache never goes stale).
/// </summary>
public sealed class WaveDefinitions(BlobDocuments documents)
{
    private readonly ConcurrentDictionary<(string WaveId, string Audience), SurveyDefinition> _cache = new();

    public async Task<SurveyDefinition?> GetAsync(string waveId, string audience, CancellationToken cancellationToken)
    {
        if (_cache.TryGetValue((waveId, audience), out var cached)) return cached;
        var name = SamplingService.DefinitionSnapshotName(waveId, audience);
        var bytes = await documents.ReadBytesAsync(StorageNames.Containers.Definitions, name, cancellationToken);
        if (bytes is null) return null;
        var definition = SurveyDefinitionLoader.Parse(System.Text.Encoding.UTF8.GetString(bytes), name);
        return _cache.GetOrAdd((waveId, audience), definition);
    }
}
