using Ervaring.Core.Waves;
using Ervaring.Functions.Api;
using Ervaring.Storage.Aggregates;
using Ervaring.Storage.Invitations;
using Ervaring.Storage.Waves;

namespace Ervaring.Functions.Fielding;

public sealed record ProgressReport(string WaveId, WaveState State, int Invited, int Opened, int Completed, int Refused, double ResponseRate, IReadOnlyList<FieldworkCount> Strata);

/// <summary>
/// Invited / opened / completed / refused per audience and stratum: counted live from the invitations during
/// fielding, read from the counts frozen at close afterwards.
/// </summary>
public sealed class FieldworkProgress(WaveStore waves, InvitationStore invitations, FieldworkCountStore frozen)
{
    public async Task<Outcome<ProgressReport>> ReportAsync(string waveId, CancellationToken cancellationToken)
    {
        if (await waves.GetAsync(waveId, cancellationToken) is not { } stored) return Problem.NotFound($"Meting '{waveId}' bestaat niet.");
        var wave = stored.Wave;
        var counts = wave.PurgedOn is not null || wave.State == WaveState.Published
            ? await frozen.ReadAsync(waveId, cancellationToken)
            : await CountLiveAsync(waveId, cancellationToken);
        var invited = counts.Sum(c => c.Invited);
        var completed = counts.Sum(c => c.Completed);
        return new ProgressReport(waveId, wave.State, invited, counts.Sum(c => c.Opened), completed, counts.Sum(c => c.Refused),
            invited == 0 ? 0 : (double)completed / invited,
            counts.OrderBy(c => c.Audience, StringComparer.Ordinal).ThenBy(c => c.StratumKey, Core.Sampling.AgeBandOrder.Instance).ToList());
    }

    /// <summary>
    /// Counts from the invitations themselves. "Opened" includes those who went on to complete or refuse. Completions
    /// are also counted per day they were completed (the dashboard's response over time), never listed one by one.
    /// </summary>
    public async Task<IReadOnlyList<FieldworkCount>> CountLiveAsync(string waveId, CancellationToken cancellationToken)
    {
        var counts = new Dictionary<(string, string), FieldworkCount>();
        var perDay = new Dictionary<(string, string), Dictionary<DateOnly, int>>();
        await foreach (var i in invitations.ListAsync(waveId, cancellationToken))
        {
            var key = (i.Audience, i.StratumKey);
            var c = counts.GetValueOrDefault(key) ?? new FieldworkCount(i.Audience, i.StratumKey, i.Municipality, i.CareType, i.AgeBand, 0, 0, 0, 0);
            counts[key] = c with
            {
                Invited = c.Invited + 1,
                Opened = c.Opened + (i.Status == InvitationStatus.Invited ? 0 : 1),
                Completed = c.Completed + (i.Status == InvitationStatus.Completed ? 1 : 0),
                Refused = c.Refused + (i.Status == InvitationStatus.Refused ? 1 : 0),
            };
            if (i.Status != InvitationStatus.Completed || i.CompletedOn is not { } day) continue;
            var days = perDay.TryGetValue(key, out var found) ? found : perDay[key] = [];
            days[day] = days.GetValueOrDefault(day) + 1;
        }
        return counts.Select(c => c.Value with { CompletedPerDay = perDay.GetValueOrDefault(c.Key) ?? [] }).ToList();
    }
}
