namespace Ervaring.Core.Surveys;

/// <summary>
/// What the sampling frame tells about the family an invitation is for, as far as routing needs it: the care type
/// (canonical frame name, e.g. <c>jeugdbescherming</c>) and a coarse age group around 18 (<see cref="AgeGroups"/>),
/// never the age itself. Null members are unknown (an invitation made before these were kept).
/// </summary>
public sealed record RespondentFrame(string? CareType, string? AgeGroup)
{
    /// <summary>The coarse age groups routing may use: only whether the young person is about to turn 18 or past it.</summary>
    public static class AgeGroups
    {
        public const string Under16 = "onder_16";
        public const string From16To17 = "16_17";
        public const string From18 = "18_plus";

        public static IReadOnlyList<string> All { get; } = [Under16, From16To17, From18];

        /// <summary>The group of an age in whole years.</summary>
        public static string Of(int age) => age < 16 ? Under16 : age < 18 ? From16To17 : From18;
    }
}

/// <summary>
/// Routing on what the frame knows (JSON <c>askWhen</c>): the item is asked only when every given condition holds.
/// <see cref="CareTypes"/>: the family's care type is one of these; <see cref="NotCareTypes"/>: it is none of these;
/// <see cref="AgeGroups"/>: the age group is one of these (an unknown age group never matches, so an item for
/// 16-year-olds and older is not asked when the age is not known).
/// </summary>
public sealed record AskWhen(IReadOnlyList<string>? CareTypes, IReadOnlyList<string>? NotCareTypes, IReadOnlyList<string>? AgeGroups)
{
    public bool Holds(RespondentFrame frame) =>
        (CareTypes is null || (frame.CareType is { } care && CareTypes.Contains(care)))
        && (NotCareTypes is null || frame.CareType is not { } other || !NotCareTypes.Contains(other))
        && (AgeGroups is null || (frame.AgeGroup is { } group && AgeGroups.Contains(group)));
}

/// <summary>A whole-number answer's allowed range (JSON <c>min</c> and <c>max</c> of a <c>number</c> item).</summary>
public sealed record NumberRange(int Min, int Max);
