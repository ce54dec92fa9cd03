using MemberGraph.Domain;
using MemberGraph.Guides;
using MemberGraph.Members;
using MemberGraph.Tests.Infrastructure;

namespace MemberGraph.Tests.Guides;

/// <summary>Rows the transfer tests need: WeCom customers of a guide, and past transfers.</summary>
internal static class TransferTestData
{
    public static string Id(Guide guide) => GlobalId.Encode("Guide", guide.Id);

    /// <summary>Customers who added the guide on WeCom: each with a WeCom external user id and an exclusive relationship.</summary>
    public static async Task<List<(Member Member, string External)>> CustomersAsync(this WeComTestHost host, Guide guide, int count)
    {
        var customers = new List<(Member Member, string External)>();
        await using var db = host.Gateway.Db();
        for (var i = 0; i < count; i++)
        {
            var external = WeComTestHost.ExternalUserId();
            var member = new Member { DisplayName = $"Customer {i}", CreatedAt = DateTime.UtcNow, TouchedAt = DateTime.UtcNow, AddedGuideOnWeCom = true };
            member.Identities.Add(new Identity { Channel = IdentityChannel.WecomExternalUserid, ExternalId = external, LinkedAt = DateTime.UtcNow });
            db.Members.Add(member);
            customers.Add((member, external));
        }

        await db.SaveChangesAsync();
        db.GuideRelationships.AddRange(customers.Select(c => new GuideRelationship
        {
            MemberId = c.Member.Id, GuideId = guide.Id, Kind = GuideRelationshipKind.Exclusive, Source = RelationshipSource.WeComAddContact, Since = DateTime.UtcNow,
        }));
        await db.SaveChangesAsync();
        return customers;
    }

    /// <summary>A completed transfer requested at <paramref name="at"/>.</summary>
    public static CustomerTransfer History(long memberId, long fromGuideId, long toGuideId, DateTime at) => new()
    {
        MemberId = memberId,
        FromGuideId = fromGuideId,
        ToGuideId = toGuideId,
        Kind = CustomerTransferKind.OnJob,
        Status = CustomerTransferStatus.Completed,
        Reason = "history",
        RequestedBy = "test",
        RequestedAt = at,
        DueAt = at.AddHours(24),
        CompletedAt = at.AddHours(24),
    };
}
