namespace MemberGraph.Privacy.Erasure;

/// <summary>The erasure keys of the <c>Privacy</c> configuration section.</summary>
public sealed class ErasureOptions
{
    public const string Section = "Privacy";

    /// <summary>
    /// The cooling-off period (注销冷静期) between <c>requestErasure</c> and the erasure, in days: 7 by default, 0 to 90.
    /// Within it the request can be cancelled; after it the <c>privacy-erasure</c> job erases at its next run.
    /// </summary>
    public int ErasureCoolingOffDays { get; set; } = 7;
}
