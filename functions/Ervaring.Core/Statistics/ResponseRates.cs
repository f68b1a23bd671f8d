namespace Ervaring.Core.Statistics;

/// <summary>Fieldwork outcome of one stratum.</summary>
/// <param name="Population">N_h, clients in the frame.</param>
/// <param name="Invited">Invitations sent (gross sample).</param>
/// <param name="Ineligible">Invited but found not eligible (e.g. moved away, no care received).</param>
/// <param name="Completed">Completed questionnaires.</param>
public sealed record StratumFieldwork(StratumKey Stratum, long Population, long Invited, long Ineligible, long Completed)
{
    /// <summary>n_h: eligible invited clients.</summary>
    public long Eligible => Invited - Ineligible;

    /// <summary>AAPOR RR1 = completed / eligible invited (unknown eligibility counted as eligible).</summary>
    public double ResponseRate => Eligible == 0 ? 0.0 : (double)Completed / Eligible;
}

public static class ResponseRates
{
    /// <summary>Overall AAPOR RR1: all completed over all eligible invited.</summary>
    public static double Overall(IEnumerable<StratumFieldwork> strata)
    {
        long completed = 0, eligible = 0;
        foreach (var s in strata) { completed += s.Completed; eligible += s.Eligible; }
        return eligible == 0 ? 0.0 : (double)completed / eligible;
    }
}
