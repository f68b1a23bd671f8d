using Azure.Core;
using Azure.Data.Tables;
using Azure.Identity;
using Azure.Storage.Blobs;

namespace Ervaring.Storage;

/// <summary>
/// The app's storage account: one table service and one blob service client, built either from a
/// connection string or from endpoints with <see cref="DefaultAzureCredential"/>.
/// </summary>
public sealed class StorageAccount
{
    public TableServiceClient Tables { get; }
    public BlobServiceClient Blobs { get; }

    public StorageAccount(StorageOptions options)
    {
        if (options.UsesIdentity)
        {
            TokenCredential credential = new DefaultAzureCredential(new DefaultAzureCredentialOptions
            {
                ManagedIdentityClientId = string.IsNullOrWhiteSpace(options.ManagedIdentityClientId) ? null : options.ManagedIdentityClientId,
            });
            Tables = new TableServiceClient(options.TableEndpoint!, credential, Configure(new TableClientOptions()));
            Blobs = new BlobServiceClient(options.BlobEndpoint!, credential, Configure(new BlobClientOptions()));
        }
        else
        {
            var connectionString = string.IsNullOrWhiteSpace(options.ConnectionString)
                ? StorageOptions.DevelopmentConnectionString
                : options.ConnectionString;
            Tables = new TableServiceClient(connectionString, Configure(new TableClientOptions()));
            Blobs = new BlobServiceClient(connectionString, Configure(new BlobClientOptions()));
        }
    }

    public TableClient Table(string name) => Tables.GetTableClient(name);
    public BlobContainerClient Container(string name) => Blobs.GetBlobContainerClient(name);

    /// <summary>
    /// Short, bounded retries: when storage is down a family must get a clear "try again later" page
    /// within seconds, not after the SDK's default minute-long back-off.
    /// </summary>
    private static T Configure<T>(T options) where T : ClientOptions
    {
        options.Retry.MaxRetries = 2;
        options.Retry.Delay = TimeSpan.FromMilliseconds(200);
        options.Retry.MaxDelay = TimeSpan.FromSeconds(2);
        options.Retry.NetworkTimeout = TimeSpan.FromSeconds(10);
        return options;
    }
}
