using GraphQL;
using GraphQL.Types;
using MemberGraph.Auth;
using MemberGraph.Domain;
using MemberGraph.GraphQL;
using MemberGraph.GraphQL.Authorization;
using MemberGraph.GraphQL.Relay;

namespace MemberGraph.Audit;

public sealed class AuditQueries(AuditTrail trail) : IQueryFields
{
    public void AddTo(QueryType query) =>
        query.Field<NonNullGraphType<AuditEntryConnectionType>>("auditEntries")
            .Description("Admins: the audit log (changes) and the access log (reads of another person's personal information) as one " +
                         "list, newest first. Reads show up from the moment of asking.")
            .Argument<AuditEntryFilterInputType>("filter", "Conditions; every entry of both logs when left out.")
            .Authorize(Roles.Admin)
            .ResolveAsync(async ctx =>
            {
                var page = PageRequest.From(ctx);
                var found = await trail.ReadAsync(Filter(ctx), page.First + 1, page.After, ctx.WantsTotalCount(), ctx.CancellationToken)
                            ?? throw new GraphQLRequestError(ErrorCodes.InvalidCursor, "'after' names no entry (any more): start again from the first page.");
                return Connections.Build(found.Rows, page, r => r.Position, found.Total);
            })
            .FieldType.WithPagingArguments();

    private static AuditFilter Filter(IResolveFieldContext ctx)
    {
        var filter = ctx.GetArgument<Dictionary<string, object?>?>("filter") ?? [];
        long? memberId = null;
        if (filter.GetValueOrDefault("memberId") is string id)
        {
            memberId = GlobalId.TryDecode(id, "Member") ?? throw GraphQLRequestError.BadInput("'filter.memberId' is not a Member id.");
        }

        return new AuditFilter(
            memberId,
            filter.GetValueOrDefault("actor") as string,
            filter.GetValueOrDefault("operation") as string,
            Utc(filter.GetValueOrDefault("from")),
            Utc(filter.GetValueOrDefault("to")),
            filter.GetValueOrDefault("kind") as AuditKind?);
    }

    /// <summary>As recordOrder reads paidAt: a time without an offset is taken as UTC.</summary>
    private static DateTime? Utc(object? value) => value switch
    {
        DateTime { Kind: DateTimeKind.Local } time => time.ToUniversalTime(),
        DateTime time => DateTime.SpecifyKind(time, DateTimeKind.Utc),
        DateTimeOffset time => time.UtcDateTime,
        _ => null,
    };
}
