namespace Ervaring.Core.Statistics.Design;

/// <summary>
/// The methodology section's sentence on the weighting a wave used and why (Dutch, for the report).
/// The R-indicator is not affected: it stays design-based (response propensities per stratum).
/// </summary>
public static class WeightingSentence
{
    public static string For(Weighting weighting, CalibrationVariables? variables = null) => weighting switch
    {
        Weighting.PostStratification =>
            "De antwoorden zijn gewogen naar gemeente, zorgvorm en leeftijdsgroep, zodat elke groep meetelt naar het aantal cliënten in het steekproefkader.",
        Weighting.Calibration =>
            "De antwoorden zijn gewogen naar gemeente, zorgvorm en leeftijdsgroep en daarnaast per gemeente naar " + Described(variables ?? new CalibrationVariables()) +
            " uit het steekproefkader, omdat de antwoorden en de respons daarmee kunnen samenhangen; zo telt elke groep mee naar haar aantal cliënten.",
        _ => throw new ArgumentOutOfRangeException(nameof(weighting)),
    };

    private static string Described(CalibrationVariables variables) => (variables.Referrer, variables.Duration) switch
    {
        (true, true) => "verwijzer en duur van de zorg",
        (true, false) => "verwijzer",
        (false, true) => "duur van de zorg",
        _ => throw new ArgumentException("Weging naar het kader vraagt minstens één variabele.", nameof(variables)),
    };
}
