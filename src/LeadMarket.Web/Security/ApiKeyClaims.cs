using System.Security.Claims;

namespace LeadMarket.Web.Security;

/// <summary>Claims an API key puts on its principal besides the user's own.</summary>
public static class ApiKeyClaims
{
    /// <summary>Present with the value <c>true</c> when the request's key is a test (sandbox) key: it runs everything but stores and sells nothing.</summary>
    public const string TestKey = "lm:test-key";

    public static bool IsTestKey(ClaimsPrincipal? user) => user?.HasClaim(TestKey, "true") == true;
}
