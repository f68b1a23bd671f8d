using System.Diagnostics;

namespace Ervaring.Benchmarks.Http;

/// <summary>Result of one fixed-rate run.</summary>
public sealed record LoadResult(
    string Name, int TargetRate, int Sent, int Succeeded, int Failed, double AchievedRate,
    double P50Ms, double P99Ms, double MaxMs, long BytesPerResponse, IReadOnlyDictionary<int, int> StatusCounts, bool Truncated)
{
    public bool Held(double p99TargetMs) => Failed == 0 && !Truncated && P99Ms < p99TargetMs && AchievedRate >= TargetRate * 0.95;
}

/// <summary>
/// An open-model load driver: request i is due at start + i/rate whatever happened to the earlier ones (no
/// waiting for responses, so a slow server cannot slow the arrival rate down and hide its own latency).
/// Latency is measured from the request's due time, so client-side lag counts against the server, not for it.
/// Bounded: at most <c>count</c> requests, stops issuing after <c>maxDuration</c>, every request has a timeout.
/// </summary>
public static class OpenModelLoad
{
    public static async Task<LoadResult> RunAsync(
        string name, HttpClient client, int rate, int count, TimeSpan maxDuration,
        Func<int, HttpRequestMessage> request, Func<HttpResponseMessage, bool> success, TimeSpan? requestTimeout = null) =>
        (await RunInterleavedAsync([name], client, rate, count, maxDuration, (_, i) => request(i), success, requestTimeout))[0];

    /// <summary>
    /// Several kinds of request side by side in one run: request <c>i</c> is of kind <c>i % kinds</c> (its own
    /// index <c>i / kinds</c>), each kind at <c>ratePerKind</c>, so every kind meets the same machine, the same
    /// JIT tiering and the same storage state. One result per kind.
    /// </summary>
    public static async Task<IReadOnlyList<LoadResult>> RunInterleavedAsync(
        IReadOnlyList<string> names, HttpClient client, int ratePerKind, int countPerKind, TimeSpan maxDuration,
        Func<int, int, HttpRequestMessage> request, Func<HttpResponseMessage, bool> success, TimeSpan? requestTimeout = null)
    {
        var kinds = names.Count;
        var rate = ratePerKind * kinds;
        var count = countPerKind * kinds;
        var latencies = new double[count];
        var codes = new int[count];
        var good = new bool[count];
        var bytes = new long[count];
        var tasks = new List<Task>(count);
        var timeout = requestTimeout ?? TimeSpan.FromSeconds(10);
        var frequency = Stopwatch.Frequency;
        var start = Stopwatch.GetTimestamp();
        var issued = 0;
        var truncated = false;
        while (issued < count)
        {
            var elapsed = Stopwatch.GetElapsedTime(start);
            if (elapsed > maxDuration) { truncated = true; break; }
            var due = Math.Min(count, (int)(elapsed.TotalSeconds * rate) + 1);
            for (; issued < due; issued++)
            {
                var i = issued;
                var dueAt = start + (long)((double)i / rate * frequency);
                tasks.Add(Task.Run(() => SendAsync(i, dueAt)));
            }
            await Task.Delay(1);
        }

        using (var all = new CancellationTokenSource(timeout + TimeSpan.FromSeconds(5)))
        {
            try { await Task.WhenAll(tasks).WaitAsync(all.Token); } catch (OperationCanceledException) { truncated = true; }
        }
        var wall = Stopwatch.GetElapsedTime(start).TotalSeconds;

        return names.Select((name, kind) =>
        {
            var mine = Enumerable.Range(0, issued).Where(i => i % kinds == kind).ToArray();
            var succeeded = mine.Count(i => good[i]);
            var sorted = mine.Where(i => latencies[i] > 0).Select(i => latencies[i]).Order().ToArray();
            var statusCounts = mine.GroupBy(i => codes[i]).ToDictionary(g => g.Key, g => g.Count());
            return new LoadResult(name, ratePerKind, mine.Length, succeeded, mine.Length - succeeded, sorted.Length / wall,
                Percentile(sorted, 0.50), Percentile(sorted, 0.99), sorted.Length == 0 ? double.NaN : sorted[^1],
                mine.Length == 0 ? 0 : (long)mine.Average(i => bytes[i]), statusCounts, truncated);
        }).ToList();

        async Task SendAsync(int i, long dueAt)
        {
            using var cts = new CancellationTokenSource(timeout);
            try
            {
                using var message = request(i % kinds, i / kinds);
                using var response = await client.SendAsync(message, HttpCompletionOption.ResponseContentRead, cts.Token);
                var body = await response.Content.ReadAsByteArrayAsync(cts.Token);
                latencies[i] = (Stopwatch.GetTimestamp() - dueAt) * 1000.0 / frequency;
                bytes[i] = body.Length;
                codes[i] = (int)response.StatusCode;
                good[i] = success(response);
            }
            catch (Exception)
            {
                latencies[i] = (Stopwatch.GetTimestamp() - dueAt) * 1000.0 / frequency;
                codes[i] = 0; // no response (timeout or connection error)
            }
        }
    }

    public static double Percentile(double[] sorted, double p)
    {
        if (sorted.Length == 0) return double.NaN;
        var rank = (int)Math.Ceiling(p * sorted.Length) - 1;
        return sorted[Math.Clamp(rank, 0, sorted.Length - 1)];
    }
}
