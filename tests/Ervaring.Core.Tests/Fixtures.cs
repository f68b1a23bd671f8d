using System.Globalization;

namespace Ervaring.Core.Tests;

/// <summary>Finds committed fixtures by walking up from the test binary to the folder holding Ervaring.sln.</summary>
internal static class Fixtures
{
    public static string RepositoryRoot { get; } = FindRoot();

    public static string Path(params string[] parts) =>
        System.IO.Path.Combine([RepositoryRoot, "tests", "fixtures", .. parts]);

    /// <summary>Reads a simple comma-separated file (no quoting) into header-keyed rows.</summary>
    public static IReadOnlyList<IReadOnlyDictionary<string, string>> ReadCsv(params string[] parts)
    {
        var lines = File.ReadAllLines(Path(parts)).Where(l => l.Length > 0).ToList();
        var header = lines[0].Split(',');
        return lines.Skip(1)
            .Select(l => l.Split(','))
            .Select(cells => (IReadOnlyDictionary<string, string>)header.Select((h, i) => (h, cells[i])).ToDictionary(p => p.h, p => p.Item2))
            .ToList();
    }

    public static double Number(string text) => double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture);

    /// <summary>An estimate against an R fixture row: n and df exactly, estimate and SE to 1e-9, interval ends to 1e-6.</summary>
    public static void AssertEqualsR(IReadOnlyDictionary<string, string> expected, Ervaring.Core.Statistics.Estimate actual)
    {
        Assert.Equal(long.Parse(expected["n"], CultureInfo.InvariantCulture), actual.Respondents);
        Assert.Equal(int.Parse(expected["df"], CultureInfo.InvariantCulture), actual.DegreesOfFreedom);
        Assert.Equal(Number(expected["estimate"]), actual.Value, 1e-9);
        Assert.Equal(Number(expected["se"]), actual.StandardError, 1e-9);
        Assert.Equal(Number(expected["ci_low"]), actual.Interval.Low, 1e-6);
        Assert.Equal(Number(expected["ci_high"]), actual.Interval.High, 1e-6);
    }

    private static string FindRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(System.IO.Path.Combine(dir.FullName, "Ervaring.sln"))) dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("Ervaring.sln not found above " + AppContext.BaseDirectory);
    }
}
