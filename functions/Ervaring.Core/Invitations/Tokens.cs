using System.Security.Cryptography;
using System.Text;

namespace Ervaring.Core.Invitations;

/// <summary>
/// The secret in an invitation link: 32 bytes (256 bits) from <see cref="RandomNumberGenerator"/>,
/// base64url without padding (43 characters). Case-sensitive; never stored, only its keyed hash.
/// </summary>
public static class LinkToken
{
    public const int ByteLength = 32;
    public const int TextLength = 43;

    public static string New() => Base64Url(RandomNumberGenerator.GetBytes(ByteLength));

    /// <summary>True when <paramref name="value"/> looks like a link token (43 base64url characters).</summary>
    public static bool IsWellFormed(string? value)
    {
        if (value is null || value.Length != TextLength)
        {
            return false;
        }

        foreach (var c in value)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c is '-' or '_'))
            {
                return false;
            }
        }

        return true;
    }

    internal static string Base64Url(ReadOnlySpan<byte> bytes) =>
        Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}

/// <summary>
/// A short code for typing by hand: 12 characters from a 31-symbol alphabet without look-alikes
/// (no 0/O, 1/I/L), shown as XXXX-XXXX-XXXX. 31^12 ≈ 2^59.4 possibilities. Each character is
/// drawn uniformly with <see cref="RandomNumberGenerator.GetInt32(int)"/>.
/// Parsing ignores case, spaces and dashes.
/// </summary>
public static class ShortCode
{
    public const string Alphabet = "23456789ABCDEFGHJKMNPQRSTUVWXYZ";
    public const int Length = 12;

    /// <summary>Bits of entropy: 12·log2(31).</summary>
    public static double EntropyBits => Length * Math.Log2(Alphabet.Length);

    /// <summary>A new code in its normalised form (12 characters, no dashes).</summary>
    public static string New()
    {
        return string.Create(Length, 0, static (span, _) =>
        {
            for (var i = 0; i < span.Length; i++)
            {
                span[i] = Alphabet[RandomNumberGenerator.GetInt32(Alphabet.Length)];
            }
        });
    }

    /// <summary>Display form: XXXX-XXXX-XXXX.</summary>
    public static string Format(string normalised)
    {
        ArgumentNullException.ThrowIfNull(normalised);
        if (normalised.Length != Length)
        {
            throw new ArgumentException("Een korte code heeft 12 tekens.", nameof(normalised));
        }

        return $"{normalised[..4]}-{normalised[4..8]}-{normalised[8..]}";
    }

    /// <summary>
    /// Reads a code as typed: case, spaces and dashes do not matter. Returns the normalised form, or
    /// null with a Dutch message that says what is wrong.
    /// </summary>
    public static bool TryParse(string? input, out string normalised, out string? error)
    {
        normalised = string.Empty;
        error = null;
        if (string.IsNullOrWhiteSpace(input))
        {
            error = "Vul de code in die in de brief staat.";
            return false;
        }

        var builder = new StringBuilder(Length);
        foreach (var raw in input)
        {
            if (raw is ' ' or '-' or '\u00A0' or '\t' or '\u2010' or '\u2011' or '\u2012' or '\u2013')
            {
                continue;
            }

            var c = char.ToUpperInvariant(raw);
            if (!Alphabet.Contains(c))
            {
                error = c is '0' or 'O' or '1' or 'I' or 'L'
                    ? $"Het teken '{raw}' komt niet voor in codes. Controleer de code in de brief."
                    : $"Het teken '{raw}' hoort niet in de code. Gebruik alleen de letters en cijfers uit de brief.";
                return false;
            }

            builder.Append(c);
        }

        if (builder.Length != Length)
        {
            error = $"De code heeft {Length} tekens; ingevuld zijn er {builder.Length}. Controleer de code in de brief.";
            return false;
        }

        normalised = builder.ToString();
        return true;
    }

    public static bool TryParse(string? input, out string normalised) => TryParse(input, out normalised, out _);
}

/// <summary>
/// Keyed hash for storing tokens: lowercase hex of HMAC-SHA256(pepper, UTF-8 normalised token).
/// The pepper is a server secret kept outside the table store, so a stolen table cannot be
/// brute-forced (especially not the 59-bit short codes).
/// </summary>
public static class TokenHasher
{
    public const int MinimumPepperBytes = 32;

    public static string Hash(ReadOnlySpan<byte> pepper, string normalisedToken)
    {
        ArgumentNullException.ThrowIfNull(normalisedToken);
        if (pepper.Length < MinimumPepperBytes)
        {
            throw new ArgumentException($"De pepper moet minstens {MinimumPepperBytes} bytes lang zijn.", nameof(pepper));
        }

        return Convert.ToHexStringLower(HMACSHA256.HashData(pepper, Encoding.UTF8.GetBytes(normalisedToken)));
    }

    /// <summary>Hashes a short code as typed (normalised first); null when it is not a valid code.</summary>
    public static string? HashShortCode(ReadOnlySpan<byte> pepper, string? typed) =>
        ShortCode.TryParse(typed, out var normalised) ? Hash(pepper, normalised) : null;

    /// <summary>Constant-time comparison of two hex hashes.</summary>
    public static bool FixedTimeEquals(string a, string b) =>
        CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(a), Encoding.ASCII.GetBytes(b));
}
