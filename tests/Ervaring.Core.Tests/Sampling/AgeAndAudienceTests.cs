using Ervaring.Core.Sampling;

namespace Ervaring.Core.Tests.Sampling;

public class AgeAndAudienceTests
{
    [Theory]
    [InlineData(0, "0-3")]
    [InlineData(3, "0-3")]
    [InlineData(4, "4-11")]
    [InlineData(11, "4-11")]
    [InlineData(12, "12-17")]
    [InlineData(17, "12-17")]
    [InlineData(18, "18-23")]
    [InlineData(23, "18-23")]
    public void Default_age_bands(int age, string label) => Assert.Equal(label, AgeBands.Default.Find(age)?.Label);

    [Fact]
    public void Age_outside_bands_has_no_band() => Assert.Null(AgeBands.Default.Find(24));

    [Fact]
    public void Bands_are_configurable_and_checked()
    {
        var bands = new AgeBands([new(0, 11), new(12, 23)]);
        Assert.Equal("12-23", bands.Find(15)?.Label);
        var ex = Assert.Throws<ArgumentException>(() => new AgeBands([new(0, 11), new(13, 23)]));
        Assert.Contains("sluit niet aan", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Age_is_reference_year_minus_birth_year() =>
        Assert.Equal(14, Age.FromBirthYear(2011, new DateOnly(2025, 1, 1)));

    [Theory]
    [InlineData(5, new[] { Audience.Ouders })]
    [InlineData(11, new[] { Audience.Ouders })]
    [InlineData(12, new[] { Audience.Ouders, Audience.Jongeren })]
    [InlineData(17, new[] { Audience.Ouders, Audience.Jongeren })]
    [InlineData(18, new[] { Audience.Jongeren })]
    [InlineData(23, new[] { Audience.Jongeren })]
    public void Default_audience_rule(int age, Audience[] expected) => Assert.Equal(expected, AudienceRule.Default.For(age));

    [Fact]
    public void Teens_can_get_one_invitation()
    {
        Assert.Equal([Audience.Jongeren], new AudienceRule(Teens: TeenAudience.JongerenOnly).For(15));
        Assert.Equal([Audience.Ouders], new AudienceRule(Teens: TeenAudience.OudersOnly).For(15));
    }
}
