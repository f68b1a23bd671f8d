using System.Net.Http.Headers;

namespace Ervaring.Integration.Tests.Hostile;

/// <summary>One generated hostile request. <see cref="Number"/> and the run's seed reproduce it exactly.</summary>
public sealed record HostileCase(
    int Number,
    string Endpoint,
    string Category,
    string Method,
    string PathAndQuery,
    string[] ApiKeys,
    string? Accept,
    string? ContentType,
    byte[]? Body,
    string? Cookie = null)
{
    public bool IsApi => PathAndQuery.StartsWith("/api/", StringComparison.Ordinal) || PathAndQuery == "/api";

    public HttpRequestMessage ToRequest()
    {
        var request = new HttpRequestMessage(new HttpMethod(Method), new Uri(PathAndQuery, UriKind.Relative));
        foreach (var key in ApiKeys) request.Headers.TryAddWithoutValidation("X-Api-Key", key);
        if (Cookie is not null) request.Headers.TryAddWithoutValidation("Cookie", Cookie);
        if (Accept is not null) request.Headers.TryAddWithoutValidation("Accept", Accept);
        if (Body is not null)
        {
            request.Content = new ByteArrayContent(Body);
            if (ContentType is not null) request.Content.Headers.TryAddWithoutValidation("Content-Type", ContentType);
        }
        else if (ContentType is not null)
        {
            // A content type without a body: some clients do send this.
            request.Content = new ByteArrayContent([]);
            request.Content.Headers.TryAddWithoutValidation("Content-Type", ContentType);
        }
        return request;
    }

    public string Describe() =>
        $"#{Number} [{Category}] {Method} {Shorten(PathAndQuery, 160)} keys={ApiKeys.Length}{(Cookie is null ? "" : " signed-in")} ct={ContentType ?? "-"} body={Body?.Length ?? -1}B";

    public static string Shorten(string text, int max) => text.Length <= max ? text : text[..max] + $"…(+{text.Length - max})";

    public static MediaTypeHeaderValue? Parse(string? contentType) =>
        contentType is not null && MediaTypeHeaderValue.TryParse(contentType, out var parsed) ? parsed : null;
}
