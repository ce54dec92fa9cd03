using System.Text.RegularExpressions;
using GraphQL.Types;
using MemberGraph.Auth;
using MemberGraph.GraphQL;
using MemberGraph.GraphQL.Authorization;
using MemberGraph.Partners;
using MemberGraph.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace MemberGraph.Tests.Partners;

/// <summary>
/// The mechanism behind the partner scopes (<see cref="PartnerScopeAuthorization"/>, <see cref="PartnerScopeEnforcement"/>),
/// on probe fields of gateways of their own: checked whatever the order of the declaration, binding partner tokens only,
/// refusing at the field's path; a root field open to partners that names no scope stops the schema from being built;
/// and, on the real schema, every scoped field says its scope in its description.
/// </summary>
public sealed class PartnerScopeEnforcementTests(GatewayFixture fixture) : IClassFixture<GatewayFixture>
{
    [Fact]
    public async Task A_scoped_field_refuses_a_partner_token_without_the_scope_at_its_path_whatever_the_order_of_its_declaration()
    {
        // given: two probes needing points:exchange, one naming the scope before its resolver and one after
        await using var gateway = await GatewayHost.StartAsync(services: s => s.AddSingleton<IQueryFields, ScopedProbes>());
        var benefitsOnly = gateway.Token(new TokenSubject(Roles.Partner, PartnerId: 1, Scope: "benefits:read benefits:redeem"));
        var points = gateway.Token(new TokenSubject(Roles.Partner, PartnerId: 1, Scope: "points:exchange"));
        var admin = gateway.Token(new TokenSubject(Roles.Admin));
        const string query = "{ before: probeScopeBefore after: probeScopeAfter }";

        // when
        var refused = await gateway.GraphQLAsync(query, token: benefitsOnly);
        var byPoints = await gateway.GraphQLAsync(query, token: points);
        var byAdmin = await gateway.GraphQLAsync(query, token: admin);

        // then: null with AUTH_NOT_AUTHORIZED at each probe's own path; the scope and admins (whose tokens carry none) read both
        Assert.Equal("""{"before":null,"after":null}""", refused.Data!.ToJsonString());
        Assert.Equal(["[\"after\"]", "[\"before\"]"], refused.Errors!.Select(e => e!["path"]!.ToJsonString()).Order());
        Assert.All(refused.Errors!, e =>
        {
            Assert.Equal("AUTH_NOT_AUTHORIZED", e!["extensions"]!["code"]!.GetValue<string>());
            Assert.Contains("needs the scope points:exchange, and it holds benefits:read benefits:redeem", e["message"]!.GetValue<string>());
        });
        Assert.Equal("""{"before":"probed","after":"probed"}""", byPoints.OkData().ToJsonString());
        Assert.Equal("""{"before":"probed","after":"probed"}""", byAdmin.OkData().ToJsonString());
    }

    [Fact]
    public async Task A_root_field_open_to_partners_that_names_no_scope_stops_the_schema_from_being_built()
    {
        // given
        await using var gateway = await GatewayHost.StartAsync(services: s => s.AddSingleton<IQueryFields, UnscopedProbe>());

        // when
        var failure = Assert.Throws<InvalidOperationException>(() => gateway.Service<MemberGraphSchema>().Initialize());

        // then
        Assert.Contains("Query.probeUnscoped is open to partners but names no scope", failure.Message);
    }

    [Fact]
    public void Every_scoped_field_says_its_scope_in_its_description()
    {
        var schema = fixture.Gateway.Service<MemberGraphSchema>();
        schema.Initialize();
        var anyScope = PartnerScopes.All.Select(PartnerScopes.Word).ToHashSet();

        var scoped = schema.AllTypes.OfType<IObjectGraphType>()
            .SelectMany(type => type.Fields.Select(field => (Name: $"{type.Name}.{field.Name}", field.Description, Scopes: field.RequiredScopes())))
            .Where(f => f.Scopes is not null)
            .ToList();

        Assert.Contains(scoped, f => f.Name == "Query.partnerMemberLookup");
        Assert.All(scoped, f =>
        {
            var says = f.Scopes!.ToHashSet().SetEquals(anyScope)
                ? Regex.IsMatch(f.Description ?? "", "any (partner )?scope", RegexOptions.IgnoreCase)
                : f.Scopes!.All(word => f.Description?.Contains(word) == true);
            Assert.True(says, $"{f.Name} needs {string.Join(" or ", f.Scopes!)} but its description does not say so: {f.Description}");
        });
    }

    private sealed class ScopedProbes : IQueryFields
    {
        public void AddTo(QueryType query)
        {
            query.Field<StringGraphType>("probeScopeBefore").Authorize(Roles.Partner, Roles.Admin)
                .RequireScope(PartnerScope.PointsExchange).Resolve(_ => "probed");
            query.Field<StringGraphType>("probeScopeAfter").Authorize(Roles.Partner, Roles.Admin)
                .Resolve(_ => "probed").RequireScope(PartnerScope.PointsExchange);
        }
    }

    private sealed class UnscopedProbe : IQueryFields
    {
        public void AddTo(QueryType query) =>
            query.Field<StringGraphType>("probeUnscoped").Authorize(Roles.Partner).Resolve(_ => "probed");
    }
}
