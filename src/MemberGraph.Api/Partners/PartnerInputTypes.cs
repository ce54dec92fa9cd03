using GraphQL.Types;

namespace MemberGraph.Partners;

public sealed class RegisterPartnerInputType : InputObjectGraphType<RegisterPartnerInput>
{
    public RegisterPartnerInputType()
    {
        Name = "RegisterPartnerInput";
        Description = "A partner to register.";
        Field(i => i.Name).Description("Its name as members see it: 1 to 100 characters, unique.");
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<PartnerScopeType>>>>("scopes")
            .Description("The scopes its tokens may be granted: at least one.");
    }
}

public sealed class RotatePartnerSecretInputType : InputObjectGraphType<RotatePartnerSecretInput>
{
    public RotatePartnerSecretInputType()
    {
        Name = "RotatePartnerSecretInput";
        Description = "The partner whose secret to replace.";
        Field<NonNullGraphType<IdGraphType>>("partnerId").Description("The partner (global id or plain key).");
    }
}

public sealed class SetPartnerStatusInputType : InputObjectGraphType<SetPartnerStatusInput>
{
    public SetPartnerStatusInputType()
    {
        Name = "SetPartnerStatusInput";
        Description = "Suspends or reactivates a partner.";
        Field<NonNullGraphType<IdGraphType>>("partnerId").Description("The partner (global id or plain key).");
        Field<NonNullGraphType<PartnerStatusType>>("status").Description("ACTIVE or SUSPENDED.");
    }
}

public sealed class PartnerConsentInputType : InputObjectGraphType<PartnerConsentInput>
{
    public PartnerConsentInputType()
    {
        Name = "PartnerConsentInput";
        Description = "Which partner, for which purpose.";
        Field<NonNullGraphType<IdGraphType>>("partnerId").Description("The partner (its id as PartnerConsent.partner shows it, or the plain key).");
        Field<NonNullGraphType<PartnerConsentPurposeType>>("purpose").Description("What to share, or stop sharing.");
    }
}
