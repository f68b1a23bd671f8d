namespace Ervaring.Core.Sampling;

/// <summary>What the 12–17 group receives.</summary>
public enum TeenAudience
{
    /// <summary>Two invitations: one for the parents and one for the young person (default).</summary>
    Both,
    OudersOnly,
    JongerenOnly,
}

/// <summary>
/// Which audience(s) a sampled client is invited as, by age at the reference date (configurable per
/// wave). Default: under 12 → ouders; 12–17 → ouders and jongeren; 18 and older → jongeren.
/// </summary>
public sealed record AudienceRule(int YouthFromAge = 12, int AdultFromAge = 18, TeenAudience Teens = TeenAudience.Both)
{
    public static AudienceRule Default { get; } = new();

    public IReadOnlyList<Audience> For(int age)
    {
        if (age < YouthFromAge)
        {
            return OudersOnly;
        }

        if (age >= AdultFromAge)
        {
            return JongerenOnly;
        }

        return Teens switch
        {
            TeenAudience.OudersOnly => OudersOnly,
            TeenAudience.JongerenOnly => JongerenOnly,
            _ => Both,
        };
    }

    private static readonly Audience[] OudersOnly = [Audience.Ouders];
    private static readonly Audience[] JongerenOnly = [Audience.Jongeren];
    private static readonly Audience[] Both = [Audience.Ouders, Audience.Jongeren];
}
