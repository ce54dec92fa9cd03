using System.Text.Json;

namespace MemberGraph.Realtime;

/// <summary>
/// Turns integration events into JSON envelopes for the Redis backplane and back. Event types are found once by
/// scanning the assembly for <see cref="IntegrationEvent"/> records, so a feature's new event needs no registration.
/// </summary>
public sealed class IntegrationEventSerializer
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private readonly Dictionary<string, Type> _types = typeof(IntegrationEvent).Assembly.GetTypes()
        .Where(t => t is { IsAbstract: false } && typeof(IntegrationEvent).IsAssignableFrom(t))
        .ToDictionary(t => t.Name, StringComparer.Ordinal);

    /// <summary>An envelope naming the event's type, the instance that raised it and the event's own id (for de-duplication).</summary>
    public string Serialize(IntegrationEvent integrationEvent, string origin, string id) =>
        JsonSerializer.Serialize(new Envelope(integrationEvent.GetType().Name, origin, JsonSerializer.SerializeToElement(integrationEvent, integrationEvent.GetType(), Json), id), Json);

    /// <summary>Reads an envelope; null when it is not one of ours (unknown type or malformed).</summary>
    public (IntegrationEvent Event, string Origin, string Id)? Deserialize(string message)
    {
        try
        {
            var envelope = JsonSerializer.Deserialize<Envelope>(message, Json);
            if (envelope is null || !_types.TryGetValue(envelope.Type, out var type))
            {
                return null;
            }

            return envelope.Payload.Deserialize(type, Json) is IntegrationEvent integrationEvent ? (integrationEvent, envelope.Origin, envelope.Id ?? "") : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private sealed record Envelope(string Type, string Origin, JsonElement Payload, string? Id);
}
