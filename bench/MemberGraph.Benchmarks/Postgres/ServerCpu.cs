using System.Globalization;

namespace MemberGraph.Benchmarks.Postgres;

/// <summary>
/// CPU time a PostgreSQL server spent, from /proc: the postmaster, its children that are running (the backends serving the
/// gateway's pooled connections) and those that already exited (the postmaster's children time). On PostgreSQL the SQL runs
/// in these processes, not in the gateway's, so the bench reports it beside the gateway's own CPU.
/// </summary>
internal sealed class ServerCpu(int postmaster)
{
    private const double TicksPerSecond = 100; // USER_HZ: the unit of /proc/<pid>/stat times on Linux

    public TimeSpan Read()
    {
        double ticks = 0;
        foreach (var folder in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(folder), out var pid) || Stat(folder) is not { } fields)
            {
                continue;
            }

            // Fields after the command's closing parenthesis: [1] ppid, [11] utime, [12] stime, [13] cutime, [14] cstime.
            if (pid == postmaster)
            {
                ticks += Number(fields[11]) + Number(fields[12]) + Number(fields[13]) + Number(fields[14]);
            }
            else if (Number(fields[1]) == postmaster)
            {
                ticks += Number(fields[11]) + Number(fields[12]);
            }
        }

        return TimeSpan.FromSeconds(ticks / TicksPerSecond);
    }

    private static string[]? Stat(string folder)
    {
        try
        {
            var text = File.ReadAllText(Path.Combine(folder, "stat"));
            return text[(text.LastIndexOf(')') + 2)..].Split(' ');
        }
        catch (IOException)
        {
            return null; // the process ended meanwhile
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }
    }

    private static double Number(string field) => double.Parse(field, CultureInfo.InvariantCulture);
}
