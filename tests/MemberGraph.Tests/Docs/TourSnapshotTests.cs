using System.Text.Json;
using System.Text.Json.Nodes;
using MemberGraph.Auth;
using MemberGraph.Guides;
using MemberGraph.Members;
using MemberGraph.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Snapshooter.Xunit;

namespace MemberGraph.Tests.Docs;

/// <summary>
/// What the tour's two screens answer, as snapshots: the mini-program home of the demo member the tour signs in as
/// (<c>tour/member/02-home.graphql</c>) and the guide sidebar card of one of guide0001's own customers
/// (<c>tour/guide/02-sidebar.graphql</c>, with its variables), both run exactly as their files say, on the demo seeded at a
/// fixed instant. A change in either shape shows up here as a diff to review. The member code is accepted as any string
/// (a signature, not data). How to update the snapshots: see <see cref="Snapshots"/> (<c>UPDATE_SNAPSHOTS=1</c>).
/// </summary>
public sealed class TourSnapshotTests(FixedClockDemoFixture demo) : IClassFixture<FixedClockDemoFixture>
{
    private static string Tour(string step) => File.ReadAllText(Path.Combine(RepositoryRoot.Path, "tour", step));

    [Fact]
    public async Task The_mini_program_home_of_the_demo_member()
    {
        var snapshot = Snapshot.FullName();

        // given: the member the tour signs in as (openid oMG000000001)
        await using var db = demo.Gateway.Db();
        var memberId = await db.Identities.Where(i => i.Channel == IdentityChannel.WechatOpenid && i.ExternalId == "oMG000000001")
            .Select(i => i.MemberId).SingleAsync();

        // when
        var token = demo.Gateway.Token(new TokenSubject(Roles.Member, MemberId: memberId));
        var home = await demo.Gateway.GraphQLAsync(Tour("member/02-home.graphql"), token: token);

        // then
        Assert.Matches("^[0-9A-Z]{32}$", home.OkData()["me"]!["memberCode"]!["code"]!.GetValue<string>());
        Snapshots.MatchJson(home.Body, snapshot, o => o.AcceptField<string>("data.me.memberCode.code"));
    }

    [Fact]
    public async Task The_sidebar_card_of_a_guides_own_customer()
    {
        var snapshot = Snapshot.FullName();

        // given: guide0001 and the tour's customer of theirs (the file's default variables)
        var text = Tour("guide/02-sidebar.graphql");
        var header = text.Split('\n').Single(l => l.StartsWith("# variables:", StringComparison.Ordinal));
        var variables = JsonNode.Parse(header["# variables:".Length..])!;
        await using var db = demo.Gateway.Db();
        var guide = await db.Guides.AsNoTracking().SingleAsync(g => g.WeComUserId == "guide0001" && g.Status == GuideStatus.Active);
        var token = demo.Gateway.Token(new TokenSubject(Roles.Guide, GuideId: guide.Id, StoreId: guide.StoreId));

        // when
        var card = await demo.Gateway.GraphQLAsync(text, JsonSerializer.Deserialize<object>(variables.ToJsonString()), token);

        // then: an own customer's card, one the guide may act on
        Assert.True(card.OkData()["sidebarContext"]!["canAct"]!.GetValue<bool>(), card.Body);
        Snapshots.MatchJson(card.Body, snapshot);
    }
}
