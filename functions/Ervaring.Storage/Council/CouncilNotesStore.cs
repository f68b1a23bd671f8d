using Azure;
using Azure.Data.Tables;
using Ervaring.Core.Reports.Council;

namespace Ervaring.Storage.Council;

/// <summary>
/// The officer's words for a wave's report in table <c>reportnotes</c> (partition = wave id):
/// <c>duiding|{scope}|{audience}|{measure}|{dimension}</c>, <c>actie|{id}</c> and <c>opvolging|{actionId}</c>, every
/// part through <see cref="StorageKeys.Encode"/> (scopes are municipality and region names, ids come from requests);
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
            await Table.DeleteEntityAsync(waveId, key, cancellationToken: cancellationToken);
            return;
        }
        await Table.UpsertEntityAsync(new TableEntity(waveId, key)
        {
            ["Scope"] = note.Scope, ["Audience"] = note.Audience, ["Measure"] = note.Measure, ["Dimension"] = note.Dimension, ["Text"] = note.Text,
        }, TableUpdateMode.Replace, cancellationToken);
    }

    public async Task SaveActionAsync(string waveId, ImprovementAction action, CancellationToken cancellationToken = default) =>
        await Table.UpsertEntityAsync(new TableEntity(waveId, ActionKey(action.Id))
        {
            ["ActionId"] = action.Id, ["Scope"] = action.Scope, ["Measures"] = string.Join(',', action.Measures), ["What"] = action.What, ["Who"] = action.Who,
            ["Due"] = action.Due.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
        }, TableUpdateMode.Replace, cancellationToken);

    public async Task DeleteActionAsync(string waveId, string actionId, CancellationToken cancellationToken = default)
    {
        await Table.DeleteEntityAsync(waveId, ActionKey(actionId), cancellationToken: cancellationToken);
        await Table.DeleteEntityAsync(waveId, FollowUpKey(actionId), cancellationToken: cancellationToken);
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
}

public sealed record WaveNotes(IReadOnlyList<Interpretation> Interpretations, IReadOnlyList<ImprovementAction> Actions, IReadOnlyList<ActionFollowUp> FollowUps);
