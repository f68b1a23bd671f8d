using System.Globalization;
using Ervaring.Core.Frames;

namespace Ervaring.Core.Sampling;

/// <summary>A variable that splits a domain into strata.</summary>
public enum StratumVariable
{
    Gemeente,
    Zorgvorm,
    Leeftijdsgroep,
    Verwijzer,
}

/// <summary>The reporting domain for which the sample size is computed.</summary>
public enum DomainLevel
{
    /// <summary>One domain: the whole frame (e.g. a region reported as one).</summary>
    Totaal,

    /// <summary>One domain per municipality (every municipality gets its own margin of error).</summary>
    Gemeente,
}

/// <summary>The wave's sampling design.</summary>
public sealed record SamplingDesign
{
    public DomainLevel Domain { get; init; } = DomainLevel.Gemeente;

    /// <summary>Variables that form strata within a domain (default: care type × age band).</summary>
    public IReadOnlyList<StratumVariable> StratumVariables { get; init; } = [StratumVariable.Zorgvorm, StratumVariable.Leeftijdsgroep];

    public SampleSizeOptions SampleSize { get; init; } = new();

    /// <summary>Minimum gross sample per stratum (capped at what the stratum can give); 0 = none.</summary>
    public int MinimumPerStratum { get; init; }

    public AgeBands AgeBands { get; init; } = AgeBands.Default;

    /// <summary>Invite everyone (integraal) whatever the formula says.</summary>
    public bool ForceCensus { get; init; }
}

/// <summary>Clients who must not be sampled (both as sets of client references, compared exactly after trimming).</summary>
public sealed class Exclusions
{
    public static Exclusions None { get; } = new([], []);

    public Exclusions(IEnumerable<string> optOut, IEnumerable<string> recentlySurveyed)
    {
        ArgumentNullException.ThrowIfNull(optOut);
        ArgumentNullException.ThrowIfNull(recentlySurveyed);
        OptOut = optOut.Select(r => r.Trim()).ToHashSet(StringComparer.Ordinal);
        RecentlySurveyed = recentlySurveyed.Select(r => r.Trim()).ToHashSet(StringComparer.Ordinal);
    }

    /// <summary>Clients who said they do not want to take part (afgemeld).</summary>
    public IReadOnlySet<string> OptOut { get; }

    /// <summary>Clients invited in the past 12 months.</summary>
    public IReadOnlySet<string> RecentlySurveyed { get; }
}

/// <summary>Outcome for one reporting domain.</summary>
/// <param name="PopulationSize">N of the domain in the frame.</param>
/// <param name="Excluded">Clients excluded before selection.</param>
/// <param name="SampleSize">The formula's result for N.</param>
/// <param name="Selected">What was actually drawn: min(gross n, what is selectable).</param>
public sealed record DomainResult(string Key, int PopulationSize, int Excluded, SampleSize SampleSize, int Selected, bool IsCensus);

/// <summary>Outcome for one stratum.</summary>
/// <param name="Selected">Selected client references, in order of (u + offset) mod 1.</param>
public sealed record StratumResult(
    string Key,
    string Domain,
    int PopulationSize,
    int ExcludedOptOut,
    int ExcludedRecentlySurveyed,
    int SampleSize,
    IReadOnlyList<string> Selected)
{
    public int Excluded => ExcludedOptOut + ExcludedRecentlySurveyed;
}

/// <summary>A drawn sample with everything needed to re-draw and audit it.</summary>
public sealed record SampleDraw(
    string SeedHex,
    double Offset,
    string? FrameFingerprint,
    IReadOnlyList<DomainResult> Domains,
    IReadOnlyList<StratumResult> Strata)
{
    public int TotalSelected => Strata.Sum(s => s.SampleSize);

    public IEnumerable<string> AllSelected => Strata.SelectMany(s => s.Selected);
}

/// <summary>
/// Stratified simple random sampling without replacement with permanent random numbers.
/// Deterministic given frame, design, exclusions, seed and offset; independent of row order.
/// </summary>
public static class Sampler
{
    /// <summary>The stratum key of a record under a design, e.g. "Utrecht | ambulant | 12-17".</summary>
    public static string StratumKey(FrameRecord record, SamplingDesign design)
    {
        ArgumentNullException.ThrowIfNull(record);
        ArgumentNullException.ThrowIfNull(design);
        var parts = new List<string>(4) { DomainKey(record, design) };
        foreach (var variable in design.StratumVariables)
        {
            if (variable == StratumVariable.Gemeente && design.Domain == DomainLevel.Gemeente)
            {
                continue;
            }

            parts.Add(variable switch
            {
                StratumVariable.Gemeente => record.Municipality,
                StratumVariable.Zorgvorm => FrameVocabulary.Name(record.CareType),
                StratumVariable.Leeftijdsgroep => design.AgeBands.Find(record.Age)?.Label ?? FrameComposition.OutsideBands,
                StratumVariable.Verwijzer => FrameVocabulary.Name(record.Referrer),
                _ => throw new ArgumentOutOfRangeException(nameof(design), variable.ToString()),
            });
        }

        return string.Join(" | ", parts);
    }

