using GraphQL.Types;
using MemberGraph.Stores;

namespace MemberGraph.Coupons;

/// <summary>The CLR shape of <see cref="RecommendationContextInputType"/>.</summary>
public sealed class RecommendationContextInput
{
    public GeoPoint Location { get; set; } = new();
    public Weather Weather { get; set; }
    public DateTime? At { get; set; }
}

public sealed class RecommendationContextInputType : InputObjectGraphType<RecommendationContextInput>
{
    public RecommendationContextInputType()
    {
        Name = "RecommendationContextInput";
        Description = "The member's scene: where they are, the weather there, and the time (now when left out).";
        Field(c => c.Location, type: typeof(NonNullGraphType<GeoPointInputType>)).Description("The member's position.");
        Field(c => c.Weather, type: typeof(NonNullGraphType<WeatherType>)).Description("The weather at that position.");
        Field(c => c.At, nullable: true).Description("The moment to recommend for (default now); late evening is judged in China time (UTC+8).");
    }
}

public sealed class CouponRecommendationsType : ObjectGraphType<CouponRecommendations>
{
    public CouponRecommendationsType()
    {
        Name = "CouponRecommendations";
        Description = "Coupons worth claiming in the member's scene, best first.";
        Field<NonNullGraphType<RecommendationSceneType>>("scene").Description("The scene the rules saw.").Resolve(ctx => ctx.Source.Scene);
        Field(r => r.At).Description("The moment recommended for (UTC).");
        Field<NearbyStoreType>("nearestStore").Description("The nearest store within reach; null when none is near.").Resolve(ctx => ctx.Source.NearestStore);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<CouponRecommendationType>>>>("items").Description("The recommendations, best first.").Resolve(ctx => ctx.Source.Items);
    }
}

public sealed class CouponRecommendationType : ObjectGraphType<CouponRecommendation>
{
    public CouponRecommendationType()
    {
        Name = "CouponRecommendation";
        Description = "One claimable coupon template and why it fits the scene.";
        Field<NonNullGraphType<CouponTemplateType>>("template").Description("The template to claim.").Resolve(ctx => ctx.Source.Template);
        Field<NonNullGraphType<RecommendationReasonType>>("reasonCode").Description("The rule that chose it.").Resolve(ctx => ctx.Source.ReasonCode);
        Field(r => r.Reason).Description("Why, in words for the member (Chinese), naming the store and its distance.");
        Field<NonNullGraphType<NearbyStoreType>>("store").Description("The store that delivers it or where it can be used.").Resolve(ctx => ctx.Source.Store);
    }
}
