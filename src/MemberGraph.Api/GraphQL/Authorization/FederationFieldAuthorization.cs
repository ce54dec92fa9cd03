using GraphQL.Types;
using GraphQL.Utilities;
using MemberGraph.Auth;
using MemberGraph.Partners;

namespace MemberGraph.GraphQL.Authorization;

/// <summary>
/// Who may select the Apollo Federation root fields, which GraphQL.NET adds to <c>Query</c> after the schema is built (so
/// no feature can declare them): <c>_service</c> for partners' gateways and for admins' tooling, <c>_entities</c> for
/// partners only (it resolves nothing but the calling partner's consenting members). Everyone else is refused like for
/// any field not theirs. A partner token needs any of the partner scopes for either (<see cref="PartnerScopeAuthorization"/>).
/// The <c>_Service</c> type is opened to partners, who otherwise read only what is made for them, and so is <c>PageInfo</c>
/// (no data of anyone's), for the pages of their settlement. Registered after <c>AddFederation</c>, so it runs after the
/// federation visitors that add the fields.
/// </summary>
public sealed class FederationFieldAuthorization : BaseSchemaNodeVisitor
{
    public override void PostVisitSchema(ISchema schema)
    {
        if (schema.Query.GetField("_service") is { } service)
        {
            service.Authorize(Roles.Partner, Roles.Admin).RequireScope([.. PartnerScopes.All]);
            service.Description = "Apollo Federation: this subgraph's SDL, for a partner's gateway (a partner token with any scope) and admins.";
        }

        if (schema.Query.GetField("_entities") is { } entities)
        {
            entities.Authorize(Roles.Partner).RequireScope([.. PartnerScopes.All]);
            entities.Description = "Apollo Federation: the PartnerMembers of these representations, for a partner token with any scope: each " +
                                   "is the calling partner's member with live consent, else null with AUTH_NOT_AUTHORIZED at its index.";
        }
        schema.AllTypes["_Service"]?.ReadableBy(Roles.Partner);
        schema.AllTypes["PageInfo"]?.ReadableBy(Roles.Partner);
    }
}
