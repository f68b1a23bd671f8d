using System.Net;
using Azure.Storage.Blobs;
using Ervaring.Storage;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.Extensions.DependencyInjection;

namespace Ervaring.Integration.Tests.Hardening;

/// <summary>
/// The keys that encrypt the sign-in and antiforgery cookies live in Blob Storage, so a second instance of the app
/// (Flex Consumption scales out) reads the officer's cookie and the form's token.
/// </summary>
[Collection(AppCollection.Name)]
public sealed class SharedKeyRingTests(AppFixture fixture)
{
    [Fact]
    public async Task A_cookie_made_by_one_instance_opens_the_pages_on_another()
    {
        using var first = fixture.App.CreateClient(followRedirects: false);
        using var signedIn = await AdminPageSignIn.SignInAsync(first, AppFixture.AdminKey);
        var cookie = string.Join("; ", signedIn.Headers.GetValues("Set-Cookie").Select(c => c.Split(';')[0]).Where(c => c.StartsWith("ervaring-beheer=", StringComparison.Ordinal)));
        Assert.NotEmpty(cookie);

        var container = new BlobContainerClient(fixture.Azurite.ConnectionString, StorageNames.Containers.KeyRing);
        var keys = new List<string>();
        await foreach (var blob in container.GetBlobsAsync()) keys.Add(blob.Name);
        Assert.NotEmpty(keys);

        // The second instance knows the first one's key from storage, not from a folder on this machine.
        await using var second = await AppInstance.StartAsync(fixture.Azurite.ConnectionString, AppFixture.DefaultSettings);
        var ring = second.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<KeyManagementOptions>>().Value;
        Assert.IsType<Ervaring.Functions.Security.SharedKeyRing>(ring.XmlRepository);
        var known = second.Services.GetRequiredService<IKeyManager>().GetAllKeys().Select(k => $"key-{k.KeyId:D}.xml").ToHashSet();
        Assert.Superset(keys.ToHashSet(), known);

        using var other = second.CreateClient(followRedirects: false);
        other.DefaultRequestHeaders.Add("Cookie", cookie);
        Assert.Equal(HttpStatusCode.OK, (await other.GetAsync("/beheer")).StatusCode);
    }
}
