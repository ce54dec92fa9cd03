using GraphQL.Types;
using GraphQL.Types.Relay;
using MemberGraph.Domain;

namespace MemberGraph.Audit;

public sealed class AuditEntryType : ObjectGraphType<AuditRecord>
{
    public AuditEntryType()
    {
        Name = "AuditEntry";
        Description = "An entry of the audit log (a change: who did what to which row) or of the access log (a read of another " +
                      "person's personal information: who read whose fields, through which root field). Admins only.";
        Field<NonNullGraphType<AuditEntryKindType>>("kind").Description("AUDIT or ACCESS.").Resolve(ctx => ctx.Source.Kind);
        Field<NonNullGraphType<DateTimeGraphType>>("at").Description("When (UTC).").Resolve(ctx => ctx.Source.At);
        Field<NonNullGraphType<StringGraphType>>("actor")
            .Description("Who: the token's subject (a member's, guide's or partner's id, staff@<store id>, admin) or the job or platform " +
                         "that acted (job:coupon-expiry, wecom).")
            .Resolve(ctx => ctx.Source.Actor);
        Field<NonNullGraphType<StringGraphType>>("role").Description("The actor's role.").Resolve(ctx => ctx.Source.Role);
        Field<NonNullGraphType<StringGraphType>>("operation")
            .Description("AUDIT: what was done (recordOrder, partner.consent.grant, ...). ACCESS: the root field the member was read " +
                         "through (memberByCode, sidebarContext, member, members, _entities, partnerMemberLookup, ...).")
            .Resolve(ctx => ctx.Source.Operation);
        Field<IdGraphType>("memberId")
            .Description("Whose: the member the entry concerns (ACCESS: always; AUDIT: when its target is a member).")
            .Resolve(ctx => ctx.Source.MemberId is { } id ? GlobalId.Encode("Member", id) : null);
        Field<NonNullGraphType<StringGraphType>>("target")
            .Description("The row concerned as kind and key (Member:12, Order:7, Coupon:3, ...).")
            .Resolve(ctx => ctx.Source.Target);
        Field<StringGraphType>("detail").Description("AUDIT: what changed, in words.").Resolve(ctx => ctx.Source.Detail);
        Field<ListGraphType<NonNullGraphType<StringGraphType>>>("fields")
            .Description("ACCESS: the fields read of the member (and of the sidebar card or partner entity showing them), sorted.")
            .Resolve(ctx => ctx.Source.Fields?.Split(',', StringSplitOptions.RemoveEmptyEntries));
    }
}

public sealed class AuditEntryConnectionType : ConnectionType<AuditEntryType>
{
    public AuditEntryConnectionType() => Description = "A page of audit and access log entries, newest first.";
}

public sealed class AuditEntryKindType : EnumerationGraphType<AuditKind>
{
    public AuditEntryKindType()
    {
        Name = "AuditEntryKind";
        Description = "AUDIT: the audit log (changes). ACCESS: the access log (reads of another person's personal information).";
    }
}

public sealed class AuditEntryFilterInputType : InputObjectGraphType
{
    public AuditEntryFilterInputType()
    {
        Name = "AuditEntryFilterInput";
        Description = "Conditions on auditEntries; all given conditions must hold.";
        Field<IdGraphType>("memberId").Description("Entries about this member (global id or plain key): AUDIT entries whose target is the member, ACCESS entries of reads of them.");
        Field<StringGraphType>("actor").Description("Entries of this actor (exactly as AuditEntry.actor shows it).");
        Field<StringGraphType>("operation").Description("Entries of this operation (exactly as AuditEntry.operation shows it).");
        Field<DateTimeGraphType>("from").Description("At or after this moment.");
        Field<DateTimeGraphType>("to").Description("Before this moment.");
        Field<AuditEntryKindType>("kind").Description("Only this log; both when left out.");
    }
}
