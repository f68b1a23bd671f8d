using Azure;
using Azure.Data.Tables;
using Ervaring.Storage.Responses;

namespace Ervaring.Storage.Invitations;

/// <summary>An invitation as the survey page sees it: where it stands, the saved draft, and the ETag that guards it.</summary>
/// <param name="Sealed">Sealed at close: nothing may change it any more (see <see cref="Fieldwork.SealAsync"/>).</param>
public sealed record OpenInvitation(
    InvitationRecord Invitation,
    IReadOnlyDictionary<string, IReadOnlyList<string>> Draft,
    ETag ETag,
    bool Sealed = false);

/// <summary>What happened to an attempt to change an invitation.</summary>
public enum FieldworkResult
{
    Done,
    /// <summary>Someone else changed it first (another tab, a double click): re-read and decide again.</summary>
    Conflict,
    /// <summary>The invitation is gone (purged) or sealed at close: the survey has closed.</summary>
    NotFound,
}

/// <summary>
/// The survey's writes to an invitation during fielding. Every write carries the ETag it read, so two
/// submits of one token can never both win: the loser gets <see cref="FieldworkResult.Conflict"/>, re-reads,
/// sees "voltooid" and shows the family the thank-you page.
/// </summary>
public sealed class Fieldwork(StorageAccount account)
{
    private TableClient Invitations => account.Table(StorageNames.Tables.Invitations);

    public async Task<OpenInvitation?> GetAsync(string waveId, string invitationId, CancellationToken cancellationToken = default)
    {
        var response = await Invitations.GetEntityIfExistsAsync<TableEntity>(waveId, invitationId, cancellationToken: cancellationToken);
        if (!response.HasValue) return null;
        var entity = response.Value!;
        var draft = entity.GetString("Draft") is { Length: > 0 } json
            ? StorageJson.Deserialize<Dictionary<string, IReadOnlyList<string>>>(json)
            : new Dictionary<string, IReadOnlyList<string>>();
        return new OpenInvitation(InvitationStore.FromEntity(entity), draft, entity.ETag, entity.GetBoolean("Sealed") ?? false);
    }

