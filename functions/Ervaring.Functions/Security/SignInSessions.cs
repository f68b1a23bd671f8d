using System.Buffers.Text;
using System.Globalization;
using System.Runtime.ExceptionServices;
using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using Ervaring.Functions.Hosting;
using Ervaring.Functions.Hosting.Settings;
using Ervaring.Functions.Timers;
using Ervaring.Storage.Sessions;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;

namespace Ervaring.Functions.Security;

/// <summary>
/// How long an admin sign-in lasts: 8 hours sliding (each use moves the end on, the cookie is re-issued) and, besides
/// that, an absolute limit from the moment of signing in (<c>Ervaring:Sessions:AbsoluteHours</c>, default 12) that no
/// use moves. Checked at start-up.
/// </summary>
public sealed record SessionLifetime(TimeSpan Absolute)
{
    public const int MaximumHours = 24 * 30;
    public static readonly TimeSpan Sliding = TimeSpan.FromHours(8);
    public static readonly TimeSpan DefaultAbsolute = TimeSpan.FromHours(12);

    /// <summary>From the settings; a value out of range has already stopped the start (ErvaringSettingsValidation).</summary>
    public static SessionLifetime FromConfiguration(IConfiguration configuration) =>
        new(TimeSpan.FromHours(Math.Clamp(ErvaringSettings.From(configuration).Sessions.AbsoluteHours, 1.0 / 3600, MaximumHours)));
}

