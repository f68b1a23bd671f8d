using Ervaring.Functions.Hosting.Settings;
namespace Ervaring.Functions.Sampling;

/// <summary>
/// The address in front of every personal link in letters, QR codes and reminder lists
/// (<c>Ervaring:PublicBaseUrl</c>). It comes from configuration only, never from the request: a forged
/// <c>Host</c> header must not put someone else's address in front of a family's token. Required in Production,
/// where it must be https; refused at start-up otherwise. Elsewhere it defaults to the start script's address.
/// </summary>
public sealed class PublicBaseUrl
{
    public const string Key = ErvaringSettings.Section + ":" + nameof(ErvaringSettings.PublicBaseUrl);
    public const string DevelopmentDefault = "http://127.0.0.1:7071";

    public string Value { get; }

    private PublicBaseUrl(string value) => Value = value;

    public static PublicBaseUrl FromConfiguration(IConfiguration configuration, IHostEnvironment environment)
    {
        var configured = ErvaringSettings.From(configuration).PublicBaseUrl?.Trim();
        if (string.IsNullOrEmpty(configured))
        {
            if (environment.IsProduction())
                throw new InvalidOperationException($"{Key} ontbreekt: zet het https-adres waaronder gezinnen de vragenlijst openen (bijvoorbeeld https://ervaring.gemeente.nl).");
            return new PublicBaseUrl(DevelopmentDefault);
        }
        if (!Uri.TryCreate(configured, UriKind.Absolute, out var uri) || uri.Scheme is not ("https" or "http")
            || !string.IsNullOrEmpty(uri.Query) || !string.IsNullOrEmpty(uri.Fragment) || !string.IsNullOrEmpty(uri.UserInfo))
            throw new InvalidOperationException($"{Key} moet een volledig adres zijn zoals https://ervaring.gemeente.nl (zonder ? of #).");
        if (environment.IsProduction() && uri.Scheme != "https")
            throw new InvalidOperationException($"{Key} moet in productie met https:// beginnen: brieven en QR-codes dragen persoonlijke links.");
        return new PublicBaseUrl(configured.TrimEnd('/'));
    }
}
