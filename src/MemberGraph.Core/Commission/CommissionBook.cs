using MemberGraph.Data;
using Microsoft.EntityFrameworkCore;

namespace MemberGraph.Commission;

/// <summary>A change to a guide's totals: net movement (counts for today and the month), and per bucket.</summary>
public sealed record TotalsDelta(long MovementCents, long PendingCents, long SettledCents, long ClawedBackCents);

/// <summary>
/// The guide totals read model, always inside the caller's transaction. Each change is one atomic UPDATE whose
/// right-hand sides read the row as it is when the statement runs, so concurrent orders for one guide add up exactly;
/// a new business day or month restarts its counter in the same statement.
/// </summary>
public sealed class CommissionBook(CommissionRules rules, TimeProvider clock)
{
    /// <summary>Creates the guide's totals row when it does not exist yet (saved at once; a racing insert fails on the key and the unit of work retries).</summary>
    public async Task EnsureAsync(MemberGraphDb db, long guideId, CancellationToken cancellationToken)
    {
        if (!await db.GuideCommissionTotals.AnyAsync(t => t.GuideId == guideId, cancellationToken))
        {
            var now = clock.GetUtcNow().UtcDateTime;
            var row = new GuideCommissionTotals { GuideId = guideId, Day = rules.BusinessDay(now), Month = rules.BusinessMonth(now), UpdatedAt = now };
            db.GuideCommissionTotals.Add(row);
            await db.SaveChangesAsync(cancellationToken);
            db.Entry(row).State = EntityState.Detached;
        }
    }

    /// <summary>Moves the guide's totals and answers them as the move left them.</summary>
    public async Task<CommissionTotals> ApplyAsync(MemberGraphDb db, long guideId, TotalsDelta delta, CancellationToken cancellationToken) =>
        await TryApplyAsync(db, guideId, delta, cancellationToken) ?? throw new InvalidOperationException($"Commission totals of guide {guideId} are missing.");

    /// <summary>
    /// Adds earnings, creating the totals row with the guide's first commission, and answers the totals as they now stand. Every
    /// guide who earned before has the row, so the update is tried first: one statement in the usual case instead of a lookup,
    /// an update and a read.
    /// </summary>
    public async Task<CommissionTotals> EarnAsync(MemberGraphDb db, long guideId, TotalsDelta delta, CancellationToken cancellationToken)
    {
        if (await TryApplyAsync(db, guideId, delta, cancellationToken) is { } totals)
        {
            return totals;
        }

        await EnsureAsync(db, guideId, cancellationToken);
        return await ApplyAsync(db, guideId, delta, cancellationToken);
    }

    /// <summary>
    /// One UPDATE that answers the row it left (RETURNING; OUTPUT on SQL Server) instead of a read after it. Right-hand sides
    /// read the row as it was before this statement, on every engine. Null when the guide has no totals row yet.
    /// </summary>
    private async Task<CommissionTotals?> TryApplyAsync(MemberGraphDb db, long guideId, TotalsDelta delta, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        object?[] values = [rules.BusinessDay(now), delta.MovementCents, rules.BusinessMonth(now), delta.PendingCents, delta.SettledCents,
            delta.ClawedBackCents, now, guideId];
        return await Applied.FirstOrDefaultAsync(db, values, cancellationToken) is { } row ? View(guideId, row) : null;
    }

    // Run for every attributed order, so it skips EF's LINQ pipeline (see SqlRead).
    private static readonly SqlRead<GuideCommissionTotals> Applied = new(sql => $"""
        UPDATE "GuideCommissionTotals"
        SET "TodayCents" = CASE WHEN "Day" = @day THEN "TodayCents" + @movement ELSE @movement END, "Day" = @day,
            "MonthCents" = CASE WHEN "Month" = @month THEN "MonthCents" + @movement ELSE @movement END, "Month" = @month,
            "PendingCents" = "PendingCents" + @pending, "SettledCents" = "SettledCents" + @settled,
            "ClawedBackCents" = "ClawedBackCents" + @clawed, "UpdatedAt" = @now
        {sql.OutputInserted} WHERE "GuideId" = @guideId {sql.Returning}
        """,
        row => row.Entity<GuideCommissionTotals>(),
        SqlArg.Like<GuideCommissionTotals>("day", nameof(GuideCommissionTotals.Day)), SqlArg.Of<long>("movement"),
        SqlArg.Like<GuideCommissionTotals>("month", nameof(GuideCommissionTotals.Month)), SqlArg.Of<long>("pending"), SqlArg.Of<long>("settled"),
        SqlArg.Of<long>("clawed"), SqlArg.Like<GuideCommissionTotals>("now", nameof(GuideCommissionTotals.UpdatedAt)), SqlArg.Of<long>("guideId"));

    /// <summary>The guide's totals as of now (today and month read as 0 when their period is over).</summary>
    public async Task<CommissionTotals> ReadAsync(MemberGraphDb db, long guideId, CancellationToken cancellationToken)
    {
        var row = await db.GuideCommissionTotals.AsNoTracking().FirstOrDefaultAsync(t => t.GuideId == guideId, cancellationToken);
        return View(guideId, row);
    }

    public CommissionTotals View(long guideId, GuideCommissionTotals? row)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        if (row is null)
        {
            return new CommissionTotals(guideId, 0, 0, 0, 0, 0);
        }

        return new CommissionTotals(guideId,
            row.Day == rules.BusinessDay(now) ? row.TodayCents : 0,
            row.Month == rules.BusinessMonth(now) ? row.MonthCents : 0,
            row.PendingCents, row.SettledCents, row.ClawedBackCents);
    }
}

/// <summary>A guide's commission as shown: today, this month (business calendar), pending, settled, clawed back; cents.</summary>
public sealed record CommissionTotals(long GuideId, long Today, long Month, long Pending, long Settled, long ClawedBack)
{
    /// <summary>These totals before a movement of <paramref name="delta"/> (for events of earlier lines of one order).</summary>
    public CommissionTotals Before(TotalsDelta delta) =>
        this with
        {
            Today = Today - delta.MovementCents,
            Month = Month - delta.MovementCents,
            Pending = Pending - delta.PendingCents,
            Settled = Settled - delta.SettledCents,
            ClawedBack = ClawedBack - delta.ClawedBackCents,
        };
}
