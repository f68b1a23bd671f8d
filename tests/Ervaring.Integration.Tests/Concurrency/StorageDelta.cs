using System.Text.RegularExpressions;
using Ervaring.Integration.Tests.Hostile;

namespace Ervaring.Integration.Tests.Concurrency;

/// <summary>
/// What an action changed in storage (every table entity and blob, the audit log aside), as created / changed /
/// deleted items whose names are made comparable between two waves: wave ids and municipality names become
/// placeholders, and random parts (invitation ids, keyed hashes, event keys, time stamps) become '#'.
/// The change made by a burst of identical requests must equal the change made by one request on a twin wave.
/// </summary>
public sealed partial class StorageDelta(IReadOnlyList<string> raw, IReadOnlyList<(string From, string To)> names)
{
    /// <summary>The differences as read, before names were made comparable.</summary>
    public IReadOnlyList<string> Raw { get; } = raw;

    public IReadOnlyDictionary<string, int> Items { get; } = raw.Select(d => Normalise(d, names)).GroupBy(d => d).ToDictionary(g => g.Key, g => g.Count());

    /// <summary>The same delta with names known only afterwards (the id of a wave the action created).</summary>
    public StorageDelta Named(params (string From, string To)[] more) => new(Raw, [.. names, .. more]);

    public int Count(string prefix) => Items.Where(i => i.Key.StartsWith(prefix, StringComparison.Ordinal)).Sum(i => i.Value);

    public static async Task<StorageDelta> OfAsync(string connectionString, Func<Task> action, params (string From, string To)[] names)
    {
        var before = await StorageSnapshot.TakeAsync(connectionString);
        await action();
        var after = await StorageSnapshot.TakeAsync(connectionString);
        return new StorageDelta(before.DifferencesTo(after), names);
    }

    public static string Normalise(string item, IEnumerable<(string From, string To)> names)
    {
        // Names inside storage keys are encoded (StorageKeys.Encode): read them back first, so they can be replaced too.
        item = EncodedPart().Replace(item, m => Ervaring.Storage.StorageKeys.Decode(m.Value) is { Length: > 0 } text && !text.Any(char.IsControl) ? $"«{text}»" : m.Value);
        // Longest names first, so a wave id is replaced before the municipality name inside it.
        foreach (var (from, to) in names.Where(n => n.From.Length > 0).OrderByDescending(n => n.From.Length))
            item = item.Replace(from, to, StringComparison.Ordinal);
        item = Hex().Replace(item, "#");
        item = Stamp().Replace(item, "#");
        item = IndexPartition().Replace(item, "/ # /");
        return item;
    }

    [GeneratedRegex(@"(?<=[|/] ?)[A-Za-z0-9_-]{4,}(?=\||$| )")]
    private static partial Regex EncodedPart();

    /// <summary>Human-readable differences between two deltas ("created: … — 270 vs 820").</summary>
    public IReadOnlyList<string> DifferencesTo(StorageDelta other) =>
        Items.Keys.Union(other.Items.Keys).Order(StringComparer.Ordinal)
            .Where(k => Items.GetValueOrDefault(k) != other.Items.GetValueOrDefault(k))
            .Select(k => $"{k} — {Items.GetValueOrDefault(k)} vs {other.Items.GetValueOrDefault(k)}")
            .ToList();

    public override string ToString() => string.Join("\n", Items.OrderBy(i => i.Key, StringComparer.Ordinal).Select(i => $"{i.Value,5} × {i.Key}"));

    [GeneratedRegex("[0-9a-f]{16,}")]
    private static partial Regex Hex();

    [GeneratedRegex(@"\d{8}T\d{6,9}")]
    private static partial Regex Stamp();

    [GeneratedRegex("/ [0-9a-f]{2} /")]
    private static partial Regex IndexPartition();
}
