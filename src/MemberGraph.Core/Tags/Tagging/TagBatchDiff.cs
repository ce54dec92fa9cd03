using MemberGraph.Tags.Rules;

namespace MemberGraph.Tags.Tagging;

/// <summary>An assignment as it is in the database.</summary>
public sealed record ExistingAssignment(long Id, long TagId, long MemberId, string? Value);

/// <summary>A rule assignment to insert.</summary>
public sealed record NewAssignment(long TagId, long MemberId, string? Value);

/// <summary>
/// The difference between what the rules computed for a batch and what the batch's members carry: assignments to
/// delete (no longer matching, or matching with another value) and assignments to insert. Applying it to the
/// database makes the batch equal to the computed sets, however often it is applied.
/// </summary>
public sealed record TagBatchDiff(IReadOnlyList<long> Stale, IReadOnlyList<NewAssignment> Missing)
{
    public static TagBatchDiff Of(IReadOnlyDictionary<long, List<TagMatch>> computed, IReadOnlyList<ExistingAssignment> existing)
    {
        var current = existing.ToDictionary(a => (a.TagId, a.MemberId));
        var wanted = new HashSet<(long TagId, long MemberId)>();
        var stale = new List<long>();
        var missing = new List<NewAssignment>();
        foreach (var (tagId, matches) in computed)
        {
            foreach (var match in matches)
            {
                if (!wanted.Add((tagId, match.MemberId)))
                {
                    continue;
                }

                if (current.TryGetValue((tagId, match.MemberId), out var assignment))
                {
                    if (assignment.Value == match.Value)
                    {
                        continue;
                    }

                    stale.Add(assignment.Id);
                }

                missing.Add(new NewAssignment(tagId, match.MemberId, match.Value));
            }
        }

        stale.AddRange(existing.Where(a => !wanted.Contains((a.TagId, a.MemberId))).Select(a => a.Id));
        return new TagBatchDiff(stale, missing);
    }
}
