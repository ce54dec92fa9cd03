using MemberGraph.Realtime;

namespace MemberGraph.Guides.Tasks;

/// <summary>
/// New open tasks for a guide (published after commit to "guide:{id}"): one event per guide and campaign batch, or per
/// task created alone. <see cref="TaskId"/> is set when the event is about one task.
/// </summary>
public sealed record GuideTasksAssigned(long GuideId, long? CampaignId, long? TaskId, GuideTaskKind Kind, int Count, DateTime OccurredAt)
    : IntegrationEvent($"guide:{GuideId}", OccurredAt);
