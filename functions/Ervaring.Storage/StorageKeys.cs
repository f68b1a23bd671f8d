using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;

namespace Ervaring.Storage;

/// <summary>
/// The one way text from outside the app becomes part of an Azure Table key. PartitionKey and RowKey may not hold
/// '/', '\', '#', '?' or control characters (U+0000–U+001F, U+007F–U+009F) and are at most 1 KiB; a municipality
/// name like "Bergen/L" in a row key makes the whole batch fail. So every key part made of names, or of ids a client
/// sends, goes through <see cref="Encode"/>; the readable value is kept in a property of the entity, never read
/// back from the key. Ids the app generates itself (hex hashes, random ids, wave ids) stay as they are, and a point
/// read or delete with an id from a request checks <see cref="IsValidKey"/> first, so a malformed one is simply
/// not found instead of a storage error.
/// </summary>
public static class StorageKeys
{
    /// <summary>1 KiB counted in UTF-16, the strictest reading of the documented limit.</summary>
    public const int MaxKeyChars = 512;

    /// <summary>UTF-8 bytes up to which a part is encoded reversibly (at most 200 characters); longer parts are hashed.</summary>
    public const int MaxReversibleBytes = 150;

    /// <summary>Marks a hashed part; '~' is not in the base64url alphabet, so a hashed part never equals a reversible one.</summary>
    private const char HashedMarker = '~';

    /// <summary>
    /// Marks a string that is not valid UTF-16 (a lone surrogate, which UTF-8 cannot carry: every one would become
    /// U+FFFD and "A\uD800" would meet "A\uDBFF"): hashed over its UTF-16 code units instead.
    /// </summary>
    private const char BrokenTextMarker = '!';

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>
    /// A key part for any string (separators, key-breaking characters, control characters, any script, any length):
    /// base64url of its UTF-8 (A–Z a–z 0–9 - _ only, so '|' stays free as a separator between parts), or for text over
    /// <see cref="MaxReversibleBytes"/> bytes '~' followed by base64url of its SHA-256. Equal strings give equal parts,
    /// different strings different parts (up to a SHA-256 collision for long ones). At most 200 characters.
    /// </summary>
    public static string Encode(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        byte[] bytes;
        try
        {
            bytes = StrictUtf8.GetBytes(value);
        }
        catch (EncoderFallbackException)
        {
            return BrokenTextMarker + Base64Url.EncodeToString(SHA256.HashData(System.Runtime.InteropServices.MemoryMarshal.AsBytes(value.AsSpan())));
        }
        return bytes.Length <= MaxReversibleBytes
            ? Base64Url.EncodeToString(bytes)
            : HashedMarker + Base64Url.EncodeToString(SHA256.HashData(bytes));
    }

    /// <summary>The original text of a reversibly encoded part; null for a hashed one or for anything else.</summary>
    public static string? Decode(string part)
    {
        ArgumentNullException.ThrowIfNull(part);
        if (part.StartsWith(HashedMarker) || part.StartsWith(BrokenTextMarker) || !Base64Url.IsValid(part)) return null;
        try
        {
            return StrictUtf8.GetString(Base64Url.DecodeFromChars(part));
        }
        catch (Exception ex) when (ex is FormatException or DecoderFallbackException)
        {
            return null;
        }
    }

    /// <summary>Whether Azure Table storage accepts this as a PartitionKey or RowKey.</summary>
    public static bool IsValidKey(string? key) =>
        key is not null && key.Length <= MaxKeyChars && !key.Any(c => c is '/' or '\\' or '#' or '?' || char.IsControl(c));
}
