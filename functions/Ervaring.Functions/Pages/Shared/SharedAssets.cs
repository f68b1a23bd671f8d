using System.Collections.Frozen;
using System.Reflection;
using System.Security.Cryptography;
using Ervaring.Functions.Hosting.Functions;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Net.Http.Headers;

namespace Ervaring.Functions.Pages.Shared;

/// <summary>
/// Serves the few static files the pages need (the stylesheet, later perhaps an icon) from resources
/// embedded in the app, under <c>/assets/</c>. A function rather than static files next to the app, so
/// nothing outside this folder can ever be served. Add a file to <c>Pages/Assets/</c> and it is served under its own name.
/// </summary>
public sealed class SharedAssets
{
    public const string StylesheetPath = "/assets/ervaring.css";

    private const string ResourcePrefix = "assets/";

    private sealed record Asset(byte[] Content, string ContentType, string ETag);

    private static readonly FrozenDictionary<string, Asset> Assets = Load();

    [Function("Assets")]
    [Public("The stylesheet and scripts of the public pages; nothing outside Pages/Assets can be served.")]
    public static IResult Serve(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", "head", Route = "assets/{name}")] HttpRequest request, string name)
    {
        if (!Assets.TryGetValue(name, out var asset)) return Results.NotFound();
        // Names are fixed per release; an hour of caching with revalidation keeps deploys visible soon.
        request.HttpContext.Response.Headers.CacheControl = "public, max-age=3600";
        return Results.Bytes(asset.Content, asset.ContentType, entityTag: new EntityTagHeaderValue(asset.ETag));
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
