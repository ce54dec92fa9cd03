using MemberGraph.Tests.Infrastructure;

namespace MemberGraph.Tests.Coupons;

/// <summary>Coupon tests on a gateway of their own (one per test), with a <see cref="CouponKit"/> on it.</summary>
public abstract class CouponGatewayTests : IAsyncLifetime
{
    protected GatewayHost Gateway { get; private set; } = null!;

    private protected CouponKit Kit { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Gateway = await GatewayHost.StartAsync();
        Kit = new CouponKit(Gateway);
    }

    public async Task DisposeAsync() => await Gateway.DisposeAsync();
}
