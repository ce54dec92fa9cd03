using MemberGraph.Auth;
using MemberGraph.Tests.Infrastructure;

namespace MemberGraph.Tests.Partners;

/// <summary>
/// <c>consentablePartners</c>: the partners the mini-program's consent page offers a member (the active ones, id and
/// name), which a member could not list before (<c>partners</c> is admins', <c>me.partnerConsents</c> names only partners
/// already consented to).
/// </summary>
public sealed class ConsentablePartnersTests(GatewayFixture fixture) : IClassFixture<GatewayFixture>
{
    private const string List = "{ consentablePartners(first: 100) { totalCount edges { node { id name } } } }";

    private GatewayHost Gateway => fixture.Gateway;

    [Fact]
    public async Task A_member_lists_the_active_partners_to_share_with_and_a_suspended_one_is_not_offered()
    {
        // given
        var kit = new PartnerKit(Gateway);
        var active = await kit.RegisterAsync();
        var suspended = await kit.RegisterAsync();
        await Gateway.GraphQLAsync(PartnerKit.SetStatus, new { id = suspended.Id, status = "SUSPENDED" }, kit.AdminToken);
        var (member, _) = await kit.MemberAsync();

        // when
        var answer = await Gateway.GraphQLAsync(List, token: kit.Data.MemberToken(member));

        // then
        var nodes = answer.OkData()["consentablePartners"]!["edges"]!.AsArray().Select(e => e!["node"]!).ToList();
        var offered = nodes.Select(n => n["id"]!.GetValue<string>()).ToList();
        Assert.Contains(active.Id, offered);
        Assert.DoesNotContain(suspended.Id, offered);
        Assert.StartsWith("合作商场", nodes.Single(n => n["id"]!.GetValue<string>() == active.Id)["name"]!.GetValue<string>());
        Assert.Equal(offered.Count, answer.OkData()["consentablePartners"]!["totalCount"]!.GetValue<int>());
    }

    [Fact]
    public async Task Pages_follow_the_cursor_oldest_first()
    {
        // given: at least three active partners
        var kit = new PartnerKit(Gateway);
        for (var i = 0; i < 3; i++)
        {
            await kit.RegisterAsync();
        }

        var (member, _) = await kit.MemberAsync();
        var token = kit.Data.MemberToken(member);
        const string Page = "query ($after: String) { consentablePartners(first: 2, after: $after) { pageInfo { hasNextPage endCursor } edges { node { id } } } }";

        // when
        var first = (await Gateway.GraphQLAsync(Page, new { after = (string?)null }, token)).OkData()["consentablePartners"]!;
        var second = (await Gateway.GraphQLAsync(Page, new { after = first["pageInfo"]!["endCursor"]!.GetValue<string>() }, token)).OkData()["consentablePartners"]!;

        // then
        Assert.True(first["pageInfo"]!["hasNextPage"]!.GetValue<bool>());
        var ids = first["edges"]!.AsArray().Concat(second["edges"]!.AsArray()).Select(e => e!["node"]!["id"]!.GetValue<string>()).ToList();
        Assert.Equal(ids.Distinct().Count(), ids.Count);
        var keys = ids.Select(id => global::MemberGraph.Domain.GlobalId.TryDecode(id, "Partner")!.Value).ToList();
        Assert.Equal(keys.Order().ToList(), keys);
    }

    [Fact]
    public async Task A_member_may_not_read_a_partners_admin_fields_through_it()
    {
        // given
        var kit = new PartnerKit(Gateway);
        await kit.RegisterAsync();
        var (member, _) = await kit.MemberAsync();

        // when
        var answer = await Gateway.GraphQLAsync("{ consentablePartners(first: 5) { edges { node { id clientId } } } }", token: kit.Data.MemberToken(member));

        // then
        Assert.Equal("AUTH_NOT_AUTHORIZED", answer.FirstErrorCode);
        Assert.Null(answer.Data);
    }

    [Theory]
    [InlineData(Roles.Guide)]
    [InlineData(Roles.Staff)]
    [InlineData(Roles.Partner)]
    [InlineData(Roles.Ingestion)]
    public async Task Other_roles_are_refused(string role)
    {
        // given
        var kit = new PartnerKit(Gateway);
        var token = role == Roles.Partner
            ? kit.PartnerDevToken((await kit.RegisterAsync()).Key)
            : Gateway.Token(new TokenSubject(role, GuideId: 1, StoreId: 1));

        // when
        var answer = await Gateway.GraphQLAsync(List, token: token);

        // then
        Assert.Equal("AUTH_NOT_AUTHORIZED", answer.FirstErrorCode);
    }

    [Fact]
    public async Task An_admin_lists_them_too_and_anonymous_callers_are_not_authenticated()
    {
        var kit = new PartnerKit(Gateway);
        await kit.RegisterAsync();

        var admin = await Gateway.GraphQLAsync(List, token: kit.AdminToken);
        var anonymous = await Gateway.GraphQLAsync(List);

        Assert.NotEmpty(admin.OkData()["consentablePartners"]!["edges"]!.AsArray());
        Assert.Equal("AUTH_NOT_AUTHENTICATED", anonymous.FirstErrorCode);
    }
}
