using GraphQL.Types;
using MemberGraph.Domain;
using MemberGraph.GraphQL;
using MemberGraph.Members;

namespace MemberGraph.Privacy.Erasure;

public sealed class ErasureStatusType : EnumerationGraphType<ErasureStatus>
{
    public ErasureStatusType()
    {
        Name = "ErasureStatus";
        Description = "Where an erasure request stands.";
    }
}

public sealed class ErasureRequesterType : EnumerationGraphType<ErasureRequester>
{
    public ErasureRequesterType()
    {
        Name = "ErasureRequester";
        Description = "Who asked for an erasure.";
    }
}

public sealed class ErasureRequestType : ObjectGraphType<ErasureRequest>
{
    public ErasureRequestType()
    {
        Name = "ErasureRequest";
        Description = "A request to erase a member (注销, PIPL): pending through the cooling-off period until dueAt and cancellable until " +
                      "then; afterwards the privacy-erasure job anonymises the member (name, phone, birthday, identities, home location, " +
                      "WeCom ids, tags, guide relationships and consents gone) and keeps orders, points, coupons and commission as " +
                      "anonymous financial records.";
        Field<NonNullGraphType<IdGraphType>>("id").Description("Global, opaque id.").Resolve(ctx => GlobalId.Encode("ErasureRequest", ctx.Source.Id));
        Field<NonNullGraphType<MemberType>>("member")
            .Description("The member it is about; once completed, the anonymous record orders and coupons still point at (status ERASED).")
            .Resolve(ctx => ctx.MemberById().Load(ctx.Source.MemberId));
        Field<NonNullGraphType<ErasureStatusType>>("status").Description("Pending, cancelled or completed.").Resolve(ctx => ctx.Source.Status);
        Field<NonNullGraphType<ErasureRequesterType>>("requestedBy").Description("The member, or an admin on the member's behalf.")
            .Resolve(ctx => ctx.Source.RequestedByRole);
        Field(r => r.RequestedAt).Description("When it was asked for (UTC).");
        Field(r => r.DueAt).Description("The end of the cooling-off period (UTC): cancellable before, erased at the job's next run after.");
        Field(r => r.CancelledAt, nullable: true).Description("When it was cancelled (UTC); null unless CANCELLED.");
        Field(r => r.CompletedAt, nullable: true).Description("When the member was erased (UTC); null unless COMPLETED.");
    }
}

public sealed class ErasureInput
{
    public string? MemberId { get; set; }
}

public sealed class RequestErasureInputType : InputObjectGraphType<ErasureInput>
{
    public RequestErasureInputType()
    {
        Name = "RequestErasureInput";
        Description = "Whose erasure: a member leaves it out (or names themselves); an admin names the member.";
        Field<IdGraphType>("memberId").Description("The member to erase: required for admins; a member may only name themselves.");
    }
}

public sealed class CancelErasureInputType : InputObjectGraphType<ErasureInput>
{
    public CancelErasureInputType()
    {
        Name = "CancelErasureInput";
        Description = "Whose erasure to cancel: a member leaves it out (or names themselves); an admin names the member.";
        Field<IdGraphType>("memberId").Description("The member: required for admins; a member may only name themselves.");
    }
}

public sealed record ErasurePayload(ErasureRequest? Request, IReadOnlyList<UserError> Errors) : IPayload
{
    public static ErasurePayload From(Outcome<ErasureRequest> outcome) => new(outcome.Value, outcome.Error is null ? [] : [outcome.Error]);
}

public abstract class ErasurePayloadType : PayloadGraphType<ErasurePayload>
{
    protected ErasurePayloadType(string name, string description)
    {
        Name = name;
        Description = description;
        Field<ErasureRequestType>("erasureRequest").Description("The request; null when refused.").Resolve(ctx => ctx.Source.Request);
    }
}

public sealed class RequestErasurePayloadType() : ErasurePayloadType(
    "RequestErasurePayload", "The pending erasure request (the one already pending when asked again), or why not.");

public sealed class CancelErasurePayloadType() : ErasurePayloadType(
    "CancelErasurePayload", "The cancelled erasure request, or why not (NOT_FOUND: nothing pending; COOLING_OFF_ENDED: too late).");
