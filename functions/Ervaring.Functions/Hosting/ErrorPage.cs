using System.Net;
using Ervaring.Functions.Pages.Shared;

namespace Ervaring.Functions.Hosting;

/// <summary>
/// The page a person gets for an error status (400 stale form, 403, 404, 500, …): the site's own layout (stylesheet,
/// header, skip link, <c>&lt;main&gt;</c>, the same markup as <c>PageLayout.razor</c>) and a way back that fits where they
/// were — the wave they worked on, the admin overview, the council reports or the survey's start (issue 20, point 6).
/// Written as plain text rather than rendered as a component: it also answers when the failure was in rendering.
/// </summary>
public static class ErrorPage
{
    /// <summary>As for every page: only our own stylesheet, no scripts, forms only to ourselves, no framing.</summary>
    public const string ContentSecurityPolicy =
        "default-src 'none'; style-src 'self'; img-src 'self' data:; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

    public static string Html(PathString path, string title, string detail)
    {
        var (siteName, home, links) = WayBack(path);
        var back = string.Concat(links.Select(l => $"<li><a href=\"{Encode(l.Href)}\">{Encode(l.Text)}</a></li>"));
        return $"""
            <!DOCTYPE html>
            <html lang="nl"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
            <meta name="robots" content="noindex, nofollow"><title>{Encode(title)} – {Encode(siteName)}</title>
            <link rel="stylesheet" href="{SharedAssets.StylesheetPath}"></head>
            <body><a class="skip-link" href="#inhoud">Direct naar de inhoud</a>
            <header class="site-header"><div class="wrap header-row"><a class="site-name" href="{home}">{Encode(siteName)}</a></div></header>
            <main id="inhoud" class="wrap error-page" tabindex="-1"><h1>{Encode(title)}</h1><p>{Encode(detail)}</p>
            <ul class="way-back">{back}</ul></main></body></html>
            """;
    }

    /// <summary>Where the person was, and the links that lead back from there. Only known prefixes; the wave id is encoded.</summary>
    public static (string SiteName, string Home, IReadOnlyList<(string Href, string Text)> Links) WayBack(PathString path)
    {
        var segments = (path.Value ?? "").Split('/', StringSplitOptions.RemoveEmptyEntries);
        if (segments is ["beheer", "metingen", var id, ..] && id != "nieuw")
            return ("Ervaring beheer", "/beheer",
                [($"/beheer/metingen/{Uri.EscapeDataString(Uri.UnescapeDataString(id))}", "Terug naar de meting"), ("/beheer", "Naar alle metingen")]);
        if (segments is ["beheer", ..]) return ("Ervaring beheer", "/beheer", [("/beheer", "Naar alle metingen")]);
        if (segments is ["raad", ..]) return ("Ervaring – rapporten voor de raad", "/raad", [("/raad", "Naar de rapporten voor de raad")]);
        return ("Ervaring", "/s", [("/s", "Naar het begin van de vragenlijst")]);
    }

    private static string Encode(string text) => WebUtility.HtmlEncode(text);
}
