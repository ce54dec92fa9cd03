namespace MemberGraph.Guides;

/// <summary>The <c>Guides</c> configuration section.</summary>
public sealed class GuideOptions
{
    public const string Section = "Guides";

    /// <summary>
    /// How far back an order at a store makes the buyer one of the members that store serves, whom its staff may
    /// assign to one of its guides (see <see cref="StoreAssignment"/>). 180 days by default.
    /// </summary>
    public int StoreAssignmentWindowDays { get; set; } = 180;
}
