using Azure;
using Azure.Data.Tables;

namespace Ervaring.Storage.Sessions;

/// <summary>
/// One admin sign-in as the server knows it. <see cref="IdHash"/> and <see cref="CredentialHash"/> are keyed hashes
/// made by the app (HMAC with the server's pepper): the session id and the API key themselves are never stored.
/// </summary>
public sealed record SignInSession(string IdHash, string CredentialHash, DateTimeOffset CreatedAt, DateTimeOffset ExpiresAt, bool Revoked);

/// <summary>
/// The admin sign-in sessions, in their own table <c>signinsessions</c> (one partition; row = the encoded hash of the
/// session id). Holds nothing about the person: no name, no role, no address. A record is written at sign-in only,
/// marked revoked at sign-out, and removed by the nightly job once it has expired or was revoked; checking a cookie
/// only reads.
/// </summary>
public sealed class SignInSessionStore(StorageAccount account)
{
    private const string Partition = "sessie";
    private TableClient Table => account.Table(StorageNames.Tables.SignInSessions);

    public Task CreateAsync(SignInSession session, CancellationToken cancellationToken = default) =>
        Table.AddEntityAsync(new TableEntity(Partition, StorageKeys.Encode(session.IdHash))
        {
            ["CredentialHash"] = session.CredentialHash,
            ["CreatedAt"] = session.CreatedAt,
            ["ExpiresAt"] = session.ExpiresAt,
            ["Revoked"] = session.Revoked,
        }, cancellationToken);

    /// <summary>The session, or null when there is none (never created, or removed).</summary>
    public async Task<SignInSession?> GetAsync(string idHash, CancellationToken cancellationToken = default)
    {
        var found = await Table.GetEntityIfExistsAsync<TableEntity>(Partition, StorageKeys.Encode(idHash), cancellationToken: cancellationToken);
        if (!found.HasValue || found.Value is not { } e) return null;
        return new SignInSession(idHash, e.GetString("CredentialHash") ?? "", e.GetDateTimeOffset("CreatedAt") ?? default,
            e.GetDateTimeOffset("ExpiresAt") ?? default, e.GetBoolean("Revoked") ?? true);
    }

    /// <summary>Marks the session revoked; a session that is gone already is fine (signing out twice).</summary>
    public async Task RevokeAsync(string idHash, CancellationToken cancellationToken = default)
    {
        try
        {
            await Table.UpdateEntityAsync(new TableEntity(Partition, StorageKeys.Encode(idHash)) { ["Revoked"] = true }, ETag.All,
                TableUpdateMode.Merge, cancellationToken);
        }
        catch (RequestFailedException ex) when (ex.Status == 404) { }
    }

    /// <summary>Removes every session that has expired or was revoked; returns how many. Idempotent.</summary>
    public async Task<int> PurgeAsync(DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        var done = new List<TableEntity>();
        await foreach (var e in Table.QueryAsync<TableEntity>(e => e.PartitionKey == Partition, select: ["PartitionKey", "RowKey", "ExpiresAt", "Revoked"],
                           cancellationToken: cancellationToken))
            if (e.GetBoolean("Revoked") != false || (e.GetDateTimeOffset("ExpiresAt") ?? default) <= now) done.Add(e);
        foreach (var entity in done)
        {
            // One by one: an overlapping run, or a sign-out, may have got there first.
            try { await Table.DeleteEntityAsync(entity.PartitionKey, entity.RowKey, ETag.All, cancellationToken); }
            catch (RequestFailedException ex) when (ex.Status == 404) { }
        }
        return done.Count;
    }
}
