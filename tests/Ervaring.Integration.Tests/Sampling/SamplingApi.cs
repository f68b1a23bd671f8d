using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace Ervaring.Integration.Tests.Sampling;

/// <summary>Small helpers that speak the admin API like the officer's tools would.</summary>
public static class SamplingApi
{
    public static object WaveBody(string municipality = "Voorbeeld", int year = 2026, string? region = null, string[]? municipalities = null) => new
    {
        name = $"Test {municipality} {year}",
        region,
        municipalities = municipalities ?? [municipality],
        year,
        fieldStart = $"{year}-03-01",
        fieldEnd = $"{year}-04-15",
    };

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
