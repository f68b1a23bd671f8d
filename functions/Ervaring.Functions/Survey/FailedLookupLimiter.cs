using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using Ervaring.Functions.Hosting.Settings;
using Microsoft.Extensions.Options;

namespace Ervaring.Functions.Survey;

/// <summary>
/// Limits failed token and short-code look-ups per client: after <c>Ervaring:Survey:MaxFailedLookups</c>
/// (default 10) failures within 15 minutes, further look-ups from that client get a 429 page until the
/// window has passed. Guessing a 59-bit short code is hopeless anyway; this makes it hopeless and loud.
/// Addresses are only held in memory, hashed with a per-process random key, never logged or stored.
/// Under the Functions host the client address is the first X-Forwarded-For entry (the platform's front end
/// sets it); elsewhere that header is not trusted.
/// </summary>
public sealed class FailedLookupLimiter(IOptions<ErvaringSettings> settings, TimeProvider clock)
{
    private static readonly TimeSpan Window = TimeSpan.FromMinutes(15);
    private readonly byte[] _key = RandomNumberGenerator.GetBytes(32);
    private readonly ConcurrentDictionary<string, Queue<DateTimeOffset>> _failures = new();

    private int MaxFailures => settings.Value.Survey.MaxFailedLookups;

    public bool IsBlocked(HttpContext context) => Count(ClientKey(context)) >= MaxFailures;

    public void RecordFailure(HttpContext context)
    {
        var queue = _failures.GetOrAdd(ClientKey(context), _ => new Queue<DateTimeOffset>());
        lock (queue) queue.Enqueue(clock.GetUtcNow());
        if (_failures.Count > 100_000) Sweep();
    }

    private int Count(string key)
    {
        if (!_failures.TryGetValue(key, out var queue)) return 0;
        lock (queue)
        {
            var cutoff = clock.GetUtcNow() - Window;
            while (queue.Count > 0 && queue.Peek() < cutoff) queue.Dequeue();
            return queue.Count;
        }
    }

    private void Sweep()
    {
        foreach (var key in _failures.Keys)
            if (Count(key) == 0) _failures.TryRemove(key, out _);
    }

    private string ClientKey(HttpContext context)
    {
        var address = Security.RequestRateLimits.ClientAddress(context);
        return Convert.ToHexString(HMACSHA256.HashData(_key, Encoding.UTF8.GetBytes(address)));
    }
}
