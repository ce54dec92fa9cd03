namespace MemberGraph.Benchmarks.WritePath.Refund;

/// <summary>An INSERT held for the refund's last command (with its audit lines); its parameters share <c>@now</c> with them.</summary>
internal sealed class AtCommit
{
    public string Sql { get; set; } = "";

    public List<(string Name, object? Value)> Parameters { get; } = [];
}
