namespace MemberGraph.Seeding;

/// <summary>How far a seed run is: which step, and done out of total for that step.</summary>
public sealed record SeedProgress(string Step, long Done, long Total);
