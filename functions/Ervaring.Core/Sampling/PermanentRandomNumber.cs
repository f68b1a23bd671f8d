using System.Buffers.Binary;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Ervaring.Core.Sampling;

/// <summary>
/// The secret seed of a draw: 256 random bits from a cryptographic RNG, recorded as lowercase hex
/// so an auditor can re-draw the sample.
/// </summary>
public sealed class SamplingSeed
{
    public const int ByteLength = 32;

    private readonly byte[] bytes;

    private SamplingSeed(byte[] bytes) => this.bytes = bytes;

    public static SamplingSeed Generate() => new(RandomNumberGenerator.GetBytes(ByteLength));

    /// <summary>Reads a recorded seed (64 hexadecimal characters, any case).</summary>
    public static SamplingSeed FromHex(string hex)
    {
        ArgumentNullException.ThrowIfNull(hex);
        var trimmed = hex.Trim();
        if (trimmed.Length != ByteLength * 2 || !trimmed.All(Uri.IsHexDigit))
        {
            throw new FormatException("Het startgetal (seed) moet uit precies 64 hexadecimale tekens (0-9, a-f) bestaan.");
        }

        return new SamplingSeed(Convert.FromHexString(trimmed));
    }

    public string Hex => Convert.ToHexStringLower(bytes);

    public ReadOnlySpan<byte> Bytes => bytes;

    public override string ToString() => Hex;
}

/// <summary>
/// Permanent random numbers (PRN): u = first 8 bytes (big-endian) of
/// HMAC-SHA256(key = seed bytes, message = UTF-8 client reference), read as an unsigned 64-bit
/// integer and divided by 2^64, so u ∈ [0, 1). With a secret seed nobody can predict or steer u.
/// Selection order is (u + offset) mod 1, computed exactly in 64-bit fixed point:
/// (raw + ⌊offset·2^64⌋) mod 2^64.
/// </summary>
public static class PermanentRandomNumber
{
    private const double TwoTo64 = 18446744073709551616.0;

    /// <summary>The 64-bit integer behind u.</summary>
    public static ulong Raw(ReadOnlySpan<byte> seed, string clientReference)
    {
        ArgumentNullException.ThrowIfNull(clientReference);
        var maxBytes = Encoding.UTF8.GetMaxByteCount(clientReference.Length);
        Span<byte> message = maxBytes <= 512 ? stackalloc byte[maxBytes] : new byte[maxBytes];
        var length = Encoding.UTF8.GetBytes(clientReference, message);
        Span<byte> hash = stackalloc byte[32];
        HMACSHA256.HashData(seed, message[..length], hash);
        return BinaryPrimitives.ReadUInt64BigEndian(hash);
    }

    /// <summary>u = raw / 2^64 in [0, 1) (rounded down to double precision; ordering uses <see cref="Raw"/>).</summary>
    public static double ToUnit(ulong raw) => (raw >> 11) * (1.0 / (1UL << 53));

    public static double Unit(ReadOnlySpan<byte> seed, string clientReference) => ToUnit(Raw(seed, clientReference));

    /// <summary>⌊offset·2^64⌋ for an offset in [0, 1).</summary>
    public static ulong OffsetToFixedPoint(double offset)
    {
        if (!(offset >= 0 && offset < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(offset), offset.ToString(CultureInfo.InvariantCulture), "De verschuiving (offset) moet in [0, 1) liggen.");
        }

        // offset has at most 53 significant bits, so offset·2^64 is exact and below 2^64.
        return (ulong)(offset * TwoTo64);
    }

    /// <summary>(u + offset) mod 1 in fixed point: the value by which units are ranked.</summary>
    public static ulong Shifted(ulong raw, ulong offsetFixedPoint) => unchecked(raw + offsetFixedPoint);

    /// <summary>Draws a fresh offset in [0, 1) from a cryptographic RNG (multiple of 2^-53).</summary>
    public static double RandomOffset()
    {
        Span<byte> buffer = stackalloc byte[8];
        RandomNumberGenerator.Fill(buffer);
        return ToUnit(BinaryPrimitives.ReadUInt64BigEndian(buffer));
    }
}
