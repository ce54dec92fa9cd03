using MemberGraph.Audit;
using MemberGraph.Auth;
using MemberGraph.Data;
using MemberGraph.Domain;
using MemberGraph.Tiers;
using Microsoft.EntityFrameworkCore;

namespace MemberGraph.Tags;

public sealed record DefineTagInput(string Key, string Name, TagKind Kind, TagRule? Rule);

public sealed record UpdateTagInput(string Key, string? Name, TagRule? Rule, bool? Active);

/// <summary>Tag definitions (operators) and manual tagging (guides on their own customers, admins on anyone).</summary>
public sealed class TagService(IDbContextFactory<MemberGraphDb> factory, AuditLog audit, TierLadder ladder, TimeProvider clock)
{
    public async Task<Outcome<TagDefinition>> DefineAsync(DefineTagInput input, Caller caller, CancellationToken cancellationToken)
    {
        if (!TagKeys.IsValid(input.Key))
        {
            return Outcome<TagDefinition>.Refused(UserErrorCode.InvalidInput, "A tag key is 1-64 characters of letters, digits, _ - : and starts with a letter.", "key");
        }

        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        if (await RuleProblemAsync(db, input.Kind, input.Rule, cancellationToken) is { } problem)
        {
            return problem;
        }

        if (await db.TagDefinitions.AnyAsync(t => t.Key == input.Key, cancellationToken))
        {
            return Outcome<TagDefinition>.Refused(UserErrorCode.InvalidInput, $"A tag '{input.Key}' already exists.", "key");
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var tag = new TagDefinition
        {
            Key = input.Key,
            Name = input.Name.Trim(),
            Kind = input.Kind,
            RuleJson = input.Rule?.ToJson(),
            Owner = caller.Subject,
            CreatedAt = now,
            UpdatedAt = now,
        };
        db.TagDefinitions.Add(tag);
        audit.Record(db, caller, "defineTag", $"Tag:{input.Key}", tag.RuleJson);
        await db.SaveChangesAsync(cancellationToken);
        return Outcome<TagDefinition>.Ok(tag);
    }

    public async Task<Outcome<TagDefinition>> UpdateAsync(UpdateTagInput input, Caller caller, CancellationToken cancellationToken)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var tag = await db.TagDefinitions.SingleOrDefaultAsync(t => t.Key == input.Key, cancellationToken);
        if (tag is null)
        {
            return Outcome<TagDefinition>.Refused(UserErrorCode.NotFound, $"No tag '{input.Key}'.", "key");
        }

        if (input.Rule is not null)
        {
            if (await RuleProblemAsync(db, tag.Kind, input.Rule, cancellationToken) is { } problem)
            {
                return problem;
            }

            tag.RuleJson = input.Rule.ToJson();
        }

        tag.Name = input.Name?.Trim() ?? tag.Name;
        tag.Active = input.Active ?? tag.Active;
        tag.UpdatedAt = clock.GetUtcNow().UtcDateTime;
        audit.Record(db, caller, input.Active == false ? "retireTag" : "updateTag", $"Tag:{input.Key}", tag.RuleJson);
        await db.SaveChangesAsync(cancellationToken);
        return Outcome<TagDefinition>.Ok(tag);
    }

    /// <summary>Puts a MANUAL tag on a member. Guides may tag only their own customers.</summary>
    public async Task<Outcome<MemberTag>> TagMemberAsync(long memberId, string key, string? value, Caller caller, CancellationToken cancellationToken)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var (tag, refusal) = await ManualTagForAsync(db, memberId, key, caller, cancellationToken);
        if (refusal is not null)
        {
            return refusal;
        }

        var existing = await db.MemberTags.SingleOrDefaultAsync(t => t.TagId == tag!.Id && t.MemberId == memberId, cancellationToken);
        if (existing is not null)
        {
            return Outcome<MemberTag>.Ok(existing);
        }

