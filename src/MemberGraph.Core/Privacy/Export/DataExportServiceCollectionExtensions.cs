using MemberGraph.Domain;
using MemberGraph.Privacy.Erasure;

namespace MemberGraph.Privacy.Export;

public static class DataExportServiceCollectionExtensions
{
    /// <summary>
    /// Exports of a member's data (section <c>Privacy</c>: <c>ExportLinkMinutes</c>): the document, the signed links, the
    /// service of <c>exportMyData</c> and the downloads the API's endpoint serves; an erased member's exports are deleted.
    /// </summary>
    public static IServiceCollection AddDataExport(this IServiceCollection services)
    {
        services.AddOptions<DataExportOptions>()
            .BindConfiguration(DataExportOptions.Section)
            .Validate(o => o.ExportLinkMinutes is >= 1 and <= 60, "Privacy:ExportLinkMinutes is between 1 and 60.")
            .ValidateOnStart();
        services.AddSingleton<DataExportDocument>();
        services.AddSingleton<DataExportLinks>();
        services.AddSingleton<DataExportService>();
        services.AddSingleton<DataExportDownloads>();
        services.AddDomainEventHandler<MemberErased, ForgetExportsOnErasure>();
        return services;
    }
}
