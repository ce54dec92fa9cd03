using GraphQL.Types;
using MemberGraph.Domain;
using MemberGraph.GraphQL;

namespace MemberGraph.Points;

public sealed class RedeemPointsInput
{
    public long Amount { get; set; }
    public string Reason { get; set; } = "";
    public string IdempotencyKey { get; set; } = "";
    public string? MemberId { get; set; }
}

public sealed class PointsStepInput
{
    public string? MemberId { get; set; }
}

public sealed record RedeemPointsPayload(PointsEntry? Entry, long? Balance, bool Replayed, IReadOnlyList<UserError> Errors) : IPayload;

public sealed record PointsStepPayload(int Processed, IReadOnlyList<UserError> Errors) : IPayload;

public sealed class RedeemPointsInputType : InputObjectGraphType<RedeemPointsInput>
{
    public RedeemPointsInputType()
    {
        Name = "RedeemPointsInput";
        Description = "Spend points. Replaying the same idempotency key returns the first result; the key with another amount is IDEMPOTENCY_CONFLICT.";
        Field<NonNullGraphType<LongGraphType>>("amount").Description("Points to spend (at least 1).");
        Field<NonNullGraphType<StringGraphType>>("reason").Description("What for (1 to 200 characters); kept on the ledger entry.");
        Field<NonNullGraphType<StringGraphType>>("idempotencyKey").Description("Client-chosen key (1 to 100 characters), unique per member.");
        Field<IdGraphType>("memberId").Description("Admins: whose points. Members spend their own and may omit it.");
    }
}

public sealed class PointsStepInputType : InputObjectGraphType<PointsStepInput>
{
    public PointsStepInputType()
    {
        Name = "PointsStepInput";
        Description = "Runs a points step now (the scheduled job does the same).";
        Field<IdGraphType>("memberId").Description("Only this member; every member when omitted.");
    }
}

public sealed class RedeemPointsPayloadType : PayloadGraphType<RedeemPointsPayload>
{
    public RedeemPointsPayloadType()
    {
        Name = "RedeemPointsPayload";
        Description = "The ledger entry of the redemption and the balance after it.";
        Field<PointsEntryType>("entry").Description("The REDEEM entry; null when refused.").Resolve(ctx => ctx.Source.Entry);
        Field<LongGraphType>("balance").Description("The balance now; null when refused.").Resolve(ctx => ctx.Source.Balance);
        Field(p => p.Replayed).Description("True when this idempotency key had already been used with the same amount: nothing changed.");
    }
}

public sealed class PointsStepPayloadType : PayloadGraphType<PointsStepPayload>
{
    public PointsStepPayloadType()
    {
        Name = "PointsStepPayload";
        Description = "How many lots the step processed.";
        Field(p => p.Processed).Description("Lots processed.");
    }
}
