using Ervaring.Core.Reports;
using Ervaring.Core.Waves;
using Ervaring.Functions.Timers;
using Ervaring.Storage.Aggregates;
using Ervaring.Storage.Waves;

namespace Ervaring.Functions.Reports;

/// <summary>Nightly: recompute the interim results ("tussenstand", officer only) of every wave in the field.</summary>
public sealed class InterimAggregates(WaveStore waves, WaveAggregation aggregation, ILogger<InterimAggregates> logger) : ITimerStep
{
    public string FunctionName => TimerFunctionNames.NightlyMaintenance;
    public string Name => "tussenstanden berekenen";

    public async Task<string> RunAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        var done = 0;
        var perWave = new PerWave(Name, logger, cancellationToken);
        foreach (var wave in (await perWave.WavesAsync(waves)).Where(w => w.State.Allows(WaveOperation.Answer)))
            await perWave.RunAsync(wave.Id, async () =>
            {
                if ((await aggregation.ComputeAsync(wave.Id, cancellationToken)).Succeeded) done++;
            });
        return perWave.Done($"{done} tussenstanden berekend");
    }
}

/// <summary>
/// Yearly-report timer: builds the report draft for every closed (and purged) wave that has none yet, or whose
/// draft is older than its close. Idempotent: a wave with a current draft is skipped.
/// </summary>
public sealed class ReportDrafts(WaveStore waves, WaveAggregation aggregation, ReportAggregateStore aggregates, ILogger<ReportDrafts> logger) : ITimerStep
{
    public string FunctionName => TimerFunctionNames.YearlyReport;
    public string Name => "rapportconcepten maken";

    public async Task<string> RunAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        var done = 0;
        var perWave = new PerWave(Name, logger, cancellationToken);
        foreach (var wave in (await perWave.WavesAsync(waves)).Where(w => w.State == WaveState.Closed && w.PurgedOn is not null))
            await perWave.RunAsync(wave.Id, async () =>
            {
                var draft = await aggregates.ReadAsync(wave.Id, AggregateStatus.Draft, cancellationToken);
                if (draft is not null && DateOnly.FromDateTime(draft.ComputedAt.UtcDateTime) >= wave.PurgedOn) return;
                if ((await aggregation.ComputeAsync(wave.Id, cancellationToken)).Succeeded) done++;
            });
        return perWave.Done($"{done} rapportconcepten gemaakt");
    }
}
