using Azure;
using Azure.Data.Tables;
using Ervaring.Core.Waves;

namespace Ervaring.Storage.Waves;

/// <summary>A wave as read from storage, with the ETag that guards concurrent updates.</summary>
public sealed record StoredWave(WaveRecord Wave, ETag ETag);

/// <summary>Thrown when a wave changed between reading and writing; the caller re-reads and decides again.</summary>
public sealed class WaveConflictException() : Exception("De meting is tegelijk door iemand anders gewijzigd. Probeer het opnieuw.");

/// <summary>
/// Waves in the <c>waves</c> table (one entity each, the record as a JSON document plus its state for
/// filtering) and their state changes in <c>waveevents</c>. Updates use optimistic concurrency.
/// </summary>
public sealed class WaveStore(StorageAccount account)
{
    private const string Partition = "wave";
    private TableClient Waves => account.Table(StorageNames.Tables.Waves);
    private TableClient Events => account.Table(StorageNames.Tables.WaveEvents);

    public async Task CreateAsync(WaveRecord wave, string actor, CancellationToken cancellationToken = default)
    {
        await Waves.AddEntityAsync(ToEntity(wave), cancellationToken);
        await LogAsync(wave.Id, "aangemaakt", null, wave.State, actor, null, cancellationToken);
    }

    /// <summary>The wave, or null — also for an id that could never be a key (it came from a request: "a#b", 4 KB).</summary>
    public async Task<StoredWave?> GetAsync(string id, CancellationToken cancellationToken = default)
    {
        if (!StorageKeys.IsValidKey(id)) return null;
        var response = await Waves.GetEntityIfExistsAsync<TableEntity>(Partition, id, cancellationToken: cancellationToken);
        return response.HasValue ? new StoredWave(FromEntity(response.Value!), response.Value!.ETag) : null;
    }

    public async Task<IReadOnlyList<WaveRecord>> ListAsync(CancellationToken cancellationToken = default)
    {
        var waves = new List<WaveRecord>();
        await foreach (var entity in Waves.QueryAsync<TableEntity>(e => e.PartitionKey == Partition, cancellationToken: cancellationToken))
            waves.Add(FromEntity(entity));
        return waves.OrderByDescending(w => w.Settings.Year).ThenBy(w => w.DisplayName, StringComparer.CurrentCulture).ToList();
    }

    /// <summary>
    /// Every wave for the timer jobs: those whose stored document cannot be read are listed apart (id and error type),
    /// so one damaged wave does not stop a nightly step for all the others.
    /// </summary>
    public async Task<WaveListing> ListForJobsAsync(CancellationToken cancellationToken = default)
    {
        var waves = new List<WaveRecord>();
        var unreadable = new List<(string Id, string ErrorType)>();
        await foreach (var entity in Waves.QueryAsync<TableEntity>(e => e.PartitionKey == Partition, cancellationToken: cancellationToken))
        {
            try
            {
                waves.Add(FromEntity(entity));
            }
            catch (Exception ex) when (ex is System.Text.Json.JsonException or ArgumentException or NotSupportedException)
            {
                unreadable.Add((entity.RowKey, ex.GetType().Name));
            }
        }
        return new WaveListing(waves.OrderByDescending(w => w.Settings.Year).ThenBy(w => w.DisplayName, StringComparer.CurrentCulture).ToList(), unreadable);
    }

    /// <summary>Writes a changed wave if nobody else changed it since <paramref name="etag"/>; logs a state change.</summary>
    public async Task<StoredWave> UpdateAsync(StoredWave before, WaveRecord after, string actor, string? detail, CancellationToken cancellationToken = default)
    {
        if (before.Wave.State != after.State && WaveStates.WhyNot(before.Wave.State, after.State) is { } why)
            throw new InvalidOperationException(why);
        try
        {
            var response = await Waves.UpdateEntityAsync(ToEntity(after), before.ETag, TableUpdateMode.Replace, cancellationToken);
            await LogAsync(after.Id, detail ?? "gewijzigd", before.Wave.State, after.State, actor, null, cancellationToken);
            return new StoredWave(after, response.Headers.ETag ?? ETag.All);
        }
        catch (RequestFailedException ex) when (ex.Status == 412)
        {
            throw new WaveConflictException();
        }
    }

    public async Task<IReadOnlyList<WaveEvent>> EventsAsync(string waveId, CancellationToken cancellationToken = default)
    {
        var events = new List<WaveEvent>();
        await foreach (var e in Events.QueryAsync<TableEntity>(e => e.PartitionKey == waveId, cancellationToken: cancellationToken))
            events.Add(new WaveEvent(
                e.GetDateTimeOffset("At") ?? default, e.GetString("What") ?? "", e.GetString("From"), e.GetString("To") ?? "", e.GetString("Actor") ?? ""));
        return events.OrderBy(e => e.At).ToList();
    }

    private Task LogAsync(string waveId, string what, WaveState? from, WaveState to, string actor, string? detail, CancellationToken cancellationToken)
    {
        var now = DateTimeOffset.UtcNow;
        // Row keys sort by time, with a random tail so two events in one tick never collide.
        var entity = new TableEntity(waveId, $"{now.UtcTicks:D19}-{Guid.NewGuid():N}")
        {
            ["At"] = now,
            ["What"] = what,
            ["From"] = from?.ToString(),
            ["To"] = to.ToString(),
            ["Actor"] = actor,
            ["Detail"] = detail,
        };
        return Events.AddEntityAsync(entity, cancellationToken);
    }

    private static TableEntity ToEntity(WaveRecord wave) => new(Partition, wave.Id)
    {
        ["State"] = wave.State.ToString(),
        ["Year"] = wave.Settings.Year,
        ["Document"] = StorageJson.Serialize(wave),
    };

    private static WaveRecord FromEntity(TableEntity entity) => StorageJson.Deserialize<WaveRecord>(entity.GetString("Document"));
}

public sealed record WaveListing(IReadOnlyList<WaveRecord> Waves, IReadOnlyList<(string Id, string ErrorType)> Unreadable);

public sealed record WaveEvent(DateTimeOffset At, string What, string? From, string To, string Actor);
