using System.Security.Cryptography;
using System.Text;
using Ervaring.Functions.Hosting.Settings;

namespace Ervaring.Functions.Security;

/// <summary>
/// The two server secrets, kept outside storage (app settings / Key Vault references in Azure):
/// <c>Ervaring:Secrets:TokenKey</c> derives invitation tokens from invitation ids, and
/// <c>Ervaring:Secrets:HashPepper</c> keys every stored hash (tokens, client references).
/// Both are base64 of at least 32 random bytes. Outside Production a fixed development value is used
/// when none is configured, with a warning; in Production a missing secret stops the start.
/// </summary>
public sealed class ServerSecrets
{
    public byte[] TokenKey { get; }
    public byte[] HashPepper { get; }

    public ServerSecrets(byte[] tokenKey, byte[] hashPepper)
    {
        if (tokenKey.Length < 32 || hashPepper.Length < 32)
            throw new InvalidOperationException($"{ErvaringSettings.Key("Secrets", "TokenKey")} en HashPepper moeten minstens 32 bytes (base64) zijn.");
        TokenKey = tokenKey;
        HashPepper = hashPepper;
    }

    /// <summary>Keyed hash of a client reference, for opt-outs, contact history and audit records.</summary>
    public string ClientHash(string clientReference) =>
        Convert.ToHexStringLower(HMACSHA256.HashData(HashPepper, Encoding.UTF8.GetBytes("client|" + clientReference.Trim())));

    /// <summary>Keyed hash of an admin sign-in session id: how the session is found in storage.</summary>
    public string SessionHash(string sessionId) =>
        Convert.ToHexStringLower(HMACSHA256.HashData(HashPepper, Encoding.UTF8.GetBytes("session|" + sessionId)));

    /// <summary>
    /// Keyed hash of the API key a session was signed in with: ties the sign-in cookie to that key, so the cookie dies
    /// when the key is removed or rotated, or when the pepper changes.
    /// </summary>
    public string CredentialHash(string apiKey) =>
        Convert.ToHexStringLower(HMACSHA256.HashData(HashPepper, Encoding.UTF8.GetBytes("apikey|" + apiKey)));

    public static ServerSecrets FromConfiguration(IConfiguration configuration, IHostEnvironment environment)
    {
        var secrets = ErvaringSettings.From(configuration).Secrets;
        return new ServerSecrets(Read(nameof(SecretSettings.TokenKey), secrets.TokenKey), Read(nameof(SecretSettings.HashPepper), secrets.HashPepper));

        byte[] Read(string name, string? value)
        {
            if (!string.IsNullOrWhiteSpace(value))
            {
                try { return Convert.FromBase64String(value); }
                catch (FormatException) { throw new InvalidOperationException($"{ErvaringSettings.Key("Secrets", name)} is geen geldige base64."); }
            }
            if (environment.IsProduction())
                throw new InvalidOperationException($"{ErvaringSettings.Key("Secrets", name)} ontbreekt. Zet 32 willekeurige bytes als base64 in de app-instellingen.");
            return SHA256.HashData(Encoding.UTF8.GetBytes($"ervaring-development-only-{name}"));
        }
    }
}
