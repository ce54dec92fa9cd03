using MemberGraph.Data;
using MemberGraph.Members;
using MemberGraph.Segments;
using Microsoft.EntityFrameworkCore;

namespace MemberGraph.Operations.Journeys;

/// <summary>
/// Which of a batch of enrolled members a journey may act on now: active members (not merged, not erased) matching the
/// journey's condition — one SQL query per journey and batch (<c>WHERE id IN (...) AND &lt;segment predicate&gt;</c>).
/// A condition is compiled once per pass; one that no longer compiles (a tag retired since) matches nobody.
/// </summary>
public sealed class JourneyConditions(IDbContextFactory<MemberGraphDb> factory, SegmentService segments)
{
    public async Task<HashSet<long>> EligibleAsync(Journey journey, IReadOnlyCollection<long> memberIds, Dictionary<long, SegmentAudience?> compiled,
        CancellationToken cancellationToken)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        IQueryable<Member> members;
        if (await ExpressionOfAsync(db, journey, cancellationToken) is { } expression)
        {
            if (!compiled.TryGetValue(journey.Id, out var audience))
            {
                audience = (await segments.CompileAsync(expression, cancellationToken)).Audience;
                compiled[journey.Id] = audience;
            }

            if (audience is null)
            {
                return [];
            }

            members = audience.MembersIn(db);
        }
        else
        {
            members = db.Members.AsNoTracking().Where(m => m.Status == MemberStatus.Active);
        }

        var eligible = await members.Where(m => memberIds.Contains(m.Id)).Select(m => m.Id).ToListAsync(cancellationToken);
        return [.. eligible];
    }

    private static async Task<string?> ExpressionOfAsync(MemberGraphDb db, Journey journey, CancellationToken cancellationToken) =>
        journey.ConditionSegmentId is { } segmentId
            ? await db.Segments.Where(s => s.Id == segmentId).Select(s => s.Expression).FirstOrDefaultAsync(cancellationToken) ?? "\u0000"
            : journey.ConditionExpression;
}
