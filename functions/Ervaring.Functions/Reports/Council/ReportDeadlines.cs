using Ervaring.Core.Reports;
using Ervaring.Core.Waves;
using Ervaring.Functions.Pages.Shared;
using Ervaring.Functions.Security;
using Ervaring.Storage.Aggregates;
using Ervaring.Storage.Council;
using Ervaring.Storage.Reports;
using Ervaring.Storage.Waves;

namespace Ervaring.Functions.Reports.Council;

/// <summary>
/// Where the cycle of one municipality and year stands against the legal deadline (1 July of the next year).
/// <see cref="PublishedOn"/> is the Dutch date of the report's first version; corrections do not move it.
/// </summary>
public sealed record DeadlineRow(string WaveId, string Municipality, int Year, string Stage, DateOnly Deadline, int DaysLeft, bool Done, DateOnly? PublishedOn = null)
{
    public bool PublishedLate => PublishedOn > Deadline;
}

/// <summary>An action in a published report that has no status yet (the next report would show "nog geen stand bekend").</summary>
public sealed record PendingFollowUp(string WaveId, string Scope, int Year, string ActionId, string What, DateOnly Due);

/// <param name="Gaps">Years without a survey of the officer's municipalities (issue 14), with the reason when given.</param>
public sealed record DeadlineOverview(DateOnly Today, IReadOnlyList<DeadlineRow> Rows, IReadOnlyList<PendingFollowUp> PendingFollowUps)
{
    public IReadOnlyList<Ervaring.Core.Reports.Yardstick.ReportYearStatus> Gaps { get; init; } = [];

    /// <summary>The municipalities the officer covers, each with its page of targets and years (issue 14).</summary>
    public IReadOnlyList<string> Municipalities { get; init; } = [];
}

/// <summary>
/// The Jeugdwet asks for publication before 1 July of the year after the survey year. Per municipality and year:
/// stage (in voorbereiding, steekproef getrokken, in veld, gesloten, rapportconcept, gepubliceerd), days left or late; and every action of a
/// published report that still needs a status before the next report.
/// </summary>
public sealed class ReportDeadlines(WaveStore waves, ReportAggregateStore aggregates, CouncilNotesStore notes, ReportArchive archive, TimeProvider clock,
    Yardstick.YardstickService yardstick)
{
    public static DateOnly DeadlineFor(int year) => new(year + 1, 7, 1);

    /// <summary>The rows and pending follow-ups of the waves the officer may see (all of whose municipalities are theirs).</summary>
    public async Task<DeadlineOverview> ReadAsync(OfficerScope scope, CancellationToken cancellationToken)
    {
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        var rows = new List<DeadlineRow>();
        var pending = new List<PendingFollowUp>();
        foreach (var wave in (await waves.ListAsync(cancellationToken)).Where(scope.Covers))
        {
            // Not WaveState.Dutch(): there "concept" means a wave not yet sampled, here it must mean the report draft.
            var stage = wave.State switch
            {
                WaveState.Draft => "in voorbereiding",
                WaveState.Sampled => "steekproef getrokken",
                WaveState.Fielding => "in veld",
                WaveState.Closed when await aggregates.ReadAsync(wave.Id, AggregateStatus.Draft, cancellationToken) is not null => "rapportconcept",
                WaveState.Closed => "gesloten",
                _ => "gepubliceerd",
            };
            var deadline = DeadlineFor(wave.Settings.Year);
            foreach (var municipality in wave.Settings.Municipalities)
            {
                var publishedOn = wave.State == WaveState.Published ? await FirstPublishedOnAsync(ReportComposer.SlugOf(wave, municipality), wave.Settings.Year, cancellationToken) : null;
                rows.Add(new DeadlineRow(wave.Id, municipality, wave.Settings.Year, stage, deadline, deadline.DayNumber - today.DayNumber, wave.State == WaveState.Published, publishedOn));
            }
            if (wave.State != WaveState.Published) continue;
            var mine = await notes.ReadAsync(wave.Id, cancellationToken);
            var answered = mine.FollowUps.Select(f => f.ActionId).ToHashSet(StringComparer.Ordinal);
            pending.AddRange(mine.Actions.Where(a => !answered.Contains(a.Id)).Select(a => new PendingFollowUp(wave.Id, a.Scope, wave.Settings.Year, a.Id, a.What, a.Due)));
        }
        return new DeadlineOverview(today,
            rows.OrderByDescending(r => r.Year).ThenBy(r => r.Municipality, StringComparer.Ordinal).ToList(),
            pending.OrderBy(p => p.Year).ThenBy(p => p.Scope, StringComparer.Ordinal).ToList())
        { Gaps = await GapsAsync(scope, cancellationToken), Municipalities = await yardstick.MunicipalitiesAsync(scope, cancellationToken) };
    }

    /// <summary>Every year without a survey of the municipalities the officer covers.</summary>
    private async Task<List<Ervaring.Core.Reports.Yardstick.ReportYearStatus>> GapsAsync(OfficerScope scope, CancellationToken cancellationToken)
    {
        var gaps = new List<Ervaring.Core.Reports.Yardstick.ReportYearStatus>();
        foreach (var municipality in await yardstick.MunicipalitiesAsync(scope, cancellationToken))
            gaps.AddRange((await yardstick.YearsAsync(municipality, cancellationToken)).Where(y => y.Status == Ervaring.Core.Reports.Yardstick.ReportYears.NoSurvey));
        return gaps.OrderByDescending(g => g.Year).ThenBy(g => g.Municipality, StringComparer.Ordinal).ToList();
    }

    /// <summary>The publication date of version 1 of the municipality's report for that year, from its meta.json.</summary>
    private async Task<DateOnly?> FirstPublishedOnAsync(string slug, int year, CancellationToken cancellationToken)
    {
        var versions = (await archive.ListAsync(slug, cancellationToken)).Where(v => v.Year == year).ToList();
        if (versions.Count == 0) return null;
        return await archive.ReadMetaAsync(slug, year, versions.Min(v => v.Version), cancellationToken) is { } meta ? Format.DutchDate(meta.PublishedAt) : null;
    }
}
