using Ervaring.Storage.Invitations;
using Ervaring.Storage.Responses;

namespace Ervaring.Functions.Fielding;

/// <summary>
/// How many completed questionnaires of a wave were answered in each language, for the officer's wave page: the
/// anonymous store plus the completions still waiting to be mixed in (a completion being moved right now is counted
/// once, by its move id). Only counts leave this class, never a response.
/// </summary>
public sealed class ResponseLanguages(ResponseStore responses, Fieldwork fieldwork)
{
    public async Task<IReadOnlyList<(string Language, int Count)>> CountAsync(string waveId, CancellationToken cancellationToken)
    {
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        var stored = new HashSet<string>(StringComparer.Ordinal);
        await foreach (var (rowKey, response) in responses.ListKeyedAsync(waveId, cancellationToken))
        {
            stored.Add(rowKey);
            counts[response.Language] = counts.GetValueOrDefault(response.Language) + 1;
        }
        foreach (var pending in await fieldwork.PendingAsync(waveId, cancellationToken))
            if (!stored.Contains(pending.MoveId))
                counts[pending.Response.Language] = counts.GetValueOrDefault(pending.Response.Language) + 1;
        return counts.OrderByDescending(c => c.Value).ThenBy(c => c.Key, StringComparer.Ordinal).Select(c => (c.Key, c.Value)).ToList();
    }
}
