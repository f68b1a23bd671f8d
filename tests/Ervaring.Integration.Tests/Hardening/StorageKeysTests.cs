using Ervaring.Storage;
using Ervaring.Storage.Aggregates;
using Microsoft.Extensions.DependencyInjection;

namespace Ervaring.Integration.Tests.Hardening;

/// <summary>
/// <see cref="StorageKeys.Encode"/> turns any text into a key part Azure Table storage accepts — checked against the
/// real emulator, which refuses the same characters Azure does — without two texts ever sharing a key.
/// </summary>
public sealed class StorageKeysTests : IAsyncLifetime
{
    private readonly AppFixture _fixture = new();

    public Task InitializeAsync() => _fixture.InitializeAsync();
    public Task DisposeAsync() => _fixture.DisposeAsync();

    public static readonly string[] Hostile =
    [
        "Bergen/L", "Oost\\West", "Hekje#1", "Vraag?teken", "a|b", "|", "", " ", "fieldwork|ouders",
        new string(Enumerable.Range(0, 0x20).Select(i => (char)i).ToArray()),
        new string(Enumerable.Range(0x7F, 0x21).Select(i => (char)i).ToArray()),
        "Tab\tStad", "Nul\0Stad",
        new string('x', 1024), new string('x', 1023) + "y", new string('东', 1024), new string('/', 100_000),
        "Αθήνα", "东京", "Москва", "😀 emoji", "e\u0301", "\u00e9",
        "\ud800", "\udbff", "A\ud800", "A\udbff",
    ];

    [Fact]
    public void Every_text_becomes_a_distinct_valid_key_part_and_short_ones_decode_again()
    {
        var parts = Hostile.Select(StorageKeys.Encode).ToList();
        Assert.Equal(Hostile.Length, parts.Distinct(StringComparer.Ordinal).Count());
        Assert.All(parts, p => Assert.True(StorageKeys.IsValidKey(p) && p.Length <= 200 && !p.Contains('|'), p));
        foreach (var text in Hostile.Where(t => System.Text.Encoding.UTF8.GetByteCount(t) <= StorageKeys.MaxReversibleBytes && !Broken(t)))
            Assert.Equal(text, StorageKeys.Decode(StorageKeys.Encode(text)));
        Assert.Equal(StorageKeys.Encode("Bergen/L"), StorageKeys.Encode("Bergen/L"));
        Assert.False(StorageKeys.IsValidKey("Bergen/L"));
        Assert.False(StorageKeys.IsValidKey(new string('a', 513)));
    }

    [Fact]
    public async Task Fieldwork_counts_for_strata_named_with_every_hostile_text_are_stored_in_one_batch_and_read_back()
    {
        var store = _fixture.App.Services.GetRequiredService<FieldworkCountStore>();
        // The text itself is kept in a property, which holds at most 64 KiB: the 100,000-character one is for keys only.
        // Some with completions per day (issue 20), which must come back day for day.
        var counts = Hostile.Where(t => t.Length <= 30_000).Select((t, i) => new FieldworkCount("ouders", t, t, "ambulant", "4-11", i + 1, i, i % 3, 0)
        {
            CompletedPerDay = Enumerable.Range(0, i % 3).ToDictionary(d => new DateOnly(2026, 11, 20 + d), _ => 1),
        }).ToList();
        await store.SaveAsync("2026-sleutels-test", counts);
        var read = await store.ReadAsync("2026-sleutels-test");
        // One row each (no two texts met on one key); the text back exactly, except a lone surrogate, which a stored
        // property (JSON, UTF-8) cannot carry and comes back as U+FFFD — its key was still its own.
        Assert.Equal(counts.Count, read.Count);
        Assert.Equal(counts.Where(c => !Broken(c.StratumKey)).OrderBy(c => c.Invited),
            read.Where(c => !Broken(counts[c.Invited - 1].StratumKey)).OrderBy(c => c.Invited));
        Assert.Contains(read, c => c.StratumKey == "😀 emoji");
    }

    /// <summary>Not valid UTF-16 (a lone surrogate).</summary>
    private static bool Broken(string text)
    {
        try { new System.Text.UTF8Encoding(false, throwOnInvalidBytes: true).GetByteCount(text); return false; }
        catch (System.Text.EncoderFallbackException) { return true; }
    }
}
