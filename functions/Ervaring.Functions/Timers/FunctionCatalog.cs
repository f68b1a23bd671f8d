using System.Text.Json;

namespace Ervaring.Functions.Timers;

public sealed record TimerFunction(string Name, string Schedule);

/// <summary>
/// Reads the timer functions' function.json files that the build copies next to the app
/// (<c>function-definitions/{Name}/function.json</c>), so the local scheduler uses exactly the schedules
/// that Azure will use.
/// </summary>
public sealed class FunctionCatalog(IConfiguration configuration)
{
    public const string FolderKey = "Ervaring:FunctionDefinitionsPath";

    public string Folder => configuration[FolderKey] is { Length: > 0 } configured
        ? configured
        : Path.Combine(AppContext.BaseDirectory, "function-definitions");

    public IReadOnlyList<TimerFunction> TimerFunctions()
    {
        var timers = new List<TimerFunction>();
        if (!Directory.Exists(Folder)) return timers;
        foreach (var file in Directory.EnumerateFiles(Folder, "function.json", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            using var document = JsonDocument.Parse(File.ReadAllText(file));
            foreach (var binding in document.RootElement.GetProperty("bindings").EnumerateArray())
            {
                if (binding.GetProperty("type").GetString() == "timerTrigger")
                    timers.Add(new TimerFunction(Path.GetFileName(Path.GetDirectoryName(file)!), binding.GetProperty("schedule").GetString()!));
            }
        }
        return timers;
    }
}
