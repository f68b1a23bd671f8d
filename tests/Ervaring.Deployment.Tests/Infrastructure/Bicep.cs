using System.Reflection;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Ervaring.Deployment.Tests.Infrastructure;

/// <summary>The bicep compiler from the NuGet package Azure.Bicep.CommandLine.linux-x64 (path recorded at build time).</summary>
public static partial class Bicep
{
    public static string Executable { get; } = Locate();

    private static string Locate()
    {
        var path = typeof(Bicep).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .Single(a => a.Key == "BicepPath").Value?.Replace('\\', '/');
        if (string.IsNullOrEmpty(path) || !File.Exists(path))
            throw new InvalidOperationException($"bicep not found at '{path}'. Is Azure.Bicep.CommandLine.linux-x64 restored?");
        // NuGet extracts package files without their execute bit on some systems.
        var mode = File.GetUnixFileMode(path);
        if ((mode & UnixFileMode.UserExecute) == 0)
            File.SetUnixFileMode(path, mode | UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute);
        return path;
    }

    public static Task<ProcessResult> RunAsync(params string[] arguments) =>
        ProcessRunner.RunAsync(Executable, arguments, RepositoryRoot.Combine("bicep"), TimeSpan.FromMinutes(2));

    /// <summary>Every diagnostic line bicep printed (errors, warnings, infos), e.g. "main.bicep(12,3) : Warning no-unused-vars: …".</summary>
    public static IReadOnlyList<string> Diagnostics(ProcessResult result) =>
        result.Output.Split('\n').Select(l => l.Trim()).Where(l => DiagnosticLine().IsMatch(l)).ToList();

    [GeneratedRegex(@"\)\s*:\s*(Error|Warning|Info)\s", RegexOptions.IgnoreCase)]
    private static partial Regex DiagnosticLine();
}

/// <summary>bicep/main.bicep and bicep/main.bicepparam, compiled and linted once for all template tests.</summary>
public sealed class CompiledTemplate : IAsyncLifetime
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "ervaring-bicep-" + Guid.NewGuid().ToString("N"));

    public ProcessResult Build { get; private set; } = null!;
    public ProcessResult BuildParams { get; private set; } = null!;
    public ProcessResult LintTemplate { get; private set; } = null!;
    public ProcessResult LintParams { get; private set; } = null!;
    public string TemplateText { get; private set; } = "";
    public JsonObject Template { get; private set; } = null!;
    public JsonObject Parameters { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(_folder);
        var templateFile = Path.Combine(_folder, "main.json");
        var parametersFile = Path.Combine(_folder, "main.parameters.json");
        Build = await Bicep.RunAsync("build", "main.bicep", "--outfile", templateFile);
        BuildParams = await Bicep.RunAsync("build-params", "main.bicepparam", "--outfile", parametersFile);
        LintTemplate = await Bicep.RunAsync("lint", "main.bicep");
        LintParams = await Bicep.RunAsync("lint", "main.bicepparam");
        if (Build.ExitCode != 0) throw new InvalidOperationException(Build.Describe("bicep build"));
        if (BuildParams.ExitCode != 0) throw new InvalidOperationException(BuildParams.Describe("bicep build-params"));
        TemplateText = await File.ReadAllTextAsync(templateFile);
        Template = JsonNode.Parse(TemplateText)!.AsObject();
        Parameters = JsonNode.Parse(await File.ReadAllTextAsync(parametersFile))!.AsObject();
    }

    public Task DisposeAsync()
    {
        Directory.Delete(_folder, recursive: true);
        return Task.CompletedTask;
    }

    /// <summary>All resources, whether the template uses the classic array or the symbolic-name object form.</summary>
    public IReadOnlyList<JsonObject> Resources => Template["resources"] switch
    {
        JsonArray array => array.Select(r => r!.AsObject()).ToList(),
        JsonObject byName => byName.Select(p => p.Value!.AsObject()).ToList(),
        _ => throw new InvalidOperationException("Template has no resources."),
    };

    public IReadOnlyList<JsonObject> OfType(string type) =>
        Resources.Where(r => string.Equals((string?)r["type"], type, StringComparison.OrdinalIgnoreCase)).ToList();

    public JsonObject Single(string type, string nameContains) =>
        Assert.Single(OfType(type), r => ((string?)r["name"] ?? "").Contains(nameContains, StringComparison.Ordinal));

    public JsonNode Variable(string name) => Template["variables"]?[name] ?? throw new KeyNotFoundException($"variable {name}");

    public IReadOnlyList<string> StringArrayVariable(string name) =>
        Variable(name).AsArray().Select(n => (string)n!).ToList();
}
