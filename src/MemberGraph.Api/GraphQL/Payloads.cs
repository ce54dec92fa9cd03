using GraphQL.Types;
using MemberGraph.Domain;

namespace MemberGraph.GraphQL;

/// <summary>A mutation's answer: the changed objects (feature-specific) and the business refusals.</summary>
public interface IPayload
{
    IReadOnlyList<UserError> Errors { get; }
}

/// <summary>Base of every <c>...Payload</c> type: adds the <c>errors</c> field.</summary>
public abstract class PayloadGraphType<TPayload> : ObjectGraphType<TPayload>
    where TPayload : IPayload
{
    protected PayloadGraphType()
    {
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<UserErrorType>>>>("errors")
            .Description("Why the mutation refused; empty when it succeeded.")
            .Resolve(ctx => ctx.Source.Errors);
    }
}
