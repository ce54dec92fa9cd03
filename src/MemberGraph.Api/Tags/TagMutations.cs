using GraphQL;
using GraphQL.Types;
using MemberGraph.Auth;
using MemberGraph.Domain;
using MemberGraph.GraphQL;
using MemberGraph.GraphQL.Authorization;

namespace MemberGraph.Tags;

public sealed record TagPayload(TagDefinition? Tag, IReadOnlyList<UserError> Errors) : IPayload;

public sealed record MemberTagPayload(string? MemberId, string? TagKey, bool Tagged, IReadOnlyList<UserError> Errors) : IPayload;

public sealed class TagMutations(TagService tags) : IMutationFields
{
    public void AddTo(MutationType mutation)
    {
        mutation.Field<NonNullGraphType<TagPayloadType>>("defineTag")
            .Description("Defines a MANUAL tag or a RULE tag (operators).")
            .Argument<NonNullGraphType<DefineTagInputType>>("input")
            .Authorize(Roles.Admin)
            .ResolveAsync(async ctx =>
            {
                var input = ctx.GetArgument<DefineTagInput>("input");
                var outcome = await tags.DefineAsync(input, ctx.Caller(), ctx.CancellationToken);
                return new TagPayload(outcome.Value, outcome.Error is null ? [] : [outcome.Error]);
            });

        mutation.Field<NonNullGraphType<TagPayloadType>>("updateTag")
            .Description("Renames a tag or changes its rule (operators).")
            .Argument<NonNullGraphType<UpdateTagInputType>>("input")
            .Authorize(Roles.Admin)
            .ResolveAsync(async ctx =>
            {
                var outcome = await tags.UpdateAsync(ctx.GetArgument<UpdateTagInput>("input"), ctx.Caller(), ctx.CancellationToken);
                return new TagPayload(outcome.Value, outcome.Error is null ? [] : [outcome.Error]);
            });

        mutation.Field<NonNullGraphType<TagPayloadType>>("retireTag")
            .Description("Retires a tag: no longer computed or settable; assignments stay for history until the next run (operators).")
            .Argument<NonNullGraphType<RetireTagInputType>>("input")
            .Authorize(Roles.Admin)
            .ResolveAsync(async ctx =>
            {
                var key = ctx.GetArgument<Dictionary<string, object?>>("input")["key"] as string ?? "";
                var outcome = await tags.UpdateAsync(new UpdateTagInput(key, null, null, false), ctx.Caller(), ctx.CancellationToken);
                return new TagPayload(outcome.Value, outcome.Error is null ? [] : [outcome.Error]);
            });

        mutation.Field<NonNullGraphType<MemberTagPayloadType>>("tagMember")
            .Description("Puts a MANUAL tag on a member: guides only on their own customers.")
            .Argument<NonNullGraphType<TagMemberInputType>>("input")
            .Authorize(Roles.Guide, Roles.Admin)
            .ResolveAsync(async ctx => await ChangeAsync(ctx, tag: true));

        mutation.Field<NonNullGraphType<MemberTagPayloadType>>("untagMember")
            .Description("Takes a MANUAL tag off a member: guides only on their own customers.")
            .Argument<NonNullGraphType<TagMemberInputType>>("input")
            .Authorize(Roles.Guide, Roles.Admin)
            .ResolveAsync(async ctx => await ChangeAsync(ctx, tag: false));
    }

    private async Task<MemberTagPayload> ChangeAsync(IResolveFieldContext ctx, bool tag)
    {
        var input = ctx.GetArgument<Dictionary<string, object?>>("input");
        var memberGlobalId = input["memberId"] as string;
        var key = input["key"] as string ?? "";
        if (GlobalId.TryDecode(memberGlobalId, "Member") is not { } memberId)
        {
            return new MemberTagPayload(memberGlobalId, key, false, [new UserError(UserErrorCode.InvalidInput, "memberId is not a member id.", "memberId")]);
        }

        if (tag)
        {
            var outcome = await tags.TagMemberAsync(memberId, key, input.GetValueOrDefault("value") as string, ctx.Caller(), ctx.CancellationToken);
            return new MemberTagPayload(memberGlobalId, key, outcome.Succeeded, outcome.Error is null ? [] : [outcome.Error]);
        }

        var removed = await tags.UntagMemberAsync(memberId, key, ctx.Caller(), ctx.CancellationToken);
        return new MemberTagPayload(memberGlobalId, key, false, removed.Error is null ? [] : [removed.Error]);
    }
}

public sealed class DefineTagInputType : InputObjectGraphType<DefineTagInput>
{
    public DefineTagInputType()
    {
        Name = "DefineTagInput";
        Description = "A new tag.";
        Field(i => i.Key).Description("Stable key: letters, digits, _ - :, starting with a letter.");
        Field(i => i.Name).Description("Name shown to operators and guides.");
        Field<NonNullGraphType<TagKindType>>("kind").Description("MANUAL or RULE.");
        Field<TagRuleInputType>("rule").Description("The rule of a RULE tag.");
    }
}

public sealed class UpdateTagInputType : InputObjectGraphType<UpdateTagInput>
{
    public UpdateTagInputType()
    {
        Name = "UpdateTagInput";
        Description = "Changes to a tag; omitted fields stay as they are.";
        Field(i => i.Key).Description("The tag to change.");
        Field(i => i.Name, nullable: true).Description("New name.");
        Field<TagRuleInputType>("rule").Description("New rule (RULE tags).");
        Field(i => i.Active, nullable: true).Description("Re-activate (true) or retire (false).");
    }
}

public sealed class RetireTagInputType : InputObjectGraphType
{
    public RetireTagInputType()
    {
        Name = "RetireTagInput";
        Description = "The tag to retire.";
        Field<NonNullGraphType<StringGraphType>>("key").Description("The tag's key.");
    }
}

public sealed class TagMemberInputType : InputObjectGraphType
{
    public TagMemberInputType()
    {
        Name = "TagMemberInput";
        Description = "A member and a MANUAL tag.";
        Field<NonNullGraphType<IdGraphType>>("memberId").Description("The member.");
        Field<NonNullGraphType<StringGraphType>>("key").Description("The tag's key.");
        Field<StringGraphType>("value").Description("Optional value (tagMember only).");
    }
}

public sealed class TagPayloadType : PayloadGraphType<TagPayload>
{
    public TagPayloadType()
    {
        Name = "TagPayload";
        Description = "The tag as it now is.";
        Field<TagDefinitionType>("tag").Description("The tag.").Resolve(ctx => ctx.Source.Tag);
    }
}

public sealed class MemberTagPayloadType : PayloadGraphType<MemberTagPayload>
{
    public MemberTagPayloadType()
    {
        Name = "MemberTagPayload";
        Description = "Whether the member now carries the tag.";
        Field<IdGraphType>("memberId").Description("The member.").Resolve(ctx => ctx.Source.MemberId);
        Field<StringGraphType>("tagKey").Description("The tag.").Resolve(ctx => ctx.Source.TagKey);
        Field<NonNullGraphType<BooleanGraphType>>("tagged").Description("The member carries the tag after this mutation.").Resolve(ctx => ctx.Source.Tagged);
    }
}
