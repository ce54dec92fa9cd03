using System.Globalization;
using Npgsql;

namespace MemberGraph.Benchmarks.Postgres;

/// <summary>
/// How many of the bench database's requests were waiting for a lock while a slice ran, sampled from <c>pg_stat_activity</c> on a
/// connection of its own (outside the gateway's pool and statement counts; prepared, so a sample costs the server about 0.3 ms) every <see cref="Interval"/>: the mean number of
/// backends waiting (<c>wait_event_type = 'Lock'</c>) beside the mean number running a statement, and the statement most of the
/// waiters were in. Many waiters on one statement mean the operation takes turns on a row: its throughput is then one over how
/// long a transaction holds that row, from the statement that locks it to its commit.
/// </summary>
internal sealed record LockWaits(int Samples, long Waiting, long Active, IReadOnlyDictionary<string, int> WaitingIn)
{
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(50);

    public static readonly LockWaits None = new(0, 0, 0, new Dictionary<string, int>());

    public double MeanWaiting => Waiting / (double)Math.Max(1, Samples);

    public double MeanActive => Active / (double)Math.Max(1, Samples);

    /// <summary>Samples <paramref name="connectionString"/>'s database until <paramref name="stop"/> is cancelled.</summary>
    public static async Task<LockWaits> SampleAsync(string connectionString, CancellationToken stop)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false };
        await using var connection = new NpgsqlConnection(builder.ConnectionString);
        await connection.OpenAsync(CancellationToken.None);
        await using var command = new NpgsqlCommand("""
            SELECT wait_event_type = 'Lock', left(regexp_replace(query, '\s+', ' ', 'g'), 60)
            FROM pg_stat_activity
            WHERE datname = current_database() AND pid <> pg_backend_pid() AND state = 'active'
            """, connection);
        await command.PrepareAsync(CancellationToken.None); // planned once, not at every sample: the sampler's backend counts in the server's CPU
        var samples = 0;
        long waiting = 0, active = 0;
        var waitingIn = new Dictionary<string, int>();
        while (!stop.IsCancellationRequested)
        {
            await using (var reader = await command.ExecuteReaderAsync(CancellationToken.None))
            {
                while (await reader.ReadAsync(CancellationToken.None))
                {
                    active++;
                    if (!reader.IsDBNull(0) && reader.GetBoolean(0))
                    {
                        waiting++;
                        var statement = reader.GetString(1);
                        waitingIn[statement] = waitingIn.GetValueOrDefault(statement) + 1;
                    }
                }
            }

            samples++;
            try
            {
                await Task.Delay(Interval, stop);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }

        return new LockWaits(samples, waiting, active, waitingIn);
    }

    public static LockWaits operator +(LockWaits a, LockWaits b)
    {
        var waitingIn = new Dictionary<string, int>(a.WaitingIn);
        foreach (var (statement, count) in b.WaitingIn)
        {
            waitingIn[statement] = waitingIn.GetValueOrDefault(statement) + count;
        }

        return new LockWaits(a.Samples + b.Samples, a.Waiting + b.Waiting, a.Active + b.Active, waitingIn);
    }

    /// <summary>"4.1 of 5.0 running statements waited for a lock, 97 % of them in UPDATE ..."; null when less than a tenth of a statement waited on average.</summary>
    public string? Describe()
    {
        if (MeanWaiting < 0.1)
        {
            return null;
        }

        var (statement, count) = WaitingIn.MaxBy(w => w.Value);
        return string.Create(CultureInfo.InvariantCulture,
            $"{MeanWaiting:F1} of {MeanActive:F1} running statements waited for a lock on average, {count / (double)Waiting:P0} of them in {statement}...");
    }
}
