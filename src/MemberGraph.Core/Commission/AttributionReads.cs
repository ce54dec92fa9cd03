using MemberGraph.Data;
using MemberGraph.Guides;
using Microsoft.EntityFrameworkCore;

namespace MemberGraph.Commission;

/// <summary>
/// The reads that credit an order and price its commission, compiled once per provider model: they run on every order (the guide
/// before its write turn, the store's code inside it), and EF would otherwise translate them again each time.
/// </summary>
public static class AttributionReads
{
    private static readonly CompiledPerModel<Func<MemberGraphDb, List<string>, IAsyncEnumerable<CandidateGuide>>> ActiveByCodes = new(() =>
        EF.CompileAsyncQuery((MemberGraphDb db, List<string> codes) => db.Guides.AsNoTracking()
            .Where(g => codes.Contains(g.GuideCode) && g.Status == GuideStatus.Active)
            .Select(g => new CandidateGuide(g.Id, g.StoreId, g.GuideCode))));

    private static readonly CompiledPerModel<Func<MemberGraphDb, long, CancellationToken, Task<CandidateGuide?>>> Exclusive = new(() =>
        EF.CompileAsyncQuery((MemberGraphDb db, long memberId, CancellationToken _) => db.GuideRelationships.AsNoTracking()
            .Where(r => r.MemberId == memberId && r.Kind == GuideRelationshipKind.Exclusive && r.EndedAt == null && r.Guide!.Status == GuideStatus.Active)
            .Select(r => new CandidateGuide(r.GuideId, r.Guide!.StoreId, r.Guide.GuideCode))
            .FirstOrDefault()));

    private static readonly CompiledPerModel<Func<MemberGraphDb, long, CancellationToken, Task<string?>>> StoreCode = new(() =>
        EF.CompileAsyncQuery((MemberGraphDb db, long storeId, CancellationToken _) =>
            db.Stores.Where(s => s.Id == storeId).Select(s => s.Code).FirstOrDefault()));

    /// <summary>The active guides among <paramref name="codes"/>.</summary>
    public static async Task<List<CandidateGuide>> ActiveGuidesAsync(MemberGraphDb db, List<string> codes, CancellationToken cancellationToken)
    {
        var guides = new List<CandidateGuide>(codes.Count);
        await foreach (var guide in ActiveByCodes.For(db)(db, codes).WithCancellation(cancellationToken))
        {
            guides.Add(guide);
        }

        return guides;
    }

    /// <summary>The member's open exclusive guide when that guide is active.</summary>
    public static Task<CandidateGuide?> ExclusiveGuideAsync(MemberGraphDb db, long memberId, CancellationToken cancellationToken) =>
        Exclusive.For(db)(db, memberId, cancellationToken);

    public static Task<string?> StoreCodeAsync(MemberGraphDb db, long storeId, CancellationToken cancellationToken) =>
        StoreCode.For(db)(db, storeId, cancellationToken);
}

/// <summary>A guide an order may be credited to, with their store.</summary>
public sealed record CandidateGuide(long Id, long StoreId, string GuideCode);
