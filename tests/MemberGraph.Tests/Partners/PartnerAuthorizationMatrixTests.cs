using System.Text.Json.Nodes;
using GraphQL.Types;
using MemberGraph.Auth;
using MemberGraph.Domain;
using MemberGraph.GraphQL;
using MemberGraph.GraphQL.Authorization;
using MemberGraph.Guides;
using MemberGraph.Members;
using MemberGraph.Orders;
using MemberGraph.Partners;
using MemberGraph.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace MemberGraph.Tests.Partners;

/// <summary>
/// Who may do what with partners, one case per cell: every caller role × the partner operations (admin, member, partner),
/// the federation fields and the member and order reads a partner token must not reach. Each case builds its own world: a
/// member with a phone, an exclusive guide and a till order at the guide's store, consenting to a partner; another member,
/// consenting to another partner; the partner's token from <c>POST /oauth/token</c>. Beside the cells, the schema itself:
/// the root fields and types partners may select are exactly those made for them. Which scope and consent each benefit
/// field needs is <see cref="PartnerBenefitAuthorizationMatrixTests"/>.
/// </summary>
public sealed class PartnerAuthorizationMatrixTests(GatewayFixture fixture) : IClassFixture<GatewayFixture>
{
    public enum CallerKind
    {
        Anonymous,
        MemberSelf,
        OtherMember,
        GuideOfTheMember,
        StaffOfTheStore,
        Ingestion,
        Partner,
        Admin,
    }

    public enum Operation
    {
        Me,
        MemberById,
        Members,
        OrderByNode,
        MemberOrders,
        PartnerMemberLookup,
        Partners,
        RegisterPartner,
        RotatePartnerSecret,
        SetPartnerStatus,
        PartnerConsentLedger,
        GrantPartnerConsent,
        RevokePartnerConsent,
        MemberPartnerConsents,
        PartnerByNode,
        Entities,
        EntitiesOfAnotherPartner,
        ServiceSdl,
        PartnerMemberBenefits,
        RedeemPartnerBenefit,
        CreditPartnerPoints,
        ExchangePointsForPartnerBenefit,
        PartnerSettlement,
        PartnerSettlementOfAnotherPartner,
    }

    public enum Outcome
    {
        Allowed,
        NotAuthenticated,
        NotAuthorized,
    }

    private const Outcome A = Outcome.Allowed;
    private const Outcome N = Outcome.NotAuthenticated;
    private const Outcome Z = Outcome.NotAuthorized;

    // Columns in the order of Operation: Me, MemberById, Members, OrderByNode, MemberOrders, PartnerMemberLookup, Partners,
    // RegisterPartner, RotatePartnerSecret, SetPartnerStatus, PartnerConsentLedger, GrantPartnerConsent, RevokePartnerConsent,
    // MemberPartnerConsents, PartnerByNode, Entities, EntitiesOfAnotherPartner, ServiceSdl, PartnerMemberBenefits,
    // RedeemPartnerBenefit, CreditPartnerPoints, ExchangePointsForPartnerBenefit, PartnerSettlement, PartnerSettlementOfAnotherPartner.
    private static readonly Dictionary<CallerKind, Outcome[]> Expected = new()
    {
        [CallerKind.Anonymous] = [N, N, N, N, N, N, N, N, N, N, N, N, N, N, N, N, N, N, N, N, N, N, N, N],
        [CallerKind.MemberSelf] = [A, A, Z, A, A, Z, Z, Z, Z, Z, Z, A, A, A, Z, Z, Z, Z, Z, Z, Z, A, Z, Z],
        [CallerKind.OtherMember] = [A, Z, Z, Z, Z, Z, Z, Z, Z, Z, Z, A, A, Z, Z, Z, Z, Z, Z, Z, Z, A, Z, Z],
        [CallerKind.GuideOfTheMember] = [Z, A, A, A, A, Z, Z, Z, Z, Z, Z, Z, Z, Z, Z, Z, Z, Z, Z, Z, Z, Z, Z, Z],
        [CallerKind.StaffOfTheStore] = [Z, A, A, A, A, Z, Z, Z, Z, Z, Z, Z, Z, Z, Z, Z, Z, Z, Z, Z, Z, Z, Z, Z],
        [CallerKind.Ingestion] = [Z, Z, Z, A, Z, Z, Z, Z, Z, Z, Z, Z, Z, Z, Z, Z, Z, Z, Z, Z, Z, Z, Z, Z],
        [CallerKind.Partner] = [Z, Z, Z, Z, Z, A, Z, Z, Z, Z, Z, Z, Z, Z, Z, A, Z, A, A, A, A, Z, A, Z],
        [CallerKind.Admin] = [Z, A, A, A, A, Z, A, A, A, A, A, Z, Z, A, A, Z, Z, A, Z, Z, Z, Z, A, A],
    };

