using MemberGraph.Domain;

namespace MemberGraph.Privacy.Erasure;

/// <summary>The refusals of <c>requestErasure</c> and <c>cancelErasure</c>.</summary>
public static class ErasureErrors
{
    public static UserError MemberNotFound() =>
        new(UserErrorCode.NotFound, "There is no such member, or it no longer exists (merged away or erased).", "memberId");

    public static UserError MemberIdRequired() =>
        new(UserErrorCode.InvalidInput, "An admin names the member to erase (memberId).", "memberId");

    public static UserError NothingPending() =>
        new(UserErrorCode.NotFound, "This member has no pending erasure request to cancel.");

    public static UserError CoolingOffEnded(DateTime dueAt) =>
        new(UserErrorCode.CoolingOffEnded,
            $"The cooling-off period ended at {dueAt:yyyy-MM-dd'T'HH:mm:ss'Z'}: the erasure can no longer be cancelled.");
}
