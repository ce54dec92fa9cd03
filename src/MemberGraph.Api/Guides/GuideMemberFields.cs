using GraphQL.Types;
using MemberGraph.Members;
using MemberGraph.Stores;

namespace MemberGraph.Guides;

/// <summary><c>Member.exclusiveGuide</c> and <c>Member.serviceStore</c>: both follow the member's open exclusive relationship.</summary>
public sealed class GuideMemberFields : IMemberFields
{
    public void AddTo(MemberType member)
    {
        member.Field<GuideType>("exclusiveGuide")
            .Description("The member's exclusive guide (专属导购); null when none is assigned.")
            .Resolve(ctx => ctx.ExclusiveGuideByMember().Load(ctx.Source.Id));
        member.Field<StoreType>("serviceStore")
            .Description("The store that serves the member: the store of their exclusive guide; null without one.")
            .Resolve(ctx => ctx.ServiceStoreByMember().Load(ctx.Source.Id));
    }
}
