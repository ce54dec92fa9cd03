using MemberGraph.Data;
using MemberGraph.Kpis;
using Microsoft.EntityFrameworkCore;
using Xunit;

namespace MemberGraph.Core.Tests.Kpis;

/// <summary>
/// The KPIs' per-buyer statement sums expressions holding correlated subqueries. SQLite and PostgreSQL accept that; SQL Server
/// refuses an aggregate over a subquery, so EF Core must lift the subqueries out (OUTER APPLY). No SQL Server runs here:
/// this checks that the statement translates for the production providers and has that shape.
/// </summary>
public sealed class BuyerAggregatesTranslationTests
{
    private static readonly KpiPeriod November = KpiPeriod.Of(new DateOnly(2026, 11, 1), new DateOnly(2026, 11, 30));

    [Fact]
    public void On_SQL_Server_the_subqueries_are_lifted_out_of_the_aggregates()
    {
        // given
        using var db = new SqlServerDesignTimeFactory().CreateDbContext([]);

        // when
        var sql = BuyerAggregates.Totals(db, db.Orders.Where(o => o.StoreId == 7), November).ToQueryString();

        // then: the outer SELECT's sums and counts take plain columns, the CASEs with subqueries sit in OUTER APPLYs
        var aggregates = sql.Split('\n').First(line => line.StartsWith("SELECT", StringComparison.Ordinal));
        Assert.Contains("OUTER APPLY", sql, StringComparison.Ordinal);
        Assert.DoesNotContain("CASE", aggregates, StringComparison.Ordinal);
    }

    [Fact]
    public void On_PostgreSQL_the_statement_translates()
    {
        // given
        using var db = new PostgresDesignTimeFactory().CreateDbContext([]);

        // when
        var sql = BuyerAggregates.Totals(db, db.Orders.Where(o => o.AttributedGuideId == 7), November).ToQueryString();

        // then
        Assert.Contains("GROUP BY", sql, StringComparison.Ordinal);
    }
}
