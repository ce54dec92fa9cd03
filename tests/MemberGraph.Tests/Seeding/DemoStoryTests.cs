using MemberGraph.Auth;
using MemberGraph.Commission;
using MemberGraph.Coupons;
using MemberGraph.Domain;
using MemberGraph.GraphQL;
using MemberGraph.Guides;
using MemberGraph.Jobs;
using MemberGraph.Members;
using MemberGraph.Points;
using MemberGraph.Seeding;
using MemberGraph.Segments;
using MemberGraph.Tags;
using Microsoft.EntityFrameworkCore;

namespace MemberGraph.Tests.Seeding;

/// <summary>The guide journey a newcomer walks through on the seeded demo (issue 11, section 3).</summary>
public sealed class DemoStoryTests(DemoStoryFixture demo) : IClassFixture<DemoStoryFixture>
{
    [Fact]
    public async Task A_guide_has_exclusive_customers_added_on_WeCom_with_external_user_ids_and_follows()
    {
        // given
        await using var db = demo.Gateway.Db();
        var open = await db.GuideRelationships.AsNoTracking().Where(r => r.EndedAt == null).ToListAsync();
        var weComIds = await db.Identities.AsNoTracking().Where(i => i.Channel == IdentityChannel.WecomExternalUserid).ToListAsync();

        // when: the guide with the most customers
        var guide = open.GroupBy(r => r.GuideId).OrderByDescending(g => g.Count()).ThenBy(g => g.Key).First();

        // then: exclusive customers from every source, follows, and the WeCom ones known by their wm… external user id
        var exclusive = guide.Where(r => r.Kind == GuideRelationshipKind.Exclusive).ToList();
        Assert.Superset(new HashSet<RelationshipSource> { RelationshipSource.WeComAddContact, RelationshipSource.QrScan, RelationshipSource.ShareLink, RelationshipSource.StoreAssignment },
            exclusive.Select(r => r.Source).ToHashSet());
        Assert.Contains(guide, r => r.Kind == GuideRelationshipKind.Follow);
        var addedOnWeCom = exclusive.Where(r => r.Source == RelationshipSource.WeComAddContact).ToList();
        Assert.True(addedOnWeCom.Count >= 3);
        Assert.All(addedOnWeCom, r =>
        {
            var externalId = Assert.Single(weComIds, i => i.MemberId == r.MemberId).ExternalId;
            Assert.Equal(DemoCast.ExternalUserIdOf(r.MemberId), externalId);
            Assert.StartsWith("wm", externalId);
            Assert.Equal(32, externalId.Length);
        });
        var guideCode = await db.Guides.Where(g => g.Id == guide.Key).Select(g => g.GuideCode).SingleAsync();
        Assert.All(addedOnWeCom, r => Assert.Equal(guideCode, r.SourceDetail)); // the contact-way state
    }

    [Fact]
    public async Task WeCom_customers_are_the_same_members_as_their_mini_program_selves_and_channel_statuses_vary()
    {
        // given
        await using var db = demo.Gateway.Db();

        // when
        var weComMembers = await db.Members.AsNoTracking().Include(m => m.Identities)
            .Where(m => m.Identities.Any(i => i.Channel == IdentityChannel.WecomExternalUserid)).ToListAsync();
        var all = await db.Members.AsNoTracking().ToListAsync();

        // then: OneID bridged the unionid, so no new member was made for the guide side
        Assert.Equal(600, all.Count);
        Assert.NotEmpty(weComMembers);
        Assert.All(weComMembers, m =>
        {
            Assert.Contains(m.Identities, i => i.Channel == IdentityChannel.WechatUnionid);
            Assert.True(m.AddedGuideOnWeCom);
        });
        Assert.Contains(all, m => m.RegisteredAt is not null && m.FollowedOfficialAccount && m.AuthorizedMiniProgram && m.AddedGuideOnWeCom);
        Assert.Contains(all, m => m.RegisteredAt is not null && !m.FollowedOfficialAccount && m.AuthorizedMiniProgram && m.AddedGuideOnWeCom);
        Assert.Contains(all, m => m.RegisteredAt is not null && !m.AddedGuideOnWeCom);
        Assert.Contains(all, m => m.RegisteredAt is null);
    }

