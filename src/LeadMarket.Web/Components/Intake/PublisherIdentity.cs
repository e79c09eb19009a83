using System.Security.Claims;
using Microsoft.AspNetCore.Components.Authorization;

namespace LeadMarket.Web.Components.Intake;

internal static class PublisherIdentity
{
    /// <summary>The signed-in user's id (the Identity user id in the NameIdentifier claim), or null.</summary>
    public static async Task<string?> IdAsync(Task<AuthenticationState> state)
    {
        var user = (await state).User;
        return user.Identity?.IsAuthenticated == true ? user.FindFirstValue(ClaimTypes.NameIdentifier) : null;
    }
}
