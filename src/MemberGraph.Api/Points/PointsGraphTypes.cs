using GraphQL.Types;
using GraphQL.Types.Relay;
using MemberGraph.GraphQL.DataLoaders;
using MemberGraph.GraphQL.Relay;

namespace MemberGraph.Points;

/// <summary>The source of <c>Member.points</c>: the member id; each field loads only what it needs.</summary>
public sealed record MemberPoints(long MemberId);

public sealed class MemberPointsType : ObjectGraphType<MemberPoints>
{
    public MemberPointsType()
    {
        Name = "MemberPoints";
        Description = "A member's points: one ledger for every channel.";
        Field<NonNullGraphType<LongGraphType>>("balance").Description("Points available to spend (never negative).")
            .Resolve(ctx => ctx.AccountByMember().Load(ctx.Source.MemberId).Then(a => a.Balance));
        Field<NonNullGraphType<LongGraphType>>("pending").Description("Points earned on orders still inside their return window.")
            .Resolve(ctx => ctx.AccountByMember().Load(ctx.Source.MemberId).Then(a => a.Pending));
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<PointsExpiryType>>>>("expiringSoon")
            .Description("Available points that expire soon (within the configured horizon), grouped by expiry time, soonest first.")
            .Resolve(ctx => ctx.ExpiringSoonByMember().Load(ctx.Source.MemberId));
        Field<NonNullGraphType<ConnectionType<PointsEntryType>>>("ledger")
            .Description("The ledger, newest entry first.")
            .Resolve(ctx =>
            {
                var page = PageRequest.From(ctx);
                var count = ctx.WantsTotalCount() ? ctx.LedgerCountByMember().Load(ctx.Source.MemberId) : null;
                return ctx.LedgerByMember(page).Load(ctx.Source.MemberId).Then(async (rows, ct) =>
                    Connections.Build(rows, page, e => e.Id, count is null ? null : await count.GetResultAsync(ct)));
            })
            .FieldType.WithPagingArguments();
    }
}

public sealed class PointsExpiryType : ObjectGraphType<PointsExpiry>
{
    public PointsExpiryType()
    {
        Name = "PointsExpiry";
        Description = "Points that expire together.";
        Field<NonNullGraphType<LongGraphType>>("amount").Description("How many points.").Resolve(ctx => ctx.Source.Amount);
        Field(e => e.At).Description("When they expire.");
    }
}

public sealed class PointsEntryType : ObjectGraphType<PointsEntry>
{
    public PointsEntryType()
    {
        Name = "PointsEntry";
        Description = "One line of the append-only points ledger. The amounts of all entries add up to the balance (and the pending changes to pending).";
        Field<NonNullGraphType<PointsEntryKindType>>("kind").Description("What happened.").Resolve(ctx => ctx.Source.Kind);
        Field<NonNullGraphType<LongGraphType>>("amount").Description("Change to the available balance (negative when points left).").Resolve(ctx => ctx.Source.Amount);
        Field<NonNullGraphType<LongGraphType>>("pendingChange").Description("Change to pending points.").Resolve(ctx => ctx.Source.PendingChange);
        Field<NonNullGraphType<LongGraphType>>("balanceAfter").Description("The balance right after this entry.").Resolve(ctx => ctx.Source.BalanceAfter);
        Field<NonNullGraphType<LongGraphType>>("pendingAfter").Description("Pending points right after this entry.").Resolve(ctx => ctx.Source.PendingAfter);
        Field(e => e.Reason).Description("Why, in words for the member: Simplified Chinese for every entry the gateway writes (an order's points, " +
                                         "their release and expiry, a refund, a coupon exchange); the reason given to redeemPoints as it was given. " +
                                         "Machines read kind and source, whose codes stay English.");
        Field<NonNullGraphType<PointsSourceType>>("source").Description("What caused the entry.").Resolve(ctx => ctx.Source);
        Field(e => e.At).Description("When.");
    }
}

public sealed class PointsSourceType : ObjectGraphType<PointsEntry>
{
    public PointsSourceType()
    {
        Name = "PointsSource";
        Description = "What caused a ledger entry: an order, a refund, an exchange, a job, an operator or the member.";
        Field<NonNullGraphType<PointsSourceKindType>>("kind").Description("The kind of source.").Resolve(ctx => ctx.Source.SourceKind);
        Field<StringGraphType>("id").Description("Its id: a global id for orders and coupons, the subject for people.").Resolve(ctx => ctx.Source.SourceId);
    }
}

public sealed class PointsEntryKindType : EnumerationGraphType<PointsEntryKind>
{
    public PointsEntryKindType()
    {
        Name = "PointsEntryKind";
        Description = "Kinds of ledger entries.";
    }
}

public sealed class PointsSourceKindType : EnumerationGraphType<PointsSourceKind>
{
    public PointsSourceKindType()
    {
        Name = "PointsSourceKind";
        Description = "Kinds of sources of ledger entries.";
    }
}
