using MemberGraph.Data;
using MemberGraph.Members;
using MemberGraph.Orders;

namespace MemberGraph.Tags.Rules;

/// <summary>What a rule evaluator queries: the batch's active members and their purchases, and "now" of the run.</summary>
public sealed class RuleContext
{
    public RuleContext(MemberGraphDb db, TagBatch batch, DateTime now)
    {
        Db = db;
        Batch = batch;
        Now = now;
        var (from, to) = (batch.FromId, batch.ToId);
        var members = db.Members.Where(m => m.Id >= from && m.Id <= to && m.Status == MemberStatus.Active);
        var orders = db.Orders.Where(o => o.MemberId >= from && o.MemberId <= to && o.Status != OrderStatus.FullyRefunded);
        if (batch.MemberIds is { } ids)
        {
            members = members.Where(m => ids.Contains(m.Id));
            orders = orders.Where(o => ids.Contains(o.MemberId));
        }

        Members = members;
        Purchases = orders.Where(o => members.Any(m => m.Id == o.MemberId));
    }

    public MemberGraphDb Db { get; }
    public TagBatch Batch { get; }

    /// <summary>"Now" of the run (UTC): every window and recency is measured from it.</summary>
    public DateTime Now { get; }

    /// <summary>The batch's active members (merged and erased members carry no rule tags).</summary>
    public IQueryable<Member> Members { get; }

    /// <summary>Their purchases: orders that were not refunded in full (partly refunded orders count, net of the refund).</summary>
    public IQueryable<Order> Purchases { get; }
}
