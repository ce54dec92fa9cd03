using MemberGraph.Domain;
using MemberGraph.Tests.Infrastructure;

namespace MemberGraph.Tests.Guides;

/// <summary>createGuideContactWay: the guide's WeCom contact QR code with state = guide code.</summary>
public sealed class GuideContactWayTests : IAsyncLifetime
{
    private const string Create = "mutation($id: ID!) { createGuideContactWay(input: { guideId: $id }) { guide { guideCode contactQrCode } errors { code message } } }";

    private WeComTestHost _host = null!;

    public async Task InitializeAsync() => _host = await WeComTestHost.StartAsync();

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task The_QR_code_carries_the_guide_code_as_state_and_is_created_once()
    {
        // given
        var store = await _host.Data.StoreAsync();
        var guide = await _host.Data.GuideAsync(store.Id);

        // when
        var created = await _host.Gateway.GraphQLAsync(Create, new { id = GlobalId.Encode("Guide", guide.Id) }, _host.Data.StaffToken(store.Id));
        var again = await _host.Gateway.GraphQLAsync(Create, new { id = GlobalId.Encode("Guide", guide.Id) }, _host.Data.AdminToken());

        // then
        var qr = created.OkData()["createGuideContactWay"]!["guide"]!["contactQrCode"]!.GetValue<string>();
        Assert.Equal($"https://wework.qpic.cn/stub/{guide.GuideCode}.png", qr);
        Assert.Equal(qr, again.OkData()["createGuideContactWay"]!["guide"]!["contactQrCode"]!.GetValue<string>());
        var call = Assert.Single(_host.Stub.CallsTo("externalcontact/add_contact_way"));
        Assert.Equal(guide.GuideCode, call.Body!["state"]!.GetValue<string>());
        Assert.Equal(guide.WeComUserId, call.Body["user"]![0]!.GetValue<string>());
        Assert.Equal((1, 2), (call.Body["type"]!.GetValue<int>(), call.Body["scene"]!.GetValue<int>()));
        await using var db = _host.Gateway.Db();
        Assert.Equal($"cfg-{guide.GuideCode}", (await db.Guides.FindAsync(guide.Id))!.ContactWayConfigId);
    }

    [Fact]
    public async Task A_WeCom_errcode_is_a_user_error_and_stores_nothing()
    {
        var store = await _host.Data.StoreAsync();
        var guide = await _host.Data.GuideAsync(store.Id);
        _host.Stub.On("externalcontact/add_contact_way", _ => new { errcode = 41054, errmsg = "user not in contact range" });

        var response = await _host.Gateway.GraphQLAsync(Create, new { id = GlobalId.Encode("Guide", guide.Id) }, _host.Data.AdminToken());

        var error = response.OkData()["createGuideContactWay"]!["errors"]![0]!;
        Assert.Equal("WECOM_REJECTED", error["code"]!.GetValue<string>());
        Assert.Contains("41054", error["message"]!.GetValue<string>(), StringComparison.Ordinal);
        await using var db = _host.Gateway.Db();
        Assert.Null((await db.Guides.FindAsync(guide.Id))!.ContactWayQrCode);
    }
}
