using GraphQL.Types;
using MemberGraph.Domain;
using MemberGraph.GraphQL;
using MemberGraph.GraphQL.Relay;

namespace MemberGraph.Members;

public sealed class MemberMergeType : ObjectGraphType<MemberMerge>
{
    public MemberMergeType()
    {
        Name = "MemberMerge";
        Description = "One OneID merge: a member absorbed into an older one, why, and what moved. An admin can undo it (unmergeMember).";
        Interface<NodeInterface>();

        Field<NonNullGraphType<IdGraphType>>("id").Description("Global, opaque id (the mergeId of unmergeMember).").Resolve(ctx => GlobalId.Encode("MemberMerge", ctx.Source.Id));
        Field<MemberType>("survivor").Description("The member that absorbed the other.").Resolve(ctx => ctx.MemberById().Load(ctx.Source.SurvivorId));
        Field<MemberType>("merged").Description("The absorbed member (a tombstone until unmerged).").Resolve(ctx => ctx.MemberById().Load(ctx.Source.MergedId));
        Field(m => m.Reason).Description("Why the members were merged (the sign-in, order or operator request that found them to be one person).");
        Field(m => m.MergedAt).Description("When the merge happened (UTC).");
        Field(m => m.MergedBy).Description("Who caused it: role and subject.");
        Field(m => m.UnmergedAt, nullable: true).Description("When an admin undid the merge; null while it stands.");
        Field(m => m.UnmergedBy, nullable: true).Description("The admin who undid the merge.");
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<MovedRowsType>>>>("moved")
            .Description("How many rows of each kind moved to the survivor.")
            .Resolve(ctx => MergeJson.Moved(ctx.Source.MovedJson).Select(kv => new MovedRows(kv.Key, kv.Value.Count)).ToList());
    }
}

public sealed record MovedRows(string Kind, int Count);

public sealed class MovedRowsType : ObjectGraphType<MovedRows>
{
    public MovedRowsType()
    {
        Name = "MergeMovedRows";
        Description = "Rows of one kind that a merge moved.";
        Field(r => r.Kind).Description("The kind of rows (Identities, GuideRelationships, ...).");
        Field(r => r.Count).Description("How many moved.");
    }
}

public sealed class MergeMembersInput
{
    public string? SurvivorId { get; set; }
    public List<string> MemberIds { get; set; } = [];
    public string Reason { get; set; } = "";
}

public sealed class MergeMembersInputType : InputObjectGraphType<MergeMembersInput>
{
    public MergeMembersInputType()
    {
        Name = "MergeMembersInput";
        Description = "Members an operator found to be one person.";
        Field<IdGraphType>("survivorId").Description("The member that should survive; by default the oldest one.");
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<IdGraphType>>>>("memberIds").Description($"The members to merge (at most {MemberMergeMutations.MaxMembers}).");
        Field(i => i.Reason).Description("Why: kept on the merge record and in the audit log.");
    }
}

public sealed record MergeMembersPayload(Member? Survivor, IReadOnlyList<MemberMerge> Merges, IReadOnlyList<UserError> Errors) : IPayload;

public sealed class MergeMembersPayloadType : PayloadGraphType<MergeMembersPayload>
{
    public MergeMembersPayloadType()
    {
        Name = "MergeMembersPayload";
        Description = "The surviving member and one merge record per absorbed member (none when they were already one).";
        Field<MemberType>("survivor").Description("The member everything moved to.").Resolve(ctx => ctx.Source.Survivor is { } s ? ctx.MemberById().Load(s.Id) : null);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<MemberMergeType>>>>("merges").Description("The merges made.").Resolve(ctx => ctx.Source.Merges);
    }
}

public sealed class UnmergeMemberInput
{
    public string MergeId { get; set; } = "";
}

public sealed class UnmergeMemberInputType : InputObjectGraphType<UnmergeMemberInput>
{
    public UnmergeMemberInputType()
    {
        Name = "UnmergeMemberInput";
        Description = "The merge to undo.";
        Field<NonNullGraphType<IdGraphType>>("mergeId").Description("Id of the MemberMerge record.");
    }
}

public sealed record UnmergeMemberPayload(MemberMerge? Merge, IReadOnlyList<UserError> Errors) : IPayload;

public sealed class UnmergeMemberPayloadType : PayloadGraphType<UnmergeMemberPayload>
{
    public UnmergeMemberPayloadType()
    {
        Name = "UnmergeMemberPayload";
        Description = "The undone merge and both members as they are again.";
        Field<MemberMergeType>("merge").Description("The merge record, now marked unmerged.").Resolve(ctx => ctx.Source.Merge);
        Field<MemberType>("survivor").Description("The member that had absorbed the other.")
            .Resolve(ctx => ctx.Source.Merge is { } m ? ctx.MemberById().Load(m.SurvivorId) : null);
        Field<MemberType>("restored").Description("The member brought back with exactly the rows that had moved.")
            .Resolve(ctx => ctx.Source.Merge is { } m ? ctx.MemberById().Load(m.MergedId) : null);
    }
}
