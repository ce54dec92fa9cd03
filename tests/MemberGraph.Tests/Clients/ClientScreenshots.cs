namespace MemberGraph.Tests.Clients;

/// <summary>
/// Where a client app's browser test saves its screenshots: a fresh temporary folder, so a test run leaves the working tree
/// as it was; with <c>UPDATE_SCREENSHOTS=1</c> the app's committed <c>screenshots/</c> folder (the pictures its README links).
/// </summary>
public static class ClientScreenshots
{
    public static string Folder(string clientDir)
    {
        if (Environment.GetEnvironmentVariable("UPDATE_SCREENSHOTS") == "1")
        {
            return Path.Combine(clientDir, "screenshots");
        }

        var folder = Path.Combine(Path.GetTempPath(), $"membergraph-screenshots-{Guid.NewGuid():N}");
        Directory.CreateDirectory(folder);
        return folder;
    }
}
