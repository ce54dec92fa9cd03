using MemberGraph.Auth;
using MemberGraph.Members;
using MemberGraph.Tests.Infrastructure;

namespace MemberGraph.Tests.Members;

/// <summary><c>me</c> for a member token, and refused for others; one gateway for the class.</summary>
public sealed class MeTests(GatewayFixture fixture) : IClassFixture<GatewayFixture>
{
    private readonly GatewayHost _gateway = fixture.Gateway;

    [Fact]
    public async Task A_member_token_reads_the_member_in_full()
    {
        // given
        long id;
        await using (var db = _gateway.Db())
        {
            var member = new Member { DisplayName = "王芳", Phone = "13812341234", RegisteredAt = DateTime.UtcNow, CreatedAt = DateTime.UtcNow, AuthorizedMiniProgram = true };
            member.Identities.Add(new Identity { Channel = IdentityChannel.WechatOpenid, ExternalId = "oTest0001", LinkedAt = DateTime.UtcNow });
            db.Members.Add(member);
            await db.SaveChangesAsync();
            id = member.Id;
        }

        // when
        var response = await _gateway.GraphQLAsync("{ me { displayName phone channelStatus { registered authorizedMiniProgram } identities { channel externalId } } }",
            token: _gateway.Token(new TokenSubject(Roles.Member, MemberId: id)));

        // then
        var me = response.OkData()["me"]!;
        Assert.Equal("王芳", me["displayName"]!.GetValue<string>());
        Assert.Equal("13812341234", me["phone"]!.GetValue<string>());
        Assert.True(me["channelStatus"]!["registered"]!.GetValue<bool>());
        Assert.Equal("oTest0001", me["identities"]![0]!["externalId"]!.GetValue<string>());
    }

    [Fact]
    public async Task Without_a_token_me_is_refused_as_not_authenticated()
    {
        var response = await _gateway.GraphQLAsync("{ me { id } }");

        Assert.Equal(400, response.Status);
        Assert.Equal("AUTH_NOT_AUTHENTICATED", response.FirstErrorCode);
        Assert.Null(response.Data);
    }

    [Fact]
    public async Task A_guide_token_may_not_ask_for_me()
    {
        var response = await _gateway.GraphQLAsync("{ me { id } }", token: _gateway.Token(new TokenSubject(Roles.Guide, GuideId: 1, StoreId: 1)));

        Assert.Equal("AUTH_NOT_AUTHORIZED", response.FirstErrorCode);
    }
}
