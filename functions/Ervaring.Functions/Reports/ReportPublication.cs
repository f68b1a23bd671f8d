using System.Text.Json;
using Ervaring.Core.Reports;
using Ervaring.Core.Waves;
using Ervaring.Functions.Api;
using Ervaring.Storage.Aggregates;
using Ervaring.Storage.Reports;
using Ervaring.Storage.Waves;

namespace Ervaring.Functions.Reports;

public sealed record PublishedVersion(string Scope, string Slug, int Year, int Version, string Url);

/// <summary>
/// Publishes a closed wave: builds the report draft when there is none, composes the public reports, renders
/// HTML, CSV and JSON and writes them as a new immutable version per municipality (and region); then moves the
/// wave to "gepubliceerd". Publishing again (a correction) writes the next version, which names what changed and
/// links the earlier ones; earlier versions are never touched.
/// </summary>
public sealed class ReportPublication(
    WaveStore waves, ReportInputs inputs, WaveAggregation aggregation, ReportAggregateStore aggregates, ReportComposer composer,
    ReportRenderer renderer, ReportArchive archive, TimeProvider clock)
{
    public async Task<Outcome<IReadOnlyList<PublishedVersion>>> PublishAsync(string waveId, string? correction, string actor, CancellationToken cancellationToken)
    {
        if (await waves.GetAsync(waveId, cancellationToken) is not { } stored) return Problem.NotFound($"Meting '{waveId}' bestaat niet.");
        if (stored.Wave.State is not (WaveState.Closed or WaveState.Published))
            return Problem.Conflict(WaveStates.WhyNot(stored.Wave.State, WaveState.Published)!);
        if (stored.Wave.PurgedOn is null)
            return Problem.Conflict("De meting is nog niet helemaal afgesloten (koppelingen worden nog verwijderd). Probeer het straks opnieuw.");
        if (correction is { Length: > 1000 }) return Problem.BadRequest("Beschrijf de correctie in hoogstens 1000 tekens.");

        var draft = await aggregates.ReadAsync(waveId, AggregateStatus.Draft, cancellationToken);
        if (draft is null)
        {
            var computed = await aggregation.ComputeAsync(waveId, cancellationToken);
            if (computed.Problem is { } problem) return problem;
            draft = computed.Value!;
        }
        if (await inputs.LoadAsync(stored.Wave, cancellationToken) is not { } input)
            return Problem.Conflict("De steekproefgegevens van deze meting ontbreken.");

        var now = clock.GetUtcNow();
        for (var attempt = 0; attempt < 5; attempt++)
        {
            var reports = await composer.ComposeAsync(input, draft, now, string.IsNullOrWhiteSpace(correction) ? null : correction.Trim(), VersionOfAsync, cancellationToken);
            var written = new List<PublishedVersion>();
            var lost = false;
            foreach (var report in reports)
            {
                if (!await WriteAsync(report, cancellationToken)) { lost = true; break; }
                written.Add(new PublishedVersion(report.Scope, report.Slug, report.Year, report.Version, $"/raad/{report.Slug}/{report.Year}/v/{report.Version}"));
            }
            if (lost) continue; // someone published the same version number at the same moment: take the next number
            if (stored.Wave.State == WaveState.Closed)
                await waves.UpdateAsync(stored, stored.Wave with { State = WaveState.Published }, actor, "rapport gepubliceerd", cancellationToken);
            else
                await waves.UpdateAsync(stored, stored.Wave, actor, $"nieuwe versie van het rapport gepubliceerd{(correction is null ? "" : " (correctie)")}", cancellationToken);
            return written;
        }
        return Problem.Conflict("Er werd tegelijk een andere versie gepubliceerd. Probeer het opnieuw.");

        async Task<(int, IReadOnlyList<PublicVersionLink>)> VersionOfAsync(string slug)
        {
            var year = stored.Wave.Settings.Year;
            var next = await archive.HighestVersionAsync(slug, year, cancellationToken) + 1;
            var earlier = new List<PublicVersionLink>();
            foreach (var v in (await archive.ListAsync(slug, cancellationToken)).Where(v => v.Year == year).OrderByDescending(v => v.Version))
                if (await archive.ReadMetaAsync(slug, year, v.Version, cancellationToken) is { } meta)
                    earlier.Add(new PublicVersionLink(meta.Version, meta.PublishedAt, meta.Correction));
            return (next, earlier);
        }
    }

    /// <summary>HTML, CSV and JSON first, meta.json last; false when the version number was taken meanwhile.</summary>
    private async Task<bool> WriteAsync(PublicReport report, CancellationToken cancellationToken)
    {
        string Name(string file) => ReportArchive.Name(report.Slug, report.Year, report.Version, file);
        if (!await archive.TryCreateAsync(Name(ReportArchive.Html), await renderer.HtmlAsync(report), "text/html; charset=utf-8", cancellationToken)) return false;
        await archive.TryCreateAsync(Name(ReportArchive.Csv), OpenData.Csv(report), "text/csv; charset=utf-8", cancellationToken);
        await archive.TryCreateAsync(Name(ReportArchive.Json), OpenData.Json(report), "application/json; charset=utf-8", cancellationToken);
        var meta = new VersionMeta(report.Scope, report.Slug, report.Year, report.Version, report.PublishedAt, report.WaveId, report.Correction,
            report.EarlierVersions.Count == 0 ? null : report.EarlierVersions.Max(v => v.Version));
        await archive.TryCreateAsync(Name(ReportArchive.Meta), JsonSerializer.SerializeToUtf8Bytes(meta, ReportComposer.Json), "application/json; charset=utf-8", cancellationToken);
        return true;
    }
}
