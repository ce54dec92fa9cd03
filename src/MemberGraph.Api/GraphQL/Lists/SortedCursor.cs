using System.Globalization;
using System.Text;
using System.Text.Json;

namespace MemberGraph.GraphQL.Lists;

/// <summary>
/// The cursor of a page sorted by <c>order</c>: base64 of <c>sorted:</c>, the order's signature, <c>;</c> and a JSON array of
/// the row's sort key values and its id (<c>sorted:spendCents.DESC;[128000,42]</c>). Instants are ISO 8601 in UTC. As with
/// id cursors (<see cref="Relay.Cursor"/>), only the exact text this API writes decodes: a cursor edited by hand, or given
/// under another order, is refused rather than read as a position nobody gave out.
/// </summary>
internal static class SortedCursor
{
    private const string Prefix = "sorted:";

    /// <summary>Longer than any cursor of our keys (a guide's name is the longest value a cursor carries).</summary>
    private const int MaxLength = 2048;

    public static string Encode(string signature, IReadOnlyList<object> keys, long id)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartArray();
            foreach (var key in keys)
            {
                switch (key)
                {
                    case long number:
                        json.WriteNumberValue(number);
                        break;
                    case int number:
                        json.WriteNumberValue(number);
                        break;
                    case DateTime instant:
                        json.WriteStringValue(Utc(instant).ToString("O", CultureInfo.InvariantCulture));
                        break;
                    case string words:
                        json.WriteStringValue(words);
                        break;
                    default:
                        throw new InvalidOperationException($"A sort key of type {key?.GetType().Name ?? "null"} cannot go into a cursor.");
                }
            }

            json.WriteNumberValue(id);
            json.WriteEndArray();
        }

        var text = Prefix + signature + ";" + Encoding.UTF8.GetString(buffer.ToArray());
        return Convert.ToBase64String(Encoding.UTF8.GetBytes(text));
    }

    /// <summary>The position of a cursor this API wrote for <paramref name="order"/>, else null.</summary>
    public static ListPosition? Decode<TRow>(string cursor, ListOrder<TRow> order)
    {
        if (cursor.Length is 0 or > MaxLength || Text(cursor) is not { } text || !text.StartsWith(Prefix, StringComparison.Ordinal))
        {
            return null;
        }

        var separator = text.IndexOf(';', StringComparison.Ordinal);
        if (separator < 0 || text[Prefix.Length..separator] != order.Signature)
        {
            return null;
        }

        try
        {
            using var json = JsonDocument.Parse(text[(separator + 1)..]);
            var values = json.RootElement;
            if (values.ValueKind != JsonValueKind.Array || values.GetArrayLength() != order.Terms.Count + 1)
            {
                return null;
            }

            var keys = new List<object>();
            for (var i = 0; i < order.Terms.Count; i++)
            {
                if (Read(values[i], order.Terms[i].Key.Type) is not { } key)
                {
                    return null;
                }

                keys.Add(key);
            }

            if (!values[order.Terms.Count].TryGetInt64(out var id) || id < 0)
            {
                return null;
            }

            return Encode(order.Signature, keys, id) == cursor ? new ListPosition(keys, id) : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static string? Text(string cursor)
    {
        try
        {
            return new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(Convert.FromBase64String(cursor));
        }
        catch (Exception ex) when (ex is FormatException or DecoderFallbackException)
        {
            return null;
        }
    }

    private static object? Read(JsonElement value, Type type)
    {
        if (type == typeof(long))
        {
            return value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out var number) ? number : null;
        }

        if (type == typeof(int))
        {
            return value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var number) ? number : null;
        }

        if (value.ValueKind != JsonValueKind.String)
        {
            return null;
        }

        if (type == typeof(DateTime))
        {
            return DateTime.TryParseExact(value.GetString(), "O", CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var instant)
                   && instant.Kind == DateTimeKind.Utc
                ? instant
                : null;
        }

        return type == typeof(string) ? value.GetString() : null;
    }

    /// <summary>Times come back from the database marked UTC; a computed one (a MAX over orders) may come back unmarked, and is UTC too.</summary>
    private static DateTime Utc(DateTime instant) => instant.Kind == DateTimeKind.Unspecified ? DateTime.SpecifyKind(instant, DateTimeKind.Utc) : instant.ToUniversalTime();
}
