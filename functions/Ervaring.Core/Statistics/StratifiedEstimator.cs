namespace Ervaring.Core.Statistics;

/// <summary>
/// Post-stratified estimates from sufficient statistics. For each item the valid answers form
/// the sample: stratum h has r_h valid answers and weight w = N_h / r_h, so every stratum counts
/// with its population share whatever its item non-response. Strata with fewer than two valid
/// answers are collapsed first (<see cref="StratumCollapser"/>).
/// Variance: stratified SRSWOR with finite-population correction, identical to R
/// svymean(~y, svydesign(ids=~1, strata=~h, fpc=~N_h)) on the valid answers.
/// </summary>
public sealed class StratifiedEstimator(IReadOnlyDictionary<StratumKey, long> populationSizes, double level = 0.95)
{
    /// <summary>Estimate over the whole population.</summary>
    public Estimate Estimate(ItemAccumulator item, EstimateKind kind)
    {
        var design = Prepare(item);
        var n = design.Groups.Values.Sum(g => g.Valid);
        double total = design.Groups.Values.Sum(g => (double)g.Population);
        double mean = 0, variance = 0;
        foreach (var g in design.Groups.Values)
        {
            var share = g.Population / total;
            mean += share * g.Moments.Mean;
            variance += share * share * (1.0 - (double)g.Valid / g.Population) * g.Moments.SampleVariance / g.Valid;
        }
        var df = (int)(n - design.Groups.Count);
        return Build(kind, mean, Math.Sqrt(variance), df, n, design.Plan.Collapses);
    }

    /// <summary>
    /// Domain estimate, as R's svymean on subset(design, domain): ratio estimator
    /// Ŷ_d / N̂_d with linearised variance z_i = 1{i∈d}(y_i − ȳ_d)/N̂_d, computed with the full
    /// design's strata and fpc. When the domain is a union of strata this reduces exactly to the
    /// plain stratified estimate over those strata. Returns null when the domain has no answers.
    /// </summary>
    /// <param name="inDomain">Membership by original stratum and the domain label fed to the accumulator.</param>
    public Estimate? EstimateDomain(ItemAccumulator item, EstimateKind kind, Func<StratumKey, string, bool> inDomain)
    {
        var design = Prepare(item);
        var perGroup = new Dictionary<StratumKey, RunningMoments>();
        foreach (var cell in design.Cells.Where(c => inDomain(c.Stratum, c.Domain)))
        {
            var group = design.Plan.GroupOf[cell.Stratum];
            if (!perGroup.TryGetValue(group, out var m)) perGroup[group] = m = new RunningMoments();
            m.Merge(cell.Moments);
        }
        var n = perGroup.Values.Sum(m => m.Count);
        if (n == 0) return null;

        double domainSize = 0, domainTotal = 0;
        foreach (var (group, m) in perGroup)
        {
            var w = design.Groups[group].Weight;
            domainSize += w * m.Count;
            domainTotal += w * m.Sum;
        }
        var mean = domainTotal / domainSize;

        double variance = 0;
        foreach (var (group, m) in perGroup)
        {
            var g = design.Groups[group];
            // Within stratum h, u_i = w_h z_i; units outside the domain have u_i = 0.
            var scale = g.Weight / domainSize;
            var sumU = scale * (m.Sum - m.Count * mean);
            var sumU2 = scale * scale * m.SumOfSquaredDeviationsFrom(mean);
            var r = (double)g.Valid;
            var centred = Math.Max(0.0, sumU2 - sumU * sumU / r);
            variance += (1.0 - r / g.Population) * r / (r - 1.0) * centred;
        }
        var df = (int)(n - perGroup.Count);
        return Build(kind, mean, Math.Sqrt(variance), df, n, design.Plan.Collapses);
    }

