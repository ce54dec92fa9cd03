using System.Data.Common;
using System.Text.Json;
using MemberGraph.Auth;
using MemberGraph.Coupons;
using MemberGraph.Data;
using MemberGraph.Domain;
using MemberGraph.Members;
using MemberGraph.Realtime;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;

namespace MemberGraph.Benchmarks.WritePath.Claim;

/// <summary>
/// claimCoupon hand-written: the member's own claim, the writes of <c>CouponService.ClaimAsync</c> in one transaction on the
/// context's own connection — the conditional stock UPDATE first (it serialises claims of one template), the coupon inserted
/// only while the member holds fewer than the per-member limit, its Issued history entry, the audit line — and after the
/// commit the same <c>couponUpdated</c> event. Validity comes from the gateway's own <see cref="CouponTemplate.ValidityFor"/>.
/// Four commands: the joined template/member read, the stock UPDATE, the guarded INSERT ... RETURNING, then history and audit together.
/// </summary>
internal static class HandWrittenClaim
{
    public const string Path = "/bench/claimCoupon";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static void Map(IEndpointRouteBuilder app) => app.MapPost(Path, async (HttpContext http, IDbContextFactory<MemberGraphDb> factory,
        HandWrittenStatements statements, IEventBus bus, TimeProvider clock, CancellationToken cancellationToken) =>
    {
        var caller = Caller.From(http.User);
        if (caller is not { Role: Roles.Member, MemberId: { } memberId })
        {
            return Results.Unauthorized();
        }

        var input = (await JsonSerializer.DeserializeAsync<Body>(http.Request.Body, Json, cancellationToken))!.Input;
        if (GlobalId.TryDecode(input.TemplateId, "CouponTemplate") is not { } templateId)
        {
            return Answer(null, CouponErrors.TemplateNotFound());
        }

        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        await db.Database.OpenConnectionAsync(cancellationToken);
        var connection = db.Database.GetDbConnection();
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var sql = new Sql(connection, transaction, statements);
        var now = clock.GetUtcNow().UtcDateTime;
        var (template, memberActive) = await ReadAsync(sql, templateId, memberId, cancellationToken);
        if (template is null)
        {
            return Answer(null, CouponErrors.TemplateNotFound());
        }

        if (!memberActive)
        {
            return Results.Conflict("The hand-written floor claims for active members only (no merge hops).");
        }

        var refusal = !template.Claimable ? CouponErrors.NotClaimable("This coupon can't be claimed; it is sent by guides, exchanged for points or issued by campaigns.")
            : template.Status != CouponTemplateStatus.Active ? CouponErrors.NotClaimable("This coupon has been withdrawn.")
            : template.HasEnded(now) ? CouponErrors.TemplateEnded()
            : null;
        if (refusal is not null)
        {
            return Answer(null, refusal);
        }

        var taken = await sql.ExecuteAsync("""
            UPDATE "CouponTemplates" SET "Issued" = "Issued" + 1 WHERE "Id" = @template AND "Status" = 'Active' AND "Issued" < "TotalStock"
            """, cancellationToken, ("@template", templateId));
        if (taken == 0)
        {
            return Answer(null, CouponErrors.OutOfStock());
        }

        var (validFrom, validUntil) = template.ValidityFor(now);
        var couponId = await IssueAsync(sql, template, memberId, validFrom, validUntil, now, cancellationToken);
        if (couponId is null)
        {
            return Answer(null, CouponErrors.LimitReached(template.PerMemberLimit));
        }

        // The history entry and the audit line in one command, as the gateway sends them at its commit.
        await sql.ExecuteAsync("""
            INSERT INTO "CouponHistory" ("CouponId", "Event", "At") VALUES (@coupon, @event, @now);
            INSERT INTO "AuditEntries" ("Subject", "Role", "Operation", "Target", "Detail", "At") VALUES (@subject, @role, 'claimCoupon', @target, @detail, @now)
            """, cancellationToken, ("@coupon", couponId), ("@event", CouponHistoryEvent.Issued.ToString()), ("@now", now),
            ("@subject", caller.Subject), ("@role", caller.Role), ("@target", $"Coupon:{couponId}"),
            ("@detail", $"template {template.Id} '{template.Name}' to member {memberId} ({CouponSource.Claim})"));
        await transaction.CommitAsync(cancellationToken);
        await bus.PublishAsync(new CouponChanged(memberId, couponId.Value, template.Id, CouponChange.Issued, CouponStatus.Available, validUntil, now), CancellationToken.None);
        return Answer((couponId.Value, CouponStatus.Available), null);
    });

