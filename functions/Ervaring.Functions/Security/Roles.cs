namespace Ervaring.Functions.Security;

/// <summary>
/// Who may do what. <c>beheerder</c> manages waves, frames and publication; <c>onderzoeker</c> reads progress,
/// interim results and masked open answers, and enters paper or telephone questionnaires. Everyone else
/// sees only public pages. A beheerder may also do everything an onderzoeker may.
/// </summary>
public static class Roles
{
    public const string Beheerder = "beheerder";
    public const string Onderzoeker = "onderzoeker";

    public static readonly IReadOnlyList<string> All = [Beheerder, Onderzoeker];

    /// <summary>May read what an onderzoeker reads (an onderzoeker or a beheerder).</summary>
    public static bool MayRead(System.Security.Claims.ClaimsPrincipal user) => user.IsInRole(Onderzoeker) || user.IsInRole(Beheerder);
}
