using MemberGraph.Guides;
using MemberGraph.Members;
using MemberGraph.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace MemberGraph.Tests.Commission;

/// <summary>
/// Which guide an order is credited to: the order's guide code, then the share parameter (share link gc=, live stream
/// live=), then the member's exclusive guide; resigned guides get nothing new.
/// </summary>
public sealed class AttributionTests(CommissionHost host) : IClassFixture<CommissionHost>
{
    public static TheoryData<string, string?, string?, bool, string, string> Precedence() => new()
    {
        // case, guide code, share parameter, member has an exclusive guide, credited guide, source
        { "code beats share and exclusive", "code", "gc=share", true, "code", "GUIDE_CODE" },
        { "share beats exclusive", null, "gc=share", true, "share", "SHARE_LINK" },
        { "share parameter with other keys", null, "from=moments&gc=share;utm=x", true, "share", "SHARE_LINK" },
        { "live stream with its host in the parameter", null, "live=L-42&gc=share", true, "share", "LIVE_STREAM" },
        { "live stream with a configured host", null, "live=L-HOSTED", true, "live host", "LIVE_STREAM" },
        { "unknown live stream falls through", null, "live=L-UNKNOWN", true, "exclusive", "EXCLUSIVE_GUIDE" },
        { "unknown guide code falls through to share", "NO-SUCH-CODE", "gc=share", true, "share", "SHARE_LINK" },
        { "exclusive guide alone", null, null, true, "exclusive", "EXCLUSIVE_GUIDE" },
        { "nothing to go by", null, null, false, "none", "NONE" },
        { "malformed share parameter", null, "gc", false, "none", "NONE" },
    };

    [Theory]
    [MemberData(nameof(Precedence))]
    public async Task Attribution_precedence(string scenario, string? code, string? share, bool hasExclusive, string credited, string source)
    {
        // given: four guides of one store; the live host's code is the one configured for stream L-HOSTED
        var data = new TestData(host.Gateway);
        var store = await data.StoreAsync();
        var guides = new Dictionary<string, Guide>
        {
            ["code"] = await data.GuideAsync(store.Id),
            ["share"] = await data.GuideAsync(store.Id),
            ["exclusive"] = await data.GuideAsync(store.Id),
            ["live host"] = await LiveHostAsync(data, store.Id),
        };
        var buyer = $"POS-ATTR-{TestData.Next()}";
        var member = await data.MemberAsync(null, null, (IdentityChannel.PosCard, buyer));
        if (hasExclusive)
        {
            await data.RelationshipAsync(member.Id, guides["exclusive"].Id);
        }

        var input = AttributedOrders.Input(buyer, storeId: store.Id,
            guideCode: code == "code" ? guides["code"].GuideCode : code,
            shareParameter: share?.Replace("gc=share", $"gc={guides["share"].GuideCode}"));

        // when
        var (guideId, actual, _) = await AttributedOrders.RecordAsync(host.Gateway, input);

        // then
        Assert.Equal(source, actual);
        Assert.True((credited == "none" ? null : guides[credited].Id) == guideId, $"{scenario}: credited Guide:{guideId}");
    }

    [Fact]
    public async Task A_resigned_guide_gets_no_new_order_the_next_candidate_does()
    {
        // given: the order's code belongs to a resigned guide; the member's exclusive guide resigned too; a share link remains
        var data = new TestData(host.Gateway);
        var store = await data.StoreAsync();
        var (resignedByCode, resignedExclusive, sharer) = (await data.GuideAsync(store.Id), await data.GuideAsync(store.Id), await data.GuideAsync(store.Id));
        var buyer = $"POS-RES-{TestData.Next()}";
        var member = await data.MemberAsync(null, null, (IdentityChannel.PosCard, buyer));
        await data.RelationshipAsync(member.Id, resignedExclusive.Id);
        await ResignAsync(resignedByCode.Id, resignedExclusive.Id);

        // when
        var withShare = await AttributedOrders.RecordAsync(host.Gateway, AttributedOrders.Input(buyer, storeId: store.Id, guideCode: resignedByCode.GuideCode, shareParameter: $"gc={sharer.GuideCode}"));
        var withoutShare = await AttributedOrders.RecordAsync(host.Gateway, AttributedOrders.Input(buyer, storeId: store.Id, guideCode: resignedByCode.GuideCode));

        // then: the share link's guide; then nobody (the resigned exclusive guide is skipped too), and no commission for anyone resigned
        Assert.Equal((sharer.Id, "SHARE_LINK"), (withShare.GuideId!.Value, withShare.Source));
        Assert.Equal((null, "NONE"), (withoutShare.GuideId, withoutShare.Source));
        await using var db = host.Gateway.Db();
        Assert.False(await db.CommissionLines.AnyAsync(l => l.GuideId == resignedByCode.Id || l.GuideId == resignedExclusive.Id));
        Assert.False(await db.CommissionLines.AnyAsync(l => l.OrderId == withoutShare.OrderId));
    }