    /// <summary>One estimate per domain label fed to the accumulator (e.g. per referrer).</summary>
    public IReadOnlyDictionary<string, Estimate> EstimateByDomainLabel(ItemAccumulator item, EstimateKind kind) =>
        EstimateBy(item, kind, item.Cells.Select(c => c.Domain), (_, domain, value) => domain == value);

    /// <summary>One estimate per value of a stratum part (municipality, care type, age band…).</summary>
    public IReadOnlyDictionary<string, Estimate> EstimateByStratumPart(ItemAccumulator item, EstimateKind kind, Func<StratumKey, string> part) =>
        EstimateBy(item, kind, populationSizes.Keys.Select(part), (stratum, _, value) => part(stratum) == value);

    private Dictionary<string, Estimate> EstimateBy(ItemAccumulator item, EstimateKind kind,
        IEnumerable<string> values, Func<StratumKey, string, string, bool> member)
    {
        var result = new Dictionary<string, Estimate>();
        foreach (var value in values.Distinct().Order(StringComparer.Ordinal))
        {
            var estimate = EstimateDomain(item, kind, (s, d) => member(s, d, value));
            if (estimate is not null) result[value] = estimate;
        }
        return result;
    }

    private Estimate Build(EstimateKind kind, double value, double se, int df, long n, IReadOnlyList<StratumCollapse> collapses)
    {
        var interval = kind == EstimateKind.Proportion
            ? Intervals.Logit(value, se, Math.Max(df, 1), level)
            : Intervals.Symmetric(value, se, Math.Max(df, 1), level);
        return new Estimate(kind, value, se, df, interval, n, collapses);
    }

    private sealed record Group(long Population, long Valid, RunningMoments Moments)
    {
        public double Weight => (double)Population / Valid;
    }

    private sealed record Design(CollapsePlan Plan, IReadOnlyDictionary<StratumKey, Group> Groups, IReadOnlyList<AccumulatorCell> Cells);

    // The design of an item (collapse plan, groups) does not depend on the domain, and a report asks for dozens of
    // domains per item: derive it once per accumulator state instead of once per estimate.
    private readonly System.Runtime.CompilerServices.ConditionalWeakTable<ItemAccumulator, Tuple<long, Design>> prepared = new();

    private Design Prepare(ItemAccumulator item)
    {
        if (prepared.TryGetValue(item, out var cached) && cached.Item1 == item.Version) return cached.Item2;
        var design = PrepareNew(item);
        prepared.AddOrUpdate(item, Tuple.Create(item.Version, design));
        return design;
    }

    private Design PrepareNew(ItemAccumulator item)
    {
        var cells = item.Cells.ToList();
        var valid = new Dictionary<StratumKey, long>();
        foreach (var cell in cells)
        {
            if (populationSizes.GetValueOrDefault(cell.Stratum) <= 0)
                throw new ArgumentException($"Antwoorden in laag {cell.Stratum}, maar die laag staat niet (of met 0 personen) in het steekproefkader.", nameof(item));
            valid[cell.Stratum] = valid.GetValueOrDefault(cell.Stratum) + cell.Moments.Count;
        }
        var plan = StratumCollapser.Plan(populationSizes, valid);

        var population = new Dictionary<StratumKey, long>();
        var moments = new Dictionary<StratumKey, RunningMoments>();
        foreach (var (stratum, group) in plan.GroupOf)
        {
            population[group] = population.GetValueOrDefault(group) + populationSizes[stratum];
            if (!moments.ContainsKey(group)) moments[group] = new RunningMoments();
        }
        foreach (var cell in cells) moments[plan.GroupOf[cell.Stratum]].Merge(cell.Moments);

        var groups = new Dictionary<StratumKey, Group>();
        foreach (var (group, m) in moments)
        {
            if (m.Count > population[group])
                throw new ArgumentException($"Laag {group} heeft meer geldige antwoorden ({m.Count}) dan personen in het kader ({population[group]}).", nameof(item));
            groups[group] = new Group(population[group], m.Count, m);
        }
        return new Design(plan, groups, cells);
    }
}
