using System.Collections.Concurrent;
using System.Net;
using Xunit.Abstractions;

namespace Ervaring.Integration.Tests.Load;

/// <summary>
/// A stream of submissions during which storage goes away and comes back (Azurite on disk, stopped and
/// restarted part-way). Every submission acknowledged before or after the outage is stored; every one that hit
/// the outage got a 503 and succeeds when sent again. The single-submit version is Survey/StorageOutageTests.
/// </summary>
public sealed class StorageOutageRunTests(ITestOutputHelper output) : OnRestartableStorage(LoadTests.Unlimited)
{
    private const int Families = 120;
    private const int Parallelism = 6;

    [Fact]
    public async Task Submissions_across_a_storage_outage_are_stored_when_acknowledged_and_succeed_on_retry_when_refused_with_503()
    {
        var scenario = await FieldingScenario.StartAsync(Fixture, clients: 160);
        var forms = await SubmissionRun.AnswersAsync(Fixture, scenario, Families);
        var queue = new ConcurrentQueue<string>(forms.Keys);
        using var client = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false })
        {
            BaseAddress = Fixture.App.BaseAddress,
            Timeout = TimeSpan.FromMinutes(1),
        };

        var results = new ConcurrentBag<(Submission Result, string Phase)>();
        var phase = "before";
        var acknowledgedBefore = 0;
        var workers = Enumerable.Range(0, Parallelism).Select(async _ =>
        {
            while (queue.TryDequeue(out var token))
            {
                var current = Volatile.Read(ref phase);
                var result = await SubmissionRun.SubmitAsync(client, token, forms[token]);
                results.Add((result, current));
                if (result.ThankYou && current == "before") Interlocked.Increment(ref acknowledgedBefore);
                // Pace the stream so the outage falls in the middle of it: a little always, and like a family
                // that is told "try again in a few minutes", hold back after a 503 (restarting storage takes seconds).
                await Task.Delay(result.Status == HttpStatusCode.ServiceUnavailable ? 1_000 : 20);
            }
        }).ToList();

        // The outage: once a third is acknowledged, storage goes away for a few seconds, then comes back.
        var waitUntil = DateTime.UtcNow.AddSeconds(60);
        while (Volatile.Read(ref acknowledgedBefore) < Families / 3 && DateTime.UtcNow < waitUntil) await Task.Delay(10);
        Assert.True(acknowledgedBefore >= Families / 3, $"only {acknowledgedBefore} acknowledged before the outage");
        Volatile.Write(ref phase, "during");
        await Azurite.StopAsync();
        var outageStart = DateTime.UtcNow;
        while (results.Count(r => r.Phase == "during" && r.Result.Status == HttpStatusCode.ServiceUnavailable) < 6 && DateTime.UtcNow - outageStart < TimeSpan.FromSeconds(30))
            await Task.Delay(50);
        await Azurite.StartAgainAsync();
        Volatile.Write(ref phase, "after");
        await Task.WhenAll(workers);

        var all = results.ToList();
        output.WriteLine(string.Join(", ", all.GroupBy(r => (r.Phase, (int)r.Result.Status, r.Result.ThankYou)).OrderBy(g => g.Key.Phase)
            .Select(g => $"{g.Key.Phase} {g.Key.Item2}{(g.Key.ThankYou ? " thanks" : "")}: {g.Count()}")));

        Assert.All(all, r => Assert.True(r.Result.ThankYou || r.Result.Status == HttpStatusCode.ServiceUnavailable,
            $"{r.Phase}: {(int)r.Result.Status} {r.Result.Body[..Math.Min(300, r.Result.Body.Length)]}"));
        var refused = all.Where(r => r.Result.Status == HttpStatusCode.ServiceUnavailable).Select(r => r.Result).ToList();
        Assert.NotEmpty(refused);
        Assert.Contains(all, r => r.Phase == "before" && r.Result.ThankYou);
        Assert.Contains(all, r => r.Phase == "after" && r.Result.ThankYou);
        Assert.All(refused, r => Assert.Contains("Probeer het over een paar minuten nog eens", r.Body));

        // Sent again after the outage: each stored exactly once. A submit whose write reached storage just before
        // it went away may already be complete; then "already done" is the right answer, and it is stored once.
        foreach (var failed in refused)
        {
            var retry = await SubmissionRun.SubmitAsync(client, failed.Token, forms[failed.Token]);
            Assert.True(retry.ThankYou || retry.AlreadyDone, $"retry {(int)retry.Status}: {retry.Body[..Math.Min(300, retry.Body.Length)]}");
        }
        var submitted = all.Select(r => r.Result.Token).Distinct().Count();
        Assert.Equal(Families, submitted);
        Assert.Equal(submitted, await SubmissionRun.CloseAndCountAsync(Fixture, scenario.WaveId));
    }
}
