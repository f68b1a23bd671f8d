using System.Globalization;
using System.Text.Json;
using Ervaring.Core.Reports;
using Ervaring.Functions.Reports;
using Ervaring.Functions.Reports.Yardstick;
using Ervaring.Storage.Reports;

namespace Ervaring.Functions.Demo;

/// <summary>
/// The demo's yardstick (issue 14), through the real services: three targets on last year's published figures —
/// one met, one not met, one undecided — published as a correction (so the demo shows how a target enters a
/// version), and a reason for the year before the first survey. The targets are placed against the published
/// intervals, because synthetic answers decide the figures: at the lower bound (gehaald), above the upper bound
/// (niet gehaald) and at the estimate (nog niet te zeggen).
/// </summary>
public sealed class DemoYardstick(YardstickService yardstick, ReportArchive archive, ReportPublication publication)
{
    public const string PolicyTitle = "Beleidsplan Jeugd Voorbeeldstad 2025-2028";

    /// <summary>The made-up source of the demo's reference figure (shown with it in the report).</summary>
    public const string ReferenceSource = "Benchmark jeugdhulp (voorbeeldcijfers, verzonnen)";

    public async Task SeedAsync(string waveId, string municipality, int year, CancellationToken cancellationToken)
    {
        var slug = Slugs.Of(municipality);
        var version = (await archive.ListAsync(slug, cancellationToken)).Where(v => v.Year == year).Select(v => v.Version).DefaultIfEmpty(0).Max();
        if (version == 0 || await archive.ReadAsync(ReportArchive.Name(slug, year, version, ReportArchive.Json), cancellationToken) is not { } bytes) return;
        var report = JsonSerializer.Deserialize<PublicReport>(bytes, ReportComposer.Json)!;
        var totals = report.Figures.Where(f => f.Audience == Core.Sampling.Audiences.OudersName && f.Dimension == Dimensions.Total && f.MeasureType == MeasureTypes.Indicator
                                               && f.Scale == "aandeel" && f.CiLow is not null).ToList();
        (string Measure, Func<PublicFigure, double> At, int TargetYear)[] plan =
        [
            ("toegang", f => f.CiLow!.Value, year),                       // lower bound == target: gehaald
            ("kwaliteit", f => Math.Min(100, f.CiHigh!.Value + 5), year), // whole interval below: niet gehaald
            ("effect", f => f.Value!.Value, year + 2),                    // target inside the interval: nog niet te zeggen; two years to go
        ];
        foreach (var (measure, at, targetYear) in plan)
            if (totals.FirstOrDefault(f => f.Measure == measure) is { } figure)
                await yardstick.SaveTargetAsync(municipality, new TargetInput(Core.Sampling.Audiences.OudersName, measure, Dimensions.Total, null,
                    at(figure).ToString("0.#", CultureInfo.InvariantCulture), targetYear.ToString(CultureInfo.InvariantCulture), PolicyTitle, "https://voorbeeldstad.example/beleidsplan-jeugd"), cancellationToken);
        await yardstick.SaveGapReasonAsync(municipality, year - 2, new GapReasonInput(
            "In dat jaar zijn we overgestapt naar nieuwe aanbieders van jeugdhulp. We hebben toen geen onderzoek gedaan, omdat veel gezinnen nog maar kort hulp kregen."), cancellationToken);
        // One reference figure from outside the region, imported as a CSV file like an officer would (made-up source).
        var errors = await yardstick.ImportReferencesAsync(municipality, System.Text.Encoding.UTF8.GetBytes(
            "meting;doelgroep;bron;jaar;populatie;waarde;ondergrens;bovengrens;vergelijkbaar;verschil\r\n" +
            $"kwaliteit;ouders;{ReferenceSource};{year};ouders met jeugdhulp in 20 gemeenten;76,5;74,2;78,8;goed;\r\n"), cancellationToken);
        if (errors.Count > 0) throw new InvalidOperationException(errors[0]);
        await publication.PublishAsync(waveId, "De streefwaarden uit het beleidsplan jeugd zijn toegevoegd.", DemoWaves.Actor, cancellationToken);
    }
}
