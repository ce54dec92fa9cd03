using GraphQL.Types;
using MemberGraph.Auth;
using MemberGraph.GraphQL;
using MemberGraph.GraphQL.Relay;

namespace MemberGraph.Members;

public sealed class MemberType : ObjectGraphType<Member>
{
    public MemberType(IEnumerable<IMemberFields> features)
    {
        Name = "Member";
        Description = "One person across every channel (OneID). Personal data is masked for everyone but the member.";
        Interface<NodeInterface>();

        Field<NonNullGraphType<IdGraphType>>("id").Description("Global, opaque id.").Resolve(ctx => GlobalId.Encode("Member", ctx.Source.Id));
        Field(m => m.DisplayName).Description("Name shown in the mini-program and to guides.");
        Field<StringGraphType>("phone")
            .Description("Phone number: in full for the member, masked (138****1234) for everyone else.")
            .Resolve(ctx => IsSelf(ctx.Caller(), ctx.Source) ? ctx.Source.Phone : Masking.Phone(ctx.Source.Phone));
        Field<DateGraphType>("birthday")
            .Description("Birthday: for the member; others see only the month (day set to 1).")
            .Resolve(ctx => ctx.Source.Birthday is not { } b ? (DateOnly?)null : IsSelf(ctx.Caller(), ctx.Source) ? b : new DateOnly(2000, b.Month, 1));
        Field(m => m.RegisteredAt, nullable: true).Description("When the member registered with a phone number; null while only a visitor.");
        Field<NonNullGraphType<MemberStatusType>>("status").Description("Active, merged into another member, or erased.").Resolve(ctx => ctx.Source.Status);
        Field<NonNullGraphType<ChannelStatusType>>("channelStatus").Description("Where this person stands on each channel.").Resolve(ctx => ctx.Source);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<IdentityType>>>>("identities")
            .Description("Channel identities behind this member (OneID); external ids masked except for the member.")
            .Resolve(ctx => ctx.IdentitiesByMember().Load(ctx.Source.Id));

        foreach (var feature in features.OrderBy(f => f.GetType().FullName, StringComparer.Ordinal))
        {
            feature.AddTo(this);
        }
    }

    public static bool IsSelf(Caller caller, Member member) => caller.Is(Roles.Member) && caller.MemberId == member.Id;
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
            .Resolve(ctx => ctx.Caller().Is(Roles.Member) && ctx.Caller().MemberId == ctx.Source.MemberId
                ? ctx.Source.ExternalId
                : ctx.Source.Channel == IdentityChannel.Phone ? Masking.Phone(ctx.Source.ExternalId) : Masking.ExternalId(ctx.Source.ExternalId));
        Field(i => i.LinkedAt).Description("When the identity was linked to this member.");
    }
}
