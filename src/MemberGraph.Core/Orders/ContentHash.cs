using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace MemberGraph.Orders;

/// <summary>
/// Fingerprints of what a channel sent, so a replay can be told apart from a different order (or refund) that
/// reuses the same id. Identities are order-insensitive; lines keep their order (line numbers depend on it).
/// </summary>
public static class ContentHash
{
    /// <summary>
    /// The order's fingerprint; <paramref name="memberId"/> is the member the order named (by code or id), added only
    /// when named so that fingerprints of orders recorded by identities alone stay what they were.
    /// </summary>
    public static string Of(RecordOrderCommand order, long? storeId, long? memberId = null)
    {
        var text = new StringBuilder()
            .Append(order.Channel).Append('|').Append(order.ChannelOrderId).Append('|')
            .AppendJoin(',', order.Identities.Select(i => $"{i.Channel}:{i.ExternalId}").Order(StringComparer.Ordinal)).Append('|')
            .Append(storeId).Append('|').Append(order.GuideCode).Append('|').Append(order.ShareParameter).Append('|')
            .AppendJoin(',', order.Lines.Select(l => string.Create(CultureInfo.InvariantCulture, $"{l.Sku}:{l.Category}:{l.Quantity}:{l.AmountCents}"))).Append('|')
            .Append(order.PaidAmountCents).Append('|').Append(order.PaidAt.Ticks);
        if (memberId is { } named)
        {
            text.Append("|member:").Append(named);
        }

        return Hex(text.ToString());
    }

    public static string Of(RefundOrderCommand refund)
    {
        var lines = refund.Lines is null ? "-" : string.Join(',', refund.Lines.OrderBy(l => l.LineNumber).Select(l => $"{l.LineNumber}:{l.Quantity}"));
        return Hex($"{lines}|{refund.AmountCents}|{refund.Reason}");
    }

    private static string Hex(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
}
