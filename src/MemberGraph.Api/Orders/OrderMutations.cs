using GraphQL;
using GraphQL.Types;
using MemberGraph.Auth;
using MemberGraph.Domain;
using MemberGraph.GraphQL;
using MemberGraph.GraphQL.Authorization;

namespace MemberGraph.Orders;

public sealed class OrderMutations : IMutationFields
{
    public void AddTo(MutationType mutation)
    {
        mutation.Field<NonNullGraphType<RecordOrderPayloadType>>("recordOrder")
            .Description("Records a paid order from any channel (staff: own store only; channel integrations; admin). The buyer is the member given " +
                         "(member code or id) and/or the one the identities resolve to through OneID. Idempotent on (channel, channelOrderId); " +
                         "other content under the same id is ORDER_CONFLICT.")
            .Argument<NonNullGraphType<RecordOrderInputType>>("input")
            .Authorize(Roles.Staff, Roles.Admin, Roles.Ingestion)
            .ResolveAsync(async ctx =>
            {
                var input = ctx.GetArgument<RecordOrderInput>("input");
                var outcome = await ctx.Service<OrderService>().RecordAsync(ToCommand(input), ctx.Caller(), ctx.CancellationToken);
                return new RecordOrderPayload(outcome.Value?.Order, outcome.Value?.Replayed ?? false, outcome.Error is null ? [] : [outcome.Error]);
            });

        mutation.Field<NonNullGraphType<RefundOrderPayloadType>>("refundOrder")
            .Description("Refunds an order fully, by lines or by amount, taking back its points in proportion (staff: own store's orders only). Idempotent by refundId.")
            .Argument<NonNullGraphType<RefundOrderInputType>>("input")
            .Authorize(Roles.Staff, Roles.Admin, Roles.Ingestion)
            .ResolveAsync(async ctx =>
            {
                var input = ctx.GetArgument<RefundOrderInput>("input");
                long? orderId = null;
                if (input.OrderId is not null)
                {
                    orderId = GlobalId.TryDecode(input.OrderId, "Order") ?? throw GraphQLRequestError.BadInput($"'{input.OrderId}' is not an order id.");
                }

                var command = new RefundOrderCommand(orderId, input.Channel, input.ChannelOrderId, input.RefundId,
                    input.Lines?.ConvertAll(l => new RefundLineRequest(l.LineNumber, l.Quantity)), input.AmountCents, input.Reason);
                var outcome = await ctx.Service<RefundService>().RefundAsync(command, ctx.Caller(), ctx.CancellationToken);
                return new RefundOrderPayload(outcome.Value?.Order, outcome.Value?.Refund, outcome.Value?.Replayed ?? false, outcome.Error is null ? [] : [outcome.Error]);
            });
    }

    private static RecordOrderCommand ToCommand(RecordOrderInput input)
    {
        long? storeId = null;
        if (input.StoreId is not null)
        {
            storeId = GlobalId.TryDecode(input.StoreId, "Store") ?? throw GraphQLRequestError.BadInput($"'{input.StoreId}' is not a store id.");
        }

        var paidAt = input.PaidAt.Kind switch
        {
            DateTimeKind.Utc => input.PaidAt,
            DateTimeKind.Local => input.PaidAt.ToUniversalTime(),
            _ => DateTime.SpecifyKind(input.PaidAt, DateTimeKind.Utc),
        };
        return new RecordOrderCommand(input.Channel, input.ChannelOrderId.Trim(),
            (input.Identities ?? []).ConvertAll(i => new OrderIdentity(i.Channel, i.ExternalId.Trim())),
            storeId, NullIfBlank(input.GuideCode), NullIfBlank(input.ShareParameter),
            input.Lines.ConvertAll(l => new RecordOrderLine(l.Sku.Trim(), l.Category, l.Quantity, l.AmountCents)),
            input.PaidAmountCents, paidAt, ToReference(input.Member));
    }

    private static OrderMemberReference? ToReference(OrderMemberInput? member)
    {
        if (member is null)
        {
            return null;
        }

        long? memberId = null;
        if (member.Id is not null)
        {
            memberId = GlobalId.TryDecode(member.Id, "Member") ?? throw GraphQLRequestError.BadInput($"'{member.Id}' is not a member id.");
        }

        return new OrderMemberReference(member.MemberCode?.Trim(), memberId);
    }

    private static string? NullIfBlank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
