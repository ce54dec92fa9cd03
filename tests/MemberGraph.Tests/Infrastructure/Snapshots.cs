using Newtonsoft.Json;
using Newtonsoft.Json.Linq;
using Snapshooter;
using Snapshooter.Xunit;

namespace MemberGraph.Tests.Infrastructure;

/// <summary>
/// Snapshooter snapshots, for answers whose shape is the point. A snapshot is <c>__snapshots__/Class.Test.snap</c> next to
/// the test's file; take its name with <c>Snapshot.FullName()</c> in the test method before the first <c>await</c> (the
/// name is read from the call stack).
/// <para>
/// To update snapshots after an intended change, run the tests with <c>UPDATE_SNAPSHOTS=1</c> (as for the SQL Server
/// script's snapshot): the old <c>.snap</c> is deleted and Snapshooter writes the new one; review its diff and commit it.
/// Without it a mismatch fails the test, and Snapshooter writes what it got to <c>__snapshots__/__mismatch__/</c> under the
/// same name: compare the two, and move that file over the <c>.snap</c> to accept it. <c>scripts/test.sh</c> (CI) sets
/// <c>SNAPSHOOTER_STRICT_MODE=on</c>, so there a missing snapshot fails instead of being written quietly.
/// </para>
/// </summary>
public static class Snapshots
{
    public const string UpdateVariable = "UPDATE_SNAPSHOTS";

    /// <summary>A GraphQL answer as JSON, its strings kept as sent (timestamps are not reparsed in this machine's time zone).</summary>
    public static void MatchJson(string json, SnapshotFullName name, Func<MatchOptions, MatchOptions>? options = null)
    {
        using var reader = new JsonTextReader(new StringReader(json)) { DateParseHandling = DateParseHandling.None };
        Match(JToken.ReadFrom(reader), name, options);
    }

    /// <summary>Text (printed as it is) or an object (as JSON).</summary>
    public static void Match(object value, SnapshotFullName name, Func<MatchOptions, MatchOptions>? options = null)
    {
        if (Environment.GetEnvironmentVariable(UpdateVariable) == "1")
        {
            File.Delete(Path.Combine(name.FolderPath, "__snapshots__", name.Filename));
        }

        Snapshot.Match(value, name, options ?? (o => o));
    }
}