    [Fact]
    public async Task Rule_tags_are_assigned_by_a_tagging_run_and_manual_tags_by_guides()
    {
        // given
        await using var db = demo.Gateway.Db();
        var tags = await db.TagDefinitions.AsNoTracking().ToDictionaryAsync(t => t.Id);
        var run = await db.JobRuns.AsNoTracking().SingleAsync(r => r.Job == "tagging-full");

        // when
        var assignments = await db.MemberTags.AsNoTracking().ToListAsync();

        // then
        Assert.Equal(JobRunStatus.Succeeded, run.Status);
        Assert.True(tags.Values.Count(t => t.Kind == TagKind.Rule) >= 3);
        Assert.True(tags.Values.Count(t => t.Kind == TagKind.Manual) >= 2);
        var ruleAssignments = assignments.Where(a => tags[a.TagId].Kind == TagKind.Rule).ToList();
        Assert.NotEmpty(ruleAssignments);
        Assert.All(ruleAssignments, a => Assert.Equal(run.Id, a.RuleRunId));
        Assert.True(ruleAssignments.Select(a => a.TagId).Distinct().Count() >= 3, "several rule tags matched someone");
        var manual = assignments.Where(a => tags[a.TagId].Kind == TagKind.Manual).ToList();
        Assert.NotEmpty(manual);
        foreach (var assignment in manual)
        {
            Assert.NotNull(assignment.GuideId);
            Assert.True(await db.GuideRelationships.AnyAsync(r => r.GuideId == assignment.GuideId && r.MemberId == assignment.MemberId && r.EndedAt == null),
                "a guide tags only their own customers");
        }
    }

    [Fact]
    public async Task At_least_three_saved_segments_count_members()
    {
        // given
        await using var db = demo.Gateway.Db();
        var segments = await db.Segments.AsNoTracking().ToListAsync();
        var service = demo.Gateway.Service<SegmentService>();

        // when
        var counts = new List<long>();
        foreach (var segment in segments)
        {
            var (audience, error) = await service.CompileAsync(segment.Expression, CancellationToken.None);
            Assert.Null(error);
            counts.Add(await service.CountAsync(audience!, CancellationToken.None));
        }

        // then
        Assert.True(segments.Count >= 3);
        Assert.All(counts, count => Assert.True(count > 0));
        Assert.All(segments, s => Assert.True(s.LastCount > 0));
    }

    [Fact]
    public async Task Coupons_of_every_scene_exist_in_every_status()
    {
        // given
        await using var db = demo.Gateway.Db();

        // when
        var seen = await db.Coupons.AsNoTracking().Join(db.CouponTemplates, c => c.TemplateId, t => t.Id, (c, t) => new { t.Kind, c.Status })
            .Distinct().ToListAsync();

        // then
        foreach (var kind in Enum.GetValues<CouponKind>())
        {
            foreach (var status in Enum.GetValues<CouponStatus>())
            {
                Assert.Contains(seen, s => s.Kind == kind && s.Status == status);
            }
        }
    }

