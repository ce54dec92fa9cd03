namespace MemberGraph.Partners;

// The CLR shapes of the partner mutations' inputs (GraphQL input types in PartnerInputTypes.cs). Ids are the opaque
// global ids of the schema (or plain keys), decoded by the services.

public sealed class RegisterPartnerInput
{
    public string Name { get; set; } = "";
    public List<PartnerScope> Scopes { get; set; } = [];
}

public sealed class RotatePartnerSecretInput
{
    public string PartnerId { get; set; } = "";
}

public sealed class SetPartnerStatusInput
{
    public string PartnerId { get; set; } = "";
    public PartnerStatus Status { get; set; }
}

public sealed class PartnerConsentInput
{
    public string PartnerId { get; set; } = "";
    public PartnerConsentPurpose Purpose { get; set; }
}

public sealed class RedeemPartnerBenefitInput
{
    public string Code { get; set; } = "";
    public string TransactionId { get; set; } = "";
}

public sealed class CreditPartnerPointsInput
{
    public string MemberId { get; set; } = "";
    public string TransactionId { get; set; } = "";
    public long PartnerPoints { get; set; }
}

public sealed class ExchangePointsForPartnerBenefitInput
{
    public string TemplateId { get; set; } = "";
    public string IdempotencyKey { get; set; } = "";
}
