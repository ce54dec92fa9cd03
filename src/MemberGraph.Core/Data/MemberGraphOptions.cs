namespace MemberGraph.Data;

/// <summary>
/// The <c>MemberGraph:*</c> configuration section: the data folder and the first-start demo seed. (Its one other key,
/// <c>MemberGraph:Introspection</c>, is the schema's: see <c>GraphQLServiceCollectionExtensions</c> in MemberGraph.Api.)
/// </summary>
public sealed class MemberGraphOptions
{
    public const string Section = "MemberGraph";

    /// <summary>Folder for the SQLite file and the development signing key. Relative paths are under the content root.</summary>
    public string DataDir { get; set; } = "data";

    /// <summary>Seed the demo brand on first start. Defaults to true on SQLite, false on SQL Server.</summary>
    public bool? SeedDemoData { get; set; }

    /// <summary>Members created by the first-start demo seed.</summary>
    public int DemoMembers { get; set; } = 3000;
}
