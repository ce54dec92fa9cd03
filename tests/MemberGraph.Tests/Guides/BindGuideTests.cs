using MemberGraph.Data;
using MemberGraph.Domain;
using MemberGraph.Guides;
using MemberGraph.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace MemberGraph.Tests.Guides;

/// <summary>bindGuide: members from QR codes and share links, staff assigning members of their store.</summary>
public abstract class BindGuideTests(DatabaseKind database) : IAsyncLifetime
{
    public sealed class OnSqlite() : BindGuideTests(DatabaseKind.Sqlite);

    public sealed class OnPostgres() : BindGuideTests(DatabaseKind.Postgres);

    private const string Bind = """
        mutation($input: BindGuideInput!) {
          bindGuide(input: $input) { relationship { kind source sourceDetail guide { guideCode } member { id } } errors { code field } }
        }
        """;

    private GatewayHost _gateway = null!;
    private TestData _data = null!;

    public async Task InitializeAsync()
    {
        _gateway = await GatewayHost.StartAsync(database: database);
        _data = new TestData(_gateway);
    }

    public async Task DisposeAsync() => await _gateway.DisposeAsync();

    [Fact]
    public async Task A_member_binds_their_first_guide_as_exclusive_and_a_later_one_as_follow()
    {
        // given
        var store = await _data.StoreAsync();
        var (first, second) = (await _data.GuideAsync(store.Id), await _data.GuideAsync(store.Id));
        var member = await _data.MemberAsync("13900000001");
        var token = _data.MemberToken(member.Id);

        // when
        var exclusive = await _gateway.GraphQLAsync(Bind, new { input = new { guideCode = first.GuideCode, source = "SHARE_LINK", sourceDetail = "campaign-618" } }, token);
        var again = await _gateway.GraphQLAsync(Bind, new { input = new { guideCode = first.GuideCode, source = "QR_SCAN" } }, token);
        var follow = await _gateway.GraphQLAsync(Bind, new { input = new { guideId = GlobalId.Encode("Guide", second.Id), source = "QR_SCAN" } }, token);

        // then
        var relationship = exclusive.OkData()["bindGuide"]!["relationship"]!;
        Assert.Equal(("EXCLUSIVE", "SHARE_LINK", "campaign-618"), (relationship["kind"]!.GetValue<string>(), relationship["source"]!.GetValue<string>(), relationship["sourceDetail"]!.GetValue<string>()));
        Assert.Equal(GlobalId.Encode("Member", member.Id), relationship["member"]!["id"]!.GetValue<string>());
        Assert.Equal("SHARE_LINK", again.OkData()["bindGuide"]!["relationship"]!["source"]!.GetValue<string>());
        Assert.Equal("FOLLOW", follow.OkData()["bindGuide"]!["relationship"]!["kind"]!.GetValue<string>());
        await using var db = _gateway.Db();
        Assert.Equal(2, await db.GuideRelationships.CountAsync(r => r.MemberId == member.Id));
        Assert.Equal(2, await db.AuditEntries.CountAsync(a => a.Operation == "guide.bind"));
    }

    [Fact]
    public async Task Parallel_binds_of_two_guides_leave_exactly_one_exclusive()
    {
        var store = await _data.StoreAsync();
        var guides = new[] { await _data.GuideAsync(store.Id), await _data.GuideAsync(store.Id), await _data.GuideAsync(store.Id) };
        var member = await _data.MemberAsync("13900000002");

        var responses = await Task.WhenAll(guides.Select(g =>
            _gateway.GraphQLAsync(Bind, new { input = new { guideCode = g.GuideCode, source = "QR_SCAN" } }, _data.MemberToken(member.Id))));

        Assert.All(responses, r => Assert.Empty(r.OkData()["bindGuide"]!["errors"]!.AsArray()));
        await using var db = _gateway.Db();
        var kinds = await db.GuideRelationships.Where(r => r.MemberId == member.Id).Select(r => r.Kind).ToListAsync();
        Assert.Equal(3, kinds.Count);
        Assert.Single(kinds, GuideRelationshipKind.Exclusive);
    }

    [Fact]
    public async Task Staff_assign_members_to_guides_of_their_own_store_only()
    {
        var (store, otherStore) = (await _data.StoreAsync(), await _data.StoreAsync());
        var guide = await _data.GuideAsync(store.Id);
        var member = await _data.MemberAsync("13900000003");
        await _data.OrderAsync(member.Id, store.Id, DateTime.UtcNow.AddDays(-3)); // a recent buyer at the store
        var input = new { guideCode = guide.GuideCode, memberId = GlobalId.Encode("Member", member.Id), source = "STORE_ASSIGNMENT" };

        var foreign = await _gateway.GraphQLAsync(Bind, new { input }, _data.StaffToken(otherStore.Id));
        var own = await _gateway.GraphQLAsync(Bind, new { input }, _data.StaffToken(store.Id));

        Assert.Equal("AUTH_NOT_AUTHORIZED", foreign.FirstErrorCode);
        Assert.Equal("STORE_ASSIGNMENT", own.OkData()["bindGuide"]!["relationship"]!["source"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("unknown code", "NOT_FOUND", "guideCode")]
    [InlineData("resigned guide", "GUIDE_RESIGNED", "guideCode")]
    [InlineData("member claims store assignment", "INVALID_INPUT", "source")]
    [InlineData("member uses a WeCom source", "INVALID_INPUT", "source")]
    [InlineData("both code and id", "INVALID_INPUT", "guideCode")]
    public async Task Refusals_are_user_errors_that_change_nothing(string scenario, string code, string field)
    {
        var store = await _data.StoreAsync();
        var guide = await _data.GuideAsync(store.Id);
        var resigned = await _data.GuideAsync(store.Id);
        await using (var db = _gateway.Db())
        {
            await db.Guides.Where(g => g.Id == resigned.Id).ExecuteUpdateAsync(s => s.SetProperty(g => g.Status, GuideStatus.Resigned));
        }

        var member = await _data.MemberAsync("13900000004");
        object input = scenario switch
        {
            "unknown code" => new { guideCode = "NOPE", source = "QR_SCAN" },
            "resigned guide" => new { guideCode = resigned.GuideCode, source = "QR_SCAN" },
            "member claims store assignment" => new { guideCode = guide.GuideCode, source = "STORE_ASSIGNMENT" },
            "member uses a WeCom source" => new { guideCode = guide.GuideCode, source = "WECOM_ADD_CONTACT" },
            _ => new { guideCode = guide.GuideCode, guideId = GlobalId.Encode("Guide", guide.Id), source = "QR_SCAN" },
        };

        var response = await _gateway.GraphQLAsync(Bind, new { input }, _data.MemberToken(member.Id));

        var error = response.OkData()["bindGuide"]!["errors"]![0]!;
        Assert.Equal((code, field), (error["code"]!.GetValue<string>(), error["field"]!.GetValue<string>()));
        await using var check = _gateway.Db();
        Assert.Empty(check.GuideRelationships);
    }

    [Fact]
    public async Task A_member_cannot_bind_a_guide_for_another_member()
    {
        var guide = await _data.GuideAsync((await _data.StoreAsync()).Id);
        var (me, other) = (await _data.MemberAsync("13900000005"), await _data.MemberAsync("13900000006"));

        var response = await _gateway.GraphQLAsync(Bind, new { input = new { guideCode = guide.GuideCode, memberId = GlobalId.Encode("Member", other.Id), source = "QR_SCAN" } },
            _data.MemberToken(me.Id));

        Assert.Equal("AUTH_NOT_AUTHORIZED", response.FirstErrorCode);
    }
}
