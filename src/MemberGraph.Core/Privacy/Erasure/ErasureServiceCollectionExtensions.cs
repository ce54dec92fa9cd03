namespace MemberGraph.Privacy.Erasure;

public static class ErasureServiceCollectionExtensions
{
    /// <summary>
    /// Erasure (section <c>Privacy</c>: <c>ErasureCoolingOffDays</c>): requests and cancellations, the erasure itself and its
    /// <c>privacy-erasure</c> job (found by the jobs' assembly scan). What other features do when a member asks to be erased
    /// or is erased they register in their own <c>AddX</c>, as handlers of <see cref="ErasureRequested"/> and
    /// <see cref="MemberErased"/>.
    /// </summary>
    public static IServiceCollection AddErasure(this IServiceCollection services)
    {
        services.AddOptions<ErasureOptions>()
            .BindConfiguration(ErasureOptions.Section)
            .Validate(o => o.ErasureCoolingOffDays is >= 0 and <= 90, "Privacy:ErasureCoolingOffDays is between 0 and 90 days.")
            .ValidateOnStart();
        services.AddSingleton<ErasureService>();
        services.AddSingleton<MemberErasure>();
        return services;
    }
}