/// <summary>
/// The admin sign-in cookie as a session the server knows. Signing in with an API key writes a record
/// (<see cref="SignInSessionStore"/>: keyed hashes of a random session id and of the key, created-at, absolute expiry,
/// revoked) and puts the session id, the key's hash and the sign-in time in the cookie's claims. Every request that
/// comes with the cookie is checked against all of it (<see cref="ValidateAsync"/>, the cookie's OnValidatePrincipal):
/// signed out, unknown (another pepper, removed), past the absolute lifetime, or signed in with a key that is no
/// longer configured with that role, and the cookie is refused and removed. Checking only reads storage; the sliding
/// renewal only re-issues the cookie. There is no cache: signing out takes effect at once on every instance.
/// </summary>
public sealed class SignInSessions(
    SignInSessionStore store,
    ServerSecrets secrets,
    ApiKeyRegistry registry,
    SessionLifetime lifetime,
    StorageReadiness storage,
    TimeProvider clock,
    ILogger<SignInSessions> logger)
{
    public const string SessionIdClaim = "ervaring:sessie";
    public const string CredentialClaim = "ervaring:sleutel";
    public const string SignedInAtClaim = "ervaring:ingelogd";

    private const string Scheme = CookieAuthenticationDefaults.AuthenticationScheme;
    private static readonly object CheckFailedKey = new();

    /// <summary>Rethrows the failure of this request's session check, if it had one (see <see cref="ValidateAsync"/>).</summary>
    public static void ThrowIfCheckFailed(HttpContext context)
    {
        if (context.Items.TryGetValue(CheckFailedKey, out var failure) && failure is ExceptionDispatchInfo info) info.Throw();
    }

    private Dictionary<string, ApiKey>? _keysByCredential;

    /// <summary>The configured keys by their keyed hash (keys and pepper are fixed for the life of the process).</summary>
    private Dictionary<string, ApiKey> KeysByCredential => _keysByCredential ??= registry.All
        .GroupBy(k => secrets.CredentialHash(k.Key), StringComparer.Ordinal)
        .ToDictionary(g => g.Key, g => g.Last(), StringComparer.Ordinal);

    /// <summary>Signs in with a key the registry knows: a new session record, then the cookie.</summary>
    public async Task SignInAsync(HttpContext context, ApiKey key)
    {
        var sessionId = Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));
        var credential = secrets.CredentialHash(key.Key);
        var now = clock.GetUtcNow();
        await store.CreateAsync(new SignInSession(secrets.SessionHash(sessionId), credential, now, now + lifetime.Absolute, Revoked: false),
            context.RequestAborted);
        var principal = key.ToPrincipal(Scheme);
        ((ClaimsIdentity)principal.Identity!).AddClaims(
        [
            new Claim(SessionIdClaim, sessionId),
            new Claim(CredentialClaim, credential),
            new Claim(SignedInAtClaim, now.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture)),
        ]);
        await context.SignInAsync(Scheme, principal, new AuthenticationProperties { IsPersistent = false, AllowRefresh = true, IssuedUtc = now });
        // The rest of this request acts as the person now signed in: a page rendered in it (the resend page after an
        // expired session) gets form tokens for them, which the next request's cookie will match.
        context.User = principal;
    }

    /// <summary>Revokes the session of the caller's cookie (if it has a valid one) and removes the cookie.</summary>
    public async Task SignOutAsync(HttpContext context)
    {
        var current = await context.AuthenticateAsync(Scheme);
        if (current.Principal?.FindFirst(SessionIdClaim)?.Value is { Length: > 0 } sessionId)
            await store.RevokeAsync(secrets.SessionHash(sessionId), context.RequestAborted);
        await context.SignOutAsync(Scheme);
    }

    /// <summary>
    /// The cookie handler's OnValidatePrincipal: refuses (and removes) a cookie whose session has ended. When the check
    /// itself fails (storage does not answer), the cookie is neither let in nor removed: the failure is kept for the
    /// function pipeline, which answers it as it answers every failure (503 for storage), because authentication may
    /// run in front of the pipeline (the development server's authentication middleware) where nothing would.
    /// </summary>
    public async Task ValidateAsync(CookieValidatePrincipalContext context)
    {
        string? refusal;
        ApiKey? key;
        try
        {
            (refusal, key) = await RefusalAsync(context.Principal, context.HttpContext.RequestAborted);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !context.HttpContext.RequestAborted.IsCancellationRequested)
        {
            context.HttpContext.Items[CheckFailedKey] = ExceptionDispatchInfo.Capture(ex);
            context.RejectPrincipal();
            return;
        }
        if (refusal is null)
        {
            // The session is alive: it acts with its key as configured now. The name, role and municipalities in the
            // cookie are those of the moment of signing in; they are replaced here, on every request, by the key's
            // current ones (docs/architecture.md: a changed Municipalities list applies to open sessions at once).
            context.ReplacePrincipal(CurrentPrincipal(context.Principal!, key!));
            return;
        }
        logger.LogInformation("Sign-in cookie refused: {Reason}.", refusal);
        context.RejectPrincipal();
        await context.HttpContext.SignOutAsync(Scheme);
    }

    /// <summary>The key's principal as configured now, with the cookie's session claims.</summary>
    private static ClaimsPrincipal CurrentPrincipal(ClaimsPrincipal cookie, ApiKey key)
    {
        var current = key.ToPrincipal(Scheme);
        ((ClaimsIdentity)current.Identity!).AddClaims(cookie.Claims
            .Where(c => c.Type is SessionIdClaim or CredentialClaim or SignedInAtClaim)
            .Select(c => new Claim(c.Type, c.Value)));
        return current;
    }

    /// <summary>Why this cookie's principal may no longer act (null when its session is alive), and the key it acts with.</summary>
    private async Task<(string? Refusal, ApiKey? Key)> RefusalAsync(ClaimsPrincipal? principal, CancellationToken cancellationToken)
    {
        if (principal?.FindFirst(SessionIdClaim)?.Value is not { Length: > 0 } sessionId
            || principal.FindFirst(CredentialClaim)?.Value is not { Length: > 0 } credential
            || !long.TryParse(principal.FindFirst(SignedInAtClaim)?.Value, NumberStyles.None, CultureInfo.InvariantCulture, out var signedInAt)
            || signedInAt > DateTimeOffset.MaxValue.ToUnixTimeSeconds())
            return ("no session in the cookie", null);
        var now = clock.GetUtcNow();
        if (now >= DateTimeOffset.FromUnixTimeSeconds(signedInAt) + lifetime.Absolute) return ("absolute lifetime passed", null);
        // The key it came from must still be configured, with the same role: a removed or rotated key, or another
        // pepper (new secrets), ends every session signed in with it.
        if (!KeysByCredential.TryGetValue(credential, out var key) || !principal.IsInRole(key.Role)) return ("key no longer configured", null);

        await storage.WaitAsync(TimeSpan.FromSeconds(3), cancellationToken);
        var session = await store.GetAsync(secrets.SessionHash(sessionId), cancellationToken);
        if (session is null) return ("unknown session", null);
        if (session.Revoked) return ("signed out", null);
        if (now >= session.ExpiresAt) return ("absolute lifetime passed", null);
        if (!CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(session.CredentialHash), Encoding.ASCII.GetBytes(credential)))
            return ("another key", null);
        return (null, key);
    }
}

/// <summary>Nightly: removes sign-in sessions that have expired or were signed out. Idempotent.</summary>
public sealed class SignInSessionCleanup(SignInSessionStore store) : ITimerStep
{
    public string FunctionName => TimerFunctionNames.NightlyMaintenance;
    public string Name => "inlogsessies opruimen";

    public async Task<string> RunAsync(DateTimeOffset now, CancellationToken cancellationToken) =>
        $"{await store.PurgeAsync(now, cancellationToken)} verlopen of afgemelde sessies verwijderd";
}
