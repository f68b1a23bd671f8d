using Azure;
using Azure.Data.Tables;
using Ervaring.Core.Waves;

namespace Ervaring.Storage.Waves;

/// <summary>A wave as read from storage, with the ETag that guards concurrent updates.</summary>
public sealed record StoredWave(WaveRecord Wave, ETag ETag);

/// <summary>Thrown when a wave changed between reading and writing; the caller re-reads and decides again.</summary>
public sealed class WaveConflictException() : Exception("De meting is tegelijk door iemand anders gewijzigd. Probeer het opnieuw.");

/// <summary>
/// The outcome of reserving "one wave per municipality and year" (or one supplementary wave per set of settings):
/// reserved for the asking wave, or held by another wave (which may still be being written when it was reserved
/// a moment ago).
/// </summary>
public sealed record WaveReservation(bool Reserved, string? HolderId, string? HeldKey);

/// <summary>
/// Waves in the <c>waves</c> table (one entity each, the record as a JSON document plus its state for
/// filtering) and their state changes in <c>waveevents</c>. Updates use optimistic concurrency.
/// </summary>
public sealed class WaveStore(StorageAccount account)
{
    private const string Partition = "wave";

    /// <summary>Reservations (partition of their own in the waves table): row = "meting|{year}|{municipality}" or "aanvullend|{hash}", value = the wave id.</summary>
    private const string ReservationPartition = "reservering";

    /// <summary>A reservation whose wave never got written (a crash in between) is released after this.</summary>
    public static readonly TimeSpan OrphanedReservation = TimeSpan.FromMinutes(2);
    private TableClient Waves => account.Table(StorageNames.Tables.Waves);
    private TableClient Events => account.Table(StorageNames.Tables.WaveEvents);

    public async Task CreateAsync(WaveRecord wave, string actor, CancellationToken cancellationToken = default)
    {
        await Waves.AddEntityAsync(ToEntity(wave), cancellationToken);
        await LogAsync(wave.Id, "aangemaakt", null, wave.State, actor, null, cancellationToken);
    }

    /// <summary>
    /// Reserves every key for <paramref name="waveId"/> in one transaction: all or none. A key another wave holds
    /// is reported with that wave's id; a key whose wave was never written (reserved more than
    /// <see cref="OrphanedReservation"/> ago) is taken over.
    /// </summary>
    public async Task<WaveReservation> ReserveAsync(string waveId, IReadOnlyList<string> keys, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        for (var attempt = 0; ; attempt++)
        {
            var actions = keys.Distinct(StringComparer.Ordinal).Select(key => new TableTransactionAction(TableTransactionActionType.Add,
                new TableEntity(ReservationPartition, ReservationKey(key)) { ["WaveId"] = waveId, ["At"] = now })).ToList();
            try
            {
                await Waves.SubmitTransactionAsync(actions, cancellationToken);
                return new WaveReservation(true, waveId, null);
            }
            catch (TableTransactionFailedException ex) when (ex.Status == 409)
            {
                var failed = ex.FailedTransactionActionIndex is { } index && index < actions.Count ? actions[index].Entity.RowKey : null;
                foreach (var rowKey in failed is null ? actions.Select(a => a.Entity.RowKey) : [failed])
                {
                    var held = await Waves.GetEntityIfExistsAsync<TableEntity>(ReservationPartition, rowKey, cancellationToken: cancellationToken);
                    if (!held.HasValue) continue;
                    var holder = held.Value!.GetString("WaveId");
                    if (holder == waveId) continue;
                    var orphaned = await GetAsync(holder, cancellationToken) is null && now - (held.Value.GetDateTimeOffset("At") ?? now) > OrphanedReservation;
                    if (!orphaned || attempt >= 2) return new WaveReservation(false, holder, rowKey);
                    try { await Waves.DeleteEntityAsync(ReservationPartition, rowKey, held.Value.ETag, cancellationToken); }
                    catch (RequestFailedException gone) when (gone.Status is 404 or 412) { }
                }
                if (attempt >= 2) return new WaveReservation(false, null, failed);
            }
        }
    }

    /// <summary>Municipality names may hold anything; the one key encoder makes them a valid, collision-free row key.</summary>
    private static string ReservationKey(string key) => StorageKeys.Encode(key);

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

    /// <summary>
    /// Sets or clears the step under way (<see cref="WaveRecord.Claim"/>) if nobody changed the wave since it was read.
    /// Not a state change, so nothing is logged; the step logs what it did when it finishes.
    /// </summary>
    /// <exception cref="WaveConflictException">The wave changed meanwhile (someone else claimed it first).</exception>
    public async Task<StoredWave> ClaimAsync(StoredWave before, WaveClaim? claim, CancellationToken cancellationToken = default)
    {
        var after = before.Wave with { Claim = claim };
        try
        {
            var response = await Waves.UpdateEntityAsync(ToEntity(after), before.ETag, TableUpdateMode.Replace, cancellationToken);
            return new StoredWave(after, response.Headers.ETag ?? ETag.All);
        }
        catch (RequestFailedException ex) when (ex.Status is 412 or 404)
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
