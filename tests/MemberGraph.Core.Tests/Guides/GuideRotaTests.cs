using MemberGraph.Guides.Tasks;

namespace MemberGraph.Core.Tests.Guides;

public sealed class GuideRotaTests
{
    // store 1: guides 12 and 10 (by id: 10, 12); store 2: guide 20
    private static readonly GuideRota Rota = GuideRota.Of([(12, 1), (10, 1), (20, 2)]);

    [Fact]
    public void An_active_exclusive_guide_gets_the_task()
    {
        var assigned = Rota.Assign(new TaskCandidate { MemberId = 7, ExclusiveGuideId = 20, ExclusiveGuideStoreId = 2, LastOrderStoreId = 1 });

        Assert.Equal((20L, 2L, GuideTaskRoute.ExclusiveGuide), (assigned.GuideId, assigned.StoreId, assigned.Route));
    }

    [Theory]
    [InlineData(7, 12)] // 7 mod 2 = 1: the second guide by id
    [InlineData(8, 10)] // 8 mod 2 = 0: the first
    public void Without_an_active_exclusive_guide_the_service_stores_guides_take_turns_by_member_id(long memberId, long guideId)
    {
        var assigned = Rota.Assign(new TaskCandidate { MemberId = memberId, LastOrderStoreId = 1 });

        Assert.Equal((guideId, 1L, GuideTaskRoute.StoreRota), (assigned.GuideId, assigned.StoreId, assigned.Route));
    }

    [Fact]
    public void A_resigned_exclusive_guides_store_comes_before_the_last_order_store()
    {
        // guide 99 is not active: their store (2) serves the member, not store 1 where they last bought
        var assigned = Rota.Assign(new TaskCandidate { MemberId = 5, ExclusiveGuideId = 99, ExclusiveGuideStoreId = 2, LastOrderStoreId = 1 });

        Assert.Equal((20L, 2L, GuideTaskRoute.StoreRota), (assigned.GuideId, assigned.StoreId, assigned.Route));
    }

    [Fact]
    public void No_store_or_a_store_without_active_guides_gives_no_guide()
    {
        Assert.Equal(GuideTaskRoute.None, Rota.Assign(new TaskCandidate { MemberId = 5 }).Route);
        Assert.Null(Rota.Assign(new TaskCandidate { MemberId = 5, LastOrderStoreId = 3 }).GuideId);
    }
}
