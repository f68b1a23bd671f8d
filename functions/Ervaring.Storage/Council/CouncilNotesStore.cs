using Azure;
using Azure.Data.Tables;
using Ervaring.Core.Reports.Council;

namespace Ervaring.Storage.Council;

/// <summary>
/// The officer's words for a wave's report in table <c>reportnotes</c> (partition = wave id):
/// <c>duiding|{scope}|{audience}|{measure}|{dimension}</c>, <c>actie|{id}</c> and <c>opvolging|{actionId}</c>, and
/// <c>aanmaak|{key}</c> for the reservations that keep an action from being created twice; every part through
/// <see cref="StorageKeys.Encode"/> (scopes are municipality and region names, ids and keys come from requests);
/// everything is read back from the entity's properties, never from its key.
/// A follow-up is kept with the wave whose report promised the action, so it can be filled in before the next
/// wave exists. The published version carries its own copy; this table is the draft.
/// </summary>
public sealed class CouncilNotesStore(StorageAccount account)
{
    private TableClient Table => account.Table(StorageNames.Tables.ReportNotes);

    public async Task SaveInterpretationAsync(string waveId, Interpretation note, CancellationToken cancellationToken = default)
    {
        var key = InterpretationKey(note.Scope, note.Audience, note.Measure, note.Dimension);
        if (note.Text.Length == 0)
        {
            await DeleteIfThereAsync(waveId, key, cancellationToken);
            return;
        }
        await Table.UpsertEntityAsync(new TableEntity(waveId, key)
        {
            ["Scope"] = note.Scope, ["Audience"] = note.Audience, ["Measure"] = note.Measure, ["Dimension"] = note.Dimension, ["Text"] = note.Text,
        }, TableUpdateMode.Replace, cancellationToken);
    }

    /// <param name="reservation">The creation reservation (see <see cref="ReserveActionAsync"/>) this action holds, released when it is deleted.</param>
    public async Task SaveActionAsync(string waveId, ImprovementAction action, string? reservation = null, CancellationToken cancellationToken = default)
    {
        var entity = new TableEntity(waveId, ActionKey(action.Id))
        {
            ["ActionId"] = action.Id, ["Scope"] = action.Scope, ["Measures"] = string.Join(',', action.Measures), ["What"] = action.What, ["Who"] = action.Who,
            ["Due"] = action.Due.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
        };
        if (reservation is not null) entity["Reservation"] = reservation;
        // Merge keeps the reservation of an action that is edited later.
        await Table.UpsertEntityAsync(entity, reservation is null ? TableUpdateMode.Merge : TableUpdateMode.Replace, cancellationToken);
    }

    public async Task<bool> ActionExistsAsync(string waveId, string actionId, CancellationToken cancellationToken = default) =>
        (await Table.GetEntityIfExistsAsync<TableEntity>(waveId, ActionKey(actionId), select: ["RowKey"], cancellationToken: cancellationToken)).HasValue;

    /// <summary>
    /// Reserves the creation of an action under a key (its content, or the client's idempotency key) for
    /// <paramref name="actionId"/>, so the same action posted twice (a double click, a retry, two tabs) is created
    /// once. Returns the action that holds the key: <paramref name="actionId"/> when reserved now (or by an earlier
    /// request with the same id), else the other action. A reservation older than <paramref name="window"/> is taken
    /// over, as is one whose action was never written (the request that made it failed).
    /// </summary>
    public async Task<string> ReserveActionAsync(string waveId, string key, string actionId, DateTimeOffset now, TimeSpan window, CancellationToken cancellationToken = default)
    {
        var rowKey = ReservationKey(key);
        for (var attempt = 0; attempt < 3; attempt++)
        {
            try
            {
                await Table.AddEntityAsync(new TableEntity(waveId, rowKey) { ["ActionId"] = actionId, ["At"] = now }, cancellationToken);
                return actionId;
            }
            catch (RequestFailedException ex) when (ex.Status == 409)
            {
                var held = await Table.GetEntityIfExistsAsync<TableEntity>(waveId, rowKey, cancellationToken: cancellationToken);
                if (!held.HasValue) continue; // released meanwhile
                var holder = held.Value!.GetString("ActionId");
                if (holder == actionId) return actionId;
                var age = now - (held.Value.GetDateTimeOffset("At") ?? now);
                var expired = age > window || (age > TimeSpan.FromMinutes(1) && !await ActionExistsAsync(waveId, holder, cancellationToken));
                if (!expired) return holder;
                try
                {
                    await Table.UpdateEntityAsync(new TableEntity(waveId, rowKey) { ["ActionId"] = actionId, ["At"] = now }, held.Value.ETag, TableUpdateMode.Replace, cancellationToken);
                    return actionId;
                }
                catch (RequestFailedException lost) when (lost.Status is 404 or 412) { }
            }
        }
        return (await Table.GetEntityIfExistsAsync<TableEntity>(waveId, rowKey, cancellationToken: cancellationToken)).Value?.GetString("ActionId") ?? actionId;
    }

