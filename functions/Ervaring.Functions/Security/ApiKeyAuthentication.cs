using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using Ervaring.Functions.Hosting.Settings;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace Ervaring.Functions.Security;

/// <summary>
/// API keys from configuration, for automation and local use, sent as <c>X-Api-Key</c>.
/// <c>Ervaring:AdminApiKey</c> is a beheerder key of a regional coordinator; <c>Ervaring:ApiKeys:{n}:Key</c> with
/// <c>:Role</c>, <c>:Name</c> and <c>:Municipalities</c> or <c>:Region</c> add more. Keys are compared in constant time.
/// </summary>
public sealed class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    ApiKeyRegistry registry) : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ApiKey";
    public const string Header = "X-Api-Key";

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (!Request.Headers.TryGetValue(Header, out var values) || values.Count == 0)
            return Task.FromResult(AuthenticateResult.NoResult());
        var key = registry.Find(values.ToString());
        if (key is null) return Task.FromResult(AuthenticateResult.Fail("Onbekende API-sleutel."));
        return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(key.ToPrincipal(SchemeName), SchemeName)));
    }
}

/// <summary>One configured key: its label, its role and the municipalities it may see (<see cref="OfficerScope"/>).</summary>
public sealed record ApiKey(string Name, string Role, string Key, OfficerScope Scope)
{
    public ClaimsPrincipal ToPrincipal(string scheme) => new(new ClaimsIdentity(
        [new Claim(ClaimTypes.Name, Name), new Claim(ClaimTypes.Role, Role), .. Scope.ToClaims()], scheme, ClaimTypes.Name, ClaimTypes.Role));
}

/// <summary>The configured keys. Keys shorter than 16 characters are refused at start-up.</summary>
public sealed class ApiKeyRegistry
{
    private readonly IReadOnlyList<ApiKey> _keys;

    public const int MinimumLength = 16;

    public ApiKeyRegistry(IOptions<ErvaringSettings> options)
    {
        var settings = options.Value;
        var keys = new List<ApiKey>();
        if (settings.AdminApiKey is { Length: > 0 } admin) keys.Add(new ApiKey("beheerder (API-sleutel)", Roles.Beheerder, admin, OfficerScope.Coordinator));
        foreach (var (id, key) in settings.ApiKeys)
        {
            var role = key.Role ?? "";
            if (!Roles.All.Contains(role)) throw new InvalidOperationException($"{ErvaringSettings.Key("ApiKeys", id, "Role")} moet 'beheerder' of 'onderzoeker' zijn.");
            // Neither municipalities nor region has already stopped the start (ErvaringSettingsValidation).
            keys.Add(new ApiKey(key.Name ?? $"sleutel {id}", role, key.Key ?? "", OfficerScope.FromSetting(key.Municipalities, key.Region)));
        }
        if (keys.Any(k => k.Key.Length < MinimumLength)) throw new InvalidOperationException($"Een API-sleutel moet minstens {MinimumLength} tekens hebben.");
        _keys = keys;
    }

    /// <summary>Every configured key (for tying a sign-in session to the key it came from).</summary>
    public IReadOnlyList<ApiKey> All => _keys;

    public ApiKey? Find(string presented)
    {
        var presentedHash = SHA256.HashData(Encoding.UTF8.GetBytes(presented));
        ApiKey? match = null;
        // Compare against every key, in constant time each, so timing reveals neither which nor whether.
        foreach (var key in _keys)
            if (CryptographicOperations.FixedTimeEquals(presentedHash, SHA256.HashData(Encoding.UTF8.GetBytes(key.Key))))
                match = key;
        return match;
    }
}
