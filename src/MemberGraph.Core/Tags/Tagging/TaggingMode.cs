namespace MemberGraph.Tags.Tagging;

/// <summary>How much a tagging run re-evaluates.</summary>
public enum TaggingMode
{
    /// <summary>Every member against every rule (nightly): catches what only the passing of time changes.</summary>
    Full = 1,

    /// <summary>Only members touched since the last successful run, plus every member for rules defined or changed since.</summary>
    Incremental = 2,
}
