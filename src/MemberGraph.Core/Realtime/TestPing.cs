namespace MemberGraph.Realtime;

/// <summary>A harmless event for checking the backplane end to end (operators can publish it to test delivery).</summary>
public sealed record TestPing(string Audience, DateTime OccurredAt, string Text) : IntegrationEvent(Audience, OccurredAt);
