using GraphQL.Types;
using MemberGraph.Auth;
using MemberGraph.Coupons;
using MemberGraph.Domain;
using MemberGraph.GraphQL;
using MemberGraph.GraphQL.Authorization;

namespace MemberGraph.Partners;

public sealed record PartnerReceiptPayload(PartnerTransaction? Transaction, bool Replayed, IReadOnlyList<UserError> Errors) : IPayload
{
    /// <summary>The member's balance after a credit (null on refusals, and on a replay for a member who no longer consents).</summary>
    public long? Balance { get; init; }

    public static PartnerReceiptPayload From(Outcome<PartnerReceipt> outcome) =>
        new(outcome.Value?.Transaction, outcome.Value?.Replayed ?? false, outcome.Error is null ? [] : [outcome.Error]);

    public static PartnerReceiptPayload From(Outcome<PartnerCredit> outcome) =>
        new(outcome.Value?.Receipt.Transaction, outcome.Value?.Receipt.Replayed ?? false, outcome.Error is null ? [] : [outcome.Error])
        {
            Balance = outcome.Value?.Balance,
        };
}

/// <summary>What a partner mutation left: the transaction, and whether the request only repeated one already made.</summary>
public abstract class PartnerReceiptPayloadType : PayloadGraphType<PartnerReceiptPayload>
{
    protected PartnerReceiptPayloadType(string name, string description)
    {
        Name = name;
        Description = description;
        this.ReadableBy(Roles.Partner);
        Field<PartnerTransactionType>("transaction").Description("The transaction; null when refused.").Resolve(ctx => ctx.Source.Transaction);
        Field(p => p.Replayed)
            .Description("True when this transaction id had already been used for the same request: nothing changed, the first result is shown.");
    }
}

public sealed class RedeemPartnerBenefitPayloadType() : PartnerReceiptPayloadType(
    "RedeemPartnerBenefitPayload", "The write-off of a partner benefit, or why not.");

public sealed class CreditPartnerPointsPayloadType : PartnerReceiptPayloadType
{
    public CreditPartnerPointsPayloadType()
        : base("CreditPartnerPointsPayload", "The credit of partner points, or why not (then nothing was credited).") =>
        Field(p => p.Balance, type: typeof(LongGraphType))
            .Description("The member's available points now; null when refused, or on a replay once the member stopped consenting.");
}

public sealed class ExchangePointsForPartnerBenefitPayloadType() : CouponPayloadType(
    "ExchangePointsForPartnerBenefitPayload", "The partner benefit the points bought, or why not (then no points were spent).");