    /// <summary>The template and whether the member is active, in one read.</summary>
    private static async Task<(CouponTemplate? Template, bool MemberActive)> ReadAsync(Sql sql, long templateId, long memberId, CancellationToken cancellationToken)
    {
        await using var command = sql.Command("""
            SELECT t."Name", t."Claimable", t."Status", t."ValidFrom", t."ValidUntil", t."ValidDaysAfterIssue", t."PerMemberLimit",
                   (SELECT m."Status" FROM "Members" m WHERE m."Id" = @member)
            FROM "CouponTemplates" t WHERE t."Id" = @template
            """, ("@template", templateId), ("@member", memberId));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
        {
            return (null, false);
        }

        var template = new CouponTemplate
        {
            Id = templateId,
            Name = reader.GetString(0),
            Claimable = reader.GetBoolean(1),
            Status = Enum.Parse<CouponTemplateStatus>(reader.GetString(2)),
            ValidFrom = reader.IsDBNull(3) ? null : reader.GetDateTime(3),
            ValidUntil = reader.IsDBNull(4) ? null : reader.GetDateTime(4),
            ValidDaysAfterIssue = reader.IsDBNull(5) ? null : reader.GetInt32(5),
            PerMemberLimit = reader.GetInt32(6),
        };
        return (template, !reader.IsDBNull(7) && reader.GetString(7) == nameof(MemberStatus.Active));
    }

    /// <summary>The coupon, inserted only while the member holds fewer than the template's limit; null when the limit is reached.</summary>
    private static async Task<long?> IssueAsync(Sql sql, CouponTemplate template, long memberId, DateTime validFrom, DateTime validUntil, DateTime now,
        CancellationToken cancellationToken)
    {
        await using var command = sql.Command("""
            INSERT INTO "Coupons" ("TemplateId", "MemberId", "Code", "Status", "Source", "IssuedAt", "ValidFrom", "ValidUntil")
            SELECT @template, @member, @code, @status, @source, @now, @from, @until
            WHERE (SELECT COUNT(*) FROM "Coupons" WHERE "TemplateId" = @template AND "MemberId" = @member) < @limit
            RETURNING "Id"
            """, ("@template", template.Id), ("@member", memberId), ("@code", CouponCode.NewCode()), ("@status", CouponStatus.Available.ToString()),
            ("@source", CouponSource.Claim.ToString()), ("@now", now), ("@from", validFrom), ("@until", validUntil), ("@limit", template.PerMemberLimit));
        return await command.ExecuteScalarAsync(cancellationToken) is { } id and not DBNull ? Convert.ToInt64(id) : null;
    }

    private static IResult Answer((long Id, CouponStatus Status)? coupon, UserError? error) => Results.Json(new
    {
        data = new
        {
            claimCoupon = new
            {
                coupon = coupon is { } c ? new { id = GlobalId.Encode("Coupon", c.Id), status = ConstantCase.Of(c.Status) } : null,
                errors = error is null ? Array.Empty<object>() : [new { code = ConstantCase.Of(error.Code), error.Message, error.Field }],
            },
        },
    });

    private sealed record Body(Input Input);

    private sealed record Input(string TemplateId);
}
