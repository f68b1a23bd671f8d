using Ervaring.Core.Statistics.Design;

namespace Ervaring.Core.Tests.Statistics.Design;

public class WeightingSentenceTests
{
    [Fact]
    public void Post_stratification_names_the_strata() =>
        Assert.StartsWith("De antwoorden zijn gewogen naar gemeente, zorgvorm en leeftijdsgroep, zodat", WeightingSentence.For(Weighting.PostStratification));

    [Fact]
    public void Calibration_names_the_variables_and_why()
    {
        var sentence = WeightingSentence.For(Weighting.Calibration, new CalibrationVariables(Duration: false));
        Assert.Contains("per gemeente naar verwijzer uit het steekproefkader, omdat de antwoorden en de respons daarmee kunnen samenhangen", sentence);
        Assert.Contains("verwijzer en duur van de zorg", WeightingSentence.For(Weighting.Calibration));
    }
}
