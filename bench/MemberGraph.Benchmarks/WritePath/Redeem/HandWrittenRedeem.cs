using System.Text.Json;
using MemberGraph.Auth;
using MemberGraph.Coupons;
using MemberGraph.Data;
using MemberGraph.Domain;
using MemberGraph.Realtime;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;

namespace MemberGraph.Benchmarks.WritePath.Redeem;

/// <summary>
/// redeemCoupon hand-written for store staff at their own till (the floor does not take admins): the checks and writes of
/// <c>CouponWriteOffService.RedeemAsync</c> in one transaction on the context's own connection — the gateway's own
/// <c>CouponRules</c> and <see cref="CouponTemplate.DiscountFor"/>, the same-write-off replay, the conditional UPDATE
/// (of parallel write-offs exactly one changes the row), the Redeemed history entry, the audit line — and after the commit
/// the same <c>couponUpdated</c> event. Three commands: the joined coupon/template/store read, the UPDATE ... RETURNING,
/// then history and audit together.
/// </summary>
internal static class HandWrittenRedeem
{
    public const string Path = "/bench/redeemCoupon";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static void Map(IEndpointRouteBuilder app) => app.MapPost(Path, async (HttpContext http, IDbContextFactory<MemberGraphDb> factory,
        HandWrittenStatements statements, IEventBus bus, TimeProvider clock, CancellationToken cancellationToken) =>
    {
        var caller = Caller.From(http.User);
        if (caller is not { Role: Roles.Staff, StoreId: { } storeId })
        {
            return Results.Unauthorized();
        }

        var input = (await JsonSerializer.DeserializeAsync<Body>(http.Request.Body, Json, cancellationToken))!.Input;
        if ((input.StoreId is not null && GlobalId.TryDecode(input.StoreId, "Store") != storeId) || input.Channel is not (null or "POS"))
        {
            return Results.Forbid();
        }

        var invalid = CouponRules.CheckOrderRef(input.OrderRef)
                      ?? (input.OrderAmountCents > 0 ? null : CouponErrors.Invalid("The order amount must be more than 0 cents.", "orderAmountCents"));
        if (invalid is not null)
        {
            return Answer(null, false, invalid);
        }

        if (CouponCode.Normalize(input.Code) is not { } code)
        {
            return Answer(null, false, CouponErrors.CouponNotFound("code"));
        }

        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        await db.Database.OpenConnectionAsync(cancellationToken);
        var connection = db.Database.GetDbConnection();
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var sql = new Sql(connection, transaction, statements);
        var use = new CouponUse(input.OrderRef, storeId, CouponChannel.Pos, input.OrderAmountCents);
        if (await WriteOffRead.ReadAsync(sql, code, storeId, cancellationToken) is not { } found)
        {
            return Answer(null, false, CouponErrors.CouponNotFound("code"));
        }

        var (coupon, template, storeExists) = found;
        if (IsWriteOff(coupon, use))
        {
            return Answer(coupon.Id, true, null);
        }

        var now = clock.GetUtcNow().UtcDateTime;
        if ((CouponRules.CheckState(coupon, now, use.OrderRef) ?? CouponRules.CheckOrder(template, storeId, use.Channel, use.OrderAmountCents)) is { } refused)
        {
            return Answer(null, false, refused);
        }

        if (!storeExists)
        {
            return Answer(null, false, new UserError(UserErrorCode.NotFound, "There is no such store.", "storeId"));
        }

        var amount = input.OrderAmountCents;
        var discount = template.DiscountFor(amount);
        if (!await WriteOffAsync(sql, coupon.Id, use, amount, discount, now, cancellationToken))
        {
            // A parallel request wrote it off first: the same write-off is a replay, another one a refusal.
            var (current, _, _) = (await WriteOffRead.ReadAsync(sql, code, storeId, cancellationToken))!.Value;
            return IsWriteOff(current, use)
                ? Answer(current.Id, true, null)
                : Answer(null, false, CouponRules.CheckState(current, now, use.OrderRef) ?? CouponErrors.AlreadyRedeemed());
        }

        // The history entry and the audit line in one command, as the gateway sends them at its commit.
        await sql.ExecuteAsync("""
            INSERT INTO "CouponHistory" ("CouponId", "Event", "At", "StoreId", "OrderRef", "OrderAmountCents", "DiscountCents")
            VALUES (@coupon, @event, @now, @store, @order, @amount, @discount);
            INSERT INTO "AuditEntries" ("Subject", "Role", "Operation", "Target", "Detail", "At") VALUES (@subject, @role, 'redeemCoupon', @target, @detail, @now)
            """, cancellationToken, ("@coupon", coupon.Id), ("@event", CouponHistoryEvent.Redeemed.ToString()), ("@now", now), ("@store", storeId),
            ("@order", use.OrderRef), ("@amount", amount), ("@discount", discount),
            ("@subject", caller.Subject), ("@role", caller.Role), ("@target", $"Coupon:{coupon.Id}"),
            ("@detail", $"written off for order {use.OrderRef} at store {storeId}: {amount} cents, {discount} off"));
        await transaction.CommitAsync(cancellationToken);
        await bus.PublishAsync(new CouponChanged(coupon.MemberId, coupon.Id, coupon.TemplateId, CouponChange.Redeemed, CouponStatus.Redeemed, coupon.ValidUntil, now),
            CancellationToken.None);
        return Answer(coupon.Id, false, null);
    });

    /// <summary>The service's conditional UPDATE: only an available coupon (or one reserved for this order) inside its window.</summary>
    private static async Task<bool> WriteOffAsync(Sql sql, long couponId, CouponUse use, long amount, long discount, DateTime now, CancellationToken cancellationToken) =>
        await sql.ExecuteAsync("""
            UPDATE "Coupons" SET "Status" = @redeemed, "RedeemedAt" = @now, "RedeemedStoreId" = @store, "RedeemedOrderRef" = @order,
                "RedeemedOrderAmountCents" = @amount, "RedeemedDiscountCents" = @discount
            WHERE "Id" = @coupon AND "ValidFrom" <= @now AND "ValidUntil" > @now
              AND ("Status" = @available OR ("Status" = @reserved AND "ReservedForOrderRef" = @order))
            """, cancellationToken, ("@redeemed", CouponStatus.Redeemed.ToString()), ("@now", now), ("@store", use.StoreId), ("@order", use.OrderRef),
            ("@amount", amount), ("@discount", discount), ("@coupon", couponId), ("@available", CouponStatus.Available.ToString()),
            ("@reserved", CouponStatus.Reserved.ToString())) == 1;

    private static bool IsWriteOff(Coupon coupon, CouponUse use) =>
        coupon.Status == CouponStatus.Redeemed && coupon.RedeemedOrderRef == use.OrderRef
        && coupon.RedeemedStoreId == use.StoreId && coupon.RedeemedOrderAmountCents == use.OrderAmountCents;

    private static IResult Answer(long? couponId, bool replayed, UserError? error) => Results.Json(new
    {
        data = new
        {
            redeemCoupon = new
            {
                coupon = couponId is { } id ? new { id = GlobalId.Encode("Coupon", id), status = ConstantCase.Of(CouponStatus.Redeemed) } : null,
                replayed,
                errors = error is null ? Array.Empty<object>() : [new { code = ConstantCase.Of(error.Code), error.Message, error.Field }],
            },
        },
    });

    private sealed record Body(Input Input);

    private sealed record Input(string Code, string OrderRef, long OrderAmountCents, string? StoreId, string? Channel);
}
