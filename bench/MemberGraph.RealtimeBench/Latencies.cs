namespace MemberGraph.RealtimeBench;

/// <summary>Commit-to-next latencies in milliseconds, collected from many receive loops.</summary>
public sealed class Latencies
{
    private readonly List<double> _samples = [];
    private bool _recording;

    public void Start()
    {
        lock (_samples)
        {
            _samples.Clear();
            _recording = true;
        }
    }

    public void Add(double milliseconds)
    {
        lock (_samples)
        {
            if (_recording)
            {
                _samples.Add(milliseconds);
            }
        }
    }

    public int Count
    {
        get
        {
            lock (_samples)
            {
                return _samples.Count;
            }
        }
    }

    public (int Count, double P50, double P90, double P99, double Max) Summary()
    {
        double[] sorted;
        lock (_samples)
        {
            sorted = [.. _samples.Order()];
        }

        if (sorted.Length == 0)
        {
            return (0, double.NaN, double.NaN, double.NaN, double.NaN);
        }

        double At(double q) => sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(q * sorted.Length) - 1)];
        return (sorted.Length, At(0.50), At(0.90), At(0.99), sorted[^1]);
    }
}
