using System.Text.Json;
using MemberGraph.Auth;
using MemberGraph.Data;
using MemberGraph.Domain;
using MemberGraph.Orders;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;

namespace MemberGraph.Benchmarks.WritePath.Refund;

/// <summary>
/// refundOrder hand-written as a minimal API endpoint: the mutation's input JSON, the same roles and checks
/// (<see cref="OrderValidation"/>, channel scope, staff at their own store), <see cref="RefundWrites"/> in one transaction on
/// the context's own connection, and the mutation's answer shape. Like <c>RefundService</c>, it starts again (up to three
/// times) when another writer changed what it read; the next attempt then replays a refund that committed in parallel.
/// </summary>
internal static class HandWrittenRefund
{
    public const string Path = "/bench/refundOrder";

    private const int Attempts = 3;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static void Map(IEndpointRouteBuilder app) => app.MapPost(Path, async (HttpContext http, IDbContextFactory<MemberGraphDb> factory, RefundWrites writes,
        HandWrittenStatements statements, CancellationToken cancellationToken) =>
    {
        var caller = Caller.From(http.User);
        if (caller.Role is not (Roles.Staff or Roles.Admin or Roles.Ingestion))
        {
            return Results.Unauthorized();
        }

        var input = (await JsonSerializer.DeserializeAsync<Body>(http.Request.Body, Json, cancellationToken))!.Input;
        if (input.ToCommand() is not { } command)
        {
            return Answer(new RefundWrites.Refused(new UserError(UserErrorCode.InvalidInput, $"'{input.OrderId}' is not an order id.", "orderId")));
        }

        if (OrderValidation.Check(command) is { } invalid)
        {
            return Answer(new RefundWrites.Refused(invalid));
        }

        if (command.Channel is { } named && !ChannelScope.Covers(caller, named))
        {
            return Results.Forbid();
        }

        for (var attempt = 1; ; attempt++)
        {
            await using var db = await factory.CreateDbContextAsync(cancellationToken);
            await db.Database.OpenConnectionAsync(cancellationToken);
            var connection = db.Database.GetDbConnection();
            await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
            var result = await writes.RefundAsync(new Sql(connection, transaction, statements), command, caller, () => transaction.CommitAsync(cancellationToken),
                cancellationToken);
            if (result is RefundWrites.Retry && attempt < Attempts)
            {
                await transaction.RollbackAsync(cancellationToken);
                continue;
            }

            return result switch
            {
                RefundWrites.Forbidden => Results.Forbid(),
                RefundWrites.NotCovered notCovered => Results.Conflict(notCovered.Why),
                RefundWrites.Retry => Results.Conflict("Other writers kept changing the order."),
                _ => Answer(result),
            };
        }
    });

    private static IResult Answer(RefundWrites.Result result) => Results.Json(new
    {
        data = new
        {
            refundOrder = new
            {
                order = result is RefundWrites.Refunded refunded ? new { id = GlobalId.Encode("Order", refunded.OrderId), status = ConstantCase.Of(refunded.Status) } : null,
                replayed = result is RefundWrites.Refunded { Replayed: true },
                errors = result is RefundWrites.Refused { Error: var error } ? [new { code = ConstantCase.Of(error.Code), error.Message, error.Field }] : Array.Empty<object>(),
            },
        },
    });

    private sealed record Body(Input Input);

    private sealed record Input(string? OrderId, string? Channel, string? ChannelOrderId, string RefundId, List<LineInput>? Lines, long? AmountCents, string? Reason)
    {
        /// <summary>The command, or null when the order id is not one.</summary>
        public RefundOrderCommand? ToCommand()
        {
            long? orderId = null;
            if (OrderId is not null && (orderId = GlobalId.TryDecode(OrderId, "Order")) is null)
            {
                return null;
            }

            return new RefundOrderCommand(orderId, Channel is null ? null : HandWrittenOrder.Enum<SalesChannel>(Channel), ChannelOrderId, RefundId,
                Lines?.ConvertAll(l => new RefundLineRequest(l.LineNumber, l.Quantity)), AmountCents, Reason);
        }
    }

    private sealed record LineInput(int LineNumber, int? Quantity);
}