    [Fact]
    public async Task A_guide_deactivated_after_an_order_is_not_credited_with_the_next_one()
    {
        // given: an active guide credited with a first order (the attribution is read before the order's write turn), then resigned
        var data = new TestData(host.Gateway);
        var store = await data.StoreAsync();
        var guide = await data.GuideAsync(store.Id);
        var buyer = $"POS-DEACT-{TestData.Next()}";
        await data.MemberAsync(null, null, (IdentityChannel.PosCard, buyer));
        var before = await AttributedOrders.RecordAsync(host.Gateway, AttributedOrders.Input(buyer, storeId: store.Id, guideCode: guide.GuideCode));
        await ResignAsync(guide.Id);

        // when: the same code on the next order
        var after = await AttributedOrders.RecordAsync(host.Gateway, AttributedOrders.Input(buyer, storeId: store.Id, guideCode: guide.GuideCode));

        // then: the first order is the guide's, the second nobody's, and only the first earned commission
        Assert.Equal((guide.Id, "GUIDE_CODE"), (before.GuideId!.Value, before.Source));
        Assert.Equal((null, "NONE"), (after.GuideId, after.Source));
        await using var db = host.Gateway.Db();
        Assert.True(await db.CommissionLines.AnyAsync(l => l.OrderId == before.OrderId && l.GuideId == guide.Id));
        Assert.False(await db.CommissionLines.AnyAsync(l => l.OrderId == after.OrderId));
    }

    [Fact]
    public async Task An_ended_exclusive_relationship_or_a_follow_does_not_attribute()
    {
        // given: the member only follows one guide and their exclusive relationship with another ended
        var data = new TestData(host.Gateway);
        var store = await data.StoreAsync();
        var (followed, former) = (await data.GuideAsync(store.Id), await data.GuideAsync(store.Id));
        var buyer = $"POS-END-{TestData.Next()}";
        var member = await data.MemberAsync(null, null, (IdentityChannel.PosCard, buyer));
        await data.RelationshipAsync(member.Id, followed.Id, GuideRelationshipKind.Follow);
        var ended = await data.RelationshipAsync(member.Id, former.Id);
        await using (var db = host.Gateway.Db())
        {
            await db.GuideRelationships.Where(r => r.Id == ended.Id).ExecuteUpdateAsync(s => s.SetProperty(r => r.EndedAt, DateTime.UtcNow.AddDays(-1)));
        }

        // when
        var (guideId, source, _) = await AttributedOrders.RecordAsync(host.Gateway, AttributedOrders.Input(buyer, storeId: store.Id));

        // then
        Assert.Equal((null, "NONE"), (guideId, source));
    }

    private async Task ResignAsync(params long[] guideIds)
    {
        await using var db = host.Gateway.Db();
        await db.Guides.Where(g => guideIds.Contains(g.Id))
            .ExecuteUpdateAsync(s => s.SetProperty(g => g.Status, GuideStatus.Resigned).SetProperty(g => g.ResignedAt, DateTime.UtcNow));
    }

    /// <summary>The guide with code GLIVEHOST (the configured host of L-HOSTED): one per gateway, created on first use.</summary>
    private async Task<Guide> LiveHostAsync(TestData data, long storeId)
    {
        await using var db = host.Gateway.Db();
        var existing = await db.Guides.AsNoTracking().FirstOrDefaultAsync(g => g.GuideCode == "GLIVEHOST");
        if (existing is not null)
        {
            // Move the host into this test's store so that store-level checks see one store.
            await db.Guides.Where(g => g.Id == existing.Id).ExecuteUpdateAsync(s => s.SetProperty(g => g.StoreId, storeId));
            existing.StoreId = storeId;
            return existing;
        }

        return await data.GuideAsync(storeId, "GLIVEHOST");
    }
}