    /// <summary>Deletes an action, its follow-up and its creation reservation; deleting what is gone already is fine (a repeat).</summary>
    public async Task DeleteActionAsync(string waveId, string actionId, CancellationToken cancellationToken = default)
    {
        var action = await Table.GetEntityIfExistsAsync<TableEntity>(waveId, ActionKey(actionId), cancellationToken: cancellationToken);
        if (action.HasValue && action.Value!.GetString("Reservation") is { Length: > 0 } reservation)
        {
            var held = await Table.GetEntityIfExistsAsync<TableEntity>(waveId, ReservationKey(reservation), cancellationToken: cancellationToken);
            if (held.HasValue && held.Value!.GetString("ActionId") == actionId)
            {
                try { await Table.DeleteEntityAsync(waveId, held.Value.RowKey, held.Value.ETag, cancellationToken); }
                catch (RequestFailedException ex) when (ex.Status is 404 or 412) { }
            }
        }
        await DeleteIfThereAsync(waveId, ActionKey(actionId), cancellationToken);
        await DeleteIfThereAsync(waveId, FollowUpKey(actionId), cancellationToken);
    }

    private async Task DeleteIfThereAsync(string waveId, string rowKey, CancellationToken cancellationToken)
    {
        try { await Table.DeleteEntityAsync(waveId, rowKey, cancellationToken: cancellationToken); }
        catch (RequestFailedException ex) when (ex.Status == 404) { }
    }

    public async Task SaveFollowUpAsync(string waveId, ActionFollowUp followUp, CancellationToken cancellationToken = default) =>
        await Table.UpsertEntityAsync(new TableEntity(waveId, FollowUpKey(followUp.ActionId))
        {
            ["ActionId"] = followUp.ActionId, ["Status"] = followUp.Status, ["Note"] = followUp.Note, ["UpdatedAt"] = followUp.UpdatedAt,
        }, TableUpdateMode.Replace, cancellationToken);

    public async Task<WaveNotes> ReadAsync(string waveId, CancellationToken cancellationToken = default)
    {
        var interpretations = new List<Interpretation>();
        var actions = new List<ImprovementAction>();
        var followUps = new List<ActionFollowUp>();
        await foreach (var e in Table.QueryAsync<TableEntity>(e => e.PartitionKey == waveId, cancellationToken: cancellationToken))
        {
            var kind = e.RowKey.Split('|')[0];
            if (kind == "duiding")
                interpretations.Add(new Interpretation(e.GetString("Scope"), e.GetString("Audience"), e.GetString("Measure"), e.GetString("Dimension"), e.GetString("Text")));
            else if (kind == "actie")
                actions.Add(new ImprovementAction(e.GetString("ActionId"), e.GetString("Scope"),
                    e.GetString("Measures").Split(',', StringSplitOptions.RemoveEmptyEntries), e.GetString("What"), e.GetString("Who"),
                    DateOnly.ParseExact(e.GetString("Due"), "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)));
            else if (kind == "opvolging")
                followUps.Add(new ActionFollowUp(e.GetString("ActionId"), e.GetString("Status"), e.GetString("Note"), e.GetDateTimeOffset("UpdatedAt") ?? default));
        }
        return new WaveNotes(interpretations, actions.OrderBy(a => a.Due).ThenBy(a => a.What, StringComparer.Ordinal).ToList(), followUps);
    }

    private static string InterpretationKey(string scope, string audience, string measure, string dimension) =>
        $"duiding|{StorageKeys.Encode(scope)}|{StorageKeys.Encode(audience)}|{StorageKeys.Encode(measure)}|{StorageKeys.Encode(dimension)}";

    private static string ActionKey(string actionId) => $"actie|{StorageKeys.Encode(actionId)}";

    private static string FollowUpKey(string actionId) => $"opvolging|{StorageKeys.Encode(actionId)}";

    private static string ReservationKey(string key) => $"aanmaak|{StorageKeys.Encode(key)}";
}

public sealed record WaveNotes(IReadOnlyList<Interpretation> Interpretations, IReadOnlyList<ImprovementAction> Actions, IReadOnlyList<ActionFollowUp> FollowUps);
