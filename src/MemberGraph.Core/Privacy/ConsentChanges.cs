namespace MemberGraph.Privacy;

/// <summary>What a consent mutation left: whose consents, and the ledger entries it wrote (none when nothing changed).</summary>
public sealed record ConsentChanges(long MemberId, IReadOnlyList<ConsentLedgerEntry> LedgerEntries);
