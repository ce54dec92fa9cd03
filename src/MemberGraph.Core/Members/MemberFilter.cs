using MemberGraph.Data;
using MemberGraph.Domain;

namespace MemberGraph.Members;

/// <summary>The <c>where</c> of members(...): every given condition must hold.</summary>
public sealed record MemberFilter
{
    public string? Phone { get; init; }
    public bool? Registered { get; init; }
    public string? StoreId { get; init; }
    public string? NameContains { get; init; }

    /// <summary>The store asked for, decoded; BAD_USER_INPUT when the id is not a store id.</summary>
    public long? StoreKey() => StoreId is null
        ? null
        : GlobalId.TryDecode(StoreId, "Store") ?? throw RequestRefusedException.BadInput($"'{StoreId}' is not a Store id.");

    public IQueryable<Member> Apply(IQueryable<Member> members, MemberGraphDb db)
    {
        if (!string.IsNullOrWhiteSpace(Phone))
        {
            var phone = Phone.Trim();
            members = members.Where(m => m.Phone == phone);
        }

        if (Registered is { } registered)
        {
            members = registered ? members.Where(m => m.RegisteredAt != null) : members.Where(m => m.RegisteredAt == null);
        }

        if (StoreKey() is { } storeId)
        {
            members = members.OfStore(db, storeId);
        }

        if (!string.IsNullOrWhiteSpace(NameContains))
        {
            var text = NameContains.Trim();
            members = members.Where(m => m.DisplayName.Contains(text));
        }

        return members;
    }
}
