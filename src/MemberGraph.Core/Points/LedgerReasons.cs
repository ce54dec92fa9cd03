using System.Globalization;
using MemberGraph.Orders;

namespace MemberGraph.Points;

/// <summary>
/// The <c>reason</c> of every ledger entry the gateway writes itself, in one place. Members read them in the mini-program's
/// points history, so they are Simplified Chinese, like the coupon recommendations' reasons; what machines read stays
/// English (<see cref="PointsEntryKind"/>, <see cref="PointsSourceKind"/>), and so do errors and audit lines. The reason
/// an operator gives <c>redeemPoints</c> is written as given. Entries keep the text they were written with.
/// </summary>
public static class LedgerReasons
{
    /// <summary>消费得积分：门店订单 POS-SH001-0001</summary>
    public static string Earned(SalesChannel channel, string channelOrderId) => $"消费得积分：{OrderOf(channel, channelOrderId)}";

    /// <summary>退款扣回积分：天猫订单 TM-1（退款单 RF1）</summary>
    public static string Reversed(string refundId, SalesChannel channel, string channelOrderId) =>
        $"退款扣回积分：{OrderOf(channel, channelOrderId)}（退款单 {refundId}）";

    /// <summary>The return window closed: pending points became available.</summary>
    public const string Released = "退货期已过，积分到账";

    /// <summary>2026-01-01 获得的积分已过期</summary>
    public static string Expired(DateTime earnedAt) => $"{earnedAt.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)} 获得的积分已过期";

    /// <summary>积分兑换优惠券「满100减10」</summary>
    public static string ExchangedForCoupon(string templateName) => $"积分兑换优惠券「{templateName}」";

    /// <summary>万象城积分转入（300 积分）</summary>
    public static string CreditedByPartner(string partnerName, long partnerPoints) =>
        $"{partnerName}积分转入（{partnerPoints.ToString(CultureInfo.InvariantCulture)} 积分）";

    /// <summary>The channel as members know it.</summary>
    public static string ChannelName(SalesChannel channel) => channel switch
    {
        SalesChannel.MiniProgram => "小程序",
        SalesChannel.Tmall => "天猫",
        SalesChannel.Jd => "京东",
        SalesChannel.Pos => "门店",
        SalesChannel.Douyin => "抖音",
        SalesChannel.Meituan => "美团",
        SalesChannel.Eleme => "饿了么",
        _ => throw new ArgumentOutOfRangeException(nameof(channel), channel, "A sales channel without a name for members."),
    };

    private static string OrderOf(SalesChannel channel, string channelOrderId) => $"{ChannelName(channel)}订单 {channelOrderId}";
}
