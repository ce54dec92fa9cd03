using MemberGraph.Domain;
using MemberGraph.Guides;
using MemberGraph.Members;
using MemberGraph.Tests.Infrastructure;

namespace MemberGraph.Tests.Guides;

/// <summary>
/// sidebarContext: the card a guide sees in the WeCom sidebar, and who may see it. One WeCom gateway for the class: every
/// test makes its own stores, guides and external user ids.
/// </summary>
public sealed class SidebarContextTests(WeComGatewayFixture fixture) : IClassFixture<WeComGatewayFixture>
{
    private const string Sidebar = """
        query($externalUserId: String!) {
          sidebarContext(externalUserId: $externalUserId) {
            member { id displayName phone } maskedPhone canAct
            channelStatus { registered addedGuideOnWeCom authorizedMiniProgram }
            openingGuide { guideCode } exclusiveGuide { guideCode } serviceStore { code }
            relationship { kind source sourceDetail }
          }
        }
        """;

    private readonly WeComTestHost _host = fixture.Host;

    [Fact]
    public async Task The_path_from_adding_a_guide_on_WeCom_to_the_sidebar_card()
    {
        // given: a mini-program member adds the guide on WeCom by scanning her contact QR code
        var store = await _host.Data.StoreAsync();
        var guide = await _host.Data.GuideAsync(store.Id);
        var member = await _host.Data.MemberAsync("13812345678", null, (IdentityChannel.WechatUnionid, "uSidebar01"));
        var external = WeComTestHost.ExternalUserId();
        _host.Stub.UnionIds[external] = "uSidebar01";
        await _host.AddContactAsync(guide.WeComUserId, external, guide.GuideCode);

        // when: she opens the chat and the sidebar asks for the card
        var response = await _host.Gateway.GraphQLAsync(Sidebar, new { externalUserId = external }, _host.Data.GuideToken(guide));

        // then
        var card = response.OkData()["sidebarContext"]!;
        Assert.Equal(GlobalId.Encode("Member", member.Id), card["member"]!["id"]!.GetValue<string>());
        Assert.Equal("138****5678", card["maskedPhone"]!.GetValue<string>());
        Assert.Equal("138****5678", card["member"]!["phone"]!.GetValue<string>());
        Assert.True(card["canAct"]!.GetValue<bool>());
        Assert.True(card["channelStatus"]!["registered"]!.GetValue<bool>());
        Assert.True(card["channelStatus"]!["addedGuideOnWeCom"]!.GetValue<bool>());
        Assert.Equal(guide.GuideCode, card["openingGuide"]!["guideCode"]!.GetValue<string>());
        Assert.Equal(guide.GuideCode, card["exclusiveGuide"]!["guideCode"]!.GetValue<string>());
        Assert.Equal(store.Code, card["serviceStore"]!["code"]!.GetValue<string>());
        Assert.Equal(("EXCLUSIVE", "WECOM_ADD_CONTACT", guide.GuideCode),
            (card["relationship"]!["kind"]!.GetValue<string>(), card["relationship"]!["source"]!.GetValue<string>(), card["relationship"]!["sourceDetail"]!.GetValue<string>()));
    }

