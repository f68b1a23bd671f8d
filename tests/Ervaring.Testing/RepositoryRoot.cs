namespace Ervaring.Testing;

/// <summary>The checked-out repository, found by walking up to the folder that holds Ervaring.sln.</summary>
public static class RepositoryRoot
{
    public static string Path { get; } = Find();

    public static string Combine(params string[] parts) => System.IO.Path.Combine([Path, .. parts]);

    private static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(System.IO.Path.Combine(dir.FullName, "Ervaring.sln"))) return dir.FullName;
        throw new InvalidOperationException("Ervaring.sln not found above " + AppContext.BaseDirectory);
    }
}
