namespace Ervaring.Storage;

/// <summary>
/// How the app reaches its storage account. Either a connection string (Azurite locally and in tests),
/// or endpoints plus a managed identity (Azure: no keys anywhere).
/// Configuration section: <c>Ervaring:Storage</c>, bound as part of the app's settings.
/// </summary>
public sealed class StorageOptions
{
    public const string DevelopmentConnectionString = "UseDevelopmentStorage=true";

    public string? ConnectionString { get; set; }
    public Uri? TableEndpoint { get; set; }
    public Uri? BlobEndpoint { get; set; }

    /// <summary>Client id of the user-assigned managed identity; empty means the default credential chain decides.</summary>
    public string? ManagedIdentityClientId { get; set; }

    public bool UsesIdentity => string.IsNullOrWhiteSpace(ConnectionString) && TableEndpoint is not null && BlobEndpoint is not null;
}
