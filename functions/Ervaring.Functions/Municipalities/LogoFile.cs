namespace Ervaring.Functions.Municipalities;

/// <summary>
/// A municipality's logo on disk: where it is, and whether it is one we are willing to serve. Only PNG and JPEG
/// (recognised by their first bytes, not by the file name) and at most <see cref="MaxBytes"/>: the logo is on every
/// survey page a family opens on a phone, and an image we serve must be what its content type says.
/// </summary>
public static class LogoFile
{
    /// <summary>100 KB: a sharp logo for a page header is a few KB; anything near this is a photo or a print file.</summary>
    public const int MaxBytes = 100 * 1024;

    public const string Png = "image/png";
    public const string Jpeg = "image/jpeg";

    private static readonly byte[] PngSignature = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];
    private static readonly byte[] JpegSignature = [0xFF, 0xD8, 0xFF];

    /// <summary>A configured path: absolute as it is, relative to the app's folder otherwise (like survey-definitions).</summary>
    public static string Resolve(string configured) =>
        Path.IsPathRooted(configured) ? configured : Path.Combine(AppContext.BaseDirectory, configured);

    /// <summary>The content type by the file's first bytes, or null when it is neither PNG nor JPEG.</summary>
    public static string? ContentTypeOf(ReadOnlySpan<byte> content) =>
        content.StartsWith(PngSignature) ? Png : content.StartsWith(JpegSignature) ? Jpeg : null;

    /// <summary>Why the configured logo cannot be used (a Dutch sentence without the setting's name), or null when it can.</summary>
    public static string? Problem(string configured)
    {
        var path = Resolve(configured);
        if (!File.Exists(path)) return $"het bestand '{configured}' bestaat niet (gezocht als {path}).";
        var length = new FileInfo(path).Length;
        if (length > MaxBytes) return $"het bestand '{configured}' is {length / 1024} KB; een logo mag hoogstens {MaxBytes / 1024} KB zijn.";
        Span<byte> head = stackalloc byte[8];
        using (var stream = File.OpenRead(path))
        {
            var read = stream.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
            if (ContentTypeOf(head[..read]) is null) return $"het bestand '{configured}' is geen PNG- of JPEG-afbeelding.";
        }
        return null;
    }
}