    public static TheoryData<CallerKind, Operation, Outcome> Cells()
    {
        var data = new TheoryData<CallerKind, Operation, Outcome>();
        foreach (var (caller, outcomes) in Expected)
        {
            foreach (var operation in Enum.GetValues<Operation>())
            {
                data.Add(caller, operation, outcomes[(int)operation]);
            }
        }

        return data;
    }

    [Fact]
    public void The_table_covers_every_caller_and_operation()
    {
        Assert.Equal(Enum.GetValues<CallerKind>().Length, Expected.Count);
        Assert.All(Expected.Values, row => Assert.Equal(Enum.GetValues<Operation>().Length, row.Length));
    }

    [Theory]
    [MemberData(nameof(Cells))]
    public async Task Partner_operations_and_member_reads_follow_the_authorization_matrix(CallerKind caller, Operation operation, Outcome expected)
    {
        // given
        var world = await World.BuildAsync(fixture.Gateway,
            withPartnerCoupon: operation is Operation.PartnerMemberBenefits or Operation.RedeemPartnerBenefit);
        var token = world.TokenFor(caller);

        // when
        var (field, query, variables) = Request(world, operation);
        var response = await fixture.Gateway.GraphQLAsync(query, variables, token);

        // then
        if (expected == Outcome.Allowed)
        {
            AssertAnswered(world, caller, operation, response.OkData()[field]!);
            return;
        }

        var code = expected == Outcome.NotAuthenticated ? ErrorCodes.NotAuthenticated : ErrorCodes.NotAuthorized;
        var error = response.Errors?.FirstOrDefault(e => e?["extensions"]?["code"]?.GetValue<string>() == code);
        Assert.True(error is not null, $"Expected {code}, got: {response.Body}");
        Assert.True(At(response.Data, error["path"] as JsonArray) is null, $"Expected no data where {code} was reported, got: {response.Body}");
    }

    [Fact]
    public async Task A_partner_token_may_not_select_member_order_or_guide_fields_even_where_a_field_would_give_it_one()
    {
        // given: a gateway with probe fields open to partners (and admins) that answer with a Member, an Order, a Guide
        await using var gateway = await GatewayHost.StartAsync(services: s => s.AddSingleton<IQueryFields, ProbeFields>());
        var partner = gateway.Token(new TokenSubject(Roles.Partner, PartnerId: 1, Scope: "benefits:read"));
        var admin = gateway.Token(new TokenSubject(Roles.Admin));

        foreach (var probe in new[] { "probeMember { id }", "probeOrder { id }", "probeGuide { id }" })
        {
            // when
            var byPartner = await gateway.GraphQLAsync($"{{ {probe} }}", token: partner);
            var byAdmin = await gateway.GraphQLAsync($"{{ {probe} }}", token: admin);

            // then: refused before anything runs for the partner; the same document runs for an admin
            Assert.Equal(ErrorCodes.NotAuthorized, byPartner.FirstErrorCode);
            Assert.Contains("reads only what is made for it", byPartner.Errors![0]!["message"]!.GetValue<string>());
            Assert.Null(byPartner.Data);
            Assert.Null(byAdmin.Errors);
        }
    }

