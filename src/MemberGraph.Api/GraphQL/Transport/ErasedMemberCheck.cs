using GraphQL.Transport;
using GraphQLParser.AST;
using MemberGraph.Auth;
using MemberGraph.GraphQL.DataLoaders;
using MemberGraph.Members;

namespace MemberGraph.GraphQL.Transport;

/// <summary>
/// Applies <see cref="ErasedMemberTokens"/> to a request's member token before it executes: the token of an erased member
/// stands for nobody (README "Privacy (PIPL)"), so its bearer executes as anonymous and reads and writes nothing of theirs.
/// <para>
/// Where the check reads decides how many pooled connections a request opens, and opening one costs more than the reads
/// of a small query. A query reads on the request's loader connection (<see cref="LoaderDb"/>): the connection the check
/// opens is the one its loaders read on afterwards. A mutation or a subscription checks on a short context of its own,
/// closed before anything runs: a mutation's service opens its own connection for its transaction, and one held by the
/// loaders meanwhile would make each parallel mutation hold two (200 parallel redemptions ran a PostgreSQL pool dry).
/// A text not cached yet is not known to be a query without parsing it, so it takes the mutation's way (once per text).
/// </para>
/// </summary>
public sealed class ErasedMemberCheck(ErasedMemberTokens erasedTokens, DocumentCache documents)
{
    /// <summary>The caller the request executes as: anonymous when the member token names an erased member, else unchanged.</summary>
    public async Task<Caller> CallerAsync(Caller caller, GraphQLRequest request, IServiceProvider services, CancellationToken cancellationToken)
    {
        if (caller is not { Role: Roles.Member, MemberId: { } memberId })
        {
            return caller;
        }

        var erased = IsQuery(request)
            ? await services.GetRequiredService<LoaderDb>().ReadAsync(db => erasedTokens.IsErasedAsync(db, memberId, cancellationToken), cancellationToken)
            : await erasedTokens.IsErasedAsync(memberId, cancellationToken);
        return erased ? Caller.Anonymous : caller;
    }

    private bool IsQuery(GraphQLRequest request) =>
        request.Query is { } query && documents.CachedOperationType(query, request.OperationName) == OperationType.Query;
}
