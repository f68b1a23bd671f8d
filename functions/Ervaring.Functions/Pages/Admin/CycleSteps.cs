using Ervaring.Core.Waves;

namespace Ervaring.Functions.Pages.Admin;

/// <summary>
/// The yearly cycle as the officer walks it: kader → trekken → brieven → veldwerk → sluiten → rapport → publiceren.
/// One place decides where a wave stands and what its next step is, so the overview, the stepper on the wave page
/// and its main action never disagree. It reads only the wave (and whether a report draft exists).
/// </summary>
public static class CycleSteps
{
    public static readonly IReadOnlyList<string> Names = ["Kader", "Trekken", "Brieven", "Veldwerk", "Sluiten", "Rapport", "Publiceren"];

    /// <summary>The index in <see cref="Names"/> of the step to do now; <see cref="Names"/>.Count once published.</summary>
    public static int Current(WaveRecord wave, bool hasDraft) => wave.State switch
    {
        WaveState.Draft => wave.Frame is null ? 0 : 1,
        WaveState.Sampled => 2,
        WaveState.Fielding => 3,
        WaveState.Closed => hasDraft ? 6 : 5,
        _ => Names.Count,
    };

    /// <summary>The next step in one B1 sentence (the overview has no draft facts: it says "make or check the draft").</summary>
    public static string Next(WaveRecord wave, bool? hasDraft = null) => wave.State switch
    {
        WaveState.Draft when wave.Frame is null => "Lees het steekproefkader in.",
        WaveState.Draft => "Trek de steekproef.",
        WaveState.Sampled => "Verstuur de brieven en start dan het veldwerk.",
        WaveState.Fielding => $"Verstuur herinneringen. Het veldwerk sluit vanzelf na {Shared.Format.Date(wave.Settings.FieldEnd)}.",
        WaveState.Closed when hasDraft == true => "Bekijk het concept en publiceer het rapport.",
        WaveState.Closed when hasDraft == false => "Maak het rapportconcept.",
        WaveState.Closed => "Maak het rapportconcept, bekijk het en publiceer.",
        _ => "Klaar: het rapport is openbaar. Houd de acties bij.",
    };

    /// <summary>The day the nightly job closes the fieldwork by itself: it closes waves whose last field day has passed.</summary>
    public static DateOnly AutomaticClose(WaveRecord wave) => wave.Settings.FieldEnd.AddDays(1);
}
