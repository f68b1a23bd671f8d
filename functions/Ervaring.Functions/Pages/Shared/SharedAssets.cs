using System.Collections.Frozen;
using System.Reflection;
using System.Security.Cryptography;
using Microsoft.Net.Http.Headers;

namespace Ervaring.Functions.Pages.Shared;

/// <summary>
/// Serves the few static files the pages need (the stylesheet, later perhaps an icon) from resources
/// embedded in the app, under <c>/assets/</c>. An endpoint rather than static-file middleware, so the
/// Functions route <c>assets/{*path}</c> reaches something the app maps and nothing outside this folder
/// can ever be served. Add a file to <c>Pages/Assets/</c> and it is served under its own name.
/// </summary>
public static class SharedAssets
{
    public const string StylesheetPath = "/assets/ervaring.css";

    private const string ResourcePrefix = "assets/";

    private sealed record Asset(byte[] Content, string ContentType, string ETag);

    private static readonly FrozenDictionary<string, Asset> Assets = Load();

    public static WebApplication MapSharedAssets(this WebApplication app)
    {
        app.MapMethods("/assets/{name}", [HttpMethods.Get, HttpMethods.Head], (string name, HttpContext context) =>
        {
            if (!Assets.TryGetValue(name, out var asset)) return Results.NotFound();
            // Names are fixed per release; an hour of caching with revalidation keeps deploys visible soon.
            context.Response.Headers.CacheControl = "public, max-age=3600";
            context.Response.Headers.XContentTypeOptions = "nosniff";
            return Results.Bytes(asset.Content, asset.ContentType, entityTag: new EntityTagHeaderValue(asset.ETag));
        }).AllowAnonymous().ExcludeFromDescription();
        return app;
    }

    private static FrozenDictionary<string, Asset> Load()
    {
        var assembly = Assembly.GetExecutingAssembly();
        var assets = new Dictionary<string, Asset>(StringComparer.Ordinal);
        foreach (var resource in assembly.GetManifestResourceNames().Where(n => n.StartsWith(ResourcePrefix, StringComparison.Ordinal)))
        {
            using var stream = assembly.GetManifestResourceStream(resource)!;
            using var buffer = new MemoryStream();
            stream.CopyTo(buffer);
            var content = buffer.ToArray();
            var name = resource[ResourcePrefix.Length..];
            var etag = $"\"{Convert.ToHexStringLower(SHA256.HashData(content))[..16]}\"";
            assets[name] = new Asset(content, ContentTypeOf(name), etag);
        }
        return assets.ToFrozenDictionary(StringComparer.Ordinal);
    }

    private static string ContentTypeOf(string name) => Path.GetExtension(name) switch
    {
        ".css" => "text/css; charset=utf-8",
        ".js" => "text/javascript; charset=utf-8",
        ".svg" => "image/svg+xml",
        ".png" => "image/png",
        ".ico" => "image/x-icon",
        _ => "application/octet-stream",
    };
}