    public static string DomainKey(FrameRecord record, SamplingDesign design) =>
        design.Domain == DomainLevel.Gemeente ? record.Municipality : "totaal";

    public static SampleDraw Draw(Frame frame, SamplingDesign design, SamplingSeed seed, double offset, Exclusions? exclusions = null)
    {
        ArgumentNullException.ThrowIfNull(frame);
        ArgumentNullException.ThrowIfNull(design);
        ArgumentNullException.ThrowIfNull(seed);
        design.SampleSize.Validate();
        exclusions ??= Exclusions.None;
        var offsetFixed = PermanentRandomNumber.OffsetToFixedPoint(offset);

        // 1. Strata and exclusions.
        var buckets = new Dictionary<string, Bucket>(StringComparer.Ordinal);
        var seen = new HashSet<string>(frame.Count, StringComparer.Ordinal);
        foreach (var record in frame.Records)
        {
            if (!seen.Add(record.ClientReference))
            {
                throw new ArgumentException("Het steekproefkader bevat een clientreferentie twee keer.", nameof(frame));
            }

            var key = StratumKey(record, design);
            if (!buckets.TryGetValue(key, out var bucket))
            {
                bucket = new Bucket(key, DomainKey(record, design));
                buckets.Add(key, bucket);
            }

            bucket.PopulationSize++;
            if (exclusions.OptOut.Contains(record.ClientReference))
            {
                bucket.ExcludedOptOut++;
            }
            else if (exclusions.RecentlySurveyed.Contains(record.ClientReference))
            {
                bucket.ExcludedRecent++;
            }
            else
            {
                bucket.Eligible.Add(record.ClientReference);
            }
        }

        // 2. Sample size per domain and allocation over its strata.
        var domains = new List<DomainResult>();
        var strata = new List<StratumResult>();
        foreach (var domainGroup in buckets.Values.GroupBy(b => b.Domain, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            var domainBuckets = domainGroup.OrderBy(b => b.Key, StringComparer.Ordinal).ToList();
            var population = domainBuckets.Sum(b => b.PopulationSize);
            var excluded = domainBuckets.Sum(b => b.ExcludedOptOut + b.ExcludedRecent);
            var size = SampleSizeCalculator.Compute(population, design.SampleSize);
            var census = design.ForceCensus || size.IsCensus;
            var gross = census ? population : size.GrossSize;
            var allocation = Allocator.Allocate(
                domainBuckets.Select(b => new StratumSize(b.Key, b.PopulationSize, b.Eligible.Count)).ToList(),
                gross,
                design.MinimumPerStratum);

            var selectedInDomain = 0;
            for (var i = 0; i < domainBuckets.Count; i++)
            {
                var bucket = domainBuckets[i];
                var n = allocation[i].SampleSize;
                var selected = SelectSmallest(bucket.Eligible, n, seed.Bytes, offsetFixed);
                selectedInDomain += selected.Count;
                strata.Add(new StratumResult(bucket.Key, bucket.Domain, bucket.PopulationSize, bucket.ExcludedOptOut, bucket.ExcludedRecent, selected.Count, selected));
            }

            domains.Add(new DomainResult(domainGroup.Key, population, excluded, size, selectedInDomain, census));
        }

        return new SampleDraw(seed.Hex, offset, frame.Fingerprint, domains, strata);
    }

    /// <summary>
    /// Simple random sample without replacement of <paramref name="n"/> units: the n with the
    /// smallest (u + offset) mod 1; ties (practically impossible) broken by ordinal client reference.
    /// Returned in that order.
    /// </summary>
    public static IReadOnlyList<string> Select(IEnumerable<string> clientReferences, int n, SamplingSeed seed, double offset)
    {
        ArgumentNullException.ThrowIfNull(clientReferences);
        ArgumentNullException.ThrowIfNull(seed);
        return SelectSmallest(clientReferences.ToList(), n, seed.Bytes, PermanentRandomNumber.OffsetToFixedPoint(offset));
    }

    private static List<string> SelectSmallest(List<string> references, int n, ReadOnlySpan<byte> seed, ulong offsetFixed)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(n);
        if (n > references.Count)
        {
            throw new ArgumentOutOfRangeException(nameof(n), "Er worden meer cliënten gevraagd dan er in de laag zitten.");
        }

        var count = references.Count;
        var ranks = new ulong[count];
        var order = new int[count];
        for (var i = 0; i < count; i++)
        {
            ranks[i] = PermanentRandomNumber.Shifted(PermanentRandomNumber.Raw(seed, references[i]), offsetFixed);
            order[i] = i;
        }

        Array.Sort(order, (a, b) =>
        {
            var c = ranks[a].CompareTo(ranks[b]);
            return c != 0 ? c : string.CompareOrdinal(references[a], references[b]);
        });

        var result = new List<string>(n);
        for (var i = 0; i < n; i++)
        {
            result.Add(references[order[i]]);
        }

        return result;
    }

    private sealed class Bucket(string key, string domain)
    {
        public string Key { get; } = key;

        public string Domain { get; } = domain;

        public int PopulationSize { get; set; }

        public int ExcludedOptOut { get; set; }

        public int ExcludedRecent { get; set; }

        public List<string> Eligible { get; } = [];
    }
}
