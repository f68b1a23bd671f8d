using System.Net.Http.Json;
using System.Text.Json;

namespace Ervaring.Integration.Tests.Concurrency;

/// <summary>What one request of a burst came back with.</summary>
public sealed record Answer(int Status, string Body)
{
    public bool Succeeded => Status is >= 200 and < 300;

    /// <summary>The problem detail of an error answer, or null.</summary>
    public string? Detail
    {
        get
        {
            try { return JsonDocument.Parse(Body).RootElement.TryGetProperty("detail", out var d) ? d.GetString() : null; }
            catch (JsonException) { return null; }
        }
    }

    public JsonElement Json => JsonDocument.Parse(Body).RootElement.Clone();
}

/// <summary>
/// N identical requests released at the same moment over N open connections, as a double click, a retry and a
/// colleague would send them. The rule every state-changing endpoint must keep: each answer is a success with the
/// same body as the other successes, or a 409 with a Dutch explanation; never a 5xx.
/// </summary>
public static class Burst
{
    public const int Size = 8;

    public static HttpClient AdminClient(AppFixture fixture)
    {
        var client = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 64, UseCookies = false, AllowAutoRedirect = false })
        {
            BaseAddress = fixture.App.BaseAddress,
            Timeout = TimeSpan.FromMinutes(3),
        };
        client.DefaultRequestHeaders.Add("X-Api-Key", AppFixture.AdminKey);
        return client;
    }

    public static async Task<IReadOnlyList<Answer>> SendAsync(HttpClient client, Func<HttpRequestMessage> request, int size = Size)
    {
        // Open the connections first, so the burst is not serialised behind connection set-up.
        await Task.WhenAll(Enumerable.Range(0, size).Select(async _ => (await client.GetAsync("/health")).Dispose()));
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var tasks = Enumerable.Range(0, size).Select(async _ =>
        {
            using var message = request();
            await gate.Task;
            using var response = await client.SendAsync(message);
            return new Answer((int)response.StatusCode, await response.Content.ReadAsStringAsync());
        }).ToList();
        gate.SetResult();
        return await Task.WhenAll(tasks);
    }

    public static Func<HttpRequestMessage> Post(string path, object? json = null) =>
        () => new HttpRequestMessage(HttpMethod.Post, path) { Content = json is null ? null : JsonContent.Create(json) };

    public static Func<HttpRequestMessage> Put(string path, object json) =>
        () => new HttpRequestMessage(HttpMethod.Put, path) { Content = JsonContent.Create(json) };

    public static Func<HttpRequestMessage> Delete(string path) => () => new HttpRequestMessage(HttpMethod.Delete, path);

    public static Func<HttpRequestMessage> PostCsv(string path, byte[] csv) => () =>
    {
        var content = new ByteArrayContent(csv);
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("text/csv");
        return new HttpRequestMessage(HttpMethod.Post, path) { Content = content };
    };

    /// <summary>"200×1, 409×7": the statuses of a burst, for the record.</summary>
    public static string Summary(IEnumerable<Answer> answers) =>
        string.Join(", ", answers.GroupBy(a => a.Status).OrderBy(g => g.Key).Select(g => $"{g.Key}×{g.Count()}"));

    /// <summary>Every answer a success with one and the same body, or a 409 with a detail; at least one success; no 5xx.</summary>
    public static void AssertTakesEffectOnce(IReadOnlyList<Answer> answers)
    {
        var summary = Summary(answers);
        Assert.All(answers, a => Assert.True(a.Status < 500, $"{summary}: {a.Status} {Trim(a.Body)}"));
        Assert.All(answers, a => Assert.True(a.Succeeded || a.Status == 409, $"{summary}: {a.Status} {Trim(a.Body)}"));
        Assert.Contains(answers, a => a.Succeeded);
        var first = answers.First(a => a.Succeeded);
        Assert.All(answers.Where(a => a.Succeeded), a => Assert.True(a.Status == first.Status && a.Body == first.Body,
            $"{summary}: two successes with different answers:\n{Trim(first.Body)}\n{Trim(a.Body)}"));
        Assert.All(answers.Where(a => a.Status == 409), a => Assert.False(string.IsNullOrWhiteSpace(a.Detail), $"409 without a detail: {Trim(a.Body)}"));
    }

    public static string Trim(string body) => body.Length <= 400 ? body : body[..400] + "…";
}
