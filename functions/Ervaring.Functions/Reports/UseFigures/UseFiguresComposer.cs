using Ervaring.Core.Reports;
using Ervaring.Core.Reports.UseFigures;
using Ervaring.Core.Waves;
using Ervaring.Storage;
using Ervaring.Storage.UseFigures;
using Ervaring.Storage.Waves;

namespace Ervaring.Functions.Reports.UseFigures;

/// <summary>
/// Adds the use figures to a composed report (issue 14, point 3): this wave's, and one earlier year each from the
/// scope's earlier waves, each after disclosure control with the report's k. A municipality's report takes its own
/// scope from every wave it was part of; a region report the whole-wave scope of the region's waves with more than
/// one municipality; a supplementary report only its own wave. Only counts stored at the draw are read, never a frame.
/// </summary>
public sealed class UseFiguresComposer(WaveStore waves, BlobDocuments documents)
{
    public async Task<PublicReport> AttachAsync(PublicReport report, int k, CancellationToken cancellationToken)
    {
        var result = new List<PublicUseFigures>();
        if (await documents.ReadUseFiguresAsync(report.WaveId, cancellationToken) is { } own && ScopeOf(own, report) is { } mine)
            result.Add(UseFigureDisclosure.Protect(report.Year, mine, k));
        if (!report.Supplementary)
        {
            var earlier = (await waves.ListAsync(cancellationToken))
                .Where(w => !w.Settings.Supplementary && w.Settings.Year < report.Year && w.Id != report.WaveId && Covers(w, report))
                .OrderByDescending(w => w.Settings.Year).ThenByDescending(w => w.State == WaveState.Published);
            foreach (var wave in earlier)
            {
                if (result.Any(r => r.Year == wave.Settings.Year)) continue;
                if (await documents.ReadUseFiguresAsync(wave.Id, cancellationToken) is { } figures && ScopeOf(figures, report) is { } scope)
                    result.Add(UseFigureDisclosure.Protect(wave.Settings.Year, scope, k));
            }
        }
        return report with { Use = result.OrderByDescending(r => r.Year).ToList() };
    }

    private static ScopeUseFigures? ScopeOf(WaveUseFigures figures, PublicReport report) =>
        figures.Scopes.FirstOrDefault(s => report.IsRegion
            ? s.Scope == FrameUseFigures.WholeWave
            : string.Equals(s.Scope.Trim(), report.Scope.Trim(), StringComparison.OrdinalIgnoreCase));

    private static bool Covers(WaveRecord wave, PublicReport report) => report.IsRegion
        ? wave.Settings.Municipalities.Count > 1 && string.Equals(wave.Settings.Region, report.Region, StringComparison.OrdinalIgnoreCase)
        : wave.Settings.Municipalities.Any(m => string.Equals(m.Trim(), report.Scope.Trim(), StringComparison.OrdinalIgnoreCase));
}
