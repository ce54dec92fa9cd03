using GraphQL.Types;
using MemberGraph.Domain;
using MemberGraph.Guides;
using MemberGraph.Stores;

namespace MemberGraph.Kpis;

/// <summary>The fields every KPI type shares: the period, the order figures, the member base, repeat purchase and guide sales.</summary>
internal static class KpiFields
{
    public static void AddPeriod<T>(ObjectGraphType<T> type, Func<T, KpiPeriod> period)
    {
        // The Date scalar serialises a DateTime; only its date is written.
        type.Field<NonNullGraphType<DateGraphType>>("from").Description("First business day (China time) of the period, included.")
            .Resolve(ctx => period(ctx.Source).From.ToDateTime(TimeOnly.MinValue));
        type.Field<NonNullGraphType<DateGraphType>>("to").Description("Last business day (China time) of the period, included.")
            .Resolve(ctx => period(ctx.Source).To.ToDateTime(TimeOnly.MinValue));
    }

    public static void AddOrders<T>(ObjectGraphType<T> type, Func<T, OrderFigures> orders, string whose)
    {
        type.Field<NonNullGraphType<IntGraphType>>("orders").Description($"{whose} paid in the period, refunded or not.")
            .Resolve(ctx => orders(ctx.Source).Orders);
        type.Field<NonNullGraphType<IntGraphType>>("memberOrders")
            .Description("Of those, orders whose buyer was a registered member when paying (every order has a buyer record; one not registered yet does not count).")
            .Resolve(ctx => orders(ctx.Source).MemberOrders);
        type.Field<FloatGraphType>("identificationRate").Description("会员识别率: memberOrders / orders, 0 to 1 (4 decimals); null without orders.")
            .Resolve(ctx => orders(ctx.Source).IdentificationRate.Rate);
    }

    public static void AddMemberBase<T>(ObjectGraphType<T> type, Func<T, MemberBaseFigures> members, string whose)
    {
        type.Field<NonNullGraphType<IntGraphType>>("members")
            .Description($"Active members whose exclusive guide is {whose}, now (erased and merged members never count).")
            .Resolve(ctx => members(ctx.Source).Members);
        type.Field<NonNullGraphType<IntGraphType>>("newMembers").Description("Of `members`, those who registered (bound a phone) in the period.")
            .Resolve(ctx => members(ctx.Source).NewMembers);
        type.Field<NonNullGraphType<IntGraphType>>("newCustomers")
            .Description($"Active members whose exclusive relationship with {whose} began in the period other than by a transfer, ended since or not.")
            .Resolve(ctx => members(ctx.Source).NewCustomers);
        type.Field<NonNullGraphType<IntGraphType>>("weComAdded")
            .Description($"Of `members`, those with an open WeCom contact with {whose} (added on WeCom, or transferred with the contact).")
            .Resolve(ctx => members(ctx.Source).WeComAdded);
        type.Field<FloatGraphType>("weComAddRate").Description("加V率: weComAdded / members (4 decimals); null without members.")
            .Resolve(ctx => members(ctx.Source).WeComAddRate.Rate);
        type.Field<NonNullGraphType<IntGraphType>>("reachableMembers")
            .Description("可触达: of `members`, those reachable by at least one channel: that WeCom contact, a standing guide-outreach consent, " +
                         "or a subscribe-message acceptance not used yet.")
            .Resolve(ctx => members(ctx.Source).Reachable);
        type.Field<FloatGraphType>("reachableRate").Description("reachableMembers / members (4 decimals); null without members.")
            .Resolve(ctx => members(ctx.Source).ReachableRate.Rate);
    }

    public static void AddRepeatPurchase<T>(ObjectGraphType<T> type, Func<T, RepeatPurchaseFigures> repeat)
    {
        type.Field<NonNullGraphType<IntGraphType>>("buyers")
            .Description("Members (not erased) with at least one member order in the period that was not fully refunded.")
            .Resolve(ctx => repeat(ctx.Source).Buyers);
        type.Field<NonNullGraphType<IntGraphType>>("repeatBuyers").Description("Of `buyers`, those with at least two such orders.")
            .Resolve(ctx => repeat(ctx.Source).RepeatBuyers);
        type.Field<FloatGraphType>("repeatPurchaseRate").Description("复购率: repeatBuyers / buyers (4 decimals); null without buyers.")
            .Resolve(ctx => repeat(ctx.Source).RepeatPurchaseRate.Rate);
    }

    public static void AddGuideSales<T>(ObjectGraphType<T> type, Func<T, GuideSalesFigures> sales, string whose)
    {
        type.Field<NonNullGraphType<IntGraphType>>("attributedOrders")
            .Description($"Orders attributed to {whose} paid in the period, wherever the customer bought.")
            .Resolve(ctx => sales(ctx.Source).AttributedOrders);
        type.Field<NonNullGraphType<LongGraphType>>("attributedSalesCents")
            .Description("What those orders paid minus what was refunded of them, in cents.")
            .Resolve(ctx => sales(ctx.Source).AttributedSalesCents);
        type.Field<NonNullGraphType<LongGraphType>>("commissionCents")
            .Description($"Commission {whose} earned in the period (pending and settled), net of clawbacks, in cents.")
            .Resolve(ctx => sales(ctx.Source).CommissionCents);
    }

