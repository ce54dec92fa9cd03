using GraphQL;
using MemberGraph.Auth;
using MemberGraph.GraphQL;
using MemberGraph.GraphQL.Authorization;

namespace MemberGraph.Stores;

/// <summary><c>myStore</c>: the store a staff token works for, so a till can show where it is signed in.</summary>
public sealed class MyStoreQuery : IQueryFields
{
    public void AddTo(QueryType query)
    {
        query.Field<StoreType>("myStore")
            .Description("The store of the signed-in store staff (the store of their token): the till shows it and writes off, records " +
                         "and refunds for it. Null when the token names a store that does not exist.")
            .Authorize(Roles.Staff)
            .Resolve(ctx => ctx.Caller().StoreId is { } store ? ctx.StoreById().Load(store) : null);
    }
}
