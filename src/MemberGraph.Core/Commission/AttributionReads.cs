using MemberGraph.Data;
using MemberGraph.Guides;

namespace MemberGraph.Commission;

/// <summary>
/// The reads that credit an order and price its commission. They run on every order (the guide before its write turn, the store's
/// code inside it), so they skip EF's LINQ pipeline (see <see cref="SqlRead{TRow}"/>): a compiled query still binds its shaper to a
/// new closure on every run.
/// </summary>
public static class AttributionReads
{
    private static readonly SqlRead<CandidateGuide> ActiveByCodes = new(_ => """
        SELECT "Id", "StoreId", "GuideCode" FROM "Guides" WHERE "GuideCode" IN (@codes) AND "Status" = @active
        """,
        row => new CandidateGuide(row.Get<long>(0), row.Get<long>(1), row.Get<string>(2)),
        SqlArg.ListOf<string>("codes"), SqlArg.Like<Guide>("active", nameof(Guide.Status)));

    private static readonly SqlRead<CandidateGuide> Exclusive = new(sql => $"""
        SELECT {sql.Top(1)} r."GuideId", g."StoreId", g."GuideCode" FROM "GuideRelationships" r JOIN "Guides" g ON g."Id" = r."GuideId"
         WHERE r."MemberId" = @memberId AND r."Kind" = @exclusive AND r."EndedAt" IS NULL AND g."Status" = @active {sql.Limit(1)}
        """,
        row => new CandidateGuide(row.Get<long>(0), row.Get<long>(1), row.Get<string>(2)),
        SqlArg.Of<long>("memberId"), SqlArg.Like<GuideRelationship>("exclusive", nameof(GuideRelationship.Kind)),
        SqlArg.Like<Guide>("active", nameof(Guide.Status)));

    private static readonly SqlRead<string> StoreCode = new(sql => $"""
        SELECT {sql.Top(1)} "Code" FROM "Stores" WHERE "Id" = @storeId {sql.Limit(1)}
        """,
        row => row.Get<string>(0), SqlArg.Of<long>("storeId"));

    /// <summary>The active guides among <paramref name="codes"/>.</summary>
    public static Task<List<CandidateGuide>> ActiveGuidesAsync(MemberGraphDb db, List<string> codes, CancellationToken cancellationToken) =>
        codes.Count == 0 ? Task.FromResult(new List<CandidateGuide>()) : ActiveByCodes.ListAsync(db, [codes, GuideStatus.Active], cancellationToken);

    /// <summary>The member's open exclusive guide when that guide is active.</summary>
    public static Task<CandidateGuide?> ExclusiveGuideAsync(MemberGraphDb db, long memberId, CancellationToken cancellationToken) =>
        Exclusive.FirstOrDefaultAsync(db, [memberId, GuideRelationshipKind.Exclusive, GuideStatus.Active], cancellationToken);

    public static Task<string?> StoreCodeAsync(MemberGraphDb db, long storeId, CancellationToken cancellationToken) =>
        StoreCode.FirstOrDefaultAsync(db, [storeId], cancellationToken);
}

/// <summary>A guide an order may be credited to, with their store.</summary>
public sealed record CandidateGuide(long Id, long StoreId, string GuideCode);
