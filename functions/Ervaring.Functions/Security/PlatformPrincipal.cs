using System.Security.Claims;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Ervaring.Functions.Hosting;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace Ervaring.Functions.Security;

/// <summary>
/// In Azure, App Service Authentication (Microsoft Entra ID) signs officers in and forwards who they are in
/// <c>X-MS-CLIENT-PRINCIPAL</c> (base64 JSON with claims; Entra app roles arrive as "roles" claims). The
/// platform strips that header from outside requests only while its authentication is on, so it is trusted only
/// under the Functions host with <c>WEBSITE_AUTH_ENABLED</c> set by the platform (<see cref="FunctionsHost.VouchesForPrincipal"/>);
/// anywhere else anyone could send it, and it is ignored. Its "groups" claims (Entra group object ids; the app
/// registration must emit them, docs/deploy.md) decide which municipalities the officer covers (<see cref="EntraGroupScopes"/>).
/// </summary>
public sealed class PlatformPrincipalHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    IConfiguration configuration,
    EntraGroupScopes groupScopes) : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "Platform";
    public const string Header = "X-MS-CLIENT-PRINCIPAL";

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (!FunctionsHost.VouchesForPrincipal(configuration) || !Request.Headers.TryGetValue(Header, out var value))
            return Task.FromResult(AuthenticateResult.NoResult());
        var principal = Parse(value.ToString(), SchemeName);
        if (principal is null) return Task.FromResult(AuthenticateResult.Fail("Ongeldige platformidentiteit."));
        var scope = groupScopes.For(principal.FindAll(GroupClaim).Select(c => c.Value));
        ((ClaimsIdentity)principal.Identity!).AddClaims(scope.ToClaims());
        return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(principal, SchemeName)));
    }

    /// <summary>The claim type of an Entra group membership, as the platform forwards it (and as we keep it).</summary>
    public const string GroupClaim = "groups";

    /// <summary>
    /// Reads the platform's principal; only our own roles are kept as role claims, and the Entra groups as
    /// <see cref="GroupClaim"/> claims. Nothing else passes, so a header can never bring scope claims of its own.
    /// </summary>
    public static ClaimsPrincipal? Parse(string base64, string scheme)
    {
        try
        {
            using var document = JsonDocument.Parse(Encoding.UTF8.GetString(Convert.FromBase64String(base64)));
            var root = document.RootElement;
            var roleType = root.TryGetProperty("role_typ", out var rt) ? rt.GetString() : "roles";
            var claims = new List<Claim>();
            string? name = null;
            foreach (var claim in root.GetProperty("claims").EnumerateArray())
            {
                var type = claim.GetProperty("typ").GetString();
                var val = claim.GetProperty("val").GetString();
                if (type is null || val is null) continue;
                if ((type == roleType || type == "roles") && Roles.All.Contains(val)) claims.Add(new Claim(ClaimTypes.Role, val));
                if (type is GroupClaim or "http://schemas.microsoft.com/ws/2008/06/identity/claims/groups") claims.Add(new Claim(GroupClaim, val));
                if (type is "name" or "preferred_username" or ClaimTypes.Name) name ??= val;
            }
            claims.Add(new Claim(ClaimTypes.Name, name ?? "Entra-gebruiker"));
            return new ClaimsPrincipal(new ClaimsIdentity(claims, scheme, ClaimTypes.Name, ClaimTypes.Role));
        }
        catch (Exception ex) when (ex is FormatException or JsonException or KeyNotFoundException or InvalidOperationException)
        {
            return null;
        }
    }
}

/// <summary>Says once at start-up when the app runs under the Functions host but ignores the platform's principal.</summary>
public sealed class PlatformPrincipalNotice(IConfiguration configuration, ILogger<PlatformPrincipalNotice> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (FunctionsHost.IsPresent(configuration) && !FunctionsHost.VouchesForPrincipal(configuration))
            logger.LogWarning("Platform authentication is off ({Setting} is not True): the {Header} header is ignored; officers sign in with an API key.",
                FunctionsHost.PlatformAuthenticationKey, PlatformPrincipalHandler.Header);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
