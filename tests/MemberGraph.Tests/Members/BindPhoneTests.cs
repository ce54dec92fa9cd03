using MemberGraph.Members;
using MemberGraph.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using static MemberGraph.Tests.Members.SignInSteps;

namespace MemberGraph.Tests.Members;

/// <summary>
/// bindPhone against the WeChat stub. One stub and gateway for the class: every test signs in openids of its own and binds
/// new phones; the test that counts access-token fetches from the start starts its own.
/// </summary>
public sealed class BindPhoneTests(WeChatGatewayFixture fixture) : IClassFixture<WeChatGatewayFixture>
{
    private readonly WeChatStub _wechat = fixture.WeChat;
    private readonly GatewayHost _gateway = fixture.Gateway;

    private static string NewPhone() => $"139{Random.Shared.NextInt64(10_000_000, 99_999_999)}";

    [Fact]
    public async Task Binding_a_new_phone_registers_the_signed_in_member()
    {
        // given
        var (memberId, token) = await SignedInAsync(_gateway, _wechat.LoginCode(NewId("oBind")));
        var phone = NewPhone();

        // when
        var payload = await BindPhoneAsync(_gateway, token, _wechat.PhoneCode(phone));

        // then
        Assert.Empty(payload["errors"]!.AsArray());
        Assert.False(payload["switchedMember"]!.GetValue<bool>());
        var member = payload["member"]!;
        Assert.Equal(memberId, MemberKey(member));
        Assert.Equal(phone, member["phone"]!.GetValue<string>());
        Assert.True(member["channelStatus"]!["registered"]!.GetValue<bool>());
        Assert.Contains(member["identities"]!.AsArray(), i => i!["channel"]!.GetValue<string>() == "PHONE" && i["externalId"]!.GetValue<string>() == phone);

        await using var db = _gateway.Db();
        var stored = await db.Members.SingleAsync(m => m.Id == memberId);
        Assert.Equal(phone, stored.Phone);
        Assert.NotNull(stored.RegisteredAt);
        Assert.True(await db.AuditEntries.AnyAsync(a => a.Operation == "linkIdentities" && a.Target == $"Member:{memberId}"));
    }

    [Fact]
    public async Task Binding_the_phone_of_an_older_member_merges_into_it_and_hands_over_its_token()
    {
        // given: a member registered in a store a year ago, and the same person signing in to the mini-program now
        var phone = NewPhone();
        var older = await new TestData(_gateway).MemberAsync(phone, DateTime.UtcNow.AddYears(-1));
        var openId = NewId("oMerge");
        var (newcomer, newcomerToken) = await SignedInAsync(_gateway, _wechat.LoginCode(openId));

        // when
        var payload = await BindPhoneAsync(_gateway, newcomerToken, _wechat.PhoneCode(phone));

        // then: the older member survives and the client gets its token
        Assert.Empty(payload["errors"]!.AsArray());
        Assert.True(payload["switchedMember"]!.GetValue<bool>());
        Assert.Equal(older.Id, MemberKey(payload["member"]!));
        Assert.Equal(phone, payload["member"]!["phone"]!.GetValue<string>());
        var survivorToken = payload["token"]!.GetValue<string>();
        Assert.NotEqual(newcomerToken, survivorToken);

        await using var db = _gateway.Db();
        var tombstone = await db.Members.SingleAsync(m => m.Id == newcomer);
        Assert.Equal(MemberStatus.Merged, tombstone.Status);
        Assert.Equal(older.Id, tombstone.MergedIntoId);
        Assert.StartsWith("微信用户", tombstone.DisplayName);
        var survivor = await db.Members.SingleAsync(m => m.Id == older.Id);
        Assert.True(survivor.AuthorizedMiniProgram);
        Assert.Equal(older.Id, (await db.Identities.SingleAsync(i => i.ExternalId == openId)).MemberId);
        Assert.False(await db.Identities.AnyAsync(i => i.MemberId == newcomer));

        var merge = await db.MemberMerges.SingleAsync(m => m.MergedId == newcomer);
        Assert.Equal(older.Id, merge.SurvivorId);
        Assert.Equal("bindPhone", merge.Reason);
        Assert.Contains("Identities", merge.MovedJson);
        Assert.True(await db.AuditEntries.AnyAsync(a => a.Operation == "mergeMembers" && a.Target == $"Member:{older.Id}"));

        // and the newcomer's old token keeps working: it answers as the survivor, in full
        foreach (var token in new[] { newcomerToken, survivorToken })
        {
            var me = (await _gateway.GraphQLAsync("{ me { id phone status } }", token: token)).OkData()["me"]!;
            Assert.Equal(older.Id, MemberKey(me));
            Assert.Equal(phone, me["phone"]!.GetValue<string>());
            Assert.Equal("ACTIVE", me["status"]!.GetValue<string>());
        }
    }

