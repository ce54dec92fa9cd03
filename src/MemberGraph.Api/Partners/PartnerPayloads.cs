using GraphQL.Types;
using MemberGraph.Domain;
using MemberGraph.GraphQL;

namespace MemberGraph.Partners;

public sealed record PartnerSecretPayload(Partner? Partner, string? ClientSecret, IReadOnlyList<UserError> Errors) : IPayload
{
    public static PartnerSecretPayload From(Outcome<PartnerWithSecret> outcome) =>
        new(outcome.Value?.Partner, outcome.Value?.ClientSecret, outcome.Error is null ? [] : [outcome.Error]);
}

public sealed record PartnerPayload(Partner? Partner, IReadOnlyList<UserError> Errors) : IPayload
{
    public static PartnerPayload From(Outcome<Partner> outcome) => new(outcome.Value, outcome.Error is null ? [] : [outcome.Error]);
}

public sealed record PartnerConsentPayload(ConsentChange? Change, IReadOnlyList<UserError> Errors) : IPayload
{
    public static PartnerConsentPayload From(Outcome<ConsentChange> outcome) => new(outcome.Value, outcome.Error is null ? [] : [outcome.Error]);
}

/// <summary>The partner and its new secret: the only time the secret is shown.</summary>
public abstract class PartnerSecretPayloadType : PayloadGraphType<PartnerSecretPayload>
{
    protected PartnerSecretPayloadType(string name, string description)
    {
        Name = name;
        Description = description;
        Field<PartnerType>("partner").Description("The partner; null when refused.").Resolve(ctx => ctx.Source.Partner);
        Field<StringGraphType>("clientSecret")
            .Description("The client secret, shown this once and never again (only its hash is kept): hand it to the partner over a safe " +
                         "channel. Null when refused.")
            .Resolve(ctx => ctx.Source.ClientSecret);
    }
}

public sealed class RegisterPartnerPayloadType() : PartnerSecretPayloadType(
    "RegisterPartnerPayload", "The new partner with its client id and secret, or why not.");

public sealed class RotatePartnerSecretPayloadType() : PartnerSecretPayloadType(
    "RotatePartnerSecretPayload", "The partner's new secret; the old one and the tokens issued with it are refused from now on.");

public sealed class SetPartnerStatusPayloadType : PayloadGraphType<PartnerPayload>
{
    public SetPartnerStatusPayloadType()
    {
        Name = "SetPartnerStatusPayload";
        Description = "The partner with its status, or why not.";
        Field<PartnerType>("partner").Description("The partner; null when refused.").Resolve(ctx => ctx.Source.Partner);
    }
}

/// <summary>What a consent mutation left: the consent and the ledger entry it wrote.</summary>
public abstract class PartnerConsentPayloadType : PayloadGraphType<PartnerConsentPayload>
{
    protected PartnerConsentPayloadType(string name, string description, string consentDescription)
    {
        Name = name;
        Description = description;
        Field<PartnerConsentType>("consent").Description(consentDescription).Resolve(ctx => ctx.Source.Change?.Consent);
        Field<PartnerConsentLedgerEntryType>("ledgerEntry")
            .Description("The ledger entry this call wrote; null when it changed nothing (the consent was already so) or was refused.")
            .Resolve(ctx => ctx.Source.Change?.LedgerEntry);
    }
}

public sealed class GrantPartnerConsentPayloadType() : PartnerConsentPayloadType(
    "GrantPartnerConsentPayload", "The live consent, or why not.", "The live consent (also when it was live already); null when refused.");

public sealed class RevokePartnerConsentPayloadType() : PartnerConsentPayloadType(
    "RevokePartnerConsentPayload", "The consent is withdrawn, or why not.", "Always null: the consent is no longer live.");
