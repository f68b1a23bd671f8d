using Ervaring.Core.Waves;
using Ervaring.Functions.Api;
using Ervaring.Functions.Sampling;
using Ervaring.Storage;
using Ervaring.Storage.Aggregates;
using Ervaring.Storage.Waves;

namespace Ervaring.Functions.Pages.Admin;

/// <summary>Everything the wave page shows: the stored wave plus the outcome of the action just taken.</summary>
public sealed record WavePageModel(WaveRecord Wave, IReadOnlyList<WaveEvent> Events)
{
    /// <summary>The result of a frame upload; only right after the upload (it is not stored).</summary>
    public FrameImportReport? Import { get; init; }

    /// <summary>Why the last action failed, in Dutch.</summary>
    public Problem? Problem { get; init; }

    /// <summary>Sample size per municipality if drawn now (null when there is no frame to draw from).</summary>
    public IReadOnlyList<DomainCount>? Preview { get; init; }

    /// <summary>The recorded draw: per stratum N_h, exclusions and n_h.</summary>
    public SampleAuditRecord? Audit { get; init; }

    public VerificationReport? Verification { get; init; }

    /// <summary>A short success message after a redirect ("the sample was drawn").</summary>
    public string? Done { get; init; }

    /// <summary>Rejected rows of a refused frame, as the sampling service reported them.</summary>
    public IReadOnlyList<RowProblem> RejectedRows =>
        Problem?.Extensions?.TryGetValue("errors", out var rows) == true && rows is IReadOnlyList<RowProblem> list ? list : Import?.RejectedRows ?? [];

    public int? RejectedRowCount =>
        Problem?.Extensions?.TryGetValue("rejectedRows", out var count) == true && count is int n ? n : Import?.Rejected;

    public bool CanChangeFrame => Wave.State.Allows(WaveOperation.ChangeFrame);
    public bool CanDraw => CanChangeFrame && Wave.Frame is { RawDeleted: false };
    public bool HasInvitations => Wave.State.Allows(WaveOperation.UseInvitations);

    /// <summary>Whether a report draft has been computed (the cycle's "rapport" step is then done).</summary>
    public bool HasDraft { get; init; }

    /// <summary>Live counts during fielding, for the reminder rounds' sizes; null in other states.</summary>
    public Fielding.ProgressReport? Progress { get; init; }

    /// <summary>Completed questionnaires per language (from fielding on); null before.</summary>
    public IReadOnlyList<(string Language, int Count)>? ResponsesPerLanguage { get; init; }

    public int CurrentStep => CycleSteps.Current(Wave, HasDraft);
}

/// <summary>
/// Reads what the wave page needs from the existing services and stores; it computes nothing itself.
/// The preview re-reads the frame, as the API's preview does.
/// </summary>
public sealed class WavePageLoader(WaveStore waves, SamplingService sampling, BlobDocuments documents, ReportAggregateStore aggregates, Fielding.FieldworkProgress progress,
    Fielding.ResponseLanguages languages)
{
    public async Task<WavePageModel?> LoadAsync(string waveId, CancellationToken cancellationToken)
    {
        if (await waves.GetAsync(waveId, cancellationToken) is not { } stored) return null;
        var wave = stored.Wave;
        var events = await waves.EventsAsync(waveId, cancellationToken);
        var model = new WavePageModel(wave, events);
        if (model.CanDraw)
        {
            var preview = await sampling.PreviewAsync(waveId, cancellationToken);
            model = model with { Preview = preview.Value };
        }
        if (wave.Sample is not null)
        {
            var audit = await documents.ReadJsonAsync<SampleAuditRecord>(StorageNames.Containers.Audit, wave.Sample.AuditBlob, cancellationToken);
            model = model with { Audit = audit };
        }
        if (wave.State == WaveState.Fielding)
            model = model with { Progress = (await progress.ReportAsync(waveId, cancellationToken)).Value };
        if (wave.State is WaveState.Fielding or WaveState.Closed or WaveState.Published)
            model = model with { ResponsesPerLanguage = await languages.CountAsync(waveId, cancellationToken) };
        if (wave.State is WaveState.Closed or WaveState.Published)
            model = model with { HasDraft = await aggregates.ReadAsync(waveId, Core.Reports.AggregateStatus.Draft, cancellationToken) is not null };
        return model;
    }
}
