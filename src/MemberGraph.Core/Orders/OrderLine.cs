namespace MemberGraph.Orders;

/// <summary>
/// One line of an order. <see cref="PaidShareCents"/> is the line's part of the paid amount (discounts spread
/// over lines by amount); points and refunds are computed on it.
/// </summary>
public sealed class OrderLine
{
    public long Id { get; set; }
    public long OrderId { get; set; }

    /// <summary>1-based position in the order; refunds by line name it.</summary>
    public int LineNumber { get; set; }

    public string Sku { get; set; } = "";

    /// <summary>The product's name as the channel or till printed it; null when the channel sent only the SKU.</summary>
    public string? ProductName { get; set; }
    public ProductCategory Category { get; set; }
    public int Quantity { get; set; }
    public long AmountCents { get; set; }
    public long PaidShareCents { get; set; }
    public long Points { get; set; }
    public int RefundedQuantity { get; set; }
    public long RefundedCents { get; set; }

    public long RefundableCents => PaidShareCents - RefundedCents;
}

/// <summary>The fruit chain's categories; earn rates can differ per category.</summary>
public enum ProductCategory
{
    ImportedFruit = 1,
    DomesticFruit = 2,
    CutFruit = 3,
    GiftBox = 4,
    Juice = 5,
    Other = 9,
}
