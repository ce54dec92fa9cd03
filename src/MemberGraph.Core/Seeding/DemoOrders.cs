using System.Data.Common;
using MemberGraph.Data;
using MemberGraph.Members;
using MemberGraph.Points;
using MemberGraph.Tiers;
using Microsoft.EntityFrameworkCore;

namespace MemberGraph.Seeding;

/// <summary>
/// Seeds orders for the demo members that have none yet (months of history across channels, fruit-chain
/// categories), with their points lots, ledger entries, accounts, tiers and tier changes, in the same bulk pass:
/// batched multi-row inserts per 5,000 members, then the accounts and tiers derived from those rows by set-based SQL,
/// so the invariants (balance = available lots = ledger) hold by construction.
/// </summary>
public sealed class DemoOrders(IDbContextFactory<MemberGraphDb> factory, EarnRules rules, TierLadder ladder, ILogger<DemoOrders> logger)
{
    private const int Batch = 5_000;

    public async Task SeedAsync(DateTime now, IProgress<SeedProgress>? progress, CancellationToken cancellationToken)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var stores = await StoresAsync(db, cancellationToken);
        var first = (await db.Orders.MaxAsync(o => (long?)o.MemberId, cancellationToken) ?? 0) + 1;
        var last = await db.Members.MaxAsync(m => (long?)m.Id, cancellationToken) ?? 0;
        if (stores.Count == 0 || first > last)
        {
            return;
        }

        var history = new DemoOrderHistory(rules, now, stores);
        history.StartIds(await MaxAsync(db.Orders.Select(o => o.Id)), await MaxAsync(db.OrderLines.Select(l => l.Id)), await MaxAsync(db.OrderRefunds.Select(r => r.Id)),
            await MaxAsync(db.OrderRefundLines.Select(l => l.Id)), await MaxAsync(db.PointsLots.Select(l => l.Id)));
        var entryId = await MaxAsync(db.PointsEntries.Select(e => e.Id));

        var connection = db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync(cancellationToken);
        var isSqlServer = db.Engine == DatabaseKind.SqlServer;
        await SeedPragmas.BulkAsync(connection, isSqlServer, cancellationToken);
        var writer = new DemoOrderWriter(connection, isSqlServer);
        var random = new Random(DemoSeeder.RandomSeed + 3);
        long orders = 0;
        for (var start = first; start <= last; start += Batch)
        {
            var end = Math.Min(last, start + Batch - 1);
            var buyers = await BuyersAsync(db, start, end, cancellationToken);
            await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
            writer.Enlist(transaction);
            foreach (var buyer in buyers)
            {
                var generated = history.Generate(random, buyer);
                foreach (var entry in generated.Entries)
                {
                    entry.Id = ++entryId;
                }

                await writer.WriteAsync(generated, cancellationToken);
                orders += generated.Orders.Count;
            }

            await writer.FlushAsync(cancellationToken);
            await DeriveAccountsAndTiersAsync(connection, transaction, writer, start, end, now, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            progress?.Report(new SeedProgress("orders and points", end - first + 1, last - first + 1));
        }

        await SeedPragmas.RestoreAsync(connection, isSqlServer, cancellationToken);
        logger.LogInformation("Seeded {Orders} demo orders for members {First} to {Last}", orders, first, last);
    }

    private static async Task<long> MaxAsync(IQueryable<long> ids) => await ids.MaxAsync(id => (long?)id) ?? 0;

    private static async Task<List<DemoStore>> StoresAsync(MemberGraphDb db, CancellationToken cancellationToken)
    {
        var guides = (await db.Guides.AsNoTracking().OrderBy(g => g.Id).Select(g => new { g.Id, g.StoreId, g.GuideCode }).ToListAsync(cancellationToken))
            .ToLookup(g => g.StoreId, g => (g.Id, g.GuideCode));
        return (await db.Stores.AsNoTracking().OrderBy(s => s.Id).Select(s => new { s.Id, s.Code }).ToListAsync(cancellationToken))
            .ConvertAll(s => new DemoStore(s.Id, s.Code, guides[s.Id].ToList()));
    }

