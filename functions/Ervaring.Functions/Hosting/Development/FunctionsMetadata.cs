using System.Text.Json;
using Ervaring.Functions.Hosting.Settings;

namespace Ervaring.Functions.Hosting.Development;

/// <summary>One function as the Worker SDK's generated <c>functions.metadata</c> lists it.</summary>
public sealed record FunctionMetadataEntry(string Name, string EntryPoint, string TriggerType, string? Route, IReadOnlyList<string> Methods, string? Schedule)
{
    public bool IsHttp => TriggerType.Equals("httpTrigger", StringComparison.OrdinalIgnoreCase);
    public bool IsTimer => TriggerType.Equals("timerTrigger", StringComparison.OrdinalIgnoreCase);
}

/// <summary>
/// Reads <c>functions.metadata</c>, the file the Worker SDK writes next to the app at build and the Functions host
/// reads in Azure. The development server serves exactly what it lists, so what runs locally is what Azure runs.
/// </summary>
public static class FunctionsMetadata
{
    public const string FileName = "functions.metadata";
    public const string PathKey = ErvaringSettings.Section + ":" + nameof(ErvaringSettings.FunctionsMetadataPath);

    public static string PathFrom(IConfiguration configuration) =>
        ErvaringSettings.From(configuration).FunctionsMetadataPath is { Length: > 0 } configured ? configured : System.IO.Path.Combine(AppContext.BaseDirectory, FileName);

    public static IReadOnlyList<FunctionMetadataEntry> Read(string path)
    {
        if (!File.Exists(path))
            throw new InvalidOperationException($"{path} ontbreekt: bouw de app (dotnet build), de Worker SDK schrijft dit bestand.");
        using var document = JsonDocument.Parse(File.ReadAllText(path));
        var entries = new List<FunctionMetadataEntry>();
        foreach (var function in document.RootElement.EnumerateArray())
        {
            var trigger = function.GetProperty("bindings").EnumerateArray()
                .First(b => b.GetProperty("type").GetString()!.EndsWith("Trigger", StringComparison.OrdinalIgnoreCase));
            entries.Add(new FunctionMetadataEntry(
                function.GetProperty("name").GetString()!,
                function.GetProperty("entryPoint").GetString()!,
                trigger.GetProperty("type").GetString()!,
                trigger.TryGetProperty("route", out var route) ? route.GetString() : null,
                trigger.TryGetProperty("methods", out var methods) ? methods.EnumerateArray().Select(m => m.GetString()!.ToUpperInvariant()).ToList() : [],
                trigger.TryGetProperty("schedule", out var schedule) ? schedule.GetString() : null));
        }
        return entries;
    }
}
