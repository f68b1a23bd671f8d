namespace Ervaring.Functions.Municipalities;

/// <summary>
/// Who is asking, as a family sees it: the municipality's name, logo, help line and privacy contacts (from
/// <c>Ervaring:Municipalities</c>). A municipality that is not configured still gets an identity: "Gemeente {Name}",
/// no logo, no help line, and the general privacy statement.
/// </summary>
public sealed record MunicipalityIdentity
{
    /// <summary>The name as in waves and the frame's gemeente column.</summary>
    public required string Name { get; init; }

    /// <summary>The address part of its pages: /privacy/{slug}, /gemeente/{slug}/logo.</summary>
    public required string Slug { get; init; }

    public required string DisplayName { get; init; }

    /// <summary>Whether it is in the configuration (and so has a privacy statement of its own).</summary>
    public bool Configured { get; init; }

    public bool HasLogo { get; init; }
    public string? HelpPhone { get; init; }
    public string? HelpEmail { get; init; }
    public string? HelpHours { get; init; }
    public string? PrivacyContact { get; init; }
    public string? DataProtectionOfficer { get; init; }

    public string? LogoUrl => HasLogo ? MunicipalityRoutes.Logo(Slug) : null;

    /// <summary>Its own privacy statement, or the general one when it is not configured.</summary>
    public string PrivacyUrl => Configured ? MunicipalityRoutes.Privacy(Slug) : MunicipalityRoutes.PrivacyIndex;

    public bool HasHelpLine => HelpPhone is not null || HelpEmail is not null;
}

/// <summary>The public addresses of a municipality's identity; one place, so pages, exports and tests agree.</summary>
public static class MunicipalityRoutes
{
    public const string PrivacyIndex = "/privacy";

    public static string Privacy(string slug) => $"/privacy/{slug}";

    public static string Logo(string slug) => $"/gemeente/{slug}/logo";
}
