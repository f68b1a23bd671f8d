using System.Diagnostics;
using System.Net;
using Xunit.Abstractions;

namespace Ervaring.Integration.Tests.Load;

/// <summary>
/// Issue "Access control and hardening", item 7: a thousand families submit at the same moment, each with their
/// own link. Every submission is stored exactly once, every family gets its thank-you page, and nothing answers 5xx.
/// Throughput and latency are printed for the record, not asserted: this machine is shared.
/// </summary>
public sealed class LoadTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const int Families = 1_000;
    private readonly AppFixture _fixture = new();

    /// <summary>All load comes from one loopback address, so the per-client rate limits are lifted for this run.</summary>
    public static readonly Dictionary<string, string?> Unlimited = new()
    {
        ["Ervaring:RateLimits:SurveyPostsPerMinute"] = "100000000",
        ["Ervaring:RateLimits:AdminPerMinute"] = "100000000",
    };

    public async Task InitializeAsync() => await _fixture.InitializeWith(await AzuriteProcess.StartAsync(), Unlimited);
    public Task DisposeAsync() => _fixture.DisposeAsync();

    [Fact]
    public async Task A_thousand_concurrent_submissions_over_distinct_tokens_are_each_stored_exactly_once()
    {
        // A census wave: every client in the frame gets an invitation, so 1,100 clients give enough links.
        var scenario = await FieldingScenario.StartAsync(_fixture, clients: 1_100);
        Assert.True(scenario.Invitations.Count >= Families, $"only {scenario.Invitations.Count} invitations");
        var forms = await SubmissionRun.AnswersAsync(_fixture, scenario, Families);

        using var client = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false })
        {
            BaseAddress = _fixture.App.BaseAddress,
            Timeout = TimeSpan.FromMinutes(2),
        };
        var start = new TaskCompletionSource();
        var clock = new Stopwatch();
        var tasks = forms.Select(async f =>
        {
            await start.Task; // all thousand released together
            return await SubmissionRun.SubmitAsync(client, f.Key, f.Value);
        }).ToList();
        clock.Start();
        start.SetResult();
        var results = await Task.WhenAll(tasks);
        clock.Stop();

        var latencies = results.Select(r => r.Latency).ToList();
        output.WriteLine($"{results.Length} concurrent submissions in {clock.Elapsed.TotalSeconds:F2} s: " +
                         $"{results.Length / clock.Elapsed.TotalSeconds:F0} submissions/s, p50 {SubmissionRun.Percentile(latencies, 0.50).TotalMilliseconds:F0} ms, " +
                         $"p99 {SubmissionRun.Percentile(latencies, 0.99).TotalMilliseconds:F0} ms, max {latencies.Max().TotalMilliseconds:F0} ms");

        Assert.All(results, r => Assert.True((int)r.Status < 500, $"{(int)r.Status}: {r.Body[..Math.Min(300, r.Body.Length)]}"));
        Assert.All(results, r => Assert.Equal(HttpStatusCode.OK, r.Status));
        // Distinct tokens, so every family gets the thank-you page; the one exception is the client's own resend: when a
        // pooled connection drops after the server took the post, the HTTP stack may send it again, and that second
        // copy meets the stored answer ("al ingevuld"). Either way the answer is stored, once; any other page fails.
        var resent = results.Count(r => r.AlreadyDone);
        if (resent > 0) output.WriteLine($"{resent} post(s) re-sent by the HTTP client after a dropped connection met the stored answer");
        Assert.All(results, r => Assert.True(r.ThankYou || r.AlreadyDone, $"neither thanks nor already done: {r.Body[..Math.Min(300, r.Body.Length)]}"));
        Assert.True(resent <= Families / 100, $"{resent} already-done pages: more than transport resends explain");
        Assert.Equal(Families, await SubmissionRun.CloseAndCountAsync(_fixture, scenario.WaveId));
    }
}