    [Fact]
    public async Task Binding_a_phone_of_a_younger_member_keeps_the_signed_in_member()
    {
        // given: the phone's member was created after the signed-in one
        var (memberId, token) = await SignedInAsync(_gateway, _wechat.LoginCode(NewId("oOld")));
        var phone = NewPhone();
        var younger = await new TestData(_gateway).MemberAsync(phone, DateTime.UtcNow.AddMinutes(1));

        // when
        var payload = await BindPhoneAsync(_gateway, token, _wechat.PhoneCode(phone));

        // then
        Assert.False(payload["switchedMember"]!.GetValue<bool>());
        Assert.Equal(memberId, MemberKey(payload["member"]!));
        await using var db = _gateway.Db();
        Assert.Equal(memberId, (await db.Members.SingleAsync(m => m.Id == younger.Id)).MergedIntoId);
        Assert.Equal(memberId, (await db.Identities.SingleAsync(i => i.Channel == IdentityChannel.Phone && i.ExternalId == phone)).MemberId);
    }

    [Fact]
    public async Task The_access_token_is_fetched_once_for_many_phone_bindings()
    {
        // given: a gateway and platform of its own, so no earlier test warmed the token cache
        await using var wechat = await WeChatStub.StartAsync();
        await using var gateway = await GatewayHost.StartAsync(wechat.Settings());

        // when
        for (var i = 0; i < 3; i++)
        {
            var (_, token) = await SignedInAsync(gateway, wechat.LoginCode(NewId("oCache")));
            Assert.Empty((await BindPhoneAsync(gateway, token, wechat.PhoneCode(NewPhone())))["errors"]!.AsArray());
        }

        // then
        Assert.Equal(1, wechat.Calls(WeChatStub.StableToken));
        Assert.Equal(3, wechat.Calls(WeChatStub.PhoneNumber));
        Assert.DoesNotContain(gateway.Logs.Lines, l => l.Contains("stub-access-token") || l.Contains(WeChatStub.AppSecret));
    }

    [Fact]
    public async Task A_rejected_access_token_is_refreshed_once_and_the_call_repeated()
    {
        // given: a cached access token that the platform then invalidates
        var (_, first) = await SignedInAsync(_gateway, _wechat.LoginCode(NewId("oTok")));
        Assert.Empty((await BindPhoneAsync(_gateway, first, _wechat.PhoneCode(NewPhone())))["errors"]!.AsArray());
        _wechat.InvalidateAccessTokens();
        var tokenCalls = _wechat.Calls(WeChatStub.StableToken);
        var phoneCalls = _wechat.Calls(WeChatStub.PhoneNumber);
        var (_, second) = await SignedInAsync(_gateway, _wechat.LoginCode(NewId("oTok")));

        // when
        var payload = await BindPhoneAsync(_gateway, second, _wechat.PhoneCode(NewPhone()));

        // then
        Assert.Empty(payload["errors"]!.AsArray());
        Assert.Equal(1, _wechat.Calls(WeChatStub.StableToken) - tokenCalls);
        Assert.Equal(2, _wechat.Calls(WeChatStub.PhoneNumber) - phoneCalls);
    }

    [Fact]
    public async Task An_invalid_phone_code_is_a_user_error_on_the_phone_code_field()
    {
        // given
        var (memberId, token) = await SignedInAsync(_gateway, _wechat.LoginCode(NewId("oBad")));

        // when
        var payload = await BindPhoneAsync(_gateway, token, "not-a-phone-code");

        // then
        Assert.Equal("WECHAT_CODE_INVALID", FirstErrorCode(payload));
        Assert.Equal("phoneCode", payload["errors"]![0]!["field"]!.GetValue<string>());
        Assert.Null(payload["token"]);
        await using var db = _gateway.Db();
        Assert.Null((await db.Members.SingleAsync(m => m.Id == memberId)).RegisteredAt);
    }

    [Fact]
    public async Task Only_a_member_may_bind_a_phone()
    {
        // given
        var data = new TestData(_gateway);
        var guide = await data.GuideAsync((await data.StoreAsync()).Id);
        var before = _wechat.Calls(WeChatStub.PhoneNumber);

        // when
        var asGuide = await _gateway.GraphQLAsync(BindPhone, new { phoneCode = _wechat.PhoneCode(NewPhone()) }, data.GuideToken(guide));
        var anonymous = await _gateway.GraphQLAsync(BindPhone, new { phoneCode = _wechat.PhoneCode(NewPhone()) });

        // then
        Assert.Equal("AUTH_NOT_AUTHORIZED", asGuide.FirstErrorCode);
        Assert.Equal("AUTH_NOT_AUTHENTICATED", anonymous.FirstErrorCode);
        Assert.Equal(before, _wechat.Calls(WeChatStub.PhoneNumber));
    }
}
