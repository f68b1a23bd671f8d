using Ervaring.Core.Statistics.Design;
using Ervaring.Core.Waves;

namespace Ervaring.Core.Tests.Waves;

/// <summary>The weighting a wave chooses at creation (docs/statistics.md, "Weighting"), and its Dutch refusals.</summary>
public class WeightingSettingsTests
{
    private static readonly WaveSettings Valid = new()
    {
        Municipalities = ["Voorbeeld"],
        Year = 2026,
        FieldStart = new DateOnly(2026, 3, 1),
        FieldEnd = new DateOnly(2026, 4, 1),
    };

    private static IReadOnlyList<FieldError> Errors(WaveSettings settings) => WaveSettingsValidator.Validate(settings, (_, _) => true);

    [Fact]
    public void Post_stratification_is_the_default_and_needs_no_calibration_variables()
    {
        Assert.Empty(Errors(Valid));
        Assert.Equal("poststratificatie", Valid.Weighting);
        Assert.Null(Valid.Calibration);
        // Whatever calibrateTo says, a post-stratified wave does not look at it.
        Assert.Empty(Errors(Valid with { CalibrateTo = ["postcode"], DurationBandYears = [9, 3] }));
    }

    [Fact]
    public void Calibration_takes_the_chosen_variables_and_band_bounds()
    {
        var settings = Valid with { Weighting = "kalibratie", CalibrateTo = ["duur"], DurationBandYears = [1, 3] };
        Assert.Empty(Errors(settings));
        Assert.Equal(new CalibrationVariables(Referrer: false, Duration: true, [1, 3]).Names, settings.Calibration!.Names);
        Assert.Equal([1, 3], settings.Calibration.Bounds);
        Assert.Equal(["duur", "verwijzer"], (Valid with { Weighting = "kalibratie" }).Calibration!.Names);
    }

    [Theory]
    [InlineData("weging", null, null, "weighting", "Onbekende weging 'weging'")]
    [InlineData("kalibratie", "", null, "calibrateTo", "minstens één variabele")]
    [InlineData("kalibratie", "postcode", null, "calibrateTo", "Onbekende variabele 'postcode'")]
    [InlineData("kalibratie", "duur,duur", null, "calibrateTo", "dubbel")]
    [InlineData("kalibratie", "duur", "", "durationBandYears", "1 tot 3 grenzen")]
    [InlineData("kalibratie", "duur", "1,2,3,4", "durationBandYears", "1 tot 3 grenzen")]
    [InlineData("kalibratie", "duur", "0", "durationBandYears", "1 tot 3 grenzen")]
    [InlineData("kalibratie", "duur", "3,1", "durationBandYears", "oplopen")]
    [InlineData("kalibratie", "duur", "2,2", "durationBandYears", "oplopen")]
    public void Wrong_choices_are_refused_in_Dutch_at_their_field(string weighting, string? variables, string? years, string field, string message)
    {
        var settings = Valid with
        {
            Weighting = weighting,
            CalibrateTo = variables is null ? Valid.CalibrateTo : variables.Split(',', StringSplitOptions.RemoveEmptyEntries),
            DurationBandYears = years is null ? Valid.DurationBandYears : years.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(int.Parse).ToList(),
        };
        var error = Assert.Single(Errors(settings));
        Assert.Equal(field, error.Field);
        Assert.Contains(message, error.Message);
    }

    [Fact]
    public void Duration_bounds_do_not_matter_when_only_the_referrer_is_raked_to() =>
        Assert.Empty(Errors(Valid with { Weighting = "kalibratie", CalibrateTo = ["verwijzer"], DurationBandYears = [] }));
}
