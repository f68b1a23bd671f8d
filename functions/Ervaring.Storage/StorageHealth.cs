using Azure;

namespace Ervaring.Storage;

public sealed record StorageHealthReport(bool Healthy, string Tables, string Blobs);

/// <summary>Asks both services a cheap question and reports whether they answer.</summary>
public static class StorageHealth
{
    public static async Task<StorageHealthReport> CheckAsync(StorageAccount account, CancellationToken cancellationToken = default)
    {
        var tables = await Probe(async () =>
        {
            await foreach (var _ in account.Table(StorageNames.Tables.Waves).QueryAsync<Azure.Data.Tables.TableEntity>(
                               maxPerPage: 1, cancellationToken: cancellationToken).AsPages(pageSizeHint: 1))
                break;
        });
        var blobs = await Probe(() => account.Container(StorageNames.Containers.Definitions).GetPropertiesAsync(cancellationToken: cancellationToken));
        return new StorageHealthReport(tables == "ok" && blobs == "ok", tables, blobs);
    }

    private static async Task<string> Probe(Func<Task> probe)
    {
        try
        {
            await probe();
            return "ok";
        }
        catch (RequestFailedException ex)
        {
            return $"fout: {ex.Status} {ex.ErrorCode}";
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or AggregateException or OperationCanceledException)
        {
            return "onbereikbaar";
        }
    }
}