    private static async Task<List<DemoBuyer>> BuyersAsync(MemberGraphDb db, long start, long end, CancellationToken cancellationToken)
    {
        var identities = (await db.Identities.AsNoTracking().Where(i => i.MemberId >= start && i.MemberId <= end)
                .OrderBy(i => i.Id).Select(i => new { i.MemberId, i.Channel, i.ExternalId }).ToListAsync(cancellationToken))
            .ToLookup(i => i.MemberId);
        return (await db.Members.AsNoTracking().Where(m => m.Id >= start && m.Id <= end && m.Status == MemberStatus.Active)
                .OrderBy(m => m.Id).Select(m => new { m.Id, m.CreatedAt, m.Birthday }).ToListAsync(cancellationToken))
            .ConvertAll(m => new DemoBuyer(m.Id, m.CreatedAt, m.Birthday,
                identities[m.Id].GroupBy(i => i.Channel).ToDictionary(g => g.Key, g => g.First().ExternalId)));
    }

    /// <summary>
    /// Accounts from the lots (balance = available remaining, pending = pending remaining) and tiers from the orders'
    /// growth in the window, for the batch's members, in SQL both providers speak; a tier change row per level reached.
    /// </summary>
    private async Task DeriveAccountsAndTiersAsync(DbConnection connection, DbTransaction transaction, DemoOrderWriter writer, long start, long end, DateTime now, CancellationToken cancellationToken)
    {
        var levels = string.Join(" ", Enumerable.Range(1, ladder.Top).Reverse().Select(level => $"WHEN g.\"Growth\" >= {ladder.NextThreshold(level - 1)} THEN {level}"));
        var sql = $"""
            INSERT INTO "PointsAccounts" ("MemberId", "Balance", "Pending", "Version", "UpdatedAt")
            SELECT l."MemberId",
                   SUM(CASE WHEN l."Status" = 'Available' THEN l."Remaining" ELSE 0 END),
                   SUM(CASE WHEN l."Status" = 'Pending' THEN l."Remaining" ELSE 0 END), 0, @now
            FROM "PointsLots" l
            WHERE l."MemberId" BETWEEN @start AND @end
              AND NOT EXISTS (SELECT 1 FROM "PointsAccounts" a WHERE a."MemberId" = l."MemberId")
            GROUP BY l."MemberId";

            INSERT INTO "MemberTiers" ("MemberId", "Level", "Since", "RecomputedAt")
            SELECT g."MemberId", CASE {levels} ELSE 0 END, @now, @now
            FROM (SELECT o."MemberId", SUM(CASE WHEN o."PaidAt" >= @since THEN o."PaidAmountCents" - o."RefundedAmountCents" ELSE 0 END) AS "Growth"
                  FROM "Orders" o
                  WHERE o."MemberId" BETWEEN @start AND @end
                    AND NOT EXISTS (SELECT 1 FROM "MemberTiers" t WHERE t."MemberId" = o."MemberId")
                  GROUP BY o."MemberId") g;

            INSERT INTO "TierChanges" ("MemberId", "FromLevel", "ToLevel", "Growth", "Reason", "OrderId", "At")
            SELECT t."MemberId", 0, t."Level",
                   (SELECT SUM(o."PaidAmountCents" - o."RefundedAmountCents") FROM "Orders" o WHERE o."MemberId" = t."MemberId" AND o."PaidAt" >= @since),
                   'Seed', NULL, @now
            FROM "MemberTiers" t
            WHERE t."MemberId" BETWEEN @start AND @end AND t."Level" > 0 AND t."Since" = @now;
            """;
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        Add(command, "@now", writer.Value(now));
        Add(command, "@since", writer.Value(ladder.WindowStart(now)));
        Add(command, "@start", start);
        Add(command, "@end", end);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static void Add(DbCommand command, string name, object value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value;
        command.Parameters.Add(parameter);
    }
}
