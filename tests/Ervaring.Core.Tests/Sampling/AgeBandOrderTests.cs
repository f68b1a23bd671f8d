using Ervaring.Core.Sampling;

namespace Ervaring.Core.Tests.Sampling;

/// <summary>Issue 20: age bands in age order, alone and inside stratum keys, never as text.</summary>
public sealed class AgeBandOrderTests
{
    [Fact]
    public void Age_bands_sort_by_age_not_as_text()
    {
        string[] bands = ["18-23", "0-3", "12-17", "4-11"];
        Assert.Equal(["0-3", "4-11", "12-17", "18-23"], bands.Order(AgeBandOrder.Instance));
    }

    [Fact]
    public void Inside_stratum_keys_the_text_before_the_band_decides_first()
    {
        string[] keys = ["Stad|wonen|0-3", "Stad|ambulant|12-17", "Stad|ambulant|4-11", "Dorp|wonen|18-23"];
        Assert.Equal(["Dorp|wonen|18-23", "Stad|ambulant|4-11", "Stad|ambulant|12-17", "Stad|wonen|0-3"], keys.Order(AgeBandOrder.Instance));
    }

    [Fact]
    public void The_order_is_total_and_stable_for_odd_labels()
    {
        string?[] labels = [null, "", "a", "04-11", "4-11", "99999999999999999999999"];
        var once = labels.Order(AgeBandOrder.Instance).ToList();
        Assert.Equal(once, labels.Reverse().Order(AgeBandOrder.Instance));
        Assert.Null(once[0]);
    }
}
