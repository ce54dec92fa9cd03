using MemberGraph.Orders;
using Microsoft.Extensions.Options;

namespace MemberGraph.Commission;

/// <summary>What one order line earns: the rule that applied and the amount in cents.</summary>
public sealed record CommissionQuote(string Rule, int? RateBasisPoints, long AmountCents);

/// <summary>
/// The configured commission rules as pure functions, shared by the order transaction and the demo seed so both
/// write the same numbers. The base is the line's paid share (what the buyer paid for it after discounts).
/// </summary>
public sealed class CommissionRules(IOptions<CommissionOptions> options)
{
    private CommissionOptions Options => options.Value;

    public CrossStoreRule CrossStore => Options.CrossStore;

    /// <summary>Whether a rule is for one store: only then does the selling store's code decide a quote.</summary>
    public bool NamesStores => Options.Rules.Any(r => r.StoreCode is not null);

    public CommissionQuote QuoteFor(ProductCategory category, string? storeCode, long paidShareCents)
    {
        var rules = Options.Rules;
        var rule = rules.FirstOrDefault(r => r.Category == category && r.StoreCode is not null && r.StoreCode == storeCode)
                   ?? rules.FirstOrDefault(r => r.Category == category && r.StoreCode is null)
                   ?? rules.FirstOrDefault(r => r.Category is null && r.StoreCode is not null && r.StoreCode == storeCode);
        if (rule is null)
        {
            return Rate($"default {Options.DefaultRateBasisPoints}bp", Options.DefaultRateBasisPoints, paidShareCents);
        }

        var name = rule.Name is { Length: > 0 } given ? given : Describe(rule);
        if (rule.FixedCentsPerLine is { } fixedCents)
        {
            return new CommissionQuote(name, null, paidShareCents > 0 ? Math.Max(0, fixedCents) : 0);
        }

        return Rate(name, rule.RateBasisPoints ?? Options.DefaultRateBasisPoints, paidShareCents);
    }

    /// <summary>The business day (China time by default) an instant falls in.</summary>
    public DateOnly BusinessDay(DateTime utc) => DateOnly.FromDateTime(utc.AddHours(Options.BusinessUtcOffsetHours));

    /// <summary>Days a month waits after it ends before its commission is settled.</summary>
    public int SettleAfterDays => Math.Max(0, Options.SettleAfterDays);

    /// <summary>The first day of the business month an instant falls in.</summary>
    public DateOnly BusinessMonth(DateTime utc)
    {
        var day = BusinessDay(utc);
        return new DateOnly(day.Year, day.Month, 1);
    }

    /// <summary>The UTC instant a business day starts.</summary>
    public DateTime StartOf(DateOnly businessDay) =>
        DateTime.SpecifyKind(businessDay.ToDateTime(TimeOnly.MinValue).AddHours(-Options.BusinessUtcOffsetHours), DateTimeKind.Utc);

    private static CommissionQuote Rate(string name, int basisPoints, long paidShareCents) =>
        new(name, basisPoints, Math.Max(0, Allocation.Scale(paidShareCents, Math.Max(0, basisPoints), 10_000)));

    private static string Describe(CommissionRule rule)
    {
        var match = string.Join("@", new[] { rule.Category?.ToString(), rule.StoreCode }.Where(s => s is not null));
        return rule.FixedCentsPerLine is { } fixedCents ? $"{match} fixed {fixedCents}c" : $"{match} {rule.RateBasisPoints}bp";
    }
}
