using System.Security.Claims;
using System.Text.Encodings.Web;
using LeadMarket.Infrastructure.Accounts;
using LeadMarket.Infrastructure.Identity;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace LeadMarket.Web.Security;

/// <summary>
/// Authenticates systems by API key: header <c>X-Api-Key</c> for REST, query <c>access_token</c> on the hub
/// (browsers' WebSocket API cannot set headers). Keys are looked up by hash and must not be revoked.
/// </summary>
public sealed class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    ApiKeyService keys,
    UserManager<ApplicationUser> users) : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ApiKey";
    public const string Header = "X-Api-Key";
    public const string QueryParameter = "access_token";

    /// <summary>The id of the key a principal was authenticated with (so a revocation can end its connections).</summary>
    public const string KeyIdClaim = "leadmarket:api_key_id";

    /// <summary>The id of the API key <paramref name="user"/> was authenticated with, or null for a cookie sign-in.</summary>
    public static Guid? KeyIdOf(ClaimsPrincipal? user) =>
        user?.FindFirst(KeyIdClaim)?.Value is { } value && Guid.TryParse(value, out var id) ? id : null;

    public static string? KeyOf(HttpRequest request)
    {
        if (request.Headers.TryGetValue(Header, out var header) && !string.IsNullOrEmpty(header))
        {
            return header.ToString();
        }

        return request.Path.StartsWithSegments("/hubs") && request.Query.TryGetValue(QueryParameter, out var token) && !string.IsNullOrEmpty(token)
            ? token.ToString()
            : null;
    }

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var key = KeyOf(Request);
        if (key is null)
        {
            return AuthenticateResult.NoResult();
        }

        var owner = await keys.FindAsync(key, Context.RequestAborted);
        if (owner is null || await users.FindByIdAsync(owner.UserId) is not { } user)
        {
            return AuthenticateResult.Fail("The API key is not valid or has been revoked.");
        }

        var claims = new List<Claim>
        {
            new(ClaimTypes.NameIdentifier, user.Id),
            new(ClaimTypes.Name, user.UserName ?? user.Id),
            new(KeyIdClaim, owner.KeyId.ToString()),
        };
        if (owner.IsTest)
        {
            claims.Add(new Claim(ApiKeyClaims.TestKey, "true"));
        }

        if (owner.RequestsPerMinute is { } rate)
        {
            claims.Add(new Claim(ApiKeyClaims.RequestsPerMinute, rate.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        }

        claims.AddRange((await users.GetRolesAsync(user)).Select(r => new Claim(ClaimTypes.Role, r)));
        var principal = new ClaimsPrincipal(new ClaimsIdentity(claims, SchemeName));
        return AuthenticateResult.Success(new AuthenticationTicket(principal, SchemeName));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        Response.Headers.WWWAuthenticate = $"{SchemeName} header=\"{Header}\"";
        return Task.CompletedTask;
    }
}
