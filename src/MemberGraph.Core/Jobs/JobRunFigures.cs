using System.Text.Json;

namespace MemberGraph.Jobs;

/// <summary>One figure of a run's summary: a name the job chose and a whole number.</summary>
public sealed record JobRunFigure(string Name, long Value);

/// <summary>
/// The numbers of a run's JSON summary as typed figures, in the order the job wrote them, so a back office can show and
/// compare them without parsing JSON (each job writes its own: purged, members, assigned, tierChanges, ...). Texts and
/// times of the summary stay in the JSON.
/// </summary>
public static class JobRunFigures
{
    public static IReadOnlyList<JobRunFigure> Of(string? summary)
    {
        if (string.IsNullOrWhiteSpace(summary))
        {
            return [];
        }

        try
        {
            using var document = JsonDocument.Parse(summary);
            return document.RootElement.ValueKind != JsonValueKind.Object
                ? []
                : document.RootElement.EnumerateObject()
                    .Where(p => p.Value.ValueKind == JsonValueKind.Number && p.Value.TryGetInt64(out _))
                    .Select(p => new JobRunFigure(p.Name, p.Value.GetInt64()))
                    .ToList();
        }
        catch (JsonException)
        {
            return []; // a summary that is not JSON has no figures; the text is still in `summary`
        }
    }
}
