using MemberGraph.Domain;
using MemberGraph.Members;

namespace MemberGraph.Orders;

/// <summary>Shape checks of order and refund input, answered as INVALID_INPUT user errors naming the field.</summary>
public static class OrderValidation
{
    public const int MaxLines = 100;
    public const int MaxIdentities = 10;
    private const long MaxCents = 10_000_000_000;

    public static UserError? Check(RecordOrderCommand order, DateTime now)
    {
        if (string.IsNullOrWhiteSpace(order.ChannelOrderId) || order.ChannelOrderId.Length > 64)
        {
            return Invalid("channelOrderId", "The channel order id must have 1 to 64 characters.");
        }

        if (order.Identities.Count > MaxIdentities || (order.Identities.Count == 0 && order.Member is null))
        {
            return Invalid("identities", $"Give 1 to {MaxIdentities} identities of the buyer, or the member (up to {MaxIdentities} identities beside it).");
        }

        if (order.Member is { } member && (member.MemberCode is null) == (member.MemberId is null))
        {
            return Invalid("member", "Give the member's memberCode or id (one of them).");
        }

        if (order.Member is { MemberCode: { } code } && string.IsNullOrWhiteSpace(code))
        {
            return Invalid("member.memberCode", "The member code is empty.");
        }

        for (var i = 0; i < order.Identities.Count; i++)
        {
            if (IdentityValue.Problem(order.Identities[i].Channel, order.Identities[i].ExternalId) is { } problem)
            {
                // Never resolved: a masked or malformed value would become a new member nobody is.
                return new UserError(UserErrorCode.IdentityInvalid, problem, $"identities[{i}].externalId");
            }
        }

        if (order.Lines.Count is 0 or > MaxLines)
        {
            return Invalid("lines", $"An order has 1 to {MaxLines} lines.");
        }

        if (order.Lines.Any(l => string.IsNullOrWhiteSpace(l.Sku) || l.Sku.Length > 64 || l.Quantity is < 1 or > 100_000 || l.AmountCents is < 0 or > MaxCents))
        {
            return Invalid("lines", "Every line needs a SKU (1 to 64 characters), a quantity of at least 1 and a non-negative amount.");
        }

        if (order.PaidAmountCents is < 0 or > MaxCents)
        {
            return Invalid("paidAmountCents", "The paid amount must be a non-negative number of cents.");
        }

        if (order.PaidAt > now.AddMinutes(10))
        {
            return Invalid("paidAt", "The payment time is in the future.");
        }

        if (order.GuideCode is { Length: > 30 } || order.ShareParameter is { Length: > 128 })
        {
            return Invalid(order.GuideCode is { Length: > 30 } ? "guideCode" : "shareParameter", "Guide code: at most 30 characters; share parameter: at most 128.");
        }

        return null;
    }

    public static UserError? Check(RefundOrderCommand refund)
    {
        if (refund.OrderId is null && (refund.Channel is null || string.IsNullOrWhiteSpace(refund.ChannelOrderId)))
        {
            return Invalid("orderId", "Name the order by its id, or by channel and channel order id.");
        }

        if (string.IsNullOrWhiteSpace(refund.RefundId) || refund.RefundId.Length > 64)
        {
            return Invalid("refundId", "The refund id must have 1 to 64 characters.");
        }

        if (refund.Lines is not null && refund.AmountCents is not null)
        {
            return Invalid("lines", "Refund either by lines or by amount, not both.");
        }

        if (refund.Lines is { } lines && (lines.Count is 0 or > MaxLines || lines.Select(l => l.LineNumber).Distinct().Count() != lines.Count || lines.Any(l => l.Quantity is < 1)))
        {
            return Invalid("lines", $"Name 1 to {MaxLines} distinct lines, each with a quantity of at least 1 when given.");
        }

        if (refund.AmountCents is <= 0)
        {
            return Invalid("amountCents", "The refund amount must be positive.");
        }

        return refund.Reason is { Length: > 200 } ? Invalid("reason", "The reason has at most 200 characters.") : null;
    }

    private static UserError Invalid(string field, string message) => new(UserErrorCode.InvalidInput, message, field);
}
