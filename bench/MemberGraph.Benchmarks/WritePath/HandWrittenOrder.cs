using System.Text.Json;
using MemberGraph.Auth;
using MemberGraph.Data;
using MemberGraph.Domain;
using MemberGraph.Members;
using MemberGraph.Orders;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;

namespace MemberGraph.Benchmarks.WritePath;

/// <summary>
/// recordOrder hand-written as a minimal API endpoint: the same input JSON as the mutation's variables, the same
/// authorization and shape checks, <see cref="OrderWrites"/> in one transaction on the context's own connection, and the
/// mutation's answer shape. Mapped only by the benchmark, as the floor GraphQL is compared with.
/// </summary>
internal static class HandWrittenOrder
{
    public const string Path = "/bench/recordOrder";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static void Map(IEndpointRouteBuilder app) => app.MapPost(Path, async (HttpContext http, IDbContextFactory<MemberGraphDb> factory, OrderWrites writes,
        HandWrittenStatements statements, TimeProvider clock, CancellationToken cancellationToken) =>
    {
        var caller = Caller.From(http.User);
        if (caller.Role is not (Roles.Ingestion or Roles.Admin))
        {
            return Results.Unauthorized();
        }

        var input = (await JsonSerializer.DeserializeAsync<Body>(http.Request.Body, Json, cancellationToken))!.Input;
        var command = input.ToCommand();
        if (OrderValidation.Check(command, clock.GetUtcNow().UtcDateTime) is { } invalid)
        {
            return Answer(null, invalid);
        }

        if (!ChannelScope.Covers(caller, command.Channel))
        {
            return Results.Forbid();
        }

        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        await db.Database.OpenConnectionAsync(cancellationToken);
        var connection = db.Database.GetDbConnection();
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var recorded = await writes.RecordAsync(new Sql(connection, transaction, statements), command, caller, () => transaction.CommitAsync(cancellationToken), cancellationToken);
        return recorded is { } order
            ? Answer(order, null)
            : Results.Conflict("The hand-written floor records orders of returning members only.");
    });

    private static IResult Answer((long OrderId, long Points)? order, UserError? error) => Results.Json(new
    {
        data = new
        {
            recordOrder = new
            {
                order = order is { } o ? new { id = GlobalId.Encode("Order", o.OrderId), pointsEarned = o.Points } : null,
                replayed = false,
                errors = error is null ? Array.Empty<object>() : [new { code = ConstantCase.Of(error.Code), error.Message, error.Field }],
            },
        },
    });

    /// <summary>The command an order input (as <see cref="OrderScenario"/> makes it) stands for, for orders the bench records itself.</summary>
    public static RecordOrderCommand CommandOf(object input) => JsonSerializer.Deserialize<Input>(JsonSerializer.SerializeToUtf8Bytes(input), Json)!.ToCommand();

    private sealed record Body(Input Input);

    private sealed record Input(string Channel, string ChannelOrderId, List<IdentityInput>? Identities, string? StoreId, string? GuideCode, string? ShareParameter,
        List<LineInput> Lines, long PaidAmountCents, DateTime PaidAt)
    {
        public RecordOrderCommand ToCommand() => new(
            Enum<SalesChannel>(Channel), ChannelOrderId.Trim(),
            (Identities ?? []).ConvertAll(i => new OrderIdentity(Enum<IdentityChannel>(i.Channel), i.ExternalId.Trim())),
            StoreId is null ? null : GlobalId.TryDecode(StoreId, "Store"), GuideCode, ShareParameter,
            Lines.ConvertAll(l => new RecordOrderLine(l.Sku.Trim(), Enum<ProductCategory>(l.Category), l.Quantity, l.AmountCents)),
            PaidAmountCents, PaidAt.ToUniversalTime());
    }

    private sealed record IdentityInput(string Channel, string ExternalId);

    private sealed record LineInput(string Sku, string Category, int Quantity, long AmountCents);

    /// <summary>The schema's spelling of an enum value (POS_CARD) back to the value.</summary>
    internal static T Enum<T>(string constant) where T : struct, Enum => Constants<T>.ByName[constant];

    private static class Constants<T> where T : struct, Enum
    {
        public static readonly Dictionary<string, T> ByName = System.Enum.GetValues<T>().ToDictionary(v => ConstantCase.Of(v), StringComparer.Ordinal);
    }
}
