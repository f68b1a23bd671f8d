using System.Net;
using System.Text.Json.Nodes;
using Ervaring.Functions;
using Ervaring.Functions.Hosting.Functions;
using Ervaring.Integration.Tests.Wiring;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;

namespace Ervaring.Integration.Tests.Hosting;

/// <summary>The development server serves exactly the HTTP functions of functions.metadata, and nothing else.</summary>
[Collection(AppCollection.Name)]
public sealed class DevelopmentServerTests(AppFixture fixture)
{
    [Fact]
    public void It_serves_exactly_the_http_functions_of_functions_metadata_with_their_routes_and_methods()
    {
        var app = Program.Build(["--environment=Testing", "--Ervaring:Storage:ConnectionString=UseDevelopmentStorage=true"]);
        var served = ((IEndpointRouteBuilder)app).DataSources.SelectMany(d => d.Endpoints).OfType<RouteEndpoint>()
            .Select(e => Describe(e.RoutePattern.RawText!.TrimStart('/'), e.Metadata.GetMetadata<HttpMethodMetadata>()!.HttpMethods))
            .Order().ToList();
        var listed = JsonNode.Parse(File.ReadAllText(FunctionsWiringTests.BuiltMetadata))!.AsArray()
            .Select(f => f!["bindings"]!.AsArray().First()!)
            .Where(t => t["type"]!.GetValue<string>() == "httpTrigger")
            .Select(t => Describe(t["route"]!.GetValue<string>(), t["methods"]!.AsArray().Select(m => m!.GetValue<string>())))
            .Order().ToList();

        Assert.Equal(listed, served);
        Assert.Equal(HttpFunctionCatalog.Instance.Http.Count, served.Count);
    }

    [Fact]
    public async Task A_function_left_out_of_functions_metadata_is_not_served()
    {
        var folder = Directory.CreateTempSubdirectory("ervaring-metadata-").FullName;
        try
        {
            var functions = JsonNode.Parse(File.ReadAllText(FunctionsWiringTests.BuiltMetadata))!.AsArray();
            functions.Remove(functions.First(f => f!["name"]!.GetValue<string>() == "Health"));
            var metadata = Path.Combine(folder, "functions.metadata");
            File.WriteAllText(metadata, functions.ToJsonString());

            await using var app = await AppInstance.StartAsync(fixture.Azurite.ConnectionString,
                new Dictionary<string, string?> { ["Ervaring:FunctionsMetadataPath"] = metadata });
            using var client = app.CreateClient();
            Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/health")).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/openapi.json")).StatusCode);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static string Describe(string route, IEnumerable<string> methods) =>
        $"{string.Join(",", methods.Select(m => m.ToUpperInvariant()).Order())} /{route}";
}