    [Fact]
    public void Partner_tokens_may_select_only_the_root_fields_and_types_made_for_partners()
    {
        // given
        var schema = fixture.Gateway.Service<MemberGraphSchema>();
        schema.Initialize();

        // when
        var roots = new[] { schema.Query, schema.Mutation, schema.Subscription }.OfType<IObjectGraphType>()
            .SelectMany(root => root.Fields.Where(f => f.RequiredRoles()?.Contains(Roles.Partner) == true).Select(f => $"{root.Name}.{f.Name}"))
            .Order(StringComparer.Ordinal);
        var types = schema.AllTypes.Where(t => t is IComplexGraphType or IAbstractGraphType && t.MayRead(Roles.Partner)
                                               && t != schema.Query && t != schema.Mutation && t != schema.Subscription)
            .Select(t => t.Name).Order(StringComparer.Ordinal);
        var memberFields = ((IObjectGraphType)schema.AllTypes["PartnerMember"]!).Fields.Select(f => f.Name).Order(StringComparer.Ordinal);

        // then
        Assert.Equal(["Mutation.creditPartnerPoints", "Mutation.redeemPartnerBenefit", "Query._entities", "Query._service",
            "Query.partnerMemberLookup", "Query.partnerSettlement"], roots);
        Assert.Equal(["CreditPartnerPointsPayload", "Node", "PageInfo", "PartnerCoupon", "PartnerMember", "PartnerPoints",
            "PartnerSettlement", "PartnerTransaction", "PartnerTransactionConnection", "PartnerTransactionEdge",
            "RedeemPartnerBenefitPayload", "UserError", "_Service"], types);
        Assert.Equal(["coupons", "displayName", "id", "points", "purposes", "tierName"], memberFields);
    }

    private sealed class ProbeFields : IQueryFields
    {
        public void AddTo(QueryType query)
        {
            query.Field<MemberType>("probeMember").Authorize(Roles.Partner, Roles.Admin).RequireScope(PartnerScope.BenefitsRead).Resolve(_ => null);
            query.Field<OrderType>("probeOrder").Authorize(Roles.Partner, Roles.Admin).RequireScope(PartnerScope.BenefitsRead).Resolve(_ => null);
            query.Field<GuideType>("probeGuide").Authorize(Roles.Partner, Roles.Admin).RequireScope(PartnerScope.BenefitsRead).Resolve(_ => null);
        }
    }

    private static JsonNode? At(JsonNode? data, JsonArray? path)
    {
        foreach (var step in path ?? [])
        {
            data = step!.GetValueKind() == System.Text.Json.JsonValueKind.Number ? data?[step.GetValue<int>()] : data?[step.GetValue<string>()];
        }

        return data;
    }

