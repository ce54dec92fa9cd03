using MemberGraph.Data;
using MemberGraph.Orders;
using Microsoft.Extensions.Options;

namespace MemberGraph.Commission;

/// <summary>
/// Decides which guide an order is credited to, before the order's transaction (see <see cref="AttributeOrder"/>). Candidates in order: the order's
/// explicit guide code; the share parameter's guide (share link <c>gc=</c>, or live stream <c>live=</c>); the member's
/// open exclusive guide. A candidate that is unknown or resigned gets nothing new and the next one is tried. With
/// <see cref="CrossStoreRule.StoreGuideInstead"/> a candidate from another store than the selling store is passed
/// over too; the other cross-store rules credit the guide (and <see cref="CrossStoreRule.NoCommission"/> pays nothing).
/// </summary>
public sealed class OrderAttributor(IOptions<CommissionOptions> options)
{
    public async Task<Attribution> AttributeAsync(MemberGraphDb db, string? guideCode, string? shareParameter, long memberId, long? storeId, CancellationToken cancellationToken)
    {
        var share = ShareParameter.Parse(shareParameter);
        var liveHost = share.LiveStreamId is { } live
            ? share.GuideCode ?? options.Value.LiveStreams.GetValueOrDefault(live)
            : null;
        var candidates = new List<(string Code, AttributionSource Source)>();
        if (!string.IsNullOrWhiteSpace(guideCode))
        {
            candidates.Add((guideCode, AttributionSource.GuideCode));
        }

        if (liveHost is not null)
        {
            candidates.Add((liveHost, AttributionSource.LiveStream));
        }
        else if (share.GuideCode is { } shared)
        {
            candidates.Add((shared, AttributionSource.ShareLink));
        }

        if (candidates.Count > 0)
        {
            var codes = candidates.ConvertAll(c => c.Code);
            var guides = await AttributionReads.ActiveGuidesAsync(db, codes, cancellationToken);
            foreach (var (code, source) in candidates)
            {
                if (guides.FirstOrDefault(g => g.GuideCode == code) is { } guide && Eligible(guide.StoreId, storeId))
                {
                    return new Attribution(guide.Id, guide.StoreId, source);
                }
            }
        }

        var exclusive = await AttributionReads.ExclusiveGuideAsync(db, memberId, cancellationToken);
        return exclusive is not null && Eligible(exclusive.StoreId, storeId)
            ? new Attribution(exclusive.Id, exclusive.StoreId, AttributionSource.ExclusiveGuide)
            : Attribution.None;
    }

    private bool Eligible(long guideStoreId, long? sellingStoreId) =>
        options.Value.CrossStore != CrossStoreRule.StoreGuideInstead || sellingStoreId is null || sellingStoreId == guideStoreId;
}
