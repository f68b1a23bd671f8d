using Ervaring.Core.Reports;
using Ervaring.Core.Reports.Aggregation;
using Ervaring.Core.Sampling;
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
            audiences.Add(new AudienceInput(audience, definition, WeightingStrata.ForAudience(sampled, wave.Settings.Strata, rule, who),
                WaitingWeeksThreshold: wave.Settings.WaitingWeeksThreshold));
        }
        return new WaveInputs(wave, audit, audiences);
    }
}