    [Fact]
    public async Task Orders_attributed_to_guides_earn_commission_this_month_and_the_totals_agree()
    {
        // given
        await using var db = demo.Gateway.Db();
        var rules = demo.Gateway.Service<CommissionRules>();
        var month = rules.BusinessMonth(DateTime.UtcNow);
        var monthStart = rules.StartOf(month);

        // when
        var lines = await db.CommissionLines.AsNoTracking().Where(l => l.EarnedAt >= monthStart).ToListAsync();
        var totals = await db.GuideCommissionTotals.AsNoTracking().Where(t => t.Month == month).ToListAsync();

        // then: every guide's month total is the sum of their lines this month
        Assert.NotEmpty(lines);
        Assert.All(lines, l => Assert.True(l.AmountCents > 0));
        foreach (var guide in lines.GroupBy(l => l.GuideId))
        {
            var total = Assert.Single(totals, t => t.GuideId == guide.Key);
            Assert.Equal(guide.Sum(l => l.NetCents), total.MonthCents);
        }

        var orderIds = lines.Select(l => l.OrderId).Distinct().ToList();
        var orders = await db.Orders.AsNoTracking().Where(o => orderIds.Contains(o.Id)).ToListAsync();
        Assert.All(orders, o => Assert.Equal(lines.First(l => l.OrderId == o.Id).GuideId, o.AttributedGuideId));
    }

    [Fact]
    public async Task A_customer_transfer_is_pending_and_jobs_have_run()
    {
        // given
        await using var db = demo.Gateway.Db();

        // when
        var transfer = await db.CustomerTransfers.AsNoTracking().SingleAsync(t => t.Status == CustomerTransferStatus.Pending);
        var runs = await db.JobRuns.AsNoTracking().ToListAsync();

        // then
        Assert.StartsWith("wm", transfer.ExternalUserId);
        Assert.True(transfer.DueAt > DateTime.UtcNow);
        Assert.True(await db.GuideRelationships.AnyAsync(r => r.MemberId == transfer.MemberId && r.GuideId == transfer.FromGuideId && r.EndedAt == null));
        Assert.Superset(new HashSet<string> { "tagging-full", "coupon-expiry", "points-release" }, runs.Select(r => r.Job).ToHashSet());
        Assert.All(runs, r => Assert.Equal(JobRunStatus.Succeeded, r.Status));
    }

    [Fact]
    public async Task Stores_have_address_phone_and_hours_and_order_lines_product_names()
    {
        // given
        await using var db = demo.Gateway.Db();

        // when
        var stores = await db.Stores.AsNoTracking().ToListAsync();
        var unnamed = await db.OrderLines.CountAsync(l => l.ProductName == null);

        // then
        Assert.All(stores, s =>
        {
            Assert.False(string.IsNullOrWhiteSpace(s.Address));
            Assert.Matches(@"^0\d{2,3}-\d{8}$", s.Phone);
            Assert.Matches(@"^\d{2}:\d{2}-\d{2}:\d{2}$", s.OpeningHours);
        });
        Assert.True(await db.OrderLines.AnyAsync());
        Assert.Equal(0, unnamed);
    }

    [Fact]
    public async Task A_guide_reads_a_customers_order_with_its_store_and_product_names_through_GraphQL()
    {
        // given: a lead guide and one of their customers who bought at the till this month
        await using var db = demo.Gateway.Db();
        var line = await db.CommissionLines.AsNoTracking().OrderBy(l => l.Id).FirstAsync();
        var order = await db.Orders.AsNoTracking().SingleAsync(o => o.Id == line.OrderId);
        var store = await db.Stores.AsNoTracking().SingleAsync(s => s.Id == order.StoreId);
        var token = demo.Gateway.Token(new TokenSubject(Roles.Guide, GuideId: line.GuideId, StoreId: store.Id));

        // when
        var response = await demo.Gateway.GraphQLAsync(
            "query($id: ID!) { member(id: $id) { orders(first: 20) { items { channelOrderId storeId store { name address phone openingHours } lines { sku productName } } } } }",
            new { id = GlobalId.Encode("Member", order.MemberId) }, token);

        // then
        var items = response.OkData()["member"]!["orders"]!["items"]!.AsArray();
        var seen = items.Single(o => o!["channelOrderId"]!.GetValue<string>() == order.ChannelOrderId)!;
        Assert.Equal(store.Name, seen["store"]!["name"]!.GetValue<string>());
        Assert.Equal(store.Address, seen["store"]!["address"]!.GetValue<string>());
        Assert.Equal(store.Phone, seen["store"]!["phone"]!.GetValue<string>());
        Assert.Equal(store.OpeningHours, seen["store"]!["openingHours"]!.GetValue<string>());
        Assert.NotNull(seen["storeId"]);
        Assert.All(seen["lines"]!.AsArray(), l => Assert.Equal(DemoProducts.NameOf(l!["sku"]!.GetValue<string>()), l["productName"]!.GetValue<string>()));
    }

