using Ervaring.Functions.Municipalities;

namespace Ervaring.Functions.Pages.Privacy;

/// <summary>Addresses of the privacy statement; young people's pages link to its "je" version.</summary>
public static class PrivacyPages
{
    public const string AudienceParameter = "voor";
    public const string YouthQuery = "?" + AudienceParameter + "=jongeren";

    public static string Href(MunicipalityIdentity? municipality, bool youth) =>
        (municipality?.PrivacyUrl ?? MunicipalityRoutes.PrivacyIndex) + (youth ? YouthQuery : "");
}
