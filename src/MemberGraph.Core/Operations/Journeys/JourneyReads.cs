using MemberGraph.Data;
using Microsoft.EntityFrameworkCore;

namespace MemberGraph.Operations.Journeys;

/// <summary>
/// The reads a trigger makes inside the unit of work of every order (and registration, tier change, ...), compiled once per
/// provider model: on SQLite the unit of work holds the one write turn, so time spent translating them is every writer's wait.
/// </summary>
public static class JourneyReads
{
    private static readonly CompiledPerModel<Func<MemberGraphDb, JourneyTriggerKind, IAsyncEnumerable<Journey>>> Active = new(() =>
        EF.CompileAsyncQuery((MemberGraphDb db, JourneyTriggerKind trigger) =>
            db.Journeys.AsNoTracking().Where(j => j.TriggerKind == trigger && j.Status == JourneyStatus.Active)));

    private static readonly CompiledPerModel<Func<MemberGraphDb, long, CancellationToken, Task<int>>> Purchases = new(() =>
        EF.CompileAsyncQuery((MemberGraphDb db, long memberId, CancellationToken _) => db.Orders.Count(o => o.MemberId == memberId)));

    /// <summary>The active journeys of a trigger.</summary>
    public static async Task<List<Journey>> ActiveAsync(MemberGraphDb db, JourneyTriggerKind trigger, CancellationToken cancellationToken)
    {
        var journeys = new List<Journey>();
        await foreach (var journey in Active.For(db)(db, trigger).WithCancellation(cancellationToken))
        {
            journeys.Add(journey);
        }

        return journeys;
    }

    /// <summary>How many orders the member has, the one being recorded included once it is inserted.</summary>
    public static Task<int> PurchasesOfAsync(MemberGraphDb db, long memberId, CancellationToken cancellationToken) =>
        Purchases.For(db)(db, memberId, cancellationToken);
}
