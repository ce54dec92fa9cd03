using MemberGraph.Domain;
using MemberGraph.Orders;

namespace MemberGraph.Core.Tests.Orders;

/// <summary>
/// Which cents and units of which lines a refund returns. The order: paid 100.00, line 1 is 4 units for 40.00 (40 points),
/// line 2 one unit for 60.00 (60 points). Refusal codes are compared by name so that moving the error vocabulary between
/// namespaces does not touch these tests.
/// </summary>
public sealed class RefundPlanTests
{
    private static Order TwoLineOrder() => new()
    {
        PaidAmountCents = 10_000,
        Lines =
        [
            new OrderLine { LineNumber = 2, Quantity = 1, PaidShareCents = 6_000, Points = 60 }, // listed out of order on purpose
            new OrderLine { LineNumber = 1, Quantity = 4, PaidShareCents = 4_000, Points = 40 },
        ],
    };

    private static RefundOrderCommand ByLines(params RefundLineRequest[] lines) => new(1, null, null, "R1", lines, null, null);

    private static RefundOrderCommand ByAmount(long cents) => new(1, null, null, "R1", null, cents, null);

    private static readonly RefundOrderCommand Full = new(1, null, null, "R1", null, null, null);

    private static List<(int Line, int Quantity, long Cents)> Parts(Outcome<IReadOnlyList<RefundPart>> outcome)
    {
        Assert.True(outcome.Succeeded, outcome.Error?.Message);
        return outcome.Value!.Select(p => (p.Line.LineNumber, p.Quantity, p.Cents)).ToList();
    }

    private static (string Code, string? Field, string Message) Refusal(Outcome<IReadOnlyList<RefundPart>> outcome) =>
        (outcome.Error!.Code.ToString(), outcome.Error.Field, outcome.Error.Message);

    [Fact]
    public void A_line_without_a_quantity_refunds_all_its_units_and_cents()
    {
        Assert.Equal([(1, 4, 4_000L)], Parts(RefundPlan.For(TwoLineOrder(), ByLines(new RefundLineRequest(1, null)))));
    }

    [Fact]
    public void Some_units_of_a_line_refund_their_share_of_its_cents()
    {
        // 1 of 4 units of 40.00 = 10.00; 1 of 1 of 60.00 = 60.00
        Assert.Equal([(1, 1, 1_000L), (2, 1, 6_000L)],
            Parts(RefundPlan.For(TwoLineOrder(), ByLines(new RefundLineRequest(1, 1), new RefundLineRequest(2, 1)))));
    }

    [Fact]
    public void Unit_shares_round_down_and_the_last_unit_takes_what_is_left()
    {
        // 3 units for 10.00: 3.33 + 3.33, then the last unit 3.34
        var line = new OrderLine { LineNumber = 1, Quantity = 3, PaidShareCents = 1_000 };
        var order = new Order { PaidAmountCents = 1_000, Lines = [line] };

        var first = Parts(RefundPlan.For(order, ByLines(new RefundLineRequest(1, 1))));
        (line.RefundedQuantity, line.RefundedCents) = (1, 333);
        var second = Parts(RefundPlan.For(order, ByLines(new RefundLineRequest(1, 1))));
        (line.RefundedQuantity, line.RefundedCents) = (2, 666);
        var last = Parts(RefundPlan.For(order, ByLines(new RefundLineRequest(1, 1))));

        Assert.Equal([(1, 1, 333L)], first);
        Assert.Equal([(1, 1, 333L)], second);
        Assert.Equal([(1, 1, 334L)], last);
    }

    [Fact]
    public void Units_refunded_after_an_amount_refund_return_no_more_than_the_cents_left()
    {
        // 2 units for 10.00 of which 9.00 already went back by amount: one unit would be 5.00, only 1.00 is left
        var line = new OrderLine { LineNumber = 1, Quantity = 2, PaidShareCents = 1_000, RefundedCents = 900 };
        var order = new Order { PaidAmountCents = 1_000, RefundedAmountCents = 900, Lines = [line] };

        Assert.Equal([(1, 1, 100L)], Parts(RefundPlan.For(order, ByLines(new RefundLineRequest(1, 1)))));
    }

    [Theory]
    [InlineData(0, "Line 1 has 4 units left to refund; 0 were asked for.")]
    [InlineData(5, "Line 1 has 4 units left to refund; 5 were asked for.")]
    public void More_units_than_are_left_or_none_are_refused(int quantity, string message)
    {
        Assert.Equal(("RefundExceedsOrder", "lines", message), Refusal(RefundPlan.For(TwoLineOrder(), ByLines(new RefundLineRequest(1, quantity)))));
    }

    [Fact]
    public void A_line_the_order_does_not_have_is_invalid_input()
    {
        var outcome = RefundPlan.For(TwoLineOrder(), ByLines(new RefundLineRequest(3, null)));

        Assert.Equal(("InvalidInput", "lines", "The order has no line 3."), Refusal(outcome));
    }

    [Fact]
    public void An_amount_is_spread_over_the_lines_in_proportion_to_what_each_can_return()
    {
        // 50.00 over 40.00 / 60.00 -> 20.00 / 30.00, no units
        Assert.Equal([(1, 0, 2_000L), (2, 0, 3_000L)], Parts(RefundPlan.For(TwoLineOrder(), ByAmount(5_000))));
    }

    [Fact]
    public void Lines_that_get_no_cent_of_an_amount_are_left_out()
    {
        // 0.01 over 40.00 / 60.00: 0.4 / 0.6 cents -> the cent goes to the larger remainder, line 2
        Assert.Equal([(2, 0, 1L)], Parts(RefundPlan.For(TwoLineOrder(), ByAmount(1))));
    }

    [Fact]
    public void The_whole_paid_amount_may_be_refunded_but_not_a_cent_more()
    {
        var order = TwoLineOrder();

        Assert.Equal([(1, 0, 4_000L), (2, 0, 6_000L)], Parts(RefundPlan.For(order, ByAmount(10_000))));
        Assert.Equal(
            ("RefundExceedsOrder", "amountCents", "10000 cents are left to refund; 10001 were asked for."),
            Refusal(RefundPlan.For(order, ByAmount(10_001))));
    }

    [Fact]
    public void A_full_refund_returns_everything_left_including_units_whose_cents_already_went_back()
    {
        // line 1 fully refunded by amount (cents) but not by units; line 2 untouched
        var order = TwoLineOrder();
        order.RefundedAmountCents = 4_000;
        order.Lines.Single(l => l.LineNumber == 1).RefundedCents = 4_000;

        Assert.Equal([(1, 4, 0L), (2, 1, 6_000L)], Parts(RefundPlan.For(order, Full)));
    }

    [Fact]
    public void A_full_refund_of_a_fully_refunded_order_is_refused()
    {
        var order = TwoLineOrder();
        order.Status = OrderStatus.FullyRefunded;

        Assert.Equal(("RefundExceedsOrder", "orderId", "The order is already fully refunded."), Refusal(RefundPlan.For(order, Full)));
    }

    [Fact]
    public void Lines_win_over_an_amount_and_neither_means_full()
    {
        Assert.Equal(RefundKind.Lines, RefundPlan.KindOf(new RefundOrderCommand(1, null, null, "R", [new RefundLineRequest(1, null)], 500, null)));
        Assert.Equal(RefundKind.Amount, RefundPlan.KindOf(ByAmount(500)));
        Assert.Equal(RefundKind.Full, RefundPlan.KindOf(Full));
    }
}
