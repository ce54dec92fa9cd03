namespace MemberGraph.Audit;

/// <summary>Who did what to which target, for every mutation that moves value or personal data.</summary>
public sealed class AuditEntry
{
    public long Id { get; set; }
    public string Subject { get; set; } = "";
    public string Role { get; set; } = "";
    public string Operation { get; set; } = "";
    public string Target { get; set; } = "";
    public string? Detail { get; set; }
    public DateTime At { get; set; }
}
