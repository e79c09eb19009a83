using Microsoft.AspNetCore.Diagnostics;

namespace LeadMarket.Web.Api;

/// <summary>
/// Turns what escapes an endpoint into problem details. Bad input (unreadable JSON) says what is wrong; anything
/// else says only that it failed, with a trace id: exception text can carry personal data.
/// </summary>
public sealed class ProblemDetailsExceptionHandler(IProblemDetailsService problems) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        var (status, title, detail) = exception switch
        {
            BadHttpRequestException bad => (bad.StatusCode, "The request could not be read.", bad.Message),
            OperationCanceledException => (StatusCodes.Status499ClientClosedRequest, "The request was cancelled.", null),
            _ => (StatusCodes.Status500InternalServerError, "The server failed to handle the request.", null),
        };
        httpContext.Response.StatusCode = status;
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            Exception = exception,
            ProblemDetails = { Status = status, Title = title, Detail = detail },
        });
    }
}
