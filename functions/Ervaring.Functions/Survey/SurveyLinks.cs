namespace Ervaring.Functions.Survey;

/// <summary>
/// The family's personal link: <c>/s/?t={token}</c>. The token sits in the query, never in the path, because the
/// Functions host records the path of every request in Application Insights but strips the query string
/// (docs/architecture.md, privacy: logs never contain tokens). The path form <c>/s/{token}</c> is accepted as well, but never issued.
/// <c>/s/</c> without a token is the page for typing the letter's code.
/// </summary>
public static class SurveyLinks
{
    public const string TokenParameter = "t";

    /// <summary>The token of a request: from the path form if that was used, else from the query.</summary>
    public static string? TokenOf(HttpContext context) =>
        context.GetRouteValue("token") as string ?? (context.Request.Query[TokenParameter].ToString() is { Length: > 0 } query ? query : null);

    public static string For(string token) => $"/s/?{TokenParameter}={Uri.EscapeDataString(token)}";

    /// <summary>The link with more query parameters (page, language, officer mode), each only when given.</summary>
    public static string For(string token, params (string Name, string? Value)[] parameters) =>
        For(token) + string.Concat(parameters.Where(p => !string.IsNullOrEmpty(p.Value)).Select(p => $"&{p.Name}={Uri.EscapeDataString(p.Value!)}"));
}
