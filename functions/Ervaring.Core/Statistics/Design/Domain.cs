namespace Ervaring.Core.Statistics.Design;

/// <summary>
/// A part of the population to estimate for, as a value (R: subset(design, ...) / svyby's by).
/// Membership is decided per accumulator cell, so a domain is a union of cells.
/// </summary>
public abstract record Domain
{
    public abstract bool Contains(StratumKey stratum, CalibrationProfile profile, string label);

    /// <summary>The whole population of the design.</summary>
    public static Domain Everyone { get; } = new EveryoneDomain();

    public static Domain Municipality(string municipality) => new MunicipalityDomain(municipality);

    public static Domain CareType(string careType) => new CareTypeDomain(careType);

    /// <summary>Clients with a category of a profile variable (e.g. verwijzer = huisarts).</summary>
    public static Domain Category(string variable, string category) => new CategoryDomain(variable, category);

    /// <summary>Clients fed with a domain label that is not a calibration variable.</summary>
    public static Domain Label(string label) => new LabelDomain(label);

    /// <summary>Any union of cells, e.g. the aggregator's scopes and breakdowns (decided per cell, never per answer).</summary>
    public static Domain Where(Func<StratumKey, CalibrationProfile, string, bool> contains) => new PredicateDomain(contains);

    private sealed record PredicateDomain(Func<StratumKey, CalibrationProfile, string, bool> Test) : Domain
    {
        public override bool Contains(StratumKey stratum, CalibrationProfile profile, string label) => Test(stratum, profile, label);
    }

    private sealed record EveryoneDomain : Domain
    {
        public override bool Contains(StratumKey stratum, CalibrationProfile profile, string label) => true;
    }

    private sealed record MunicipalityDomain(string Name) : Domain
    {
        public override bool Contains(StratumKey stratum, CalibrationProfile profile, string label) => stratum.Municipality == Name;
    }

    private sealed record CareTypeDomain(string Name) : Domain
    {
        public override bool Contains(StratumKey stratum, CalibrationProfile profile, string label) => stratum.CareType == Name;
    }

    private sealed record CategoryDomain(string Variable, string Value) : Domain
    {
        public override bool Contains(StratumKey stratum, CalibrationProfile profile, string label) => profile.CategoryOf(Variable) == Value;
    }

    private sealed record LabelDomain(string Value) : Domain
    {
        public override bool Contains(StratumKey stratum, CalibrationProfile profile, string label) => label == Value;
    }
}
