using GraphQL.Types;
using MemberGraph.Domain;
using MemberGraph.GraphQL.Authorization;

namespace MemberGraph.GraphQL;

/// <summary>The domain's <see cref="UserErrorCode"/> as a schema enum: its values are the enum's names, in the enum's order.</summary>
public sealed class UserErrorCodeType : EnumerationGraphType<UserErrorCode>
{
    public UserErrorCodeType()
    {
        Name = "UserErrorCode";
        Description = "Why a mutation refused: clients switch on these codes.";
    }
}

public sealed class UserErrorType : ObjectGraphType<UserError>
{
    public UserErrorType()
    {
        Name = "UserError";
        Description = "A business refusal: the mutation ran and said no, changing nothing.";
        this.ReadableBy(FieldAuthorization.ConfinedRoles.ToArray());
        Field(e => e.Code, type: typeof(NonNullGraphType<UserErrorCodeType>)).Description("Machine-readable reason.");
        Field(e => e.Message).Description("Explanation for people.");
        Field(e => e.Field, nullable: true).Description("The input field the error concerns, when there is one.");
    }
}
