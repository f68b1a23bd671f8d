using Azure.Data.Tables;
using Ervaring.Core.Reports.Council;

namespace Ervaring.Storage.Council;

/// <summary>
/// Quotes chosen for the council report, in their own table <c>quotes</c> (partition = wave id, row = random id),
/// apart from the responses: each entity holds only the final text, theme, cell, whether it is a paraphrase and
/// whether it was approved — never the response it came from, nor the original wording of a paraphrase.
/// </summary>
public sealed class QuoteStore(StorageAccount account)
{
    private TableClient Table => account.Table(StorageNames.Tables.Quotes);

    public async Task SaveAsync(string waveId, Quote quote, CancellationToken cancellationToken = default) =>
        await Table.UpsertEntityAsync(new TableEntity(waveId, quote.Id)
        {
            ["Scope"] = quote.Scope, ["Audience"] = quote.Audience, ["Theme"] = quote.Theme, ["Cell"] = quote.Cell, ["Text"] = quote.Text,
            ["Paraphrased"] = quote.Paraphrased, ["Approved"] = quote.Approved, ["ChosenAt"] = quote.ChosenAt,
        }, TableUpdateMode.Replace, cancellationToken);

    /// <summary>Quote ids are generated here (hex); one from a request that could not be a key is simply not there.</summary>
    public async Task DeleteAsync(string waveId, string quoteId, CancellationToken cancellationToken = default)
    {
        if (!StorageKeys.IsValidKey(waveId) || !StorageKeys.IsValidKey(quoteId)) return;
        await Table.DeleteEntityAsync(waveId, quoteId, cancellationToken: cancellationToken);
    }

    public async Task<IReadOnlyList<Quote>> ListAsync(string waveId, CancellationToken cancellationToken = default)
    {
        var quotes = new List<Quote>();
        await foreach (var e in Table.QueryAsync<TableEntity>(e => e.PartitionKey == waveId, cancellationToken: cancellationToken))
            quotes.Add(new Quote(e.RowKey, e.GetString("Scope"), e.GetString("Audience"), e.GetString("Theme"), e.GetString("Cell"), e.GetString("Text"),
                e.GetBoolean("Paraphrased") ?? false, e.GetBoolean("Approved") ?? false, e.GetDateTimeOffset("ChosenAt") ?? default));
        return quotes.OrderBy(q => q.Theme, StringComparer.Ordinal).ThenBy(q => q.ChosenAt).ToList();
    }
}
