using MemberGraph.Members;
using MemberGraph.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace MemberGraph.Tests.Commission;

/// <summary>
/// Commission:CrossStore — an order sold by store B carrying the code of a guide of store A (whose customer also has an
/// exclusive guide in store B). AttributeToGuide credits and pays guide A; NoCommission credits guide A but pays no one;
/// StoreGuideInstead passes guide A over for the next candidate working in store B. Online orders are never cross-store.
/// </summary>
public sealed class CrossStoreTests
{
    [Theory]
    [InlineData("AttributeToGuide", "in store B", "guide A", "GUIDE_CODE", true)]
    [InlineData("NoCommission", "in store B", "guide A", "GUIDE_CODE", false)]
    [InlineData("StoreGuideInstead", "in store B", "guide B", "EXCLUSIVE_GUIDE", true)]
    [InlineData("StoreGuideInstead", "in store B, no guide of B", "none", "NONE", false)]
    [InlineData("StoreGuideInstead", "online", "guide A", "GUIDE_CODE", true)]
    [InlineData("NoCommission", "online", "guide A", "GUIDE_CODE", true)]
    [InlineData("NoCommission", "in store A", "guide A", "GUIDE_CODE", true)]
    public async Task Cross_store_rule(string rule, string where, string credited, string source, bool paid)
    {
        // given
        await using var gateway = await CommissionHost.StartAsync(new Dictionary<string, string?> { ["Commission:CrossStore"] = rule });
        var data = new TestData(gateway);
        var (storeA, storeB) = (await data.StoreAsync(), await data.StoreAsync());
        var (guideA, guideB) = (await data.GuideAsync(storeA.Id), await data.GuideAsync(storeB.Id));
        var buyer = $"POS-X-{TestData.Next()}";
        var member = await data.MemberAsync(null, null, (IdentityChannel.PosCard, buyer));
        if (where != "in store B, no guide of B")
        {
            await data.RelationshipAsync(member.Id, guideB.Id);
        }

        long? sellingStore = where switch { "online" => null, "in store A" => storeA.Id, _ => storeB.Id };
        var input = AttributedOrders.Input(buyer, storeId: sellingStore, guideCode: guideA.GuideCode, channel: sellingStore is null ? "TMALL" : "POS",
            lines: [LoyaltyApi.Line("DOM-APPLE-1KG", "DOMESTIC_FRUIT", 1, 10_000)]);
        if (sellingStore is null)
        {
            input["identities"] = new object[] { new { channel = "POS_CARD", externalId = buyer } };
        }

        // when
        var (guideId, actual, orderId) = await AttributedOrders.RecordAsync(gateway, input);

        // then
        long? expectedGuide = credited switch { "guide A" => guideA.Id, "guide B" => guideB.Id, _ => null };
        Assert.Equal((expectedGuide, source), (guideId, actual));
        await using var db = gateway.Db();
        var lines = await db.CommissionLines.Where(l => l.OrderId == orderId).ToListAsync();
        if (paid)
        {
            var line = Assert.Single(lines);
            Assert.Equal((expectedGuide!.Value, 300L), (line.GuideId, line.AmountCents));
        }
        else
        {
            Assert.Empty(lines);
        }
    }
}
