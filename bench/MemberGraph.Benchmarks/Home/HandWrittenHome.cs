using MemberGraph.Auth;
using MemberGraph.Coupons;
using MemberGraph.Data;
using MemberGraph.Domain;
using MemberGraph.Points;
using MemberGraph.Tiers;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;

namespace MemberGraph.Benchmarks;

/// <summary>
/// The same reads as <see cref="HomeQuery"/>, hand-written as a minimal API endpoint: one context, the same
/// single-member queries the GraphQL loaders run for one member on one open connection, the same JSON shape. Mapped only by the benchmark,
/// as the baseline GraphQL is compared with; the difference is what GraphQL itself costs.
/// </summary>
internal static class HandWrittenHome
{
    public const string Path = "/bench/home";

    public static void Map(IEndpointRouteBuilder app) => app.MapGet(Path, async (HttpContext http, IDbContextFactory<MemberGraphDb> factory, TierService tiers,
        TierLadder ladder, TimeProvider clock, CancellationToken cancellationToken) =>
    {
        if (Caller.From(http.User) is not { Role: Roles.Member, MemberId: { } id })
        {
            return Results.Unauthorized();
        }

        // One context and one open connection for the request's reads, as the GraphQL loaders have (LoaderDb).
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            return await ReadAsync(db, id, tiers, ladder, clock, cancellationToken);
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    });

    private static async Task<IResult> ReadAsync(MemberGraphDb db, long id, TierService tiers, TierLadder ladder, TimeProvider clock, CancellationToken cancellationToken)
    {
        var member = await db.Members.AsNoTracking().Where(m => m.Id == id).Select(m => new { m.DisplayName }).FirstOrDefaultAsync(cancellationToken);
        if (member is null)
        {
            return Results.NotFound();
        }

        var level = (await TierReads.TierOf(db, id))?.Level ?? 0;
        var growth = await tiers.GrowthAsync(db, id, clock.GetUtcNow().UtcDateTime, cancellationToken);
        var account = await PointsReads.AccountOf(db, id);
        var now = clock.GetUtcNow().UtcDateTime;
        var coupons = await db.Coupons.AsNoTracking().Where(c => c.MemberId == id).OrderByDescending(c => c.Id).Take(10).ToListAsync(cancellationToken);
        var templateIds = coupons.Select(c => c.TemplateId).Distinct().ToList();
        var templates = await db.CouponTemplates.AsNoTracking().Where(t => templateIds.Contains(t.Id))
            .Select(t => new { t.Id, t.Name, t.Kind }).ToDictionaryAsync(t => t.Id, cancellationToken);

        return Results.Json(new
        {
            data = new
            {
                me = new
                {
                    displayName = member.DisplayName,
                    tier = new { level, name = ladder.NameOf(level), growth, nextLevelGrowth = ladder.NextThreshold(level) },
                    points = new { balance = account?.Balance ?? 0, pending = account?.Pending ?? 0 },
                    coupons = new
                    {
                        edges = coupons.Select(c => new
                        {
                            node = new
                            {
                                id = GlobalId.Encode("Coupon", c.Id),
                                code = CouponCode.Format(c.Code),
                                status = Constant(c.StatusAt(now).ToString()),
                                validUntil = c.ValidUntil,
                                template = new { name = templates[c.TemplateId].Name, kind = Constant(templates[c.TemplateId].Kind.ToString()) },
                            },
                        }),
                    },
                },
            },
        });
    }

    /// <summary>MiniProgram → MINI_PROGRAM and O2O → O2O, as the schema spells enum values (a break only after a lower-case letter).</summary>
    private static string Constant(string name) =>
        string.Concat(name.Select((c, i) => i > 0 && char.IsUpper(c) && char.IsLower(name[i - 1]) ? "_" + c : c.ToString())).ToUpperInvariant();
}
