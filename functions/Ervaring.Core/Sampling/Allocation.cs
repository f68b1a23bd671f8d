namespace Ervaring.Core.Sampling;

/// <summary>A stratum as input to allocation.</summary>
/// <param name="Key">Stable stratum key (used for the tie-break).</param>
/// <param name="PopulationSize">N_h, the size in the frame.</param>
/// <param name="Available">Units that may be selected (N_h minus exclusions); defaults to N_h.
/// Allocation is proportional to this number and never exceeds it.</param>
public sealed record StratumSize(string Key, int PopulationSize, int? Available = null)
{
    public int Cap => Math.Min(PopulationSize, Available ?? PopulationSize);
}

/// <summary>Allocated gross sample n_h for one stratum.</summary>
public sealed record StratumAllocation(string Key, int PopulationSize, int Cap, int SampleSize);

/// <summary>
/// Proportional allocation with largest-remainder (Hamilton) rounding. Shares are proportional to
/// the selectable units per stratum (N_h, or N_h minus exclusions when those are given): that keeps
/// every share within its cap, so the redistribution below is only needed for minimums.
/// <list type="bullet">
/// <item>The total is min(n, Σ cap_h), so the allocations always add up to the domain's gross n,
/// or to everything that can be selected when that is less.</item>
/// <item>Never more than the cap (N_h, or N_h minus exclusions): a stratum that would get more is
/// fixed at its cap and the rest is shared proportionally among the others (repeated until stable).</item>
/// <item>Optional minimum per stratum, itself capped at the stratum's cap. A stratum whose share is
/// below the minimum is fixed at the minimum and the rest is shared among the others. When the
/// minimums together exceed n, the minimum acts as a ceiling instead and n is shared
/// proportionally with every stratum getting at most the minimum (so the sum still equals n).</item>
/// <item>Rounding: every free stratum gets the floor of its exact quota; the remaining units go to
/// the largest remainders; ties go to the larger N_h first, then to the smaller key (ordinal).
/// Quotas are computed with exact integer arithmetic, so the result is deterministic on every platform.</item>
/// </list>
/// </summary>
public static class Allocator
{
    public static IReadOnlyList<StratumAllocation> Allocate(IReadOnlyList<StratumSize> strata, int total, int minimumPerStratum = 0)
    {
        ArgumentNullException.ThrowIfNull(strata);
        ArgumentOutOfRangeException.ThrowIfNegative(total);
        ArgumentOutOfRangeException.ThrowIfNegative(minimumPerStratum);

        var count = strata.Count;
        var caps = new long[count];
        var weights = new long[count];
        long capSum = 0;
        var keys = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < count; i++)
        {
            var s = strata[i];
            if (s.PopulationSize < 0 || s.Available < 0)
            {
                throw new ArgumentException($"Laag '{s.Key}' heeft een negatieve omvang.", nameof(strata));
            }

            if (!keys.Add(s.Key))
            {
                throw new ArgumentException($"Laag '{s.Key}' komt twee keer voor.", nameof(strata));
            }

            caps[i] = s.Cap;
            weights[i] = s.Cap;
            capSum += caps[i];
        }

        var target = Math.Min(total, capSum);
        var lower = new long[count];
        var upper = new long[count];
        long minimumSum = 0;
        for (var i = 0; i < count; i++)
        {
            lower[i] = Math.Min(minimumPerStratum, caps[i]);
            minimumSum += lower[i];
        }

        for (var i = 0; i < count; i++)
        {
            if (minimumSum > target)
            {
                // Minimums cannot all be met: share n proportionally, at most the minimum each.
                upper[i] = lower[i];
                lower[i] = 0;
            }
            else
            {
                upper[i] = caps[i];
            }
        }

        var result = WaterFill(weights, lower, upper, target, strata);
        var output = new StratumAllocation[count];
        for (var i = 0; i < count; i++)
        {
            output[i] = new StratumAllocation(strata[i].Key, strata[i].PopulationSize, (int)caps[i], (int)result[i]);
        }

        return output;
    }

    private static long[] WaterFill(long[] weights, long[] lower, long[] upper, long target, IReadOnlyList<StratumSize> strata)
    {
        var count = weights.Length;
        var value = new long[count];
        var isFixed = new bool[count];

        // Strata that cannot take anything, or have no weight, are fixed at their lower bound.
        for (var i = 0; i < count; i++)
        {
            if (upper[i] == 0 || weights[i] == 0)
            {
                isFixed[i] = true;
                value[i] = lower[i];
            }
        }

        while (true)
        {
            long remaining = target;
            long weightSum = 0;
            for (var i = 0; i < count; i++)
            {
                if (isFixed[i])
                {
                    remaining -= value[i];
                }
                else
                {
                    weightSum += weights[i];
                }
            }

            if (weightSum == 0)
            {
                return remaining == 0
                    ? value
                    : throw new InvalidOperationException("Verdeling over de lagen klopt niet: er blijven eenheden over.");
            }

            var changed = false;

            // Quota q_i = remaining * w_i / weightSum; compare exactly with bounds.
            for (var i = 0; i < count; i++)
            {
                if (!isFixed[i] && (Int128)remaining * weights[i] > (Int128)upper[i] * weightSum)
                {
                    isFixed[i] = true;
                    value[i] = upper[i];
                    changed = true;
                }
            }

            if (!changed)
            {
                for (var i = 0; i < count; i++)
                {
                    if (!isFixed[i] && (Int128)remaining * weights[i] < (Int128)lower[i] * weightSum)
                    {
                        isFixed[i] = true;
                        value[i] = lower[i];
                        changed = true;
                    }
                }
            }

            if (changed)
            {
                continue;
            }

            // Hamilton rounding of the free strata.
            var free = new List<(int Index, long Remainder)>();
            long assigned = 0;
            for (var i = 0; i < count; i++)
            {
                if (isFixed[i])
                {
                    continue;
                }

                var product = (Int128)remaining * weights[i];
                value[i] = (long)(product / weightSum);
                assigned += value[i];
                free.Add((i, (long)(product % weightSum)));
            }

            var leftover = remaining - assigned;
            free.Sort((a, b) =>
            {
                var byRemainder = b.Remainder.CompareTo(a.Remainder);
                if (byRemainder != 0)
                {
                    return byRemainder;
                }

                var bySize = strata[b.Index].PopulationSize.CompareTo(strata[a.Index].PopulationSize);
                return bySize != 0 ? bySize : string.CompareOrdinal(strata[a.Index].Key, strata[b.Index].Key);
            });

            for (var k = 0; k < leftover; k++)
            {
                value[free[k].Index]++;
            }

            return value;
        }
    }
}