    [Fact]
    public async Task The_demo_ledger_reads_in_Chinese_like_every_text_written_for_members()
    {
        // given
        await using var db = demo.Gateway.Db();

        // when: the reasons of every kind of entry the demo wrote (generated history, guide sales through OrderService, jobs)
        var reasons = await db.PointsEntries.AsNoTracking().Select(e => new { e.Kind, e.Reason }).Distinct().ToListAsync();

        // then
        var forms = new Dictionary<PointsEntryKind, string>
        {
            [PointsEntryKind.Earn] = "^消费得积分：(小程序|天猫|京东|门店|抖音|美团|饿了么)订单 \\S+$",
            [PointsEntryKind.Reverse] = "^退款扣回积分：(小程序|天猫|京东|门店|抖音|美团|饿了么)订单 \\S+（退款单 \\S+）$",
            [PointsEntryKind.Release] = "^退货期已过，积分到账$",
            [PointsEntryKind.Expire] = @"^\d{4}-\d{2}-\d{2} 获得的积分已过期$",
            [PointsEntryKind.Redeem] = "^(积分换购：鲜榨橙汁|积分兑换优惠券「.+」)$",
        };
        Assert.Superset(new HashSet<PointsEntryKind> { PointsEntryKind.Earn, PointsEntryKind.Reverse, PointsEntryKind.Redeem },
            reasons.Select(r => r.Kind).ToHashSet());
        Assert.All(reasons, r => Assert.Matches(forms[r.Kind], r.Reason));
        Assert.Contains(reasons, r => r.Reason.StartsWith("消费得积分：门店订单 ", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Demo_accounts_list_members_guides_with_customers_external_ids_staff_stores_and_an_admin()
    {
        // given
        var accounts = demo.Gateway.Service<DemoAccounts>();
        await using var db = demo.Gateway.Db();

        // when
        var list = await accounts.ListAsync(5, CancellationToken.None);

        // then
        Assert.Equal(5, list.Members.Count);
        Assert.All(list.Members, m =>
        {
            Assert.StartsWith("oMG", m.OpenId);
            Assert.True(db.Identities.Any(i => i.MemberId == m.MemberId && i.Channel == IdentityChannel.WechatOpenid && i.ExternalId == m.OpenId));
            Assert.True(db.Members.Any(x => x.Id == m.MemberId && x.Phone == m.Phone));
        });
        Assert.Equal(5, list.Guides.Count);
        Assert.All(list.Guides, g =>
        {
            Assert.NotEmpty(g.CustomerExternalUserIds);
            Assert.All(g.CustomerExternalUserIds, id => Assert.True(db.Identities.Any(i => i.ExternalId == id && i.Channel == IdentityChannel.WecomExternalUserid
                && db.GuideRelationships.Any(r => r.GuideId == g.GuideId && r.MemberId == i.MemberId && r.EndedAt == null))));
            Assert.True(db.Guides.Any(x => x.Id == g.GuideId && x.WeComUserId == g.WeComUserId && x.StoreId == g.StoreId));
        });
        Assert.True(list.Guides[0].CustomerExternalUserIds.Count >= 3, "the busiest guide comes first");
        Assert.Equal(list.Guides.Select(g => g.StoreId).Distinct().Order(), list.StaffStores.Select(s => s.StoreId));
        Assert.False(string.IsNullOrEmpty(list.AdminSubject));
    }
}
