using GraphQL.Types;
using MemberGraph.Auth;
using MemberGraph.GraphQL;
using MemberGraph.GraphQL.Authorization;

namespace MemberGraph.Privacy;

public sealed class ConsentQueries(SubscribeMessageTemplates templates) : IQueryFields
{
    public void AddTo(QueryType query) =>
        query.Field<NonNullGraphType<ListGraphType<NonNullGraphType<SubscribeMessageTemplateType>>>>("subscribeMessageTemplates")
            .Description("The subscribe-message templates this gateway sends (members): the ids the mini-program passes to " +
                         "wx.requestSubscribeMessage, then to recordSubscribeMessageConsent. Empty when none is configured.")
            .Authorize(Roles.Member)
            .Resolve(_ => templates.All().Select(t => new SubscribeMessageTemplate(t.Purpose, t.TemplateId)).ToList());
}
