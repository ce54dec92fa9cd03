using GraphQL;
using GraphQL.Types;
using MemberGraph.Auth;
using MemberGraph.Data;
using MemberGraph.GraphQL;
using MemberGraph.GraphQL.Authorization;
using MemberGraph.GraphQL.DataLoaders;
using MemberGraph.Members;
using Microsoft.EntityFrameworkCore;

namespace MemberGraph.Tags;

/// <summary>A tag a member carries, as read.</summary>
public sealed record MemberTagView(string Key, string Name, string? Value, TagSource Source, DateTime AssignedAt);

/// <summary>Who put a tag on a member.</summary>
public enum TagSource
{
    /// <summary>Computed by a tagging run.</summary>
    Rule = 1,

    /// <summary>Set by a guide (or an operator) by hand.</summary>
    Guide = 2,
}

public static class TagDataLoaders
{
    /// <summary>The active tags of every member of the level: one query joining assignments and definitions.</summary>
    public static BatchLoader<long, IReadOnlyList<MemberTagView>> TagsByMember(this IResolveFieldContext context)
    {
        var factory = context.Service<IDbContextFactory<MemberGraphDb>>();
        return context.Context().Loaders.GetOrAdd<long, IReadOnlyList<MemberTagView>>("TagsByMember", () => new(async (ids, ct) =>
        {
            await using var db = await factory.CreateDbContextAsync(ct);
            var rows = await db.MemberTags.AsNoTracking()
                .Where(a => ids.Contains(a.MemberId))
                .Join(db.TagDefinitions.Where(t => t.Active), a => a.TagId, t => t.Id, (a, t) => new { a.MemberId, t.Key, t.Name, a.Value, t.Kind, a.AssignedAt })
                .OrderBy(r => r.MemberId).ThenBy(r => r.Key)
                .ToListAsync(ct);
            return rows.GroupBy(r => r.MemberId).ToDictionary(g => g.Key, g => (IReadOnlyList<MemberTagView>)g
                .Select(r => new MemberTagView(r.Key, r.Name, r.Value, r.Kind == TagKind.Rule ? TagSource.Rule : TagSource.Guide, r.AssignedAt))
                .ToList());
        }, []));
    }
}

/// <summary><c>Member.tags</c>: for guides, store staff and operators — a member does not see how they are segmented.</summary>
public sealed class MemberTagFields : IMemberFields
{
    public void AddTo(MemberType member) =>
        member.Field<ListGraphType<NonNullGraphType<MemberTagType>>>("tags")
            .Description("The member's active tags (rule-computed and set by guides), by key. Not visible to the member or partners. " +
                         "Null only where refused (a store colleague's customer, for a guide).")
            .Authorize(Roles.Guide, Roles.Staff, Roles.Admin)
            .Resolve(ctx => ctx.TagsByMember().Load(ctx.Source.Id));
}

public sealed class TagSourceType : EnumerationGraphType<TagSource>
{
    public TagSourceType()
    {
        Name = "TagSource";
        Description = "Who put a tag on a member.";
    }
}

public sealed class MemberTagType : ObjectGraphType<MemberTagView>
{
    public MemberTagType()
    {
        Name = "MemberTag";
        Description = "A tag a member carries.";
        Field(t => t.Key).Description("The tag's key (as in segment expressions).");
        Field(t => t.Name).Description("The tag's name.");
        Field(t => t.Value, nullable: true).Description("The assignment's value, e.g. the preferred store's code.");
        Field<NonNullGraphType<TagSourceType>>("source").Description("RULE (a tagging run) or GUIDE (set by hand).").Resolve(ctx => ctx.Source.Source);
        Field(t => t.AssignedAt).Description("When the tag was put on the member (UTC).");
    }
}
