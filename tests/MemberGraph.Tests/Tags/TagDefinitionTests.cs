using MemberGraph.Guides;
using MemberGraph.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace MemberGraph.Tests.Tags;

/// <summary>defineTag and tagMember; one gateway for the class, every test defines tags under keys of its own.</summary>
public abstract class TagDefinitionTests(GatewayHost gateway)
{
    public sealed class OnSqlite(GatewayFixture fixture) : TagDefinitionTests(fixture.Gateway), IClassFixture<GatewayFixture>;

    public sealed class OnPostgres(PostgresGatewayFixture fixture) : TagDefinitionTests(fixture.Gateway), IClassFixture<PostgresGatewayFixture>;

    private const string Define = """
        mutation($input: DefineTagInput!) { defineTag(input: $input) { tag { key kind rule { kind category minSharePercent windowDays } } errors { code field message } } }
        """;

    private const string TagMember = """
        mutation($input: TagMemberInput!) { tagMember(input: $input) { tagged errors { code } } }
        """;

    private readonly GatewayHost _gateway = gateway;
    private readonly TestData _data = new(gateway);

    [Fact]
    public async Task An_operator_defines_a_rule_tag_and_reads_it_back()
    {
        var response = await _gateway.GraphQLAsync(Define, new
        {
            input = new { key = "loves_imported", name = "爱进口水果", kind = "RULE", rule = new { kind = "CATEGORY_PREFERENCE", category = "IMPORTED_FRUIT", minSharePercent = 40, windowDays = 180 } },
        }, _data.AdminToken());

        var tag = response.OkData()["defineTag"]!["tag"]!;
        Assert.Equal("RULE", tag["kind"]!.GetValue<string>());
        Assert.Equal("CATEGORY_PREFERENCE", tag["rule"]!["kind"]!.GetValue<string>());
        Assert.Equal(40, tag["rule"]!["minSharePercent"]!.GetValue<int>());

        var list = await _gateway.GraphQLAsync("{ tags { key name } }", token: _data.AdminToken());
        Assert.Contains(list.OkData()["tags"]!.AsArray(), t => t!["key"]!.GetValue<string>() == "loves_imported");
    }

    [Fact]
    public async Task A_rule_reads_back_with_the_defaults_in_force_for_what_it_left_out()
    {
        // given: a category preference and a lifecycle rule that name no window and no thresholds
        const string define = "mutation($input: DefineTagInput!) { defineTag(input: $input) { tag { rule { windowDays newDays dormantDays churnDays } } errors { code } } }";
        var n = TestData.Next();

        // when
        var category = await _gateway.GraphQLAsync(define, new
        {
            input = new { key = $"likes_juice_{n}", name = "爱果汁", kind = "RULE", rule = new { kind = "CATEGORY_PREFERENCE", category = "JUICE", minSharePercent = 30 } },
        }, _data.AdminToken());
        var lifecycle = await _gateway.GraphQLAsync(define, new
        {
            input = new { key = $"dormant_{n}", name = "沉睡", kind = "RULE", rule = new { kind = "LIFECYCLE", stage = "DORMANT" } },
        }, _data.AdminToken());

        // then: the 180-day window and the 30/60/120-day lifecycle thresholds the tagging runs use
        Assert.Equal(180, category.OkData()["defineTag"]!["tag"]!["rule"]!["windowDays"]!.GetValue<int>());
        var thresholds = lifecycle.OkData()["defineTag"]!["tag"]!["rule"]!;
        Assert.Equal((30, 60, 120), (thresholds["newDays"]!.GetValue<int>(), thresholds["dormantDays"]!.GetValue<int>(), thresholds["churnDays"]!.GetValue<int>()));
    }

    public static TheoryData<object, string> RulesNamingNothing => new()
    {
        { new { kind = "CATEGORY_PREFERENCE", category = "MEAT", minSharePercent = 30 }, "No category 'MEAT'" },
        { new { kind = "TIER", level = "PLATINUM" }, "No tier level 'PLATINUM'" },
        { new { kind = "WITHIN_DELIVERY_RADIUS", storeCode = "NOPE01" }, "No store with code 'NOPE01'" },
        { new { kind = "STORE_PREFERENCE", storeCode = "NOPE02" }, "No store with code 'NOPE02'" },
    };

