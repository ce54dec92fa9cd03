using MemberGraph.Members;
using MemberGraph.Orders;

namespace MemberGraph.Core.Tests.Orders;

/// <summary>
/// Fingerprints of orders and refunds. They are stored with every order, so their text must never drift: the expected
/// hashes are SHA-256 of the canonical text in the comment, computed outside the code (<c>printf '%s' '…' | sha256sum</c>).
/// </summary>
public sealed class ContentHashTests
{
    private static readonly DateTime PaidAt = new(2026, 11, 11, 12, 0, 0, DateTimeKind.Utc); // 639,299,952,000,000,000 ticks

    private static readonly RecordOrderLine Apples = new("APPLE", ProductCategory.DomesticFruit, 2, 1_000);
    private static readonly RecordOrderLine GiftBox = new("GIFT", ProductCategory.GiftBox, 1, 9_000);
    private static readonly OrderIdentity Card = new(IdentityChannel.PosCard, "CARD-1");
    private static readonly OrderIdentity Phone = new(IdentityChannel.Phone, "13800000000");

    private static RecordOrderCommand Order(
        IReadOnlyList<OrderIdentity>? identities = null, IReadOnlyList<RecordOrderLine>? lines = null, long paid = 9_500) => new(
        SalesChannel.Pos,
        "POS-1",
        identities ?? [Card, Phone],
        StoreId: 7,
        GuideCode: "G1",
        ShareParameter: "gc=G2",
        lines ?? [Apples, GiftBox],
        paid,
        PaidAt);

    [Fact]
    public void An_order_hashes_its_canonical_text()
    {
        // Pos|POS-1|Phone:13800000000,PosCard:CARD-1|7|G1|gc=G2|APPLE:DomesticFruit:2:1000,GIFT:GiftBox:1:9000|9500|639299952000000000
        Assert.Equal("e745ad0608fe3c052926434b39fba1f2dc11d2d2ab9813316b71cba94ee1b9c9", ContentHash.Of(Order(), storeId: 7));
    }

    [Fact]
    public void The_named_member_is_appended_only_when_the_order_names_one()
    {
        // the same text + "|member:42"
        Assert.Equal("2b8bd713c708feb6b5a4096fbc0473c5b728576586f574abec8b71c64c3a21c4", ContentHash.Of(Order(), storeId: 7, memberId: 42));
    }

    [Fact]
    public void Identities_in_another_order_are_the_same_order()
    {
        var reversed = Order(identities: [Phone, Card]);

        Assert.Equal(ContentHash.Of(Order(), 7), ContentHash.Of(reversed, 7));
    }

    [Fact]
    public void Lines_in_another_order_are_another_order()
    {
        var swapped = Order(lines: [GiftBox, Apples]);

        Assert.NotEqual(ContentHash.Of(Order(), 7), ContentHash.Of(swapped, 7));
    }

    [Fact]
    public void Any_other_amount_store_or_time_is_another_order()
    {
        var original = ContentHash.Of(Order(), 7);

        Assert.NotEqual(original, ContentHash.Of(Order(paid: 9_501), 7));
        Assert.NotEqual(original, ContentHash.Of(Order(), 8));
        Assert.NotEqual(original, ContentHash.Of(Order(), null));
        Assert.NotEqual(original, ContentHash.Of(Order() with { PaidAt = PaidAt.AddTicks(1) }, 7));
        Assert.NotEqual(original, ContentHash.Of(Order() with { ShareParameter = null }, 7));
    }

    [Fact]
    public void A_refund_hashes_its_lines_sorted_its_amount_and_its_reason()
    {
        // "1:,2:1||": line 1 without a quantity, line 2 quantity 1, no amount, no reason; "-|500|damaged": by amount
        var byLines = new RefundOrderCommand(1, null, null, "R1", [new RefundLineRequest(2, 1), new RefundLineRequest(1, null)], null, null);
        var byAmount = new RefundOrderCommand(null, SalesChannel.Pos, "POS-1", "R2", null, 500, "damaged");

        Assert.Equal("541c20e3468cec338fb2bb3b277a1fb638a7bb747e9294a5e84be76da7473246", ContentHash.Of(byLines));
        Assert.Equal("e5918426a6b962bbe6b66ac39e45bb0b079efd02860dfc62d3ea49aec34220f1", ContentHash.Of(byAmount));
    }

    [Fact]
    public void The_refund_id_and_how_the_order_is_named_are_not_part_of_the_refund()
    {
        var a = new RefundOrderCommand(1, null, null, "R1", null, 500, "damaged");
        var b = new RefundOrderCommand(null, SalesChannel.Pos, "POS-1", "R9", null, 500, "damaged");

        Assert.Equal(ContentHash.Of(a), ContentHash.Of(b));
    }
}