    private static (string Field, string Query, object? Variables) Request(World world, Operation operation)
    {
        var member = new { id = world.TargetId };
        var partner = new { id = world.Partner.Id };
        return operation switch
        {
            Operation.Me => ("me", "{ me { id } }", null),
            Operation.MemberById => ("member", "query($id: ID!) { member(id: $id) { id } }", member),
            Operation.Members => ("members", "query($phone: String) { members(where: { phone: $phone }) { edges { node { id } } } }",
                new { phone = world.TargetPhone }),
            Operation.OrderByNode => ("node", "query($id: ID!) { node(id: $id) { id } }", new { id = GlobalId.Encode("Order", world.OrderId) }),
            Operation.MemberOrders => ("member", "query($id: ID!) { member(id: $id) { orders(first: 5) { edges { node { id } } } } }", member),
            Operation.PartnerMemberLookup => ("partnerMemberLookup", PartnerKit.LookupByPhone, new { phone = world.TargetPhone }),
            Operation.Partners => ("partners", "{ partners(first: 5) { totalCount edges { node { id clientId } } } }", null),
            Operation.RegisterPartner => ("registerPartner", PartnerKit.Register,
                new { name = $"登记 {TestData.Next()}", scopes = new[] { "BENEFITS_READ" } }),
            Operation.RotatePartnerSecret => ("rotatePartnerSecret", PartnerKit.Rotate, partner),
            Operation.SetPartnerStatus => ("setPartnerStatus", PartnerKit.SetStatus, new { id = world.Partner.Id, status = "ACTIVE" }),
            Operation.PartnerConsentLedger =>
                ("partnerConsentLedger", "query($id: ID!) { partnerConsentLedger(memberId: $id) { totalCount } }", member),
            Operation.GrantPartnerConsent => ("grantPartnerConsent", PartnerKit.Grant, new { id = world.Partner.Id, purpose = "BENEFITS" }),
            Operation.RevokePartnerConsent => ("revokePartnerConsent", PartnerKit.Revoke, new { id = world.Partner.Id, purpose = "BENEFITS" }),
            Operation.MemberPartnerConsents =>
                ("member", "query($id: ID!) { member(id: $id) { partnerConsents { purpose partner { id } } } }", member),
            Operation.PartnerByNode => ("node", "query($id: ID!) { node(id: $id) { id } }", partner),
            Operation.Entities => ("_entities", PartnerKit.Entities(), new { representations = PartnerKit.Representations(world.Pairwise) }),
            Operation.EntitiesOfAnotherPartner =>
                ("_entities", PartnerKit.Entities(), new { representations = PartnerKit.Representations(world.OthersPairwise) }),
            Operation.ServiceSdl => ("_service", "{ _service { sdl } }", null),
            Operation.PartnerMemberBenefits => ("partnerMemberLookup",
                "query($phone: String!) { partnerMemberLookup(phone: $phone) { id tierName coupons { code status } } }",
                new { phone = world.TargetPhone }),
            Operation.RedeemPartnerBenefit => ("redeemPartnerBenefit", PartnerBenefitKit.Redeem, new { code = world.PartnerCouponCode, txn = "MATRIX-1" }),
            Operation.CreditPartnerPoints => ("creditPartnerPoints", PartnerBenefitKit.Credit, new { member = world.Pairwise, txn = "MATRIX-2", points = 100 }),
            Operation.ExchangePointsForPartnerBenefit => ("exchangePointsForPartnerBenefit", PartnerBenefitKit.Exchange,
                new { templateId = world.PartnerTemplateId, key = "matrix-3" }),
            Operation.PartnerSettlement => ("partnerSettlement", PartnerBenefitKit.Settlement, new { partnerId = world.Partner.Id, date = PartnerBenefitKit.Today }),
            Operation.PartnerSettlementOfAnotherPartner => ("partnerSettlement", PartnerBenefitKit.Settlement,
                new { partnerId = world.OtherPartnerId, date = PartnerBenefitKit.Today }),
            _ => throw new ArgumentOutOfRangeException(nameof(operation)),
        };
    }

    private static void AssertAnswered(World world, CallerKind caller, Operation operation, JsonNode data)
    {
        switch (operation)
        {
            case Operation.Me:
                Assert.Equal(caller == CallerKind.MemberSelf ? world.TargetId : world.OtherId, data["id"]!.GetValue<string>());
                break;
            case Operation.MemberById:
                Assert.Equal(world.TargetId, data["id"]!.GetValue<string>());
                break;
            case Operation.Members:
                Assert.Equal([world.TargetId], data["edges"]!.AsArray().Select(e => e!["node"]!["id"]!.GetValue<string>()));
                break;
            case Operation.OrderByNode:
                Assert.Equal(GlobalId.Encode("Order", world.OrderId), data["id"]!.GetValue<string>());
                break;
            case Operation.MemberOrders:
                var orders = data["orders"]!["edges"]!.AsArray().Select(e => e!["node"]!["id"]!.GetValue<string>());
                Assert.Equal([GlobalId.Encode("Order", world.OrderId)], orders);
                break;
            case Operation.PartnerMemberLookup:
                Assert.Matches("^[0-9A-Z]{24}$", data["id"]!.GetValue<string>());
                break;
            case Operation.Partners:
                Assert.True(data["totalCount"]!.GetValue<int>() >= 1);
                break;
            case Operation.PartnerConsentLedger:
                Assert.Equal(1, data["totalCount"]!.GetValue<int>());
                break;
            case Operation.MemberPartnerConsents:
                Assert.Equal(world.Partner.Id, Assert.Single(data["partnerConsents"]!.AsArray())!["partner"]!["id"]!.GetValue<string>());
                break;
            case Operation.PartnerByNode:
                Assert.Equal(world.Partner.Id, data["id"]!.GetValue<string>());
                break;
            case Operation.Entities:
                var entity = Assert.Single(data.AsArray())!;
                Assert.Equal((world.Pairwise, "普通"), (entity["id"]!.GetValue<string>(), entity["tierName"]!.GetValue<string>()));
                break;
            case Operation.ServiceSdl:
                Assert.Contains("type PartnerMember @key(fields: \"id\")", data["sdl"]!.GetValue<string>());
                break;
            case Operation.PartnerMemberBenefits:
                Assert.Equal((world.Pairwise, "普通"), (data["id"]!.GetValue<string>(), data["tierName"]!.GetValue<string>()));
                Assert.Equal("AVAILABLE", Assert.Single(data["coupons"]!.AsArray())!["status"]!.GetValue<string>());
                break;
            case Operation.RedeemPartnerBenefit:
                Assert.Equal(("REDEMPTION", world.Pairwise), (data["transaction"]!["kind"]!.GetValue<string>(),
                    data["transaction"]!["memberId"]!.GetValue<string>()));
                break;
            case Operation.CreditPartnerPoints:
                // past authorization, at the partner's configuration: this test partner has no points rate
                Assert.Equal("PARTNER_CREDIT_NOT_CONFIGURED", data["errors"]![0]!["code"]!.GetValue<string>());
                break;
            case Operation.ExchangePointsForPartnerBenefit:
                // past authorization, at the benefit: the world's partner benefit is claimed, not sold for points
                Assert.Equal("COUPON_NOT_CLAIMABLE", data["errors"]![0]!["code"]!.GetValue<string>());
                break;
            case Operation.PartnerSettlement or Operation.PartnerSettlementOfAnotherPartner:
                Assert.Equal((0, 0), (data["redemptions"]!.GetValue<int>(), data["credits"]!.GetValue<int>()));
                break;
            default: // the mutations: a payload without errors
                Assert.Empty(data["errors"]!.AsArray());
                break;
        }
    }

