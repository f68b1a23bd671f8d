namespace Ervaring.Core.Sampling;

/// <summary>
/// Who gets the questionnaire: parents/carers or the young person. The one audience type of the whole code base:
/// invitations, questionnaires (JSON <c>"audience"</c>), aggregates and reports all use it or its name below.
/// </summary>
public enum Audience
{
    /// <summary>Parents or carers (ouders/verzorgers) of a child in youth care.</summary>
    Ouders,

    /// <summary>The young person (jongere) 12–23, addressed as "je".</summary>
    Jongeren,
}

/// <summary>The audience's name where it is text: questionnaire files, wave settings, stored aggregates, URLs.</summary>
public static class Audiences
{
    public const string OudersName = "ouders";
    public const string JongerenName = "jongeren";

    public static IReadOnlyList<string> Names { get; } = [OudersName, JongerenName];

    public static string Name(this Audience audience) => audience == Audience.Ouders ? OudersName : JongerenName;

    public static bool TryParse(string? name, out Audience audience)
    {
        audience = name == JongerenName ? Audience.Jongeren : Audience.Ouders;
        return name is OudersName or JongerenName;
    }

    /// <summary>A name known to be valid (it was checked when it was stored).</summary>
    public static Audience Parse(string name) =>
        TryParse(name, out var audience) ? audience : throw new ArgumentException($"Onbekende doelgroep '{name}'.", nameof(name));
}
