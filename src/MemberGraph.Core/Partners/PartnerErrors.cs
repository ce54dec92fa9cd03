using MemberGraph.Domain;

namespace MemberGraph.Partners;

/// <summary>The business refusals of the partner mutations, worded once.</summary>
public static class PartnerErrors
{
    public static UserError PartnerNotFound(string field = "partnerId") =>
        new(UserErrorCode.NotFound, "There is no such partner.", field);

    public static UserError Suspended() =>
        new(UserErrorCode.PartnerSuspended, "This partner is suspended: nothing can be shared with it for now.", "partnerId");

    public static UserError NameTaken(string name) =>
        new(UserErrorCode.PartnerNameTaken, $"A partner named '{name}' is registered already.", "name");

    public static UserError NameInvalid() =>
        new(UserErrorCode.InvalidInput, "A partner name has 1 to 100 characters.", "name");

    public static UserError NoScopes() =>
        new(UserErrorCode.InvalidInput, "Give the partner at least one scope.", "scopes");

    public static UserError MemberNotActive() =>
        new(UserErrorCode.NotFound, "This member is no longer active.", null);
}
