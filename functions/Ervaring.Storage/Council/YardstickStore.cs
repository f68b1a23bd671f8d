using System.Globalization;
using Azure;
using Azure.Data.Tables;
using Ervaring.Core.Comparison;
using Ervaring.Core.Reports.Yardstick;

namespace Ervaring.Storage.Council;

/// <summary>
/// A municipality's targets and its reasons for years without a survey (issue 14), in table <c>reportnotes</c>
/// beside the wave notes, partition <c>gemeente|{municipality}</c> (wave ids never start with that, so the two never
/// meet; no new table to deploy). Rows: <c>doel|{audience}|{measure}|{dimension}|{value}|{targetYear}</c> — the
/// target's key, so saving the same target twice, or twice at once, leaves one row — and <c>jaar|{year}</c> for a
/// gap reason. Every part through <see cref="StorageKeys.Encode"/>; values are read from properties, never from keys.
/// This table is the draft: a report version carries its own copy, taken at publication.
/// </summary>
public sealed class YardstickStore(StorageAccount account)
{
    private TableClient Table => account.Table(StorageNames.Tables.ReportNotes);

    public static string Partition(string municipality) => $"gemeente|{StorageKeys.Encode(municipality.Trim())}";

    public async Task SaveTargetAsync(Target target, CancellationToken cancellationToken = default) =>
        await Table.UpsertEntityAsync(new TableEntity(Partition(target.Municipality), TargetRow(target))
        {
            ["Municipality"] = target.Municipality, ["Audience"] = target.Audience, ["Measure"] = target.Measure,
            ["Dimension"] = target.Dimension, ["DomainValue"] = target.DomainValue, ["Value"] = target.Value,
            ["TargetYear"] = target.TargetYear, ["PolicyTitle"] = target.PolicyTitle, ["PolicyLink"] = target.PolicyLink,
        }, TableUpdateMode.Replace, cancellationToken);

    /// <summary>Deleting what is gone already is fine (a repeat). Published versions keep their own copy.</summary>
    public async Task DeleteTargetAsync(string municipality, string key, CancellationToken cancellationToken = default)
    {
        try { await Table.DeleteEntityAsync(Partition(municipality), "doel|" + string.Join('|', key.Split('|').Select(StorageKeys.Encode)), cancellationToken: cancellationToken); }
        catch (RequestFailedException ex) when (ex.Status == 404) { }
    }

    public async Task<IReadOnlyList<Target>> ListTargetsAsync(string municipality, CancellationToken cancellationToken = default)
    {
        var result = new List<Target>();
        await foreach (var e in Table.QueryAsync<TableEntity>(e => e.PartitionKey == Partition(municipality), cancellationToken: cancellationToken))
        {
            if (!e.RowKey.StartsWith("doel|", StringComparison.Ordinal)) continue;
            result.Add(new Target(e.GetString("Municipality"), e.GetString("Audience"), e.GetString("Measure"), e.GetString("Dimension"), e.GetString("DomainValue"),
                e.GetDouble("Value") ?? 0, e.GetInt32("TargetYear") ?? 0, e.GetString("PolicyTitle"), e.GetString("PolicyLink")));
        }
        return result;
    }

    /// <summary>A reason is replaced by a newer one, never removed: the gap stays explained (and a gap never disappears).</summary>
    public async Task SaveGapReasonAsync(GapReason reason, CancellationToken cancellationToken = default) =>
        await Table.UpsertEntityAsync(new TableEntity(Partition(reason.Municipality), YearRow(reason.Year))
        {
            ["Municipality"] = reason.Municipality, ["Year"] = reason.Year, ["Reason"] = reason.Reason, ["GivenAt"] = reason.GivenAt,
        }, TableUpdateMode.Replace, cancellationToken);

    public async Task<IReadOnlyList<GapReason>> ListGapReasonsAsync(string municipality, CancellationToken cancellationToken = default)
    {
        var result = new List<GapReason>();
        await foreach (var e in Table.QueryAsync<TableEntity>(e => e.PartitionKey == Partition(municipality), cancellationToken: cancellationToken))
            if (e.RowKey.StartsWith("jaar|", StringComparison.Ordinal))
                result.Add(new GapReason(e.GetString("Municipality"), e.GetInt32("Year") ?? 0, e.GetString("Reason"), e.GetDateTimeOffset("GivenAt") ?? default));
        return result;
    }

    /// <summary>
    /// Reference figures from outside the region (issue 14, point 4), rows <c>ref|{measure}|{audience}|{source}|{year}</c>:
    /// all of one file in one transaction (at most 100, one partition), so a file is stored whole or not at all; the same
    /// figure imported again replaces itself.
    /// </summary>
    public async Task SaveReferencesAsync(string municipality, IReadOnlyList<ReferenceFigure> figures, CancellationToken cancellationToken = default)
    {
        if (figures.Count == 0) return;
        var actions = figures.Select(f => new TableTransactionAction(TableTransactionActionType.UpsertReplace, new TableEntity(Partition(municipality), ReferenceRow(f))
        {
            ["Measure"] = f.Measure, ["Audience"] = f.Audience, ["Source"] = f.Source, ["Year"] = f.Year, ["Population"] = f.Population,
            ["Value"] = f.Value, ["CiLow"] = f.CiLow, ["CiHigh"] = f.CiHigh, ["Comparable"] = f.Comparable, ["Difference"] = f.Difference,
        })).ToList();
        await Table.SubmitTransactionAsync(actions, cancellationToken);
    }

    public async Task<IReadOnlyList<ReferenceFigure>> ListReferencesAsync(string municipality, CancellationToken cancellationToken = default)
    {
        var result = new List<ReferenceFigure>();
        await foreach (var e in Table.QueryAsync<TableEntity>(e => e.PartitionKey == Partition(municipality), cancellationToken: cancellationToken))
            if (e.RowKey.StartsWith("ref|", StringComparison.Ordinal))
                result.Add(new ReferenceFigure(e.GetString("Measure"), e.GetString("Audience"), e.GetString("Source"), e.GetInt32("Year") ?? 0, e.GetString("Population"),
                    e.GetDouble("Value") ?? 0, e.GetDouble("CiLow"), e.GetDouble("CiHigh"), e.GetBoolean("Comparable") ?? false, e.GetString("Difference")));
        return result;
    }

    /// <summary>Removing what is gone already is a repeat (the same button sent twice), not an error.</summary>
    public async Task DeleteReferenceAsync(string municipality, ReferenceFigure figure, CancellationToken cancellationToken = default)
    {
        try { await Table.DeleteEntityAsync(Partition(municipality), ReferenceRow(figure), cancellationToken: cancellationToken); }
        catch (RequestFailedException ex) when (ex.Status == 404) { }
    }

    private static string ReferenceRow(ReferenceFigure figure) => "ref|" + string.Join('|', figure.Key.Split('|').Select(StorageKeys.Encode));

    private static string TargetRow(Target target) => "doel|" + string.Join('|', target.Key.Split('|').Select(StorageKeys.Encode));

    private static string YearRow(int year) => "jaar|" + year.ToString(CultureInfo.InvariantCulture);
}
