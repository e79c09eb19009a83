using System.Diagnostics;
using Microsoft.AspNetCore.Diagnostics;

namespace LeadMarket.Web.Api;

/// <summary>
/// Turns what escapes an endpoint into problem details. Bad input (unreadable JSON) says what is wrong; anything
/// else says only that it failed, with a trace id. The log gets the exception's type and stack but not its message:
/// exception text can carry personal data.
/// </summary>
public sealed partial class ProblemDetailsExceptionHandler(IProblemDetailsService problems, ILogger<ProblemDetailsExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        var (status, title, detail) = exception switch
        {
            BadHttpRequestException bad => (bad.StatusCode, "The request could not be read.", bad.Message),
            OperationCanceledException => (StatusCodes.Status499ClientClosedRequest, "The request was cancelled.", null),
            _ => (StatusCodes.Status500InternalServerError, "The server failed to handle the request.", null),
        };
        if (status >= 500)
        {
            LogFailure(exception.GetType().FullName ?? exception.GetType().Name, httpContext.Request.Method, httpContext.Request.Path,
                Activity.Current?.Id ?? httpContext.TraceIdentifier, exception.StackTrace ?? "");
        }

        httpContext.Response.StatusCode = status;
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            Exception = exception,
            ProblemDetails = { Status = status, Title = title, Detail = detail },
        });
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "{ExceptionType} while handling {Method} {Path} (trace {TraceId})\n{StackTrace}")]
    private partial void LogFailure(string exceptionType, string method, string path, string traceId, string stackTrace);
}