    [Theory]
    [MemberData(nameof(RulesNamingNothing))]
    public async Task A_rule_naming_a_category_tier_or_store_that_does_not_exist_is_refused(object rule, string message)
    {
        var response = await _gateway.GraphQLAsync(Define, new { input = new { key = $"k{TestData.Next()}", name = "x", kind = "RULE", rule } }, _data.AdminToken());

        var error = response.OkData()["defineTag"]!["errors"]![0]!;
        Assert.Equal("INVALID_INPUT", error["code"]!.GetValue<string>());
        Assert.Equal("rule", error["field"]!.GetValue<string>());
        Assert.Contains(message, error["message"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("1bad", "RULE", "LIFECYCLE", "key")]
    [InlineData("no_rule", "RULE", null, "rule")]
    [InlineData("bad_share", "RULE", "CATEGORY_PREFERENCE", "rule")]
    public async Task Invalid_definitions_are_refused_with_the_field_named(string key, string kind, string? ruleKind, string field)
    {
        var response = await _gateway.GraphQLAsync(Define, new
        {
            input = new { key, name = "x", kind, rule = ruleKind is null ? null : new { kind = ruleKind } },
        }, _data.AdminToken());

        var error = response.OkData()["defineTag"]!["errors"]![0]!;
        Assert.Equal("INVALID_INPUT", error["code"]!.GetValue<string>());
        Assert.Equal(field, error["field"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_guide_tags_only_their_own_customers_and_the_audit_records_it()
    {
        // given
        await _gateway.GraphQLAsync(Define, new { input = new { key = "vip_note", name = "导购备注VIP", kind = "MANUAL" } }, _data.AdminToken());
        var store = await _data.StoreAsync();
        var guide = await _data.GuideAsync(store.Id);
        var own = await _data.MemberAsync();
        var stranger = await _data.MemberAsync();
        await _data.RelationshipAsync(own.Id, guide.Id, GuideRelationshipKind.Exclusive);

        // when
        var onOwn = await _gateway.GraphQLAsync(TagMember, new { input = new { memberId = MemberGraph.Domain.GlobalId.Encode("Member", own.Id), key = "vip_note" } }, _data.GuideToken(guide));
        var onStranger = await _gateway.GraphQLAsync(TagMember, new { input = new { memberId = MemberGraph.Domain.GlobalId.Encode("Member", stranger.Id), key = "vip_note" } }, _data.GuideToken(guide));

        // then
        Assert.True(onOwn.OkData()["tagMember"]!["tagged"]!.GetValue<bool>());
        Assert.Equal("NOT_YOUR_CUSTOMER", onStranger.OkData()["tagMember"]!["errors"]![0]!["code"]!.GetValue<string>());
        await using var db = _gateway.Db();
        Assert.Equal(1, await db.MemberTags.CountAsync(t => t.MemberId == own.Id));
        Assert.Equal(0, await db.MemberTags.CountAsync(t => t.MemberId == stranger.Id));
        Assert.Equal(1, await db.AuditEntries.CountAsync(a => a.Operation == "tagMember" && a.Target == $"Member:{own.Id}"));
    }

    [Fact]
    public async Task Parallel_tagging_of_one_member_gives_one_assignment_and_rule_tags_cannot_be_set_by_hand()
    {
        await _gateway.GraphQLAsync(Define, new { input = new { key = "gift_buyer", name = "送礼", kind = "MANUAL" } }, _data.AdminToken());
        await _gateway.GraphQLAsync(Define, new { input = new { key = "birthday", name = "本月生日", kind = "RULE", rule = new { kind = "BIRTHDAY_MONTH" } } }, _data.AdminToken());
        var member = await _data.MemberAsync();
        var id = MemberGraph.Domain.GlobalId.Encode("Member", member.Id);

        var results = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ =>
            _gateway.GraphQLAsync(TagMember, new { input = new { memberId = id, key = "gift_buyer" } }, _data.AdminToken())));
        var byHand = await _gateway.GraphQLAsync(TagMember, new { input = new { memberId = id, key = "birthday" } }, _data.AdminToken());

        Assert.All(results, r => Assert.True(r.OkData()["tagMember"]!["tagged"]!.GetValue<bool>()));
        await using var db = _gateway.Db();
        Assert.Equal(1, await db.MemberTags.CountAsync(t => t.MemberId == member.Id));
        Assert.Equal("INVALID_INPUT", byHand.OkData()["tagMember"]!["errors"]![0]!["code"]!.GetValue<string>());
    }

    [Fact]
    public async Task Members_and_anonymous_callers_cannot_define_tags()
    {
        var member = await _data.MemberAsync();
        var input = new { input = new { key = "x1", name = "x", kind = "MANUAL" } };

        Assert.Equal("AUTH_NOT_AUTHORIZED", (await _gateway.GraphQLAsync(Define, input, _data.MemberToken(member.Id))).FirstErrorCode);
        Assert.Equal("AUTH_NOT_AUTHENTICATED", (await _gateway.GraphQLAsync(Define, input)).FirstErrorCode);
    }
}
