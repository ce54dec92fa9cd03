namespace MemberGraph.Privacy;

public static class PrivacyRetentionServiceCollectionExtensions
{
    /// <summary>
    /// Retention of what has no reason to stay: the <c>Privacy:*</c> retention keys of the <c>access-log-purge</c> and
    /// <c>subscribe-message-purge</c> jobs (jobs are found by the jobs' assembly scan; <c>privacy-export-purge</c> needs no key).
    /// </summary>
    public static IServiceCollection AddPrivacyRetention(this IServiceCollection services)
    {
        services.AddOptions<PrivacyRetentionOptions>().BindConfiguration(PrivacyRetentionOptions.Section)
            .Validate(privacy => privacy.AccessLogRetention >= PrivacyRetentionOptions.MinimumAccessLogRetention,
                "Privacy:AccessLogRetention must be at least 180 days: the Cybersecurity Law (Art. 21) asks network logs to be kept six months.")
            .Validate(privacy => privacy.SubscribeMessageRetention > TimeSpan.Zero,
                "Privacy:SubscribeMessageRetention must be longer than zero.")
            .ValidateOnStart();
        return services;
    }
}