        var assignment = new MemberTag { MemberId = memberId, TagId = tag!.Id, Value = value, GuideId = caller.GuideId, AssignedAt = clock.GetUtcNow().UtcDateTime };
        db.MemberTags.Add(assignment);
        audit.Record(db, caller, "tagMember", $"Member:{memberId}", key);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // A parallel request may have tagged the member first: that is the same outcome.
            if (!await IsTaggedAsync(memberId, tag.Id, cancellationToken))
            {
                throw;
            }
        }

        return Outcome<MemberTag>.Ok(assignment);
    }

    public async Task<Outcome<bool>> UntagMemberAsync(long memberId, string key, Caller caller, CancellationToken cancellationToken)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var (tag, refusal) = await ManualTagForAsync(db, memberId, key, caller, cancellationToken);
        if (refusal is not null)
        {
            return refusal;
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var removed = await db.MemberTags.Where(t => t.TagId == tag!.Id && t.MemberId == memberId).ExecuteDeleteAsync(cancellationToken);
        if (removed > 0)
        {
            audit.Record(db, caller, "untagMember", $"Member:{memberId}", key);
            await db.SaveChangesAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);

        return Outcome<bool>.Ok(removed > 0);
    }

    private async Task<(TagDefinition? Tag, UserError? Refusal)> ManualTagForAsync(MemberGraphDb db, long memberId, string key, Caller caller, CancellationToken cancellationToken)
    {
        if (!await db.Members.AnyAsync(m => m.Id == memberId && m.Status == Members.MemberStatus.Active, cancellationToken))
        {
            return (null, new UserError(UserErrorCode.NotFound, "No such member.", "memberId"));
        }

        if (caller.Is(Roles.Guide) && !await db.GuideRelationships.AnyAsync(r => r.GuideId == caller.GuideId && r.MemberId == memberId && r.EndedAt == null, cancellationToken))
        {
            return (null, new UserError(UserErrorCode.NotYourCustomer, "Guides tag only their own customers.", "memberId"));
        }

        var tag = await db.TagDefinitions.SingleOrDefaultAsync(t => t.Key == key && t.Active, cancellationToken);
        if (tag is null)
        {
            return (null, new UserError(UserErrorCode.NotFound, $"No active tag '{key}'.", "key"));
        }

        if (tag.Kind != TagKind.Manual)
        {
            return (null, new UserError(UserErrorCode.InvalidInput, $"'{key}' is computed by rules; it cannot be set by hand.", "key"));
        }

        return (tag, null);
    }

    private async Task<bool> IsTaggedAsync(long memberId, long tagId, CancellationToken cancellationToken)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        return await db.MemberTags.AnyAsync(t => t.TagId == tagId && t.MemberId == memberId, cancellationToken);
    }

    /// <summary>The rule's shape (<see cref="TagRule.Validate"/>), then whether what it names exists: a category, a tier level, a store.</summary>
    private async Task<UserError?> RuleProblemAsync(MemberGraphDb db, TagKind kind, TagRule? rule, CancellationToken cancellationToken)
    {
        var problem = (kind, rule) switch
        {
            (TagKind.Rule, null) => "A RULE tag needs a rule.",
            (TagKind.Manual, not null) => "A MANUAL tag has no rule.",
            (TagKind.Rule, { } r) when r.Validate() is { } invalid => invalid,
            (_, { Kind: TagRuleKind.CategoryPreference } r) when Rules.CategoryPreferenceRule.ParseCategory(r.Category) is null =>
                $"No category '{r.Category}'; categories are {string.Join(", ", Enum.GetNames<Orders.ProductCategory>())} (or UPPER_SNAKE_CASE).",
            (_, { Kind: TagRuleKind.Tier } r) when ladder.Find(r.Level!) is null => $"No tier level '{r.Level}'.",
            (_, { Kind: TagRuleKind.StorePreference or TagRuleKind.WithinDeliveryRadius, StoreCode: { } code })
                when !await db.Stores.AnyAsync(s => s.Code == code, cancellationToken) => $"No store with code '{code}'.",
            _ => null,
        };
        return problem is null ? null : new UserError(UserErrorCode.InvalidInput, problem, "rule");
    }
}

public static class TagKeys
{
    public static bool IsValid(string key) =>
        key.Length is >= 1 and <= 64 && char.IsAsciiLetter(key[0]) && key.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-' or ':');
}
