namespace Ervaring.Core.Statistics;

/// <summary>
/// A weighting stratum: municipality × care type × age band. Age bands are ordered, so
/// <see cref="AgeBand"/> is the position of the band in that order (0 = youngest); the collapse
/// rule uses the distance between positions.
/// </summary>
public sealed record StratumKey(string Municipality, string CareType, int AgeBand) : IComparable<StratumKey>
{
    public int CompareTo(StratumKey? other)
    {
        if (other is null) return 1;
        var c = string.CompareOrdinal(Municipality, other.Municipality);
        if (c != 0) return c;
        c = string.CompareOrdinal(CareType, other.CareType);
        return c != 0 ? c : AgeBand.CompareTo(other.AgeBand);
    }

    public override string ToString() => $"{Municipality}|{CareType}|{AgeBand}";
}
