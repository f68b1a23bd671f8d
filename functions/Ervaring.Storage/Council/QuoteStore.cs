using Azure;
using Azure.Data.Tables;
using Ervaring.Core.Reports.Council;

namespace Ervaring.Storage.Council;

/// <summary>
/// Quotes chosen for the council report, in their own table <c>quotes</c> (partition = wave id, row = an id keyed
/// from the answer with the server's secret, so the same answer chosen twice is one quote and nobody without the
/// secret can tell which answer a quote came from),
/// apart from the responses: each entity holds only the final text, theme, cell, whether it is a paraphrase and
/// whether it was approved — never the response it came from, nor the original wording of a paraphrase.
/// </summary>
public sealed class QuoteStore(StorageAccount account)
{
    private TableClient Table => account.Table(StorageNames.Tables.Quotes);

    public async Task SaveAsync(string waveId, Quote quote, CancellationToken cancellationToken = default) =>
        await Table.UpsertEntityAsync(Entity(waveId, quote), TableUpdateMode.Replace, cancellationToken);

    /// <summary>
    /// Stores a quote under its id unless one with that id says the same already (same text, theme, cell and form):
    /// then nothing is written, so choosing the same answer twice (or eight times at once) stores one quote. A quote
    /// with that id but other words or theme is replaced: the officer changed their mind.
    /// </summary>
    public async Task ChooseAsync(string waveId, Quote quote, CancellationToken cancellationToken = default)
    {
        try
        {
            await Table.AddEntityAsync(Entity(waveId, quote), cancellationToken);
        }
        catch (RequestFailedException ex) when (ex.Status == 409)
        {
            var held = await Table.GetEntityIfExistsAsync<TableEntity>(waveId, quote.Id, cancellationToken: cancellationToken);
            if (held.HasValue && held.Value!.GetString("Text") == quote.Text && held.Value.GetString("Theme") == quote.Theme
                && held.Value.GetString("Cell") == quote.Cell && held.Value.GetBoolean("Paraphrased") == quote.Paraphrased) return;
            await SaveAsync(waveId, quote, cancellationToken);
        }
    }

    /// <summary>Withdraws a quote; withdrawing one that is gone already is fine (a repeat).</summary>
    public async Task DeleteAsync(string waveId, string quoteId, CancellationToken cancellationToken = default)
    {
        // Quote ids are generated here (hex); one from a request that could not be a key is simply not there.
        if (!StorageKeys.IsValidKey(waveId) || !StorageKeys.IsValidKey(quoteId)) return;
        try { await Table.DeleteEntityAsync(waveId, quoteId, cancellationToken: cancellationToken); }
        catch (RequestFailedException ex) when (ex.Status == 404) { }
    }

    private static TableEntity Entity(string waveId, Quote quote) => new(waveId, quote.Id)
    {
        ["Scope"] = quote.Scope, ["Audience"] = quote.Audience, ["Theme"] = quote.Theme, ["Cell"] = quote.Cell, ["Text"] = quote.Text,
        ["Paraphrased"] = quote.Paraphrased, ["Approved"] = quote.Approved, ["ChosenAt"] = quote.ChosenAt,
    };

    public async Task<IReadOnlyList<Quote>> ListAsync(string waveId, CancellationToken cancellationToken = default)
    {
        var quotes = new List<Quote>();
        await foreach (var e in Table.QueryAsync<TableEntity>(e => e.PartitionKey == waveId, cancellationToken: cancellationToken))
            quotes.Add(new Quote(e.RowKey, e.GetString("Scope"), e.GetString("Audience"), e.GetString("Theme"), e.GetString("Cell"), e.GetString("Text"),
                e.GetBoolean("Paraphrased") ?? false, e.GetBoolean("Approved") ?? false, e.GetDateTimeOffset("ChosenAt") ?? default));
        return quotes.OrderBy(q => q.Theme, StringComparer.Ordinal).ThenBy(q => q.ChosenAt).ToList();
    }
}