    public static void AddTasks<T>(ObjectGraphType<T> type, Func<T, TaskFigures> tasks, string whose)
    {
        type.Field<NonNullGraphType<IntGraphType>>("tasksAssigned")
            .Description($"Guide tasks assigned to {whose} and due in the period (by due date, whatever created them: a campaign, a journey).")
            .Resolve(ctx => tasks(ctx.Source).Assigned);
        type.Field<NonNullGraphType<IntGraphType>>("tasksDone").Description("Of `tasksAssigned`, those completed with an outcome, as of now.")
            .Resolve(ctx => tasks(ctx.Source).Done);
        type.Field<FloatGraphType>("taskCompletionRate").Description("tasksDone / tasksAssigned (4 decimals); null without tasks.")
            .Resolve(ctx => tasks(ctx.Source).CompletionRate.Rate);
    }
}

public sealed class StoreKpisType : ObjectGraphType<StoreKpis>
{
    public StoreKpisType()
    {
        Name = "StoreKpis";
        Description = "A store's KPIs over business days (China time): its own orders, the members it serves (their exclusive guide works " +
                      "there), repeat purchase at the store, and what its guides sold and earned. Member-base figures are as of now.";
        Field<StoreType>("store").Description("The store.").Resolve(ctx => ctx.StoreById().Load(ctx.Source.StoreId));
        KpiFields.AddPeriod(this, k => k.Period);
        KpiFields.AddOrders(this, k => k.Orders, "Orders sold by the store (till, and channels that name the store)");
        Field<NonNullGraphType<LongGraphType>>("salesCents").Description("What the store's orders paid minus what was refunded of them, in cents.")
            .Resolve(ctx => ctx.Source.Orders.SalesCents);
        KpiFields.AddMemberBase(this, k => k.MemberBase, "a guide of the store");
        KpiFields.AddRepeatPurchase(this, k => k.RepeatPurchase);
        KpiFields.AddGuideSales(this, k => k.GuideSales, "the store's guides (resigned ones included)");
        KpiFields.AddTasks(this, k => k.Tasks, "the store's guides");
    }
}

public sealed class GuideKpisType : ObjectGraphType<GuideKpis>
{
    public GuideKpisType()
    {
        Name = "GuideKpis";
        Description = "A guide's KPIs over business days (China time): the orders attributed to them, their exclusive customers, repeat " +
                      "purchase among the attributed orders, and their commission. Customer figures are as of now.";
        Field<GuideType>("guide").Description("The guide.").Resolve(ctx => ctx.GuideById().Load(ctx.Source.GuideId));
        KpiFields.AddPeriod(this, k => k.Period);
        KpiFields.AddOrders(this, k => k.AttributedOrders, "Orders attributed to the guide");
        KpiFields.AddMemberBase(this, k => k.Customers, "the guide");
        KpiFields.AddRepeatPurchase(this, k => k.RepeatPurchase);
        KpiFields.AddGuideSales(this, k => k.Sales, "the guide");
        KpiFields.AddTasks(this, k => k.Tasks, "the guide");
    }
}

public sealed class GuideRankingMetricType : EnumerationGraphType<GuideRankingMetric>
{
    public GuideRankingMetricType()
    {
        Name = "GuideRankingMetric";
        Description = "What guides are ranked by.";
    }
}

public sealed class GuideRankingEntryType : ObjectGraphType<GuideRankingEntry>
{
    public GuideRankingEntryType()
    {
        Name = "GuideRankingEntry";
        Description = "One guide's place in a store's ranking, with every figure the ranking can sort by.";
        Field(e => e.Rank).Description("1 + the number of guides with a strictly higher value: tied guides share a rank (listed by guide id).");
        Field<NonNullGraphType<GuideType>>("guide").Description("The guide.").Resolve(ctx => ctx.Source.Guide);
        Field<NonNullGraphType<LongGraphType>>("value").Description("The figure ranked by (cents for SALES and COMMISSION, a count for NEW_CUSTOMERS and TASKS_DONE).")
            .Resolve(ctx => ctx.Source.Value);
        Field<NonNullGraphType<LongGraphType>>("attributedSalesCents").Description("Paid minus refunded cents of the orders attributed to the guide in the period.")
            .Resolve(ctx => ctx.Source.Figures[GuideRankingMetric.Sales]);
        Field<NonNullGraphType<LongGraphType>>("commissionCents").Description("Commission earned in the period, net of clawbacks, in cents.")
            .Resolve(ctx => ctx.Source.Figures[GuideRankingMetric.Commission]);
        Field<NonNullGraphType<IntGraphType>>("newCustomers").Description("Customers won in the period (exclusive relationships begun other than by transfer).")
            .Resolve(ctx => (int)ctx.Source.Figures[GuideRankingMetric.NewCustomers]);
        Field<NonNullGraphType<IntGraphType>>("tasksDone").Description("Guide tasks due in the period that the guide completed.")
            .Resolve(ctx => (int)ctx.Source.Figures[GuideRankingMetric.TasksDone]);
    }
}
