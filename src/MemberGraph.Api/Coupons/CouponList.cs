using System.Linq.Expressions;
using GraphQL.Types;
using MemberGraph.Data;
using MemberGraph.GraphQL.Lists;
using Microsoft.EntityFrameworkCore;

namespace MemberGraph.Coupons;

/// <summary>The <c>where</c> of <c>Member.coupons</c>.</summary>
public sealed class CouponFilter
{
    public ChoiceFilter<CouponStatus>? Status { get; set; }
    public ChoiceFilter<CouponSource>? Source { get; set; }
    public RangeFilter<DateTime>? IssuedAt { get; set; }
    public RangeFilter<DateTime>? ValidUntil { get; set; }
}

/// <summary>The rows and sort keys of <c>Member.coupons</c>.</summary>
internal static class CouponList
{
    public static readonly SortCatalog<Coupon> Sorts = new(c => c.Id, SortDirection.Desc,
        SortKey<Coupon>.By("issuedAt", c => c.IssuedAt, "When it was issued."),
        SortKey<Coupon>.By("validUntil", c => c.ValidUntil, "When its window closes: ascending lists the coupons expiring soonest first."));

    // Held once: a lambda written in place is a new expression tree on every call, and every coupon list (the home query's
    // too) is filtered here, given conditions or not.
    private static readonly Expression<Func<Coupon, CouponSource>> SourceOf = c => c.Source;
    private static readonly Expression<Func<Coupon, DateTime>> IssuedAtOf = c => c.IssuedAt;
    private static readonly Expression<Func<Coupon, DateTime>> ValidUntilOf = c => c.ValidUntil;

    public static IQueryable<Coupon> Filtered(MemberGraphDb db, CouponFilter filter, DateTime now)
    {
        var coupons = db.Coupons.AsNoTracking();
        if (filter.Status is not null)
        {
            // Built only when asked for: it holds the request's now.
            coupons = coupons.Where("status", StatusAt(now), filter.Status);
        }

        return coupons
            .Where("source", SourceOf, filter.Source)
            .Where("issuedAt", IssuedAtOf, filter.IssuedAt)
            .Where("validUntil", ValidUntilOf, filter.ValidUntil);
    }

    /// <summary>
    /// The status members see (<see cref="Coupon.StatusAt"/>) in SQL: a coupon past its window counts as EXPIRED even before
    /// the expiry step has marked it, and no longer as AVAILABLE or RESERVED.
    /// </summary>
    private static Expression<Func<Coupon, CouponStatus>> StatusAt(DateTime now) => c =>
        (c.Status == CouponStatus.Available || c.Status == CouponStatus.Reserved) && c.ValidUntil <= now ? CouponStatus.Expired : c.Status;
}

public sealed class CouponFilterInputType : InputObjectGraphType<CouponFilter>
{
    public CouponFilterInputType()
    {
        Name = "CouponFilter";
        Description = "Conditions on Member.coupons; every given one must hold.";
        Field<CouponStatusFilterInputType>("status").Description("The status as the status field shows it (a coupon past its window is EXPIRED).");
        Field<CouponSourceFilterInputType>("source").Description("How the member got it.");
        Field<DateTimeFilterInputType>("issuedAt").Description("When it was issued.");
        Field<DateTimeFilterInputType>("validUntil").Description("When its window closes (exclusive): { lt: in three days } finds the ones to remind about.");
    }
}

public sealed class CouponStatusFilterInputType() : ChoiceFilterInputType<CouponStatus, CouponStatusType>("CouponStatusFilter", "a coupon's status");

public sealed class CouponSourceFilterInputType() : ChoiceFilterInputType<CouponSource, CouponSourceType>("CouponSourceFilter", "how a coupon was got");

public sealed class CouponSortInputType() : SortInputType<Coupon>("CouponSort", "Member.coupons", CouponList.Sorts);
