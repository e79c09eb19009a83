using System.Security.Claims;
using LeadMarket.Infrastructure.Identity;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace LeadMarket.Web.Localization;

/// <summary>
/// The person's language and time zone travel in their sign-in cookie as claims, so a request knows them without a
/// database read; saving either refreshes the sign-in.
/// </summary>
public static class PreferenceClaims
{
    public const string Culture = "leadmarket:culture";
    public const string TimeZone = "leadmarket:timezone";
}

/// <summary>Identity's claims for a person, plus their stored language and time zone.</summary>
public sealed class MarketClaimsPrincipalFactory(
    UserManager<ApplicationUser> users,
    RoleManager<IdentityRole> roles,
    IOptions<IdentityOptions> options)
    : UserClaimsPrincipalFactory<ApplicationUser, IdentityRole>(users, roles, options)
{
    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(ApplicationUser user)
    {
        var identity = await base.GenerateClaimsAsync(user);
        if (MarketCultures.Normalize(user.Culture) is { } culture)
        {
            identity.AddClaim(new Claim(PreferenceClaims.Culture, culture));
        }

        if (!string.IsNullOrEmpty(user.TimeZone))
        {
            identity.AddClaim(new Claim(PreferenceClaims.TimeZone, user.TimeZone));
        }

        return identity;
    }
}
