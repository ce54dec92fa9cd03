using System.Text.Json;

namespace MemberGraph.Tags.Tagging;

/// <summary>The figures of a tagging run, kept as the JobRun's summary (JSON) and updated after every batch.</summary>
public sealed class TaggingSummary(TaggingMode mode, DateTime? watermark, int tags, IReadOnlyList<string> skipped)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public TaggingMode Mode { get; } = mode;
    public DateTime? Watermark { get; } = watermark;
    public int Tags { get; } = tags;
    public IReadOnlyList<string> Skipped { get; } = skipped;
    public int Batches { get; private set; }
    public long Members { get; private set; }
    public long Assigned { get; private set; }
    public long Removed { get; private set; }

    /// <summary>Figures the run's listeners reported (e.g. <c>segmentEntries</c>).</summary>
    public Dictionary<string, long> Figures { get; } = [];

    public void AddFigures(IReadOnlyDictionary<string, long> figures)
    {
        foreach (var (name, value) in figures)
        {
            Figures[name] = Figures.GetValueOrDefault(name) + value;
        }
    }

    public void Add(long members, long assigned, long removed)
    {
        Batches++;
        Members += members;
        Assigned += assigned;
        Removed += removed;
    }

    public string ToJson() => JsonSerializer.Serialize(new
    {
        mode = Mode.ToString().ToUpperInvariant(),
        watermark = Watermark,
        tags = Tags,
        skipped = Skipped.Take(20),
        batches = Batches,
        members = Members,
        assigned = Assigned,
        removed = Removed,
        figures = Figures,
    }, Json);
}
