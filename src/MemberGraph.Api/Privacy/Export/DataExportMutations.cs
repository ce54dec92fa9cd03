using GraphQL.Types;
using MemberGraph.Auth;
using MemberGraph.GraphQL;
using MemberGraph.GraphQL.Authorization;

namespace MemberGraph.Privacy.Export;

/// <summary><c>exportMyData</c>: no input, since whose data and which data follow from the token alone.</summary>
public sealed class DataExportMutations : IMutationFields
{
    public void AddTo(MutationType mutation) =>
        mutation.Field<NonNullGraphType<ExportMyDataPayloadType>>("exportMyData")
            .Description("A complete machine-readable copy of the signed-in member's personal information and its processing (PIPL): " +
                         "profile, identities, orders, points ledger, coupons, tags, guide relationships, consents (marketing and " +
                         "partners, with their ledger and pairwise ids), erasure requests and the audit lines about the member, as one " +
                         "JSON file behind a short-lived signed link. The file is built at most once per business day (China time): " +
                         "asking again the same day answers a new link to that day's file. Audited.")
            .Authorize(Roles.Member)
            .ResolveAsync(async ctx => ExportMyDataPayload.From(
                await ctx.Service<DataExportService>().ExportAsync(ctx.Caller(), ctx.CancellationToken)));
}
