using GraphQL.Types;
using MemberGraph.Domain;
using MemberGraph.GraphQL;

namespace MemberGraph.Privacy;

public sealed record ConsentPayload(ConsentChanges? Changes, IReadOnlyList<UserError> Errors) : IPayload
{
    public static ConsentPayload From(Outcome<ConsentChanges> outcome) => new(outcome.Value, outcome.Error is null ? [] : [outcome.Error]);
}

/// <summary>What a consent mutation left: the member's consents now and the ledger entries it wrote.</summary>
public abstract class ConsentPayloadType : PayloadGraphType<ConsentPayload>
{
    protected ConsentPayloadType(string name, string description)
    {
        Name = name;
        Description = description;
        Field<MemberConsentsType>("consents").Description("The member's consents now; null when refused.")
            .Resolve(ctx => ctx.Source.Changes is { } changes ? new MemberConsents(changes.MemberId) : null);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<ConsentLedgerEntryType>>>>("ledgerEntries")
            .Description("The ledger entries this call wrote, oldest first; empty when it changed nothing or was refused.")
            .Resolve(ctx => ctx.Source.Changes?.LedgerEntries ?? []);
    }
}

public sealed class RecordSubscribeMessageConsentPayloadType() : ConsentPayloadType(
    "RecordSubscribeMessageConsentPayload", "The member's acceptances counted (or withdrawn), or why not.");

public sealed class RecordGuideOutreachConsentPayloadType() : ConsentPayloadType(
    "RecordGuideOutreachConsentPayload", "The member's guide-outreach consent now, or why not.");
