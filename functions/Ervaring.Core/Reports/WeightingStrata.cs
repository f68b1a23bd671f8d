using Ervaring.Core.Frames;
using Ervaring.Core.Sampling;
using Ervaring.Core.Statistics;

namespace Ervaring.Core.Reports;

/// <summary>A stratum of the drawn sample as the audit record keeps it: key "Gemeente | zorgvorm | 12-17" and N_h.</summary>
public sealed record SampledStratum(string Key, string Municipality, long Population);

/// <summary>
/// The weighting strata of one audience: the sample's strata turned into <see cref="StratumKey"/>s (municipality,
/// the other stratification parts, age-band position) with their population N_h.
/// <para>
/// N_h for an audience: a family is invited as "ouders" and/or "jongeren" by the child's age (the wave's audience
/// rule). The population an audience speaks for is therefore the frame's clients in the strata whose age band that
/// audience is invited in: a stratum counts for an audience when at least one age in its band gets that audience's
/// questionnaire. When the wave is not stratified by age band every stratum counts for every audience (the report's
/// methodology says so: the weights then cannot tell ages apart).
/// </para>
/// </summary>
public sealed class WeightingStrata
{
    private readonly Dictionary<string, StratumKey> _byKey;

    public IReadOnlyDictionary<StratumKey, long> Populations { get; }

    /// <summary>Age band label per weighting stratum (empty when the wave is not stratified by age).</summary>
    public IReadOnlyDictionary<StratumKey, string> AgeBandLabels { get; }

    private WeightingStrata(Dictionary<string, StratumKey> byKey, Dictionary<StratumKey, long> populations, Dictionary<StratumKey, string> bands)
    {
        _byKey = byKey;
        Populations = populations;
        AgeBandLabels = bands;
    }

    public StratumKey? Find(string samplingKey) => _byKey.GetValueOrDefault(samplingKey);

    /// <param name="stratificationVariables">The wave's strata setting, e.g. gemeente, zorgvorm, leeftijdsgroep.</param>
    public static WeightingStrata ForAudience(
        IEnumerable<SampledStratum> strata, IReadOnlyList<string> stratificationVariables, AudienceRule rule, Audience audience, AgeBands? ageBands = null)
    {
        var bands = ageBands ?? AgeBands.Default;
        var parts = stratificationVariables.Where(v => v != "gemeente").ToList();
        var agePosition = parts.IndexOf("leeftijdsgroep");
        var byKey = new Dictionary<string, StratumKey>(StringComparer.Ordinal);
        var populations = new Dictionary<StratumKey, long>();
        var labels = new Dictionary<StratumKey, string>();
        foreach (var stratum in strata)
        {
            var values = stratum.Key.Split(" | ");
            var rest = values.Skip(1).ToList();
            var band = agePosition >= 0 && agePosition < rest.Count ? rest[agePosition] : "";
            if (band.Length > 0 && !InvitedIn(band, bands, rule, audience)) continue;
            var other = string.Join("/", rest.Where((_, i) => i != agePosition));
            var position = band.Length == 0 ? 0 : Position(band, bands);
            var key = new StratumKey(stratum.Municipality, other, position);
            byKey[stratum.Key] = key;
            populations[key] = populations.GetValueOrDefault(key) + stratum.Population;
            labels[key] = band;
        }
        return new WeightingStrata(byKey, populations, labels);
    }

    private static int Position(string label, AgeBands bands)
    {
        for (var i = 0; i < bands.Bands.Count; i++)
            if (bands.Bands[i].Label == label) return i;
        return bands.Bands.Count; // "buiten leeftijdsgroepen": after the last band
    }

    private static bool InvitedIn(string label, AgeBands bands, AudienceRule rule, Audience audience)
    {
        if (label == FrameComposition.OutsideBands) return true;
        var band = bands.Bands.FirstOrDefault(b => b.Label == label);
        if (band is null) return true;
        for (var age = band.From; age <= band.To; age++)
            if (rule.For(age).Contains(audience)) return true;
        return false;
    }
}