    /// <summary>
    /// Seals every invitation of a closed wave before its fieldwork counts are frozen. Sealing writes each invitation
    /// once more, which changes its ETag: a submit that read the invitation while the wave was still open then fails
    /// its ETag-guarded write, reads again, finds it sealed and is told the survey has closed (no thank-you page).
    /// So every completion that did succeed happened before the seal and is in the counts made after it.
    /// </summary>
    /// <returns>How many invitations were sealed now (0 when a re-run finds them sealed already).</returns>
    public async Task<int> SealAsync(string waveId, CancellationToken cancellationToken = default)
    {
        var open = new List<TableEntity>();
        await foreach (var entity in Invitations.QueryAsync<TableEntity>(e => e.PartitionKey == waveId, select: ["PartitionKey", "RowKey", "Sealed"], cancellationToken: cancellationToken))
            if (entity.GetBoolean("Sealed") != true) open.Add(new TableEntity(waveId, entity.RowKey) { ["Sealed"] = true });
        await Parallel.ForEachAsync(open.Chunk(100), new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = cancellationToken }, async (chunk, ct) =>
        {
            try
            {
                await Invitations.SubmitTransactionAsync(chunk.Select(e => new TableTransactionAction(TableTransactionActionType.UpdateMerge, e, ETag.All)), ct);
            }
            catch (TableTransactionFailedException ex) when (ex.Status == 404)
            {
                // Part of the batch was deleted meanwhile (a second close purging): seal the rest one by one.
                foreach (var entity in chunk)
                {
                    try { await Invitations.UpdateEntityAsync(entity, ETag.All, TableUpdateMode.Merge, ct); }
                    catch (RequestFailedException one) when (one.Status == 404) { }
                }
            }
        });
        return open.Count;
    }

    public Task<FieldworkResult> MarkOpenedAsync(OpenInvitation open, CancellationToken cancellationToken = default) =>
        MergeAsync(open, new Dictionary<string, object?> { ["Status"] = InvitationStatus.Opened }, cancellationToken);

    public Task<FieldworkResult> SaveDraftAsync(OpenInvitation open, IReadOnlyDictionary<string, IReadOnlyList<string>> answers, CancellationToken cancellationToken = default) =>
        MergeAsync(open, new Dictionary<string, object?>
        {
            ["Status"] = InvitationStatus.Opened,
            ["Draft"] = StorageJson.Serialize(answers),
        }, cancellationToken);

    /// <summary>
    /// Completes the invitation with its anonymous response, waiting to be mixed into the response store.
    /// The draft is dropped in the same write. Once this returns Done the response is durable.
    /// </summary>
    /// <param name="completedOn">The day only (see <see cref="InvitationRecord.CompletedOn"/>); the response itself gets no time.</param>
    public Task<FieldworkResult> CompleteAsync(OpenInvitation open, AnonymousResponse response, DateOnly completedOn, CancellationToken cancellationToken = default) =>
        ReplaceAsync(open, entity =>
        {
            entity["Status"] = InvitationStatus.Completed;
            entity["CompletedOn"] = completedOn.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
            entity["Pending"] = StorageJson.Serialize(response);
            // The row key the response will get in the anonymous store: random, decided now so a re-run of
            // the mixing step writes the same row, and forgotten when the move is done.
            entity["MoveId"] = Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(16));
        }, cancellationToken);

    /// <summary>The family said they do not want to take part (counts as a refusal; no reminders).</summary>
    public Task<FieldworkResult> RefuseAsync(OpenInvitation open, CancellationToken cancellationToken = default) =>
        ReplaceAsync(open, entity => entity["Status"] = InvitationStatus.Refused, cancellationToken);

    /// <summary>Completed responses not yet moved to the anonymous store, with their move ids.</summary>
    public async Task<IReadOnlyList<PendingMove>> PendingAsync(string waveId, CancellationToken cancellationToken = default)
    {
        var pending = new List<PendingMove>();
        await foreach (var entity in Invitations.QueryAsync<TableEntity>(e => e.PartitionKey == waveId && e.GetString("Status") == InvitationStatus.Completed, cancellationToken: cancellationToken))
        {
            if (entity.GetString("Pending") is { Length: > 0 } json && entity.GetString("MoveId") is { Length: > 0 } moveId)
                pending.Add(new PendingMove(entity.RowKey, moveId, StorageJson.Deserialize<AnonymousResponse>(json), entity.ETag));
        }
        return pending;
    }

    /// <summary>Forgets the response and its move id on the invitation, after the response is in the anonymous store.</summary>
    public async Task<FieldworkResult> ClearMovedAsync(string waveId, PendingMove moved, CancellationToken cancellationToken = default)
    {
        var response = await Invitations.GetEntityIfExistsAsync<TableEntity>(waveId, moved.InvitationId, cancellationToken: cancellationToken);
        if (!response.HasValue) return FieldworkResult.NotFound;
        var entity = response.Value!;
        if (entity.GetString("MoveId") != moved.MoveId) return FieldworkResult.Done; // already cleared by an earlier run
        entity.Remove("Pending");
        entity.Remove("MoveId");
        try
        {
            await Invitations.UpdateEntityAsync(entity, entity.ETag, TableUpdateMode.Replace, cancellationToken);
            return FieldworkResult.Done;
        }
        catch (RequestFailedException ex) when (ex.Status == 412)
        {
            return FieldworkResult.Conflict;
        }
    }

    private async Task<FieldworkResult> MergeAsync(OpenInvitation open, IDictionary<string, object?> values, CancellationToken cancellationToken)
    {
        if (open.Sealed) return FieldworkResult.NotFound;
        var entity = new TableEntity(open.Invitation.WaveId, open.Invitation.InvitationId);
        foreach (var (key, value) in values) entity[key] = value;
        try
        {
            await Invitations.UpdateEntityAsync(entity, open.ETag, TableUpdateMode.Merge, cancellationToken);
            return FieldworkResult.Done;
        }
        catch (RequestFailedException ex) when (ex.Status == 412) { return FieldworkResult.Conflict; }
        catch (RequestFailedException ex) when (ex.Status == 404) { return FieldworkResult.NotFound; }
    }

    private async Task<FieldworkResult> ReplaceAsync(OpenInvitation open, Action<TableEntity> change, CancellationToken cancellationToken)
    {
        if (open.Sealed) return FieldworkResult.NotFound;
        var entity = InvitationStore.ToEntity(open.Invitation);
        change(entity);
        try
        {
            await Invitations.UpdateEntityAsync(entity, open.ETag, TableUpdateMode.Replace, cancellationToken);
            return FieldworkResult.Done;
        }
        catch (RequestFailedException ex) when (ex.Status == 412) { return FieldworkResult.Conflict; }
        catch (RequestFailedException ex) when (ex.Status == 404) { return FieldworkResult.NotFound; }
    }
}

public sealed record PendingMove(string InvitationId, string MoveId, AnonymousResponse Response, ETag ETag);
