using GraphQL.Types;
using MemberGraph.Auth;
using MemberGraph.GraphQL;
using MemberGraph.GraphQL.Authorization;
using MemberGraph.Realtime;

namespace MemberGraph.Guides.Tasks;

/// <summary><c>taskAssigned</c>: the signed-in guide's new tasks, and no one else's.</summary>
public sealed class GuideTaskSubscriptions : ISubscriptionFields
{
    public void AddTo(SubscriptionType subscription) =>
        subscription.Field<NonNullGraphType<TaskAssignmentType>>("taskAssigned")
            .Description("New open tasks for the signed-in guide: one event per campaign batch that gave them tasks, or per task created alone. Sent after commit.")
            .Authorize(Roles.Guide)
            .ResolveStream(ctx => SubscriberStreams.GuideEvents(ctx).OfType<GuideTasksAssigned>());
}
