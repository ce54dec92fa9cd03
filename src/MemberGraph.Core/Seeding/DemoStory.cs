using MemberGraph.Data;
using MemberGraph.Jobs;
using MemberGraph.Members;
using Microsoft.EntityFrameworkCore;

namespace MemberGraph.Seeding;

/// <summary>
/// The part of the demo a newcomer walks through, on top of the bulk members and orders: guides with exclusive
/// customers and follows from every source (WeCom add-contact with external user ids, QR scan, share link, store
/// assignment), rule tags from a real tagging run and guides' manual tags, saved segments, coupons of every scene in
/// every status, this month's attributed orders with commission, two partner malls with members consenting to them, a
/// pending transfer, and job runs. It goes through
/// the services and jobs the gateway uses, so everything stays consistent; it is small (a few hundred operations)
/// and the same for every seeding of the same member count (fixed seed, members picked by id). It runs after the
/// bulk steps, so the tagging run sees every order.
/// </summary>
public sealed class DemoStory(
    IDbContextFactory<MemberGraphDb> factory,
    DemoStoryParts parts,
    JobRunner jobs,
    TimeProvider clock)
{
    /// <summary>Tells the story once per database: <c>seed --members N</c> on a seeded data folder only adds members.</summary>
    public async Task SeedAsync(IProgress<SeedProgress>? progress, CancellationToken ct)
    {
        await using (var db = await factory.CreateDbContextAsync(ct))
        {
            if (await db.JobRuns.AnyAsync(r => r.TriggeredBy == DemoJobs.TriggeredBy, ct))
            {
                return;
            }
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var (teams, candidates) = await CastAsync(ct);
        var storeOfGuide = teams.SelectMany(t => t.Guides).ToDictionary(g => g.Id, g => g.StoreId);

        var customers = await parts.Customers.SeedAsync(teams, candidates, now, ct);
        progress?.Report(new SeedProgress("demo story", 1, 5));
        await parts.Sales.RecordAsync(teams, customers, now, ct);
        await parts.Coupons.SeedAsync(customers, storeOfGuide, now, ct);
        await parts.Partners.SeedAsync(ct);
        progress?.Report(new SeedProgress("demo story", 2, 5));

        await parts.Tagging.DefineAsync(ct);
        await parts.Tagging.RunTaggingAsync(ct);
        await parts.Tagging.TagByGuidesAsync(customers, storeOfGuide, ct);
        await parts.Tagging.SaveSegmentsAsync(ct);
        await parts.GuideTasks.SeedAsync(ct);
        progress?.Report(new SeedProgress("demo story", 3, 5));

        await parts.Sales.StartTransferAsync(teams, customers, clock.GetUtcNow().UtcDateTime, ct);
        await DemoJobs.RunAsync(jobs, "coupon-expiry", ct);
        progress?.Report(new SeedProgress("demo story", 4, 5));
        await DemoJobs.RunAsync(jobs, "points-release", ct);
        progress?.Report(new SeedProgress("demo story", 5, 5));
    }

    /// <summary>Every store's guides, and the members the story may cast, lowest ids first: mini-program members with a phone.</summary>
    private async Task<(List<DemoStoreTeam>, Queue<long>)> CastAsync(CancellationToken ct)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var guides = await db.Guides.AsNoTracking().Where(g => g.Status == Guides.GuideStatus.Active).OrderBy(g => g.Id).ToListAsync(ct);
        var stores = await db.Stores.AsNoTracking().OrderBy(s => s.Id).Select(s => new { s.Id, s.Code }).ToListAsync(ct);
        var teams = stores.Select(s => new DemoStoreTeam(s.Id, s.Code, guides.Where(g => g.StoreId == s.Id).ToList())).Where(t => t.Guides.Count > 0).ToList();
        var candidates = await db.Members.AsNoTracking()
            .Where(m => m.Status == MemberStatus.Active && m.Phone != null && !m.AddedGuideOnWeCom)
            .Where(m => m.Identities.Any(i => i.Channel == IdentityChannel.WechatUnionid))
            .Where(m => !db.GuideRelationships.Any(r => r.MemberId == m.Id))
            .OrderBy(m => m.Id).Select(m => m.Id).Take(teams.Count * 12).ToListAsync(ct);
        return (teams, new Queue<long>(candidates));
    }
}
