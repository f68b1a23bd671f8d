using Ervaring.Core.Waves;
using Ervaring.Functions.Api;
using Ervaring.Functions.Fielding;
using Ervaring.Functions.Reports;

namespace Ervaring.Functions.Pages.Admin.Reporting;

/// <summary>The officer's dashboard of one wave: response per audience × stratum, the interim or draft results, what can be done next.</summary>
public sealed record DashboardModel(WaveRecord Wave, ProgressReport? Progress, ResultsResponse? Results, bool IsBeheerder)
{
    public Problem? Problem { get; init; }
    public string? Done { get; init; }
    public IReadOnlyList<PublishedVersion> Published { get; init; } = [];

    /// <summary>The versions public when the page was rendered (<see cref="ReportPublication.Seen"/>); the publish form sends it back.</summary>
    public string Seen { get; init; } = "";
    /// <summary>Not once published: a published report changes only through a new version, made from its own draft.</summary>
    public bool CanBuildDraft => IsBeheerder && Wave.State.Allows(WaveOperation.ComputeResults) && Wave.State != WaveState.Published;
    public bool CanPublish => IsBeheerder && Wave.State.Allows(WaveOperation.Publish) && Results?.Status == Core.Reports.AggregateStatus.Draft;
}
