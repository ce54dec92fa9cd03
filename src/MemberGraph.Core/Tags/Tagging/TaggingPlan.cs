using MemberGraph.Data;
using MemberGraph.Jobs;
using MemberGraph.Tags.Rules;
using Microsoft.EntityFrameworkCore;

namespace MemberGraph.Tags.Tagging;

/// <summary>A RULE tag to evaluate; a retired tag has no rule and evaluates to nobody (its assignments go).</summary>
public sealed record TagToEvaluate(long Id, string Key, TagRule? Rule);

/// <summary>Tags evaluated over every member (<see cref="TouchedSince"/> null) or only over members touched since then.</summary>
public sealed record TaggingPass(IReadOnlyList<TagToEvaluate> Tags, DateTime? TouchedSince);

/// <summary>
/// What a run does. Full: every RULE tag (and retired ones that still have assignments) over every member.
/// Incremental: tags defined, changed or retired since the watermark over every member, the other active tags over
/// the members touched since the watermark. Without a previous successful run an incremental run is a full one.
/// </summary>
public sealed record TaggingPlan(TaggingMode Mode, DateTime? Watermark, IReadOnlyList<TaggingPass> Passes, IReadOnlyList<string> Skipped)
{
    public static readonly string[] JobNames = [FullTaggingJob.JobName, IncrementalTaggingJob.JobName];

    public static async Task<TaggingPlan> LoadAsync(MemberGraphDb db, TaggingMode mode, IReadOnlySet<TagRuleKind> evaluable, TimeSpan overlap, CancellationToken cancellationToken)
    {
        var definitions = await db.TagDefinitions.AsNoTracking().Where(t => t.Kind == TagKind.Rule).OrderBy(t => t.Id).ToListAsync(cancellationToken);
        var retiredIds = definitions.Where(t => !t.Active).Select(t => t.Id).ToList();
        var retiredWithAssignments = (await db.MemberTags.Where(a => retiredIds.Contains(a.TagId)).Select(a => a.TagId).Distinct().ToListAsync(cancellationToken)).ToHashSet();

        var skipped = new List<string>();
        var tags = new List<(TagDefinition Definition, TagToEvaluate Tag)>();
        foreach (var definition in definitions)
        {
            if (!definition.Active)
            {
                tags.Add((definition, new TagToEvaluate(definition.Id, definition.Key, null)));
                continue;
            }

            var rule = TryRead(definition.RuleJson);
            if (rule is null || rule.Validate() is not null || !evaluable.Contains(rule.Kind))
            {
                // A rule that cannot be evaluated keeps its assignments rather than losing them all.
                skipped.Add(definition.Key);
                continue;
            }

            tags.Add((definition, new TagToEvaluate(definition.Id, definition.Key, rule)));
        }

        var watermark = mode == TaggingMode.Incremental ? await WatermarkAsync(db, overlap, cancellationToken) : null;
        if (watermark is not { } since)
        {
            var all = tags.Where(t => t.Definition.Active || retiredWithAssignments.Contains(t.Definition.Id)).Select(t => t.Tag).ToList();
            return new TaggingPlan(mode, null, [new TaggingPass(all, null)], skipped);
        }

        var changed = tags.Where(t => t.Definition.UpdatedAt >= since && (t.Definition.Active || retiredWithAssignments.Contains(t.Definition.Id))).Select(t => t.Tag).ToList();
        var unchanged = tags.Where(t => t.Definition.Active && t.Definition.UpdatedAt < since).Select(t => t.Tag).ToList();
        var passes = new List<TaggingPass>();
        if (changed.Count > 0)
        {
            passes.Add(new TaggingPass(changed, null));
        }

        if (unchanged.Count > 0)
        {
            passes.Add(new TaggingPass(unchanged, since));
        }

        return new TaggingPlan(mode, since, passes, skipped);
    }

    /// <summary>The start of the last successful tagging run (either job), less the overlap; null when there was none.</summary>
    private static async Task<DateTime?> WatermarkAsync(MemberGraphDb db, TimeSpan overlap, CancellationToken cancellationToken)
    {
        var lastStart = await db.JobRuns.AsNoTracking()
            .Where(r => JobNames.Contains(r.Job) && r.Status == JobRunStatus.Succeeded)
            .MaxAsync(r => (DateTime?)r.StartedAt, cancellationToken);
        return lastStart - overlap;
    }

    private static TagRule? TryRead(string? json)
    {
        try
        {
            return json is null ? null : TagRule.FromJson(json);
        }
        catch (System.Text.Json.JsonException)
        {
            return null;
        }
    }
}
