namespace Ervaring.Functions.Api;

/// <summary>Reads an uploaded CSV body with a size cap; the frame parser decides about encoding and content.</summary>
public static class CsvBody
{
    private static readonly string[] Accepted = ["text/csv", "application/csv", "text/plain", "application/vnd.ms-excel", "application/octet-stream"];

    public static async Task<Outcome<byte[]>> ReadAsync(HttpRequest request, long maxBytes, CancellationToken cancellationToken)
    {
        var mediaType = request.ContentType?.Split(';')[0].Trim().ToLowerInvariant();
        if (mediaType is null || !Accepted.Contains(mediaType))
            return Problem.UnsupportedMediaType("Stuur het steekproefkader als CSV-bestand (Content-Type: text/csv).");
        if (request.ContentLength > maxBytes)
            return new Problem(StatusCodes.Status413PayloadTooLarge, "Te groot", $"Het bestand is groter dan {maxBytes / 1024 / 1024} MB.");
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > maxBytes)
                return new Problem(StatusCodes.Status413PayloadTooLarge, "Te groot", $"Het bestand is groter dan {maxBytes / 1024 / 1024} MB.");
            buffer.Write(chunk, 0, read);
        }
        if (buffer.Length == 0) return Problem.BadRequest("Het bestand is leeg.");
        return buffer.ToArray();
    }
}
