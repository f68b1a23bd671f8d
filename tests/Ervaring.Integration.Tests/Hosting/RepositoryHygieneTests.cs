
namespace Ervaring.Integration.Tests.Hosting;

/// <summary>What a merge can leave behind unnoticed: conflict markers in code, documentation or configuration.</summary>
public sealed class RepositoryHygieneTests
{
    private static readonly string[] TextFiles = ["*.cs", "*.md", "*.json", "*.bicep", "*.razor", "*.css", "*.js", "*.sh", "*.props", "*.csproj", "*.R", "*.yml"];

    [Fact]
    public void No_file_holds_merge_conflict_markers()
    {
        var skip = new[] { "bin", "obj", ".git", "node_modules" }.Select(d => Path.DirectorySeparatorChar + d + Path.DirectorySeparatorChar).ToArray();
        var found = TextFiles
            .SelectMany(pattern => Directory.EnumerateFiles(RepositoryRoot.Path, pattern, SearchOption.AllDirectories))
            .Where(f => !skip.Any(s => f.Contains(s, StringComparison.Ordinal)))
            .SelectMany(f => File.ReadLines(f).Select((line, i) => (f, line, i)))
            .Where(x => x.line.StartsWith("<<<<<<< ", StringComparison.Ordinal) || x.line.StartsWith(">>>>>>> ", StringComparison.Ordinal))
            .Select(x => $"{Path.GetRelativePath(RepositoryRoot.Path, x.f)}:{x.i + 1}")
            .ToList();
        Assert.Empty(found);
    }
}
