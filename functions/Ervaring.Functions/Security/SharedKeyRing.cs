using System.Xml.Linq;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Ervaring.Storage;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Microsoft.Extensions.Options;

namespace Ervaring.Functions.Security;

/// <summary>
/// The keys that encrypt the sign-in and antiforgery cookies, kept in Blob Storage so every instance of the app
/// reads the same ring. With the default (a folder on each instance's own disk) an officer whose next request lands on
/// another Flex Consumption instance would be signed out and every form post would fail its antiforgery check.
/// One blob per key, named by the key's id; the framework rotates keys itself (90 days) and never deletes one.
/// </summary>
public sealed class SharedKeyRing(BlobContainerClient container) : IXmlRepository
{
    public IReadOnlyCollection<XElement> GetAllElements()
    {
        var elements = new List<XElement>();
        try
        {
            foreach (var blob in container.GetBlobs())
            {
                using var stream = container.GetBlobClient(blob.Name).OpenRead();
                elements.Add(XElement.Load(stream));
            }
        }
        catch (Azure.RequestFailedException ex) when (ex.ErrorCode == BlobErrorCode.ContainerNotFound) { }
        return elements;
    }

    public void StoreElement(XElement element, string friendlyName)
    {
        container.CreateIfNotExists();
        using var content = new MemoryStream();
        element.Save(content, SaveOptions.DisableFormatting);
        content.Position = 0;
        // A new key has a new id: never overwrite one that is there.
        container.GetBlobClient($"{friendlyName}.xml").Upload(content, overwrite: false);
    }
}

public static class SharedKeyRingRegistration
{
    public static IServiceCollection AddSharedKeyRing(this IServiceCollection services)
    {
        services.AddDataProtection().SetApplicationName("ervaring");
        services.AddOptions<KeyManagementOptions>().Configure<StorageAccount>((options, storage) =>
            options.XmlRepository = new SharedKeyRing(storage.Blobs.GetBlobContainerClient(StorageNames.Containers.KeyRing)));
        return services;
    }
}
