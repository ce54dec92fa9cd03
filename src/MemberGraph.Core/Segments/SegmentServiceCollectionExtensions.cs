namespace MemberGraph.Segments;

public static class SegmentServiceCollectionExtensions
{
    /// <summary>Segments: previews, saves and pages of members selected by a segment expression.</summary>
    public static IServiceCollection AddSegments(this IServiceCollection services) =>
        services.AddSingleton<SegmentService>();
}