    /// <summary>
    /// The customer's own guides (exclusive or followed, in any store) get the full card; a colleague of theirs in the same
    /// store the reduced one (what member(id:) gives that colleague: name, tier, exclusive guide, service store, canAct
    /// false, every other field null with AUTH_NOT_AUTHORIZED at its path); anyone else nothing.
    /// </summary>
    [Theory]
    [InlineData("the exclusive guide", "full")]
    [InlineData("a followed guide of another store", "full")]
    [InlineData("a colleague in the same store", "reduced")]
    [InlineData("a guide of another store", "refused")]
    [InlineData("a resigned guide", "refused")]
    public async Task Who_sees_the_card(string viewer, string card)
    {
        // given: the customer's exclusive guide is in store A; they also follow a guide in store B
        var (storeA, storeB, storeC) = (await _host.Data.StoreAsync(), await _host.Data.StoreAsync(), await _host.Data.StoreAsync());
        var exclusive = await _host.Data.GuideAsync(storeA.Id);
        var followed = await _host.Data.GuideAsync(storeB.Id);
        var colleague = await _host.Data.GuideAsync(storeA.Id);
        var stranger = await _host.Data.GuideAsync(storeC.Id);
        var external = WeComTestHost.ExternalUserId();
        var member = await _host.Data.MemberAsync(null, null, (IdentityChannel.WecomExternalUserid, external));
        await _host.Data.RelationshipAsync(member.Id, exclusive.Id, GuideRelationshipKind.Exclusive, RelationshipSource.WeComAddContact);
        await _host.Data.RelationshipAsync(member.Id, followed.Id, GuideRelationshipKind.Follow, RelationshipSource.QrScan);
        var resigned = await _host.Data.GuideAsync(storeA.Id);
        await _host.Data.RelationshipAsync(member.Id, resigned.Id, GuideRelationshipKind.Follow, RelationshipSource.QrScan);
        await using (var db = _host.Gateway.Db())
        {
            var row = await db.Guides.FindAsync(resigned.Id);
            row!.Status = GuideStatus.Resigned;
            await db.SaveChangesAsync();
        }

        var guide = viewer switch
        {
            "the exclusive guide" => exclusive,
            "a followed guide of another store" => followed,
            "a colleague in the same store" => colleague,
            "a guide of another store" => stranger,
            _ => resigned,
        };

        // when
        var response = await _host.Gateway.GraphQLAsync(Sidebar, new { externalUserId = external }, _host.Data.GuideToken(guide));

        // then
        switch (card)
        {
            case "full":
                var full = response.OkData()["sidebarContext"]!;
                Assert.True(full["canAct"]!.GetValue<bool>());
                Assert.NotNull(full["relationship"]);
                Assert.Equal(exclusive.GuideCode, full["exclusiveGuide"]!["guideCode"]!.GetValue<string>());
                Assert.NotNull(full["channelStatus"]);
                Assert.Equal(exclusive.GuideCode, full["openingGuide"]!["guideCode"]!.GetValue<string>());
                break;
            case "reduced":
                var reduced = response.Data!["sidebarContext"]!;
                Assert.False(reduced["canAct"]!.GetValue<bool>());
                Assert.Null(reduced["relationship"]);
                Assert.Equal(exclusive.GuideCode, reduced["exclusiveGuide"]!["guideCode"]!.GetValue<string>());
                Assert.Equal(storeA.Code, reduced["serviceStore"]!["code"]!.GetValue<string>());
                Assert.Equal(GlobalId.Encode("Member", member.Id), reduced["member"]!["id"]!.GetValue<string>());
                Assert.Equal(member.DisplayName, reduced["member"]!["displayName"]!.GetValue<string>());
                string[] refused = ["maskedPhone", "channelStatus", "openingGuide", "member.phone"];
                Assert.Equal(refused.Select(f => $"sidebarContext.{f}").Order(),
                    response.Errors!.Select(e => string.Join('.', e!["path"]!.AsArray().Select(p => p!.ToString()))).Order());
                Assert.All(response.Errors!, e =>
                {
                    Assert.Equal("AUTH_NOT_AUTHORIZED", e!["extensions"]!["code"]!.GetValue<string>());
                    Assert.Contains("is a store colleague's customer: only name, tier and exclusive guide are shown", e["message"]!.GetValue<string>());
                });
                Assert.Null(reduced["maskedPhone"]);
                Assert.Null(reduced["channelStatus"]);
                Assert.Null(reduced["openingGuide"]);
                Assert.Null(reduced["member"]!["phone"]);
                break;
            default:
                Assert.Equal("AUTH_NOT_AUTHORIZED", response.FirstErrorCode);
                Assert.Null(response.Data?["sidebarContext"]);
                break;
        }
    }

    [Fact]
    public async Task An_unknown_external_user_id_is_NOT_FOUND()
    {
        var guide = await _host.Data.GuideAsync((await _host.Data.StoreAsync()).Id);

        var response = await _host.Gateway.GraphQLAsync(Sidebar, new { externalUserId = "wmunknown" }, _host.Data.GuideToken(guide));

        Assert.Equal("NOT_FOUND", response.FirstErrorCode);
    }

    [Fact]
    public async Task The_opening_guide_stays_the_first_one_after_a_transfer()
    {
        var store = await _host.Data.StoreAsync();
        var (opening, current) = (await _host.Data.GuideAsync(store.Id), await _host.Data.GuideAsync(store.Id));
        var external = WeComTestHost.ExternalUserId();
        var member = await _host.Data.MemberAsync(null, null, (IdentityChannel.WecomExternalUserid, external));
        var first = await _host.Data.RelationshipAsync(member.Id, opening.Id);
        await using (var db = _host.Gateway.Db())
        {
            db.GuideRelationships.Attach(first);
            GuideRelationships.End(first, GuideRelationships.Transferred, DateTime.UtcNow);
            await db.SaveChangesAsync();
        }

        await _host.Data.RelationshipAsync(member.Id, current.Id, GuideRelationshipKind.Exclusive, RelationshipSource.Transfer);

        var card = (await _host.Gateway.GraphQLAsync(Sidebar, new { externalUserId = external }, _host.Data.GuideToken(current))).OkData()["sidebarContext"]!;

        Assert.Equal(opening.GuideCode, card["openingGuide"]!["guideCode"]!.GetValue<string>());
        Assert.Equal(current.GuideCode, card["exclusiveGuide"]!["guideCode"]!.GetValue<string>());
    }
}
