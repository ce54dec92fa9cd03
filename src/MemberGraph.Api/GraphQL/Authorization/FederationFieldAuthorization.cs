using GraphQL.Types;
using GraphQL.Utilities;
using MemberGraph.Auth;

namespace MemberGraph.GraphQL.Authorization;

/// <summary>
/// Who may select the Apollo Federation root fields, which GraphQL.NET adds to <c>Query</c> after the schema is built (so
/// no feature can declare them): <c>_service</c> for partners' gateways and for admins' tooling, <c>_entities</c> for
/// partners only (it resolves nothing but the calling partner's consenting members). Everyone else is refused like for
/// any field not theirs. The <c>_Service</c> type is opened to partners, who otherwise read only what is made for them, and
/// so is <c>PageInfo</c> (no data of anyone's), for the pages of their settlement.
/// Registered after <c>AddFederation</c>, so it runs after the federation visitors that add the fields.
/// </summary>
public sealed class FederationFieldAuthorization : BaseSchemaNodeVisitor
{
    public override void PostVisitSchema(ISchema schema)
    {
        schema.Query.GetField("_service")?.Authorize(Roles.Partner, Roles.Admin);
        schema.Query.GetField("_entities")?.Authorize(Roles.Partner);
        schema.AllTypes["_Service"]?.ReadableBy(Roles.Partner);
        schema.AllTypes["PageInfo"]?.ReadableBy(Roles.Partner);
    }
}
