namespace MemberGraph.Privacy.Export;

public static class DataExportEndpoints
{
    /// <summary>
    /// <c>GET /privacy/exports/{id}?expires=...&amp;signature=...</c>: the file of an <c>exportMyData</c> link, as an attachment,
    /// never cached. No bearer token: the signed link is the proof. A link this gateway did not sign is 403; an expired link or
    /// a file no longer kept is 404; neither says more.
    /// </summary>
    public static WebApplication MapDataExportDownloads(this WebApplication app)
    {
        app.MapGet(DataExportLinks.PathPrefix + "{id}", async (HttpContext http, string id, DataExportDownloads downloads) =>
        {
            http.Response.Headers.CacheControl = "no-store";
            http.Response.Headers.Pragma = "no-cache";
            http.Response.Headers.XContentTypeOptions = "nosniff";
            http.Response.Headers["Referrer-Policy"] = "no-referrer";
            var query = http.Request.Query;
            var download = await downloads.OpenAsync(id, query["expires"].FirstOrDefault(), query["signature"].FirstOrDefault(), http.RequestAborted);
            switch (download.Status)
            {
                case DataExportDownloadStatus.Ok:
                    http.Response.Headers.ContentDisposition = $"attachment; filename=\"membergraph-my-data-{download.BusinessDay:yyyy-MM-dd}.json\"";
                    return Results.Text(download.Content!, "application/json; charset=utf-8");
                case DataExportDownloadStatus.Forged:
                    return Results.StatusCode(StatusCodes.Status403Forbidden);
                default:
                    return Results.StatusCode(StatusCodes.Status404NotFound);
            }
        });
        return app;
    }
}
