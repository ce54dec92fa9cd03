using System.ComponentModel;
using MemberGraph.Orders;

namespace MemberGraph.Commission;

/// <summary>
/// What a guide earns on one line of an attributed order, written in the order's transaction. Refunds claw back in
/// proportion to the line's refunded cents (<see cref="ClawedBackCents"/>); settlement moves it from pending to settled.
/// One per order line (the order's idempotency carries over).
/// </summary>
public sealed class CommissionLine
{
    public long Id { get; set; }
    public long OrderId { get; set; }
    public long OrderLineId { get; set; }
    public int LineNumber { get; set; }
    public long GuideId { get; set; }

    /// <summary>The store that sold the order, when it has one.</summary>
    public long? StoreId { get; set; }

    public string Sku { get; set; } = "";
    public ProductCategory Category { get; set; }

    /// <summary>The rule that applied (its name, or what it matched and paid).</summary>
    public string Rule { get; set; } = "";

    /// <summary>The rate applied, in basis points; null for a fixed amount.</summary>
    public int? RateBasisPoints { get; set; }

    /// <summary>The line's paid share the commission was computed on, in cents.</summary>
    public long BaseCents { get; set; }

    /// <summary>What the line earned, in cents.</summary>
    public long AmountCents { get; set; }

    /// <summary>What refunds took back so far, in cents (at most <see cref="AmountCents"/>).</summary>
    public long ClawedBackCents { get; set; }

    public CommissionStatus Status { get; set; } = CommissionStatus.Pending;
    public DateTime EarnedAt { get; set; }
    public DateTime? SettledAt { get; set; }
    public DateTime? ClawedBackAt { get; set; }

    /// <summary>The settlement run that settled the line.</summary>
    public string? SettlementId { get; set; }

    /// <summary>Concurrency token: a clawback and a settlement racing on the line cannot both apply to stale state.</summary>
    public int Version { get; set; }

    public long NetCents => AmountCents - ClawedBackCents;
}

public enum CommissionStatus
{
    [Description("Earned, not paid out yet; refunds can still take it back.")]
    Pending = 0,

    [Description("Paid out by a settlement run.")]
    Settled = 1,

    [Description("Taken back entirely by refunds.")]
    ClawedBack = 2,
}
