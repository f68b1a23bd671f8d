using System.Net;
using System.Text.Json;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Ervaring.Storage;

namespace Ervaring.Integration.Tests.Hosting;

[Collection(AppCollection.Name)]
public sealed class StorageAndHealthTests(AppFixture fixture)
{
    [Fact]
    public async Task Start_up_creates_every_table_and_container_in_Azurite()
    {
        var tables = new TableServiceClient(fixture.Azurite.ConnectionString);
        var existingTables = new List<string>();
        await foreach (var table in tables.QueryAsync()) existingTables.Add(table.Name);
        Assert.Superset(StorageNames.Tables.All.ToHashSet(), existingTables.ToHashSet());

        var blobs = new BlobServiceClient(fixture.Azurite.ConnectionString);
        var containers = new List<string>();
        await foreach (var container in blobs.GetBlobContainersAsync()) containers.Add(container.Name);
        Assert.Superset(StorageNames.Containers.All.ToHashSet(), containers.ToHashSet());
    }

    [Fact]
    public async Task Health_reports_storage_healthy()
    {
        using var client = fixture.App.CreateClient();
        var response = await client.GetAsync("/health");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("healthy", body.RootElement.GetProperty("status").GetString());
        Assert.Equal("ok", body.RootElement.GetProperty("storage").GetProperty("tables").GetString());
        Assert.Equal("ok", body.RootElement.GetProperty("storage").GetProperty("blobs").GetString());
    }

    [Fact]
    public async Task Health_reports_503_when_storage_does_not_answer()
    {
        var deadPort = FreePorts.Next();
        var connectionString = "DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==;" +
                               $"BlobEndpoint=http://127.0.0.1:{deadPort}/devstoreaccount1;TableEndpoint=http://127.0.0.1:{deadPort}/devstoreaccount1;";
        await using var app = await AppInstance.StartAsync(connectionString);
        using var client = app.CreateClient();

        var response = await client.GetAsync("/health");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("unhealthy", body.RootElement.GetProperty("status").GetString());
    }

    [Fact]
    public async Task Unknown_paths_get_a_dutch_page_without_server_banner()
    {
        using var client = fixture.App.CreateClient();
        var response = await client.GetAsync("/bestaat-niet");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.False(response.Headers.Contains("Server"));
        Assert.Contains("Deze pagina bestaat niet.", await response.Content.ReadAsStringAsync());
    }
}
