using Ervaring.Core.Reports;
using Ervaring.Core.Reports.Aggregation;
using Ervaring.Core.Sampling;
using Ervaring.Core.Statistics.Design;
using Ervaring.Core.Surveys;
using Ervaring.Core.Waves;
using Ervaring.Functions.Sampling;
using Ervaring.Functions.Survey;
using Ervaring.Storage;

namespace Ervaring.Functions.Reports;

public sealed record WaveInputs(WaveRecord Wave, SampleAuditRecord Audit, IReadOnlyList<AudienceInput> Audiences)
{
    /// <summary>The scopes estimates are made for: each municipality, and the region when there are several.</summary>
    public IReadOnlyList<ReportScope> Scopes =>
    [
        .. Wave.Settings.Municipalities.Select(m => new ReportScope(m, false)),
        .. Wave.Settings.Municipalities.Count > 1 ? [new ReportScope(Wave.Settings.Region ?? "regio", true)] : Array.Empty<ReportScope>(),
    ];

    /// <summary>The raking variables when the report's audiences are calibrated; null when they are post-stratified.</summary>
    public CalibrationVariables? Calibration => Audiences.Select(a => a.Calibration?.Variables).FirstOrDefault(v => v is not null);

    /// <summary>The design side of the aggregation in Core: audiences, scopes and N_h per sampling stratum.</summary>
    public WaveDesignInput Design => new(Wave.Id, Audiences, Scopes,
        Audit.Strata.ToDictionary(s => s.Key, s => (long)s.PopulationSize, StringComparer.Ordinal),
        Wave.Settings.Year, SamplingDesigns.Design(Wave.Settings).SampleSize);
}

/// <summary>Reads a wave's sample audit record (N_h per stratum) and questionnaire snapshots.</summary>
public sealed class ReportInputs(BlobDocuments documents, WaveDefinitions definitions)
{
    public async Task<WaveInputs?> LoadAsync(WaveRecord wave, CancellationToken cancellationToken)
    {
        if (wave.Sample is null) return null;
        var audit = await documents.ReadJsonAsync<SampleAuditRecord>(StorageNames.Containers.Audit, wave.Sample.AuditBlob, cancellationToken);
        if (audit is null) return null;
        var rule = SamplingDesigns.AudienceRule(wave.Settings);
        var sampled = audit.Strata.Select(s => new SampledStratum(s.Key, s.Domain, s.PopulationSize)).ToList();
        var audiences = new List<AudienceInput>();
        foreach (var audience in wave.Definitions.Keys.Order(StringComparer.Ordinal))
        {
            if (await definitions.GetAsync(wave.Id, audience, cancellationToken) is not { } definition) continue;
            var who = Audiences.Parse(audience);
            var strata = WeightingStrata.ForAudience(sampled, wave.Settings.Strata, rule, who);
            audiences.Add(new AudienceInput(who, definition, strata, Calibration(wave.Settings, audit, strata),
                WaitingWeeksThreshold: wave.Settings.WaitingWeeksThreshold));
        }
        return new WaveInputs(wave, audit, audiences);
    }

    /// <summary>
    /// A calibrating wave's margins for one audience: the frame counts of the draw, summed per municipality over the
    /// strata this audience speaks for, so they add up to its N_h. Null for a post-stratified wave (or a draw made
    /// before counts were kept: it is then weighted as it could be, and the methodology says post-stratification).
    /// </summary>
    private static AudienceCalibration? Calibration(WaveSettings settings, SampleAuditRecord audit, WeightingStrata strata)
    {
        if (settings.Calibration is not { } variables || audit.CalibrationCounts is not { } counts) return null;
        var margins = new Dictionary<(string, string, string), long>();
        foreach (var count in counts)
        {
            if (strata.Find(count.Stratum) is not { } stratum) continue;
            var key = (stratum.Municipality, count.Variable, count.Category);
            margins[key] = margins.GetValueOrDefault(key) + count.Count;
        }
        return new AudienceCalibration(variables, new CalibrationMargins(variables.Names, margins));
    }
}
