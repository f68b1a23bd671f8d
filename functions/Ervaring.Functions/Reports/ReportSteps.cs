using Ervaring.Core.Reports;
using Ervaring.Core.Waves;
using Ervaring.Functions.Timers;
using Ervaring.Storage.Aggregates;
using Ervaring.Storage.Waves;

namespace Ervaring.Functions.Reports;

/// <summary>Nightly: recompute the interim results ("tussenstand", officer only) of every wave in the field.</summary>
public sealed class InterimAggregates(WaveStore waves, WaveAggregation aggregation) : ITimerStep
{
    public string FunctionName => TimerFunctionNames.NightlyMaintenance;
    public string Name => "tussenstanden berekenen";

    public async Task<string> RunAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        var done = 0;
        foreach (var wave in (await waves.ListAsync(cancellationToken)).Where(w => w.State == WaveState.Fielding))
            if ((await aggregation.ComputeAsync(wave.Id, cancellationToken)).Succeeded) done++;
        return $"{done} tussenstanden berekend";
    }
}

/// <summary>
/// Yearly-report timer: builds the report draft for every closed (and purged) wave that has none yet, or whose
/// draft is older than its close. Idempotent: a wave with a current draft is skipped.
/// </summary>
public sealed class ReportDrafts(WaveStore waves, WaveAggregation aggregation, ReportAggregateStore aggregates) : ITimerStep
{
    public string FunctionName => TimerFunctionNames.YearlyReport;
    public string Name => "rapportconcepten maken";

    public async Task<string> RunAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        var done = 0;
        foreach (var wave in (await waves.ListAsync(cancellationToken)).Where(w => w.State == WaveState.Closed && w.PurgedOn is not null))
        {
            var draft = await aggregates.ReadAsync(wave.Id, AggregateStatus.Draft, cancellationToken);
            if (draft is not null && DateOnly.FromDateTime(draft.ComputedAt.UtcDateTime) >= wave.PurgedOn) continue;
            if ((await aggregation.ComputeAsync(wave.Id, cancellationToken)).Succeeded) done++;
        }
        return $"{done} rapportconcepten gemaakt";
    }
}
