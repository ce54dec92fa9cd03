namespace MemberGraph.Tests.Infrastructure;

/// <summary>The repository root, found by walking up from the test binaries to MemberGraph.sln.</summary>
public static class RepositoryRoot
{
    public static string Path { get; } = Find();

    private static string Find()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(System.IO.Path.Combine(directory.FullName, "MemberGraph.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("MemberGraph.sln not found above " + AppContext.BaseDirectory);
    }
}
