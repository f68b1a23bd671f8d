using System.Diagnostics;
using System.IO.Compression;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Ervaring.Deployment.Tests.Infrastructure;

namespace Ervaring.Deployment.Tests;

/// <summary>The zip that goes to Flex Consumption (dotnet-isolated 10.0): its layout, and that what is in it actually serves.</summary>
[Collection(PackageCollection.Name)]
public sealed class PackageTests(BuiltPackage package)
{
    [Fact]
    public void Host_json_sits_at_the_root_unchanged_and_names_no_custom_handler()
    {
        using var zip = package.Open();
        var entry = zip.GetEntry("host.json");
        Assert.NotNull(entry);
        var text = Read(entry);
        Assert.Equal(File.ReadAllText(RepositoryRoot.Combine("host.json")), text);
        Assert.Null(JsonNode.Parse(text)!["customHandler"]);
    }

    [Fact]
    public void Functions_metadata_lists_every_function_and_points_at_the_app_in_the_package()
    {
        using var zip = package.Open();
        var functions = JsonNode.Parse(Read(zip.GetEntry("functions.metadata")!))!.AsArray();
        var names = functions.Select(f => (string)f!["name"]!).ToList();
        foreach (var expected in new[] { "NightlyMaintenance", "YearlyReport", "Health", "SurveyShow", "SurveyPost", "WavesCreate" })
            Assert.Contains(expected, names);
        Assert.All(functions, f => Assert.NotNull(zip.GetEntry((string)f!["scriptFile"]!)));
        Assert.DoesNotContain(zip.Entries, e => e.Name == "function.json");
    }

    [Fact]
    public void The_worker_and_the_extensions_the_host_loads_are_in_the_package()
    {
        using var zip = package.Open();
        var worker = JsonNode.Parse(Read(zip.GetEntry("worker.config.json")!))!["description"]!;
        Assert.Equal("dotnet-isolated", (string?)worker["language"]);
        Assert.Equal("dotnet", (string?)worker["defaultExecutablePath"]);
        Assert.NotNull(zip.GetEntry((string)worker["defaultWorkerPath"]!));
        Assert.NotNull(zip.GetEntry("extensions.json"));
        Assert.NotNull(zip.GetEntry(".azurefunctions/function.deps.json"));
        Assert.NotNull(zip.GetEntry(".azurefunctions/Microsoft.Azure.WebJobs.Extensions.FunctionMetadataLoader.dll"));
        // Framework-dependent: the platform's runtime dotnet-isolated 10.0 brings .NET; nothing self-contained.
        Assert.Null(zip.GetEntry("libcoreclr.so"));
    }

    [Fact]
    public void The_app_is_compiled_ahead_of_time_with_ReadyToRun()
    {
        using var zip = package.Open();
        using var buffer = new MemoryStream();
        using (var stream = zip.GetEntry("Ervaring.Functions.dll")!.Open()) stream.CopyTo(buffer);
        buffer.Position = 0;
        using var pe = new System.Reflection.PortableExecutable.PEReader(buffer);
        // A ReadyToRun image carries a managed native header; a plain IL assembly does not.
        Assert.True(pe.PEHeaders.CorHeader!.ManagedNativeHeaderDirectory.Size > 0, "Ervaring.Functions.dll is not ReadyToRun");
    }

    [Fact]
    public void The_files_the_app_reads_next_to_itself_are_in_the_package()
    {
        using var zip = package.Open();
        // The questionnaires, their translations and the codebook (in its own folder, which the loader does not read as a questionnaire).
        var root = RepositoryRoot.Combine("survey-definitions");
        var definitions = Directory.GetFiles(root, "*.json", SearchOption.AllDirectories)
            .Select(f => "survey-definitions/" + Path.GetRelativePath(root, f).Replace('\\', '/')).Order(StringComparer.Ordinal).ToList();
        Assert.Contains("survey-definitions/codebook/codebook.json", definitions);
        Assert.Equal(definitions, zip.Entries.Where(e => e.FullName.StartsWith("survey-definitions/") && e.Name.EndsWith(".json")).Select(e => e.FullName).Order(StringComparer.Ordinal));
        // Municipalities' logos (Ervaring:Municipalities:{id}:Logo = gemeente-logos/<file>) travel the same way.
        var logos = Directory.GetFiles(RepositoryRoot.Combine("gemeente-logos")).Select(Path.GetFileName).Order().ToList();
        Assert.NotEmpty(logos);
        Assert.Equal(logos, zip.Entries.Where(e => e.FullName.StartsWith("gemeente-logos/") && e.Name.Length > 0).Select(e => e.Name).Order());
    }

    [Fact]
    public async Task Unpacked_app_serves_its_functions_and_reports_healthy_on_Azurite()
    {
        // The Functions host cannot run here; the package's own files serve its functions through the development
        // server, which shows the package holds everything the function code needs to run.
        var appFolder = package.ExtractedTo;

        await using var azurite = await AzuriteProcess.StartAsync();
        var port = FreePorts.Next();
        var info = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = appFolder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in new[] { "Ervaring.Functions.dll", "--development-server", "--urls", $"http://127.0.0.1:{port}" })
            info.ArgumentList.Add(arg);
        // Production, as in Azure; nothing from the test runner's environment.
        foreach (var name in new[] { "ASPNETCORE_URLS", "URLS", "ASPNETCORE_ENVIRONMENT", "DOTNET_ENVIRONMENT" })
            info.Environment.Remove(name);
        info.Environment["Ervaring__PublicBaseUrl"] = "https://ervaring.example.nl";
        info.Environment["Ervaring__Storage__ConnectionString"] = azurite.ConnectionString;
        // Production, as in Azure: the server secrets must be configured or the app refuses to start.
        info.Environment["Ervaring__Secrets__TokenKey"] = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));
        info.Environment["Ervaring__Secrets__HashPepper"] = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));

        var log = new StringBuilder();
        using var process = new Process { StartInfo = info };
        process.OutputDataReceived += (_, e) => { lock (log) log.AppendLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { lock (log) log.AppendLine(e.Data); };
        Assert.True(process.Start());
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            using var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromSeconds(10) };
            HttpResponseMessage? response = null;
            var deadline = DateTime.UtcNow.AddSeconds(60);
            while (DateTime.UtcNow < deadline)
            {
                Assert.False(process.HasExited, $"the app exited with code {(process.HasExited ? process.ExitCode : 0)}:\n{Snapshot(log)}");
                try
                {
                    response = await client.GetAsync("/health");
                    break;
                }
                catch (HttpRequestException)
                {
                    await Task.Delay(200);
                }
            }
            Assert.True(response is not null, $"the app did not answer on port {port} within 60 s:\n{Snapshot(log)}");
            var body = await response.Content.ReadAsStringAsync();
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET /health: {(int)response.StatusCode} {body}\n{Snapshot(log)}");
            using var json = JsonDocument.Parse(body);
            Assert.Equal("healthy", json.RootElement.GetProperty("status").GetString());
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
                await process.WaitForExitAsync();
            }
        }
    }

    private static string Snapshot(StringBuilder log)
    {
        lock (log) return log.ToString();
    }

    private static string Read(ZipArchiveEntry entry)
    {
        using var reader = new StreamReader(entry.Open());
        return reader.ReadToEnd();
    }
}
