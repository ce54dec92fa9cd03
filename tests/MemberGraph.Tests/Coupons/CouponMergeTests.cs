using MemberGraph.Coupons;
using MemberGraph.Members;
using MemberGraph.Tests.Infrastructure;

namespace MemberGraph.Tests.Coupons;

public sealed class CouponMergeTests : IAsyncLifetime
{
    private GatewayHost _gateway = null!;
    private CouponKit _kit = null!;

    public async Task InitializeAsync()
    {
        _gateway = await GatewayHost.StartAsync();
        _kit = new CouponKit(_gateway);
    }

    public async Task DisposeAsync() => await _gateway.DisposeAsync();

    [Fact]
    public async Task A_merge_moves_coupons_to_the_survivor_whose_limit_then_counts_them_and_an_unmerge_moves_them_back()
    {
        // given
        var templateId = await _kit.TemplateAsync(t => t["perMemberLimit"] = 2);
        var survivor = await _kit.Data.MemberAsync();
        var merged = await _kit.Data.MemberAsync();
        await _kit.ClaimedAsync(templateId, survivor.Id);
        var moving = await _kit.ClaimedAsync(templateId, merged.Id);
        var participant = Assert.Single(_gateway.Service<IEnumerable<IMergeParticipant>>(), p => p.Kind == "coupons");

        // when
        IReadOnlyList<long> moved;
        await using (var db = _gateway.Db())
        {
            await using var transaction = await db.Database.BeginTransactionAsync();
            moved = await participant.MoveAsync(db, merged.Id, survivor.Id, CancellationToken.None);
            await transaction.CommitAsync();
        }

        var claimAfterMerge = (await _kit.ClaimAsync(templateId, survivor.Id)).Payload("claimCoupon");
        var survivorsCoupons = (await _gateway.GraphQLAsync("{ me { coupons { totalCount } } }", token: _kit.Data.MemberToken(survivor.Id))).OkData();

        await using (var db = _gateway.Db())
        {
            await participant.MoveBackAsync(db, moved, merged.Id, CancellationToken.None);
        }

        // then
        Assert.Equal([CouponKit.Key(moving.Str("id"))], moved);
        Assert.Equal("COUPON_LIMIT_REACHED", claimAfterMerge.ErrorCode());
        Assert.Equal(2, survivorsCoupons["me"]!["coupons"]!["totalCount"]!.GetValue<int>());
        var coupons = await _kit.CouponsOfAsync(templateId);
        Assert.Equal(merged.Id, coupons.Single(c => c.Id == moved[0]).MemberId);
        Assert.Equal(survivor.Id, coupons.Single(c => c.Id != moved[0]).MemberId);
    }
}
