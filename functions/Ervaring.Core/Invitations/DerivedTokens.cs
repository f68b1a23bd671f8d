using System.Security.Cryptography;
using System.Text;

namespace Ervaring.Core.Invitations;

/// <summary>
/// Link tokens and short codes derived from a random invitation id with a keyed PRF:
/// token = HMAC-SHA256(tokenKey, "link|wave|invitationId"). The invitation id carries 128 bits from the
/// cryptographic RNG; the token key is a server secret outside storage. This lets the officer download the
/// mail-merge file more than once during fielding while storage holds only keyed hashes of the tokens, and
/// once the invitations are purged at close no token can ever be derived again.
/// </summary>
public static class DerivedTokens
{
    public const int MinimumKeyBytes = 32;

    /// <summary>A new invitation id: 16 bytes from the cryptographic RNG, lowercase hex.</summary>
    public static string NewInvitationId() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));

    public static string LinkToken(ReadOnlySpan<byte> tokenKey, string waveId, string invitationId) =>
        Invitations.LinkToken.Base64Url(Prf(tokenKey, "link", waveId, invitationId));

    /// <summary>12 characters from the short-code alphabet (≈ 59 bits), normalised form.</summary>
    public static string ShortCode(ReadOnlySpan<byte> tokenKey, string waveId, string invitationId)
    {
        var bytes = Prf(tokenKey, "code", waveId, invitationId);
        // 128 bits reduced to 12 base-31 digits: 31^12 ≈ 2^59.4, so the modulo bias is below 2^-68.
        var value = new UInt128(BitConverter.ToUInt64(bytes, 0), BitConverter.ToUInt64(bytes, 8));
        var alphabet = Invitations.ShortCode.Alphabet;
        var chars = new char[Invitations.ShortCode.Length];
        for (var i = 0; i < chars.Length; i++)
        {
            chars[i] = alphabet[(int)(value % (UInt128)alphabet.Length)];
            value /= (UInt128)alphabet.Length;
        }
        return new string(chars);
    }

    private static byte[] Prf(ReadOnlySpan<byte> key, string purpose, string waveId, string invitationId)
    {
        if (key.Length < MinimumKeyBytes)
            throw new ArgumentException($"De tokensleutel moet minstens {MinimumKeyBytes} bytes lang zijn.", nameof(key));
        return HMACSHA256.HashData(key, Encoding.UTF8.GetBytes($"{purpose}|{waveId}|{invitationId}"));
    }
}
