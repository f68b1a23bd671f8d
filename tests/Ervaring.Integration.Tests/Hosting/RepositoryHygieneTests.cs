
namespace Ervaring.Integration.Tests.Hosting;

/// <summary>
/// What a merge or a hurried change can leave behind unnoticed: conflict markers in code, documentation or
/// configuration, and source files that grew past 400 lines without a word at their top on why they stay whole.
/// </summary>
public sealed class RepositoryHygieneTests
{
    private static readonly string[] TextFiles = ["*.cs", "*.md", "*.json", "*.bicep", "*.razor", "*.css", "*.js", "*.sh", "*.props", "*.csproj", "*.R", "*.yml"];
    private static readonly string[] SourceFiles = ["*.cs", "*.razor", "*.bicep", "*.css", "*.js", "*.sh", "*.R"];

    public const int LongFileLines = 400;

    [Fact]
    public void No_file_holds_merge_conflict_markers()
    {
        var found = Files(TextFiles)
            .SelectMany(f => File.ReadLines(f).Select((line, i) => (f, line, i)))
            .Where(x => x.line.StartsWith("<<<<<<< ", StringComparison.Ordinal) || x.line.StartsWith(">>>>>>> ", StringComparison.Ordinal))
            .Select(x => $"{Path.GetRelativePath(RepositoryRoot.Path, x.f)}:{x.i + 1}")
            .ToList();
        Assert.Empty(found);
    }

    /// <summary>A longer file says so in its first lines ("Over 400 lines on purpose: …"), so the size is a decision.</summary>
    [Fact]
    public void No_source_file_is_over_400_lines_without_saying_why_at_its_top()
    {
        var unexplained = Files(SourceFiles)
            .Where(f => File.ReadLines(f).Count() > LongFileLines
                        && !File.ReadLines(f).Take(5).Any(line => line.Contains($"{LongFileLines} lines", StringComparison.OrdinalIgnoreCase)))
            .Select(f => Path.GetRelativePath(RepositoryRoot.Path, f))
            .ToList();
        Assert.Empty(unexplained);
    }

    private static IEnumerable<string> Files(string[] patterns)
    {
        var skip = new[] { "bin", "obj", ".git", "node_modules", "artifacts" }.Select(d => Path.DirectorySeparatorChar + d + Path.DirectorySeparatorChar).ToArray();
        return patterns
            .SelectMany(pattern => Directory.EnumerateFiles(RepositoryRoot.Path, pattern, SearchOption.AllDirectories))
            .Where(f => !skip.Any(s => f.Contains(s, StringComparison.Ordinal)));
    }
}
