using System.Diagnostics;
using System.IO.Compression;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Ervaring.Deployment.Tests.Infrastructure;

namespace Ervaring.Deployment.Tests;

/// <summary>The zip that goes to Flex Consumption: its layout, and that what is in it actually starts and serves.</summary>
[Collection(PackageCollection.Name)]
public sealed class PackageTests(BuiltPackage package)
{
    private const UnixFileMode AnyExecute = UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute;

    private static readonly string[] FunctionFolders = Directory.GetDirectories(RepositoryRoot.Combine("functions"))
        .Where(d => File.Exists(Path.Combine(d, "function.json")))
        .Select(Path.GetFileName).Order().ToArray()!;

    [Fact]
    public void Host_json_sits_at_the_root_unchanged()
    {
        using var zip = package.Open();
        var entry = zip.GetEntry("host.json");
        Assert.NotNull(entry);
        Assert.Equal(File.ReadAllText(RepositoryRoot.Combine("host.json")), Read(entry));
    }

    [Fact]
    public void Every_function_folder_is_at_the_root_with_its_function_json_and_nothing_else_is()
    {
        Assert.Contains("NightlyMaintenance", FunctionFolders);
        Assert.Contains("Health", FunctionFolders);
        using var zip = package.Open();
        foreach (var name in FunctionFolders)
        {
            var entry = zip.GetEntry($"{name}/function.json");
            Assert.True(entry is not null, $"{name}/function.json missing from the package");
            Assert.Equal(File.ReadAllText(RepositoryRoot.Combine("functions", name, "function.json")), Read(entry));
        }

        var rootFolders = zip.Entries.Select(e => e.FullName.Split('/')).Where(p => p.Length > 1).Select(p => p[0]).Distinct().Order();
        Assert.Equal(FunctionFolders.Append("app").Order(), rootFolders); // no Ervaring.Core/, no source
        var rootFiles = zip.Entries.Where(e => !e.FullName.Contains('/')).Select(e => e.FullName);
        Assert.Equal(["host.json"], rootFiles);
    }

    [Fact]
    public void The_executable_host_json_names_is_in_the_package_and_executable()
    {
        var hostJson = JsonNode.Parse(File.ReadAllText(RepositoryRoot.Combine("host.json")))!;
        var executable = (string)hostJson["customHandler"]!["description"]!["defaultExecutablePath"]!;
        Assert.Equal("app/Ervaring.Functions", executable);

        using var zip = package.Open();
        var entry = zip.GetEntry(executable);
        Assert.NotNull(entry);
        Assert.True((BuiltPackage.ModeOf(entry) & AnyExecute) == AnyExecute, $"{executable} is stored as {BuiltPackage.ModeOf(entry)}, not executable");
        // It is the native apphost of a self-contained linux-x64 app, not a framework-dependent dll.
        using (var stream = entry.Open())
        {
            var magic = new byte[4];
            stream.ReadExactly(magic);
            Assert.Equal(new byte[] { 0x7F, (byte)'E', (byte)'L', (byte)'F' }, magic);
        }
        Assert.NotNull(zip.GetEntry("app/libcoreclr.so")); // self-contained: the runtime travels along
        Assert.NotNull(zip.GetEntry("app/Ervaring.Functions.dll"));
    }

    [Fact]
    public void The_files_the_app_reads_next_to_itself_are_in_app()
    {
        using var zip = package.Open();
        var definitions = Directory.GetFiles(RepositoryRoot.Combine("survey-definitions"), "*.json").Select(Path.GetFileName).Order().ToList();
        Assert.NotEmpty(definitions);
        Assert.Equal(definitions, zip.Entries.Where(e => e.FullName.StartsWith("app/survey-definitions/") && e.Name.EndsWith(".json")).Select(e => e.Name).Order());
        foreach (var name in FunctionFolders)
            Assert.True(zip.GetEntry($"app/function-definitions/{name}/function.json") is not null, $"app/function-definitions/{name}/function.json missing");
    }

    [Fact]
    public async Task Unpacked_app_starts_like_under_the_Functions_host_and_reports_healthy_on_Azurite()
    {
        var appFolder = Path.Combine(package.ExtractedTo, "app");
        var executable = Path.Combine(appFolder, "Ervaring.Functions");
        Assert.True((File.GetUnixFileMode(executable) & UnixFileMode.UserExecute) != 0, "unpacked executable lost its execute bit");

        await using var azurite = await AzuriteProcess.StartAsync();
        var port = FreePorts.Next();
        var info = new ProcessStartInfo(executable)
        {
            WorkingDirectory = appFolder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        // Only what the Functions host would give it: the port, and (here) storage. Nothing from the test runner.
        foreach (var name in new[] { "ASPNETCORE_URLS", "URLS", "ASPNETCORE_ENVIRONMENT", "DOTNET_ENVIRONMENT", "DOTNET_ROOT" })
            info.Environment.Remove(name);
        info.Environment["FUNCTIONS_CUSTOMHANDLER_PORT"] = port.ToString();
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
