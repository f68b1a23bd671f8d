using System.Reflection;
using System.Text.Json;
using Ervaring.Core.Disclosure;
using Ervaring.Core.Reports;
using Ervaring.Core.Sampling;
using Ervaring.Core.Statistics.Design;
using Ervaring.Storage.Reports;

namespace Ervaring.Functions.Reports;

/// <summary>
/// Turns a wave's report draft into the public reports (one per municipality, plus one for a region), after
/// disclosure control. Earlier years' figures for the trend line come from what was published then, so a
/// trend never shows a figure that was hidden in its own year.
/// </summary>
public sealed class ReportComposer(ReportArchive archive, Council.CouncilNotesComposer notes, Yardstick.YardstickComposer yardstick, UseFigures.UseFiguresComposer useFigures,
    Ervaring.Storage.Waves.WaveStore waves, Surveys.SurveyDefinitionCatalog catalog)
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public static string SoftwareVersion { get; } =
        typeof(ReportComposer).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "onbekend";

    /// <summary>
    /// Where a wave's report for a scope is archived: the scope's slug; for a supplementary wave the slug with
    /// "-aanvullend-" and the wave id's tail, so its versions never mix with the year's own report.
    /// </summary>
    public static string SlugOf(Ervaring.Core.Waves.WaveRecord wave, string scope) =>
        wave.Settings.Supplementary ? $"{Slugs.Of(scope)}-aanvullend-{wave.Id[(wave.Id.LastIndexOf('-') + 1)..]}" : Slugs.Of(scope);

    /// <param name="versionOf">The version number the report of a scope will get.</param>
    public async Task<IReadOnlyList<PublicReport>> ComposeAsync(WaveInputs input, WaveAggregate aggregate, DateTimeOffset now, string? correction,
        Func<string, Task<(int Version, IReadOnlyList<PublicVersionLink> Earlier)>> versionOf, CancellationToken cancellationToken)
    {
        var wave = input.Wave;
        var control = new DisclosureControl(wave.Settings.SuppressionThreshold);
        var reports = new List<PublicReport>();
        var scopes = input.Scopes.OrderByDescending(s => s.IsRegion).ToList(); // the region first: its table decides which municipality totals stay hidden
        var hiddenMunicipalities = new HashSet<(string Audience, string MeasureType, string Measure, string Municipality)>();
        foreach (var scope in scopes)
        {
            var rows = aggregate.Estimates.Where(e => e.Scope == scope.Name).ToList();
            var figures = MarkNew(PublicTables.Protect(rows, control,
                total => hiddenMunicipalities.Contains((total.Audience, total.MeasureType, total.Measure, scope.Name))), aggregate, scope);
            if (scope.IsRegion)
                foreach (var f in figures.Where(f => f.Dimension == Dimensions.Municipality && f.Suppressed))
                    hiddenMunicipalities.Add((f.Audience, f.MeasureType, f.Measure, f.DomainValue));

            var slug = SlugOf(wave, scope.Name);
            var (version, earlierVersions) = await versionOf(slug);
            var series = await SeriesAsync(slug, wave, figures, cancellationToken);
            var composed = await notes.AttachAsync(new PublicReport
            {
                Scope = scope.Name,
                Slug = slug,
                IsRegion = scope.IsRegion,
                Region = wave.Settings.Region,
                Year = wave.Settings.Year,
                Version = version,
                PublishedAt = now,
                WaveId = wave.Id,
                Supplementary = wave.Settings.Supplementary,
                Correction = correction,
                EarlierVersions = earlierVersions,
                Audiences = input.Audiences.Select(a => a.Audience.Name()).OrderBy(a => a == Audiences.OudersName ? 0 : 1).ToList(),
                Figures = figures,
                Series = series,
                Trends = PublicTrends(aggregate, scope, figures, series),
                Pooled = PublicPooledFigures(aggregate, scope, figures),
                Reliability = Reliability(input, aggregate, scope, figures, control.MinimumRespondents),
                Methodology = Methodology(input, aggregate, scope),
                SoftwareVersion = SoftwareVersion,
            }, aggregate, control.MinimumRespondents, cancellationToken);
            // Version 1's date stays the year's publication date (a correction does not move it, as in the deadline view).
            var firstOn = Pages.Shared.Format.DutchDate(earlierVersions.Count > 0 ? earlierVersions.Min(v => v.PublishedAt) : now);
            reports.Add(await useFigures.AttachAsync(await yardstick.AttachAsync(composed, firstOn, cancellationToken), control.MinimumRespondents, cancellationToken));
        }
        return reports;
    }

    /// <summary>Issue 16: every figure of a measure the aggregate lists as new this year (in this scope) carries the mark.</summary>
    private static IReadOnlyList<PublicFigure> MarkNew(IReadOnlyList<PublicFigure> figures, WaveAggregate aggregate, ReportScope scope)
    {
        var fresh = aggregate.NewThisYear.Where(n => n.Scope == scope.Name).Select(n => (n.Audience, n.MeasureType, n.Measure)).ToHashSet();
        return fresh.Count == 0 ? figures : figures.Select(f => fresh.Contains((f.Audience, f.MeasureType, f.Measure)) ? f with { NewThisYear = true } : f).ToList();
    }

    /// <summary>
    /// Published totals of the indicators: earlier years from their latest published data.json, and this year. An
    /// earlier year's point is kept only when the codebook says its indicator is the same in that wave's questionnaire
    /// (issue 16), so the trend line and the targets' course never join figures that are not the same.
    /// </summary>
    private async Task<List<PublicTrendPoint>> SeriesAsync(string slug, Ervaring.Core.Waves.WaveRecord wave, IReadOnlyList<PublicFigure> figures, CancellationToken cancellationToken)
    {
        var year = wave.Settings.Year;
        var points = new List<PublicTrendPoint>();
        var published = await archive.ListAsync(slug, cancellationToken);
        foreach (var earlier in published.Where(v => v.Year < year).GroupBy(v => v.Year))
        {
            var latest = earlier.Max(v => v.Version);
            var bytes = await archive.ReadAsync(ReportArchive.Name(slug, earlier.Key, latest, ReportArchive.Json), cancellationToken);
            if (bytes is null) continue;
            var report = JsonSerializer.Deserialize<PublicReport>(bytes, Json);
            if (report is null) continue;
            var theirs = catalog.Codebook is null ? null : (await waves.GetAsync(report.WaveId, cancellationToken))?.Wave.Definitions;
            points.AddRange(TotalPoints(report.Figures, earlier.Key).Where(p => catalog.Codebook is not { } codebook
                || (theirs?.GetValueOrDefault(p.Audience) is { } then && wave.Definitions.GetValueOrDefault(p.Audience) is { } now
                    && codebook.Same(p.MeasureType, p.Measure, then, now))));
        }
        points.AddRange(TotalPoints(figures, year));
        return points.OrderBy(p => p.Year).ToList();
    }

    private static IEnumerable<PublicTrendPoint> TotalPoints(IEnumerable<PublicFigure> figures, int year) =>
        figures.Where(f => f.Dimension == Dimensions.Total && f.MeasureType == MeasureTypes.Indicator && f.Value is not null)
            .Select(f => new PublicTrendPoint(f.Audience, f.MeasureType, f.Measure, year, f.Value!.Value));

    /// <summary>Trends only where this year's and the earlier year's figures are both published.</summary>
    private static List<PublicTrend> PublicTrends(WaveAggregate aggregate, ReportScope scope, IReadOnlyList<PublicFigure> figures, IReadOnlyList<PublicTrendPoint> series) =>
        aggregate.Trends.Where(t => t.Scope == scope.Name)
            .Where(t => figures.Any(f => f.Dimension == Dimensions.Total && f.Audience == t.Audience && f.Measure == t.Measure && f.MeasureType == t.MeasureType && !f.Suppressed))
            .Where(t => series.Any(p => p.Year == t.EarlierYear && p.Audience == t.Audience && p.Measure == t.Measure))
            .Select(t =>
            {
                var scale = figures.First(f => f.Measure == t.Measure && f.MeasureType == t.MeasureType).Scale;
                return new PublicTrend(t.Audience, t.MeasureType, t.Measure, t.EarlierYear,
                    PublicTables.Display(scale, t.Difference), PublicTables.Display(scale, t.CiLow), PublicTables.Display(scale, t.CiHigh), t.Significant);
            }).ToList();

    /// <summary>Pooled years only beside a published total of this year (as trends), on the same display scale.</summary>
    private static List<PublicPooled>? PublicPooledFigures(WaveAggregate aggregate, ReportScope scope, IReadOnlyList<PublicFigure> figures)
    {
        var shown = aggregate.Pooled.Where(p => p.Scope == scope.Name)
            .Select(p => (Pooled: p, Total: figures.FirstOrDefault(f => f.Dimension == Dimensions.Total && f.MeasureType == MeasureTypes.Indicator
                                                                     && f.Audience == p.Audience && f.Measure == p.Measure)))
            .Where(x => x.Total is { Suppressed: false })
            .Select(x => new PublicPooled(x.Total! with
            {
                Respondents = x.Pooled.N,
                Value = PublicTables.Display(x.Total.Scale, x.Pooled.Value),
                CiLow = PublicTables.Display(x.Total.Scale, x.Pooled.CiLow),
                CiHigh = PublicTables.Display(x.Total.Scale, x.Pooled.CiHigh),
            }, x.Pooled.Years, x.Pooled.Sentence))
            .ToList();
        return shown.Count == 0 ? null : shown;
    }

    private static List<PublicReliability> Reliability(WaveInputs input, WaveAggregate aggregate, ReportScope scope, IReadOnlyList<PublicFigure> figures, int k)
    {
        var result = new List<PublicReliability>();
        foreach (var audience in input.Audiences.Select(a => a.Audience.Name()))
        {
            var rows = aggregate.Response.Where(r => r.Audience == audience && (scope.IsRegion || r.Municipality == scope.Name)).ToList();
            var invited = rows.Sum(r => r.Invited);
            var completed = rows.Sum(r => r.Completed);
            var shown = completed >= k;
            var r = aggregate.Representativeness.FirstOrDefault(x => x.Audience == audience && x.Scope == scope.Name);
            var margins = figures.Where(f => f.Audience == audience && f.Dimension == Dimensions.Total && f.MeasureType == MeasureTypes.Indicator
                                             && f.Scale == "aandeel" && f.CiLow is not null)
                .Select(f => (f.CiHigh!.Value - f.CiLow!.Value) / 2).ToList();
            var margin = margins.Count == 0
                ? "Er zijn te weinig antwoorden om uitkomsten te tonen."
                : $"De uitkomsten kunnen ongeveer {Math.Ceiling(margins.Max()):0} procentpunt hoger of lager liggen dan we hier laten zien (met 95% zekerheid).";
            result.Add(new PublicReliability(audience, invited, shown ? completed : null, shown ? completed.ToString("N0", Pages.Shared.Format.Dutch) : $"minder dan {k}",
                shown && invited > 0 ? (int)Math.Round(100.0 * completed / invited, MidpointRounding.AwayFromZero) : null,
                shown ? r is null ? null : Math.Round(r.R, 2) : null,
                shown ? r?.Sentence ?? "" : "Er zijn te weinig antwoorden om iets te zeggen over hoe goed de respons lijkt op de hele groep.",
                margin));
        }
        return result;
    }

    private static PublicMethodology Methodology(WaveInputs input, WaveAggregate aggregate, ReportScope scope)
    {
        var wave = input.Wave;
        var strata = input.Audit.Strata.Where(s => scope.IsRegion || s.Domain == scope.Name).ToList();
        var inScope = aggregate.Collapses.Where(c => scope.IsRegion || c.From.StartsWith(scope.Name + "|", StringComparison.Ordinal)).ToList();
        var collapsed = inScope.Where(c => c.Reason != CategoryMerge.Reason)
            .GroupBy(c => c.Audience).Select(g => $"{g.Key}: {g.Select(c => c.From).Distinct().Count()} lagen met te weinig antwoorden samengevoegd met een naburige laag")
            // Calibration only (docs/statistics.md): categories of verwijzer or duur merged before raking.
            .Concat(inScope.Where(c => c.Reason == CategoryMerge.Reason).GroupBy(c => c.Audience)
                .Select(g => $"{g.Key}: {g.Select(c => c.From).Distinct().Count()} groepen van verwijzer of duur met te weinig antwoorden samengevoegd vóór de weging naar het kader"))
            .ToList();
        return new PublicMethodology(
            wave.Frame is null ? null : DateOnly.FromDateTime(wave.Frame.ImportedAt.UtcDateTime),
            strata.Sum(s => s.PopulationSize),
            wave.Settings.Strata,
            input.Audit.SeedHex,
            wave.Settings.SuppressionThreshold,
            // A post-stratified wave keeps the sentence its reports always had, so they stay byte for byte the same.
            input.Calibration is { } variables
                ? WeightingSentence.For(Weighting.Calibration, variables)
                : "Iedere laag (gemeente × zorgvorm × leeftijdsgroep) telt mee naar zijn aandeel in het cliëntenbestand (poststratificatie: gewicht N_h / aantal geldige antwoorden in de laag).",
            collapsed,
            wave.ActualFieldPeriod.Start,
            wave.ActualFieldPeriod.End,
            wave.Settings.FieldStart,
            wave.Settings.FieldEnd);
    }
}
