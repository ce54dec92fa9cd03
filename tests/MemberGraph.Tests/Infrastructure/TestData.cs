using MemberGraph.Auth;
using MemberGraph.Guides;
using MemberGraph.Members;
using MemberGraph.Orders;
using MemberGraph.Stores;
using MemberGraph.Tags;
using MemberGraph.Tiers;

namespace MemberGraph.Tests.Infrastructure;

/// <summary>Builds the rows a test needs, directly in the gateway's database.</summary>
public sealed class TestData(GatewayHost gateway)
{
    private static int _sequence;

    public static int Next() => Interlocked.Increment(ref _sequence);

    public async Task<Store> StoreAsync(string? code = null, double latitude = 31.2304, double longitude = 121.4737, int radius = 3000)
    {
        await using var db = gateway.Db();
        var n = Next();
        var store = new Store { Code = code ?? $"T{n:0000}", Name = $"Test store {n}", City = "上海", Latitude = latitude, Longitude = longitude, DeliveryRadiusMeters = radius };
        db.Stores.Add(store);
        await db.SaveChangesAsync();
        return store;
    }

    public async Task<Guide> GuideAsync(long storeId, string? guideCode = null)
    {
        await using var db = gateway.Db();
        var n = Next();
        var guide = new Guide { StoreId = storeId, Name = $"Guide {n}", WeComUserId = $"wecom{n}", GuideCode = guideCode ?? $"GC{n:0000}" };
        db.Guides.Add(guide);
        await db.SaveChangesAsync();
        return guide;
    }

    public async Task<Member> MemberAsync(string? phone = null, DateTime? createdAt = null, params (IdentityChannel Channel, string ExternalId)[] identities)
    {
        await using var db = gateway.Db();
        var at = createdAt ?? DateTime.UtcNow;
        var member = new Member
        {
            DisplayName = $"Member {Next()}",
            Phone = phone,
            CreatedAt = at,
            TouchedAt = at,
            RegisteredAt = phone is null ? null : at,
        };
        if (phone is not null)
        {
            member.Identities.Add(new Identity { Channel = IdentityChannel.Phone, ExternalId = phone, LinkedAt = at });
        }

        foreach (var (channel, externalId) in identities)
        {
            member.Identities.Add(new Identity { Channel = channel, ExternalId = externalId, LinkedAt = at });
        }

        db.Members.Add(member);
        await db.SaveChangesAsync();
        return member;
    }

    /// <summary>Marks <paramref name="mergedId"/> merged into <paramref name="survivorId"/> as a merge leaves it (a tombstone), without moving anything.</summary>
    public async Task MarkMergedAsync(long mergedId, long survivorId)
    {
        await using var db = gateway.Db();
        var row = await db.Members.FindAsync(mergedId) ?? throw new InvalidOperationException($"No member {mergedId}.");
        row.Status = MemberStatus.Merged;
        row.MergedIntoId = survivorId;
        await db.SaveChangesAsync();
    }

    public async Task<GuideRelationship> RelationshipAsync(long memberId, long guideId, GuideRelationshipKind kind = GuideRelationshipKind.Exclusive, RelationshipSource source = RelationshipSource.StoreAssignment)
    {
        await using var db = gateway.Db();
        var relationship = new GuideRelationship { MemberId = memberId, GuideId = guideId, Kind = kind, Source = source, Since = DateTime.UtcNow };
        db.GuideRelationships.Add(relationship);
        await db.SaveChangesAsync();
        return relationship;
    }

    /// <summary>A paid order row of the member (no points, no commission): for rules that look at where and when a member bought.</summary>
    public async Task<Order> OrderAsync(long memberId, long? storeId, DateTime paidAt, SalesChannel channel = SalesChannel.Pos, long amountCents = 1_000,
        OrderStatus status = OrderStatus.Paid, long refundedCents = 0)
    {
        await using var db = gateway.Db();
        var n = Next();
        var order = new Order
        {
            Channel = channel,
            ChannelOrderId = $"TD-{n}",
            MemberId = memberId,
            StoreId = storeId,
            PaidAmountCents = amountCents,
            RefundedAmountCents = refundedCents,
            Status = status,
            PaidAt = paidAt,
            RecordedAt = paidAt,
            ContentHash = $"test-data-{n}",
        };
        db.Orders.Add(order);
        await db.SaveChangesAsync();
        return order;
    }

    /// <summary>An active manual tag (a unique key), to put on members with <see cref="TagMemberAsync"/>.</summary>
    public async Task<TagDefinition> TagAsync(bool active = true)
    {
        await using var db = gateway.Db();
        var n = Next();
        var tag = new TagDefinition { Key = $"test_tag_{n}", Name = $"Test tag {n}", Kind = TagKind.Manual, Owner = "tests", Active = active, CreatedAt = DateTime.UtcNow, UpdatedAt = DateTime.UtcNow };
        db.TagDefinitions.Add(tag);
        await db.SaveChangesAsync();
        return tag;
    }

    public async Task TagMemberAsync(long memberId, long tagId)
    {
        await using var db = gateway.Db();
        db.MemberTags.Add(new MemberTag { MemberId = memberId, TagId = tagId, AssignedAt = DateTime.UtcNow });
        await db.SaveChangesAsync();
    }

    /// <summary>Puts the member at a tier level directly (no growth, no history).</summary>
    public async Task TierAsync(long memberId, int level)
    {
        await using var db = gateway.Db();
        db.MemberTiers.Add(new MemberTier { MemberId = memberId, Level = level, Since = DateTime.UtcNow });
        await db.SaveChangesAsync();
    }

    public string MemberToken(long memberId) => gateway.Token(new TokenSubject(Roles.Member, MemberId: memberId));

    public string GuideToken(Guide guide) => gateway.Token(new TokenSubject(Roles.Guide, GuideId: guide.Id, StoreId: guide.StoreId));

    public string StaffToken(long storeId) => gateway.Token(new TokenSubject(Roles.Staff, StoreId: storeId));

    public string AdminToken() => gateway.Token(new TokenSubject(Roles.Admin));
}
