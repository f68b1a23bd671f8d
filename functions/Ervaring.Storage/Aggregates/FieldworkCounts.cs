using System.Globalization;
using Azure.Data.Tables;

namespace Ervaring.Storage.Aggregates;

/// <summary>Fieldwork per audience and stratum: who was invited, opened the survey, completed it or refused.</summary>
public sealed record FieldworkCount(
    string Audience, string StratumKey, string Municipality, string CareType, string AgeBand,
    int Invited, int Opened, int Completed, int Refused)
{
    /// <summary>AAPOR RR1: completed interviews over eligible invited units (everyone invited counts as eligible).</summary>
    public double ResponseRate => Invited == 0 ? 0 : (double)Completed / Invited;

    /// <summary>
    /// Completed per day (UTC), for the response over time. Completions without a day (stored before days were
    /// recorded) are in <see cref="Completed"/> but not here. Counts only: never which invitation.
    /// </summary>
    public IReadOnlyDictionary<DateOnly, int> CompletedPerDay { get; init; } = new Dictionary<DateOnly, int>();

    /// <summary>Equal counts, the days included by content (a record would compare the dictionaries by reference).</summary>
    public bool Equals(FieldworkCount? other) =>
        other is not null && (Audience, StratumKey, Municipality, CareType, AgeBand, Invited, Opened, Completed, Refused)
            == (other.Audience, other.StratumKey, other.Municipality, other.CareType, other.AgeBand, other.Invited, other.Opened, other.Completed, other.Refused)
        && CompletedPerDay.Count == other.CompletedPerDay.Count
        && CompletedPerDay.All(d => other.CompletedPerDay.TryGetValue(d.Key, out var n) && n == d.Value);

    public override int GetHashCode() => HashCode.Combine(Audience, StratumKey, Invited, Opened, Completed, Refused);
}

/// <summary>
/// Fieldwork counts frozen at close (table <c>aggregates</c>, partition = wave id, row = "fieldwork|{audience}|{stratum}"
/// with both parts through <see cref="StorageKeys.Encode"/>: the stratum holds the municipality name, which may be
/// "Bergen/L"), because the invitations they are counted from are deleted then. Read back from the properties.
/// </summary>
public sealed class FieldworkCountStore(StorageAccount account)
{
    private const string Prefix = "fieldwork|";
    private TableClient Table => account.Table(StorageNames.Tables.Aggregates);

    public async Task SaveAsync(string waveId, IReadOnlyList<FieldworkCount> counts, CancellationToken cancellationToken = default)
    {
        var entities = counts.Select(c => new TableEntity(waveId, RowKey(c.Audience, c.StratumKey))
        {
            ["Audience"] = c.Audience,
            ["StratumKey"] = c.StratumKey,
            ["Municipality"] = c.Municipality,
            ["CareType"] = c.CareType,
            ["AgeBand"] = c.AgeBand,
            ["Invited"] = c.Invited,
            ["Opened"] = c.Opened,
            ["Completed"] = c.Completed,
            ["Refused"] = c.Refused,
            ["CompletedPerDay"] = StorageJson.Serialize(c.CompletedPerDay.ToDictionary(d => d.Key.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), d => d.Value)),
        });
        foreach (var chunk in entities.Chunk(100))
            await Table.SubmitTransactionAsync(chunk.Select(e => new TableTransactionAction(TableTransactionActionType.UpsertReplace, e)), cancellationToken);
    }

    private static Dictionary<DateOnly, int> PerDay(string? json) => json is { Length: > 0 }
        ? StorageJson.Deserialize<Dictionary<string, int>>(json).ToDictionary(d => DateOnly.ParseExact(d.Key, "yyyy-MM-dd", CultureInfo.InvariantCulture), d => d.Value)
        : [];

    public static string RowKey(string audience, string stratumKey) => $"{Prefix}{StorageKeys.Encode(audience)}|{StorageKeys.Encode(stratumKey)}";

    public async Task<IReadOnlyList<FieldworkCount>> ReadAsync(string waveId, CancellationToken cancellationToken = default)
    {
        var counts = new List<FieldworkCount>();
        var upper = Prefix[..^1] + (char)(Prefix[^1] + 1);
        await foreach (var e in Table.QueryAsync<TableEntity>(e => e.PartitionKey == waveId && e.RowKey.CompareTo(Prefix) >= 0 && e.RowKey.CompareTo(upper) < 0, cancellationToken: cancellationToken))
            counts.Add(new FieldworkCount(
                e.GetString("Audience"), e.GetString("StratumKey"), e.GetString("Municipality"), e.GetString("CareType"), e.GetString("AgeBand"),
                e.GetInt32("Invited") ?? 0, e.GetInt32("Opened") ?? 0, e.GetInt32("Completed") ?? 0, e.GetInt32("Refused") ?? 0)
            {
                CompletedPerDay = PerDay(e.GetString("CompletedPerDay")),
            });
        return counts;
    }
}
