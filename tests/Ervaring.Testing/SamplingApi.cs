using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Xunit;

namespace Ervaring.Testing;

/// <summary>Small helpers that speak the admin API like the officer's tools would.</summary>
public static class SamplingApi
{
    /// <param name="supplementary">An extra wave next to the municipality's wave for that year (one per year otherwise).</param>
    public static object WaveBody(string municipality = "Voorbeeld", int year = 2026, string? region = null, string[]? municipalities = null,
        string? name = null, bool supplementary = false) => new
        {
            name = name ?? $"Test {municipality} {year}",
            region,
            municipalities = municipalities ?? [municipality],
            year,
            fieldStart = $"{year}-03-01",
            fieldEnd = $"{year}-04-15",
            supplementary,
        };

    /// <summary>A municipality name of its own ("Voorbeeld3f9a1c"): a municipality has one wave per year.</summary>
    public static string UniquePlace(string stem = "Voorbeeld") => stem + Guid.NewGuid().ToString("N")[..6];

    public static async Task<string> CreateWaveAsync(HttpClient client, object? body = null)
    {
        var response = await client.PostAsJsonAsync("/api/waves", body ?? WaveBody());
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, text);
        return JsonDocument.Parse(text).RootElement.GetProperty("id").GetString()!;
    }

    public static Task<HttpResponseMessage> PostCsvAsync(HttpClient client, string path, byte[] csv, string contentType = "text/csv")
    {
        var content = new ByteArrayContent(csv);
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue(contentType);
        return client.PostAsync(path, content);
    }

    public static Task<HttpResponseMessage> PostCsvAsync(HttpClient client, string path, string csv) =>
        PostCsvAsync(client, path, Encoding.UTF8.GetBytes(csv));

    public static async Task<JsonElement> JsonAsync(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        try { return JsonDocument.Parse(text).RootElement.Clone(); }
        catch (JsonException) { throw new Xunit.Sdk.XunitException($"Not JSON ({(int)response.StatusCode}): {text}"); }
    }
}
