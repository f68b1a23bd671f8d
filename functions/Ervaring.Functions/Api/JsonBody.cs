using System.Text.Json;
using System.Text.Json.Serialization;

namespace Ervaring.Functions.Api;

/// <summary>
/// Reads a JSON request body ourselves, so a mistake gets a Dutch message that names the line and field
/// (the framework's default binder answers in English). Unknown fields are refused: a typo must not be ignored.
/// </summary>
public static class JsonBody
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase, allowIntegerValues: false) },
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        MaxDepth = 16,
    };

    public sealed record Outcome<T>(T? Value, IResult? Error);

    public static async Task<Outcome<T>> ReadAsync<T>(HttpRequest request, bool allowEmpty = false, CancellationToken cancellationToken = default) where T : class
    {
        if (request.ContentLength is 0 || (request.ContentLength is null && !request.Body.CanSeek && request.Headers.TransferEncoding.Count == 0))
            return allowEmpty ? new(null, null) : new(null, ApiProblems.BadRequest("Het verzoek heeft geen inhoud; stuur JSON."));
        if (!request.HasJsonContentType())
            return new(null, ApiProblems.UnsupportedMediaType("JSON (Content-Type: application/json)"));
        try
        {
            var value = await JsonSerializer.DeserializeAsync<T>(request.Body, Options, cancellationToken);
            return value is null ? new(null, ApiProblems.BadRequest("De JSON is leeg (null).")) : new(value, null);
        }
        catch (JsonException ex)
        {
            var where = ex.LineNumber is { } line ? $" op regel {line + 1}" : "";
            var field = string.IsNullOrEmpty(ex.Path) || ex.Path == "$" ? "" : $", bij veld '{ex.Path.TrimStart('$', '.')}'";
            return new(null, ApiProblems.BadRequest($"De JSON klopt niet{where}{field}: {Explain(ex)}",
                new Dictionary<string, object?> { ["line"] = ex.LineNumber + 1, ["field"] = ex.Path }));
        }
        catch (Exception ex) when (ex is NotSupportedException or System.Text.DecoderFallbackException)
        {
            return new(null, ApiProblems.BadRequest("De inhoud is geen geldige UTF-8 JSON."));
        }
    }

    private static string Explain(JsonException ex)
    {
        var message = ex.Message;
        if (message.Contains("could not be mapped", StringComparison.Ordinal)) return "dit veld bestaat niet.";
        if (message.Contains("could not be converted", StringComparison.Ordinal)) return "de waarde heeft niet de goede vorm (bijvoorbeeld een datum als jjjj-mm-dd, een getal zonder aanhalingstekens).";
        if (message.Contains("missing required properties", StringComparison.Ordinal)) return "een verplicht veld ontbreekt.";
        return "de JSON is niet goed gevormd.";
    }
}
