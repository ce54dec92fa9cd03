using MemberGraph.Orders;

namespace MemberGraph.Core.Tests.Orders;

/// <summary>Points taken back by refunds: in proportion to the refunded cents, on running totals so they add up exactly.</summary>
public sealed class RefundPointsTests
{
    [Fact]
    public void A_quarter_of_the_cents_takes_back_a_quarter_of_the_points()
    {
        // 40 points on 40.00; 10.00 refunded -> 10 points
        var line = new OrderLine { PaidShareCents = 4_000, Points = 40 };

        Assert.Equal(10, RefundPlan.PointsToReverse(line, before: 0, after: 1_000));
    }

    [Fact]
    public void Partial_refunds_add_up_to_exactly_all_the_points()
    {
        // 10 points on 0.03, refunded a cent at a time: floor(10/3) = 3, floor(20/3) - 3 = 3, 10 - 6 = 4
        var line = new OrderLine { PaidShareCents = 3, Points = 10 };

        var taken = new[] { RefundPlan.PointsToReverse(line, 0, 1), RefundPlan.PointsToReverse(line, 1, 2), RefundPlan.PointsToReverse(line, 2, 3) };

        Assert.Equal([3L, 3L, 4L], taken);
    }

    [Fact]
    public void Small_refunds_may_take_back_nothing_until_their_total_reaches_a_point()
    {
        // 1 point on 1.00: refunds of 0.40 and 0.40 take nothing, the last 0.20 takes the point
        var line = new OrderLine { PaidShareCents = 100, Points = 1 };

        Assert.Equal(0, RefundPlan.PointsToReverse(line, 0, 40));
        Assert.Equal(0, RefundPlan.PointsToReverse(line, 40, 80));
        Assert.Equal(1, RefundPlan.PointsToReverse(line, 80, 100));
    }

    [Fact]
    public void A_line_nothing_was_paid_for_takes_back_nothing()
    {
        Assert.Equal(0, RefundPlan.PointsToReverse(new OrderLine { PaidShareCents = 0, Points = 5 }, 0, 0));
    }

    [Fact]
    public void Large_lines_do_not_overflow()
    {
        // 100,000,000.00 yuan earning 10^10 points, half refunded: 10^10 * 5 * 10^9 would overflow a long, the answer is 5 * 10^9
        var line = new OrderLine { PaidShareCents = 10_000_000_000, Points = 10_000_000_000 };

        Assert.Equal(5_000_000_000, RefundPlan.PointsToReverse(line, 0, 5_000_000_000));
    }
}
