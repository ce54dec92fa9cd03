using System.Text.Json;

namespace MemberGraph.Realtime;

/// <summary>
/// Turns domain events into JSON envelopes for the Redis backplane and back. Event types are found once by
/// scanning the assembly for <see cref="DomainEvent"/> records, so a feature's new event needs no registration.
/// </summary>
public sealed class DomainEventSerializer
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private readonly Dictionary<string, Type> _types = typeof(DomainEvent).Assembly.GetTypes()
        .Where(t => t is { IsAbstract: false } && typeof(DomainEvent).IsAssignableFrom(t))
        .ToDictionary(t => t.Name, StringComparer.Ordinal);

    /// <summary>An envelope naming the event's type, the instance that raised it and the event's own id (for de-duplication).</summary>
    public string Serialize(DomainEvent domainEvent, string origin, string id) =>
        JsonSerializer.Serialize(new Envelope(domainEvent.GetType().Name, origin, JsonSerializer.SerializeToElement(domainEvent, domainEvent.GetType(), Json), id), Json);

    /// <summary>Reads an envelope; null when it is not one of ours (unknown type or malformed).</summary>
    public (DomainEvent Event, string Origin, string Id)? Deserialize(string message)
    {
        try
        {
            var envelope = JsonSerializer.Deserialize<Envelope>(message, Json);
            if (envelope is null || !_types.TryGetValue(envelope.Type, out var type))
            {
                return null;
            }

            return envelope.Payload.Deserialize(type, Json) is DomainEvent domainEvent ? (domainEvent, envelope.Origin, envelope.Id ?? "") : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private sealed record Envelope(string Type, string Origin, JsonElement Payload, string? Id);
}
