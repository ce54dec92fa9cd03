using GraphQL;
using GraphQL.Types;
using MemberGraph.Auth;
using MemberGraph.GraphQL;
using MemberGraph.GraphQL.Authorization;
using MemberGraph.GraphQL.DataLoaders;
using MemberGraph.Members;
using Microsoft.EntityFrameworkCore;

namespace MemberGraph.Privacy.Erasure;

/// <summary><c>Member.erasureRequest</c>: the member themselves (the mini-program shows the countdown and a cancel button) and admins.</summary>
public sealed class ErasureMemberFields : IMemberFields
{
    public void AddTo(MemberType member) =>
        member.Field<ErasureRequestType>("erasureRequest")
            .Description("The member's pending erasure request; null when there is none (the member and admins; anyone else is " +
                         "AUTH_NOT_AUTHORIZED).")
            .Authorize(Roles.Member, Roles.Admin)
            .ResolveAsync(async ctx =>
            {
                if (!ctx.Caller().Is(Roles.Admin) && !await MemberSelf.IsSelfAsync(ctx, ctx.Source.Id))
                {
                    throw GraphQLRequestError.NotAuthorized("see another person's erasure request");
                }

                return ctx.PendingErasureByMember().Load(ctx.Source.Id);
            });
}

public static class ErasureDataLoaders
{
    /// <summary>The pending request of each member of the level (at most one each): one query.</summary>
    public static BatchLoader<long, ErasureRequest?> PendingErasureByMember(this IResolveFieldContext context)
    {
        var loaderDb = context.Service<LoaderDb>();
        return context.Context().Loaders.GetOrAdd<long, ErasureRequest?>("PendingErasureByMember", () => new((ids, ct) =>
            loaderDb.ReadAsync<IReadOnlyDictionary<long, ErasureRequest?>>(async db =>
                await db.ErasureRequests.AsNoTracking().WhereKeyIn(r => r.MemberId, ids).Where(r => r.Status == ErasureStatus.Pending)
                    .ToDictionaryAsync(r => r.MemberId, r => (ErasureRequest?)r, ct), ct), null));
    }
}
