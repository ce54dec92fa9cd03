namespace MemberGraph.RealtimeBench;

/// <summary>Command line: <c>--connections 1000,10000 --modes one,two --rate 100 --seconds 20 --warmup 200 --api path/MemberGraph.Api.dll</c>.</summary>
public sealed record BenchOptions(int[] Connections, string[] Modes, int Rate, int Seconds, int Warmup, string ApiDll)
{
    public static BenchOptions Parse(string[] args)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i + 1 < args.Length; i += 2)
        {
            values[args[i].TrimStart('-')] = args[i + 1];
        }

        string Get(string key, string fallback) => values.TryGetValue(key, out var value) ? value : fallback;
        var root = RepositoryRoot();
        return new BenchOptions(
            Get("connections", "1000,10000").Split(',').Select(int.Parse).ToArray(),
            Get("modes", "one,two").Split(','),
            int.Parse(Get("rate", "50")),
            int.Parse(Get("seconds", "20")),
            int.Parse(Get("warmup", "200")),
            Path.GetFullPath(Get("api", Path.Combine(root, "src", "MemberGraph.Api", "bin", "Release", "net10.0", "MemberGraph.Api.dll"))));
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "MemberGraph.sln")))
            {
                return dir.FullName;
            }
        }

        return Directory.GetCurrentDirectory();
    }
}
