using MemberGraph.Orders;

namespace MemberGraph.Core.Tests.Orders;

/// <summary>Splitting cents over weights by largest remainder, and scaling without overflow.</summary>
public sealed class AllocationTests
{
    [Fact]
    public void An_exact_split_gives_each_weight_its_share()
    {
        // 100 yuan of discount-free lines 40 / 60
        Assert.Equal([4_000L, 6_000L], Allocation.Proportional(10_000, [40, 60]));
        Assert.Equal([1L, 2L, 3L, 4L], Allocation.Proportional(10, [1, 2, 3, 4]));
    }

    [Fact]
    public void Leftover_cents_go_to_the_largest_remainders()
    {
        // 10 over 1:2 is 3.33 / 6.67: floors 3 + 6 = 9, the cent left goes to the larger remainder (the second)
        Assert.Equal([3L, 7L], Allocation.Proportional(10, [1, 2]));

        // 320.00 over weights 10,000 / 30,000 / 1 (sum 40,001): exact 7,999.80 / 23,999.40 / 0.80 cents; floors 7,999 + 23,999
        // + 0 = 31,998, 2 short: they go to the remainders .80 (first) and .80 (third, slightly smaller), not to .40
        Assert.Equal([8_000L, 23_999L, 1L], Allocation.Proportional(32_000, [10_000, 30_000, 1]));
    }

    [Fact]
    public void Equal_remainders_go_to_the_earliest_weights()
    {
        // 100 over three equal weights: 33 each, 1 left, the first gets it
        Assert.Equal([34L, 33L, 33L], Allocation.Proportional(100, [1, 1, 1]));
        Assert.Equal([26L, 25L, 25L, 24L], Allocation.Proportional(100, [25, 25, 25, 24]));
    }

    [Fact]
    public void A_zero_weight_gets_nothing()
    {
        // 7 over 0:1:1 -> 0, 3.5, 3.5: the cent left goes to the earlier of the equal remainders
        Assert.Equal([0L, 4L, 3L], Allocation.Proportional(7, [0, 1, 1]));
    }

    [Fact]
    public void When_all_weights_are_zero_the_first_takes_everything()
    {
        Assert.Equal([500L, 0L, 0L], Allocation.Proportional(500, [0, 0, 0]));
    }

    [Fact]
    public void Nothing_to_split_or_nowhere_to_split_it()
    {
        Assert.Equal([0L, 0L], Allocation.Proportional(0, [1, 2]));
        Assert.Empty(Allocation.Proportional(100, []));
    }

    [Fact]
    public void The_largest_longs_split_exactly_without_overflow()
    {
        // MaxValue over two weights of MaxValue: MaxValue is odd, so halves of (MaxValue - 1) / 2 and one cent to the first
        Assert.Equal(
            [4_611_686_018_427_387_904L, 4_611_686_018_427_387_903L],
            Allocation.Proportional(long.MaxValue, [long.MaxValue, long.MaxValue]));
    }

    [Theory]
    [InlineData(1L)]
    [InlineData(99L)]
    [InlineData(10_001L)]
    [InlineData(9_999_999_999L)]
    public void The_parts_always_add_up_to_the_total_and_each_is_within_a_cent_of_its_exact_share(long total)
    {
        long[] weights = [3, 7, 11, 13, 1, 0, 65];

        var parts = Allocation.Proportional(total, weights);

        Assert.Equal(total, parts.Sum());
        for (var i = 0; i < weights.Length; i++)
        {
            var exact = (decimal)total * weights[i] / 100m; // the weights add up to 100
            Assert.InRange(parts[i], Math.Floor(exact), Math.Floor(exact) + 1);
        }
    }

    [Theory]
    [InlineData(10L, 1L, 3L, 3L)]                                                // 3.33 -> 3
    [InlineData(10L, 2L, 3L, 6L)]                                                // 6.67 -> 6: rounded down, not to nearest
    [InlineData(4_000L, 4L, 4L, 4_000L)]
    [InlineData(0L, 5L, 7L, 0L)]
    [InlineData(123L, 456L, 0L, 0L)]                                             // a zero denominator scales to 0
    [InlineData(long.MaxValue, long.MaxValue, long.MaxValue, long.MaxValue)]     // MaxValue^2 would overflow a long
    [InlineData(long.MaxValue, 3L, 4L, 6_917_529_027_641_081_855L)]              // 27,670,116,110,564,327,421 / 4 = ...855.25
    public void Scale_is_value_times_numerator_over_denominator_rounded_down(long value, long numerator, long denominator, long expected) =>
        Assert.Equal(expected, Allocation.Scale(value, numerator, denominator));
}
