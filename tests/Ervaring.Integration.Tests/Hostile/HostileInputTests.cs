using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Ervaring.Functions.Survey;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace Ervaring.Integration.Tests.Hostile;

/// <summary>
/// Issue "Access control and hardening", item 6: every endpoint the running app routes gets thousands of
/// generated malformed requests from a deterministic seed (set HOSTILE_SEED to explore others). The app must
/// never answer 5xx, must answer a 4xx in Dutch (problem JSON for /api, an HTML page elsewhere) without a stack
/// trace, must never echo a script payload unencoded, and must store nothing: storage is compared item by item,
/// ETag by ETag, before and after.
/// </summary>
public sealed class HostileInputTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const int DefaultSeed = 20260701;
    private const int Cases = 10_500;
    private const int Parallelism = 8;

    private readonly AppFixture _fixture = new();

    public Task InitializeAsync() => InitializeAppAsync();

    private async Task InitializeAppAsync()
    {
        // Failed look-ups would otherwise lock loopback out after ten junk tokens and every later /s case
        // would only ever see the 429 page; the limiter itself is tested in SurveyHttpTests.
        await _fixture.InitializeWith(await AzuriteProcess.StartAsync(), new Dictionary<string, string?>
        {
            ["Ervaring:Survey:MaxFailedLookups"] = "100000000",
            // Thousands of requests from one loopback address: the rate limits would (rightly) refuse most of them.
            ["Ervaring:RateLimits:SurveyPostsPerMinute"] = "100000000",
            ["Ervaring:RateLimits:AdminPerMinute"] = "100000000",
        });
    }

    public Task DisposeAsync() => _fixture.DisposeAsync();

    /// <summary>Every route the running app serves, with its methods and parameter names.</summary>
    private IReadOnlyList<EndpointShape> Endpoints()
    {
        var source = _fixture.App.Services.GetRequiredService<EndpointDataSource>();
        return source.Endpoints.OfType<RouteEndpoint>()
            .Select(e => new EndpointShape(
                "/" + (e.RoutePattern.RawText ?? "").TrimStart('/'),
                e.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods.ToArray() is { Length: > 0 } methods ? methods : ["GET"],
                e.RoutePattern.Parameters.Select(p => p.Name).ToArray()))
            .GroupBy(e => e.ToString()).Select(g => g.First())
            .OrderBy(e => e.Pattern, StringComparer.Ordinal).ThenBy(e => e.ToString(), StringComparer.Ordinal)
            .ToList();
    }

    private async Task<SeededIds> SeedAsync()
    {
        var scenario = await FieldingScenario.StartAsync(_fixture, clients: 30);
        using var admin = _fixture.AdminClient();
        var draft = await CreateWaveAsync(admin, WaveBody("Kladdorp"));
        var session = _fixture.App.Services.GetRequiredService<SurveySession>();
        var invitations = new List<(string, string, Ervaring.Core.Surveys.SurveyDefinition)>();
        using var family = _fixture.App.CreateClient();
        foreach (var invitation in scenario.Invitations.Take(6))
        {
            var opened = await session.OpenAsync(invitation.Token, null, CancellationToken.None);
            invitations.Add((invitation.Token, invitation.Code, opened.Context!.BaseDefinition));
            // The first visit marks the invitation "opened" by design; do it now, so the snapshot starts after it.
            Assert.Equal(HttpStatusCode.OK, (await family.GetAsync(SurveyLinks.For(invitation.Token))).StatusCode);
        }
        return new SeededIds(scenario.WaveId, draft, invitations, await SignInAsync());
    }

    /// <summary>Signs in on the admin page as a beheerder; returns the cookies and a form token bound to them.</summary>
    private async Task<AdminSignIn> SignInAsync()
    {
        var cookies = new CookieContainer();
        using var browser = new HttpClient(new HttpClientHandler { CookieContainer = cookies, AllowAutoRedirect = false }) { BaseAddress = _fixture.App.BaseAddress };
        Assert.Equal(HttpStatusCode.Redirect, (await AdminPageSignIn.SignInAsync(browser, AppFixture.AdminKey)).StatusCode);
        var token = AdminPageSignIn.FormToken(await browser.GetStringAsync("/beheer/metingen/nieuw"));
        Assert.NotEmpty(token);
        return new AdminSignIn(cookies.GetCookieHeader(_fixture.App.BaseAddress), token);
    }

    [Fact]
    public async Task Ten_thousand_generated_hostile_requests_get_no_5xx_no_stack_trace_no_unencoded_script_and_store_nothing()
    {
        var seed = int.TryParse(Environment.GetEnvironmentVariable("HOSTILE_SEED"), out var s) ? s : DefaultSeed;
        var seeded = await SeedAsync();
        var endpoints = Endpoints();
        output.WriteLine($"seed {seed}; {endpoints.Count} endpoints:\n  " + string.Join("\n  ", endpoints));
        Assert.Contains(endpoints, e => e.Pattern == "/s" && e.Methods.Contains("POST"));
        Assert.Contains(endpoints, e => e.Pattern == "/api/waves/{id}/frame");

        using var admin = _fixture.AdminClient();
        var waveBefore = await admin.GetStringAsync($"/api/waves/{seeded.FieldingWaveId}");
        var draftBefore = await admin.GetStringAsync($"/api/waves/{seeded.DraftWaveId}");
        var before = await StorageSnapshot.TakeAsync(_fixture.Azurite.ConnectionString);

        var cases = new HostileInputGenerator(seed, endpoints, seeded).Generate(Cases).ToList();
        using var client = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false, MaxConnectionsPerServer = Parallelism * 2 })
        {
            BaseAddress = _fixture.App.BaseAddress,
            Timeout = TimeSpan.FromSeconds(60),
        };
        var failures = new ConcurrentQueue<string>();
        var statuses = new ConcurrentDictionary<string, int>();
        var clock = Stopwatch.StartNew();
        await Parallel.ForEachAsync(cases, new ParallelOptions { MaxDegreeOfParallelism = Parallelism }, async (hostile, cancellationToken) =>
        {
            foreach (var problem in await RunAsync(client, hostile, statuses, cancellationToken))
                failures.Enqueue($"{hostile.Describe()}: {problem}");
        });
        clock.Stop();

        var after = await StorageSnapshot.TakeAsync(_fixture.Azurite.ConnectionString);
        output.WriteLine($"{cases.Count} cases in {clock.Elapsed.TotalSeconds:F1} s ({cases.Count / clock.Elapsed.TotalSeconds:F0}/s), seed {seed}");
        foreach (var (key, count) in statuses.OrderBy(p => p.Key, StringComparer.Ordinal)) output.WriteLine($"  {key}: {count}");

        Assert.True(cases.Count >= 10_000);
        // Both verdicts in one message: a bad answer must not hide stored junk, nor the other way round.
        var kinds = failures.Select(Summarise).GroupBy(k => k).OrderByDescending(g => g.Count()).Select(g => $"{g.Count(),5} x {g.Key}");
        var changes = before.DifferencesTo(after);
        Assert.True(failures.IsEmpty && changes.Count == 0,
            $"{failures.Count} failing cases (seed {seed}); by kind:\n{string.Join("\n", kinds)}\nexamples:\n{string.Join("\n", failures.Take(25))}\n" +
            $"{changes.Count} storage changes by hostile requests:\n{string.Join("\n", changes.Take(40))}");
        Assert.Equal(waveBefore, await admin.GetStringAsync($"/api/waves/{seeded.FieldingWaveId}"));
        Assert.Equal(draftBefore, await admin.GetStringAsync($"/api/waves/{seeded.DraftWaveId}"));
        output.WriteLine($"storage unchanged: {before.Count("table ")} table items, {before.Count("blob ")} blobs");
    }

    /// <summary>"POST /s/: status 500" — the shape of a failure without the case's random details.</summary>
    private static string Summarise(string failure)
    {
        var match = Regex.Match(failure, @"^#\d+ \[\w+\] (\S+) (\S+?)(\?\S*)? keys=.*?B: (.{0,70})", RegexOptions.Singleline);
        if (!match.Success) return HostileCase.Shorten(failure, 100);
        var path = Regex.Replace(match.Groups[2].Value, "^/(api/waves|s|beheer/metingen)/[^/]+", "/$1/…");
        return $"{match.Groups[1].Value} {path}: {match.Groups[4].Value.Split('\n')[0]}";
    }

    private static readonly Regex StackTrace = new(
        @"\bat [A-Z][\w`.<>]+\(|\.cs:line \d|\b\w*Exception\b|\bSystem\.[A-Z]\w+\.|\bMicrosoft\.[A-Z]\w+\.|StackTrace|Ervaring\.(Functions|Core|Storage)\.",
        RegexOptions.Compiled);

    /// <summary>The framework's English defaults: a Dutch app must never show these as the title.</summary>
    private static readonly HashSet<string> EnglishTitles = new(StringComparer.OrdinalIgnoreCase)
    {
        "Bad Request", "Unauthorized", "Forbidden", "Not Found", "Method Not Allowed", "Conflict", "Payload Too Large", "Content Too Large",
        "Unsupported Media Type", "Unprocessable Entity", "Unprocessable Content", "Too Many Requests", "Request Entity Too Large",
        "One or more validation errors occurred.", "An error occurred while processing your request.", "Internal Server Error",
    };

    private static async Task<List<string>> RunAsync(HttpClient client, HostileCase hostile, ConcurrentDictionary<string, int> statuses, CancellationToken cancellationToken)
    {
        var problems = new List<string>();
        HttpResponseMessage response;
        string body;
        try
        {
            (response, body) = await SendWithRetriesAsync(client, hostile, cancellationToken);
        }
        catch (HttpRequestException) when (hostile.Body is { Length: > LargeBody })
        {
            // The server may answer and close the connection while a large body is still being sent (Kestrel
            // gives up draining an unread body); the client then sees a broken pipe instead of the answer.
            statuses.AddOrUpdate("large body: connection closed by server", 1, (_, n) => n + 1);
            return problems;
        }
        catch (Exception ex)
        {
            problems.Add($"transport failure after {Attempts} attempts: {Describe(ex)}");
            return problems;
        }
        using (response)
        {
            var status = (int)response.StatusCode;
            statuses.AddOrUpdate($"{hostile.Endpoint} -> {status}", 1, (_, n) => n + 1);
            var mediaType = response.Content.Headers.ContentType?.MediaType ?? "";

            if (status >= 500) problems.Add($"status {status}: {HostileCase.Shorten(body, 300)}");
            if (StackTrace.Match(body) is { Success: true } trace) problems.Add($"stack trace or type name '{trace.Value}' in body: {HostileCase.Shorten(body, 300)}");
            foreach (var marker in HostileInputGenerator.ScriptMarkers)
                if (body.Contains(marker, StringComparison.OrdinalIgnoreCase)) problems.Add($"script payload '{marker}' came back unencoded");
            if (response.Headers.Location is { } location && ((location.IsAbsoluteUri && location.Authority != client.BaseAddress!.Authority) || location.OriginalString.StartsWith("//", StringComparison.Ordinal) || location.OriginalString.StartsWith("/\\", StringComparison.Ordinal)))
                problems.Add($"redirect off the site to '{location}'");

            if (status is >= 400 and < 500 && hostile.Method != "HEAD")
            {
                var wantsJson = hostile.IsApi || (hostile.Accept?.Contains("json", StringComparison.OrdinalIgnoreCase) ?? false);
                if (mediaType is "application/problem+json" or "application/json")
                {
                    if (!wantsJson) problems.Add($"{status} page answered with JSON");
                    else problems.AddRange(CheckProblemJson(status, body));
                }
                else if (mediaType == "text/html")
                {
                    if (hostile.IsApi) problems.Add($"{status} on the API answered with HTML");
                    else if (!Regex.IsMatch(body, "<html lang=\"[a-z]{2}\"")) problems.Add($"{status} HTML page is not a page: {HostileCase.Shorten(body, 200)}");
                }
                // Kestrel itself refuses some request lines (a NUL in the path) before the app runs; nothing in
                // the app can answer those, and they carry no body at all. Anything the app answers has one.
                else if (!(body.Length == 0 && IsRefusedByKestrel(hostile, status)))
                    problems.Add($"{status} answered with '{mediaType}': {HostileCase.Shorten(body, 200)}");
            }
        }
        return problems;
    }

    private const int Attempts = 3;
    private const int LargeBody = 64 * 1024;

    /// <summary>
    /// A pooled keep-alive connection the server had just closed (it does after some 4xx answers) fails the
    /// request before it reaches the app; so does a loaded machine that resets a connection. Such a request is
    /// sent again on a fresh connection; only a request that fails every time counts.
    /// </summary>
    private static async Task<(HttpResponseMessage Response, string Body)> SendWithRetriesAsync(HttpClient client, HostileCase hostile, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                using var request = hostile.ToRequest();
                var response = await client.SendAsync(request, cancellationToken);
                try { return (response, await response.Content.ReadAsStringAsync(cancellationToken)); }
                catch { response.Dispose(); throw; }
            }
            catch (HttpRequestException) when (attempt < Attempts)
            {
                await Task.Delay(100 * attempt, cancellationToken);
            }
        }
    }

    /// <summary>The whole chain of messages, so a transport failure in a CI log says what happened.</summary>
    private static string Describe(Exception ex)
    {
        var messages = new List<string>();
        for (var e = ex; e is not null; e = e.InnerException) messages.Add($"{e.GetType().Name}: {e.Message}");
        return string.Join(" <- ", messages);
    }

    /// <summary>Requests Kestrel answers itself, before any middleware: a NUL in the path, a request line over 8 KB.</summary>
    private static bool IsRefusedByKestrel(HostileCase hostile, int status) =>
        (status == 400 && hostile.PathAndQuery.Contains("%00", StringComparison.Ordinal)) ||
        (status == 414 && hostile.PathAndQuery.Length > 8 * 1024 - 64);

    private static IEnumerable<string> CheckProblemJson(int status, string body)
    {
        JsonElement root;
        try { root = JsonDocument.Parse(body).RootElement; }
        catch (JsonException) { return [$"{status} problem JSON does not parse: {HostileCase.Shorten(body, 200)}"]; }
        if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("title", out var title) || title.ValueKind != JsonValueKind.String)
            return [$"{status} problem JSON has no title: {HostileCase.Shorten(body, 200)}"];
        if (EnglishTitles.Contains(title.GetString()!)) return [$"{status} problem JSON has an English title '{title.GetString()}'"];
        if (!root.TryGetProperty("status", out var reported) || reported.GetInt32() != status) return [$"{status} problem JSON reports another status: {HostileCase.Shorten(body, 200)}"];
        return [];
    }
}
