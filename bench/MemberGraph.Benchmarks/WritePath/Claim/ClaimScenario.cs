using System.Text.Json;
using MemberGraph.Auth;
using MemberGraph.Coupons;
using MemberGraph.Domain;
using Microsoft.Extensions.DependencyInjection;

namespace MemberGraph.Benchmarks.WritePath.Claim;

/// <summary>
/// The coupons claimCoupon issues: one claimable in-store template of its own (5 yuan off, valid 30 days after issue, stock
/// and per-member limit large enough for any run), claimed in turn by the order scenario's returning members, each with
/// a member token of their own.
/// </summary>
internal sealed class ClaimScenario
{
    public const string ClaimCoupon = """
        mutation Claim($input: ClaimCouponInput!) { claimCoupon(input: $input) { coupon { id status } errors { code message field } } }
        """;

    private readonly string[] _tokens;
    private long _next;

    private ClaimScenario(string templateId, string[] tokens)
    {
        TemplateId = templateId;
        _tokens = tokens;
    }

    public string TemplateId { get; }

    public static async Task<ClaimScenario> CreateAsync(BenchGateway gateway, IReadOnlyList<OrderScenario.Buyer> buyers)
    {
        await using var db = await gateway.DbAsync();
        var now = DateTime.UtcNow;
        var template = new CouponTemplate
        {
            Name = $"Bench claim {now:HHmmss}",
            Kind = CouponKind.InStore,
            ValueKind = CouponValueKind.AmountOff,
            AmountOffCents = 500,
            ValidDaysAfterIssue = 30,
            TotalStock = 100_000_000,
            PerMemberLimit = 1_000_000,
            Claimable = true,
            CreatedAt = now,
            UpdatedAt = now,
        };
        db.CouponTemplates.Add(template);
        await db.SaveChangesAsync();
        var issuer = gateway.Services.GetRequiredService<TokenIssuer>();
        var tokens = buyers.Select(b => issuer.Issue(new TokenSubject(Roles.Member, MemberId: b.MemberId), TimeSpan.FromHours(2)).Token).ToArray();
        return new ClaimScenario(GlobalId.Encode("CouponTemplate", template.Id), tokens);
    }

    public string Token(int buyer) => _tokens[buyer];

    /// <summary>The next claim: the next member's token and the template, as /graphql or the hand-written endpoint takes it.</summary>
    public HttpRequestMessage Next(string path)
    {
        var token = _tokens[(int)(Interlocked.Increment(ref _next) % _tokens.Length)];
        return WriteOperation.Post(path, Body(path), token);
    }

    public byte[] Body(string path) => path == "/graphql"
        ? OrderScenario.GraphQLBody(ClaimCoupon, new { templateId = TemplateId })
        : JsonSerializer.SerializeToUtf8Bytes(new { input = new { templateId = TemplateId } });
}
