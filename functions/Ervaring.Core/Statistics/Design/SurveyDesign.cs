namespace Ervaring.Core.Statistics.Design;

/// <summary>Which weighting a wave chose; the report's methodology section names it.</summary>
public enum Weighting
{
    /// <summary>w = N_h / r_h within each (collapsed) stratum.</summary>
    PostStratification,

    /// <summary>Post-stratified weights raked within each municipality to the frame's counts of further variables.</summary>
    Calibration,
}

/// <summary>A (collapsed) stratum of the design: population N_h and valid answers r_h.</summary>
public sealed record DesignStratum(long Population, long Respondents)
{
    /// <summary>Post-stratification weight N_h / r_h, the starting point of raking.</summary>
    public double InitialWeight => (double)Population / Respondents;
}

/// <summary>
/// Respondents of one stratum with one calibration profile. All of them carry the same weight:
/// initial weights are constant within a stratum and raking multiplies by a factor g that depends
/// only on the stratum and the profile.
/// </summary>
public sealed record DesignCell(StratumKey Group, CalibrationProfile Profile, long Respondents, double InitialWeight, double G)
{
    public double Weight => InitialWeight * G;
}

/// <summary>
/// The design of a set of valid answers, as R's svydesign(ids = ~1, strata = ~h, fpc = ~N_h) after
/// the collapse rule, optionally followed by calibrate(design, ~ h + gemeente:verwijzer +
/// gemeente:duur, population, calfun = "raking"). Built once per set of valid answers (an item, or
/// all respondents when they answered alike) and reused for every domain. Holds one entry per
/// stratum × profile, never per respondent.
/// </summary>
public sealed class SurveyDesign
{
    private readonly Dictionary<(StratumKey Group, CalibrationProfile Profile), int> cellIndex;

    private SurveyDesign(Weighting weighting, CollapsePlan plan, IReadOnlyDictionary<StratumKey, DesignStratum> strata,
        IReadOnlyList<DesignCell> cells, CalibrationResiduals? residuals)
    {
        Weighting = weighting;
        Plan = plan;
        Strata = strata;
        Cells = cells;
        Residuals = residuals;
        cellIndex = cells.Select((c, i) => (c, i)).ToDictionary(x => (x.c.Group, x.c.Profile), x => x.i);
    }

    public Weighting Weighting { get; }
    public CollapsePlan Plan { get; }

    /// <summary>The strata after collapsing, by the key of the absorbing stratum.</summary>
    public IReadOnlyDictionary<StratumKey, DesignStratum> Strata { get; }

    public IReadOnlyList<DesignCell> Cells { get; }

    /// <summary>Regression on the calibration model, for the linearised variance; null without calibration.</summary>
    internal CalibrationResiduals? Residuals { get; }

    internal int IndexOf(StratumKey group, CalibrationProfile profile) =>
        cellIndex.TryGetValue((group, profile), out var i) ? i
            : throw new ArgumentException($"Cel {group} / {profile} hoort niet bij dit ontwerp: het ontwerp is voor andere antwoorden gemaakt.");

    /// <summary>Builds the design for the valid answers an accumulator holds.</summary>
    public static SurveyDesign For(DesignCellAccumulator item, IReadOnlyDictionary<StratumKey, long> populationSizes,
        CalibrationMargins? calibration = null) =>
        Build(populationSizes, item.Counts, calibration);

    /// <param name="populationSizes">N_h per original stratum, from the frame.</param>
    /// <param name="counts">Valid answers per original stratum and calibration profile.</param>
    /// <param name="calibration">Frame counts to rake to; null for post-stratification only.</param>
    public static SurveyDesign Build(IReadOnlyDictionary<StratumKey, long> populationSizes,
        IEnumerable<(StratumKey Stratum, CalibrationProfile Profile, long Count)> counts, CalibrationMargins? calibration = null)
    {
        var countList = counts.Where(c => c.Count > 0).ToList();
        var valid = new Dictionary<StratumKey, long>();
        foreach (var (stratum, _, count) in countList)
        {
            if (populationSizes.GetValueOrDefault(stratum) <= 0)
                throw new ArgumentException($"Antwoorden in laag {stratum}, maar die laag staat niet (of met 0 personen) in het steekproefkader.", nameof(counts));
            valid[stratum] = valid.GetValueOrDefault(stratum) + count;
        }
        var plan = StratumCollapser.Plan(populationSizes, valid);

        var population = new Dictionary<StratumKey, long>();
        var respondents = new Dictionary<StratumKey, long>();
        foreach (var (stratum, group) in plan.GroupOf)
        {
            population[group] = population.GetValueOrDefault(group) + populationSizes[stratum];
            respondents[group] = respondents.GetValueOrDefault(group) + valid.GetValueOrDefault(stratum);
        }
        var strata = new SortedDictionary<StratumKey, DesignStratum>();
        foreach (var (group, n) in population)
        {
            if (respondents[group] > n)
                throw new ArgumentException($"Laag {group} heeft meer geldige antwoorden ({respondents[group]}) dan personen in het kader ({n}).", nameof(counts));
            strata[group] = new DesignStratum(n, respondents[group]);
        }

        var cellCounts = new Dictionary<(StratumKey Group, CalibrationProfile Profile), long>();
        foreach (var (stratum, profile, count) in countList)
        {
            var key = (plan.GroupOf[stratum], profile);
            cellCounts[key] = cellCounts.GetValueOrDefault(key) + count;
        }
        // A fixed order, so results do not depend on the order answers arrived in.
        var cells = cellCounts.OrderBy(c => c.Key.Group).ThenBy(c => c.Key.Profile.ToString(), StringComparer.Ordinal)
            .Select(c => new DesignCell(c.Key.Group, c.Key.Profile, c.Value, strata[c.Key.Group].InitialWeight, 1.0)).ToList();

        if (calibration is null)
            return new SurveyDesign(Weighting.PostStratification, plan, strata, cells, null);

        var model = CalibrationModel.Create(strata, cells, calibration);
        var g = Raking.Factors(cells.Select(c => c.InitialWeight * c.Respondents).ToList(), model.ColumnsOf, model.Targets, model.Names);
        var raked = cells.Select((c, i) => c with { G = g[i] }).ToList();
        return new SurveyDesign(Weighting.Calibration, plan, strata, raked,
            new CalibrationResiduals(model.ColumnsOf, model.Targets.Count, raked.Select(c => c.InitialWeight).ToList(), raked.Select(c => c.Respondents).ToList()));
    }
}
