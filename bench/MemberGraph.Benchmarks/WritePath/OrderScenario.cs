using System.Text.Json;
using MemberGraph.Domain;
using MemberGraph.Guides;
using MemberGraph.Members;
using Microsoft.EntityFrameworkCore;

namespace MemberGraph.Benchmarks.WritePath;

/// <summary>
/// The orders the write path records: a POS order of 2 to 5 lines from the demo catalogue for a returning member who
/// carries two identities (POS card and phone), sold in a store with one of its guides' codes (attribution and commission),
/// paid a minute ago (points pending, tier growth). Every order has its own number.
/// </summary>
internal sealed class OrderScenario
{
    private static readonly (string Sku, string Category, long Cents)[] Catalogue =
    [
        ("IMP-CHERRY-500G", "IMPORTED_FRUIT", 7_900), ("IMP-DURIAN-1PC", "IMPORTED_FRUIT", 12_000), ("IMP-MANGO-2PC", "IMPORTED_FRUIT", 3_600),
        ("DOM-APPLE-1KG", "DOMESTIC_FRUIT", 1_800), ("DOM-ORANGE-1KG", "DOMESTIC_FRUIT", 1_500), ("DOM-LYCHEE-500G", "DOMESTIC_FRUIT", 2_900),
        ("CUT-MIX-BOX", "CUT_FRUIT", 2_800), ("CUT-MELON-CUP", "CUT_FRUIT", 1_600), ("GIFT-FESTIVAL", "GIFT_BOX", 19_800), ("JUICE-ORANGE", "JUICE", 1_800),
    ];

    private readonly List<Buyer> _buyers;
    private readonly List<(string StoreId, string GuideCode)> _guides;
    private readonly string _run = DateTime.UtcNow.ToString("HHmmss", System.Globalization.CultureInfo.InvariantCulture);
    private long _next;

    private OrderScenario(List<Buyer> buyers, List<(string, string)> guides)
    {
        _buyers = buyers;
        _guides = guides;
    }

    public sealed record Buyer(long MemberId, string Card, string Phone);

    public IReadOnlyList<Buyer> Buyers => _buyers;

    public static async Task<OrderScenario> CreateAsync(BenchGateway gateway)
    {
        await using var db = await gateway.DbAsync();
        var cards = db.Identities.Where(i => i.Channel == IdentityChannel.PosCard);
        var phones = db.Identities.Where(i => i.Channel == IdentityChannel.Phone);
        var buyers = await cards.Join(phones, c => c.MemberId, p => p.MemberId, (c, p) => new { c.MemberId, Card = c.ExternalId, Phone = p.ExternalId })
            .Where(b => db.Members.Any(m => m.Id == b.MemberId && m.Status == MemberStatus.Active) && db.Orders.Any(o => o.MemberId == b.MemberId))
            .OrderBy(b => b.MemberId).Take(1_000).ToListAsync();
        var guides = await db.Guides.Where(g => g.Status == GuideStatus.Active).OrderBy(g => g.Id).Select(g => new { g.StoreId, g.GuideCode }).ToListAsync();
        Console.WriteLine($"Orders: {buyers.Count:N0} returning members with a POS card and a phone, {guides.Count} guides' codes.");
        return new OrderScenario(
            buyers.ConvertAll(b => new Buyer(b.MemberId, b.Card, b.Phone)),
            guides.ConvertAll(g => (GlobalId.Encode("Store", g.StoreId), g.GuideCode)));
    }

    /// <summary>The next order's input, as the mutation's variables and the hand-written endpoint both take it.</summary>
    public object NextInput() => Input(Interlocked.Increment(ref _next), null, null);

    /// <summary>An order for a given buyer with a given number (the same content on both sides when checking their writes).</summary>
    public object Input(long number, Buyer? buyer, string? channelOrderId)
    {
        var random = new Random((int)number);
        buyer ??= _buyers[random.Next(_buyers.Count)];
        var (storeId, guideCode) = _guides[random.Next(_guides.Count)];
        var lines = Enumerable.Range(0, random.Next(2, 6)).Select(_ => Catalogue[random.Next(Catalogue.Length)])
            .Select(p =>
            {
                var quantity = random.Next(1, 4);
                return new { sku = p.Sku, category = p.Category, quantity, amountCents = quantity * p.Cents };
            })
            .ToList();
        var paid = lines.Sum(l => l.amountCents) - random.Next(0, 5) * 100;
        return new
        {
            channel = "POS",
            channelOrderId = channelOrderId is null ? $"WB-{_run}-{number:D8}" : $"WB-{_run}-{channelOrderId}",
            identities = new[] { new { channel = "POS_CARD", externalId = buyer.Card }, new { channel = "PHONE", externalId = buyer.Phone } },
            storeId,
            guideCode,
            lines,
            paidAmountCents = paid,
            paidAt = DateTime.UtcNow.AddMinutes(-1).ToString("O"),
        };
    }

    public static byte[] GraphQLBody(string query, object input) => JsonSerializer.SerializeToUtf8Bytes(new { query, variables = new { input } });

    public static byte[] HandWrittenBody(object input) => JsonSerializer.SerializeToUtf8Bytes(new { input });
}
