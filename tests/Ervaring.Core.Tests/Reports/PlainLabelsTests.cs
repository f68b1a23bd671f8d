using Ervaring.Core.Frames;
using Ervaring.Core.Reports;

namespace Ervaring.Core.Tests.Reports;

/// <summary>Issue 15, point 6: one full Dutch label per care type and referrer, for everything public.</summary>
public sealed class PlainLabelsTests
{
    [Theory]
    [InlineData(Dimensions.Referrer, "gi", "gecertificeerde instelling (GI)")]
    [InlineData(Dimensions.Referrer, "wijkteam", "wijkteam of CJG")]
    [InlineData(Dimensions.Referrer, "medisch specialist", "medisch specialist")]
    [InlineData(Dimensions.CareType, "ambulant", "ambulante jeugdhulp (zonder verblijf)")]
    [InlineData(Dimensions.CareType, "pgb", "jeugdhulp met een persoonsgebonden budget (pgb)")]
    [InlineData(Dimensions.AgeBand, "12-17", "12-17")]
    [InlineData(Dimensions.Municipality, "gi", "gi")]
    [InlineData(Dimensions.Total, "totaal", "totaal")]
    public void A_code_gets_its_label_and_anything_else_stays_as_it_is(string dimension, string value, string expected) =>
        Assert.Equal(expected, PlainLabels.Of(dimension, value));

    [Fact]
    public void Every_care_type_and_referrer_has_its_own_label_for_the_code_the_frame_stores()
    {
        var careTypes = Enum.GetValues<CareType>().Select(c => PlainLabels.Of(Dimensions.CareType, FrameVocabulary.Name(c))).ToList();
        var referrers = Enum.GetValues<Referrer>().Select(r => PlainLabels.Of(Dimensions.Referrer, FrameVocabulary.Name(r))).ToList();
        Assert.Equal(careTypes.Count, careTypes.Distinct().Count());
        Assert.Equal(referrers.Count, referrers.Distinct().Count());
        Assert.Equal(careTypes, Enum.GetValues<CareType>().Select(PlainLabels.Of));
        Assert.Equal(referrers, Enum.GetValues<Referrer>().Select(PlainLabels.Of));
        // A label is words a resident knows: never a bare abbreviation such as "gi", "pgb" or "cjg".
        Assert.All(careTypes.Concat(referrers), label => Assert.True(label.Length >= 8, label));
    }
}
