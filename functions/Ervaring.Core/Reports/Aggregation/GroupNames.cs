using Ervaring.Core.Sampling;

namespace Ervaring.Core.Reports.Aggregation;

/// <summary>Dutch plural names of a group of respondents, for the representativeness sentence.</summary>
public static class GroupNames
{
    /// <example>"Ouders van kinderen met verblijf", "Jongeren van 12-17 jaar".</example>
    public static string Of(string audience, string variable, string category) => (audience, variable) switch
    {
        (Audiences.JongerenName, Dimensions.CareType) => $"Jongeren met {category}",
        (Audiences.JongerenName, _) => $"Jongeren van {category} jaar",
        (_, Dimensions.CareType) => $"Ouders van kinderen met {category}",
        _ => $"Ouders van kinderen van {category} jaar",
    };
}
