namespace MemberGraph.Orders;

/// <summary>Splits an amount of cents over weights exactly (largest remainder), so the parts always add up.</summary>
public static class Allocation
{
    public static long[] Proportional(long total, IReadOnlyList<long> weights)
    {
        var parts = new long[weights.Count];
        if (weights.Count == 0)
        {
            return parts;
        }

        Int128 sum = 0;
        foreach (var weight in weights)
        {
            sum += weight;
        }

        if (sum == 0)
        {
            parts[0] = total;
            return parts;
        }

        var remainders = new (Int128 Remainder, int Index)[weights.Count];
        long given = 0;
        for (var i = 0; i < weights.Count; i++)
        {
            var exact = (Int128)total * weights[i];
            parts[i] = (long)(exact / sum);
            remainders[i] = (exact % sum, i);
            given += parts[i];
        }

        foreach (var (_, index) in remainders.OrderByDescending(r => r.Remainder).ThenBy(r => r.Index).Take((int)(total - given)))
        {
            parts[index]++;
        }

        return parts;
    }

    /// <summary><c>floor(value * numerator / denominator)</c> without overflow; 0 when the denominator is 0.</summary>
    public static long Scale(long value, long numerator, long denominator) =>
        denominator == 0 ? 0 : (long)((Int128)value * numerator / denominator);
}
