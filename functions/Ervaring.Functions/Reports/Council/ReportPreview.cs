using Ervaring.Core.Reports;
using Ervaring.Core.Waves;
using Ervaring.Functions.Api;
using Ervaring.Storage.Aggregates;
using Ervaring.Storage.Reports;
using Ervaring.Storage.Waves;

namespace Ervaring.Functions.Reports.Council;

/// <summary>
/// The report as it would be published now — same composer, same renderer, same disclosure control — so the
/// beheerder sees the draft with its interpretations, actions and quotes before publishing. Nothing is written.
/// </summary>
public sealed class ReportPreview(WaveStore waves, ReportInputs inputs, ReportAggregateStore aggregates, ReportComposer composer,
    ReportRenderer renderer, ReportArchive archive, TimeProvider clock)
{
    public async Task<Outcome<byte[]>> HtmlAsync(string waveId, string? slug, CancellationToken cancellationToken)
    {
        var report = await ReportAsync(waveId, slug, cancellationToken);
        if (report.Problem is { } problem) return problem;
        return await renderer.HtmlAsync(report.Value!);
    }

    /// <summary>The draft report of one scope (by slug; else the first municipality's), as it would be published now.</summary>
    public async Task<Outcome<PublicReport>> ReportAsync(string waveId, string? slug, CancellationToken cancellationToken)
    {
        if (await waves.GetAsync(waveId, cancellationToken) is not { } stored) return Problem.NotFound($"Meting '{waveId}' bestaat niet.");
        if (stored.Wave.State.WhyNot(WaveOperation.PreviewReport) is { } notNow) return Problem.Conflict(notNow);
        if (await aggregates.ReadAsync(waveId, AggregateStatus.Draft, cancellationToken) is not { } draft)
            return Problem.Conflict("Er is nog geen rapportconcept. Maak eerst het concept.");
        if (await inputs.LoadAsync(stored.Wave, cancellationToken) is not { } input)
            return Problem.Conflict("De steekproefgegevens van deze meting ontbreken.");
        var reports = await composer.ComposeAsync(input, draft, clock.GetUtcNow(), null, async s =>
            (await archive.HighestVersionAsync(s, stored.Wave.Settings.Year, cancellationToken) + 1, []), cancellationToken);
        var report = reports.FirstOrDefault(r => r.Slug == slug) ?? reports.FirstOrDefault(r => !r.IsRegion) ?? reports.FirstOrDefault();
        if (report is null) return Problem.NotFound("Deze meting heeft geen rapport.");
        return report;
    }
}
