namespace MemberGraph.Privacy;

public static class PrivacyRetentionServiceCollectionExtensions
{
    /// <summary>
    /// Retention of what has no reason to stay: the <c>Privacy:*</c> retention keys and the export folder the
    /// <c>privacy-export-purge</c> job empties (jobs are found by the jobs' assembly scan).
    /// </summary>
    public static IServiceCollection AddPrivacyRetention(this IServiceCollection services)
    {
        services.AddOptions<PrivacyRetentionOptions>().BindConfiguration(PrivacyRetentionOptions.Section)
            .Validate(privacy => privacy.ExportRetention > TimeSpan.Zero,
                "Privacy:ExportRetention must be longer than zero: an export must live long enough to be downloaded.")
            .ValidateOnStart();
        services.AddSingleton<PrivacyExportFolder>();
        return services;
    }
}
