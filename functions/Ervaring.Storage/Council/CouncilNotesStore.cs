using Azure;
using Azure.Data.Tables;
using Ervaring.Core.Reports.Council;

namespace Ervaring.Storage.Council;

/// <summary>
/// The officer's words for a wave's report in table <c>reportnotes</c> (partition = wave id):
/// <c>duiding|{scope}|{audience}|{measure}|{dimension}</c>, <c>actie|{id}</c> and <c>opvolging|{actionId}</c>.
/// A follow-up is kept with the wave whose report promised the action, so it can be filled in before the next
/// wave exists. The published version carries its own copy; this table is the draft.
/// </summary>
public sealed class CouncilNotesStore(StorageAccount account)
{
    private TableClient Table => account.Table(StorageNames.Tables.ReportNotes);

    public async Task SaveInterpretationAsync(string waveId, Interpretation note, CancellationToken cancellationToken = default)
    {
        var key = $"duiding|{Key(note.Scope)}|{note.Audience}|{note.Measure}|{note.Dimension}";
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
        await Table.UpsertEntityAsync(new TableEntity(waveId, $"actie|{action.Id}")
        {
            ["Scope"] = action.Scope, ["Measures"] = string.Join(',', action.Measures), ["What"] = action.What, ["Who"] = action.Who,
            ["Due"] = action.Due.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
        }, TableUpdateMode.Replace, cancellationToken);

    public async Task DeleteActionAsync(string waveId, string actionId, CancellationToken cancellationToken = default)
    {
        await Table.DeleteEntityAsync(waveId, $"actie|{actionId}", cancellationToken: cancellationToken);
        await Table.DeleteEntityAsync(waveId, $"opvolging|{actionId}", cancellationToken: cancellationToken);
    }

    public async Task SaveFollowUpAsync(string waveId, ActionFollowUp followUp, CancellationToken cancellationToken = default) =>
        await Table.UpsertEntityAsync(new TableEntity(waveId, $"opvolging|{followUp.ActionId}")
        {
            ["Status"] = followUp.Status, ["Note"] = followUp.Note, ["UpdatedAt"] = followUp.UpdatedAt,
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
                actions.Add(new ImprovementAction(e.RowKey["actie|".Length..], e.GetString("Scope"),
                    e.GetString("Measures").Split(',', StringSplitOptions.RemoveEmptyEntries), e.GetString("What"), e.GetString("Who"),
                    DateOnly.ParseExact(e.GetString("Due"), "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)));
            else if (kind == "opvolging")
                followUps.Add(new ActionFollowUp(e.RowKey["opvolging|".Length..], e.GetString("Status"), e.GetString("Note"), e.GetDateTimeOffset("UpdatedAt") ?? default));
        }
        return new WaveNotes(interpretations, actions.OrderBy(a => a.Due).ThenBy(a => a.What, StringComparer.Ordinal).ToList(), followUps);
    }

    /// <summary>Row keys may not hold '/', '\', '#' or '?'; scope names are municipality names, so replace those.</summary>
    private static string Key(string scope) => new(scope.Select(c => c is '/' or '\\' or '#' or '?' or '|' ? '_' : c).ToArray());
}

public sealed record WaveNotes(IReadOnlyList<Interpretation> Interpretations, IReadOnlyList<ImprovementAction> Actions, IReadOnlyList<ActionFollowUp> FollowUps);
