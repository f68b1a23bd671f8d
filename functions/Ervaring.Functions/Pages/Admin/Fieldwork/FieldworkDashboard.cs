using Ervaring.Core.Reports.Fieldwork;
using Ervaring.Core.Waves;
using Ervaring.Functions.Fielding;
using Ervaring.Functions.Reports;
using Ervaring.Storage.Waves;

namespace Ervaring.Functions.Pages.Admin.Fieldwork;

/// <summary>A reminder round still to come: its number and the day its list can be downloaded.</summary>
public sealed record NextRound(int Number, DateOnly Due);

/// <summary>
/// What the fieldwork dashboard shows: the course day by day (response, R-indicator and partials, from
/// <see cref="FieldworkCourse"/>), the advice for the next reminder round (<see cref="ReminderAdvice"/>), and the
/// wave's k, below which a group is not shown. Only counts: no invitation, no family.
/// </summary>
public sealed record FieldworkDashboardModel(WaveRecord Wave, IReadOnlyList<CourseDay> Course, IReadOnlyList<ReminderAdviceRow> Advice, NextRound? Next, int Undated, bool IsBeheerder)
{
    public int K => Wave.Settings.SuppressionThreshold;

    /// <summary>Advice is for a fieldwork that can still be steered.</summary>
    public bool Steerable => Wave.State == WaveState.Fielding;

    /// <summary>The municipality × audience lines shown: those with at least k invited (smaller ones would point at families).</summary>
    public IReadOnlyList<(string Municipality, string Audience)> Groups => Course.Count == 0 ? [] :
        Course[^1].Response.Where(r => r.Invited >= K).Select(r => (r.Municipality, r.Audience)).ToList();

    public int HiddenGroups => Course.Count == 0 ? 0 : Course[^1].Response.Count(r => r.Invited < K);
}

/// <summary>Loads a wave's fieldwork (live during fielding, frozen after close) and turns it into the dashboard.</summary>
public sealed class FieldworkDashboard(WaveStore waves, FieldworkProgress progress, ReportInputs inputs, TimeProvider clock)
{
    public async Task<FieldworkDashboardModel?> LoadAsync(string waveId, bool isBeheerder, CancellationToken cancellationToken)
    {
        if (await waves.GetAsync(waveId, cancellationToken) is not { } stored) return null;
        var wave = stored.Wave;
        var empty = new FieldworkDashboardModel(wave, [], [], null, 0, isBeheerder);
        if (wave.FieldingStartedOn is not { } first) return empty;
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        var last = wave.ClosedOn ?? today;
        if (last < first) last = first;

        var report = await progress.ReportAsync(waveId, cancellationToken);
        var design = await inputs.LoadAsync(wave, cancellationToken);
        if (report.Value is not { } counts || design is null) return empty;
        var strata = counts.Strata.Select(c =>
        {
            var dated = c.CompletedPerDay.Where(d => d.Key <= last).ToDictionary(d => d.Key, d => d.Value);
            return new StratumCourse(c.Audience, c.StratumKey, c.Municipality, c.CareType, c.AgeBand, c.Invited, dated, c.Completed - dated.Values.Sum());
        }).ToList();
        var course = FieldworkCourse.Compute(design.Design, strata, first, last);
        var advice = ReminderAdvice.For(course[^1].Representativeness, course[^1].Tallies, wave.Settings.SuppressionThreshold);
        var next = wave.Settings.ReminderDays.Select((days, i) => new NextRound(i + 1, first.AddDays(days))).FirstOrDefault(r => r.Due > today);
        return new FieldworkDashboardModel(wave, course, advice, next, strata.Sum(s => s.CompletedUndated), isBeheerder);
    }
}
