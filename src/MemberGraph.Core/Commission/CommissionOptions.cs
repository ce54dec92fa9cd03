using MemberGraph.Orders;

namespace MemberGraph.Commission;

/// <summary>
/// The <c>Commission</c> configuration section: what a guide earns on the lines of an attributed order, how a purchase
/// in another store than the guide's is treated, which live streams belong to which guide, and the business calendar
/// of the running totals.
/// </summary>
public sealed class CommissionOptions
{
    public const string Section = "Commission";

    /// <summary>Rate on a line's paid share when no rule matches, in basis points (100 = 1%).</summary>
    public int DefaultRateBasisPoints { get; set; } = 300;

    /// <summary>
    /// Rules by category and/or store code; the most specific match wins (category and store, then category, then
    /// store). A rule pays either a rate in basis points or a fixed amount per line.
    /// </summary>
    public List<CommissionRule> Rules { get; set; } = [];

    /// <summary>What happens when the attributed guide works in another store than the one that sold the order.</summary>
    public CrossStoreRule CrossStore { get; set; } = CrossStoreRule.AttributeToGuide;

    /// <summary>
    /// Live-stream ids and the guide code of the guide hosting each: an order whose share parameter says
    /// <c>live=ID</c> (without its own <c>gc=</c>) is attributed to that guide.
    /// </summary>
    public Dictionary<string, string> LiveStreams { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Offset of the business calendar (today, this month) from UTC; China is +8.</summary>
    public int BusinessUtcOffsetHours { get; set; } = 8;

    /// <summary>
    /// Days after a business month ends before the settlement job pays out its commission: the return window, so that
    /// refunds of the month's orders mostly come back before the money goes out (7 days by default, as points).
    /// </summary>
    public int SettleAfterDays { get; set; } = 7;
}

/// <summary>One commission rule; a null category or store code matches any. Give a rate or a fixed amount.</summary>
public sealed class CommissionRule
{
    /// <summary>A name for reports and commission lines; derived from the match when empty.</summary>
    public string? Name { get; set; }

    public ProductCategory? Category { get; set; }
    public string? StoreCode { get; set; }

    /// <summary>Rate on the line's paid share, in basis points.</summary>
    public int? RateBasisPoints { get; set; }

    /// <summary>A fixed amount per order line, in cents (for lines with a paid share above zero).</summary>
    public long? FixedCentsPerLine { get; set; }
}

/// <summary>
/// How an order sold by one store but attributed to a guide of another store is treated. Orders without a store
/// (marketplaces, delivery platforms without a store) are never cross-store.
/// </summary>
public enum CrossStoreRule
{
    /// <summary>The guide is credited wherever the customer buys: their customers follow them across stores.</summary>
    AttributeToGuide = 0,

    /// <summary>The order stays attributed to the guide (who drove the sale) but earns no commission.</summary>
    NoCommission = 1,

    /// <summary>
    /// Guides of other stores are passed over: attribution falls through to the next candidate (share link, live
    /// stream, exclusive guide) who works in the selling store, else the order is unattributed.
    /// </summary>
    StoreGuideInstead = 2,
}
