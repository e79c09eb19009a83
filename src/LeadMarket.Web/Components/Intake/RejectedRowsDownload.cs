using LeadMarket.Web.Localization;
using System.Security.Claims;
using System.Text;
using LeadMarket.Domain.Accounts;
using LeadMarket.Domain.Intake;
using LeadMarket.Infrastructure.Intake;
using Microsoft.Net.Http.Headers;

namespace LeadMarket.Web.Components.Intake;

/// <summary>
/// GET /publisher/batches/{id}/rejected.csv: a batch's rejected rows for its publisher, in the upload's own columns
/// plus a reason column (UTF-8 with BOM, as spreadsheets expect). Another publisher's batch, or a guessed id, is 404.
/// </summary>
public static class RejectedRowsDownload
{
    public static string PathOf(Guid batchId) => $"publisher/batches/{batchId}/rejected.csv";

    public static IEndpointRouteBuilder MapRejectedRowsDownload(this IEndpointRouteBuilder app)
    {
        app.MapGet("/publisher/batches/{id:guid}/rejected.csv", DownloadAsync)
            .RequireAuthorization(p => p.RequireRole(Roles.Publisher))
            .ExcludeFromDescription();
        return app;
    }

    private static async Task DownloadAsync(Guid id, HttpContext context, PublisherDesk desk, FieldErrorText words, CancellationToken ct)
    {
        var publisherId = context.User.FindFirstValue(ClaimTypes.NameIdentifier);
        if (publisherId is null || await desk.GetProgressAsync(publisherId, id, ct) is null)
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }

        var response = context.Response;
        response.ContentType = "text/csv; charset=utf-8";
        response.Headers[HeaderNames.ContentDisposition] = new ContentDispositionHeaderValue("attachment") { FileName = $"rejected-rows-{id:N}.csv" }.ToString();
        response.Headers[HeaderNames.CacheControl] = "no-store";
        await using var writer = new StreamWriter(response.Body, new UTF8Encoding(encoderShouldEmitUTF8Identifier: true), bufferSize: 16 * 1024, leaveOpen: true);
        // Each reason in the reader's language (the request's culture): "Field: words".
        await desk.WriteRejectedRowsAsync(publisherId, id, writer, words.Message, ct);
    }
}
