using System.Security.Claims;

namespace LeadMarket.Web.Security;

/// <summary>The claims <see cref="ApiKeyAuthenticationHandler"/> adds about the key a system signed in with.</summary>
public static class ApiKeyClaims
{
    /// <summary>Present with the value <c>true</c> when the key is a test (sandbox) key: it runs everything, stores and sells nothing.</summary>
    public const string TestKey = "lm:test-key";

    /// <summary>The key's own rate limit in requests per minute, when it has one (else the market's default applies).</summary>
    public const string RequestsPerMinute = "lm:requests-per-minute";

    /// <summary>True when <paramref name="user"/> signed in with a test key.</summary>
    public static bool IsTestKey(ClaimsPrincipal? user) => user?.HasClaim(TestKey, "true") == true;

    /// <summary>The key's own rate limit, or null (a cookie sign-in, or a key with the default rate).</summary>
    public static int? RequestsPerMinuteOf(ClaimsPrincipal? user) =>
        user?.FindFirst(RequestsPerMinute)?.Value is { } value && int.TryParse(value, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var rate)
            ? rate
            : null;
}
