using GraphQL;
using GraphQL.Types;
using GraphQL.Types.Relay;
using MemberGraph.Data;
using MemberGraph.GraphQL;
using MemberGraph.GraphQL.Authorization;
using MemberGraph.GraphQL.Relay;
using Microsoft.EntityFrameworkCore;

namespace MemberGraph.Stores;

public sealed class StoreQueries : IQueryFields
{
    public void AddTo(QueryType query)
    {
        query.Field<NonNullGraphType<StoreConnectionType>>("stores")
            .Description("The chain's stores: nearest first when `near` is given, else by store code. Open to anyone, signed in or not " +
                         "(the mini-program shows the nearest store before sign-in).")
            .Argument<GeoPointInputType>("near", "Order by distance from this point and fill in `distanceMeters`.")
            .AllowAnonymous()
            .ResolveAsync(async ctx => await ListAsync(ctx))
            .FieldType.WithPagingArguments();
    }

    /// <summary>
    /// A chain has tens to a few thousand stores, so the whole (small, projected) table is read and ordered in memory:
    /// haversine distance needs no spatial index on either provider. Cursors are positions in that order.
    /// Past ~50 000 stores this should move to a bounding-box prefilter in SQL.
    /// </summary>
    private static async Task<object?> ListAsync(IResolveFieldContext ctx)
    {
        var page = PageRequest.From(ctx);
        var near = ctx.GetArgument<GeoPoint?>("near");
        if (near is { IsValid: false })
        {
            throw GraphQLRequestError.BadInput("'near' must have a latitude between -90 and 90 and a longitude between -180 and 180.");
        }

        await using var db = await ctx.Service<IDbContextFactory<MemberGraphDb>>().CreateDbContextAsync(ctx.CancellationToken);
        var stores = await db.Stores.AsNoTracking().ToListAsync(ctx.CancellationToken);
        var ordered = near is null
            ? stores.OrderBy(s => s.Code, StringComparer.Ordinal).ToList()
            : stores.OrderBy(near.DistanceMetersTo).ThenBy(s => s.Id).ToList();

        var skip = (int)Math.Min(page.After ?? 0, ordered.Count);
        var rows = ordered.Skip(skip).Take(page.First + 1).ToList();
        return Connections.Build(rows, page, store => skip + rows.IndexOf(store) + 1L, ordered.Count);
    }
}

public sealed class StoreConnectionType : ConnectionType<StoreType>
{
    public StoreConnectionType() => Description = "A page of stores.";
}