    private sealed record World(
        GatewayHost Gateway, PartnerKit Kit, long Target, long Other, string TargetPhone, Guide Guide, long StoreId, long OrderId,
        RegisteredPartner Partner, string PartnerToken, string Pairwise, string OthersPairwise, string OtherPartnerId,
        string PartnerTemplateId, string? PartnerCouponCode)
    {
        public string TargetId => GlobalId.Encode("Member", Target);
        public string OtherId => GlobalId.Encode("Member", Other);

        /// <summary>The world of one cell; <paramref name="withPartnerCoupon"/>: the target also holds a coupon of the partner's benefit.</summary>
        public static async Task<World> BuildAsync(GatewayHost gateway, bool withPartnerCoupon)
        {
            var kit = new PartnerKit(gateway);
            var store = await kit.Data.StoreAsync();
            var guide = await kit.Data.GuideAsync(store.Id);
            var (target, phone) = await kit.MemberAsync();
            var (other, _) = await kit.MemberAsync();
            await kit.Data.RelationshipAsync(target, guide.Id);
            var order = await kit.Data.OrderAsync(target, store.Id, DateTime.UtcNow.AddDays(-1));
            var partner = await kit.RegisterAsync("BENEFITS_READ", "BENEFITS_REDEEM", "POINTS_EXCHANGE");
            await kit.GrantAsync(target, partner.Id);
            var otherPartner = await kit.RegisterAsync();
            await kit.GrantAsync(other, otherPartner.Id);
            var template = await kit.PartnerTemplateAsync(partner);
            var coupon = withPartnerCoupon ? (await kit.ClaimedAsync(template, target))["code"]!.GetValue<string>() : null;

            return new World(gateway, kit, target, other, phone, guide, store.Id, order.Id, partner, await kit.TokenAsync(partner),
                await kit.PairwiseIdAsync(target, partner), await kit.PairwiseIdAsync(other, otherPartner), otherPartner.Id, template, coupon);
        }

        public string? TokenFor(CallerKind caller) => caller switch
        {
            CallerKind.Anonymous => null,
            CallerKind.MemberSelf => Kit.Data.MemberToken(Target),
            CallerKind.OtherMember => Kit.Data.MemberToken(Other),
            CallerKind.GuideOfTheMember => Kit.Data.GuideToken(Guide),
            CallerKind.StaffOfTheStore => Kit.Data.StaffToken(StoreId),
            CallerKind.Ingestion => Gateway.Token(new TokenSubject(Roles.Ingestion, Scope: "channel:POS")),
            CallerKind.Partner => PartnerToken,
            CallerKind.Admin => Kit.AdminToken,
            _ => throw new ArgumentOutOfRangeException(nameof(caller)),
        };
    }
}
