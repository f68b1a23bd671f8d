using Ervaring.Core.Frames;
using Ervaring.Core.Sampling;
using Ervaring.Core.Waves;

namespace Ervaring.Functions.Sampling;

/// <summary>Translates a wave's settings into the sampling core's design, audience rule and frame options.</summary>
public static class SamplingDesigns
{
    public static SamplingDesign Design(WaveSettings settings) => new()
    {
        // Every municipality is its own reporting domain with its own margin of error.
        Domain = DomainLevel.Gemeente,
        StratumVariables = settings.Strata.Where(s => s != "gemeente").Select(Variable).ToList(),
        SampleSize = new SampleSizeOptions(Margin: settings.Margin, ExpectedResponseRate: settings.ExpectedResponseRate),
        MinimumPerStratum = settings.MinimumPerStratum,
        ForceCensus = settings.Census,
    };

    public static AudienceRule AudienceRule(WaveSettings settings) => new(
        settings.AudienceRule.YouthFromAge,
        settings.AudienceRule.AdultFromAge,
        settings.AudienceRule.Teens switch
        {
            Audiences.OudersName => TeenAudience.OudersOnly,
            Audiences.JongerenName => TeenAudience.JongerenOnly,
            _ => TeenAudience.Both,
        });

    public static FrameParseOptions FrameOptions(WaveSettings settings) =>
        new(settings.EffectiveReferenceDate, settings.Municipalities);

    private static StratumVariable Variable(string name) => name switch
    {
        "zorgvorm" => StratumVariable.Zorgvorm,
        "leeftijdsgroep" => StratumVariable.Leeftijdsgroep,
        "verwijzer" => StratumVariable.Verwijzer,
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, "Onbekende stratificatievariabele."),
    };
}
