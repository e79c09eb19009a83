using LeadMarket.Infrastructure.AfterSale;
using LeadMarket.Infrastructure.Intake;
using LeadMarket.Web.Security;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;
using Scalar.AspNetCore;

namespace LeadMarket.Web.Api;

/// <summary>
/// The REST API's description (DESIGN §6): the OpenAPI document at /openapi/v1.json lists the /api/v1 routes only,
/// with the API-key scheme, and /api shows it as an interactive reference (Scalar, served from its package).
/// Errors are problem details everywhere under /api, those the authentication writes included.
/// </summary>
public static class ApiDocumentation
{
    public const string DocumentPath = "/openapi/v1.json";
    public const string ReferencePath = "/api";
    private const string ApiKeySchemeName = "ApiKey";
    private const string ApiPrefix = "/api";

    public static IServiceCollection AddMarketApiDocumentation(this IServiceCollection services)
    {
        services.AddProblemDetails(o => o.CustomizeProblemDetails = DescribeAccessProblem);

        // Unreadable input (a limit that is no number, JSON that does not parse) reaches the exception handler in
        // every environment, which answers it as a problem naming what could not be read, not as an empty 400.
        services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);

        services.AddOpenApi(o =>
        {
            o.ShouldInclude = d => d.RelativePath is { } path
                && (path.Equals("api/v1", StringComparison.OrdinalIgnoreCase) || path.StartsWith("api/v1/", StringComparison.OrdinalIgnoreCase));
            o.AddDocumentTransformer((document, _, _) =>
            {
                document.Info = new OpenApiInfo
                {
                    Title = "LeadMarket API",
                    Version = "v1",
                    Description = Description,
                };
                document.Components ??= new OpenApiComponents();
                document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
                document.Components.SecuritySchemes[ApiKeySchemeName] = new OpenApiSecurityScheme
                {
                    Type = SecuritySchemeType.ApiKey,
                    In = ParameterLocation.Header,
                    Name = ApiKeyAuthenticationHandler.Header,
                    Description = "An API key created on your account's Integrations page.",
                };
                document.Security = [new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(ApiKeySchemeName, document)] = [] }];
                return Task.CompletedTask;
            });
        });
        return services;
    }

    public static IEndpointRouteBuilder MapMarketApiDocumentation(this IEndpointRouteBuilder app)
    {
        app.MapOpenApi("/openapi/{documentName}.json");

        // The page loads Scalar's scripts from this app (the package embeds them, served under /api/), never from a CDN;
        // a self-hosted market sends nothing elsewhere: no web fonts, telemetry or AI agent of Scalar's.
        app.MapScalarApiReference(ReferencePath, o => o
            .WithTitle("LeadMarket API")
            .WithOpenApiRoutePattern(DocumentPath)
            .AddPreferredSecuritySchemes(ApiKeySchemeName)
            .DisableDefaultFonts()
            .DisableTelemetry()
            .DisableAgent());
        return app;
    }

    private static string Description =>
        "REST for buyer and publisher systems. Authenticate with an API key from your account's Integrations page in the " +
        $"`{ApiKeyAuthenticationHandler.Header}` header. JSON is camelCase; errors are problem details (RFC 9457) saying what is wrong and where.\n\n" +
        "**Syncing purchases.** `GET /api/v1/purchases?after=<cursor>&limit=N` pages through your purchases oldest first, in the order " +
        "(time of purchase, purchase id). Every answer carries `next`, the cursor to send as `after` next time; when nothing is new it " +
        "continues from the same place. A system that stores the last `next` and polls with it sees each purchase exactly once and in order. " +
        $"Only purchases at least {PurchasedLeads.VisibilityHorizon.TotalSeconds:0} seconds old are listed: a purchase is timestamped on the " +
        "node that settles its lot shortly before it commits, so another node may commit one in the same millisecond a moment later; the wait " +
        "lets it land before a page can pass it. The guarantee holds for every purchase that commits within that time of its timestamp. " +
        "Cursors are opaque: send them back unchanged.";

    /// <summary>The authentication answers 401 and 403 without a body; under /api they become problems that say what to do.</summary>
    private static void DescribeAccessProblem(ProblemDetailsContext context)
    {
        if (!context.HttpContext.Request.Path.StartsWithSegments(ApiPrefix) || context.ProblemDetails.Detail is not null)
        {
            return;
        }

        switch (context.ProblemDetails.Status)
        {
            case StatusCodes.Status401Unauthorized:
                context.ProblemDetails.Title = "You are not signed in.";
                context.ProblemDetails.Detail = $"The request carries no valid API key. Send a key from your account's Integrations page in the {ApiKeyAuthenticationHandler.Header} header; a revoked key is no longer valid.";
                break;
            case StatusCodes.Status403Forbidden:
                context.ProblemDetails.Title = "Your account may not use this endpoint.";
                context.ProblemDetails.Detail = "The API key is valid, but its account has another role: buyer endpoints take buyer accounts' keys, publisher endpoints publisher accounts' keys.";
                break;
        }
    }
}
