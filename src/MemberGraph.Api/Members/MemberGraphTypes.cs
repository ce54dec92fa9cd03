using GraphQL.Types;
using MemberGraph.Audit;
using MemberGraph.Auth;
using MemberGraph.Domain;
using MemberGraph.GraphQL;
using MemberGraph.GraphQL.Relay;

namespace MemberGraph.Members;

public sealed class MemberType : ObjectGraphType<Member>
{
    public MemberType(IEnumerable<IMemberFields> features)
    {
        Name = "Member";
        Description = "One person across every channel (OneID). Personal data is masked for everyone but the member. A guide reads " +
                      "their own customers in full; a store colleague's customer (an open relationship with another guide of the guide's " +
                      "store, none with this guide) on a reduced card: id, displayName, tier, exclusiveGuide, serviceStore and status. " +
                      "Every other field of that member is null with an AUTH_NOT_AUTHORIZED error at its path.";
        Interface<NodeInterface>();
        this.RecordsReadsOf(m => m.Id); // every read by someone else goes to the access log

        Field<NonNullGraphType<IdGraphType>>("id").Description("Global, opaque id.").Resolve(ctx => GlobalId.Encode("Member", ctx.Source.Id));
        Field(m => m.DisplayName).Description("Name shown in the mini-program and to guides.");
        Field<StringGraphType>("phone")
            .Description("Phone number: in full for the member, masked (138****1234) for everyone else.")
            .Resolve(ctx => MemberSelf.IsSelf(ctx, ctx.Source.Id) ? ctx.Source.Phone : Masking.Phone(ctx.Source.Phone));
        Field<DateGraphType>("birthday")
            .Description("Birthday: for the member; others see only the month (day set to 1).")
            .Resolve(ctx => ctx.Source.Birthday is not { } b ? null
                : (MemberSelf.IsSelf(ctx, ctx.Source.Id) ? b : new DateOnly(2000, b.Month, 1)).ToDateTime(TimeOnly.MinValue)); // the Date scalar serialises DateTime, not DateOnly
        Field(m => m.RegisteredAt, nullable: true).Description("When the member registered with a phone number; null while only a visitor.");
        Field<NonNullGraphType<MemberStatusType>>("status").Description("Active, merged into another member, or erased.").Resolve(ctx => ctx.Source.Status);
        Field<ChannelStatusType>("channelStatus")
            .Description("Where this person stands on each channel. Null only where refused (a store colleague's customer, for a guide).")
            .Resolve(ctx => ctx.Source);
        Field<ListGraphType<NonNullGraphType<IdentityType>>>("identities")
            .Description("Channel identities behind this member (OneID); external ids masked except for the member. " +
                         "Null only where refused (a store colleague's customer, for a guide).")
            .Resolve(ctx => ctx.IdentitiesByMember().Load(ctx.Source.Id));
        Field<MemberCodeType>("memberCode")
            .Description("A fresh dynamic member code to show at the till (QR code or barcode), valid for about a minute. " +
                         "Only the member themselves may ask for it; anyone else gets AUTH_NOT_AUTHORIZED.")
            .Resolve(ctx => MemberSelf.IsSelf(ctx, ctx.Source.Id)
                ? ctx.Service<MemberCodeService>().Issue(ctx.Source.Id)
                : throw GraphQLRequestError.NotAuthorized("see another person's member code"));
        // Fields other features own (coupons, exclusiveGuide, orders, points, ...): each feature's IMemberFields, found
        // by the same assembly scan as the root fields, in a fixed order.
        foreach (var feature in features.OrderBy(f => f.GetType().FullName, StringComparer.Ordinal))
        {
            feature.AddTo(this);
        }

        // Last, so that it covers the fields features added too.
        ReducedCard.Guard(this, ReducedCard.MemberFields, m => m.Id);
    }
}

public sealed class MemberCodeType : ObjectGraphType<MemberCode>
{
    public MemberCodeType()
    {
        Name = "MemberCode";
        Description = "A short-lived, signed code identifying the member at a store; staff look it up with memberByCode.";
        Field(c => c.Code).Description("32 characters of digits and upper-case letters, for a QR code or a Code 128 barcode.");
        Field<NonNullGraphType<DateTimeGraphType>>("expiresAt")
            .Description("After this moment (UTC) the code is refused with MEMBER_CODE_EXPIRED; ask for a new one before.")
            .Resolve(ctx => ctx.Source.ExpiresAt.UtcDateTime);
    }
}

public sealed class MemberStatusType : EnumerationGraphType<MemberStatus>
{
    public MemberStatusType()
    {
        Name = "MemberStatus";
        Description = "Lifecycle of a member record.";
    }
}

public sealed class ChannelStatusType : ObjectGraphType<Member>
{
    public ChannelStatusType()
    {
        Name = "ChannelStatus";
        Description = "The member's standing on each channel, as the guide sidebar shows it.";
        Field<NonNullGraphType<BooleanGraphType>>("registered").Description("Registered with a phone number.").Resolve(ctx => ctx.Source.RegisteredAt is not null);
        Field(m => m.FollowedOfficialAccount).Description("Follows the brand's official account.");
        Field(m => m.AuthorizedMiniProgram).Description("Signed in to the mini-program at least once.");
        Field<NonNullGraphType<BooleanGraphType>>("addedGuideOnWeCom").Description("Added a guide as a WeCom contact.").Resolve(ctx => ctx.Source.AddedGuideOnWeCom);
    }
}

public sealed class IdentityChannelType : EnumerationGraphType<IdentityChannel>
{
    public IdentityChannelType()
    {
        Name = "IdentityChannel";
        Description = "Where an identity comes from.";
    }
}

public sealed class IdentityType : ObjectGraphType<Identity>
{
    public IdentityType()
    {
        Name = "Identity";
        Description = "One channel id of a member.";
        Field<NonNullGraphType<IdentityChannelType>>("channel").Description("The channel.").Resolve(ctx => ctx.Source.Channel);
        Field<NonNullGraphType<StringGraphType>>("externalId")
            .Description("The id on that channel; masked except for the member.")
            .Resolve(ctx => MemberSelf.IsSelf(ctx, ctx.Source.MemberId)
                ? ctx.Source.ExternalId
                : ctx.Source.Channel == IdentityChannel.Phone ? Masking.Phone(ctx.Source.ExternalId) : Masking.ExternalId(ctx.Source.ExternalId));
        Field(i => i.LinkedAt).Description("When the identity was linked to this member.");
    }
}
