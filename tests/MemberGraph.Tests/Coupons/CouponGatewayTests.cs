using MemberGraph.Data;
using MemberGraph.Tests.Infrastructure;

namespace MemberGraph.Tests.Coupons;

/// <summary>
/// Coupon tests on a gateway of their own (one per test), with a <see cref="CouponKit"/> on it: these classes count the
/// audit entries or coupons of an operation across the whole database (<see cref="CouponKit.AuditAsync"/>), which holds
/// only when no other test wrote to it. Classes that count only their own rows share a <see cref="GatewayFixture"/>.
/// </summary>
public abstract class CouponGatewayTests(DatabaseKind database = DatabaseKind.Sqlite) : IAsyncLifetime
{
    protected GatewayHost Gateway { get; private set; } = null!;

    private protected CouponKit Kit { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Gateway = await GatewayHost.StartAsync(database: database);
        Kit = new CouponKit(Gateway);
    }

    public async Task DisposeAsync() => await Gateway.DisposeAsync();
}
