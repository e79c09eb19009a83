namespace LeadMarket.Web.Security;

/// <summary>
/// Refuses (403) browser requests to the live endpoints (<c>/hubs/*</c>, <c>/_blazor*</c>) sent from a page of another
/// origin: WebSockets are not covered by CORS, so without this a foreign page could bid with a signed-in buyer's
/// cookie. A request passes when it has no <c>Origin</c> header (not a browser page), when its origin is the app's own
/// (same scheme, host and port as the request) or one listed in <c>Market:AllowedOrigins</c>, or when it is a
/// system's request to <c>/hubs</c> with an API key (then no cookie is used).
/// </summary>
public sealed class RealtimeOriginCheck
{
    public const string AllowedOriginsKey = "Market:AllowedOrigins";

    private readonly RequestDelegate next;
    private readonly HashSet<string> allowed;

    public RealtimeOriginCheck(RequestDelegate next, IConfiguration configuration)
    {
        this.next = next;
        allowed = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var section = configuration.GetSection(AllowedOriginsKey);
        var listed = section.GetChildren().Select(c => c.Value).Append(section.Value)
            .SelectMany(v => (v ?? "").Split([',', ';', ' '], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        foreach (var origin in listed)
        {
            allowed.Add(Normalize(origin) ?? throw new InvalidOperationException($"{AllowedOriginsKey}: '{origin}' is not an origin such as https://market.example.com."));
        }
    }

    public Task InvokeAsync(HttpContext context)
    {
        var request = context.Request;
        var hub = request.Path.StartsWithSegments("/hubs");
        if ((hub || request.Path.StartsWithSegments("/_blazor"))
            && !(hub && ApiKeyAuthenticationHandler.KeyOf(request) is not null)
            && request.Headers.Origin.Count > 0
            && !IsAllowed(request.Headers.Origin.ToString(), request))
        {
            context.Response.StatusCode = StatusCodes.Status403Forbidden;
            return Task.CompletedTask;
        }

        return next(context);
    }

    private bool IsAllowed(string origin, HttpRequest request)
    {
        if (Normalize(origin) is not { } normalized)
        {
            return false;
        }

        var own = Normalize($"{request.Scheme}://{request.Host.Value}");
        return string.Equals(normalized, own, StringComparison.OrdinalIgnoreCase) || allowed.Contains(normalized);
    }

    /// <summary>"scheme://host:port" with the port always written, or null for what is not an http(s) origin ("null", garbage).</summary>
    private static string? Normalize(string origin) =>
        origin.Length <= 300
        && Uri.TryCreate(origin, UriKind.Absolute, out var uri)
        && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)
        && uri.AbsolutePath == "/" && string.IsNullOrEmpty(uri.Query) && string.IsNullOrEmpty(uri.UserInfo)
            ? $"{uri.Scheme}://{uri.IdnHost}:{uri.Port}"
            : null;
}
